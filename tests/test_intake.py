"""pontes extract: documents to drafts (known answers on texts written for the tests)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from graph.errors import ValidationFailed
from graph.intake import extract_documents, read_document, write_draft
from graph.intake.text import find_dates, name_key, sentences
from graph.model import Organisation, Person, Place, Source
from loaders import read_paths
from pontes.cli import main
from pontes.settings import REPO_ROOT
from tests.support.documents import COMMUNIQUE_FR, PRESS_RELEASE_DE, pdf_bytes
from tests.support.shared import SEED_DOCUMENTS, need

SHARED_SEEDS = SEED_DOCUMENTS


def draft_of(text: str, name: str = "doc.txt", stored=()) -> dict:
    return extract_documents([read_document(name, text.encode())], stored)


def by_name(draft: dict) -> dict[str, dict]:
    return {n["name"]: n for n in draft["nodes"]}


def ties_of(draft: dict, kind: str) -> set[tuple[str, str, str | None]]:
    return {(t["source"], t["target"], t.get("role")) for t in draft["ties"] if t["type"] == kind}


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("am 6. Oktober 2016 in Trier", None, [("2016-10-06", "day", False)]),
        ("Stand: 13.05.2008", None, [("2008-05-13", "day", False)]),
        ("le 3 mars 2019 à Metz", None, [("2019-03-03", "day", False)]),
        ("im April 2015 begann", None, [("2015-04", "month", False)]),
        ("2015 rief der Vorstand", None, [("2015", "year", False)]),
        ("Das nächste Treffen ist am 10. Oktober", dt.date(2016, 10, 6), [("2016-10-10", "day", True)]),
        ("Anfang September fand es statt", dt.date(2016, 10, 6), [("2016-09", "month", True)]),
        ("am 10. Oktober", None, []),  # relative and no document date: not proposed
        ("Pilotklassen 18+ und 150 Gäste", None, []),
    ],
)
def test_dates_absolute_and_relative(text, reference, expected):
    found = [(d.value, d.precision, d.relative) for d in find_dates(text, reference=reference)]
    assert found == expected


def test_sentences_keep_offsets_and_join_wrapped_words():
    text = "Der Landkreis Trier-\nSaarburg lud ein. Am 6. Oktober 2016 kamen alle.\n\nZwischentitel\nNeuer Absatz."
    found = sentences(text)
    assert [s.text for s in found] == [
        "Der Landkreis Trier-Saarburg lud ein.",
        "Am 6. Oktober 2016 kamen alle.",
        "Zwischentitel",
        "Neuer Absatz.",
    ]
    for s in found:
        assert len(s.flat) == s.end - s.start


def test_name_key_ignores_inflection_and_order():
    assert name_key("des Landkreises Bernkastel-Wittlich") == name_key("Landkreis Bernkastel-Wittlich")
    assert name_key("Trierer Ausländerbeirat") == name_key("Ausländerbeirat Trier")
    assert name_key("Stadt Trier") != name_key("Landkreis Trier")


def test_german_press_release():
    draft = draft_of(PRESS_RELEASE_DE, "pm.txt")
    nodes = by_name(draft)
    source = draft["sources"][0]
    assert source["date"] == "2021-03-03" and source["title"] == "Neues Netzwerk für Zugewanderte in Konz"
    assert {"Verbandsgemeinde Konz", "Verein Miteinander e.V.", "Agentur für Arbeit Trier"} <= set(nodes)
    assert nodes["Andrea Klein"]["visibility"] == "public"  # "Vorsitzende des Vereins": a public role
    assert nodes["Thomas Berens"]["visibility"] == "public"
    agreement = next(n for n in draft["nodes"] if n["type"] == "Agreement")
    assert agreement["signed"] == "2021-03-02"
    assert agreement["name"] == "Kooperationsvereinbarung zur Begleitung von Zugewanderten in Ausbildung"
    parties = {s for s, t, _ in ties_of(draft, "PARTY_TO")}
    assert {"org:verbandsgemeinde-konz", "org:verein-miteinander-e-v"} <= parties
    assert ("person:andrea-klein", "org:verein-miteinander-e-v", "chair") in ties_of(draft, "MEMBER_OF")
    event = next(n for n in draft["nodes"] if n["type"] == "Event")
    assert event["start"] == "2021-04-15"  # relative to nothing: stated in full


def test_french_communique():
    draft = draft_of(COMMUNIQUE_FR, "cp.txt")
    nodes = by_name(draft)
    assert draft["sources"][0]["date"] == "2022-06-08" and draft["sources"][0]["language"] == "fr"
    assert {"Horizons", "Ville de Metz", "Julien Petit", "Claire Roux", "Metz"} <= set(nodes)
    assert nodes["Claire Roux"]["visibility"] == "private"  # no role given
    assert ("person:julien-petit", "org:horizons", "head") in ties_of(draft, "MEMBER_OF")
    organisers = {s for s, _, role in ties_of(draft, "PARTICIPATED_IN") if role == "organiser"}
    assert organisers == {"org:horizons", "org:ville-de-metz"}


def test_every_proposal_has_evidence_confidence_and_match():
    draft = draft_of(PRESS_RELEASE_DE)
    text = read_document("doc.txt", PRESS_RELEASE_DE.encode()).text
    for entry in [*draft["nodes"], *draft["ties"]]:
        assert 0 <= entry["confidence"] <= 1
        assert entry["match"]["status"] in ("new", "existing")
        for ev in entry["evidence"]:
            assert ev["source"] == draft["sources"][0]["id"]
            assert 0 <= ev["start"] < ev["end"] <= len(text)
    for node in draft["nodes"]:
        ev = node["evidence"][0]
        assert " ".join(text[ev["start"] : ev["end"]].split()) in ev["text"]


def test_contact_data_is_never_copied():
    serialised = json.dumps(draft_of(PRESS_RELEASE_DE), ensure_ascii=False)
    assert "example.org" not in serialised and "123456" not in serialised
    assert "[…]" in serialised  # the sentence is kept, its contact data replaced


def test_nothing_unstated_is_proposed():
    draft = draft_of("Das Wetter war schön. Viele Menschen kamen. Es gab Kuchen und Kaffee.")
    assert draft["nodes"] == [] and draft["ties"] == []


def test_stored_nodes_match_by_inflected_form_and_other_language_name():
    stored = [
        Organisation(name="Landkreis Bernkastel-Wittlich", kind="local_government", country="DE", sources=["s1"]),
        Place(name="Trier", names={"fr": "Trèves"}, kind="city", country="DE", sources=["s1"]),
        Person(name="Silke Meyer", legal_basis="legitimate_interests", sources=["s1"]),
    ]
    draft = draft_of("Silke Meyer, Koordinatorin des Landkreises Bernkastel-Wittlich, sprach à Trèves.", stored=stored)
    nodes = by_name(draft)
    district = next(n for n in draft["nodes"] if n["type"] == "Organisation")
    assert district["match"] == {"status": "existing", "id": stored[0].id}
    assert nodes["Trier"]["match"] == {"status": "existing", "id": "place:trier"}
    assert nodes["Silke Meyer"]["match"]["status"] == "existing"
    assert draft["sources"][0]["id"] in nodes["Trier"]["sources"]  # accepting it cites the document
    assert ("person:silke-meyer", stored[0].id, "coordinator") in ties_of(draft, "MEMBER_OF")


def test_pdf_and_html_documents():
    pdf = read_document("pm.pdf", pdf_bytes([PRESS_RELEASE_DE], title="Neues Netzwerk"))
    assert pdf.title == "Neues Netzwerk" and "Verbandsgemeinde Konz" in pdf.text
    html = read_document(
        "page.html",
        (
            '<html lang="fr"><head><title>Site</title><meta property="og:url" content="https://example.org/a">'
            '<meta property="article:published_time" content="2022-06-08T10:00:00"></head><body><nav>Accueil Menu</nav>'
            "<h1>Un atelier</h1><p>L'association Horizons et la Ville de Metz organisent le 20 juin 2022 un atelier "
            "d'information à Metz.</p><script>var x = 1;</script></body></html>"
        ).encode(),
    )
    assert html.title == "Un atelier" and html.url == "https://example.org/a" and html.date == dt.date(2022, 6, 8)
    assert "Accueil" not in html.text and "var x" not in html.text and html.language == "fr"


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [("a.docx", b"x", "(format)"), ("a.txt", b"   ", "(text)"), ("a.pdf", b"not a pdf", "(pdf)")],
)
def test_unreadable_documents_are_located_problems(name, data, field):
    with pytest.raises(ValidationFailed) as e:
        read_document(name, data)
    assert [(p.file, p.field) for p in e.value.problems] == [(name, field)]


def _reviewed(draft: dict, status: str = "accepted") -> dict:
    for entry in [*draft["nodes"], *draft["ties"]]:
        entry["review"] = status
    return draft


def test_a_draft_loads_only_once_reviewed(tmp_path, embedded_store):
    draft = draft_of(PRESS_RELEASE_DE)
    path = write_draft(draft, tmp_path / "draft.json")
    with pytest.raises(ValidationFailed) as e:
        read_paths([path])
    assert {p.field for p in e.value.problems} == {"review"}
    assert len(e.value.problems) == len(draft["nodes"]) + len(draft["ties"])
    draft["nodes"][0]["review"] = "rejected"
    rejected = draft["nodes"][0]["id"]
    draft["ties"] = [t for t in draft["ties"] if rejected not in (t["source"], t["target"])]
    for entry in [*draft["nodes"][1:], *draft["ties"]]:
        entry["review"] = "accepted"
    plan = read_paths([write_draft(draft, tmp_path / "draft.yaml")])
    assert rejected not in {n.id for n in plan.nodes}
    assert len(plan.nodes) == len(draft["nodes"]) - 1 and len(plan.ties) == len(draft["ties"])


def test_cli_extract_then_load(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    doc = tmp_path / "cp.pdf"
    doc.write_bytes(pdf_bytes([COMMUNIQUE_FR]))
    assert main(["extract", str(doc), "--out", str(tmp_path / "d.yaml"), "--lang", "fr"]) == 0
    draft = yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))
    write_draft(_reviewed(draft), tmp_path / "d.yaml")
    assert main(["load", str(tmp_path / "d.yaml")]) == 0
    assert "Loaded 1 source," in capsys.readouterr().out


PRIVATE_NOTE = "Erreichbar abends, wohnt in Wittlich"


def _stored_private_person(store) -> None:
    """A district (public) and a private person with a description, an alias and a French name."""
    from loaders import write_plan
    from loaders.plan import check_plan

    nodes = [
        Organisation(
            name="Landkreis Bernkastel-Wittlich",
            kind="local_government",
            country="DE",
            description="Kreis.",
            sources=["s1"],
        ),
        Person(
            name="Silke Meyer",
            aliases=["S. Meyer-Lang"],
            names={"fr": "Silke Meyer-Lang"},
            description=PRIVATE_NOTE,
            legal_basis="legitimate_interests",
            sources=["s1"],
        ),
    ]
    write_plan(store, check_plan([(Source(id="s1", title="Notizen"), "t", "s")], [(n, "t", "n") for n in nodes], []))


def test_a_draft_repeats_of_a_stored_private_person_only_what_the_document_states(tmp_path, monkeypatch, capsys):
    """The draft is a file that leaves the store: a private person's stored record (description,
    aliases, other names) is not copied into it; a public organisation's is."""
    from graph.store.embedded import EmbeddedStore

    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    with EmbeddedStore(tmp_path / "s.sqlite") as store:
        store.ensure_schema()
        _stored_private_person(store)
    doc = tmp_path / "note.txt"
    doc.write_text("Silke Meyer, Koordinatorin des Landkreises Bernkastel-Wittlich, sprach in Trier.", encoding="utf-8")
    assert main(["extract", str(doc), "--out", str(tmp_path / "d.yaml")]) == 0
    text = (tmp_path / "d.yaml").read_text(encoding="utf-8")
    assert PRIVATE_NOTE not in text and "Meyer-Lang" not in text
    person = by_name(yaml.safe_load(text))["Silke Meyer"]
    assert person["id"] == "person:silke-meyer"
    assert person["match"] == {"status": "existing", "id": "person:silke-meyer"}
    assert set(person) == {
        "type",
        "id",
        "name",
        "sources",
        "visibility",
        "legal_basis",
        "evidence",
        "confidence",
        "match",
    }
    assert "Kreis." in text  # the district's stored record is repeated


@pytest.mark.parametrize("edited_name", [None, "Frau Silke Meyer"])
def test_loading_a_reviewed_draft_joins_its_entries_to_the_stored_records(tmp_path, store, edited_name):
    """Accepted entries that match a stored node are joined to it, as the review queue does: the
    stored description, aliases and other names stay; the document is cited; the draft's ties
    reach the stored node even when the entry's own id differs."""
    from loaders import load_paths

    _stored_private_person(store)
    draft = draft_of(
        "Silke Meyer, Koordinatorin des Landkreises Bernkastel-Wittlich, sprach in Trier.",
        stored=store.snapshot().nodes,
    )
    person = by_name(draft)["Silke Meyer"]
    if edited_name:  # an editor renamed the entry: its id follows the name, its match stays
        old = person.pop("id")
        person["name"] = edited_name
        for tie in draft["ties"]:
            tie.pop("id")
            tie["source"], tie["target"] = (
                f"person:{edited_name.lower().replace(' ', '-')}" if end == old else end
                for end in (tie["source"], tie["target"])
            )
    load_paths(store, [write_draft(_reviewed(draft), tmp_path / "d.json")])
    stored = store.get_node("person:silke-meyer")
    assert stored.description == PRIVATE_NOTE and stored.visibility.value == "private"
    assert "S. Meyer-Lang" in stored.aliases and stored.names["fr"] == "Silke Meyer-Lang"
    assert set(stored.sources) == {"s1", draft["sources"][0]["id"]}
    assert (edited_name in stored.aliases) if edited_name else stored.aliases == ["S. Meyer-Lang"]
    district = store.get_node(next(n["id"] for n in draft["nodes"] if n["type"] == "Organisation"))
    assert district.description == "Kreis."
    member = [t for t in store.snapshot().ties if t.type.value == "MEMBER_OF"]
    assert [(t.source, t.target) for t in member] == [("person:silke-meyer", district.id)]
    assert store.get_node("person:frau-silke-meyer") is None


def test_a_draft_entry_joined_to_a_stored_node_of_another_type_is_a_located_problem(tmp_path, embedded_store):
    from loaders import load_paths

    _stored_private_person(embedded_store)
    draft = draft_of("Silke Meyer sprach in Trier.", stored=embedded_store.snapshot().nodes)
    person = by_name(draft)["Silke Meyer"]
    person["match"]["id"] = next(n.id for n in embedded_store.snapshot().nodes if n.type.value == "Organisation")
    with pytest.raises(ValidationFailed) as e:
        load_paths(embedded_store, [write_draft(_reviewed(draft), tmp_path / "d.json")])
    assert [(p.entry, p.field) for p in e.value.problems] == [("nodes[0] (person:silke-meyer)", "match")]
    assert embedded_store.get_node("person:silke-meyer").description == PRIVATE_NOTE


@pytest.mark.parametrize("folder", ["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"])
def test_labels_of_the_evaluation_sets_are_valid_seed_documents(folder):
    root = REPO_ROOT / "bench" / "intake" / folder
    texts = sorted(p for p in root.iterdir() if p.suffix in (".txt", ".html"))
    assert len(texts) >= 4
    for text in texts:
        read_paths([text.with_suffix(".yaml")])


def _seed_documents() -> list[Path]:
    need(SHARED_SEEDS, "the five seed documents")
    return sorted(SHARED_SEEDS.glob("*.txt"))


def test_each_seed_document_gives_a_draft_that_loads_after_review(tmp_path, embedded_store):
    from graph.intake import read_document_file
    from loaders import load_paths

    for path in _seed_documents():
        draft = _reviewed(extract_documents([read_document_file(path)], embedded_store.snapshot().nodes))
        assert draft["nodes"] and draft["ties"]
        load_paths(embedded_store, [write_draft(draft, tmp_path / f"{path.stem}.json")])
    assert embedded_store.counts().sources == 5


# -- rules added after the first held-out run (bench/intake/dev and heldout, docs/intake.md) --------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Die Zusammenarbeit mit dem Diakonischen Werk an der Saar hat sich bewährt.", "Diakonisches Werk an der Saar"),
        ("Es sprach der Schulleiter des Gymnasium am Stefansberg.", "Gymnasium am Stefansberg"),
        ("Die Feier findet im Rathaus St. Johann statt.", "Rathaus St. Johann"),
        ("Le groupe du Conseil parlementaire interrégional a siégé.", "Conseil parlementaire interrégional"),
        ("Die Sitzung des Kreistages des Landkreises Cochem-Zell war kurz.", "Kreistag des Landkreises Cochem-Zell"),
    ],
)
def test_organisation_names_with_places_saints_adjectives_and_councils(text, name):
    assert name in by_name(draft_of(text))


def test_a_council_named_by_its_body_is_part_of_it():
    draft = draft_of("Die Gemeinde Ulmen lud ein. Es tagte der Gemeinderat der Gemeinde Ulmen.")
    assert ("org:gemeinderat-der-gemeinde-ulmen", "org:gemeinde-ulmen", None) in ties_of(draft, "PART_OF")


def test_a_name_does_not_end_in_a_particle_nor_an_agenda_item_is_a_body():
    nodes = by_name(draft_of("TOP 3: Bericht. Anwesend war M. Thomas Berger de la Chambre de commerce de Metz."))
    assert "Thomas Berger" in nodes and "TOP" not in nodes


def test_an_agreement_a_council_resolves_names_its_parties_after_zwischen():
    draft = draft_of(
        "Der Kreistag beschloss die Kooperationsvereinbarung zur Betreuung junger Flüchtlinge "
        "zwischen dem Landkreis Cochem-Zell und der Gemeinde Ulmen."
    )
    agreement = next(n for n in draft["nodes"] if n["type"] == "Agreement")
    assert agreement["name"] == "Kooperationsvereinbarung zur Betreuung junger Flüchtlinge"
    assert {s for s, _, _ in ties_of(draft, "PARTY_TO")} == {"org:landkreis-cochem-zell", "org:gemeinde-ulmen"}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Der Verein Lichtblick e.V. arbeitet seit 2019 mit der Stadt Wittlich zusammen.",
            ("org:verein-lichtblick-e-v", "org:stadt-wittlich"),
        ),
        (
            "Gemeinsam mit dem Jobcenter Trier will die Volkshochschule Trier auch Kurse anbieten.",
            ("org:volkshochschule-trier", "org:jobcenter-trier"),
        ),
        (
            "L'association Horizons travaille depuis 2016 avec le Centre social Arc-en-ciel.",
            ("org:horizons", "org:centre-social-arc-en-ciel"),
        ),
    ],
)
def test_cooperation_stated_by_a_verb_with_mit_or_avec(text, pair):
    assert {(s, t) for s, t, _ in ties_of(draft_of(text), "COOPERATES_WITH")} == {pair}


def test_persons_who_sign_are_signatories_and_a_role_before_madame_is_theirs():
    draft = draft_of(
        "Le maire de Metz, Pierre Lambert, et la présidente de l'association Horizons, Mme Sophie Renard, "
        "ont signé hier une convention de partenariat pour l'accueil des familles."
    )
    signatories = {s for s, _, role in ties_of(draft, "PARTY_TO") if role == "signatory"}
    assert signatories == {"person:pierre-lambert", "person:sophie-renard"}
    assert ("person:sophie-renard", "org:horizons", "chair") in ties_of(draft, "MEMBER_OF")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Am 22. September 2018 fand in Daun das dritte Netzwerktreffen statt.", "place:daun"),
        ("Un colloque sur la mobilité se tiendra le 14 mai 2025 à Esch-sur-Alzette.", "place:esch-sur-alzette"),
    ],
)
def test_the_place_a_sentence_holds_its_one_event_in(text, place):
    assert {t for _, t, _ in ties_of(draft_of(text), "LOCATED_IN")} == {place}


def test_a_place_after_an_organisation_is_the_organisations_not_the_events():
    draft = draft_of("Die Caritas in Trier lädt am 3. Mai 2024 zum Fachtag Integration ein.")
    assert not any(s.startswith("event:") for s, _, _ in ties_of(draft, "LOCATED_IN"))


# -- rules of the third round (misses of bench/intake dev, heldout, heldout2; docs/intake.md) -----------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Das Zentrum arbeitet mit der St.-Marien-Klinik Wadern zusammen.", "St.-Marien-Klinik Wadern"),
        ("Die Patienten werden im Klinikum Idar-Oberstein behandelt.", "Klinikum Idar-Oberstein"),
        ("Le projet est soutenu par le Fonds social européen.", "Fonds social européen"),
        ("La Province de Namur a voté le budget.", "Province de Namur"),
        ("Beraten hat die Task Force Pflege.", "Task Force Pflege"),
        ("Le Centre hospitalier de Forbach recrute.", "Centre hospitalier de Forbach"),
        ("La convention lie la ville et le CPAS de Virton.", "CPAS de Virton"),
    ],
)
def test_heads_of_hospitals_funds_provinces_task_forces_and_abbreviations_with_a_place(text, name):
    assert name in by_name(draft_of(text))


def test_verbs_that_minutes_write_in_capitals_are_no_bodies():
    nodes = by_name(draft_of("Le Conseil communal DÉCIDE, à l'unanimité, d'adhérer. Il APPROUVE le budget."))
    assert not {"DÉCIDE", "APPROUVE"} & set(nodes)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "La Caisse d'allocations familiales de la Meuse s'est associée.",
            "Caisse d'allocations familiales de la Meuse",
        ),
        (
            "L'Institut de formation en soins infirmiers de Forbach recrute.",
            "Institut de formation en soins infirmiers de Forbach",
        ),
        ("Le Relais des assistantes maternelles transfrontalier travaille bien.", None),
        ("L'Agence régionale de santé Grand Est participe au comité.", "Agence régionale de santé Grand Est"),
        (
            "C'est assuré par l'Association des amis de Sierck-les-Bains en lien avec la mairie.",
            "Association des amis de Sierck-les-Bains",
        ),
    ],
)
def test_french_names_with_common_nouns_adjectives_and_a_proper_part_that_ends_them(text, name):
    names = set(by_name(draft_of(text)))
    if name is None:  # no head word: nothing proposed
        assert not any(n.startswith("Relais") for n in names)
    else:
        assert name in names


@pytest.mark.parametrize(
    ("text", "org", "place"),
    [
        ("La Ville d'Esch-sur-Alzette signe.", "org:ville-d-esch-sur-alzette", "place:esch-sur-alzette"),
        ("La Communauté d'agglomération de Forbach Porte de France signe.", None, "place:forbach"),
        ("La Province de Luxembourg adhère au réseau.", "org:province-de-luxembourg", "place:province-de-luxembourg"),
        ("Die Stadt Saarburg lädt ein.", "org:stadt-saarburg", "place:saarburg"),
    ],
)
def test_the_place_a_name_states_after_an_elided_article_before_a_country_or_as_its_territory(text, org, place):
    located = ties_of(draft_of(text), "LOCATED_IN")
    assert {t for _, t, _ in located} == {place}
    if org:
        assert {s for s, _, _ in located} == {org}


def test_a_town_by_its_own_name_before_the_town_it_translates_and_short_saints():
    nodes = by_name(
        draft_of("Das Treffen findet am 2. Juli 2025 in St. Vith statt. Dort sprach man über Saarburg und Trier.")
    )
    assert {"Saint-Vith", "Saarburg", "Trier"} <= set(nodes)
    assert "St. Vith" in nodes["Saint-Vith"]["aliases"]
    assert nodes["Saarburg"]["country"] == "DE" and "Sarrebourg" not in nodes
    assert not any(n["type"] == "Place" and n["country"] == "NL" for n in nodes.values())  # "Dort" is no Dordrecht


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        ("Prof. Dr. Jana Roth von der Hochschule Kaiserslautern sprach.", "Jana Roth", "Hochschule Kaiserslautern"),
        ("Le comité est présidé par le Dr Luc Ferry de la Maison de santé de Thionville.", "Luc Ferry", None),
    ],
)
def test_a_name_stops_at_a_particle_that_introduces_a_body_and_dr_needs_no_dot(text, person, body):
    nodes = by_name(draft_of(text))
    assert person in nodes
    if body:
        assert body in nodes


def test_von_der_inside_a_name_stays():
    assert "Ursula von der Leyen" in by_name(draft_of("Es sprach Ursula von der Leyen in Trier."))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Newsletter des Netzwerks Willkommen im Westrich, Ausgabe Mai", "Netzwerk Willkommen im Westrich"),
        ("Neu ist das Beratungsbüro Grenzgänger in Trier.", "Beratungsbüro Grenzgänger"),  # located there
        ("Der Verein Lichtblick im Gespräch mit der Stadt Daun.", "Verein Lichtblick"),
        ("Das Café Bär in Trier-West öffnet.", "Café Bär"),
        ("Die Stadt Trier in Rheinland-Pfalz lädt ein.", "Stadt Trier"),
        (
            "Gefördert vom Ministerium der Deutschsprachigen Gemeinschaft.",
            "Ministerium der Deutschsprachigen Gemeinschaft",
        ),
    ],
)
def test_names_with_im_or_in_and_a_government_of_a_polity(text, name):
    assert name in by_name(draft_of(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Le réseau travaille avec l'Institut für Sozialforschung Saarbrücken.",
            "Institut für Sozialforschung Saarbrücken",
        ),
        ("Les cours sont proposés avec France Travail.", "France Travail"),
        ("La Chambre de commerce et la Chambre des salariés coopèrent.", "Chambre des salariés"),
    ],
)
def test_a_head_both_languages_share_is_german_before_fuer_and_heads_that_are_whole_names(text, name):
    assert name in by_name(draft_of(text))


def test_a_german_head_word_alone_is_the_one_body_of_the_document_that_has_it():
    draft = draft_of(
        "Die Beratungsstelle Grenzgänger öffnet. Die Beratungsstelle arbeitet mit dem Regionalen "
        "Bildungszentrum Saarlouis zusammen."
    )
    assert ties_of(draft, "COOPERATES_WITH") == {
        ("org:beratungsstelle-grenzgaenger", "org:regionales-bildungszentrum-saarlouis", None)
    }


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        (
            "Der Landkreis Kusel lud ein. Für den Landkreis unterschrieb Landrat Otto Rammer.",
            ("person:otto-rammer", "org:landkreis-kusel", "district administrator"),
        ),
        (
            "M. Paul Klein, adjoint au maire, a rappelé que la Ville de Forbach coopère depuis 2010.",
            ("person:paul-klein", "org:ville-de-forbach", "deputy mayor"),
        ),
        (
            "Le projet a été présenté à l'Hôtel de Ville de Dudelange par la bourgmestre, Mme Anne Weber.",
            ("person:anne-weber", "org:ville-de-dudelange", "mayor"),
        ),
    ],
)
def test_an_office_makes_its_holder_a_member_of_the_one_body_of_its_kind_in_the_sentence(text, tie):
    assert tie in ties_of(draft_of(text), "MEMBER_OF")


def test_an_office_with_two_bodies_of_its_kind_gives_no_membership():
    draft = draft_of("Bürgermeister Jan Roth begrüßte die Stadt Konz und die Stadt Saarburg.")
    assert not ties_of(draft, "MEMBER_OF")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Der nächste Aktionstag findet am 15. März 2024 in der Stadthalle Konz statt.", "place:konz"),
        ("Une réunion publique aura lieu le 16 mai 2024 à la salle des fêtes de Longwy.", "place:longwy"),
        ("Rund 80 Gäste kamen am 20. März 2025 zum Fachtag nach Eupen.", "place:eupen"),
    ],
)
def test_the_place_of_an_event_held_in_a_venue_of_a_town_or_travelled_to(text, place):
    assert {t for s, t, _ in ties_of(draft_of(text), "LOCATED_IN") if s.startswith("event:")} == {place}


def test_events_named_by_tag_compounds_without_their_ordinal_and_days_are_no_events():
    nodes = by_name(draft_of("Der nächste Grenzgängertag findet am 15. März 2024 in Konz statt."))
    assert "Grenzgängertag" in nodes
    nodes = by_name(draft_of("Am Dienstag, 3. Mai 2024, tagte der Kreistag am Nachmittag in Trier."))
    assert not any(n["type"] in ("Event", "Organisation") for n in nodes.values())


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Der Caritasverband Trier startet das Mentoring-Programm für junge Geflüchtete.",
            "Mentoring-Programm für junge Geflüchtete",
            "Event",
        ),
        (
            "Am 3. Mai 2025 fand das Sprachcafé-Treffen im Bürgerhaus statt.",
            "Sprachcafé-Treffen im Bürgerhaus",
            "Event",
        ),
        (
            "Die Stadt und der Kreis unterzeichneten eine Kooperations-Vereinbarung zur Integration.",
            "Kooperations-Vereinbarung zur Integration",
            "Agreement",
        ),
    ],
)
def test_words_joined_to_a_head_by_hyphens_stay_in_the_name(text, name, kind):
    """ "Mentoring-Programm" is the programme's name, not "Programm" with the first word dropped."""
    nodes = by_name(draft_of(text))
    assert nodes.get(name, {}).get("type") == kind, sorted(nodes)


def test_an_advisory_council_of_a_body_is_named_by_it_and_part_of_it():
    draft = draft_of("Die Stadt Daun lud ein. Anna Roth vom Seniorenbeirat der Stadt Daun sprach.")
    assert "Seniorenbeirat der Stadt Daun" in by_name(draft)
    assert ("org:seniorenbeirat-der-stadt-daun", "org:stadt-daun", None) in ties_of(draft, "PART_OF")
    assert ("person:anna-roth", "org:seniorenbeirat-der-stadt-daun", None) in ties_of(draft, "MEMBER_OF")


@pytest.mark.parametrize(
    "text",
    [
        "Der Verein Lichtblick e.V. und die Stadt Wittlich bieten ab Mai gemeinsam Sprachkurse an.",
        "Der Verein Lichtblick e.V. und die Stadt Wittlich vereinbarten, eine Sprechstunde anzubieten.",
    ],
)
def test_two_bodies_that_do_something_together_cooperate(text):
    assert {(s, t) for s, t, _ in ties_of(draft_of(text), "COOPERATES_WITH")} == {
        ("org:verein-lichtblick-e-v", "org:stadt-wittlich")
    }


def test_organisers_named_after_veranstalter_sind_and_an_unlisted_role_before_a_body():
    draft = draft_of(
        "Der Aktionstag findet am 15. März 2024 in Konz statt; Veranstalter sind die Stadt Konz und die Gemeinde Perl."
    )
    organisers = {s for s, _, role in ties_of(draft, "PARTICIPATED_IN") if role == "organiser"}
    assert organisers == {"org:stadt-konz", "org:gemeinde-perl"}
    draft = draft_of("- Paul Weber, Gewerkschaftssekretär beim Pendlerverband Mosel-Sauer")
    assert ties_of(draft, "MEMBER_OF") == {("person:paul-weber", "org:pendlerverband-mosel-sauer", None)}


def test_a_small_town_listed_after_a_name_a_place_preposition_introduces():
    assert "Grevenmacher" in by_name(draft_of("Es kamen Pendler aus Wasserbillig und Grevenmacher."))
    assert "Grevenmacher" not in by_name(draft_of("Kuchen gibt es bei Anna und Grevenmacher."))


# -- rules of the fourth round (misses of the development and third held-out sets, docs/intake.md) ------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The report was prepared by Saarland University and the Luxembourg Institute of Health (LIH).",
            "Saarland University",
        ),
        (
            "The report was prepared by Saarland University and the Luxembourg Institute of Health (LIH).",
            "Luxembourg Institute of Health",
        ),
        ("The University of the Greater Region opens a new office.", "University of the Greater Region"),
        (
            "Results were discussed at the Economic and Social Council of Wallonia.",
            "Economic and Social Council of Wallonia",
        ),
        ("She is coordinator of the UniGR Center for Border Studies.", "UniGR Center for Border Studies"),
        ("The Cross-Border Tourism Agency of Luxembourg met on Monday.", "Cross-Border Tourism Agency of Luxembourg"),
    ],
)
def test_english_names_by_their_heads(text, name):
    assert name in by_name(draft_of(text))


def test_an_english_head_alone_or_after_a_person_is_no_name():
    names = by_name(draft_of("The Council met. Anna Weber of the Trier Chamber of Crafts spoke."))
    assert "Trier Chamber of Crafts" in names
    assert not any(
        n.startswith(("Council", "Anna Weber", "Weber")) for n, v in names.items() if v["type"] == "Organisation"
    )


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        (
            "Alarmiert wird über die Integrierte Leitstelle des Saarlandes.",
            "Integrierte Leitstelle des Saarlandes",
            "Leitstelle des Saarlandes",
        ),
        (
            "Partner ist das Deutsch-Französische Gymnasium Saarbrücken.",
            "Deutsch-Französisches Gymnasium Saarbrücken",
            "Gymnasium Saarbrücken",
        ),
        ("Es kommt die Freiwillige Feuerwehr Merzig.", "Freiwillige Feuerwehr Merzig", "Feuerwehr Merzig"),
        (
            "Gefördert vom Europäischen Fonds für regionale Entwicklung.",
            "Europäischer Fonds für regionale Entwicklung",
            None,
        ),
    ],
)
def test_an_adjective_before_a_head_is_part_of_the_name_cited_in_the_nominative(text, name, alias):
    assert name in by_name(draft_of(text))
    assert alias is None or alias not in by_name(draft_of(text))


def test_a_sentence_initial_or_ordinal_word_is_no_adjective_of_a_name():
    names = by_name(draft_of("Weitere Stelle: die Beratungsstelle Trier."))
    assert "Weitere Stelle" not in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le SDIS 57 et le SAMU de la Moselle interviennent.", "SDIS 57"),
        ("Le SDIS 57 et le SAMU de la Moselle interviennent.", "SAMU de la Moselle"),
        (
            "Teil nimmt das Deutsche Rote Kreuz, Landesverband Saarland, mit zwei Wachen.",
            "Deutsches Rotes Kreuz Landesverband Saarland",
        ),
        ("Der Schöffenrat der Gemeinde Remich stimmte zu.", "Schöffenrat der Gemeinde Remich"),
        (
            "Le Service de cardiologie du Centre hospitalier de Forbach accueille les patients.",
            "Service de cardiologie du Centre hospitalier de Forbach",
        ),
        (
            "sagte sie an der Medizinischen Fakultät der Universität Trier.",
            "Medizinischen Fakultät der Universität Trier",
        ),
        ("Le projet est financé par le programme Interreg VI A Grande Région.", "Interreg VI A Grande Région"),
        ("La convention lie la ville de Pirmasens et la mairie de Bitche.", "Ville de Pirmasens"),
        ("La convention lie la ville de Pirmasens et la mairie de Bitche.", "Mairie de Bitche"),
        (
            "Elle préside la Mutualité chrétienne de la province de Luxembourg.",
            "Mutualité chrétienne de la province de Luxembourg",
        ),
    ],
)
def test_names_with_numbers_branches_units_of_a_parent_programmes_and_lower_case_heads(text, name):
    assert name in by_name(draft_of(text))


def test_a_unit_named_by_its_parent_is_part_of_it():
    draft = draft_of("Die Gemeinde Remich lud ein. Der Schöffenrat der Gemeinde Remich stimmte zu.")
    assert ("org:schoeffenrat-der-gemeinde-remich", "org:gemeinde-remich", None) in ties_of(draft, "PART_OF")
    draft = draft_of(
        "Das Centre hospitalier de Forbach recrute. Le Service de cardiologie du Centre hospitalier de Forbach ouvre."
    )
    assert (
        "org:service-de-cardiologie-du-centre-hospitalier-de-forbach",
        "org:centre-hospitalier-de-forbach",
        None,
    ) in ties_of(draft, "PART_OF")


def test_a_role_after_a_form_of_address_is_no_part_of_the_name():
    draft = draft_of("Vertreten durch Herrn Landrat Stefan Weiland.")
    assert "Stefan Weiland" in by_name(draft)
    assert not any("Landrat" in n for n in by_name(draft))


def test_a_web_pages_headings_are_sentences_of_their_own():
    page = (
        "<html><head><title>Jugendparlament – Eurodistrict SaarMoselle</title></head><body><main>"
        "<h1>Jugendparlament</h1><p>Sarreguemines, le 4 mars 2025</p><h2>Partenaires</h2><ul><li>Ville de Forbach</li>"
        "<li>Stadt Völklingen</li></ul><h2>Séance</h2><p>La séance aura lieu à Metz.</p><h2>Contact</h2>"
        "<p>Écrivez-nous.</p></main></body></html>"
    )
    draft = extract_documents([read_document("page.html", page.encode())], ())
    names = by_name(draft)
    assert {"Eurodistrict SaarMoselle", "Ville de Forbach", "Stadt Völklingen"} <= set(names)
    assert not any(n.endswith(("Jugendparlament", "Partenaires")) for n in names if n != "Jugendparlament")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Die Kita entsteht in Perl an der Mosel.", "Perl"),
        ("Les élus d'Apach ont voté. La crèche ouvre à Apach.", "Apach"),
        ("Steinfort, 3 June 2025 – A new bus line opens.", "Steinfort"),
        ("Die Linie hält in Merzig, Mettlach und Orscholz.", "Orscholz"),
    ],
)
def test_small_towns_of_the_region_where_the_text_places_something_in_them(text, town):
    assert by_name(draft_of(text))[town]["type"] == "Place"


@pytest.mark.parametrize(
    "text",
    ["Wir danken Perl und Berg für die Hilfe.", "Das Projekt von Perl wird vorgestellt.", "Kuchen und Kaffee gab es."],
)
def test_a_small_town_without_a_place_context_is_not_proposed(text):
    assert not [n for n in draft_of(text)["nodes"] if n["type"] == "Place"]


def test_the_evaluation_matches_a_place_by_its_other_language_names():
    from graph.intake.evaluate import score

    labels = [Place(id="place:lorraine", name="Lorraine", kind="region", country="FR", sources=["s"])]
    draft = {"nodes": [{"id": "place:lothringen", "type": "Place", "name": "Lothringen"}], "ties": []}
    assert score(draft, labels, [], in_one_sentence=set())["Place"].right == 1
    other = {"nodes": [{"id": "place:metz", "type": "Place", "name": "Metz"}], "ties": []}
    assert score(other, labels, [], in_one_sentence=set())["Place"].right == 0


@pytest.mark.parametrize(
    ("text", "tie", "pair"),
    [
        (
            "The forum was organised by the Saarland Tourism Agency and the Trier Marketing Board.",
            "COOPERATES_WITH",
            None,
        ),
        (
            "Anna Weber, head of the legal unit at the Luxembourg Institute of Health, spoke.",
            "MEMBER_OF",
            ("person:anna-weber", "org:luxembourg-institute-of-health"),
        ),
        (
            "The Saarland Tourism Agency prepared the study together with the University of Trier.",
            "COOPERATES_WITH",
            ("org:saarland-tourism-agency", "org:university-of-trier"),
        ),
    ],
)
def test_english_cues_of_ties(text, tie, pair):
    found = {(s, t) for s, t, _ in ties_of(draft_of(text), tie)}
    assert (pair in found) if pair else not found


def test_english_events_by_title_case_or_by_what_follows_their_head():
    names = by_name(
        draft_of(
            "Winemakers met on 26 September 2025 in Remich for the third Moselle Wine Tourism Forum. "
            "The university opens its summer school on the energy transition in border regions on 7 July 2025."
        )
    )
    assert names["Moselle Wine Tourism Forum"]["type"] == "Event"
    assert names["Summer school on the energy transition in border regions"]["type"] == "Event"
    assert not any(v["type"] == "Event" for v in by_name(draft_of("Das Himmeroder Forum tagt.")).values())


def test_actors_of_a_sentence_that_refers_back_to_the_event_of_the_sentence_before():
    draft = draft_of("Der Fachtag Pflege findet am 17. Mai 2025 in Forbach statt. Die Caritas Trier nimmt daran teil.")
    assert ("org:caritas", "event:fachtag-2025-05-17", "participant") in ties_of(draft, "PARTICIPATED_IN")
    draft = draft_of("Der Fachtag Pflege findet am 17. Mai 2025 in Forbach statt. Die Caritas Trier berät Familien.")
    assert not ties_of(draft, "PARTICIPATED_IN")


# -- fifth round: one known answer per rule ------------------------------------------------------


def test_a_cooperation_cue_after_the_first_sentence_joins_the_bodies_around_it():
    draft = draft_of(
        "Pressemitteilung vom 3. März 2025. Der Caritasverband Trier hat gemeinsam mit der Handwerkskammer Koblenz "
        "eine Beratungsstelle eröffnet."
    )
    pairs = {(s, t) for s, t, _ in ties_of(draft, "COOPERATES_WITH")}
    assert ("org:caritasverband-trier", "org:handwerkskammer-koblenz") in pairs


def test_bodies_before_a_verb_of_organising_organise_the_event_and_a_venue_does_not():
    draft = draft_of(
        "Die Stadt Konz und die Handwerkskammer Trier laden am 12. Juni 2025 zum Fachgespräch „Pflege ohne Grenzen“ "
        "in das Bürgerhaus Konz ein."
    )
    found = ties_of(draft, "PARTICIPATED_IN")
    event = "event:pflege-ohne-grenzen-2025-06-12"
    assert {("org:stadt-konz", event, "organiser"), ("org:handwerkskammer-trier", event, "organiser")} <= found
    assert not ties_of(
        draft_of("Der Verein lädt am 2. Mai 2025 zum Workshop Pflege für die Stadt Konz ein."), "PARTICIPATED_IN"
    )


def test_a_french_venue_hosts_the_event():
    draft = draft_of("La journée « Vivre la frontière » aura lieu le 4 mai 2025 au centre culturel Kulturfabrik.")
    assert ("org:kulturfabrik", "event:vivre-la-frontiere-2025-05-04", "host") in ties_of(draft, "PARTICIPATED_IN")


@pytest.mark.parametrize(
    ("text", "pair", "role"),
    [
        (
            "Um 9 Uhr spricht Geschäftsführer Peter Lang (Handwerkskammer Trier) über Ausbildung.",
            ("person:peter-lang", "org:handwerkskammer-trier"),
            "managing director",
        ),
        (
            "Der Verein Brücke Saar e.V., vertreten durch seinen Vorsitzenden, Herrn Peter Lang, und die Stadt Metz "
            "schließen den Vertrag.",
            ("person:peter-lang", "org:verein-bruecke-saar-e-v"),
            "chair",
        ),
        (
            "Die Arbeitsgruppe Verkehr unter Leitung von Herrn Peter Lang hat sich dreimal getroffen.",
            ("person:peter-lang", "org:arbeitsgruppe-verkehr"),
            "head",
        ),
        (
            "„Wir bilden gemeinsam aus“, sagte Dr. Eva Roth, Studiengangsleiterin an der Hochschule Trier.",
            ("person:eva-roth", "org:hochschule-trier"),
            "head",
        ),
    ],
)
def test_members_by_brackets_representation_leadership_and_an_der(text, pair, role):
    assert (*pair, role) in ties_of(draft_of(text), "MEMBER_OF")


def test_a_zweckverband_keeps_its_head():
    assert "Zweckverband Rettungsdienst Saar" in by_name(draft_of("Der Zweckverband Rettungsdienst Saar (ZRS) tagt."))


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Partner ist die Caisse nationale de santé (CNS) aus Luxemburg.",
            ("org:caisse-nationale-de-sante", "place:luxemburg"),
        ),
        ("Die Handwerkskammer (HWK) in Koblenz berät.", ("org:handwerkskammer", "place:koblenz")),
    ],
)
def test_a_body_from_a_place_is_located_in_it(text, pair):
    assert pair in {(s, t) for s, t, _ in ties_of(draft_of(text), "LOCATED_IN")}


@pytest.mark.parametrize(
    ("text", "names", "not_names"),
    [
        (
            "Le projet est soutenu par la Région Grand Est et du Département des Vosges.",
            {"Région Grand Est", "Département des Vosges"},
            {"Région Grand Est et du Département des Vosges"},
        ),
        (
            "La convention associe la Chambre des métiers Luxembourg et de la CGT.",
            {"Chambre des métiers Luxembourg", "CGT"},
            set(),
        ),
        (
            "Speakers included the Luxembourg Institute of Health and Marc Weber.",
            {"Luxembourg Institute of Health", "Marc Weber"},
            {"Luxembourg Institute of Health and Marc Weber"},
        ),
        ("Die Taskforce Grenzgänger berät Pendler.", {"Taskforce Grenzgänger"}, {"Task Force Grenzgänger"}),
        (
            "Chambre de commerce et d'industrie de la Moselle",
            {"Chambre de commerce et d'industrie de la Moselle"},
            set(),
        ),
    ],
)
def test_names_cut_where_they_run_on_into_the_next_name(text, names, not_names):
    found = set(by_name(draft_of(text)))
    assert names <= found
    assert not (not_names & found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The forum opened with a talk by Professor Ludger Hamm.", "Ludger Hamm"),
        ("Jeff Gloden, Mayor of Remich, welcomed the guests.", "Jeff Gloden"),
    ],
)
def test_english_persons_by_professor_or_by_their_role_after_the_name(text, name):
    assert by_name(draft_of(text))[name]["type"] == "Person"


def test_exercises_and_consultation_hours_are_events_placed_by_their_name():
    draft = draft_of(
        "Die Caritas Trier und der Verein Brücke e.V. vereinbarten, ab März 2025 eine gemeinsame Sprechstunde "
        "in Saarburg anzubieten."
    )
    event = "event:gemeinsame-sprechstunde-in-saarburg-2025-03"
    assert ("org:verein-bruecke-e-v", event, "organiser") in ties_of(draft, "PARTICIPATED_IN")
    assert (event, "place:saarburg", None) in ties_of(draft, "LOCATED_IN")
    assert (
        by_name(draft_of("Einmal jährlich findet eine gemeinsame Übung statt, erstmals am 4. Mai 2025 in Perl."))[
            "Gemeinsame Übung"
        ]["type"]
        == "Event"
    )
    titled = draft_of("Die Stadt Trier stellte das Programm „Willkommen in Trier“ am 4. Mai 2025 vor.")
    assert not [t for t in ties_of(titled, "LOCATED_IN") if t[0].startswith("event:")]


def test_a_cooperation_cue_beside_an_event_unless_the_bodies_organise_it_together():
    helping = draft_of(
        "Der Verein Brücke e.V. begleitet den Fachtag Pflege am 3. Mai 2025 gemeinsam mit der Caritas Trier."
    )
    assert ("org:verein-bruecke-e-v", "org:caritas", None) in ties_of(helping, "COOPERATES_WITH")
    organising = draft_of(
        "Der Verein Brücke e.V. organisiert den Fachtag Pflege am 3. Mai 2025 gemeinsam mit der Caritas Trier."
    )
    assert not ties_of(organising, "COOPERATES_WITH")
    assert ("org:verein-bruecke-e-v", "event:fachtag-2025-05-03", "organiser") in ties_of(organising, "PARTICIPATED_IN")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "La Caisse primaire d'assurance maladie de la Meuse rembourse les soins.",
            "Caisse primaire d'assurance maladie de la Meuse",
        ),
        (
            "La Communauté de communes Pays Haut Val d'Alzette vote le budget.",
            "Communauté de communes Pays Haut Val d'Alzette",
        ),
        (
            "Le Réseau régional des aidants proches de Wallonie se réunit.",
            "Réseau régional des aidants proches de Wallonie",
        ),
        (
            "L'Agence de développement durable Moselle Sud organise un atelier.",
            "Agence de développement durable Moselle Sud",
        ),
    ],
)
def test_french_names_with_adjectives_in_able_proches_and_a_proper_part_of_three_words(text, name):
    assert by_name(draft_of(text))[name]["type"] == "Organisation"


def test_deutsch_before_a_german_head_is_part_of_the_name():
    assert "Deutsche Rentenversicherung Saarland" in by_name(
        draft_of("Die Deutsche Rentenversicherung Saarland berät.")
    )


def test_bodies_without_a_head_word_by_a_describing_noun_a_cue_or_a_list_of_bodies_from_places():
    names = by_name(draft_of("Die Linie betreibt das Verkehrsunternehmen Arriva Saar gemeinsam mit der Stadt Trier."))
    assert names["Arriva Saar"]["type"] == "Organisation"
    names = by_name(
        draft_of(
            "The fair was organised by Grenzenlos Events, together with Moselbahn GmbH from Trier and Vinoteca Nord from Metz."
        )
    )
    assert names["Grenzenlos Events"]["type"] == names["Vinoteca Nord"]["type"] == "Organisation"
    assert by_name(draft_of("The forum was organised by Marc Weber."))["Marc Weber"]["type"] == "Person"
    assert "Trier Metz" not in by_name(draft_of("Pendler kommen aus Trier und Wiltz aus Metz."))


def test_an_english_name_that_leads_with_a_place_is_located_in_it():
    draft = draft_of("The Trier Tourism Agency and Metz University signed a plan.")
    found = {(s, t) for s, t, _ in ties_of(draft, "LOCATED_IN")}
    assert {("org:trier-tourism-agency", "place:trier"), ("org:metz-university", "place:metz")} <= found


@pytest.mark.parametrize(
    "text", ["Die Buslinie verbindet Perl, Apach und Schengen.", "The new bus links Perl, Apach and Schengen."]
)
def test_three_small_towns_listed_together_confirm_each_other(text):
    assert {"Perl", "Apach", "Schengen"} <= {n for n, v in by_name(draft_of(text)).items() if v["type"] == "Place"}


def test_a_unit_named_by_the_documents_other_body_is_part_of_it():
    draft = draft_of("Le SDEA recrute. Le Centre de formation des agents du SDEA ouvre en mai.")
    assert ("org:centre-de-formation-des-agents-du-sdea", "org:sdea", None) in ties_of(draft, "PART_OF")
    assert not ties_of(draft_of("Le SDEA recrute. La Maison de la culture ouvre en mai."), "PART_OF")


def test_an_event_referred_to_by_its_head_and_the_organisers_partners():
    draft = draft_of(
        "Cider makers met on 3 May 2025 in Perl for the second Saar Cider Forum. "
        "The forum was organised by Grenzenlos Events, together with Moselbahn GmbH from Trier and Vinoteca Nord from Metz. "
        "Opening the forum, Marc Weber, Mayor of Perl, welcomed the guests."
    )
    event = "event:saar-cider-forum-2025-05-03"
    found = ties_of(draft, "PARTICIPATED_IN")
    for org in ("org:grenzenlos-events", "org:moselbahn-gmbh", "org:vinoteca-nord"):
        assert (org, event, "organiser") in found
    assert ("person:marc-weber", event, "speaker") in found
    # two events with one head: "the forum" is neither
    two = draft_of(
        "On 3 May 2025 the Saar Cider Forum met. On 4 May 2025 the Mosel Wine Forum met. The forum was organised by Grenzenlos Events."
    )
    assert not ties_of(two, "PARTICIPATED_IN")


def test_bodies_of_a_sentence_that_opens_at_its_event_and_a_person_who_leads_a_workshop():
    draft = draft_of(
        "In a panel on rural transport on 3 May 2025, the Saar Bus Agency and the Trier Rail Board announced a joint timetable."
    )
    event = "event:panel-on-rural-transport-2025-05-03"
    assert ("org:trier-rail-board", event, "participant") in ties_of(draft, "PARTICIPATED_IN")
    draft = draft_of(
        "Sa coordinatrice, Claire Weber, animera le 4 mai 2025 un atelier d'échange à la médiathèque de Metz."
    )
    assert ("person:claire-weber", "event:atelier-d-echange-2025-05-04", "speaker") in ties_of(draft, "PARTICIPATED_IN")


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Die Verkehrsbetriebe Saarlouis GmbH fährt.", ("org:verkehrsbetriebe-saarlouis-gmbh", "place:saarlouis")),
        ("Der Verein arbeitet mit der Caritas Saarbrücken zusammen.", ("org:caritas", "place:saarbruecken")),
    ],
)
def test_a_town_before_a_legal_form_or_right_after_a_body_locates_it(text, pair):
    assert pair in {(s, t) for s, t, _ in ties_of(draft_of(text), "LOCATED_IN")}


def test_a_small_town_before_a_legal_form_is_no_place_of_the_body():
    assert not ties_of(draft_of("Der Verein Brücken e.V. hilft."), "LOCATED_IN")


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "The Greater Moselle Energy Observatory published a study. "
            "Anna Weber, managing director of the observatory, presented it.",
            ("person:anna-weber", "org:greater-moselle-energy-observatory"),
        ),
        (
            "Le Réseau régional des aidants proches de Wallonie se réunit. "
            "« Nous aidons », rappelle Mme Claire Petit, coordinatrice du réseau.",
            ("person:claire-petit", "org:reseau-regional-des-aidants-proches-de-wallonie"),
        ),
        (
            "Das Pflegebildungszentrum Mosel öffnet. „Wir bilden aus“, sagt Jutta Klein, "
            "Geschäftsführerin des Pflegebildungszentrums.",
            ("person:jutta-klein", "org:pflegebildungszentrum-mosel"),
        ),
    ],
)
def test_a_body_named_again_by_its_head_word_alone(text, pair):
    assert pair in {(s, t) for s, t, _ in ties_of(draft_of(text), "MEMBER_OF")}


def test_a_head_word_two_bodies_share_refers_to_neither():
    draft = draft_of(
        "Le Réseau santé Moselle et le Réseau emploi Sarre se réunissent. Mme Claire Petit, coordinatrice du réseau, parle."
    )
    assert not ties_of(draft, "MEMBER_OF")


def test_a_french_lower_case_head_with_an_adjective_before_the_name():
    names = by_name(draft_of("L'association luxembourgeoise Amitié Nord a rejoint le réseau."))
    assert names["Amitié Nord"]["type"] == "Organisation"


def test_a_polity_in_the_genitive_after_any_head():
    names = by_name(draft_of("Das Jugendamt der Deutschsprachigen Gemeinschaft berät Familien."))
    assert names["Jugendamt der Deutschsprachigen Gemeinschaft"]["type"] == "Organisation"


# -- rules of the sixth round (general classes of misses, docs/intake.md) ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "towns"),
    [
        ("Le public de Montmédy et d'Arlon se retrouve.", {"Arlon"}),
        ("Der Bus fährt über Frauenberg nach Blieskastel.", {"Frauenberg", "Blieskastel"}),
        ("Die Rettungswagen kommen aus Großrosseln, Karlsbrunn und Petite-Rosselle.", {"Karlsbrunn"}),
        ("La Nied traverse la frontière entre Bouzonville et Niedaltdorf.", {"Niedaltdorf"}),
        ("Séance du conseil du 16 octobre 2025 à Launstroff.", {"Launstroff"}),
        ("Die Linie hält in Sarreguemines, Habkirchen und Bliesmengen-Bolchen.", {"Habkirchen", "Bliesmengen-Bolchen"}),
    ],
)
def test_towns_after_elided_or_route_prepositions_and_villages_by_the_shape_of_their_names(text, towns):
    places = {n["name"] for n in draft_of(text)["nodes"] if n["type"] == "Place"}
    assert towns <= places


@pytest.mark.parametrize(
    "text",
    [
        "Wir danken den Neuankömmlingen, Gästen und Helfern.",
        "Die Förderung in Umsetzung beginnt.",
        "Die Ehrenamtlichen aus Vereinen und Verbänden halfen.",
    ],
)
def test_nouns_are_no_villages(text):
    assert not [n for n in draft_of(text)["nodes"] if n["type"] == "Place"]


def test_french_councils_by_their_head_named_by_their_place_or_alone():
    names = by_name(draft_of("Le conseil municipal de Longwy approuve. Le conseil municipal autorise le maire."))
    assert names["Conseil municipal de Longwy"]["type"] == "Organisation"
    assert "Conseil municipal" not in names  # the head alone is the one council the document names
    names = by_name(
        draft_of("Extrait du registre des délibérations du conseil communautaire. Le Conseil provincial siège.")
    )
    assert {"Conseil communautaire", "Conseil provincial"} <= set(names)
    names = by_name(draft_of("La communauté d'agglomération de Forbach organise."))
    assert "Communauté d'agglomération de Forbach" in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le Musée gaumais de Virton prête des œuvres.", "Musée gaumais de Virton"),
        ("La Bibliothèque publique de Virton ouvre.", "Bibliothèque publique de Virton"),
        ("Les élèves de l'Athénée royal de Vielsalm sont venus.", "Athénée royal de Vielsalm"),
        ("Die Auszubildenden lernen im Pflegeheim Sauerdall.", "Pflegeheim Sauerdall"),
        ("Einsätze in der Sozialstation Irrel-Ferschweiler sind möglich.", "Sozialstation Irrel-Ferschweiler"),
        ("Es stellt der Pflegedienst CuraVita aus.", "Pflegedienst CuraVita"),
        ("Die Schiffswerft Trossen baut die Fähre.", "Schiffswerft Trossen"),
        ("Le syndicat Aquanied entretient les berges.", "Aquanied"),
        ("The European Regional Development Fund pays half.", "European Regional Development Fund"),
        ("The line is run by MoselLink EGTC since May.", "MoselLink EGTC"),
        (
            "Jean Schiltz, Direktor der Stiftung Europäisches Museum Schengen, sprach.",
            "Stiftung Europäisches Museum Schengen",
        ),
    ],
)
def test_cultural_care_and_trade_institutions_by_their_heads_and_the_european_grouping(text, name):
    assert by_name(draft_of(text))[name]["type"] == "Organisation"


def test_a_body_named_after_villages_a_hyphen_joins_or_regions_a_slash_joins_is_located_in_each():
    draft = draft_of("Praxiseinsätze sind in der Sozialstation Irrel-Ferschweiler möglich.")
    assert ties_of(draft, "LOCATED_IN") == {
        ("org:sozialstation-irrel-ferschweiler", "place:irrel", None),
        ("org:sozialstation-irrel-ferschweiler", "place:ferschweiler", None),
    }
    # towns a hyphen joins name a district, not two places
    draft = draft_of("Das Kreisjugendamt Merzig-Wadern berät.")
    assert not {t for _, t, _ in ties_of(draft, "LOCATED_IN")} & {"place:merzig", "place:wadern"}


def test_an_english_name_with_a_second_of_that_names_its_place_and_a_clubs_year_of_founding():
    names = by_name(draft_of("The Chamber of Commerce and Industry of Saarland invites you."))
    assert "Chamber of Commerce and Industry of Saarland" in names
    assert "University of Luxembourg" in by_name(
        draft_of("Thanks to the University of Luxembourg for the Greater Region.")
    )
    draft = draft_of("Der Angelsportverein Rehlingen 1962 hilft beim Aufräumen.")
    assert ("org:angelsportverein-rehlingen-1962", "place:rehlingen", None) in ties_of(draft, "LOCATED_IN")
    assert "Verein Lichtblick" in by_name(draft_of("Der Verein Lichtblick 1995 bis 2000 half."))


@pytest.mark.parametrize(
    "name",
    [
        "Ministère de l'Environnement, du Climat et de la Mobilité de la Sarre",
        "Ministère de l'Éducation nationale, de l'Enfance et de la Jeunesse",
    ],
)
def test_a_french_ministry_named_by_the_list_of_its_portfolios(name):
    assert by_name(draft_of(f"Le {name} soutient le projet."))[name]["type"] == "Organisation"


def test_a_body_of_a_local_government_in_the_genitive_is_part_of_it_and_the_government_is_named():
    draft = draft_of("Veranstalter sind die Wirtschaftsförderung des Saarpfalz-Kreises und die Stadt Homburg.")
    assert {"Wirtschaftsförderung des Saarpfalz-Kreises", "Saarpfalz-Kreis"} <= set(by_name(draft))
    assert ("org:wirtschaftsfoerderung-des-saarpfalz-kreises", "org:saarpfalz-kreis", None) in ties_of(draft, "PART_OF")
    draft = draft_of("Yusuf Kaya vom Integrationsbeirat der Stadt Prüm berichtete.")
    assert "Stadt Prüm" in by_name(draft)
    # the government inside a council's name takes no part in the council's session
    draft = draft_of("Am 3. Mai 2024 fand die Sitzung des Kreistages des Landkreises Merzig-Wadern statt.")
    assert "org:landkreis-merzig-wadern" not in {s for s, _, _ in ties_of(draft, "PARTICIPATED_IN")}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "The ride was led by Lukas Brenner, First Alderman of the Verbandsgemeinde Saarburg-Kell.",
            ("person:lukas-brenner", "org:verbandsgemeinde-saarburg-kell"),
        ),
        (
            "Jürgen Hartz, chef du service environnement du Landkreis Merzig-Wadern, présente le plan.",
            ("person:juergen-hartz", "org:landkreis-merzig-wadern"),
        ),
        (
            "Welcome by Markus Feltes, State Secretary at the Saarland Ministry for the Economy and Energy.",
            ("person:markus-feltes", "org:saarland-ministry-for-the-economy-and-energy"),
        ),
    ],
)
def test_a_title_the_lexicon_does_not_list_between_a_name_and_of_its_body(text, pair):
    assert (*pair, None) in ties_of(draft_of(text), "MEMBER_OF")


def test_a_clause_after_a_name_is_no_title():
    draft = draft_of("Anna Schmidt, die seit Jahren bei der Stadt Trier arbeitet, sprach.")
    assert not ties_of(draft, "MEMBER_OF")


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "La Communauté d'agglomération Sarreguemines Confluences organise la journée.",
            ("org:communaute-d-agglomeration-sarreguemines-confluences", "place:sarreguemines"),
        ),
        (
            "Das Klinikum Saarbrücken-Rastpfuhl nimmt Patienten auf.",
            ("org:klinikum-saarbruecken-rastpfuhl", "place:saarbruecken"),
        ),
    ],
)
def test_a_body_named_after_a_town_before_its_other_words_is_located_in_it(text, pair):
    assert (*pair, None) in ties_of(draft_of(text), "LOCATED_IN")


def test_towns_a_hyphen_joins_or_a_plural_article_are_no_town_within_a_name():
    draft = draft_of("Die Kreisverwaltung Trier-Saarburg und die Communauté de communes des Rives de la Nied beraten.")
    assert not {t for _, t, _ in ties_of(draft, "LOCATED_IN")} & {"place:trier", "place:saarburg", "place:rives"}


@pytest.mark.parametrize(
    ("text", "towns"),
    [
        ("Les jeunes de Troisvierges et de Beho prennent le même bus.", {"Troisvierges", "Beho"}),
        ("Mayor Claudine Roeder of Mertert spoke.", {"Mertert"}),
        ("The ride went from Konz to Sierck-les-Bains.", {"Konz", "Sierck-les-Bains"}),
    ],
)
def test_villages_each_after_its_own_preposition_or_after_of_and_to(text, towns):
    assert towns <= {n["name"] for n in draft_of(text)["nodes"] if n["type"] == "Place"}


def test_a_french_ministry_in_running_text_in_lower_case():
    names = by_name(draft_of("Le projet est soutenu par le ministère de la Santé de la Sarre."))
    assert names["Ministère de la Santé de la Sarre"]["type"] == "Organisation"
    assert not [n for n in draft_of("Le ministère de tutelle a validé.")["nodes"] if n["type"] == "Organisation"]


def test_an_english_name_that_ends_in_its_place():
    assert "Welcome Center Saarland" in by_name(draft_of("Ask the Welcome Center Saarland for advice."))


def test_a_body_without_a_head_word_after_its_trade():
    names = by_name(
        draft_of(
            "Speakers include the Saint-Avold chemical platform operator ChemPôle Est, "
            "the haulier Kremer Transports of Bettembourg and others."
        )
    )
    assert {"ChemPôle Est", "Kremer Transports"} <= set(names)
    assert "Kremmen" not in names  # "Kremer" is no town's adjective inside a name


def test_the_town_of_a_mayor_and_an_abbreviation_with_the_places_it_serves():
    places = {
        n["name"] for n in draft_of("Il désigne M. Paul Simonin, maire de Flastroff, pour le représenter.")["nodes"]
    }
    assert "Flastroff" in places
    names = by_name(draft_of("Die AOK Rheinland-Pfalz/Saarland finanziert das Projekt."))
    assert names["AOK Rheinland-Pfalz/Saarland"]["type"] == "Organisation"
    assert {"Rheinland-Pfalz", "Saarland"} <= set(names)


def test_a_first_name_after_a_town_is_no_village_of_a_list():
    draft = draft_of("M. le bourgmestre de Gouvy, Yves Lentz, a accueilli les participants.")
    assert {n["name"] for n in draft["nodes"] if n["type"] == "Place"} == {"Gouvy"}


def test_a_body_with_a_legal_form_is_named_again_without_it():
    draft = draft_of(
        "Die Linie betreibt die MoselLink EGTC. Gemeinsam mit der Stadt Trier plant MoselLink den Fahrplan."
    )
    assert [n["name"] for n in draft["nodes"] if n["type"] == "Organisation"].count("MoselLink EGTC") == 1
    assert "MoselLink" not in by_name(draft)
    assert ("org:mosellink-egtc", "org:stadt-trier", None) in ties_of(draft, "COOPERATES_WITH")


def test_a_role_before_a_name_and_the_body_after_it_and_a_short_form_of_the_body():
    """ "die Projektleiterin Petra Hollmann vom Verein ..." gives the membership its role; the body
    named again without its first word ("Quelle: Brückenbauer Trier e.V.") is the same body; and
    the publisher keeps the dot of "e.V."."""
    text = (
        "Trier, 14. März 2025\n\nSprachcafé für junge Geflüchtete\n\n"
        "Die Handwerkskammer Trier startet mit dem Verein Brückenbauer Trier e.V. ein Sprachcafé. "
        "„Sprache öffnet Türen“, sagte die Projektleiterin Petra Hollmann vom Verein Brückenbauer Trier e.V. "
        "bei der Vorstellung.\n\nQuelle: Brückenbauer Trier e.V.\n"
    )
    draft = draft_of(text)
    organisations = sorted(n["name"] for n in draft["nodes"] if n["type"] == "Organisation")
    assert organisations == ["Handwerkskammer Trier", "Verein Brückenbauer Trier e.V."]
    assert ("person:petra-hollmann", "org:verein-brueckenbauer-trier-e-v", "project leader") in ties_of(
        draft, "MEMBER_OF"
    )
    assert draft["sources"][0]["publisher"] == "Brückenbauer Trier e.V."


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("Quelle: IHK Trier.", "IHK Trier"),
        ("Quelle: Müller & Co.", "Müller & Co."),
        ("Source : Région Grand Est.", "Région Grand Est"),
        ("Herausgeber: Verein X e. V.", "Verein X e. V."),
    ],
)
def test_the_publisher_line_loses_its_full_stop_but_not_an_abbreviations_dot(line, publisher):
    assert draft_of(f"Ein Titel\n\nEin Satz über nichts.\n\n{line}\n")["sources"][0]["publisher"] == publisher
