"""The suggestion commands: evaluate, suggest, forum, feedback."""

from __future__ import annotations

import csv
import json

import pytest

from pontes.cli import main
from tests.support.graphs import DOC, TINY


@pytest.fixture
def tiny_csv(tmp_path):
    path = tmp_path / "tiny.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["org", "project", "year", "country"])
        for event, (year, actors) in TINY.items():
            for a in actors:
                w.writerow([a, event, int(year), "DE" if a < "D" else "FR"])
    return path


@pytest.fixture
def store_env(monkeypatch, tmp_path):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    seed = tmp_path / "seed" / "small.yaml"
    seed.parent.mkdir()
    seed.write_text(DOC, encoding="utf-8")
    assert main(["load", str(seed)]) == 0
    return tmp_path


def test_evaluate_prints_the_hand_computed_figures(tiny_csv, capsys, tmp_path):
    out_json = tmp_path / "r.json"
    args = [
        "evaluate",
        "--participations",
        str(tiny_csv),
        "--actor",
        "org",
        "--event",
        "project",
        "--time",
        "year",
        "--attr",
        "country",
        "--cut",
        "2019",
        "--scorer",
        "common_neighbours",
        "--json",
        str(out_json),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "positives 2" in out and "cold positives 1" in out
    row = next(line for line in out.splitlines() if line.startswith("common_neighbours"))
    assert " 0.688 " in row  # AUC 11/16, see tests/test_suggest_evaluate.py
    result = json.loads(out_json.read_text())["results"][0]
    assert result["auc"] == pytest.approx(11 / 16) and result["mrr"] == pytest.approx(7 / 12)


def test_evaluate_scores_given_pairs(tiny_csv, tmp_path, capsys):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("a,b\nA,D\nB,C\nA,Z\n")
    scores = tmp_path / "scores.csv"
    args = [
        "evaluate",
        "--participations",
        str(tiny_csv),
        "--actor",
        "org",
        "--event",
        "project",
        "--time",
        "year",
        "--cut",
        "2019",
        "--scorer",
        "common_neighbours",
        "--scorer",
        "preferential_attachment",
        "--pairs",
        str(pairs),
        "--scores-out",
        str(scores),
    ]
    assert main(args) == 0
    with scores.open() as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["actor_a"], r["actor_b"], float(r["common_neighbours"])) for r in rows] == [
        ("A", "D", 1.0),
        ("B", "C", 1.0),
        ("A", "Z", 0.0),
    ]
    assert float(rows[0]["preferential_attachment"]) == 2.0  # deg A = 2, deg D = 1 before 2019


def test_evaluate_names_a_missing_column(tiny_csv, capsys):
    args = [
        "evaluate",
        "--participations",
        str(tiny_csv),
        "--actor",
        "org",
        "--event",
        "rcn",
        "--time",
        "year",
        "--cut",
        "2019",
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{tiny_csv}: (header): rcn: no such column" in err


def test_suggest_text_json_and_filters(store_env, capsys):
    assert main(["suggest", "Stadt Trier", "--scorer", "resource_allocation"]) == 0
    out = capsys.readouterr().out
    assert "1. Ville de Metz (org:ville-de-metz, France) medium evidence" in out
    # who is suggested to whom, by which method, and sources by their titles with their ids
    assert out.startswith("Suggestions for Stadt Trier (org:stadt-trier), ranked by: Resource allocation\n")
    assert "1 shared partner: Caritas Trier" in out and "sources: “A” (doc-a); “B” (doc-b)" in out
    assert "Crosses a border: Germany and France" in out  # codes through the catalogue's English labels
    assert "No percentage: this method scores pairs" in out
    assert (
        main(["suggest", "org:stadt-trier", "--scorer", "resource_allocation", "--country", "LU", "--format", "json"])
        == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert [s["other"] for s in found] == ["org:asbl-lux"]
    assert main(["suggest", "org:nobody"]) == 2


def test_feedback_round_trip(store_env, capsys):
    assert (
        main(
            ["feedback", "org:stadt-trier", "Ville de Metz", "--dismiss", "already-in-contact", "--date", "2025-02-03"]
        )
        == 0
    )
    assert "recorded already_in_contact" in capsys.readouterr().out
    assert main(["suggest", "org:stadt-trier", "--scorer", "resource_allocation", "--format", "json"]) == 0
    assert [s["other"] for s in json.loads(capsys.readouterr().out)] == ["org:asbl-lux"]
    assert main(["feedback", "--list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "date": "2025-02-03",
            "actor_a": "org:stadt-trier",
            "name_a": "Stadt Trier",
            "actor_b": "org:ville-de-metz",
            "name_b": "Ville de Metz",
            "decision": "already_in_contact",
            "note": "",
        }
    ]
    assert main(["feedback", "org:stadt-trier", "org:ville-de-metz"]) == 2  # no decision given


def test_forum(store_env, capsys):
    assert main(["forum", "--topic", "Migration", "--size", "3", "--invite", "IHK Trier"]) == 0
    out = capsys.readouterr().out
    assert "1. IHK Trier" in out and "Already invited" in out
    assert "Countries covered: France, Germany and Luxembourg. Missing: none." in out
    # against the region's sectors: the network QuattroPole is a sector the three invitees miss
    assert "Sectors covered: chamber, local government and NGO. Missing: network." in out


PRIVATE = """
pontes: 1
sources:
  - {id: doc-c, title: C, publisher: P}
nodes:
  - {type: Person, name: Petra Privatperson, legal_basis: consent, sources: [doc-c]}
  - {type: Organisation, name: Verein Hilfe, kind: association, sources: [doc-c]}
ties:
  - {type: MEMBER_OF, source: "person:petra-privatperson", target: "org:verein-hilfe", role: chair, sources: [doc-c]}
  - {type: PARTICIPATED_IN, source: "person:petra-privatperson", target: "event:workshop-2016", sources: [doc-c]}
"""


@pytest.fixture
def with_private_person(store_env):
    seed = store_env / "seed" / "private.yaml"
    seed.write_text(PRIVATE, encoding="utf-8")
    assert main(["load", str(seed)]) == 0
    return store_env


@pytest.mark.parametrize(
    "args",
    [
        ["suggest", "Ville de Metz", "--scorer", "common_neighbours", "--format", "json", "--type", "Person"],
        ["suggest", "Ville de Metz", "--scorer", "common_neighbours", "--format", "text"],
        ["suggest", "Ville de Metz", "--scorer", "common_neighbours", "--format", "csv"],
        ["forum", "--size", "8", "--format", "json"],
        ["forum", "--size", "8", "--format", "text"],
        ["forum", "--size", "8", "--format", "csv"],
        ["export", "--format", "json", "--out", "OUT/x.json"],
    ],
)
def test_private_persons_are_only_their_roles_in_cli_output(with_private_person, capsys, args):
    args = [a.replace("OUT", str(with_private_person)) for a in args]
    capsys.readouterr()
    assert main(args) == 0
    shown = capsys.readouterr().out
    if args[0] == "export":
        shown = (with_private_person / "x.json").read_text(encoding="utf-8")
    assert "Petra" not in shown and "petra-privatperson" not in shown
    if args[0] == "forum":  # a forum invites persons only by name
        args = [*args, "--invite", "Petra Privatperson"]
    if args[0] != "export":
        assert main([*args, "--include-private"]) == 0
        named = capsys.readouterr().out
        assert "Petra Privatperson" in named or "petra-privatperson" in named


def test_a_private_person_cannot_be_named_as_the_actor(with_private_person, capsys):
    assert main(["suggest", "Petra Privatperson", "--scorer", "common_neighbours"]) == 2
    assert "no actor named 'Petra Privatperson'" in capsys.readouterr().err
    assert main(["suggest", "Petra Privatperson", "--scorer", "common_neighbours", "--include-private"]) == 0


def test_cli_csv_keeps_codes_for_programs(store_env, capsys):
    """The CLI's CSV is for programs: column codes as headers and codes in the cells (the app's
    download writes the reader's words instead: tests/test_i18n_pages.py)."""
    import csv
    import io

    capsys.readouterr()
    assert main(["suggest", "Ville de Metz", "--scorer", "common_neighbours", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["band"] for r in rows} <= {"strong", "medium", "weak"}
    assert {r["crosses_border"] for r in rows} <= {"True", "False"}
    assert all(r["country"] in ("", "several") or (len(r["country"]) == 2 and r["country"].isupper()) for r in rows)
    assert main(["forum", "--size", "8", "--format", "csv"]) == 0
    guests = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert guests and {g["invited"] for g in guests} <= {"True", "False"}
    assert all(" " not in g["sector"] for g in guests) and any(g["sector"] for g in guests)
