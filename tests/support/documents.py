"""Documents for the extractor's tests and bench: a minimal PDF writer (so no
PDF library is needed to make test files) and short texts written for the tests."""

from __future__ import annotations

import textwrap
import zlib


def _escape(line: str) -> bytes:
    data = line.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(pages: list[str], *, title: str | None = None, width: int = 90) -> bytes:
    """A PDF of ``pages`` (plain text, wrapped at ``width`` characters), Helvetica
    in WinAnsiEncoding, one content stream per page; ``title`` goes in its Info."""
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    pages_id_placeholder = len(objects) + 1 + 2 * len(pages)
    for text in pages:
        lines: list[str] = []
        for para in text.split("\n"):
            lines += textwrap.wrap(para, width) or [""]
        ops = [b"BT /F1 10 Tf 14 TL 50 800 Td"]
        ops += [b"(" + _escape(line) + b") Tj T*" for line in lines]
        ops.append(b"ET")
        stream = zlib.compress(b"\n".join(ops))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
                % (pages_id_placeholder, content, font)
            )
        )
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    pages_id = add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    assert pages_id == pages_id_placeholder
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title (" + _escape(title) + b") >>") if title else None
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


#: A German press release written for the tests (not taken from any document).
PRESS_RELEASE_DE = """Pressemitteilung vom 3. März 2021

Neues Netzwerk für Zugewanderte in Konz

Die Verbandsgemeinde Konz und der Verein Miteinander e.V. haben am 2. März 2021 eine Kooperationsvereinbarung zur „Begleitung von Zugewanderten in Ausbildung“ unterzeichnet. Beteiligt ist auch die Agentur für Arbeit Trier.

„Wir wollen Wege kürzer machen“, sagt Andrea Klein, Vorsitzende des Vereins Miteinander e.V. Bürgermeister Thomas Berens begrüßte die Vereinbarung.

Ein erstes Treffen der Partner findet am 15. April 2021 in Konz statt. Kontakt: Andrea Klein, andrea.klein@example.org, Tel. 06501 123456.
"""

#: A French press release written for the tests.
COMMUNIQUE_FR = """Metz, le 8 juin 2022

Un atelier sur l'accès à l'emploi

L'association Horizons et la Ville de Metz organisent le 20 juin 2022 un atelier d'information à Metz. M. Julien Petit, directeur de l'association Horizons, présentera le programme. Mme Claire Roux participera également.
"""
