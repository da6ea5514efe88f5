"""The review queue: proposals wait, editors accept, edit, merge or reject; on both stores."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.intake import extract_documents, read_document
from graph.intake.review import batches, decide, enqueue, get_batch, highlight
from loaders import load_paths
from pontes.cli import main
from pontes.settings import REPO_ROOT
from tests.support.documents import PRESS_RELEASE_DE


def _draft(store) -> dict:
    return extract_documents([read_document("pm.txt", PRESS_RELEASE_DE.encode())], store.snapshot().nodes)


def _by_name(batch, name):
    return next(p for p in batch.proposals if p.entry.get("name") == name)


def test_nothing_is_written_until_accepted_and_decisions_are_kept(store):
    load_paths(store, [REPO_ROOT / "seeds"])
    before = store.snapshot()
    batch = enqueue(store, _draft(store), name="pm.txt", by="ed")
    assert store.snapshot() == before
    assert [b.id for b in batches(store)] == [batch.id]
    verein = _by_name(batch, "Verein Miteinander e.V.")
    konz = _by_name(batch, "Verbandsgemeinde Konz")
    agreement = next(p for p in batch.proposals if p.type == "Agreement")
    party = next(
        p for p in batch.proposals if p.kind == "tie" and p.entry["source"] == verein.id and p.type == "PARTY_TO"
    )
    out = decide(store, batch.id[:8], [verein.id, agreement.id, party.id], "accept", by="ed")
    assert (out.nodes, out.ties) == (2, 1)
    stored = store.get_node(verein.id)
    assert stored is not None and stored.sources == [batch.sources[0].id]  # cites the document
    decide(store, batch.id, [konz.id], "reject", by="rita")
    again = get_batch(store, batch.id)
    assert _by_name(again, "Verein Miteinander e.V.").decision.status == "accepted"
    rejected = _by_name(again, "Verbandsgemeinde Konz").decision
    assert (rejected.status, rejected.by) == ("rejected", "rita") and rejected.at is not None
    assert store.get_node(konz.id) is None


def test_a_tie_needs_its_nodes_and_nothing_is_half_written(store):
    batch = enqueue(store, _draft(store), name="pm.txt", by="ed")
    tie = next(p for p in batch.proposals if p.kind == "tie")
    with pytest.raises(ValidationFailed) as e:
        decide(store, batch.id, [tie.id], "accept", by="ed")
    assert {p.field for p in e.value.problems} <= {"source", "target"}
    assert store.counts().total_ties == 0
    assert get_batch(store, batch.id).proposals[batch.proposals.index(tie)].decision.status == "pending"
    # each end the document proposes and nobody accepted is named, with a code the app says in the
    # reader's language; the entry names the tie by its ends' names, never by ids
    names = {q.id: q.entry["name"] for q in batch.proposals if q.kind == "node"}
    waiting = [tie.entry[end] for end in ("source", "target") if tie.entry[end] in names]
    assert [p.code for p in e.value.problems] == ["end_not_accepted"] * len(waiting) and waiting
    assert [p.params["name"] for p in e.value.problems] == [names[w] for w in waiting]
    entry = e.value.problems[0].entry
    assert names[waiting[0]] in entry and ":" not in entry.split(" ")[0]
    from ui.i18n import problem_text

    assert problem_text(e.value.problems[0], "de").startswith(f"{names[waiting[0]]} ist noch nicht angenommen")
    # accepted together with its ends, it is written
    decide(store, batch.id, [tie.id, *waiting], "accept", by="ed")
    assert store.counts().total_ties == 1


def test_edit_and_merge(store):
    load_paths(store, [REPO_ROOT / "seeds"])
    batch = enqueue(store, _draft(store), name="pm.txt", by="ed")
    verein = _by_name(batch, "Verein Miteinander e.V.")
    decide(store, batch.id, [verein.id], "accept", by="ed", edits={"name": "Miteinander e.V.", "kind": "association"})
    edited = get_batch(store, batch.id)
    written = _by_name(edited, "Verein Miteinander e.V.").decision.node
    assert written == "org:miteinander-e-v" and store.get_node(written).kind == "association"
    # the tie follows the edited node
    member = next(p for p in edited.proposals if p.kind == "tie" and p.type == "MEMBER_OF")
    andrea = _by_name(edited, "Andrea Klein")
    decide(store, batch.id, [andrea.id, member.id], "accept", by="ed")
    assert any(t.target == written for t in store.ties_touching([andrea.id]))
    konz = _by_name(edited, "Verbandsgemeinde Konz")
    decide(store, batch.id, [konz.id], "merge", by="ed", into="org:stadt-trier")
    city = store.get_node("org:stadt-trier")
    assert "Verbandsgemeinde Konz" in city.aliases and batch.sources[0].id in city.sources


def test_highlight_finds_inflected_names():
    parts = highlight(
        "Silke Meyer, Koordinatorin des Landkreises Bernkastel-Wittlich, sprach.", ["Landkreis Bernkastel-Wittlich"]
    )
    assert [text for text, marked in parts if marked] == ["Landkreises Bernkastel-Wittlich"]


@pytest.mark.parametrize(
    ("sentence", "labels", "marked"),
    [
        # the words of "Handwerkskammer Trier" in another order, across an "und": two names, not one
        (
            "Gemeinsam mit der Stadt Trier und die Handwerkskammer Trier lädt der Verein ein.",
            ["Handwerkskammer Trier", "Verein Brückenbauer Trier e.V."],
            ["Handwerkskammer Trier"],
        ),
        ("La Ville de Metz et la Chambre de Metz invitent.", ["Chambre de Metz"], ["Chambre de Metz"]),
        # a small word the name has itself is part of it
        ("Die Agentur für Arbeit Trier half.", ["Agentur für Arbeit Trier"], ["Agentur für Arbeit Trier"]),
        ("Beim Treffen der Stadt und Region Trier", ["Stadt und Region Trier"], ["Stadt und Region Trier"]),
    ],
)
def test_highlight_marks_no_window_that_joins_two_names(sentence, labels, marked):
    assert [text for text, is_marked in highlight(sentence, labels) if is_marked] == marked


def test_cli_review(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    doc = tmp_path / "pm.txt"
    doc.write_text(PRESS_RELEASE_DE, encoding="utf-8")
    assert main(["extract", str(doc), "--out", str(tmp_path / "d.json")]) == 0
    assert main(["review", "add", str(tmp_path / "d.json"), "--by", "ed"]) == 0
    batch = capsys.readouterr().out.split("as batch ")[1].strip(". \n")
    assert main(["review", "show", batch]) == 0
    shown = capsys.readouterr().out
    assert "[Verbandsgemeinde Konz]" in shown and "andrea.klein" not in shown and "[Trier]" in shown
    # a number in digits that str.isdigit() takes and int() does not is no proposal: said, nothing decided
    assert main(["review", "reject", batch, "²", "--by", "ed"]) == 2
    assert "²" in capsys.readouterr().err
    assert main(["review", "reject", batch, "1", "--by", "ed"]) == 0
    assert main(["review", "accept", batch, "--all", "--by", "ed"]) == 0
    # the ties to the rejected place (Konz: the Verbandsgemeinde's and the first meeting's) wait:
    # a tie goes only with its nodes
    assert "2 pending, 12 accepted, 0 merged, 1 rejected" in capsys.readouterr().out.splitlines()[-1]
    assert main(["review", "reject", batch, "--all", "--by", "ed"]) == 0
    assert main(["review", "list"]) == 0
    assert "0 pending, 12 accepted, 0 merged, 3 rejected" in capsys.readouterr().out


def test_cli_review_adds_a_document_directly(tmp_path, monkeypatch, capsys):
    """A coordinator gives the document itself: it is read and extracted, then queued."""
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    doc = tmp_path / "pm.txt"
    doc.write_text(PRESS_RELEASE_DE, encoding="utf-8")
    assert main(["review", "add", str(doc), "--lang", "de", "--by", "ed"]) == 0
    assert "from pm.txt as batch" in capsys.readouterr().out
    assert main(["review", "list"]) == 0
    assert "pm.txt" in capsys.readouterr().out


def _not_drafts() -> list[tuple[str, bytes, str]]:
    """(file name, content, field of the problem): files that are no draft or a broken one."""
    good_meta = '"evidence": [{"source": "s", "start": 0, "end": 1, "text": "A"}], "confidence": 0.5, "match": {"status": "new"}'
    return [
        ("empty.yaml", b"", "(document)"),
        ("text.yaml", b"Am 1. Mai trafen sich ...", "(document)"),
        ("list.json", b"[1, 2]", "(document)"),
        ("bad.yaml", b"nodes: [unclosed", "(syntax)"),
        ("bad.json", b'{"nodes": ', "(syntax)"),
        ("twice.json", b'{"pontes": 1, "pontes": 1}', "(syntax)"),
        ("deep.json", b'{"nodes": ' + b"[" * 5000 + b"]" * 5000 + b"}", "(syntax)"),
        ("latin1.yaml", "name: Trèves".encode("latin-1"), "(encoding)"),
        ("seed.json", b'{"pontes": 1, "nodes": [{"type": "Organisation", "name": "A"}]}', "(document)"),
        ("nodes.json", ('{"pontes": 1, "nodes": "A", "ties": [{' + good_meta + "}]}").encode(), "nodes"),
        (
            "entry.json",
            ('{"pontes": 1, "nodes": [7, {"type": "Organisation", "name": "A", ' + good_meta + "}]}").encode(),
            "(entry)",
        ),
        (
            "meta.json",
            b'{"pontes": 1, "nodes": [{"type": "Organisation", "name": "A", "evidence": [], "confidence": 2, "match": {"status": "new"}}]}',
            "evidence",
        ),
        (
            "node.json",
            ('{"pontes": 1, "nodes": [{"type": "Organisation", "name": "", ' + good_meta + "}]}").encode(),
            "name",
        ),
        (
            "source.json",
            (
                '{"pontes": 1, "sources": [{"id": 5}], "nodes": [{"type": "Organisation", "name": "A", '
                + good_meta
                + "}]}"
            ).encode(),
            "title",
        ),
        ("binary.txt", bytes(range(256)) * 4, "(encoding)"),
        ("controls.txt", b"Stadt Trier\x00\x01\x02\x03" * 50, "(encoding)"),
    ]


@pytest.mark.parametrize(("name", "content", "field"), _not_drafts(), ids=[n for n, _, _ in _not_drafts()])
def test_cli_review_add_refuses_what_is_no_draft_with_a_located_error(
    tmp_path, monkeypatch, capsys, name, content, field
):
    """Any file given to review add: exit code 2, the file and field named, nothing queued, no traceback."""
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["review", "add", str(path), "--by", "ed"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert any(line.strip().startswith(f"{path}:") and f": {field}:" in line for line in err.splitlines()), err
    assert main(["review", "list"]) == 0
    assert "The review queue is empty." in capsys.readouterr().out


def test_review_show_of_an_unknown_batch_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    assert main(["review", "show", "beef"]) == 2
    assert "no batch in the review queue with id 'beef'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("binary.txt", bytes(range(256)) * 4),
        ("controls.txt", b"Stadt Trier\x00\x01\x02\x03" * 50),
        ("empty.txt", b""),
        ("blank.html", b"<html><body><script>x()</script></body></html>"),
        ("junk.pdf", bytes(range(256)) * 4),
        ("notes.docx", b"PK\x03\x04"),
    ],
)
def test_extract_refuses_what_is_no_readable_document(tmp_path, monkeypatch, capsys, name, content):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "draft.json"
    assert main(["extract", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{path}: (file):" in err
    assert not out.exists()
