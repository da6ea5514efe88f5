"""``pontes metrics`` on the seed network and on a user's GraphML file."""

from __future__ import annotations

import json
import re

import networkx as nx
import pandas as pd
import pytest

from pontes.cli import main
from pontes.settings import REPO_ROOT
from tests.support.analysis import karate


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    return tmp_path


def test_metrics_on_the_seed_network(env, capsys):
    assert main(["load", str(REPO_ROOT / "seeds")]) == 0
    out = env / "m"
    assert main(["metrics", "--out", str(out), "--graph-format", "gexf", "--seed", "3"]) == 0
    printed = capsys.readouterr().out
    assert "cross-border ties" in printed and "wrote" in printed
    table = pd.read_csv(out / "node_metrics.csv")
    assert table.columns[0] == "id" and "brokerage_liaison" in table.columns
    assert len(table) > 10 and table["country"].notna().any()
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["input"] == {"kind": "store", "backend": "embedded"}
    assert meta["sources"] and meta["parameters"]["seed"] == 3
    assert (out / "metrics.gexf").exists()
    # same seed, same snapshot: identical table
    assert main(["metrics", "--out", str(env / "again"), "--seed", "3"]) == 0
    assert pd.read_csv(env / "again" / "node_metrics.csv").equals(table)


def test_metrics_window_and_full_view(env):
    assert main(["load", str(REPO_ROOT / "seeds")]) == 0
    assert main(["metrics", "--out", str(env / "w"), "--view", "full", "--from", "2010", "--to", "2016"]) == 0
    meta = json.loads((env / "w" / "metadata.json").read_text())
    assert meta["window"] == {"start": 2010, "end": 2016} and meta["view"]["view"] == "full"


def test_metrics_on_a_user_graphml(env, capsys):
    g = karate()
    path = env / "karate.graphml"
    nx.write_graphml(g, path)
    assert (
        main(
            [
                "metrics",
                "--input",
                str(path),
                "--group-attr",
                "club",
                "--out",
                str(env / "k"),
                "--graph-format",
                "graphml",
            ]
        )
        == 0
    )
    table = pd.read_csv(env / "k" / "node_metrics.csv", dtype={"id": str})
    assert len(table) == 34
    summary = json.loads((env / "k" / "summary.json").read_text())["summary"]
    assert summary["cross_border_ties"] == sum(1 for u, v in g.edges() if g.nodes[u]["club"] != g.nodes[v]["club"])
    assert nx.read_graphml(env / "k" / "metrics.graphml").nodes["0"]["community"] >= 0


@pytest.mark.parametrize(
    "args",
    [
        ["--group-attr", "nope"],
        ["--input", "missing.graphml"],
        ["--from", "2020", "--to", "2010"],
        ["--as-of", "2015", "--to", "2016"],
    ],
)
def test_metrics_errors_are_messages(env, capsys, args):
    assert main(["load", str(REPO_ROOT / "seeds")]) == 0
    capsys.readouterr()
    assert main(["metrics", "--out", str(env / "x"), *args]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"(Store: [^\n]*\n)?Error: [^\n]+\n", err), err  # one line, no traceback
