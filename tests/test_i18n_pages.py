"""Every page in German and in French: nothing left in English, no raw code on screen.

Each page is rendered with AppTest on the tiny seeded store, in several of
its states (the explorer's whole network, an ego network, the map, a year;
Metrics; Suggestions with an actor and a forum; About; Upload in editor
mode). Everything a reader can see is collected: headings, text, captions,
alerts, labels, options, placeholders, help texts, buttons, tabs and
expanders, table headers and text cells, metrics, and the words inside the
charts (legends, tooltips, names). The test fails on

- a missing catalogue key (``t`` raises, the page shows an exception),
- a raw ``snake_case`` code on screen (``weighted_degree``, ``local_government``),
- an English catalogue text on a German or French page (a string left
  untranslated in the code, or a value copied from English),
- a catalogue value identical to English that is not a name or the same
  word in both languages (:data:`SAME_WORD`).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from graph.model import Person, Tie, TieType
from tests.support.app import IRT, PASSWORD, ROOT, SOURCE, seed_document, tables_in_html, unlock
from tests.support.graphs import S
from ui.i18n import catalogue

#: Catalogue values that are the same in English and the language: names, or the same word.
SAME_WORD = {
    "de": {
        "app.title",  # the app's name
        "language.de",  # each language by its own name
        "language.en",
        "language.fr",
        "language.lb",
        "detail.title",  # Details
        "punctuation.colon",  # ": " (French writes " : ")
        "punctuation.semicolon",  # "; " (French writes " ; ")
        "column.url",  # Link
        "column.name",  # Name
        "type.Organisation",
        "type.Person",
        "metrics.whom_organisations_one",
        "metrics.whom_persons_one",
        "metrics.steps.pagerank",  # PageRank, a name
        "metric.pagerank",
        "upload.message",  # Problem
        "suggest.scorers.jaccard",  # names of methods
        "suggest.scorers.adamic_adar",
        "field.name",  # Name
        "field.url",  # Link
        "location.pdf",  # PDF
    },
    "fr": {
        "app.title",
        "language.de",
        "language.en",
        "language.fr",
        "language.lb",
        "page.suggest",  # Suggestions
        "suggest.title",
        "explorer.color_type",  # Type
        "detail.type",
        "column.type",
        "metrics.group_column.type",
        "column.sources",  # Sources
        "about.sources",
        "column.date",  # Date
        "upload.source_field.date",  # date
        "upload.source_field.document",  # document
        "type.Organisation",
        "metrics.whom_organisations",
        "metrics.whom_organisations_one",
        "field.description",  # Description
        "field.lat",  # Latitude
        "field.lon",  # Longitude
        "kind.association",
        "country.FR",  # France
        "country.LU",  # Luxembourg
        "metrics.files.metadata",  # Provenance
        "metrics.steps.pagerank",
        "metric.pagerank",
        "suggest.scorers.jaccard",
        "suggest.scorers.adamic_adar",
        "time.pause",  # Pause
        "field.date",  # Date
        "field.document",  # Document
        "field.sources",  # Sources
        "field.type",  # Type
        "location.document",  # document
        "location.format",  # format
        "location.forum",  # forum
        "location.pdf",  # PDF
    },
}

SNAKE = re.compile(r"(?<![\w./:-])[a-z]+(?:_[a-z0-9]+)+(?![\w./:-])")
TAGS = re.compile(r"<[^>]+>")
INTERNAL = re.compile(r"(param|view)_\d+")
TEMPLATE_BLANKS = re.compile(r"\{[^}]*\}")


def _strings_of_spec(value, out: list[str]) -> None:
    """Texts inside a chart's specification: names, legends, titles, tooltips."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("id", "field", "type", "symbol", "layout", "position", "overflow", "cursor", "selectedMode"):
                continue
            if key == "params" or (key == "name" and isinstance(item, str) and INTERNAL.fullmatch(item)):
                continue  # Streamlit's own chart specs name their selections and views (param_1, view_1)
            if key in ("name", "text", "formatter", "title") and isinstance(item, str):
                out.append(html.unescape(TAGS.sub("\n", item)))
            elif key == "data" and isinstance(item, list) and all(isinstance(x, str) for x in item):
                out += item  # a legend's entries
            elif key == "values" and isinstance(item, list):
                for row in item:
                    if isinstance(row, dict):
                        out += [
                            v for k, v in row.items() if k in ("name", "here", "kind", "pair") and isinstance(v, str)
                        ]
            else:
                _strings_of_spec(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings_of_spec(item, out)


def visible(at: AppTest) -> list[str]:
    """Every text a reader sees on the page (as AppTest renders it)."""
    out: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", "")
        for attr in ("label",):
            if isinstance(getattr(node, attr, None), str):
                out.append(getattr(node, attr))
        proto = getattr(node, "proto", None)
        for attr in ("help", "placeholder"):
            text = getattr(proto, attr, None) if proto is not None else None
            if isinstance(text, str) and text:
                out.append(text)
        if kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
            out.append(re.sub(r"\\(.)", r"\1", str(node.value)))
        elif kind in ("selectbox", "multiselect", "radio"):
            out.extend([str(o) for o in node.options])
        elif kind == "button_group":
            out.extend([o.content for o in node.proto.options])
        elif kind == "metric":
            out.extend([node.label, str(node.value)])
        elif kind == "html" and "pontes-table" in node.proto.body:
            for frame in tables_in_html(node.proto.body):
                out.extend([str(c) for c in frame.columns])
                for column in frame.columns:
                    out.extend([v for v in frame[column].tolist() if isinstance(v, str)])
        elif kind in ("dataframe", "table"):
            frame = node.value
            out.extend([str(c) for c in frame.columns])
            for column in frame.columns:
                out.extend([v for v in frame[column].tolist() if isinstance(v, str)])
        elif kind == "echarts_chart":
            _strings_of_spec(json.loads(node.proto.spec), out)
        elif kind == "bidi_component":  # the explorer's picture (ui/picture.py): its option and its texts
            data = json.loads(node.proto.json)
            _strings_of_spec(data["option"], out)
            out.extend([data["alt"], data["failed"]])
        elif kind == "vega_lite_chart":
            _strings_of_spec(json.loads(node.proto.spec), out)
        elif kind == "iframe":
            legend = re.search(r'<div id="pontes-legend".*?</div></div>', node.proto.srcdoc or "", re.DOTALL)
            if legend:
                out.append(html.unescape(TAGS.sub("\n", legend.group(0))))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return [s for s in out if s]


def check(at: AppTest, lang: str, where: str) -> None:
    assert not at.exception, f"{where}: {at.exception}"
    texts = visible(at)
    assert len(texts) > 10, where
    raw = sorted({m for s in texts for m in SNAKE.findall(s)})
    assert raw == [], f"{where}: raw codes on screen: {raw}"
    english, own = catalogue("en"), catalogue(lang)
    # English texts long enough to be unmistakable, that the language says otherwise
    leftovers = {v for k, v in english.items() if own.get(k) != v and len(v) > 12 and "{" not in v}
    found = sorted({s for s in texts if s in leftovers})
    assert found == [], f"{where}: English on a {lang} page: {found}"
    # the words around the blanks of English templates ("same country: {country}")
    pieces = {
        piece.strip()
        for k, v in english.items()
        if "{" in v and own.get(k) != v
        for piece in TEMPLATE_BLANKS.split(v)
        if len(piece.strip()) >= 10 and piece.strip() not in own.get(k, "")
    }
    found = sorted({p for p in pieces for s in texts if p in s})
    assert found == [], f"{where}: English sentences on a {lang} page: {found}"


@pytest.fixture
def private_person(seeds):
    """A private person in the app's seeds, a "representative" of the IRT (a role the catalogue translates)."""
    quinn = Person(name="Quinn Quiet", legal_basis="legitimate_interests", sources=S)
    member = Tie(type=TieType.MEMBER_OF, source=quinn.id, target=IRT.id, role="representative", sources=S)
    document = {
        "pontes": 1,
        "nodes": [quinn.model_dump(mode="json", exclude_none=True)],
        "ties": [member.model_dump(mode="json", exclude_none=True)],
    }
    (seeds / "private.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return quinn


@pytest.fixture
def editor_app(app_env, monkeypatch):
    monkeypatch.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    return app_env


def open_app(lang: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": lang, **query})
    at.run()
    return at


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_catalogue_values_differ_from_english_except_names(lang):
    english, own = catalogue("en"), catalogue(lang)
    same = {k for k in english if own.get(k) == english[k]}
    assert same - SAME_WORD[lang] == set(), "translate these (or list them as the same word)"
    assert SAME_WORD[lang] - same == set(), "no longer the same: remove from SAME_WORD"


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_explorer_in_every_state(editor_app, lang):
    at = open_app(lang)
    check(at, lang, "explorer")
    at = open_app(lang, focus=IRT.id, depth="2", color="country")
    check(at, lang, "ego network by country")
    at.radio(key="f_time").set_value("asof").run()
    check(at, lang, "as of a year")
    at = open_app(lang, view="map")
    check(at, lang, "map")
    at = open_app(lang, type=["Organisation"])
    check(at, lang, "organisations only")


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_metrics_suggestions_about_and_upload(editor_app, lang):
    at = open_app(lang)
    at.switch_page("ui/pages/metrics.py").run()
    check(at, lang, "metrics")
    at.selectbox(key="m_group").select("sector").run()
    check(at, lang, "metrics by sector")
    at.switch_page("ui/pages/suggest.py").run()
    at.text_input(key="sg_search").set_value("IRT").run()
    at.selectbox(key="sg_actor").select(IRT.id).run()
    check(at, lang, "suggestions")
    at.switch_page("ui/pages/about.py").run()
    check(at, lang, "about")
    at = unlock(open_app(lang), PASSWORD)
    at.switch_page("ui/pages/upload.py").run()
    check(at, lang, "upload")


@pytest.mark.parametrize("switch", [("de", "fr"), ("fr", "de")])
def test_a_language_switch_keeps_every_choice_selected(app_env, switch):
    """The browser holds a radio's choice as its label: after a switch the page must send the
    choice again in the new language, or the radio shows nothing selected (and falls back)."""
    before, after = switch
    at = open_app(before)
    at.radio(key="color_by").set_value("country").run()
    at.radio(key="f_time").set_value("asof").run()
    at.selectbox(key="lang").select(after).run()
    assert not at.exception
    for key, value in (("color_by", "country"), ("f_time", "asof")):
        radio = at.radio(key=key)
        assert radio.value == value
        shown = radio.proto.options[radio.index]
        assert radio.proto.set_value and radio.proto.raw_value == shown, f"{key}: {shown!r} not sent as selected"


@pytest.mark.parametrize(
    "lang, stand_in",
    [("de", "‹Vertreter/in · Regionales Arbeitsinstitut›"), ("fr", "‹représentant(e) · Institut Régional du Travail›")],
)
def test_role_stand_ins_are_in_the_language(private_person, app_env, lang, stand_in):
    """A private person's stand-in names its role in the reader's words and its organisation
    by its name in the language, in the explorer's picture and on the Metrics page."""
    at = open_app(lang, focus=IRT.id)
    check(at, lang, "ego network with a private person")
    assert stand_in in visible(at)
    assert not [s for s in visible(at) if "representative" in s or private_person.name in s]
    assert catalogue(lang)["explorer.stand_ins_note"] in visible(at)  # what ‹…› means, and why a click does nothing
    at.switch_page("ui/pages/metrics.py").run()
    at.radio(key="m_view").set_value("full").run()
    at.session_state["m_whom"] = "all"
    at.run()
    assert stand_in in visible(at)


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_descriptions_of_nodes_ties_and_sources_are_in_the_language(app_env, lang):
    """The detail panel describes the node, its ties and its sources in the reader's language
    (``descriptions.<lang>``), never in English beside it."""
    at = open_app(lang, focus=IRT.id)
    check(at, lang, "detail panel")
    shown = visible(at)
    assert catalogue(lang)["explorer.stand_ins_note"] not in shown  # no private person drawn: nothing to explain
    tie = next(tie for tie in seed_document()["ties"] if tie.get("descriptions"))
    for text in (IRT.descriptions[lang], SOURCE.descriptions[lang], tie["descriptions"][lang]):
        assert text in shown
    for text in (IRT.description, SOURCE.description, tie["description"]):
        assert not [s for s in shown if text in s]


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_a_source_of_ours_is_titled_in_the_language(lang):
    """The editors' own reference data has a title in each language (a document's title stays as written)."""
    from graph.model import Source
    from ui.detail import source_rows, source_text

    ours = Source(id="ours", title="Reference data", titles={"de": "Referenzdaten", "fr": "Données de référence"})
    (row,) = source_rows([ours], lang)
    assert row[catalogue(lang)["column.title"]] == ours.titles[lang]
    assert source_text(ours, lang) == ours.titles[lang]
    (row,) = source_rows([SOURCE], lang)
    assert row[catalogue(lang)["column.title"]] == SOURCE.title


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_data_page_counts_ties_of_the_network_only(app_env, lang):
    """Planners' decisions on suggestions (feedback) are no tie type of the network: not in its counts."""
    at = open_app(lang)
    at.switch_page("ui/pages/about.py").run()
    check(at, lang, "data and sources")
    shown = visible(at)
    assert catalogue(lang)["tie.COOPERATES_WITH"] in shown
    assert catalogue(lang)["tie.FEEDBACK"] not in shown


@pytest.fixture
def look_alike(seeds):
    """An organisation that looks like the IRT (its name without accents), in the same country."""
    twin = IRT.model_copy(update={"id": "org:irt-twin", "name": "Institut Regional du Travail", "names": {}})
    document = {"pontes": 1, "nodes": [twin.model_dump(mode="json", exclude_none=True)], "ties": []}
    (seeds / "twin.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return twin


@pytest.mark.parametrize("lang, words", [("de", "dasselbe Land: Frankreich"), ("fr", "même pays : France")])
def test_duplicates_reasons_and_the_editor_in_the_language(editor_app, look_alike, lang, words):
    """The evidence for a pair and the author of a merge (stored as a code) in the reader's words."""
    at = unlock(open_app(lang), PASSWORD)
    at.switch_page("ui/pages/duplicates.py").run()
    check(at, lang, "duplicates")
    assert any(words in s for s in visible(at))
    at.button(key="dup_merge_0").click().run()
    check(at, lang, "duplicates after a merge")
    assert any(catalogue(lang)["review.app_editor"] in s for s in visible(at))


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_suggestion_downloads_are_in_the_language(editor_app, monkeypatch, lang):
    """The Suggestions page's CSV and JSON (suggestions and forum) write names in the language and
    CSV headers in its words; ids, keys and codes stay as stored."""
    import graph.suggest.engine
    import graph.suggest.forum
    from graph.facts import name_in
    from graph.suggest.engine import Suggestion
    from graph.suggest.forum import ForumPlan
    from tests.support.app import seed_document

    written: dict[str, str] = {}
    for module, name in [(graph.suggest.engine, "suggestions"), (graph.suggest.forum, "forum")]:
        for fmt in ("csv", "json"):
            real = getattr(module, f"{name}_{fmt}")

            def keep(*args, _real=real, _key=f"{name}.{fmt}", **kwargs):
                written[_key] = _real(*args, **kwargs)
                return written[_key]

            monkeypatch.setattr(module, f"{name}_{fmt}", keep)
    at = open_app(lang)
    at.switch_page("ui/pages/suggest.py").run()
    at.text_input(key="sg_search").set_value("IRT").run()
    at.selectbox(key="sg_actor").select(IRT.id).run()
    at.text_input(key="sg_f_search").set_value("IRT").run()
    at.multiselect(key="sg_f_invited").select(IRT.id).run()
    assert not at.exception
    assert set(written) == {"suggestions.csv", "suggestions.json", "forum.csv", "forum.json"}
    own = catalogue(lang)
    assert written["suggestions.csv"].splitlines()[0] == ",".join(
        own[f"suggest.csv.{c}"] for c in Suggestion.CSV_COLUMNS
    )
    assert written["forum.csv"].splitlines()[0] == ",".join(own[f"suggest.csv.{c}"] for c in ForumPlan.CSV_COLUMNS)
    # the cells are the reader's words too: no band, yes/no, country or sector code
    from ui.i18n import label

    rows = list(csv.DictReader(io.StringIO(written["suggestions.csv"])))
    guests = list(csv.DictReader(io.StringIO(written["forum.csv"])))
    assert rows and guests
    col = {c: own[f"suggest.csv.{c}"] for c in {*Suggestion.CSV_COLUMNS, *ForumPlan.CSV_COLUMNS}}
    yes_no = {own["suggest.yes"], own["suggest.no"]}
    assert {r[col["band"]] for r in rows} <= {own[f"suggest.band.{b}"] for b in ("strong", "medium", "weak")}
    assert {r[col["crosses_border"]] for r in rows} <= yes_no and {g[col["invited"]] for g in guests} <= yes_no
    as_json = {s["other"]: s for s in json.loads(written["suggestions.json"])}
    for r in rows:
        assert r[col["country"]] == (
            label("country", as_json[r[col["other"]]]["country"], lang) if as_json[r[col["other"]]]["country"] else ""
        )
    forum_json = {i["actor"]: i for i in json.loads(written["forum.json"])["invitees"]}
    for g in guests:
        sector = forum_json[g[col["actor"]]]["sector"]
        assert g[col["sector"]] == (label("kind", sector, lang) if sector else "")
    # there were codes to write in words
    assert any(r[col["country"]] not in ("", as_json[r[col["other"]]]["country"]) for r in rows)
    assert any(g[col["sector"]] not in ("", forum_json[g[col["actor"]]]["sector"]) for g in guests)
    from graph.model import Organisation

    nodes = {n["id"]: n for n in seed_document()["nodes"]}
    name_of = {
        i: name_in(Organisation.model_validate(n), lang) for i, n in nodes.items() if n["type"] == "Organisation"
    }
    suggested = json.loads(written["suggestions.json"])
    invitees = json.loads(written["forum.json"])["invitees"]
    assert suggested and invitees
    named = [(s["other"], s["name"]) for s in suggested] + [(i["actor"], i["name"]) for i in invitees]
    assert [(i, n) for i, n in named if i in name_of and n != name_of[i]] == []
    assert (IRT.id, name_in(IRT, lang)) in named


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_streamlit_own_no_results_is_in_the_language(app_env, lang):
    """Streamlit writes "No results" in an empty select list, "Select all" and "Select N matches" in a
    multiselect in English; every page replaces them by CSS."""
    at = open_app(lang)
    styles = [h.proto.body for h in at.get("html")]
    assert any(catalogue(lang)["pickers.empty_list"] in s and 'data-empty="true"' in s for s in styles)
    # and a multiselect's "Select all" and "Select N matches" (the option's data-key in Streamlit 1.67)
    assert any(catalogue(lang)["pickers.select_all"] in s and '"__select_all__"' in s for s in styles)
    assert any(catalogue(lang)["pickers.select_matches"] in s and '"__select_matches__"' in s for s in styles)
    # and a field's "Press Enter to apply" while it is edited (Streamlit 1.67's InputInstructions)
    assert any(catalogue(lang)["pickers.enter_apply"] in s and '"InputInstructions"' in s for s in styles)


def test_every_picker_names_its_placeholder_in_the_language():
    """Streamlit's own placeholder of a select box or a multiselect is English ("Choose an option"),
    and a select box shows it whenever it is opened to type a filter: every one in the app passes its
    own, from the catalogue."""
    import ast

    missing = []
    for path in [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("selectbox", "multiselect")
            ):
                value = {k.arg: k.value for k in node.keywords}.get("placeholder")
                if value is None or isinstance(value, ast.Constant):  # Streamlit's English, or a literal
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []


def _calls(attr: str):
    """(file:line, keyword names) of every call of ``<something>.attr(...)`` in the app's code."""
    import ast

    for path in [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attr:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", {k.arg for k in node.keywords}


def test_no_number_field_has_bounds():
    """A number field out of its bounds says so in Streamlit's English ("Number is outside the allowed
    range..."): a bounded number is a slider, and a page checks an open one itself."""
    assert [where for where, keywords in _calls("number_input") if keywords & {"min_value", "max_value"}] == []


def test_every_page_keeps_the_language_in_its_url():
    """A reload or a copied link opens a page in the reader's language only when its URL says it:
    every page writes the language into the query (ui.urlstate)."""
    import ast

    missing = []
    for path in sorted((ROOT / "ui" / "pages").glob("*.py")):
        calls = {
            node.func.attr
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "urlstate"
        }
        if not calls & {"merge", "write"}:
            missing.append(path.name)
    assert missing == []


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_pickers_list_topics_kinds_and_countries_in_the_readers_alphabet(app_env, lang):
    """The Suggestions page's pickers are in the order of what the reader reads: topics by their
    names (École among the e's), kinds and countries by their labels, not by their codes."""
    from graph.ids import fold

    at = open_app(lang)
    at.switch_page("ui/pages/suggest.py").run()
    assert not at.exception
    for key in ("sg_f_topic", "sg_f_countries", "sg_f_sectors"):
        widget = next(w for kind in ("selectbox", "multiselect") for w in getattr(at, kind) if w.key == key)
        shown = [o for o in widget.options if o]
        named = [o for o in shown if o != widget.options[0]] if key == "sg_f_topic" else shown
        assert len(named) >= 2, (key, shown)
        assert named == sorted(named, key=lambda o: (fold(o), o)), (key, named)


def test_the_readers_order_files_accents_with_their_letters():
    from graph.ids import sort_key

    assert sorted(["Travail", "École", "emploi", "Zuwanderung", "Ärzte", "Bildung"], key=sort_key) == [
        "Ärzte",
        "Bildung",
        "École",
        "emploi",
        "Travail",
        "Zuwanderung",
    ]
