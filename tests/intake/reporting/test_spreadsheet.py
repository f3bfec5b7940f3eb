"""Cells that hold what came in a mail: text, whatever it looks like."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from intake.reporting.spreadsheet import MAX_CELL_CHARS, cell_text, csv_text, put_text


@pytest.mark.parametrize(
    "text",
    ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "#N/A", "#REF!", "=", "TRUE", "12"],
)
def test_text_that_looks_like_a_formula_a_value_or_an_error_stays_text(text):
    workbook = Workbook()
    put_text(workbook.active["A1"], text)
    buffer = io.BytesIO()
    workbook.save(buffer)
    cell = load_workbook(buffer).active["A1"]
    assert (cell.value, cell.data_type) == (text, "s")
    assert cell.quotePrefix == text.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_control_characters_are_left_out_and_long_text_is_cut():
    assert cell_text("a\x00b\x07c\x1b[2Jd\x7fe\x9bf\tg\nh") == "abc[2Jdef\tg\nh"
    long = cell_text("x" * (MAX_CELL_CHARS + 10))
    assert len(long) == MAX_CELL_CHARS and long.endswith("…")
    workbook = Workbook()
    put_text(workbook.active["A1"], '\x07=HYPERLINK("http://evil")')
    assert workbook.active["A1"].value == '=HYPERLINK("http://evil")'
    assert workbook.active["A1"].data_type == "s"
    put_text(workbook.active["A2"], "\x07")
    assert workbook.active["A2"].value is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2", "'-2"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\x07=1", "'=1"),
        ("Gemeente Ede", "Gemeente Ede"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ],
)
def test_a_csv_cell_that_would_be_a_formula_gets_a_quote(text, written):
    assert csv_text(text) == written
