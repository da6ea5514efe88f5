"""One translation catalogue for all UI text: German, English and French.

The catalogue lives in ``ui/locales/{de,en,fr}.yaml`` as nested mappings;
keys are the dotted paths (``explorer.depth``). Values are
:meth:`str.format` templates: ``t("explorer.shown", "de", nodes=3, ties=2)``.
An unknown key raises :class:`KeyError` (tests catch typos); :func:`label`
falls back to the raw value for open-ended data such as enum values that
have no translation yet.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

import yaml

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


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key of ``lang`` with its template."""
    if lang not in LANGUAGES:
        raise KeyError(f"no translations for language {lang!r}; have {', '.join(LANGUAGES)}")
    with open(_DIR / f"{lang}.yaml", encoding="utf-8") as f:
        return _flatten(yaml.safe_load(f) or {})


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template expects."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def t(key: str, lang: str, **kwargs: object) -> str:
    """The text for ``key`` in ``lang``, with ``kwargs`` filled in."""
    try:
        template = catalogue(lang)[key]
    except KeyError:
        raise KeyError(f"no text {key!r} in language {lang!r}") from None
    return template.format(**kwargs) if kwargs else template


def has(key: str, lang: str) -> bool:
    return key in catalogue(lang)


def label(group: str, value: object, lang: str) -> str:
    """Display form of a data value (``label("type", "Person", "de") == "Person"``);
    the value itself when the catalogue has no entry ``group.value``."""
    key = f"{group}.{value}"
    return t(key, lang) if has(key, lang) else str(value)


def labels(group: str, values, lang: str) -> dict[str, str]:
    """:func:`label` for many values, as a mapping from value to text."""
    return {str(v): label(group, v, lang) for v in values}
