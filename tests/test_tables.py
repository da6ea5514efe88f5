"""Static tables show every cell as the text it is (ui.tables): no Markdown, no markup.

``st.table`` renders each cell as Markdown (a name ``**x**`` became bold, a
source title ``[a](https://…)`` a link); Pontes' tables are escaped HTML.
"""

from __future__ import annotations

import pytest

from tests.support.app import tables_in_html
from tests.test_injection import CORPUS
from ui.tables import table_html

MARKDOWN = ["**bold** and _italic_ name", "[a link](https://example.org/pwned)", "`code` in a name", "## A heading"]


def test_the_corpus_has_markdown_payloads():
    assert set(MARKDOWN) <= set(CORPUS)


@pytest.mark.parametrize("text", CORPUS)
def test_every_cell_reads_as_given(text):
    rows = [{"Name": text, "Kind": "Organisation", text: 3}]
    html = table_html(rows)
    (frame,) = tables_in_html(html)
    assert list(frame.columns) == ["Name", "Kind", text]
    assert frame.iloc[0].tolist() == [text, "Organisation", "3"]


@pytest.mark.parametrize("text", MARKDOWN + [c for c in CORPUS if "<" in c])
def test_no_markup_reaches_the_page(text):
    html = table_html([{"Name": text}])
    body = html.split("</style>", 1)[1]
    assert "<a " not in body and "<strong" not in body and "<script" not in body and "<img" not in body
    assert body.count("<td") == 1 and body.count("<th ") == 1


def test_columns_of_numbers_are_right_aligned_and_empty_rows_draw_nothing():
    html = table_html(
        [
            {"Name": "A", "Partners": 12, "Share": "0,75", "Flag": True, "Missing": None, "Mixed": "3"},
            {"Name": "B", "Partners": 3, "Share": "1.234,5", "Flag": False, "Missing": None, "Mixed": "n/a"},
        ]
    )
    assert '<th scope="col" class="num">Partners</th>' in html and '<td class="num">12</td>' in html
    assert '<td class="num">1.234,5</td>' in html  # as the page writes numbers (Babel)
    assert "<td>True</td>" in html and '<th scope="col">Name</th>' in html
    assert '<th scope="col">Missing</th>' in html and "<td></td>" in html  # no filled cell: not a number column
    assert "<td>3</td>" in html  # a column with a word in it stays left-aligned
    assert table_html([]) == ""


def test_columns_follow_the_first_row_and_missing_cells_are_empty():
    (frame,) = tables_in_html(table_html([{"a": "1", "b": "2"}, {"b": "3"}]))
    assert frame.values.tolist() == [["1", "2"], ["", "3"]]


# -- lists in one cell (graph.cells) -----------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [["a", "b"], ["Forum | Netzwerk", "x"], ["back\\slash", "end\\"], ["\\|", "|", "a\\\\|b"], ["| a | table | row |"]],
)
def test_a_list_survives_its_cell(values):
    from graph.cells import join_cell, split_cell

    assert split_cell(join_cell(values)) == [v.strip() for v in values if v.strip()]


def test_cells_written_by_hand_read_as_before():
    from graph.cells import split_cell

    assert split_cell(" a | b ||c ") == ["a", "b", "c"]
    assert split_cell("C:\\data\\x") == ["C:\\data\\x"]  # a backslash before anything else stays
    assert split_cell("") == []


# -- sources in the reader's words (ui.detail) ---------------------------------------------


def test_a_source_without_publisher_says_so_in_the_readers_language():
    import datetime as dt

    from graph.model import Source
    from ui.detail import source_rows, source_text

    unnamed = Source(id="s", title="Integration")
    dated = Source(id="t", title="Atem", publisher="IHK Trier", date=dt.date(2016, 12, 1))
    assert source_rows([unnamed], "de")[0]["Herausgeber"] == "im Dokument nicht genannt"
    assert source_rows([unnamed], "fr")[0]["Éditeur"] == "non indiqué dans le document"
    assert source_text(unnamed, "de") == "Integration"
    assert source_text(dated, "de") == "Atem (IHK Trier, 01.12.2016)"
    assert source_text(Source(id="u", title="Atem", date=dt.date(2016, 12, 1)), "fr") == "Atem (1 déc. 2016)"


def test_a_sources_language_is_named_in_the_readers_language_and_no_empty_link_column():
    """The language picker names each language in itself ("Deutsch"); a document's language is a
    fact about it, named in the reader's language (the French page said "Deutsch")."""
    from graph.model import Source
    from ui.detail import source_rows

    german = Source(id="s", title="Integration braucht einen langen Atem", language="de")
    english = Source(id="t", title="Reference data", language="en", url="https://example.org/r")
    assert source_rows([german], "fr")[0]["Langue"] == "Allemand"
    assert source_rows([english], "de")[0]["Sprache"] == "Englisch"
    assert source_rows([german], "en")[0]["Language"] == "German"
    assert "Lien" not in source_rows([german], "fr")[0]  # none has a link: no column of blanks
    assert [r["Lien"] for r in source_rows([german, english], "fr")] == ["", "https://example.org/r"]
