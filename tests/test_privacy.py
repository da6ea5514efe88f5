"""Private persons appear only through their roles unless an editor shows them."""

from __future__ import annotations

import pytest

from graph.model import LegalBasis, Organisation, Person, Source, Tie, Visibility
from graph.privacy import (
    REDACTED_SOURCE_TITLE,
    STAND_IN_PREFIX,
    StandInWords,
    hide_private,
    redact,
    redact_sources,
    roles_label,
)
from graph.store.base import Subgraph


@pytest.fixture
def sub():
    irt = Organisation(
        name="Initiative Region Trier", names={"fr": "Initiative Région de Trèves"}, aliases=["IRT"], sources=["s"]
    )
    ihk = Organisation(name="IHK Trier", sources=["s"])
    public = Person(name="Pat Public", visibility="public", legal_basis="public_task", sources=["s"])
    private = Person(
        name="Quinn Quiet",
        title="Dr.",
        aliases=["Q."],
        description="coordinator",
        descriptions={"de": "Koordinatorin"},
        legal_basis="legitimate_interests",
        sources=["s"],
    )
    other = Person(name="Ria Reserved", legal_basis="consent", sources=["s"])
    return Subgraph(
        nodes=[irt, ihk, public, private, other],
        ties=[
            Tie(type="MEMBER_OF", source=public.id, target=irt.id, role="chair", sources=["s"]),
            Tie(type="MEMBER_OF", source=private.id, target=irt.id, role="staff", sources=["s"]),
            Tie(
                type="MEMBER_OF",
                source=private.id,
                target=ihk.id,
                sources=["s"],
                description="seconded",
                descriptions={"fr": "détachée"},
            ),
            Tie(type="COOPERATES_WITH", source=private.id, target=public.id, sources=["s"]),
        ],
    )


def test_persons_are_private_by_default():
    p = Person(name="X Y", legal_basis="consent", sources=["s"])
    assert p.visibility is Visibility.PRIVATE and p.legal_basis is LegalBasis.CONSENT


def test_roles_label_is_language_neutral_and_sorted():
    assert roles_label([("staff", "IRT"), (None, "IHK Trier")]) == "‹member · IHK Trier; staff · IRT›"
    assert roles_label([]) == "‹…›"


def test_redact_replaces_private_persons_by_role_stand_ins(sub):
    out = redact(sub)
    by_id = {n.id: n for n in out.nodes}
    assert "person:pat-public" in by_id
    assert "person:quinn-quiet" not in by_id and "person:ria-reserved" not in by_id
    # numbered in the order of the original ids: quinn-quiet < ria-reserved
    quinn, ria = by_id[f"{STAND_IN_PREFIX}1"], by_id[f"{STAND_IN_PREFIX}2"]
    assert quinn.name == "‹member · IHK Trier; staff · Initiative Region Trier›"
    assert (quinn.title, quinn.aliases, quinn.description, quinn.descriptions) == (None, [], None, {})
    assert ria.name == "‹…›"
    ends = {(t.source, t.target, str(t.type)) for t in out.ties}
    assert (f"{STAND_IN_PREFIX}1", "person:pat-public", "COOPERATES_WITH") in ends
    assert all(t.description is None and not t.descriptions for t in out.ties if t.source.startswith(STAND_IN_PREFIX))
    text = out.__repr__()
    assert "Quinn" not in text and "quiet" not in text and "Ria" not in text
    assert "Koordinatorin" not in text and "détachée" not in text


def test_a_source_naming_a_private_person_in_any_language_is_redacted(sub):
    sources = [
        Source(id="a", title="Minutes", descriptions={"de": "Protokoll von Quinn Quiet"}),
        Source(id="b", title="Minutes", description="Kept by the office.", descriptions={"fr": "Tenu par le bureau."}),
        Source(id="c", title="Notes", titles={"de": "Notizen von Quinn Quiet", "fr": "Notes"}),
    ]
    first, second, third = redact_sources(sources, sub)
    assert (first.title, first.description, first.descriptions) == (REDACTED_SOURCE_TITLE, None, {})
    assert (third.title, third.titles) == (REDACTED_SOURCE_TITLE, {})
    assert second == sources[1]
    assert redact_sources(sources, sub, show_private=True) == sources


def test_stand_ins_are_named_in_each_language_given(sub):
    """Roles in the language's words, organisations by their names in it (``names.<lang>``);
    the name as stored stays the canonical one."""
    words = {
        "de": StandInWords(roles={"staff": "Mitarbeiter/in"}, member="Mitglied"),
        "fr": StandInWords(roles={"staff": "personnel"}, member="membre"),
    }
    quinn = {n.id: n for n in redact(sub, words=words).nodes}[f"{STAND_IN_PREFIX}1"]
    assert quinn.name == "‹member · IHK Trier; staff · Initiative Region Trier›"
    assert {str(k): v for k, v in quinn.names.items()} == {  # a membership without a role: the word for it
        "de": "‹Mitarbeiter/in · Initiative Region Trier; Mitglied · IHK Trier›",
        "fr": "‹membre · IHK Trier; personnel · Initiative Région de Trèves›",
    }
    assert {n.id: n.names for n in redact(sub).nodes}[f"{STAND_IN_PREFIX}1"] == {}


def test_the_count_of_roles_not_named_is_in_the_language():
    roles = [("member", f"Org {i}") for i in range(5)]
    assert roles_label(roles).endswith("; + 2 more›")
    assert roles_label(roles, StandInWords(more=lambda n: f"+ {n} weitere")).endswith("; + 2 weitere›")


def test_the_catalogue_names_stand_ins_in_every_language(sub):
    from ui.i18n import stand_in_words

    quinn = {n.id: n for n in redact(sub, words=stand_in_words()).nodes}[f"{STAND_IN_PREFIX}1"]
    assert {str(k) for k in quinn.names} == {"de", "en", "fr"}
    words = stand_in_words()
    assert words["de"].roles["chair"] == "Vorsitz" and words["fr"].more(1) == "+ 1 autre"
    assert (words["de"].member, words["fr"].member, words["en"].member) == ("Mitglied", "membre", "member")


def test_editor_sees_everything(sub):
    assert redact(sub, show_private=True) is sub


def test_context_supplies_roles_outside_the_view(sub):
    view = Subgraph(nodes=[n for n in sub.nodes if n.id == "person:quinn-quiet"], ties=[])
    (stand_in,) = redact(view, context=sub).nodes
    assert stand_in.name == "‹member · IHK Trier; staff · Initiative Region Trier›"


def test_hide_private_from_search_results(sub):
    assert [n.id for n in hide_private(sub.nodes) if n.type == "Person"] == ["person:pat-public"]
    assert len(hide_private(sub.nodes, show_private=True)) == 5
