"""Benchmark: the whole metric suite on the CORDIS Horizon 2020 collaboration
network, next to the plain networkx calls that give the same outputs.

Run from the repository root (nice: the machine is shared)::

    nice python bench/bench_metrics.py --runs 3 --json bench/results.json

For each step it prints the median wall time of ``--runs`` runs of the
Pontes suite, the step's peak resident memory (VmHWM, reset before every
step), and the time of the networkx calls for the same output in the same
process, with how the two agree. Some networkx calls would run for hours
on this network; they are timed on a sample and scaled up (marked
``extrapolated``), as stated per step:

- sampled betweenness: networkx's own ``k``-pivot estimate with fewer pivots,
  scaled linearly to the suite's pivot count (its cost is linear in ``k``);
- closeness, constraint, effective size, brokerage: the per-node calls on a
  random node sample, scaled by a cost model (closeness: one search per
  node; the others: the sum of squared degrees of all nodes over that of the
  sample);
- border bridges: networkx has no group-pair bridges; the plain approach
  (remove each articulation point / bridge, recompute components) is timed
  on a sample of them and scaled.

Nothing here is asserted: benchmarks print figures, tests check values.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cordis
from harness import peak_mb, reset_peak  # what the benchmarks share

from graph.analysis import border, centrality
from graph.analysis.suite import STEPS, MetricParams, compute_metrics

SEED = 42


class Meter:
    """Times a block and records its peak memory."""

    def __init__(self):
        self.rows: dict[str, tuple[float, float, float]] = {}

    def __call__(self, name, fn, *args, **kwargs):
        reset_peak()
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn(*args, **kwargs)
        self.rows[name] = (time.perf_counter() - t0, time.process_time() - c0, peak_mb())
        return out

    def scale(self, name: str, factor: float, extra: float = 0.0) -> None:
        wall, cpu, peak = self.rows[name]
        self.rows[name] = (wall * factor + extra, cpu * factor + extra, peak)


# -- the Pontes suite ------------------------------------------------------------------


def run_suite(df, params: MetricParams) -> tuple[dict[str, tuple[float, float, float]], object, object]:
    """One run: ``{step: (wall s, cpu s, peak MB)}``, the network and the result."""
    rows: dict[str, tuple[float, float, float]] = {}
    reset_peak()
    t0, c0 = time.perf_counter(), time.process_time()
    net = cordis.projection(df)
    rows["projection"] = (time.perf_counter() - t0, time.process_time() - c0, peak_mb())
    state: dict = {"step": None}

    def progress(step, i, n):
        now, cpu = time.perf_counter(), time.process_time()
        if state["step"] is not None:
            rows[state["step"]] = (now - state["t"], cpu - state["c"], peak_mb())
        reset_peak()
        state.update(step=step, t=time.perf_counter(), c=time.process_time())

    result = compute_metrics(net, params, on_progress=progress)
    return rows, net, result


# -- plain networkx ----------------------------------------------------------------------


def nx_projection(df):
    b = nx.Graph()
    orgs = sorted(set(df["pic"].tolist()))
    b.add_nodes_from(orgs, bipartite=0)
    b.add_nodes_from((f"p{x}" for x in set(df["rcn"].tolist())), bipartite=1)
    b.add_edges_from(zip(df["pic"].tolist(), (f"p{x}" for x in df["rcn"].tolist())))
    g = nx.bipartite.weighted_projected_graph(b, orgs)
    country = dict(zip(df["pic"].tolist(), df["country"].tolist()))
    nx.set_node_attributes(g, country, "country")
    return g


def ratio_sample(nodes, cost, size, rng, max_degree, deg):
    """A sample of nodes with degree 1..``max_degree`` (so the timed run stays short) and the
    factor that scales its time to all nodes by the cost model ``cost``."""
    pool = [v for v in nodes if 0 < deg[v] <= max_degree]
    sample = rng.sample(pool, size)
    total = sum(cost[v] for v in nodes)
    part = sum(cost[v] for v in sample)
    return sample, total / part


def plain_ei(g, attr):
    grp = nx.get_node_attributes(g, attr)
    ei, groups = {}, {}
    for v in g:
        e = sum(1 for u in g[v] if grp[u] != grp[v])
        i = g.degree(v) - e
        ei[v] = (e - i) / (e + i) if e + i else float("nan")
    for u, v in g.edges():
        for x in {grp[u], grp[v]}:
            s = groups.setdefault(x, [0, 0])
            s[0 if grp[u] == grp[v] else 1] += 1
    return ei, groups


def plain_brokerage(g, attr, nodes):
    grp = nx.get_node_attributes(g, attr)
    out = {}
    for b in nodes:
        counts = dict.fromkeys(border.ROLES, 0)
        nbrs = list(g[b])
        for a, c in itertools.permutations(nbrs, 2):
            if g.has_edge(a, c):
                continue
            ga, gb, gc = grp[a], grp[b], grp[c]
            if ga == gb == gc:
                counts["coordinator"] += 1
            elif ga == gc:
                counts["itinerant"] += 1
            elif ga == gb:
                counts["representative"] += 1
            elif gb == gc:
                counts["gatekeeper"] += 1
            else:
                counts["liaison"] += 1
        out[b] = counts
    return out


def plain_group_pairs(g, attr):
    grp = nx.get_node_attributes(g, attr)
    pairs = set()
    for comp in nx.connected_components(g):
        labels = sorted({grp[x] for x in comp})
        pairs |= set(itertools.combinations(labels, 2))
    return pairs


def baseline(df, net, result, params, *, pivot_sample: int, node_sample: int) -> dict:
    """Time the networkx calls for every output of the suite; return rows and agreement notes."""
    rng = random.Random(SEED)
    m = Meter()
    rows: dict[str, dict] = {}
    table = result.table.set_index("id")
    g = m("projection", nx_projection, df)
    rows["projection"] = {
        "how": "bipartite.weighted_projected_graph",
        "agree": f"same ties: {g.number_of_edges() == net.m}",
    }
    nodes = list(g.nodes())
    assert nodes == list(net.nodes)
    n = len(nodes)
    deg = dict(g.degree())
    # cost models of the per-node networkx calls: open-pair loops visit d^2 pairs;
    # networkx's constraint/effective_size recompute a neighbour sum per pair: d^3 + d * (sum of neighbour degrees)
    pairs_cost = {v: d * d + 1 for v, d in deg.items()}
    holes_cost = {v: d**3 + d * sum(deg[u] for u in g[v]) + 1 for v, d in deg.items()}

    d1 = m("degree", lambda: (dict(g.degree()), dict(g.degree(weight="weight"))))
    rows["degree"] = {
        "how": "Graph.degree",
        "agree": "equal: "
        + str(all(d1[0][v] == table.at[v, "degree"] and d1[1][v] == table.at[v, "weighted_degree"] for v in nodes)),
    }

    k = result.parameters["pivots_used"] or n
    bc = m("betweenness", nx.betweenness_centrality, g, k=pivot_sample, seed=SEED)
    m.scale("betweenness", k / pivot_sample)
    ours = centrality.betweenness(net, k=pivot_sample, seed=SEED)
    diff = max(abs(ours[v] - bc[v]) for v in nodes)
    rows["betweenness"] = {
        "how": f"betweenness_centrality(k={pivot_sample}) x {k}/{pivot_sample}, extrapolated",
        "agree": f"same {pivot_sample} pivots: max |diff| {diff:.1e}",
    }

    sample = rng.sample(nodes, node_sample)
    cl = m("closeness", lambda: {v: nx.closeness_centrality(g, u=v) for v in sample})
    m.scale("closeness", n / node_sample)
    rel = max(abs(table.at[v, "closeness"] - cl[v]) / cl[v] for v in sample if cl[v] > 0)
    rows["closeness"] = {
        "how": f"exact closeness_centrality(u=...) on {node_sample} nodes x n, extrapolated",
        "agree": f"sampled vs exact on {node_sample} nodes: max rel. err {rel:.1e}",
    }

    def eig():
        lcc = g.subgraph(max(nx.connected_components(g), key=len))
        return nx.eigenvector_centrality_numpy(lcc, weight="weight")

    ev = m("eigenvector", eig)
    rows["eigenvector"] = {
        "how": "eigenvector_centrality_numpy (largest component)",
        "agree": f"max |diff| {max(abs(table.at[v, 'eigenvector'] - ev[v]) for v in ev):.1e}",
    }

    pr = m("pagerank", nx.pagerank, g, alpha=params.pagerank_alpha, weight="weight")
    rows["pagerank"] = {
        "how": "pagerank",
        "agree": f"max |diff| {max(abs(table.at[v, 'pagerank'] - pr[v]) for v in nodes):.1e}",
    }

    cc = m("clustering", nx.clustering, g)
    rows["clustering"] = {
        "how": "clustering",
        "agree": f"max |diff| {max(abs(table.at[v, 'clustering'] - cc[v]) for v in nodes):.1e}",
    }

    core = m("core_number", nx.core_number, g)
    rows["core_number"] = {
        "how": "core_number",
        "agree": f"equal: {all(core[v] == table.at[v, 'core_number'] for v in nodes)}",
    }

    sample, scale = ratio_sample(nodes, holes_cost, node_sample, rng, 40, deg)

    def holes():
        return (nx.constraint(g, nodes=sample, weight="weight"), nx.effective_size(g, nodes=sample, weight="weight"))

    con, eff = m("structural_holes", holes)
    m.scale("structural_holes", scale)
    dc = max(abs(table.at[v, "constraint"] - con[v]) for v in sample if not np.isnan(con[v]))
    de = max(abs(table.at[v, "effective_size"] - eff[v]) for v in sample if not np.isnan(eff[v]))
    rows["structural_holes"] = {
        "how": f"constraint + effective_size(nodes=...) on {node_sample} nodes of degree <= 40, scaled by cost d^3 + d*sum(d_nbr), extrapolated",
        "agree": f"max |diff| {max(dc, de):.1e} on the sample",
    }

    parts = m("communities", nx.community.louvain_communities, g, weight="weight", seed=SEED)
    q_nx = nx.community.modularity(g, parts, weight="weight")
    rows["communities"] = {
        "how": "louvain_communities (networkx has no Leiden of its own)",
        "agree": f"modularity: Pontes Leiden {result.summary['modularity']:.4f}, networkx Louvain {q_nx:.4f}",
    }

    def border_plain():
        ei, _ = plain_ei(g, "country")
        mix = nx.attribute_mixing_matrix(g, "country")
        r = nx.attribute_assortativity_coefficient(g, "country")
        return ei, mix, r

    ei, _, r = m("border", border_plain)
    rows["border"] = {
        "how": "Python E-I loop + attribute_mixing_matrix + attribute_assortativity_coefficient",
        "agree": f"E-I equal: {all(np.isclose(ei[v], table.at[v, 'ei_index'], equal_nan=True) for v in nodes)}; "
        f"assortativity |diff| {abs(r - result.summary['assortativity']):.1e}",
    }

    sample, scale = ratio_sample(nodes, pairs_cost, node_sample, rng, 200, deg)
    br = m("brokerage", plain_brokerage, g, "country", sample)
    m.scale("brokerage", scale)
    same = all(br[v][role] == table.at[v, f"brokerage_{role}"] for v in sample for role in border.ROLES)
    rows["brokerage"] = {
        "how": f"Python open-pair loop on {node_sample} nodes of degree <= 200, scaled by cost d^2, extrapolated",
        "agree": f"equal on the sample: {same}",
    }

    def bridges_plain():
        aps = list(nx.articulation_points(g))
        brs = list(nx.bridges(g))
        base = plain_group_pairs(g, "country")
        few_aps = rng.sample(aps, min(5, len(aps)))
        t0 = time.perf_counter()
        for v in few_aps:
            h = g.copy()
            h.remove_node(v)
            plain_group_pairs(h, "country")
        per = (time.perf_counter() - t0) / max(len(few_aps), 1)
        return aps, brs, base, per * (len(aps) + len(brs))

    aps, brs, _, extra = m("bridges", bridges_plain)
    m.scale("bridges", 1.0, extra)
    ours_aps = set(result.bridges.loc[result.bridges["kind"] == "actor", "u"]) if len(result.bridges) else set()
    rows["bridges"] = {
        "how": "articulation_points + bridges + remove-and-recompute per cut vertex/bridge (5 timed), extrapolated",
        "agree": f"{len(aps)} cut vertices, {len(brs)} bridges; border-bridge actors are cut vertices: {ours_aps <= set(aps)}",
    }

    def summ():
        lcc = g.subgraph(max(nx.connected_components(g), key=len))
        return nx.number_connected_components(g), nx.density(g), nx.diameter(lcc, usebounds=True)

    comps, dens, diam = m("summary", summ)
    rows["summary"] = {
        "how": "number_connected_components + density + diameter(usebounds=True)",
        "agree": f"diameter {diam} vs {result.summary['diameter']}, components {comps} vs {result.summary['components']}",
    }
    for name, (wall, cpu, p) in m.rows.items():
        rows[name].update(seconds=wall, cpu_seconds=cpu, peak_mb=p)
    return rows


# -- report ----------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="Runs of the Pontes suite (median reported)")
    ap.add_argument("--no-baseline", action="store_true", help="Skip the networkx baseline")
    ap.add_argument("--pivot-sample", type=int, default=10, help="Pivots of networkx's sampled betweenness run")
    ap.add_argument("--node-sample", type=int, default=100, help="Nodes of the per-node networkx runs")
    ap.add_argument("--json", type=Path, default=None, help="Also write the figures to this file")
    args = ap.parse_args(argv)

    reset_peak()
    t0 = time.perf_counter()
    df = cordis.participations()
    load = (time.perf_counter() - t0, peak_mb())
    params = MetricParams(seed=SEED)
    runs = []
    for i in range(args.runs):
        rows, net, result = run_suite(df, params)
        runs.append(rows)
        print(
            f"run {i + 1}: wall {sum(r[0] for r in rows.values()):.1f} s, cpu {sum(r[1] for r in rows.values()):.1f} s, "
            f"peak {max(r[2] for r in rows.values()):.0f} MB",
            flush=True,
        )
    steps = ["projection", *STEPS]
    ours = {
        s: tuple(statistics.median(r[s][j] for r in runs) for j in (0, 1)) + (max(r[s][2] for r in runs),)
        for s in steps
    }
    base = None
    if not args.no_baseline:
        base = baseline(df, net, result, params, pivot_sample=args.pivot_sample, node_sample=args.node_sample)

    print()
    print(
        f"CORDIS H2020: {net.n} organisations, {net.m} ties; load {load[0]:.2f} s; "
        f"median of {args.runs} runs; times in seconds (wall / cpu), peak resident memory per step in MB"
    )
    print(
        f"pivots for betweenness/closeness: {result.parameters['pivots_used']} "
        f"(error bound {result.parameters['betweenness_error_bound']:.3f}, delta {params.delta})"
    )
    head = f"{'step':<17}{'Pontes wall':>12}{'cpu':>8}{'MB':>7}"
    if base:
        head += f"{'networkx wall':>14}{'cpu':>9}{'MB':>7}{'cpu ratio':>10}  agreement [how networkx was timed]"
    print(head)
    for s in steps:
        wall, cpu, p = ours[s]
        line = f"{s:<17}{wall:>12.2f}{cpu:>8.2f}{p:>7.0f}"
        if base:
            b = base[s]
            line += (
                f"{b['seconds']:>14.1f}{b['cpu_seconds']:>9.1f}{b['peak_mb']:>7.0f}"
                f"{b['cpu_seconds'] / max(cpu, 1e-3):>9.0f}x  {b['agree']} [{b['how']}]"
            )
        print(line)
    tot_wall = sum(v[0] for v in ours.values())
    tot_cpu = sum(v[1] for v in ours.values())
    peak = max(v[2] for v in ours.values())
    line = f"{'total':<17}{tot_wall:>12.2f}{tot_cpu:>8.2f}{peak:>7.0f}"
    nx_wall = nx_cpu = None
    if base:
        nx_wall = sum(b["seconds"] for b in base.values())
        nx_cpu = sum(b["cpu_seconds"] for b in base.values())
        line += (
            f"{nx_wall:>14.0f}{nx_cpu:>9.0f}{max(b['peak_mb'] for b in base.values()):>7.0f}{nx_cpu / tot_cpu:>9.0f}x"
        )
    print(line)
    if base:
        timed = [s for s in steps if "extrapolated" not in base[s]["how"]]
        ours_cpu = sum(ours[s][1] for s in timed)
        ours_wall = sum(ours[s][0] for s in timed)
        nx_t_cpu = sum(base[s]["cpu_seconds"] for s in timed)
        nx_t_wall = sum(base[s]["seconds"] for s in timed)
        print(
            f"{'timed in full':<17}{ours_wall:>12.2f}{ours_cpu:>8.2f}{'':>7}{nx_t_wall:>14.1f}{nx_t_cpu:>9.1f}{'':>7}"
            f"{nx_t_cpu / ours_cpu:>9.0f}x  (only the steps whose networkx calls ran in full: {', '.join(timed)})"
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "machine": {
                        "cpus": os.cpu_count(),
                        "platform": platform.platform(),
                        "python": platform.python_version(),
                        "networkx": nx.__version__,
                    },
                    "network": {"nodes": net.n, "ties": net.m},
                    "runs": args.runs,
                    "pontes": {k: dict(zip(("wall", "cpu", "peak_mb"), v)) for k, v in ours.items()},
                    "pontes_total": {"wall": tot_wall, "cpu": tot_cpu, "peak_mb": peak},
                    "parameters": result.parameters,
                    "networkx": base,
                    "networkx_total": {"wall": nx_wall, "cpu": nx_cpu} if base else None,
                },
                indent=2,
                default=str,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
