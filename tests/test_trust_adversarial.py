"""A hostile new user's round: the classes of failure found by trying every command with
what it should refuse, each a test that failed before its fix.

Options: numbers that are no numbers (``nan``, ``inf``) or out of any sensible range
(a negative seed, year 99999) are refused while the options are read, naming the option.
"""

from __future__ import annotations

import click
import pytest

from pontes.cli import cli

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
