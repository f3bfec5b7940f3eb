"""Cells that hold what came in a mail, and files written whole.

A subject, a name or a quoted sentence is data, whatever it looks like.  In an ``.xlsx``
cell it is always a plain string: text starting with ``=`` never becomes a formula, nor
``#N/A`` an error value, and a cell that starts like a formula carries Excel's quote
prefix, so that editing it keeps it text.  Control characters XML cannot hold, DEL and
the C1 controls are left out, and text is cut to what a cell can hold.  In a CSV file,
where every cell is typed by the program that opens it, a cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (the defence OWASP
describes against CSV injection), and the same control characters are left out.

"""

from __future__ import annotations

import logging
import re
from datetime import datetime, tzinfo

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from intake.language import Language
from intake.presenting.nominations import Nomination
from intake.presenting.texts import problem_text

log = logging.getLogger(__name__)

FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")
"""What a cell starts with when a spreadsheet program would read it as a formula."""
MAX_CELL_CHARS = 32_767
"""The most characters an Excel cell holds."""
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters an XML 1.0 document cannot hold (openpyxl refuses them), and DEL
and the C1 controls, which mean nothing in text and can steer a terminal."""

DATE_FORMATS = {"nl": "d-m-yyyy hh:mm", "en": "yyyy-mm-dd hh:mm"}
"""How a moment shows in a cell, by language."""

Value = str | int | datetime | None
"""What one cell of a table holds."""

HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
GREY_FILL = PatternFill("solid", start_color="F2F2F2")
GREY_HEADER_FILL = PatternFill("solid", start_color="D9D9D9")
GREY_FONT = Font(italic=True, color="595959")
GREY_HEADER_FONT = Font(bold=True, italic=True, color="595959")


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: without control characters (see
    :data:`_CONTROLS`), and cut (with "…") to the most a cell holds."""
    cleaned = _CONTROLS.sub("", text)
    if len(cleaned) > MAX_CELL_CHARS:
        cleaned = cleaned[: MAX_CELL_CHARS - 1] + "…"
    return cleaned


def put_text(cell: Cell, text: str | None) -> None:
    """Write ``text`` into ``cell`` as a plain string, never a formula or an error value."""
    value = cell_text(text or "")
    if not value:
        cell.value = None
        return
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_SIGNS):
        cell.quotePrefix = True


def put_value(cell: Cell, value: Value, zone: tzinfo, lang: Language) -> None:
    """Write a table's value: a moment as a real date and time (the wall time in
    ``zone``), a number as a number, text as :func:`put_text` does."""
    if isinstance(value, datetime):
        cell.value = value.astimezone(zone).replace(tzinfo=None)
        cell.number_format = DATE_FORMATS.get(lang.code, DATE_FORMATS["en"])
    elif isinstance(value, int):
        cell.value = value
    else:
        put_text(cell, value)


def csv_text(text: str) -> str:
    """``text`` for a CSV cell: a leading ``'`` when a spreadsheet would read a formula."""
    cleaned = _CONTROLS.sub("", text)
    return "'" + cleaned if cleaned.startswith(FORMULA_SIGNS) else cleaned


def quoted(text: str) -> str:
    """``text`` as a string inside a formula (``"ja"``)."""
    return '"' + text.replace('"', '""') + '"'


def header_footer_text(text: str) -> str:
    """``text`` for a printed page's header or footer, where ``&`` starts a code."""
    return cell_text(text).replace("&", "&&")


def print_landscape_a4(
    sheet: Worksheet, *, title: str, made: str, page: str, title_rows: str | None = "1:1"
) -> None:
    """Landscape A4, as wide as the page, the header row (``title_rows``) on every page,
    the call's name and the moment it was made above, the page number below."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddHeader.left.text = header_footer_text(title)
    sheet.oddHeader.right.text = header_footer_text(made)
    sheet.oddFooter.center.text = page


def problem_sentences(item: Nomination, lang: Language) -> list[str]:
    """A message's problems in sentences, an attachment's named before its own."""
    sentences = []
    for problem in item.problems:
        sentence = problem_text(lang, problem.code, problem.detail, dict(problem.values))
        prefix = f"{problem.attachment}: " if problem.attachment else ""
        sentences.append(prefix + sentence)
    return sentences
