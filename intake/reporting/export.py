"""``intake export``: every filed message, for a coordinator's own tools.

Three formats, one row or object per filed message, of every kind:

- ``xlsx``: a workbook with one sheet, a column per fact, moments as real dates and
  times (the wall time in the call's time zone), a frozen header row and a filter;
- ``csv``: the same columns, moments in ISO 8601 with their UTC offset; UTF-8 with a
  byte order mark, so that Excel reads the accents, and separated by ``;`` in Dutch
  (what Excel expects where the decimal separator is a comma) and by ``,`` in English;
- ``json``: an array of the objects ``intake list --json`` prints.

What came in a mail stays data: see :mod:`intake.reporting.spreadsheet`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from intake.config import CampaignSettings
from intake.language import Language
from intake.presenting.json_view import message_json
from intake.presenting.nominations import Nomination
from intake.presenting.terminal import safe_json
from intake.presenting.texts import (
    kind_text,
    review_text,
    source_text,
    standing_text,
    status_text,
    verdict_text,
)
from intake.reporting import EXPORT_FORMATS
from intake.reporting.files import save_atomically
from intake.reporting.spreadsheet import (
    HEADER_ALIGNMENT,
    HEADER_FONT,
    WRAP,
    Value,
    csv_text,
    print_landscape_a4,
    problem_sentences,
    put_value,
)

FORMATS = EXPORT_FORMATS
BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What was written: the file, its format and how many messages it holds."""

    path: Path
    format: str
    count: int


def format_of(name: str) -> str | None:
    """The format a file name's extension names (``berichten.CSV``: csv), if any."""
    suffix = Path(name).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def csv_separator(lang: Language) -> str:
    """``;`` for Dutch readers (their Excel separates a list by it), else ``,``."""
    return ";" if lang.code == "nl" else ","


def write_export(
    path: Path,
    form: str,
    items: Sequence[Nomination],
    campaign: CampaignSettings,
    lang: Language,
    *,
    made_at: datetime,
) -> ExportReport:
    """Write ``items`` to ``path`` in format ``form``, replacing a file that is there,
    whole or not at all.  Raises :class:`~intake.errors.OperationalError` when it cannot."""
    data = render(form, items, campaign, lang, made_at=made_at)
    save_atomically(path, lambda handle: handle.write(data))
    return ExportReport(path, form, len(items))


def render(
    form: str,
    items: Sequence[Nomination],
    campaign: CampaignSettings,
    lang: Language,
    *,
    made_at: datetime,
    bom: bool = True,
) -> bytes:
    """The bytes of the export; ``bom``: a CSV file starts with a byte order mark."""
    if form == "json":
        rows = [message_json(item, campaign, lang) for item in items]
        return (safe_json(rows) + "\n").encode("utf-8")
    headers, rows_of_values = table(items, campaign, lang)
    if form == "csv":
        return csv_bytes(headers, rows_of_values, lang, bom=bom)
    if form == "xlsx":
        return xlsx_bytes(headers, rows_of_values, campaign, lang, made_at=made_at)
    raise ValueError(f"unknown export format {form!r}")


# --- the table ------------------------------------------------------------------------

Column = tuple[str, Callable[[Nomination], Value], float]
"""A column: its header, its value for a message, and its width in a workbook."""


def table(
    items: Sequence[Nomination], campaign: CampaignSettings, lang: Language
) -> tuple[list[str], list[list[Value]]]:
    """The header and the rows, one per message, in filing order."""
    columns = _columns(campaign, lang)
    return [header for header, _, _ in columns], [
        [value(item) for _, value, _ in columns] for item in items
    ]


def _columns(campaign: CampaignSettings, lang: Language) -> list[Column]:
    def yes_no(value: bool | None) -> str | None:
        if value is None:
            return None
        return lang._("yes") if value else lang._("no")

    def sender(field: str) -> Callable[[Nomination], Value]:
        return lambda item: getattr(item.sender, field) if item.sender else None

    def criterion(index: str) -> Callable[[Nomination], Value]:
        def met(item: Nomination) -> Value:
            found = next((c for c in item.criteria if c.id == index), None)
            return yes_no(found.met) if found else None

        return met

    def late_by(item: Nomination) -> Value:
        late = item.timeliness.late_by_seconds
        return lang.duration(late) if late else None

    def review(field: str) -> Callable[[Nomination], Value]:
        def told(item: Nomination) -> Value:
            if item.review is None:
                return None
            value: Value = getattr(item.review, field)
            return review_text(lang, item.review.status) if field == "status" else value

        return told

    return [
        (lang._("Reference"), lambda item: item.ref, 11),
        (lang._("Kind"), lambda item: kind_text(lang, item.kind) if item.kind else None, 16),
        (lang._("Received"), lambda item: item.timeliness.received_at, 16),
        (
            lang._("Receipt time from"),
            lambda item: (
                source_text(lang, item.timeliness.source) if item.timeliness.source else None
            ),
            24,
        ),
        (lang._("On time"), lambda item: yes_no(item.timeliness.on_time), 8),
        (lang._("Late by (seconds)"), lambda item: item.timeliness.late_by_seconds, 10),
        (lang._("Late by"), late_by, 16),
        (lang._("Timeliness"), lambda item: verdict_text(lang, item.timeliness), 20),
        (
            lang._("Standing"),
            lambda item: status_text(lang, item.standing.status) or None,
            12,
        ),
        (
            lang._("Why it stands so"),
            lambda item: standing_text(lang, item.standing.reason, item.standing.reason_ref),
            34,
        ),
        (
            lang._("Nominated municipality"),
            lambda item: "; ".join(n.name for n in item.nominees) or None,
            24,
        ),
        (
            lang._("CBS code"),
            lambda item: "; ".join(n.code for n in item.nominees) or None,
            10,
        ),
        (lang._("Sender's address"), sender("address"), 28),
        (lang._("Sender's name"), sender("name"), 22),
        (lang._("Sender's organisation"), sender("organisation"), 28),
        (lang._("Sender's municipality"), sender("municipality_name"), 18),
        (lang._("Sender's CBS code"), sender("municipality_code"), 10),
        (
            lang._("Sender verified"),
            lambda item: yes_no(item.sender.authenticated) if item.sender else None,
            10,
        ),
        (lang._("Pages"), lambda item: item.length.pages if item.length else None, 8),
        (
            lang._("Paper size"),
            lambda item: (
                item.length.page_size.name if item.length and item.length.page_size else None
            ),
            10,
        ),
        (
            lang._("Within the page limit"),
            lambda item: yes_no(item.length.ok) if item.length else None,
            10,
        ),
        *(
            (lang._("Criterion: {title}", title=c.title), criterion(c.id), 16)
            for c in campaign.criteria
        ),
        (
            lang._("Problem codes"),
            lambda item: ", ".join(p.code for p in item.problems) or None,
            20,
        ),
        (lang._("Problems"), lambda item: _problems(item, lang), 48),
        (lang._("Review"), review("status"), 14),
        (lang._("Review note"), review("note"), 30),
        (lang._("Reviewed by"), review("by"), 14),
        (lang._("Reviewed at"), review("at"), 16),
        (lang._("Concerns"), lambda item: item.concerns, 11),
        (
            lang._("Correspondence"),
            lambda item: ", ".join(item.correspondence) or None,
            14,
        ),
        (lang._("Subject"), lambda item: item.subject, 40),
    ]


def _problems(item: Nomination, lang: Language) -> str | None:
    return "\n".join(problem_sentences(item, lang)) or None


# --- the formats ----------------------------------------------------------------------


def csv_bytes(
    headers: list[str], rows: list[list[Value]], lang: Language, *, bom: bool = True
) -> bytes:
    """The table as CSV: moments in ISO 8601 with their offset, text defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_separator(lang), lineterminator="\r\n")
    writer.writerow([csv_text(header) for header in headers])
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return ((BOM if bom else "") + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int):
        return value
    return csv_text(value)


def xlsx_bytes(
    headers: list[str],
    rows: list[list[Value]],
    campaign: CampaignSettings,
    lang: Language,
    *,
    made_at: datetime,
) -> bytes:
    """The table as a workbook of one sheet."""
    widths = [width for _, _, width in _columns(campaign, lang)]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = lang._("Messages")
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=column)
        put_value(cell, header, campaign.timezone, lang)
        cell.font = HEADER_FONT
        cell.alignment = HEADER_ALIGNMENT
        sheet.column_dimensions[get_column_letter(column)].width = width
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            put_value(cell, value, campaign.timezone, lang)
            cell.alignment = WRAP
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    print_landscape_a4(
        sheet,
        title=campaign.name,
        made=lang._("made {moment}", moment=lang.datetime(made_at)),
        page=lang._("page &P of &N"),
    )
    workbook.properties.title = lang._("Messages: {call}", call=campaign.name)
    workbook.properties.creator = "intake"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
