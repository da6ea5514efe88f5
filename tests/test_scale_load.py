"""Participation tables at moderate size: the load path, idempotent re-runs, the analysis projection.

The table (tests/support/scale.py) has 2,000 organisations in 1,200
projects, shaped like CORDIS. Both stores run every test marked with the
``store`` fixture.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from graph.analysis.views import collaboration_network, project_incidence
from graph.errors import ValidationFailed
from graph.model import NodeType, OrgKind, Source, TieType
from loaders import write_plan
from loaders.tables import read_participation_plan
from pontes.cli import main
from tests.support.scale import participation_rows, write_table

TABLE = {"actor": "pic", "event": "rcn", "time": "start_year", "attributes": ["country", "type"]}


@pytest.fixture(scope="module")
def rows():
    return participation_rows()


@pytest.fixture
def table(tmp_path, rows):
    return write_table(tmp_path / "projects.csv.gz", rows)


SOURCE = Source(id="synthetic", title="Synthetic projects", publisher="Tests")


def plan_of(path, **kw):
    return read_participation_plan(path, **TABLE, source=SOURCE, **kw)


@pytest.mark.parametrize("atomic", [True, False], ids=["atomic", "batched"])
def test_loading_a_table_twice_gives_identical_counts(store, table, rows, atomic):
    plan = plan_of(table)
    frame = pd.DataFrame(rows)
    assert len(plan.nodes) == frame["pic"].nunique() + frame["rcn"].nunique()
    assert len(plan.ties) == len(frame.drop_duplicates(["pic", "rcn"]))
    write_plan(store, plan, atomic=atomic, batch_size=700)
    counts, snapshot = store.counts(), store.snapshot()
    assert counts.nodes == {NodeType.ORGANISATION: frame["pic"].nunique(), NodeType.EVENT: frame["rcn"].nunique()}
    assert counts.ties == {TieType.PARTICIPATED_IN: len(plan.ties)}
    write_plan(store, plan_of(table), atomic=atomic, batch_size=700)
    assert store.counts() == counts
    assert store.snapshot() == snapshot


def test_a_changed_row_is_rewritten_and_only_it(store, tmp_path, rows):
    write_plan(store, plan_of(write_table(tmp_path / "a.csv.gz", rows)))
    before = {n.id: n for n in store.snapshot().nodes}
    moved = next(r["pic"] for r in rows if r["country"] != "LU")
    changed = [{**r, "country": "LU"} if r["pic"] == moved else r for r in rows]
    write_plan(store, plan_of(write_table(tmp_path / "b.csv.gz", changed)))
    after = {n.id: n for n in store.snapshot().nodes}
    assert after.keys() == before.keys()
    differ = [nid for nid in after if after[nid] != before[nid]]
    assert differ == [f"org:{moved}"]
    assert after[f"org:{moved}"].country == "LU"


def test_a_reload_of_unchanged_rows_writes_no_row_in_the_embedded_store(embedded_store, table):
    write_plan(embedded_store, plan_of(table))
    conn = embedded_store._conn
    before = conn.total_changes
    write_plan(embedded_store, plan_of(table))
    assert conn.total_changes - before == 1  # the version counter, nothing else


class StatementSpy:
    """A driver whose transactions record every statement they run."""

    def __init__(self, driver):
        self._driver = driver
        self.statements: list[str] = []

    def close(self):
        pass

    def session(self, **config):
        spy, inner = self, self._driver.session(**config)

        class Tx:
            def __init__(self, tx):
                self._tx = tx

            def run(self, query, *args, **kwargs):
                spy.statements.append(query)
                return self._tx.run(query, *args, **kwargs)

        class Session:
            def __enter__(self):
                inner.__enter__()
                return self

            def __exit__(self, *exc):
                return inner.__exit__(*exc)

            def execute_read(self, work, *a, **kw):
                return inner.execute_read(lambda tx: work(Tx(tx)), *a, **kw)

            def execute_write(self, work, *a, **kw):
                return inner.execute_write(lambda tx: work(Tx(tx)), *a, **kw)

            def run(self, *a, **kw):
                return inner.run(*a, **kw)

        return Session()

    def __getattr__(self, name):
        return getattr(self._driver, name)


@pytest.mark.neo4j
def test_a_reload_of_unchanged_rows_sends_no_row_to_neo4j(neo4j_store, neo4j_driver, neo4j_server, table):
    from graph.store import cypher
    from graph.store.neo4j_store import Neo4jStore

    spy = StatementSpy(neo4j_driver)
    store = Neo4jStore(spy, database=neo4j_server[1])
    write_plan(store, plan_of(table))
    writes = set(cypher.UPSERT_NODES_OF_TYPE.values()) | set(cypher.UPSERT_TIES.values())
    assert writes & set(spy.statements)
    spy.statements.clear()
    write_plan(store, plan_of(table))
    assert not writes & set(spy.statements)  # only the hash look-ups and the version
    assert cypher.UNCHANGED_NODES in spy.statements


def test_display_names_kinds_and_countries(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(
        "pic\trcn\tstart_year\tcountry\ttype\tlegal_name\n"
        "111\t9\t2019\tEL\tPRC\tAcme Ltd\n"
        "222\t9\t2019-07-02\tUK\tHES\t\n"
        "222\t8\t2016\tUK\tHES\t\n"
        "333\t8\tNA\tDE\tREC\t\n",
        encoding="utf-8",
    )
    plan = read_participation_plan(path, **TABLE, name="legal_name")
    nodes = {n.id: n for n in plan.nodes}
    assert nodes["org:111"].name == "Acme Ltd"
    assert nodes["org:222"].name == "PIC 222 (UK, HES)"
    assert (nodes["org:111"].country, nodes["org:111"].kind) == ("GR", OrgKind.COMPANY)
    assert (nodes["org:222"].country, nodes["org:222"].kind) == ("GB", OrgKind.RESEARCH)
    assert "org:333" not in nodes  # its only row has no time
    assert nodes["event:9-2019"].name == "RCN 9"
    assert {(t.source, t.target, t.start) for t in plan.ties} == {
        ("org:111", "event:9-2019", "2019"),
        ("org:222", "event:9-2019", "2019"),
        ("org:222", "event:8-2016", "2016"),
    }
    assert [s.id for s in plan.sources] == ["tiny"]


def test_bad_cells_are_located_and_nothing_is_planned(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("pic,rcn,start_year,country,type\n111,9,2019,DE,XYZ\n,9,2019,DE,PRC\n222,9,soon,DE,PRC\n")
    with pytest.raises(ValidationFailed) as err:
        read_participation_plan(path, **TABLE)
    where = {(p.entry, p.field) for p in err.value.problems}
    assert where == {("row 3", "pic"), ("row 4", "start_year")}  # the reader stops at unreadable cells
    # years in other scripts' digits are not years here, as in the model ("２０１８", "٢٠١٨", "2018-٠٥")
    path.write_text("pic,rcn,start_year\n111,9,２０１８\n222,9,٢٠١٨\n333,9,2018-٠٥\n444,9,2018\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        read_participation_plan(path, actor="pic", event="rcn", time="start_year")
    assert {(p.entry, p.field) for p in err.value.problems} == {(f"row {r}", "start_year") for r in (2, 3, 4)}
    path.write_text("pic,rcn,start_year,country,type\n111,9,2019,DE,XYZ\n222,9,2019,Germany,PRC\n")
    with pytest.raises(ValidationFailed) as err:
        read_participation_plan(path, **TABLE)
    assert {(p.entry, p.field) for p in err.value.problems} == {("actor 111", "type"), ("actor 222", "country")}


def test_the_collaboration_network_from_the_store_is_the_table_projection(store, table, rows):
    write_plan(store, plan_of(table))
    net = collaboration_network(store.cached_snapshot())
    frame = pd.DataFrame(rows).drop_duplicates(["pic", "rcn"])
    actors = sorted(f"org:{p}" for p in frame["pic"].unique())
    events = sorted(frame["rcn"].unique())
    expected = project_incidence(
        actors,
        frame["pic"].map({a[4:]: i for i, a in enumerate(actors)}).to_numpy(),
        frame["rcn"].map({e: i for i, e in enumerate(events)}).to_numpy(),
    )
    assert net.nodes == expected.nodes
    assert np.array_equal(net.indptr, expected.indptr) and np.array_equal(net.indices, expected.indices)
    assert np.array_equal(net.weights, expected.weights)
    country = dict(zip("org:" + frame["pic"], frame["country"].replace({"EL": "GR", "UK": "GB"})))
    assert net.attr("country") == [country[a] for a in actors]


# -- the command line -------------------------------------------------------------
@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    return tmp_path


def test_pontes_load_participations_twice(env, table, rows, capsys):
    args = [
        "load",
        "--participations",
        str(table),
        "--actor",
        "pic",
        "--event",
        "rcn",
        "--time",
        "start_year",
        "--attr",
        "country",
        "--attr",
        "type",
        "--source-title",
        "Synthetic projects",
        "--publisher",
        "Tests",
    ]
    assert main(args) == 0
    assert main([*args, "--batched", "--batch-size", "500"]) == 0
    frame = pd.DataFrame(rows)
    n_nodes, n_ties = frame["pic"].nunique() + frame["rcn"].nunique(), len(frame.drop_duplicates(["pic", "rcn"]))
    assert f"Store now holds {n_nodes} nodes and {n_ties} ties" in capsys.readouterr().out.splitlines()[-1]
    assert main(["stats"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["ties"] == {"PARTICIPATED_IN": n_ties} and stats["sources"] == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--participations", "t.csv", "--actor", "pic"],
        ["seeds", "--participations", "t.csv", "--actor", "pic", "--event", "rcn", "--time", "y"],
    ],
)
def test_pontes_load_usage_errors(env, args, capsys):
    assert main(["load", *args]) == 2
    assert "Error" in capsys.readouterr().err


def test_pontes_load_participations_reports_bad_cells(env, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("pic,rcn,start_year\n111,9,2019\n222,9,someday\n")
    assert (
        main(["load", "--participations", str(path), "--actor", "pic", "--event", "rcn", "--time", "start_year"]) == 2
    )
    err = capsys.readouterr().err
    assert f"{path}: row 3: start_year:" in err and "nothing was written" in err
    assert main(["stats"]) == 2  # the store is still empty, and says so
    assert "holds no graph yet" in capsys.readouterr().err
