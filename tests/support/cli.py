"""The CLI on a fresh embedded store holding the seed network (fixture ``seeded_cli``;
registered in conftest.py)."""

from __future__ import annotations

import pytest

from pontes.cli import main
from pontes.settings import REPO_ROOT

SEEDS = REPO_ROOT / "seeds"


@pytest.fixture
def seeded_cli(monkeypatch, tmp_path, capsys):
    """``pontes load seeds/`` into ``tmp_path/cli.sqlite`` (PONTES_DB_PATH); yields ``tmp_path``."""
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    assert main(["load", str(SEEDS)]) == 0
    capsys.readouterr()
    return tmp_path
