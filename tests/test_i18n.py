"""The UI catalogue: complete in German, English and French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.model import EventKind, Lang, NodeType, OrgKind, ParticipationRole, PlaceKind, TieType
from ui.i18n import LANGUAGES, catalogue, label, labels, placeholders, t

ROOT = Path(__file__).resolve().parent.parent


def test_every_key_exists_in_every_language():
    keys = {lang: set(catalogue(lang)) for lang in LANGUAGES}
    everything = set().union(*keys.values())
    for lang in LANGUAGES:
        assert everything - keys[lang] == set(), f"missing in {lang}"


@pytest.mark.parametrize("lang", [x for x in LANGUAGES if x != "en"])
def test_placeholders_match_english(lang):
    en, other = catalogue("en"), catalogue(lang)
    wrong = {
        k: (placeholders(en[k]), placeholders(other[k])) for k in en if placeholders(en[k]) != placeholders(other[k])
    }
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_empty_texts(lang):
    assert [k for k, v in catalogue(lang).items() if not v.strip()] == []


@pytest.mark.parametrize(
    "group, values",
    [
        ("type", list(NodeType)),
        ("tie", list(TieType)),
        ("kind", [*OrgKind, *EventKind, *PlaceKind]),
        ("role", list(ParticipationRole)),
        ("language", list(Lang)),
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_model_enums_are_translated(group, values, lang):
    assert [v for v in values if f"{group}.{v}" not in catalogue(lang)] == []


def keys_used_in_code() -> set[str]:
    files = [ROOT / "app.py", *(ROOT / "ui").rglob("*.py")]
    found: set[str] = set()
    for f in files:
        found |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", f.read_text(encoding="utf-8")))
    return found


def test_every_key_the_code_uses_exists():
    used = keys_used_in_code()
    assert len(used) > 20  # the scan finds the pages' texts
    assert sorted(used - set(catalogue("en"))) == []


def test_t_formats_and_rejects_unknown_keys():
    assert t("explorer.shown", "de", nodes=3, ties=2) == "3 Knoten und 2 Beziehungen angezeigt"
    assert t("type.Event", "fr") == "Événement"
    with pytest.raises(KeyError):
        t("explorer.no_such_text", "en")
    with pytest.raises(KeyError):
        t("type.Event", "it")


def test_label_falls_back_to_the_value():
    assert label("type", NodeType.TOPIC, "de") == "Thema"
    assert label("country", "XX", "de") == "XX"  # no such country
    assert labels("tie", [TieType.PART_OF], "fr") == {"PART_OF": "fait partie de"}


def test_every_country_has_its_name_in_each_language():
    """Beyond the catalogue's countries of the region, names from the Unicode CLDR (CORDIS lists 160
    countries, some in the EU's own codes); never a code on screen."""
    assert [label("country", "FI", lang) for lang in ("de", "en", "fr")] == ["Finnland", "Finland", "Finlande"]
    assert label("country", "UK", "de") == "Vereinigtes Königreich" == label("country", "GB", "de")
    assert label("country", "EL", "fr") == "Grèce" and label("country", "bg", "en") == "Bulgaria"
    assert label("country", "DE", "fr") == "Allemagne" and label("country", "several", "de") == "mehrere Länder"


def test_numbers_and_dates_in_each_languages_format():
    import datetime as dt

    from ui.i18n import date_text, number, percent

    assert [number(1234.5, lang, 1) for lang in ("de", "en", "fr")] == ["1.234,5", "1,234.5", "1\u202f234,5"]
    assert number(35871, "de") == "35.871" and number(-0.0000001, "de", 3) == "0,000"
    assert number(float("nan"), "fr") == "–"
    assert [percent(0.26, lang) for lang in ("de", "en")] == ["26\xa0%", "26%"]
    assert date_text("2015", "de") == "2015"  # a year alone stays a year, never "2.015"
    assert date_text("2015-04", "fr") == "avril 2015" and date_text("2015-04", "de") == "April 2015"
    assert date_text("2015-11-19", "de") == "19.11.2015"
    assert date_text(dt.date(2016, 12, 1), "en") == "Dec 1, 2016"


def test_label_turns_codes_into_words():
    assert label("kind", "local_government", "de") == "Kommune"
    assert label("metric", "weighted_degree", "fr") == "Force des liens"
    assert label("role", "some_free_text", "en") == "some free text"  # never a raw code


@pytest.mark.parametrize(
    ("lang", "nodes", "ties", "text"),
    [
        ("en", 1, 1, "1 node and 1 tie shown"),
        ("en", 0, 2, "0 nodes and 2 ties shown"),
        ("en", "3,113", 1, "3,113 nodes and 1 tie shown"),
        ("de", 1, 1, "1 Knoten und 1 Beziehung angezeigt"),
        ("de", "3.113", 2, "3.113 Knoten und 2 Beziehungen angezeigt"),
        ("fr", 0, 1, "0 nœud et 1 lien affiché"),  # French counts 0 as singular
        ("fr", 2, "1\u202f234", "2 nœuds et 1\u202f234 liens affichés"),
    ],
)
def test_counted_words_follow_the_languages_plural_rule(lang, nodes, ties, text):
    assert t("explorer.shown", lang, nodes=nodes, ties=ties) == text


def test_a_missing_node_is_named_in_the_readers_language_without_the_librarys_english():
    from graph.errors import NotFound
    from ui.context import error_text

    error = NotFound("Wohnen", "topic", named=True)
    assert str(error) == "no topic named 'Wohnen'"
    assert error_text(error, "de") == "Nicht gefunden: Wohnen"
    assert error_text(error, "fr") == "Introuvable : Wohnen"


def test_the_english_catalogue_writes_duplicate_reasons_as_the_cli_does():
    """The app's ``duplicates.reason.*`` in English are :data:`graph.intake.duplicates.ENGLISH`; every language has them."""
    from graph.intake.duplicates import ENGLISH

    for lang in LANGUAGES:
        found = {
            k.removeprefix("duplicates.reason."): v for k, v in catalogue(lang).items() if "duplicates.reason." in k
        }
        assert set(found) == set(ENGLISH)
        if lang == "en":
            assert found == ENGLISH


@pytest.mark.parametrize(
    "n, forms, lang, expected",
    [
        (1, "file|files", "en", "1 file"),
        (0, "file|files", "en", "0 files"),
        (2, "source|sources", "en", "2 sources"),
        (0, "lien|liens", "fr", "0 lien"),
        (1, "Datei|Dateien", "de", "1 Datei"),
    ],
)
def test_counts_take_the_plural_rule_of_the_language(n, forms, lang, expected):
    """The CLI's counts ("1 file", not "1 files") use the catalogue's plural formatter."""
    from ui.i18n import counted

    assert counted(n, forms, lang) == expected


def test_the_cli_writes_no_count_with_a_fixed_plural():
    """A count in a CLI sentence goes through ``counted``: no ``{len(...)} files`` or ``document(s)``."""
    fixed = re.compile(r"\{(?:len\([^)]*\)|[a-z_.]+(?:\[[^]]+\])?)\} (?!was\b|has\b)[a-z-]{2,}[^su]s\b|\w\(s\)")
    found = [
        f"{path.name}: {m.group(0)}"
        for path in (ROOT / "pontes" / "commands").glob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if "echo" in line or line.strip().startswith('f"')
        for m in fixed.finditer(line)
    ]
    assert found == []


def test_streamlit_shows_no_english_only_menu():
    """Streamlit's main menu cannot be translated: the app (config file and ``pontes app``) hides it."""
    import tomllib

    from pontes.appserver import streamlit_command

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "minimal"
    assert "--client.toolbarMode=minimal" in streamlit_command(ROOT, address="localhost", port=8501)
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "menu_items" not in app  # an item would bring the menu back, with Streamlit's English theme chooser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_role_the_data_and_the_intake_write_is_translated(lang):
    """Roles are codes: those of the seeds' ties and those the document intake records
    (``graph.intake.lexicon.ROLES``, e.g. ``integration officer``) are in every catalogue,
    so that a tie's role and a private person's stand-in are in the reader's language."""
    from graph.intake.lexicon import ROLES
    from loaders import read_paths

    roles = {english for english, _ in ROLES.values()} | {t.role for t in read_paths([ROOT / "seeds"]).ties if t.role}
    assert sorted(r for r in roles if f"role.{r}" not in catalogue(lang)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_download_column_has_a_header_in_every_language(lang):
    """The CSV downloads (explorer view, suggestions, forum) write their headers in the reader's
    words: a new column without one is caught here."""
    from graph.formats import PICTURE_NODE_COLUMNS, PICTURE_TIE_COLUMNS
    from graph.suggest.engine import Suggestion
    from graph.suggest.forum import ForumPlan

    own = catalogue(lang)
    missing = [c for c in (*PICTURE_NODE_COLUMNS, *PICTURE_TIE_COLUMNS) if f"explorer.csv.{c}" not in own]
    missing += [c for c in (*Suggestion.CSV_COLUMNS, *ForumPlan.CSV_COLUMNS) if f"suggest.csv.{c}" not in own]
    assert missing == []


def test_the_explorer_tables_write_headers_in_the_language():
    from graph.formats import PICTURE_NODE_COLUMNS, csv_text

    text = csv_text(PICTURE_NODE_COLUMNS, [], header=lambda c: t(f"explorer.csv.{c}", "de"))
    assert text.splitlines()[0].startswith("ID,Name,gespeicherter Name,Typ-Code")


@pytest.mark.parametrize(
    "entry,field,german,french",
    [
        (
            "{type: Place, name: X, kind: city, country: Deutschland, sources: [s]}",
            "country",
            "Ländercode",
            "code de pays",
        ),
        (
            "{type: Place, name: X, kind: village, country: DE, sources: [s]}",
            "kind",
            "'city', 'town'",
            "'city', 'town'",
        ),
        ("{type: Place, name: X, kind: city, country: DE, lat: 91, sources: [s]}", "lat", "höchstens 90", "au plus 90"),
        ("{type: Organisation, name: X, colour: red, sources: [s]}", "colour", "unbekanntes Feld", "champ inconnu"),
        ("{type: Spaceship, name: X, sources: [s]}", "type", "'Organisation', ", "'Organisation', "),
        ("{name: X, sources: [s]}", "type", "fehlt", "obligatoire"),
        ("{type: Organisation, name: X, sources: []}", "sources", "nicht leer", "pas être vide"),
        ("{type: Organisation, name: X, aliases: [[a]], sources: [s]}", "aliases.0", "Text sein", "du texte"),
        ("{type: Organisation, name: X, aliases: A, sources: [s]}", "aliases", "Liste", "une liste"),
        (
            f"{{type: Organisation, name: X, aliases: [{'y' * 301}], sources: [s]}}",
            "aliases.0",
            "300 Zeichen",
            "300 caract",
        ),
        ("{type: Event, name: X, attendance: many, sources: [s]}", "attendance", "ganze Zahl", "nombre entier"),
        ("{type: Place, name: X, kind: city, country: DE, lat: .nan, sources: [s]}", "lat", "endliche", "fini"),
        (
            '{type: Organisation, name: X, aliases: ["\\u200b"], sources: [s]}',
            "aliases.0",
            "zeigt nichts",
            "affiche rien",
        ),
    ],
)
def test_validation_problems_in_the_readers_language(tmp_path, entry, field, german, french):
    """The upload and review pages say what is wrong in German and French, allowed values listed
    the language's way ("'city', 'town' oder 'region'"), located as in English."""
    from graph.errors import ValidationFailed
    from loaders import read_paths
    from ui.context import error_text
    from ui.i18n import field_text, problem_text

    path = tmp_path / "d.yaml"
    path.write_text(f"pontes: 1\nsources: [{{id: s, title: T, publisher: P}}]\nnodes:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        read_paths([path])
    (problem,) = [p for p in info.value.problems if p.field == field]
    assert problem.code and german in problem_text(problem, "de") and french in problem_text(problem, "fr")
    assert problem_text(problem, "en") != problem_text(problem, "de")
    if field == "kind":
        assert " oder " in problem_text(problem, "de") and " ou " in problem_text(problem, "fr")
    shown = error_text(info.value, "de").replace("\\", "")  # without the Markdown escapes
    assert f"d.yaml: nodes[0] (X): {field_text(field, 'de')}: {problem_text(problem, 'de')}" in shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_fast_loader_reads_the_catalogue_as_the_plain_one(lang):
    """ui.i18n reads the catalogues with libyaml's loader: exactly what PyYAML's own safe loader reads."""
    import yaml

    from ui.i18n import _DIR, _flatten, catalogue

    with open(_DIR / f"{lang}.yaml", encoding="utf-8") as f:
        assert catalogue(lang) == _flatten(yaml.safe_load(f))


@pytest.mark.parametrize("date", ["2016-13-01", "2016-02-30", "1 Dec 2016", "2016-12"])
def test_an_impossible_source_date_in_the_readers_language(tmp_path, date):
    """A source's date is a day of the calendar: every way it can be wrong has the same code, said in
    German and French, and in English with pydantic's own detail."""
    from graph.errors import ValidationFailed
    from loaders import read_paths
    from ui.i18n import problem_text

    path = tmp_path / "d.yaml"
    path.write_text(f"pontes: 1\nsources: [{{id: s, title: T, date: '{date}'}}]\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        read_paths([path])
    (problem,) = info.value.problems
    assert (problem.entry, problem.field, problem.code) == ("sources[0] (s)", "date", "calendar_date")
    assert problem_text(problem, "de") == "sollte ein Tag des Kalenders sein, JJJJ-MM-TT"
    assert problem_text(problem, "fr") == "devrait être un jour du calendrier, AAAA-MM-JJ"
    assert problem.message.startswith("should be a day of the calendar, YYYY-MM-DD (")


@pytest.mark.parametrize(
    ("field", "german", "french", "english"),
    [
        ("founded", "Gegründet (founded)", "Fondé (founded)", "Founded"),  # the file's key after the name
        ("legal_basis", "Rechtsgrundlage (legal_basis)", "Base juridique (legal_basis)", "Legal basis"),
        ("sources.0", "Quellen (sources.0)", "Sources (sources.0)", "Sources (sources.0)"),
        ("(syntax)", "(Syntax)", "(syntaxe)", "(syntax)"),  # no key: the loaders' word for the place
        ("colour", "colour", "colour", "colour"),  # no key of the format: as the file has it
    ],
)
def test_a_problems_field_in_the_readers_language(field, german, french, english):
    from ui.i18n import field_text

    assert (field_text(field, "de"), field_text(field, "fr"), field_text(field, "en")) == (german, french, english)


@pytest.mark.parametrize(
    ("where", "german", "french"),
    [
        ("(file)", "(Datei)", "(fichier)"),
        ("row 12", "Zeile 12", "ligne 12"),
        ("event 2019-123", "Veranstaltung 2019-123", "événement 2019-123"),
        ("nodes[2] (Caritas)", "nodes[2] (Caritas)", "nodes[2] (Caritas)"),  # the file's own path
        ("notes (1).yaml", "notes (1).yaml", "notes (1).yaml"),  # a file's name
    ],
)
def test_a_problems_place_in_the_readers_language(where, german, french):
    from ui.i18n import location_text

    assert (location_text(where, "de"), location_text(where, "fr"), location_text(where, "en")) == (
        german,
        french,
        where,
    )


def test_every_place_the_loaders_name_in_brackets_is_said_in_each_language():
    """Each "(word)" the library writes as a problem's file, entry or field ("(file)", "(syntax)")
    has the catalogue's words, so that no page shows it in English."""
    import ast

    from ui.i18n import LANGUAGES, has

    root = Path(__file__).resolve().parents[1]
    words = set()
    for path in [*root.joinpath("graph").rglob("*.py"), *root.joinpath("loaders").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "Problem",
                "problem",
            ):
                for arg in node.args[:3]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        if re.fullmatch(r"\([a-z ]+\)", arg.value):
                            words.add(arg.value[1:-1])
    assert {"file", "syntax", "format", "size"} <= words  # the scan finds them
    missing = {(w, lang) for w in words for lang in LANGUAGES if not has(f"location.{w}", lang)}
    assert missing == set()


def test_lists_use_the_languages_semicolon():
    from ui.i18n import listed

    assert [listed(["A", "B"], lang) for lang in ("de", "en", "fr")] == ["A; B", "A; B", "A ; B"]


def test_french_writes_one_apostrophe():
    """French text uses the typographic apostrophe throughout ("d’acteur", never "d'acteur" beside it)."""
    found = catalogue("fr")
    assert [k for k, v in found.items() if isinstance(v, str) and "'" in v] == []


@pytest.mark.parametrize(
    "name, written",
    [
        ("Atelier QuattroPole à Trèves", "Réseau autour d’Atelier QuattroPole à Trèves (profondeur 1)"),
        ("École professionnelle", "Réseau autour d’École professionnelle (profondeur 1)"),
        ("Stadt Trier", "Réseau autour de Stadt Trier (profondeur 1)"),
        ("Le Havre", "Réseau autour du Havre (profondeur 1)"),
        ("Les Amis du Monde", "Réseau autour des Amis du Monde (profondeur 1)"),
        ("Handwerkskammer Trier", "Réseau autour de Handwerkskammer Trier (profondeur 1)"),
        ("1001 Projets", "Réseau autour de 1001 Projets (profondeur 1)"),
    ],
)
def test_french_writes_de_before_a_name_as_french_does(name, written):
    assert t("explorer.ego", "fr", name=name, depth=1) == written
    assert t("explorer.ego", "de", name=name, depth=1) == f"Netzwerk um {name} (Tiefe 1)"


def test_charts_show_no_toolbar_in_english():
    """Streamlit writes a chart's toolbar ("Show data", "Download as PNG", "Fullscreen") in English only:
    the pages hide it (checked in Chromium: hovering a Metrics chart shows none)."""
    from ui.i18n import widget_style

    css = widget_style("fr")
    for chart in ("stVegaLiteChart", "stEChartsChart"):
        assert f':has([data-testid="{chart}"]) [data-testid="stElementToolbar"]' in css


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_field_of_a_source_an_upload_may_change_has_a_name(lang):
    """The upload page names what a replaced source changed (titles and descriptions in other
    languages too): a field without a name in the catalogue broke the page."""
    from graph.model import Source

    assert [f for f in Source.model_fields if f != "id" and f"upload.source_field.{f}" not in catalogue(lang)] == []
