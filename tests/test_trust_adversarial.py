"""A hostile new user's round: the classes of failure found by trying every command with
what it should refuse, each a test that failed before its fix.

Options: numbers that are no numbers (``nan``, ``inf``) or out of any sensible range
(a negative seed, year 99999) are refused while the options are read, naming the option.
"""

from __future__ import annotations

import click
import pytest

from graph.errors import UnknownName
from pontes.cli import cli, main
from pontes.settings import REPO_ROOT

SEEDS = REPO_ROOT / "seeds"


@pytest.fixture
def seeded(monkeypatch, tmp_path, capsys):
    """The CLI on a fresh embedded store holding the seed network."""
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    assert main(["load", str(SEEDS)]) == 0
    capsys.readouterr()
    return tmp_path


PARTICIPATIONS = ["--participations", "table.csv", "--actor", "pic", "--event", "rcn", "--time", "year"]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["duplicates", "--threshold", "nan"], "threshold"),
        (["review", "accept", "b", "--all", "--min-confidence", "nan"], "min_confidence"),
        (["metrics", "--out", "m", "--resolution", "nan"], "resolution"),
        (["metrics", "--out", "m", "--half-life", "inf"], "half_life"),
        (["metrics", "--out", "m", "--epsilon", "nan"], "epsilon"),
        (["metrics", "--out", "m", "--seed", "-1"], "seed"),
        (["metrics", "--out", "m", "--as-of", "99999"], "as_of"),
        (["metrics", "--out", "m", "--from", "0"], "start"),
        (["evaluate", *PARTICIPATIONS, "--cut", "nan"], "cut"),
        (["evaluate", *PARTICIPATIONS, "--cut", "inf"], "cut"),
        (["evaluate", *PARTICIPATIONS, "--cut", "2018", "--seed", "-1"], "seed"),
        (["server", "start", "--timeout", "nan"], "timeout"),
    ],
)
def test_numbers_no_option_can_use_are_refused_naming_the_option(args, option):
    with pytest.raises(click.BadParameter) as caught:
        cli.main(args=args, prog_name="pontes", standalone_mode=False)
    assert caught.value.param is not None and caught.value.param.name == option


def test_an_unknown_scorer_is_a_pontes_error_listing_the_known_ones(seeded, capsys):
    with pytest.raises(UnknownName) as caught:
        cli.main(args=["suggest", "org:cafe-baer", "--scorer", "nope"], prog_name="pontes", standalone_mode=False)
    assert caught.value.what == "scorer" and caught.value.name == "nope" and "learned" in caught.value.known
    assert isinstance(caught.value, KeyError)  # what callers of get_scorer catch
    capsys.readouterr()
    assert main(["suggest", "org:cafe-baer", "--scorer", "nope"]) == 2
    assert "Traceback" not in capsys.readouterr().err
