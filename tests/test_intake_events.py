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


def test_french_events_named_by_their_adjectives_and_complements_with_or_without_a_capital():
    cases = {
        "Une première réunion publique aura lieu le 16 mai 2024 à Metz.": "Réunion publique",
        "Les jeunes se sont retrouvés le 18 avril 2026 à Gouvy pour la quatrième Rencontre transfrontalière des "
        "conseils communaux des jeunes.": "Rencontre transfrontalière des conseils communaux des jeunes",
        "La prochaine séance plénière du conseil des jeunes aura lieu le 3 mai 2025.": "Séance plénière du conseil des jeunes",
        "Procès-verbal de la séance du conseil communautaire du jeudi 16 octobre 2025": "Séance du conseil communautaire",
    }
    for text, name in cases.items():
        assert name in events_of(draft_of(text)), text


def test_a_meeting_named_by_its_day():
    assert "Séance du 24 mars 2025" in events_of(draft_of("Séance du 24 mars 2025"))
    assert "Sitzung vom 3. März 2025" in events_of(draft_of("Die Sitzung vom 3. März 2025 fand in Trier statt."))


def test_the_body_whose_session_it_is_does_not_organise_it():
    draft = draft_of("La prochaine séance du Conseil municipal de Metz aura lieu le 27 juin 2023.")
    assert events_of(draft) and not taking_part(draft)
    other = draft_of("Die Veranstaltung des Vereins Brücken e.V. findet am 3. Mai 2025 in Trier statt.")  # genitive
    assert any(role == "organiser" for _, _, role in taking_part(other))


def test_supporters_and_funders_take_part_and_organisers_are_listed_with_their_preposition():
    cases = [
        (
            "Le colloque « Vivre la frontière » du 3 mai 2025 est organisé par la Ville de Metz et par l'Université "
            "de Lorraine, avec le soutien du Conseil départemental de la Moselle et de la Région Grand Est.",
            {("Ville de Metz", "organiser"), ("Université de Lorraine", "organiser")},
            {("Conseil départemental de la Moselle", "participant"), ("Région Grand Est", "participant")},
        ),
        (
            "Die Fachtagung „Pflege ohne Grenzen“ am 3. Mai 2025 wird von der Stadt Trier und dem Landkreis Trier-Saarburg gefördert.",
            set(),
            {("Stadt Trier", "participant"), ("Landkreis Trier-Saarburg", "participant")},
        ),
        (
            "Finanziert wird die Fachtagung „Pflege ohne Grenzen“ am 3. Mai 2025 von der Stadt Trier.",
            set(),
            {("Stadt Trier", "participant")},
        ),
        (
            "The Hydrogen Summit on 3 May 2025 is funded by the European Regional Development Fund.",
            set(),
            {("European Regional Development Fund", "participant")},
        ),
    ]
    for text, organisers, supporters in cases:
        found = {(a, role) for a, _, role in taking_part(draft_of(text))}
        assert organisers | supporters <= found, text


def test_german_compound_events_named_by_a_name_or_year_after_them_and_referred_to_by_their_last_part():
    text = (
        "Ausbildungsmesse Saar-Lor 2026 – Handwerkskammer Trier\n\n"
        "Am Samstag, 21. März 2026, findet in Konz die zweite grenzüberschreitende Ausbildungsmesse Saar-Lor statt. "
        "Veranstalter sind die Handwerkskammer Trier und die Chambre des Métiers de la Moselle. "
        "Die Messe eröffnen Landrätin Sabine Kohl-Reiter und Bürgermeister Joachim Weber."
    )
    draft = draft_of(text)
    # the title's event and the text's are one
    assert [n for n in events_of(draft) if "Ausbildungsmesse" in n] == [
        "Grenzüberschreitende Ausbildungsmesse Saar-Lor"
    ]
    found = taking_part(draft)
    event = "Grenzüberschreitende Ausbildungsmesse Saar-Lor"
    assert {
        ("Handwerkskammer Trier", event, "organiser"),
        ("Chambre des Métiers de la Moselle", event, "organiser"),
        ("Sabine Kohl-Reiter", event, "speaker"),
        ("Joachim Weber", event, "speaker"),
    } <= found
    assert "Weinfest 2026" in events_of(draft_of("Das Weinfest 2026 findet am 4. Juli 2026 in Nittel statt."))
    assert "Offene Grenzen" in events_of(draft_of("Die Ausstellung „Offene Grenzen“ wird am 14. Juni 2025 eröffnet."))


def test_actors_of_the_next_sentence_who_are_with_it():
    draft = draft_of(
        "Am 21. März 2026 findet in Konz die Jobmesse Saar-Lor statt. "
        "Mit dabei sind unter anderem die Handwerkskammer Trier und die Agentur für Arbeit Saarland."
    )
    assert {(a, role) for a, _, role in taking_part(draft)} == {
        ("Handwerkskammer Trier", "participant"),
        ("Agentur für Arbeit Saarland", "participant"),
    }


def test_english_days_keynotes_and_workshops_and_a_date_is_no_topic():
    draft = draft_of(
        "The Saar Chamber of Crafts invites you to the second Greater Region Craft Day on 17 March 2026. "
        "The day is hosted by the University of Luxembourg."
    )
    assert "Greater Region Craft Day" in events_of(draft)
    found = taking_part(draft)
    assert ("Saar Chamber of Crafts", "Greater Region Craft Day", "organiser") in found
    assert ("University of Luxembourg", "Greater Region Craft Day", "host") in found
    keynote = draft_of(
        '9:45 Keynote: "Hydrogen for the border region" – Dr Pierre Aubertin, Head of Planning at GRTgaz'
    )
    assert ("Pierre Aubertin", "Hydrogen for the border region", "speaker") in taking_part(keynote)
    workshops = draft_of(
        "13:30 Workshops on funding rules on 3 May 2026, moderated by Tom Schmit and Sandrine Olivier."
    )
    assert {("Tom Schmit", "speaker"), ("Sandrine Olivier", "speaker")} <= {
        (a, r) for a, _, r in taking_part(workshops)
    }
    # German text: an English plural is no head
    assert not events_of(
        draft_of("Am 3. Mai 2026 gibt es für die Auszubildenden und die Betriebe auch Workshops in drei Gruppen.")
    )


def test_a_sentence_that_opens_with_a_word_for_an_event_speaks_of_the_event_before():
    cases = [
        "Samedi, les jeunes se sont retrouvés à Gouvy pour la Rencontre transfrontalière des conseils des jeunes. "
        "La journée était organisée par la Ville de Metz.",
        "Am 3. Mai 2025 fand in Trier der Fachtag „Pflege ohne Grenzen“ statt. "
        "Die Veranstaltung wurde von der Handwerkskammer Trier organisiert.",
        "On 3 May 2025 the Saar Cider Forum met in Perl. The event was organised by the Saarland University.",
    ]
    for text in cases:
        assert any(role == "organiser" for _, _, role in taking_part(draft_of(text))), text
    # two events before: which one is not said
    two = draft_of(
        "Am 3. Mai 2025 fand der Fachtag „Pflege“ und am 4. Mai 2025 der Workshop „Recht“ statt. "
        "Die Veranstaltung wurde von der Handwerkskammer Trier organisiert."
    )
    assert not taking_part(two)


def test_who_presides_and_who_attends_a_session_by_the_minutes_header():
    draft = draft_of(
        "Extrait du registre des délibérations du conseil communautaire\n"
        "Séance du 14 novembre 2024\n\n"
        "Sous la présidence de M. Gérard Schwartz, président.\n"
        "Secrétaire de séance : Mme Anne-Sophie Roth, maire de Rohrbach-lès-Bitche.\n"
    )
    assert {
        ("Gérard Schwartz", "Séance du 14 novembre 2024", "organiser"),
        ("Anne-Sophie Roth", "Séance du 14 novembre 2024", "participant"),
    } <= taking_part(draft)
    german = draft_of(
        "Niederschrift über die Sitzung des Ortsgemeinderates Nittel am 10. Februar 2026\n\n"
        "Vorsitz: Ortsbürgermeisterin Heike Wagner-Steil\n"
    )
    assert ("Heike Wagner-Steil", "organiser") in {(a, r) for a, _, r in taking_part(german)}


def test_an_event_referred_to_by_its_head_with_an_ordinal_and_adjective_is_the_titled_one():
    draft = draft_of(
        "Fachtag „Pflege ohne Grenzen“ am 25. September 2025 in Trier.\n\n"
        "Die Handwerkskammer Trier und die Caritas Trier laden Sie herzlich zu ihrem dritten gemeinsamen Fachtag ein."
    )
    assert events_of(draft) == {"Pflege ohne Grenzen"}
    assert ("Handwerkskammer Trier", "Pflege ohne Grenzen", "organiser") in taking_part(draft)
    # a head word with a date still names its own event, dated
    dated = draft_of("Der Fachtag Pflege findet am 17. Mai 2025 in Forbach statt.")
    assert [n.get("start") for n in dated["nodes"] if n["type"] == "Event"] == ["2025-05-17"]


def test_the_lines_of_a_programme_name_the_speakers_of_the_event_and_items_titled_after_a_colon():
    draft = draft_of(
        "Einladung\n\nFachtag „Pflege ohne Grenzen“\nDonnerstag, 25. September 2025, Trier\n\n"
        "Die Handwerkskammer Trier lädt Sie herzlich zum Fachtag ein.\n\nProgramm\n"
        "9.30 Uhr Begrüßung durch Hauptgeschäftsführer Axel Bender\n"
        "10.00 Uhr Vortrag von Dr. Lena Hoffmann\n"
        "11.15 Uhr Podiumsgespräch mit Vertreterinnen und Vertretern der Agentur für Arbeit Trier und der Caritas Trier\n"
    )
    found = taking_part(draft)
    event = "Pflege ohne Grenzen"
    assert {
        ("Axel Bender", event, "speaker"),
        ("Lena Hoffmann", event, "speaker"),
        ("Agentur für Arbeit Trier", event, "speaker"),
    } <= found
    panel = draft_of("Programme\n\n10:45 Panel: Steel, chemicals and trucks – who needs hydrogen first?\n")
    assert "Steel, chemicals and trucks – who needs hydrogen first?" in events_of(panel)


def test_an_occasion_a_sentence_opens_with_and_its_representatives_and_speakers():
    draft = draft_of(
        "Zur Eröffnung am 17. Januar 2024 kamen Vertreter der Handwerkskammer des Saarlandes und der Arbeitskammer des Saarlandes."
    )
    assert {(a, r) for a, _, r in taking_part(draft)} == {
        ("Handwerkskammer des Saarlandes", "participant"),
        ("Arbeitskammer des Saarlandes", "participant"),
    }
    speaker = draft_of(
        "Zum Auftakt am 5. November 2025 spricht Bürgermeister Herbert Grommes über die Lage der Pendler."
    )
    assert ("Herbert Grommes", "Auftakt", "speaker") in taking_part(speaker)
    # an opening that is no occasion of the sentence: no event
    assert not events_of(draft_of("Die Stadt plant am 3. Mai 2025 die Eröffnung eines Kontos."))


def test_who_hosts_an_event_invites_to_it_or_is_its_subject_before_a_verb_of_hosting():
    cases = [
        (
            "The University of Luxembourg hosted the workshop on cross-border commuting on 3 May 2025.",
            "University of Luxembourg",
        ),
        (
            "Le 26 juin 2025, la Ville de Metz accueille à l'hôtel de ville une réunion publique sur la mobilité.",
            "Ville de Metz",
        ),
        (
            "La rencontre transfrontalière aura lieu le 3 avril 2027 à Wiltz, à l'invitation de la Commune de Wiltz.",
            "Commune de Wiltz",
        ),
        ("Auf Einladung der Stadt Trier fand am 3. Mai 2025 die Konferenz der Bürgermeister statt.", "Stadt Trier"),
    ]
    for text, host in cases:
        assert (host, "host") in {(a, r) for a, _, r in taking_part(draft_of(text))}, text
    # a body a verb of hosting names after it is no host
    guest = draft_of(
        "The workshop on cross-border commuting on 3 May 2025 hosted guests from the University of Luxembourg."
    )
    assert ("University of Luxembourg", "host") not in {(a, r) for a, _, r in taking_part(guest)}


def test_participants_listed_before_teil_present_at_or_taking_part_in_an_event():
    cases = [
        "An der Sitzung des Beirats am 3. Mai 2025 nahmen die Stadt Trier, die Caritas Trier und die Handwerkskammer Trier teil.",
        "Die Stadt Trier, die Caritas Trier und die Handwerkskammer Trier beteiligen sich am Aktionstag am 3. Mai 2025.",
    ]
    for text in cases:
        found = {(a, r) for a, _, r in taking_part(draft_of(text))}
        assert {("Stadt Trier", "participant"), ("Handwerkskammer Trier", "participant")} <= found, text
    present = draft_of(
        "Le colloque sur la mobilité, organisé par la Ville de Metz, aura lieu le 3 mai 2025 en présence de la Région Grand Est."
    )
    assert {("Ville de Metz", "organiser"), ("Région Grand Est", "participant")} <= {
        (a, r) for a, _, r in taking_part(present)
    }
    at_the_forum = draft_of(
        "Au forum de l'emploi du 3 mai 2025 à Metz, France Travail et l'ADEM ont présenté leurs offres."
    )
    assert ("France Travail", "participant") in {(a, r) for a, _, r in taking_part(at_the_forum)}
    reception = draft_of("Rund 80 Gäste besuchten am 3. Mai 2025 den Neujahrsempfang der Stadt Trier.")
    assert ("Stadt Trier", "organiser") in {(a, r) for a, _, r in taking_part(reception)}


def test_an_event_that_brings_bodies_together_makes_them_participants():
    cases = [
        "The conference on cross-border health on 3 May 2025 brought together the University of Luxembourg and the University of Lorraine.",
        "Le séminaire sur l'emploi frontalier du 3 mai 2025 a réuni la Ville de Metz et la Région Grand Est.",
        "Die Tagung „Grenzen überwinden“ am 3. Mai 2025 brachte die Stadt Trier und die Handwerkskammer Trier zusammen.",
        "Zu Gast beim Fachtag Pflege am 3. Mai 2025 waren die Stadt Trier und die Handwerkskammer Trier.",
    ]
    for text in cases:
        roles = [r for _, _, r in taking_part(draft_of(text))]
        assert roles == ["participant", "participant"], text


def test_a_persons_affiliation_does_not_take_part_by_the_persons_cue():
    draft = draft_of(
        "The workshop on funding rules on 3 May 2026 was moderated by Tom Schmit of the Luxembourg Ministry of the Economy."
    )
    found = taking_part(draft)
    assert ("Tom Schmit", "Workshop on funding rules", "speaker") in found
    assert not any(a == "Luxembourg Ministry of the Economy" for a, _, _ in found)


def test_the_partners_an_event_is_organised_with_organise_it_too():
    cases = [
        "Der Fachtag „Pflege ohne Grenzen“ am 3. Mai 2025 findet in Zusammenarbeit mit der Caritas Trier und der Handwerkskammer Trier statt.",
        "Le colloque « Santé sans frontières » du 3 mai 2025 est organisé avec la Caritas Trier et la Handwerkskammer Trier.",
    ]
    for text in cases:
        found = {(a, r) for a, _, r in taking_part(draft_of(text))}
        assert ("Handwerkskammer Trier", "organiser") in found, text
    hosting = draft_of("Saarland University will host the summer school on energy on 3 May 2025.")
    assert ("Saarland University", "host") in {(a, r) for a, _, r in taking_part(hosting)}


def test_the_next_meeting_named_by_a_general_word_is_an_event_of_its_own():
    assert "Prochaine rencontre" in events_of(draft_of("La prochaine rencontre aura lieu le 3 avril 2027 à Wiltz."))
    assert "Nächste Treffen" in events_of(draft_of("Das nächste Treffen findet am 10. Oktober 2026 in Daun statt."))
    # a word that names an event alone keeps its name without the count
    assert "Grenzgängertag" in events_of(
        draft_of("Der nächste Grenzgängertag findet am 15. März 2024 in Saarburg statt.")
    )
