"""Known answers of the event rules of ``pontes extract``: events by their head words and the
actors a sentence says took part in them (organiser, host, speaker, participant)."""

from __future__ import annotations

from graph.intake import extract_documents, read_document


def draft_of(text: str, name: str = "doc.txt") -> dict:
    return extract_documents([read_document(name, text.encode())], ())


def events_of(draft: dict) -> set[str]:
    return {n["name"] for n in draft["nodes"] if n["type"] == "Event"}


def taking_part(draft: dict) -> set[tuple[str, str, str | None]]:
    names = {n["id"]: n["name"] for n in draft["nodes"]}
    return {
        (names[t["source"]], names[t["target"]], t.get("role")) for t in draft["ties"] if t["type"] == "PARTICIPATED_IN"
    }


def test_an_english_event_word_that_is_a_french_agreement_names_no_event_in_french():
    for text in (
        "Le Centre hospitalier de Metz et la Ville de Forbach ont signé le 3 mai 2025 une convention de coopération.",
        "Convention de partenariat entre la Ville de Longwy et la Commune de Pétange, signée le 4 juin 2025.",
    ):
        assert not events_of(draft_of(text))
    assert events_of(draft_of("The convention on hydrogen networks takes place on 3 May 2025 in Metz."))
