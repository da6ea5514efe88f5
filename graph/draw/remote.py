"""What a drawn page would fetch from another host: the check every page passes.

Pontes' pages (:mod:`graph.draw.page`) carry vis-network with them or load
it from the app's own server; :func:`remote_references` finds anything a
browser would still fetch from elsewhere, so that a page that would is
refused before anyone sees it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["remote_references"]

# What a finished page must not contain: anything that fetches from another host.
#: A URL that leaves the page's host: ``http://``, ``https://`` or ``//host``.
_REMOTE_URL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
#: Where CSS fetches from: ``url(...)`` and ``@import "..."``.
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]*)|@import\s+[\"']([^\"']*)", re.IGNORECASE)
#: Attributes that make a browser fetch what they name.
_FETCHING = frozenset({"src", "href", "srcset", "poster", "data", "action", "formaction", "background"})


class _Resources(HTMLParser):
    """Collects what a page would fetch: fetching attributes of its tags and the
    URLs of its CSS (``<style>`` elements and ``style`` attributes). Text and
    script bodies are data (names, tooltips, the graph) and are not read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def _css(self, css: str) -> None:
        for m in _CSS_URL.finditer(css):
            url = m.group(1) or m.group(2) or ""
            if _REMOTE_URL.match(url):
                self.found.append(url.strip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _FETCHING:
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.found.extend(u.strip() for u in urls if _REMOTE_URL.match(u))
            elif name == "style":
                self._css(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)


def remote_references(page: str) -> list[str]:
    """Every reference in ``page`` that a browser would fetch from another host.

    Paths on the page's own server (``/app/static/...``) and inline data are
    not remote; ``//host/...`` (the page's scheme, another host) is. Only
    the page's own resources count (tags' fetching attributes and CSS): a
    name that reads ``url(//x)`` is text, shown as typed, and fetches nothing."""
    parser = _Resources()
    parser.feed(page)
    parser.close()
    return parser.found
