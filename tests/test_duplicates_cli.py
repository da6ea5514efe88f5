"""pontes load warns of look-alikes; pontes duplicates lists pairs; pontes merge merges, lists and undoes."""

from __future__ import annotations

import json

from pontes.cli import main
from pontes.settings import REPO_ROOT

DOC = """pontes: 1
sources: [{id: news-1, title: News, publisher: Paper}]
nodes:
  - {type: Organisation, name: Ville de Trèves, sources: [news-1]}
  - {type: Organisation, name: Trier, sources: [news-1]}
"""


def test_load_warns_then_duplicates_merge_and_undo(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    assert main(["load", str(REPO_ROOT / "seeds")]) == 0
    capsys.readouterr()
    (tmp_path / "news.yaml").write_text(DOC, encoding="utf-8")
    assert main(["load", str(tmp_path / "news.yaml")]) == 0
    err = capsys.readouterr().err
    assert "new node org:ville-de-treves (Ville de Trèves) looks like stored org:stadt-trier (Stadt Trier)" in err
    assert "new node org:trier (Trier) looks like stored org:stadt-trier" in err
    assert "Warning: source" not in err  # a new source replaces nothing
    # the same source id with another title: loaded, and said
    (tmp_path / "news2.yaml").write_text(DOC.replace("title: News", "title: Latest news"), encoding="utf-8")
    assert main(["load", str(tmp_path / "news2.yaml")]) == 0
    assert (
        "Warning: source news-1 was stored with other details; this load replaced them: title 'News' -> 'Latest news'"
        in capsys.readouterr().err
    )

    assert main(["duplicates", "--format", "json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert pairs[0]["a"] == "org:stadt-trier" and pairs[0]["b"] == "org:ville-de-treves" and pairs[0]["score"] == 1.0

    assert main(["merge", "Stadt Trier", "org:ville-de-treves", "--by", "tester"]) == 0
    out = capsys.readouterr().out
    change = out.rsplit("--undo ", 1)[1].strip()
    assert main(["merge", "--list"]) == 0
    assert "tester  merge org:ville-de-treves -> org:stadt-trier" in capsys.readouterr().out
    assert main(["merge", "--undo", change, "--by", "tester"]) == 0
    capsys.readouterr()
    assert main(["duplicates", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["b"] == "org:ville-de-treves"  # two nodes again
