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


def test_numbers_are_right_aligned_and_empty_rows_draw_nothing():
    html = table_html([{"Name": "A", "Partners": 12, "Share": 0.5, "Flag": True, "Missing": None}])
    assert '<td class="num">12</td>' in html and '<td class="num">0.5</td>' in html
    assert "<td>True</td>" in html and "<td></td>" in html
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
