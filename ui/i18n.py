"""One translation catalogue for all UI text: German, English and French.

The catalogue lives in ``ui/locales/{de,en,fr}.yaml`` as nested mappings;
keys are the dotted paths (``explorer.depth``). Values are
:meth:`str.format` templates: ``t("explorer.shown", "de", nodes=3, ties=2)``.
An unknown key raises :class:`KeyError` (tests catch typos).

:func:`label` is the one place that turns a code (a node type, a kind, a
role, a country, a metric's column name) into words: the catalogue's entry
``group.code``, else the code with its underscores as spaces (open-ended
data such as free-text roles). Numbers and dates are written in the
language's own way by Babel (:func:`number`, :func:`date_text`): ``1.234,5``
in German, ``1 234,5`` in French.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

if TYPE_CHECKING:
    from graph.errors import Problem
    from graph.privacy import StandInWords

LANGUAGES: tuple[str, ...] = ("de", "en", "fr")
DEFAULT_LANGUAGE = "en"
_DIR = Path(__file__).resolve().parent / "locales"


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = str(value)
    return flat


#: libyaml's safe loader where PyYAML was built with it (its wheels are): the three catalogues in
#: 0.02 s instead of 0.14 s, which a new process's first page waited for (the language switch
#: names every language in its own words).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key of ``lang`` with its template."""
    if lang not in LANGUAGES:
        raise KeyError(f"no translations for language {lang!r}; have {', '.join(LANGUAGES)}")
    with open(_DIR / f"{lang}.yaml", encoding="utf-8") as f:
        return _flatten(yaml.load(f, Loader=_YAML_LOADER) or {})


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template expects."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Plurals(string.Formatter):
    """``{n:node|nodes}`` writes the word for ``n`` by the language's plural rule
    (Babel's CLDR data: French says "1 lien" and "0 lien", English "0 ties");
    ``n`` may be a number or a number written by :func:`number`. ``{name:de}``
    writes French "de" before a name as French does (:func:`french_de`)."""

    def __init__(self, lang: str):
        self.rule = Locale.parse(lang).plural_form

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "de":
            return french_de(str(value))
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        one, other = format_spec.split("|", 1)
        count = value if isinstance(value, int | float) else int(re.sub(r"\D", "", str(value)) or 0)
        return one if self.rule(count) == "one" else other


_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"


def french_de(name: str) -> str:
    """French "de" before ``name``: "d’Atelier …" before a vowel, "du Havre" for "Le Havre", "des Amis"
    for "Les Amis", else "de Stadt Trier" (names starting with "h" keep "de": most German ones are aspirated)."""
    if name[:1].lower() in _VOWELS and name[:1].isalpha():
        return f"d’{name}"
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return f"de {name}"


def t(key: str, lang: str, **kwargs: object) -> str:
    """The text for ``key`` in ``lang``, with ``kwargs`` filled in (``{n:word|words}``: see :class:`_Plurals`)."""
    try:
        template = catalogue(lang)[key]
    except KeyError:
        raise KeyError(f"no text {key!r} in language {lang!r}") from None
    return _plurals(lang).format(template, **kwargs) if kwargs else template


@cache
def _plurals(lang: str) -> _Plurals:
    return _Plurals(lang)  # one per language: t() runs hundreds of times per page


def counted(n: int, forms: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``n`` and its word by the language's plural rule, as ``{n} {n:word|words}`` writes it
    (:class:`_Plurals`): ``counted(1, "source|sources") == "1 source"``. For the CLI, whose
    sentences are English but whose counts must not say "1 files"."""
    return _plurals(lang).format(f"{{n}} {{n:{forms}}}", n=n)


def has(key: str, lang: str) -> bool:
    return key in catalogue(lang)


#: Country codes of the EU's own usage (its Interinstitutional Style Guide; CORDIS writes them) for
#: what ISO 3166 codes otherwise: the United Kingdom and Greece.
EU_COUNTRY_CODES = {"UK": "GB", "EL": "GR"}


@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).territories)


def country_name(code: str, lang: str) -> str | None:
    """The name of the country with ISO 3166 code ``code`` (or the EU's ``UK``, ``EL``) in ``lang``,
    from the Unicode CLDR (Babel); ``None`` for a code it does not know."""
    code = code.upper()
    return _territories(lang).get(EU_COUNTRY_CODES.get(code, code))


@cache
def _languages(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).languages)


def language_name(code: str, lang: str) -> str:
    """The name of the language with ISO 639 code ``code`` in ``lang`` ("allemand" for ``de`` in
    French), from the Unicode CLDR (Babel), its first letter capitalised (it starts a table cell);
    the code itself for one it does not know. The language picker names each language in itself
    (the catalogue's ``language.*``); a document's or a name's language is named in the reader's."""
    name = _languages(lang).get(code.lower())
    return name[:1].upper() + name[1:] if name else code


def label(group: str, value: object, lang: str) -> str:
    """Display form of a data value (``label("type", "Person", "de") == "Person"``);
    when the catalogue has no entry ``group.value``: a country's name from :func:`country_name`,
    else the value with underscores as spaces."""
    key = f"{group}.{value}"
    if has(key, lang):
        return t(key, lang)
    if group == "country" and isinstance(value, str) and (name := country_name(value, lang)):
        return name
    return str(value).replace("_", " ")


def option(text: str) -> str:
    """A label as an option of a picker, beside others that start a line: its first letter a capital
    ("collectivité locale" inside a sentence, "Collectivité locale" in a list)."""
    return text[:1].upper() + text[1:]


def labels(group: str, values: Iterable, lang: str) -> dict[str, str]:
    """:func:`label` for many values, as a mapping from value to text."""
    return {str(v): label(group, v, lang) for v in values}


#: Who the app records as the author of an editor's upload, decision or merge: a code, stored
#: in no language and shown by :func:`author`.
APP_EDITOR = "editor (app)"
#: What earlier versions stored instead: the words of the language of the moment.
_APP_EDITOR_BEFORE = frozenset({"editor (app)", "editor (App)", "editor (application)"})


def author(by: str, lang: str) -> str:
    """The author of a decision or a merge as the reader reads it: the app's editor
    (:data:`APP_EDITOR`) in the reader's words, anyone else (a name given to the CLI) as stored."""
    return t("review.app_editor", lang) if by in _APP_EDITOR_BEFORE else by


def number(value: float | int, lang: str, digits: int | None = None) -> str:
    """``value`` in the language's format: grouped thousands, its decimal sign.

    Integers are written whole; other numbers with ``digits`` decimals
    (default: up to three significant ones). ``None`` and NaN become ``–``.
    Years are not numbers to group: write them with ``str``.
    """
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if value == 0 or (digits is not None and round(value, digits) == 0):
        value = 0 if isinstance(value, int) or digits == 0 else 0.0  # never "-0,000"
    if digits is None:
        if float(value).is_integer() and not isinstance(value, float):
            return format_decimal(value, locale=lang)
        return format_decimal(value, format="#,##0.###", locale=lang)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=lang)


def percent(value: float, lang: str) -> str:
    """``value`` (a share, 0..1) as a whole percentage in the language's format (``26%``, ``26 %``)."""
    return format_percent(value, locale=lang)


def vega_locale(lang: str) -> dict:
    """Vega-Lite's ``config.locale`` for ``lang``: the decimal sign, the group sign and the minus
    of Babel's number symbols, so that chart axes write numbers as the tables do."""
    symbols = Locale.parse(lang).number_symbols.get("latn", {})
    return {
        "number": {
            "decimal": symbols.get("decimal", "."),
            "thousands": symbols.get("group", ","),
            "grouping": [3],
            "currency": ["", ""],
            "minus": symbols.get("minusSign", "-"),
        }
    }


def datetime_text(value: dt.datetime, lang: str) -> str:
    """A moment (a decision, a merge) in the language's short form: ``12/6/26, 11:56 AM``, ``06.12.26, 11:56``."""
    return format_datetime(value, format="short", locale=lang)


def date_text(value: str | dt.date | None, lang: str) -> str:
    """A date as precise as it is known, in the language's words: ``2015``, ``April 2015`` /
    ``April 2015`` / ``avril 2015``, ``19 Nov 2015`` / ``19.11.2015`` / ``19 nov. 2015``."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return format_date(value, format="medium", locale=lang)
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=lang)
    return format_date(dt.date(int(parts[0]), int(parts[1]), int(parts[2])), format="medium", locale=lang)


def picture_texts(picture, lang: str):
    """The :class:`graph.draw.picture.Texts` of a picture in ``lang``: what its drawings write besides names."""
    from graph.draw.picture import Texts
    from graph.model import NodeType, TieType

    kinds = {n.kind for n in picture.nodes if n.kind}
    roles = {t.role for tie in picture.ties for t in tie.ties if t.role}
    codes = {n.country for n in picture.nodes if n.country not in ("", "*")}
    countries = labels("country", codes, lang)
    countries.update({"": t("country.none", lang), "*": t("country.several", lang)})
    return Texts(
        types=labels("type", NodeType, lang),
        ties=labels("tie", TieType, lang),
        kinds=labels("kind", kinds, lang),
        roles=labels("role", roles, lang),
        countries=countries,
        shared=t("explorer.shared", lang),
        original=t("explorer.original", lang),
        colon=t("punctuation.colon", lang),
        legend=t(f"explorer.legend_{picture.color_by}", lang),
        title=t("explorer.title", lang),
    )


@cache
def stand_in_words() -> dict[str, StandInWords]:
    """The :class:`graph.privacy.StandInWords` of every language: the catalogue's ``role.*`` words
    and its count of roles not named, so that role stand-ins are named in the reader's language."""
    from graph.privacy import StandInWords

    def words(lang: str) -> StandInWords:
        roles = {k.removeprefix("role."): v for k, v in catalogue(lang).items() if k.startswith("role.")}
        return StandInWords(
            roles=roles, more=lambda n: t("stand_in.more", lang, n=n), member=t("stand_in.member", lang)
        )

    return {lang: words(lang) for lang in LANGUAGES}


def map_texts(lang: str):
    """The :class:`graph.draw.map.MapTexts` in ``lang``."""
    from graph.draw.map import MapTexts

    return MapTexts(
        place=t("map.place", lang),
        count=t("map.count", lang),
        here=t("map.here", lang),
        ties=t("map.ties", lang),
        within=t("map.within", lang),
        across=t("map.across", lang),
        colon=t("punctuation.colon", lang),
    )


def listed(items: Iterable[str], lang: str) -> str:
    """``items`` one after the other, with the language's semicolon ("A; B", French "A ; B")."""
    return t("punctuation.semicolon", lang).join(items)


def css_text(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def widget_style(lang: str) -> str:
    """CSS that writes Streamlit's own words in its widgets in ``lang``: "No results" of a select box or
    multiselect whose search matches nothing, a multiselect's "Select all" and "Select N matches", and
    a text or number field's "Press Enter to apply" ("... to submit form" in a form) while it is edited,
    and the "Skip to main content" link a keyboard's first Tab shows; charts have no toolbar
    (Streamlit has no parameter for them; the app adds this to every page)."""
    empty = '[role="listbox"][data-empty="true"] > [role="option"] > span'
    every = '[role="option"][data-key="__select_all__"] > div'
    matches = '[role="option"][data-key="__select_matches__"] > div'
    enter = '[data-testid="InputInstructions"] > span:first-child'  # the app's fields have no length counter
    submit = f'[data-testid="stForm"] {enter}'
    # the password field is narrow and its button right below: the hint would cover the typed dots
    password = '[data-testid="stTextInput"]:has(input[type="password"]) [data-testid="InputInstructions"]'
    skip = '[data-testid="stSkipToContent"]'  # the link a keyboard's first Tab shows
    # a chart's toolbar ("Show data", "Download as PNG", "Copy Vega-Lite spec", "Fullscreen") is in English
    # only and covered the chart's title; the pages offer their data and pictures as downloads of their own
    charts = ", ".join(
        f'[data-testid="stElementContainer"]:has([data-testid="{chart}"]) [data-testid="stElementToolbar"]'
        for chart in ("stVegaLiteChart", "stEChartsChart")
    )
    return (
        "<style>"
        f"{charts} {{display: none}}"
        f"{password} {{display: none}}"
        f"{skip} {{font-size: 0 !important}}"  # Streamlit's own rule is more specific
        f"{skip}::after {{content: {css_text(t('app.skip_to_content', lang))}; font-size: 0.875rem}}"
        f"{empty}, {every}, {matches}, {enter} {{font-size: 0}}"
        f"{empty}::after {{content: {css_text(t('pickers.empty_list', lang))}; font-size: 0.875rem}}"
        f"{every}::after {{content: {css_text(t('pickers.select_all', lang))}; font-size: 0.875rem}}"
        f"{matches}::after {{content: {css_text(t('pickers.select_matches', lang))}; font-size: 0.875rem}}"
        f"{enter}::after {{content: {css_text(t('pickers.enter_apply', lang))}; font-size: 0.75rem}}"
        f"{submit}::after {{content: {css_text(t('pickers.enter_submit', lang))}}}"
        "</style>"
    )


def uploader_style(lang: str, note: str | None = None, *, several: bool = True) -> str:
    """CSS that writes Streamlit's upload button and size note in ``lang`` (they have no parameter for
    it); ``note`` replaces the Upload page's note (size and file types); ``several``: the box takes
    several files ("Choose files") or one ("Choose a file")."""
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    note_css = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    return (
        "<style>"
        f"{button}, {note_css} {{font-size: 0}}"
        f"{button}::after {{content: {css_text(t('upload.browse' if several else 'upload.browse_one', lang))}; font-size: 1rem}}"
        f"{note_css}::after {{content: {css_text(note or t('upload.limit', lang))}; font-size: 0.875rem}}"
        "</style>"
    )


#: A place in a file that is no key of it, with what follows the word: "row 3", "event 1234".
_NUMBERED_PLACE = re.compile(r"^(row|event|actor) (.+)$")


def location_text(text: str, lang: str) -> str:
    """A problem's file or entry for a reader of ``lang``: the loaders' words for a place that is no
    key of the file ("(file)", "(syntax)", "row 3") in the language ("(Datei)", "(Syntax)",
    "Zeile 3"); anything else (a file name, an entry such as "nodes[2] (Caritas)") as it is."""
    if text.startswith("(") and text.endswith(")") and has(f"location.{text[1:-1]}", lang):
        return f"({t(f'location.{text[1:-1]}', lang)})"
    numbered = _NUMBERED_PLACE.match(text)
    if numbered:
        word, rest = numbered.groups()
        return t("location.row_n", lang, n=rest) if word == "row" else t(f"location.{word}_named", lang, name=rest)
    return text


def field_text(field: str, lang: str) -> str:
    """A problem's field for a reader of ``lang``: the field's name in the language and, where it
    reads differently, the file's own key after it ("Gegründet (founded)", "Quellen (sources.0)"):
    the format's keys are English words, and the key is what the editor looks for. The loaders'
    words for what is no key (:func:`location_text`) in the language; a key the format does not
    have (a typing error, a column of a table) as it is."""
    key = re.split(r"[.\[]", field, maxsplit=1)[0]
    if not has(f"field.{key}", lang):
        return location_text(field, lang)
    name = t(f"field.{key}", lang)
    return name if name.casefold() == field.replace("_", " ").casefold() else f"{name} ({field})"


def problem_text(problem: Problem, lang: str) -> str:
    """What is wrong, in the reader's language where the problem has a code (:func:`graph.errors.problem_words`):
    the allowed values listed the language's way; else the library's English message."""
    if not problem.code:
        return problem.message
    params = dict(problem.params)
    if "values" in params:
        params["expected"] = format_list([f"'{v}'" for v in params.pop("values")], style="or", locale=lang)
    if isinstance(params.get("limit"), int | float):
        params["limit"] = number(params["limit"], lang)
    return t(f"problem.{problem.code}", lang, **params)
