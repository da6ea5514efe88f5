"""The command line: a thin shell whose errors are messages with exit code 2."""

from __future__ import annotations

import json

import pytest

from pontes.cli import main
from tests.support.graphs import GOOD


@pytest.fixture
def env(monkeypatch, tmp_path):
    """Point the CLI at a fresh embedded store."""
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    return tmp_path


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "in" / "a.yaml"
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("load", "validate", "export", "stats", "schema", "app"):
        assert f"  {command}" in out


def test_load_twice_then_stats(env, seed_file, capsys):
    assert main(["load", str(seed_file)]) == 0
    assert main(["load", str(seed_file)]) == 0
    assert "Store now holds 3 nodes and 2 ties" in capsys.readouterr().out
    assert main(["stats"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats == {
        "nodes": {"Event": 1, "Organisation": 1, "Place": 1},
        "ties": {"LOCATED_IN": 1, "PARTICIPATED_IN": 1},
        "sources": 1,
    }


def test_invalid_file_is_a_message_not_a_traceback(env, seed_file, capsys):
    seed_file.write_text(GOOD.replace("country: DE, sources", "country: XX1, sources"), encoding="utf-8")
    assert main(["load", str(seed_file)]) == 2
    store_line, err = capsys.readouterr().err.split("\n", 1)
    assert store_line.startswith("Store: the embedded store ")  # named once, on stderr
    assert err.startswith("Error: 1 problem(s) in the input; nothing was written")
    assert f"{seed_file}: nodes[1] (Initiative Region Trier): country:" in err
    assert "Traceback" not in err
    assert main(["stats"]) == 2  # nothing was written: the store is still empty, and says so
    assert "holds no graph yet; load one first" in capsys.readouterr().err


def test_replace_validates_before_clearing(env, seed_file, tmp_path, capsys):
    assert main(["load", str(seed_file)]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("pontes: 1\nnodes: [{type: Topic}]\n", encoding="utf-8")
    assert main(["load", "--replace", str(bad)]) == 2
    capsys.readouterr()
    assert main(["stats"]) == 0
    assert sum(json.loads(capsys.readouterr().out)["nodes"].values()) == 3


@pytest.mark.parametrize(
    "fmt,name", [("json", "g.json"), ("graphml", "g.graphml"), ("gexf", "g.gexf"), ("csv", "tables")]
)
def test_export_every_format(env, seed_file, tmp_path, capsys, fmt, name):
    assert main(["load", str(seed_file)]) == 0
    out = tmp_path / name
    assert main(["export", "--format", fmt, "--out", str(out)]) == 0
    assert out.exists()


def test_validate_writes_nothing(env, seed_file, capsys):
    assert main(["validate", str(seed_file)]) == 0
    assert "OK: 1 source, 3 nodes, 2 ties in 1 file." in capsys.readouterr().out
    assert not (env / "cli.sqlite").exists()


def test_schema_to_stdout(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Pontes seed document"


def test_bad_settings_are_a_message(monkeypatch, capsys):
    monkeypatch.setenv("PONTES_STORE", "neo4j")
    assert main(["stats"]) == 2
    assert "NEO4J_URI" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    """``python -m pontes`` for a Python whose scripts are not on PATH: same commands, same exit codes."""
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "pontes", "--help"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and "  suggest" in ok.stdout and "Usage: pontes" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "pontes", "validate", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
