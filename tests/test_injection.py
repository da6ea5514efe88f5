"""Every string a user can type or upload is inert.

A corpus of Cypher, SQL and HTML/JavaScript injection strings
(``tests/data/injection_strings.txt``) goes through search, filters, the
loaders and the pyvis rendering: nothing changes in the database, names are
stored and shown verbatim as text, and no script runs in the browser.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from graph import explore as views
from graph.draw.page import render_html
from graph.model import Organisation, Source, Tie, TieType, clean_name
from graph.store.base import Subgraph
from loaders import load_paths
from pontes.settings import REPO_ROOT
from tests.support.browser import drawn_picture, poll, streamlit_server

CORPUS = [
    line.rstrip("\n")
    for line in (Path(__file__).parent / "data" / "injection_strings.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("# ")
]
#: The corpus as names are kept: on one line (``tab\tinside`` is ``tab inside``, graph.model.clean_name),
#: otherwise exactly as typed.
NAMES = {clean_name(p) for p in CORPUS}
SRC = Source(id="src", title="Injection corpus", publisher="Pontes tests")
HUB = Organisation(id="org:hub", name="Hub", sources=["src"])


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 50 and len(set(CORPUS)) == len(CORPUS)


def payload_nodes() -> list[Organisation]:
    return [
        Organisation(id=f"org:inj-{i}", name=p, aliases=[p], description=p, sources=["src"])
        for i, p in enumerate(CORPUS)
    ]


def payload_ties(nodes) -> list[Tie]:
    return [Tie(type=TieType.COOPERATES_WITH, source=n.id, target=HUB.id, role=n.name, sources=["src"]) for n in nodes]


def payload_document() -> dict:
    """A seed document of the payload-named organisations, tied to the hub."""
    nodes = payload_nodes()
    return {
        "pontes": 1,
        "sources": [SRC.model_dump(mode="json", exclude_none=True)],
        "nodes": [n.model_dump(mode="json", exclude_none=True) for n in [HUB, *nodes]],
        "ties": [t.model_dump(mode="json", exclude_none=True) for t in payload_ties(nodes)],
    }


def fingerprint(store):
    snap = store.snapshot()
    return store.version(), snap.nodes, snap.ties, store.get_sources()


def test_search_with_injection_strings_changes_nothing(store):
    store.upsert(sources=[SRC], nodes=[HUB])
    before = fingerprint(store)
    for payload in CORPUS:
        hits = store.search(payload)
        assert all(isinstance(h, Organisation) for h in hits)
        views.find(store, payload)
    assert fingerprint(store) == before


def test_names_are_stored_and_found_verbatim(store):
    nodes = payload_nodes()
    store.upsert(sources=[SRC], nodes=[HUB, *nodes], ties=payload_ties(nodes))
    counts = store.counts()
    assert (counts.total_nodes, counts.total_ties, counts.sources) == (len(CORPUS) + 1, len(CORPUS), 1)
    assert sorted(store.get_nodes([n.id for n in nodes]), key=lambda n: n.id) == sorted(nodes, key=lambda n: n.id)
    for node in nodes:
        assert node in store.search(node.name, limit=100), node.name
    roles = {t.role for t in store.ties_of(HUB.id)}
    assert roles == NAMES


def test_filters_with_injection_strings(store):
    nodes = payload_nodes()
    store.upsert(sources=[SRC], nodes=[HUB, *nodes], ties=payload_ties(nodes))
    before = fingerprint(store)
    whole = store.snapshot()
    for payload in CORPUS:
        flt = views.GraphFilter(countries=[payload], places=[payload], topics=[payload])
        assert views.apply_filter(whole, flt, context=whole).nodes == []
    assert fingerprint(store) == before


def test_loaders_keep_names_verbatim(store, tmp_path):
    path = tmp_path / "payloads.yaml"
    path.write_text(yaml.safe_dump(payload_document(), allow_unicode=True), encoding="utf-8")
    load_paths(store, [path])
    assert {n.name for n in store.snapshot().nodes} == {"Hub", *NAMES}
    # the CSV export of them loads back identically (quoting, delimiters, newlines)
    from graph.formats import export
    from loaders import read_paths

    files = export(store.snapshot(), store.get_sources(), "csv", tmp_path / "csv")
    plan = read_paths([files[2], files[0], files[1]])
    assert sorted(plan.nodes, key=lambda n: n.id) == sorted(store.snapshot().nodes, key=lambda n: n.id)


def test_rendered_page_holds_no_payload_markup():
    nodes = payload_nodes()
    page = render_html(Subgraph(nodes=[HUB, *nodes], ties=payload_ties(nodes)))
    for payload in CORPUS:
        if "<" in payload:
            assert payload not in page, payload
    assert "__pontes_pwned=1</script>" not in page


# -- static guarantees -------------------------------------------------------------


def _string_building(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format")
        or isinstance(node, ast.BinOp)
    )


def test_all_cypher_is_constant_text():
    """No Cypher is built at run time: the cypher module holds plain string
    constants (or dicts of them keyed by enums) and the store only runs names
    from that module."""
    tree = ast.parse((REPO_ROOT / "graph/store/cypher.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        assert not isinstance(node, ast.JoinedStr), f"f-string at line {node.lineno}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr != "format", f".format at line {node.lineno}"
    store_tree = ast.parse((REPO_ROOT / "graph/store/neo4j_store.py").read_text(encoding="utf-8"))
    # ``_data(tx, query, **params)`` is the one helper that runs a query it is given.
    helper = next(n for n in ast.walk(store_tree) if isinstance(n, ast.FunctionDef) and n.name == "_data")
    inside_helper = {id(n) for n in ast.walk(helper)}
    # ``for statement in cypher.SCHEMA: tx.run(statement)`` runs named queries too.
    loop_vars = {
        n.target.id: ast.unparse(n.iter)
        for n in ast.walk(store_tree)
        if isinstance(n, ast.For) and isinstance(n.target, ast.Name)
    }
    checked = 0
    for node in ast.walk(store_tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("run", "execute_query"):
            if id(node) in inside_helper:
                continue
            query = node.args[0]
        elif isinstance(node.func, ast.Name) and node.func.id == "_data":
            query = node.args[1]
        else:
            continue
        checked += 1
        assert not _string_building(query), f"line {node.lineno}: query built at run time"
        text = ast.unparse(query)
        if isinstance(query, ast.Name) and query.id in loop_vars:
            text = loop_vars[query.id]
        assert text.startswith("cypher."), f"line {node.lineno}: {text} is not a named query of graph.store.cypher"
    assert checked >= 20


# -- in a real browser ----------------------------------------------------------------


@pytest.fixture
def payload_app(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "payloads.yaml").write_text(yaml.safe_dump(payload_document(), allow_unicode=True), encoding="utf-8")
    with streamlit_server(
        tmp_path, PONTES_STORE="embedded", PONTES_DB_PATH=str(tmp_path / "inj.sqlite"), PONTES_SEEDS=str(folder)
    ) as url:
        yield url


#: The explorer picture's written names, whole (not cut with an ellipsis), with their places on screen.
_NAMES = r"""
var out = [];
document.querySelectorAll('[_echarts_instance_] svg text').forEach(function (t) {
  var r = t.getBoundingClientRect();
  if (r.width > 0 && !/\.\.\.$|…$/.test(t.textContent)) out.push([t.textContent, r.left + r.width / 2, r.top + r.height / 2]);
});
return out;
"""

#: The tooltip ECharts shows: its text and whether it holds any element but line breaks.
_TOOLTIP = r"""
var divs = document.querySelectorAll('[_echarts_instance_] div');
for (var i = 0; i < divs.length; i++) {
  var d = divs[i];
  if (d.style.position === 'absolute' && d.style.display !== 'none' && d.textContent && d.style.zIndex) {
    var tags = Array.from(d.querySelectorAll('*')).map(function (e) { return e.tagName; });
    return [d.textContent, tags.filter(function (t) { return t !== 'BR'; })];
  }
}
return null;
"""


@pytest.mark.browser
@pytest.mark.slow
def test_no_script_runs_in_the_browser(payload_app, browser):
    """The explorer's picture writes payload names as text, their tooltips
    hold text and line breaks only, and nothing typed or hovered runs."""
    from selenium.webdriver.common.by import By

    browser.get(payload_app)
    poll(lambda: drawn_picture(browser), timeout=120)
    # search with a payload in the real search box
    box = browser.find_element(By.CSS_SELECTOR, "input[aria-label='Search by name or alias']")
    box.send_keys("<img src=x onerror=\n")  # finds two payload names: the view stays, the picker lists them
    poll(lambda: drawn_picture(browser), timeout=60)
    names = poll(lambda: browser.execute_script(_NAMES) or None, timeout=60)
    legend = {"Node types", "Organisation"}
    names = [n for n in names if n[0] not in legend]
    written = {text for text, _x, _y in names}
    assert written <= {"Hub", *NAMES}  # shown as text, exactly as kept
    assert written & {c for c in CORPUS if "<" in c}, "some names with markup are written"
    # hover the written names: each shows its node's tooltip, which is text only
    seen = set()
    for text, x, y in names[:25]:
        browser.execute_script(
            "var x = arguments[0], y = arguments[1], e = document.elementFromPoint(x, y);"
            "['mousemove', 'mouseover'].forEach(function (k) {"
            "  e && e.dispatchEvent(new MouseEvent(k, {bubbles: true, clientX: x, clientY: y}));"
            "});",
            x,
            y,
        )
        tip = poll(lambda: browser.execute_script(_TOOLTIP), timeout=10)
        assert tip[1] == [], f"the tooltip of {text!r} holds elements {tip[1]}"
        if text in tip[0]:
            seen.add(text)
    assert seen & {c for c in CORPUS if "<" in c}, "tooltips of names with markup show them as text"
    assert browser.execute_script("return typeof window.__pontes_pwned") == "undefined"
    browser.switch_to.default_content()
    assert browser.execute_script("return typeof window.__pontes_pwned") == "undefined"
