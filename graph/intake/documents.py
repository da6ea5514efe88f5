"""Documents as the extractor reads them: plain text, PDF and HTML to one text.

:func:`read_document` returns a :class:`Document`: the extracted text (Unicode
NFC; every offset of a draft's evidence points into it) and what the document
says about itself: title, date, publisher and URL where it states them.
Nothing is fetched: an HTML page's URL is the one it declares (canonical link
or ``og:url``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePath

from graph.errors import Problem, ValidationFailed, input_file_problem
from graph.ids import nfc
from graph.intake.text import find_dates, guess_language

#: Files the extractor reads, by suffix.
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".pdf", ".html", ".htm"}
#: Documents larger than this are refused.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """A document's text and what it says about itself."""

    name: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None


# -- HTML ---------------------------------------------------------------------------------------------
_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button", "template"}
_BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr",
    "br", "blockquote", "figcaption", "dd", "dt", "pre", "address", "time",
}  # fmt: skip


class _HTMLText(HTMLParser):
    """Visible text of a page (navigation, scripts and forms left out) and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        elif tag == "html" and a.get("lang"):
            self.meta.setdefault("lang", a["lang"])
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK and not self.skip:
            self.parts.append("\n\n" if tag.startswith("h") or tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK and not self.skip:
            self.parts.append("\n\n" if tag.startswith("h") or tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if self.skip:
            return
        if self.in_h1:
            self.h1 += data
        self.parts.append(data)

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _read_html(name: str, data: bytes) -> Document:
    charset = re.search(rb"charset=[\"']?([\w-]+)", data[:2000])
    try:
        html = data.decode(charset[1].decode("ascii") if charset else "utf-8")
    except (LookupError, UnicodeDecodeError):
        html = data.decode("utf-8", errors="replace")
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    meta = parser.meta
    text = nfc(parser.text())
    title = meta.get("og:title") or " ".join(parser.h1.split()) or " ".join(parser.title.split()) or None
    date = _iso_date(
        meta.get("article:published_time") or meta.get("datepublished") or meta.get("date") or meta.get("time")
    )
    publisher = meta.get("og:site_name") or meta.get("publisher") or meta.get("author")
    url = meta.get("og:url") or meta.get("canonical")
    lang = (meta.get("lang") or "")[:2].lower() or None
    return _complete(
        Document(name=name, text=text, title=title, date=date, publisher=publisher, url=url, language=lang)
    )


# -- PDF ----------------------------------------------------------------------------------------------
def _read_pdf(name: str, data: bytes) -> Document:
    from pypdf import PdfReader  # imported when a PDF is read: the app never pays for it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as e:
        raise ValidationFailed([Problem(name, "(file)", "(pdf)", f"cannot read this PDF: {e}")]) from e
    text = nfc("\n\n".join(p.strip() for p in pages if p.strip()))
    title = publisher = None
    date = None
    if info is not None:
        title = (info.title or "").strip() or None
        publisher = (info.author or "").strip() or None
        created = info.get("/CreationDate")
        if isinstance(created, str) and re.match(r"D:\d{8}", created):
            date = _iso_date(f"{created[2:6]}-{created[6:8]}-{created[8:10]}")
    return _complete(Document(name=name, text=text, title=title, date=date, publisher=publisher))


# -- plain text ---------------------------------------------------------------------------------------
#: A text with a larger share of control characters (other than line breaks and tabs) is not text.
MAX_CONTROL_SHARE = 0.01


def _read_text(name: str, data: bytes) -> Document:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationFailed([Problem(name, "(file)", "(encoding)", "not text: neither UTF-8 nor Windows-1252")])
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > MAX_CONTROL_SHARE * max(len(text), 1):
        raise ValidationFailed([Problem(name, "(file)", "(encoding)", "not text: it holds binary data")])
    return _complete(Document(name=name, text=nfc(text.replace("\r\n", "\n").replace("\r", "\n"))))


#: Words written with a dot at the end of a name: "Müller & Co.", "Dupont et Cie.".
_ABBREVIATED = frozenset({"co", "cie", "inc", "ltd", "corp", "st", "dr", "nr", "str"})


def _without_full_stop(text: str) -> str:
    """``text`` without the full stop that ends its line, but with the dot of an abbreviation that
    ends it ("Brückenbauer Trier e.V.", "Müller & Co.")."""
    last = text.split()[-1] if text.split() else ""
    if not last.endswith(".") or "." in last[:-1] or len(last) == 2 or last[:-1].casefold() in _ABBREVIATED:
        return text
    return text[:-1]


_SOURCE_LINE = re.compile(r"^\s*(?:Quelle|Herausgeber|Source|Publié par|Publisher)\s*:\s*(.{3,120}?)\s*$", re.M | re.I)
_URL = re.compile(r"https?://[^\s<>\"']+")


_NAVIGATION = re.compile(
    r"(Startseite|Sprungmarke|Navigation|Hauptinhalt|Seitenkopf|Seitenfuß|Servicelinks|Menü|Suche\b|Skip to|Aller au contenu|"
    r"Accueil|Plan du site|Mentions légales|Impressum|Datenschutz|Cookie)",
    re.I,
)
_DATE_CUE = re.compile(
    r"\b(vom|Stand|Datum|veröffentlicht|publié|mis à jour|Published|Date|Pressemitteilung|Pressemeldung|Communiqué|"
    r"séance|Sitzung|réunion|Protokoll|procès-verbal|compte rendu|Niederschrift)\b",
    re.I,
)


def _date_of(text: str) -> dt.date | None:
    """The document's own date: a line of its head that is only a date, or that
    introduces one ("Pressemeldung vom 6. Oktober 2016", "publié le 3 mars 2019")."""
    lines = [line.strip() for line in text[:3000].split("\n") if line.strip()][:15]
    for line in lines:
        full = [d for d in find_dates(line) if d.precision == "day"]
        if not full:
            continue
        rest = len(line) - sum(d.end - d.start for d in full)
        dateline = re.match(r"^[^\W\d][\w /.’'-]{1,50},\s*(?:le|den|am|the)?\s*$", line[: full[0].start])
        if rest < 6 or dateline or (_DATE_CUE.search(line) and len(line) < 160):
            return dt.date.fromisoformat(full[0].value)
    return None


def _title_like(line: str) -> bool:
    return (
        10 <= len(line) <= 200
        and len(line.split()) >= 3
        and not line.endswith((",", ":", ";"))
        and not find_dates(line)
        and sum(c.isalpha() for c in line) > len(line) * 0.6
    )


def _title_of(text: str) -> str | None:
    """The headline: the first title-like line after a line that is only a date,
    else the first title-like line of the document's head."""
    lines = [" ".join(line.split()) for line in text[:3000].split("\n")]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines[:-1]):
        dates = find_dates(line)
        if (
            dates
            and (
                len(line) - sum(d.end - d.start for d in dates) < 6
                or re.match(r"^[^\W\d][\w /.’'-]{1,50},\s*(?:le|den|am)?\s*$", line[: dates[0].start])
            )
            and len(line) < 70
        ):
            following = next((x for x in lines[i + 1 : i + 4] if _title_like(x) and not _NAVIGATION.search(x)), None)
            if following:
                return following
    for line in lines[:12]:
        dated = sum(d.end - d.start for d in find_dates(line))
        if _NAVIGATION.search(line) or dated > len(line) / 3:
            continue
        if len(line) <= 160 and not line.endswith((".", ",", ":", ";")) and re.search(r"[^\W\d_]{4,}", line):
            return line.title() if line.isupper() else line
        break
    return next(
        (line for line in lines[:40] if _title_like(line) and not line.endswith(".") and not _NAVIGATION.search(line)),
        None,
    )


def _complete(doc: Document) -> Document:
    """Fill in what the text itself says: title (first heading-like line), date
    (the first full date in the first lines), publisher ("Quelle: ..."), URL, language."""
    text = doc.text
    title, date, publisher, url = doc.title, doc.date, doc.publisher, doc.url
    head = text[:1500]
    if date is None:
        date = _date_of(text)
    if title is None:
        title = _title_of(text)
    if publisher is None:
        m = _SOURCE_LINE.search(text[-3000:]) or _SOURCE_LINE.search(head)
        if m:
            publisher = _without_full_stop(m[1])
    if url is None:
        m = _URL.search(head)
        if m:
            url = m[0].rstrip(".,;)")
    language = doc.language if doc.language in ("de", "fr", "en") else guess_language(text)
    return Document(doc.name, text, title, date, publisher, url, language)


def read_document(name: str, data: bytes) -> Document:
    """The text and metadata of a document given as (file name, bytes).

    Raises :class:`ValidationFailed` (file, ``(file)``, what) for an unknown
    type, an empty document or one too large.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise ValidationFailed(
            [
                Problem(
                    name,
                    "(file)",
                    "(format)",
                    f"unknown document type {suffix!r}; expected one of {sorted(DOCUMENT_SUFFIXES)}",
                )
            ]
        )
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationFailed([Problem(name, "(file)", "(size)", f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB")])
    if suffix == ".pdf":
        doc = _read_pdf(name, data)
    elif suffix in (".html", ".htm"):
        doc = _read_html(name, data)
    else:
        doc = _read_text(name, data)
    if not doc.text.strip():
        raise ValidationFailed([Problem(name, "(file)", "(text)", "the document holds no text (a scanned PDF?)")])
    return doc


def read_document_file(path: str | Path) -> Document:
    """:func:`read_document` of a file on disk."""
    p = Path(path)
    unreadable = input_file_problem(p)
    if unreadable is not None:
        raise ValidationFailed([unreadable])
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ValidationFailed([Problem(str(p), "(file)", "(path)", e.strerror or "cannot read")]) from e
    return read_document(str(p), data)
