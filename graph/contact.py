"""The one detector of contact data: e-mail addresses and phone numbers in any text.

Pontes stores no contact data (data minimisation, GDPR Art. 5(1)(c)). Every
text a user can give (names, aliases, other-language names, roles,
descriptions, source titles and links, notes, erase reasons) passes
:func:`find_contact_data`; the models reject what it finds.

What counts
-----------
e-mail
    ``local@domain.tld`` and its usual disguises: ``[at]``, ``(at)``,
    ``{at}``, `` at `` between two address-like words, ``[dot]``/``(dot)``,
    a fullwidth ``＠``, ``%40`` in a ``mailto:`` link, or any ``mailto:``.
phone
    A number introduced by ``+`` or ``00`` with 8 to 15 digits, or by a
    trunk ``0`` with 9 to 15 digits, in groups separated by spaces, dots, slashes, hyphens (also
    non-breaking and figure dashes) or brackets; or any run of at least 6
    digits after a word that announces one (``Tel.``, ``Tél.``, ``Fax``,
    ``Telefon``, ``Phone``, ``Mobil``, ``Handy``, ``GSM``).

What does not: dates (``01.12.2016``, ``2016-12-01``), years and spans of
years, postal codes (``54290 Trier``, ``L-1728``), amounts, project and
register numbers that do not start with a trunk ``0`` or ``+`` (CORDIS
PICs ``999616262``, grant numbers ``101004701``), file references with
fewer than 9 digits (``0815/2016``). ``tests/test_contact.py`` holds both
corpora.

Text is compared in Unicode NFKC form, so fullwidth digits and signs count
as their ASCII forms.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

__all__ = ["ContactData", "find_contact_data", "has_contact_data"]

_SEPARATORS = " .\\/()\\-\u2010\u2011\u2012\u2013\u00a0\u202f"
_LOCAL = r"[A-Za-z0-9][A-Za-z0-9._%+\-]*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
_AT = r"(?:@|\s*[\[\(\{<]\s*(?:at|ät|arobase)\s*[\]\)\}>]\s*|\s+(?:at|ät)\s+)"
_DOT = r"(?:\.|\s*[\[\(\{<]\s*(?:dot|punkt|point)\s*[\]\)\}>]\s*|\s+(?:dot|punkt|point)\s+)"
_EMAIL = re.compile(rf"{_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,24}}\b", re.IGNORECASE)
_MAILTO = re.compile(r"mailto:", re.IGNORECASE)
_PHONE = re.compile(rf"(?<![\w+.,])(?:\+|00|0)\d[\d{_SEPARATORS}]{{5,}}\d")
_ANNOUNCED = re.compile(
    rf"\b(?:t[eé]l(?:[eé]phone|efon)?|phone|fon|fax|mobil|mobile|handy|gsm|portable)\b\.?\s*:?\s*"
    rf"\+?\d[\d{_SEPARATORS}]{{4,}}\d",
    re.IGNORECASE,
)
_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$|^\d{4}-\d{2}-\d{2}$|^\d{4}\s*[-\u2010-\u2013/]\s*\d{4}$")


class ContactData(ValueError):
    """A text holds something that looks like contact data; ``kind`` says which."""

    def __init__(self, kind: str):
        super().__init__(f"looks like contact data ({kind}); Pontes stores none")
        self.kind = kind


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def find_contact_data(text: str | None) -> str | None:
    """``"e-mail"`` or ``"phone"`` if ``text`` holds contact data, else ``None``."""
    if not text:
        return None
    plain = unicodedata.normalize("NFKC", text)
    if _MAILTO.search(plain) or _EMAIL.search(plain) or _EMAIL.search(unquote(plain)):
        return "e-mail"
    for m in _PHONE.finditer(plain):
        run = m.group(0).strip(_SEPARATORS)
        # a trunk 0 opens many codes and references: a phone number has 9 digits at least
        least = 8 if run.startswith(("+", "00")) else 9
        if least <= _digits(run) <= 15 and not _DATE.match(run):
            return "phone"
    if _ANNOUNCED.search(plain):
        return "phone"
    return None


def has_contact_data(text: str | None) -> bool:
    """Whether :func:`find_contact_data` finds anything in ``text``."""
    return find_contact_data(text) is not None
