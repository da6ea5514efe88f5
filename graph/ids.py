"""Stable, content-derived identifiers.

A node's id is ``<type prefix>:<slug of its name>`` (plus ``-<date>`` for
events and agreements, which often repeat a name), so the same fact loaded
twice, from any file, lands on the same node. A tie's id is a short hash of
its type, endpoints, role and start date.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

_PREFIX = {
    "Organisation": "org",
    "Person": "person",
    "Event": "event",
    "Agreement": "agreement",
    "Place": "place",
    "Topic": "topic",
}

_TRANSLIT = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, the one normalisation of Pontes (whitespace kept,
    so that offsets into a document's text stay valid)."""
    return unicodedata.normalize("NFC", text)


def normalise(text: str) -> str:
    """``text`` as Pontes keeps and compares it: Unicode NFC, outer spaces
    stripped, runs of whitespace as one space. ``"Saarbru\u0308cken"`` (NFD)
    and ``"Saarbrücken"`` (NFC) become the same string."""
    return " ".join(nfc(text).split())


#: Apostrophes a keyboard does not type, folded to the one it does: "d’Eifel" is "d'Eifel".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``: ``Trèves`` -> ``treves``.

    The one folding of Pontes, used for search keys, look-ups and checks
    that a text names someone. Whitespace runs count as one space, so
    doubled spaces do not matter, and typographic apostrophes as the typed
    one (French names are written with ’, typed with '). :func:`folded_forms` adds the
    transliterated German spelling, so that ``Saarbruecken`` finds ``Saarbrücken``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


#: What may stand before the start of a word in a search key (a key is one folded label a line).
WORD_STARTS = ("\n", " ", "-", "(", "/", "'")


def search_words(needle: str) -> list[str]:
    """The words of a folded search text that has more than one (``caritas trier`` ->
    ``["caritas", "trier"]``): a node whose labels have a word starting with each of them, in any
    order, is found too (``Caritasverband Trier``; ``org g`` does not find ``Org A``, whose
    ``g`` is inside a word). None for one word: the text itself is what is searched."""
    words = list(dict.fromkeys(needle.split()))
    return words if len(words) > 1 else []


def sort_key(text: str) -> tuple[str, str]:
    """How Pontes orders names and labels for readers: by their :func:`fold` (``École`` among
    the e's, before ``Travail``; ``Ärzte`` among the a's, as German dictionaries file it), then
    as written. A plain sort puts every accented capital after ``Z``."""
    return (fold(text), text)


def folded_forms(label: str) -> frozenset[str]:
    """The folded forms of a label: plain (``jurgen``) and with German umlauts
    transliterated (``juergen``), so either spelling of a query matches."""
    return frozenset({fold(label), fold(unicodedata.normalize("NFC", label).translate(_TRANSLIT))})


def search_keys(labels: list[str]) -> str:
    """One folded string holding every label in plain and transliterated form, one a line."""
    return "\n".join(sorted(frozenset().union(*(folded_forms(label) for label in labels))))


def slug(text: str, max_len: int = 120) -> str:
    """ASCII slug: ``Saarbrücken Zuwanderungs- und Integrationsbüro`` ->
    ``saarbruecken-zuwanderungs-und-integrationsbuero``."""
    ascii_text = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).translate(_TRANSLIT))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not s:
        s = hashlib.sha1(text.encode()).hexdigest()[:12]
    return s[:max_len].rstrip("-")


def node_id(node_type: str, name: str, qualifier: str | None = None) -> str:
    """Content-derived id of a node; ``qualifier`` (a date) disambiguates repeated names."""
    base = slug(name)
    if qualifier:
        base = f"{base}-{slug(qualifier)}"
    return f"{_PREFIX[str(node_type)]}:{base}"


def tie_id(tie_type: str, source: str, target: str, role: str | None, start: str | None) -> str:
    """Content-derived id of a tie."""
    key = "\x1f".join([str(tie_type), source, target, role or "", start or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def tombstone(node_id: str, key: bytes) -> str:
    """HMAC-SHA256 of an erased node's id under the store's secret ``key``: lets
    loaders refuse the id without keeping it. Without the key, which is kept
    beside the store and not in it, no one can test candidate names against it."""
    return hmac.new(key, node_id.encode("utf-8"), hashlib.sha256).hexdigest()


def legacy_tombstone(node_id: str) -> str:
    """The unkeyed SHA-256 tombstone of stores written before keyed ones (still honoured)."""
    return hashlib.sha256(node_id.encode("utf-8")).hexdigest()
