"""The jury's scoring sheet: an Excel workbook with a row per nomination that stands.

The rows are :func:`~intake.reporting.selection.current_nominations`: those that count,
in the jury's order, then those received late or at a time not known, which a column
says in words.  Each row starts with what identifies the nomination (reference,
nominated municipalities with their CBS codes, sender, receipt time, on time or late),
then a column per criterion of the call that the jury fills in with a yes/no list, a
formula counting the yeses, a formula saying whether that reaches the call's minimum,
and a column for the jury's remarks.  After those, greyed and labelled "Hint", come what
intake found: per criterion a sentence that shows it, the length and paper size, the
problems, a person's review and the standing.  A second sheet explains the columns and
gives the criteria in full.

The layout (one header row, the reference in column A, the criteria in the call's
order) is what a later round reads back, so it is the same every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from intake.config import CampaignSettings
from intake.judging.criteria import Criterion
from intake.language import Language
from intake.presenting.nominations import Nomination
from intake.presenting.page import length_text
from intake.presenting.texts import review_text, standing_text, verdict_text
from intake.reporting.files import save_atomically
from intake.reporting.selection import current_nominations
from intake.reporting.spreadsheet import (
    GREY_FILL,
    GREY_FONT,
    GREY_HEADER_FILL,
    GREY_HEADER_FONT,
    HEADER_ALIGNMENT,
    HEADER_FONT,
    WRAP,
    print_landscape_a4,
    problem_sentences,
    put_text,
    put_value,
    quoted,
)

FACTS_FILL = PatternFill("solid", start_color="DDEBF7")
JURY_HEADER_FILL = PatternFill("solid", start_color="FFE699")
JURY_FILL = PatternFill("solid", start_color="FFF2CC")
SUM_HEADER_FILL = PatternFill("solid", start_color="E2EFDA")
LATE_FILL = PatternFill("solid", start_color="F8CBAD")
LATE_FONT = Font(bold=True, color="9C0006")
QUOTE_CHARS = 300
"""A hint quotes at most this much of a sentence."""


@dataclass(frozen=True, slots=True)
class SheetReport:
    """What was written: the file, and the references of its rows in order."""

    path: Path
    rows: tuple[str, ...]


def write_scoring_sheet(
    path: Path,
    nominations: Sequence[Nomination],
    campaign: CampaignSettings,
    lang: Language,
    *,
    made_at: datetime,
) -> SheetReport:
    """Write the scoring sheet of ``nominations`` to ``path`` (replacing one there).

    Raises :class:`~intake.errors.OperationalError` when the file cannot be written.
    """
    rows = current_nominations(nominations)
    workbook = scoring_workbook(rows, campaign, lang, made_at=made_at)
    save_atomically(path, workbook.save)
    return SheetReport(path, tuple(item.ref for item in rows))


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each group of columns stands (1-based column numbers)."""

    criteria: int

    FACTS = 5
    """Reference, nominated, sender, received, on time."""
    HINTS_AFTER_CRITERIA = 4
    """Length, problems, review, standing."""

    @property
    def first_jury(self) -> int:
        return self.FACTS + 1

    @property
    def last_jury(self) -> int:
        return self.FACTS + self.criteria

    @property
    def count(self) -> int:
        return self.last_jury + 1

    @property
    def meets(self) -> int:
        return self.last_jury + 2

    @property
    def remarks(self) -> int:
        return self.last_jury + 3

    @property
    def first_hint(self) -> int:
        return self.remarks + 1

    @property
    def last(self) -> int:
        """The last column: the mail's subject."""
        return self.first_hint + self.criteria + self.HINTS_AFTER_CRITERIA

    def jury_range(self, row: int) -> str:
        return f"{get_column_letter(self.first_jury)}{row}:{get_column_letter(self.last_jury)}{row}"


def scoring_workbook(
    rows: Sequence[Nomination], campaign: CampaignSettings, lang: Language, *, made_at: datetime
) -> Workbook:
    """The workbook of ``rows``, in that order."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = lang._("Scoring sheet")
    layout = Layout(len(campaign.criteria))
    _header(sheet, layout, campaign, lang)
    for number, item in enumerate(rows, start=2):
        _row(sheet, number, item, layout, campaign, lang)
    last_row = len(rows) + 1
    if rows:
        _validation(sheet, layout, last_row, lang)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(layout.last)}{last_row}"
    print_landscape_a4(
        sheet,
        title=campaign.name,
        made=lang._("made {moment}", moment=lang.datetime(made_at)),
        page=lang._("page &P of &N"),
    )
    _explanation(workbook.create_sheet(lang._("Explanation")), campaign, lang, made_at)
    workbook.properties.title = lang._("Scoring sheet: {call}", call=campaign.name)
    workbook.properties.creator = "intake"
    return workbook


def _yes(lang: Language) -> str:
    return lang._("yes")


def _no(lang: Language) -> str:
    return lang._("no")


def _headers(campaign: CampaignSettings, lang: Language) -> list[str]:
    criteria = campaign.criteria
    return [
        lang._("Reference"),
        lang._("Nominated municipality"),
        lang._("Sender"),
        lang._("Received"),
        lang._("On time"),
        *(criterion.title for criterion in criteria),
        lang._("number {yes}", yes=_yes(lang)),
        lang._(
            "meets (≥ {minimum} of {total})", minimum=campaign.min_criteria, total=len(criteria)
        ),
        lang._("jury's remarks"),
        *(lang._("Hint: {criterion}", criterion=criterion.title) for criterion in criteria),
        lang._("Hint: pages and paper size"),
        lang._("Hint: problems"),
        lang._("Hint: review"),
        lang._("Hint: standing"),
        lang._("Hint: mail subject"),
    ]


def _widths(layout: Layout) -> list[float]:
    criteria = layout.criteria
    return [
        *(11, 26, 26, 16, 18),
        *(16,) * criteria,
        *(9, 12, 36),
        *(40,) * criteria,
        *(30, 40, 30, 34, 34),
    ]


def _header(sheet: Worksheet, layout: Layout, campaign: CampaignSettings, lang: Language) -> None:
    for column, (text, width) in enumerate(
        zip(_headers(campaign, lang), _widths(layout), strict=True), start=1
    ):
        cell = sheet.cell(row=1, column=column)
        put_text(cell, text)
        cell.alignment = HEADER_ALIGNMENT
        cell.font = HEADER_FONT
        cell.fill = FACTS_FILL
        if layout.first_jury <= column <= layout.last_jury or column == layout.remarks:
            cell.fill = JURY_HEADER_FILL
        elif column in (layout.count, layout.meets):
            cell.fill = SUM_HEADER_FILL
        elif column >= layout.first_hint:
            cell.fill = GREY_HEADER_FILL
            cell.font = GREY_HEADER_FONT
        sheet.column_dimensions[get_column_letter(column)].width = width
    for offset, criterion in enumerate(campaign.criteria):
        cell = sheet.cell(row=1, column=layout.first_jury + offset)
        cell.comment = _comment(criterion, lang)
    sheet.row_dimensions[1].height = 62


def _comment(criterion: Criterion, lang: Language) -> Comment:
    text = criterion.title
    if criterion.description:
        text = f"{text}\n\n{' '.join(criterion.description.split())}"
    text += "\n\n" + lang._("Fill in {yes} or {no}.", yes=_yes(lang), no=_no(lang))
    comment = Comment(text, "intake")
    comment.width = 320
    comment.height = 180
    return comment


def _row(
    sheet: Worksheet,
    number: int,
    item: Nomination,
    layout: Layout,
    campaign: CampaignSettings,
    lang: Language,
) -> None:
    put_text(sheet.cell(row=number, column=1), item.ref)
    put_text(sheet.cell(row=number, column=2), _nominated(item, lang))
    put_text(sheet.cell(row=number, column=3), _sender(item))
    received = sheet.cell(row=number, column=4)
    if item.timeliness.received_at is not None:
        put_value(received, item.timeliness.received_at, campaign.timezone, lang)
    else:
        put_text(received, lang._("unknown"))
    verdict = sheet.cell(row=number, column=5)
    put_text(verdict, verdict_text(lang, item.timeliness))
    if item.timeliness.on_time is not True:
        verdict.font = LATE_FONT
        verdict.fill = LATE_FILL
    for column in range(layout.first_jury, layout.last_jury + 1):
        sheet.cell(row=number, column=column).fill = JURY_FILL
    sheet.cell(row=number, column=layout.remarks).fill = JURY_FILL
    sheet.cell(row=number, column=layout.count).value = count_formula(layout, number, lang)
    sheet.cell(row=number, column=layout.meets).value = meets_formula(
        layout, number, campaign.min_criteria, lang
    )
    for offset, hint in enumerate(_hints(item, campaign, lang)):
        cell = sheet.cell(row=number, column=layout.first_hint + offset)
        put_text(cell, hint)
        cell.fill = GREY_FILL
        cell.font = GREY_FONT
    for column in range(1, layout.last + 1):
        sheet.cell(row=number, column=column).alignment = WRAP


def count_formula(layout: Layout, row: int, lang: Language) -> str:
    """How many of the row's criteria the jury said yes to."""
    return f"=COUNTIF({layout.jury_range(row)},{quoted(_yes(lang))})"


def meets_formula(layout: Layout, row: int, minimum: int, lang: Language) -> str:
    """Yes when that reaches ``minimum``, no when not; empty until the jury fills one in."""
    yes, no = quoted(_yes(lang)), quoted(_no(lang))
    count = f"{get_column_letter(layout.count)}{row}"
    return f'=IF(COUNTA({layout.jury_range(row)})=0,"",IF({count}>={minimum},{yes},{no}))'


def _nominated(item: Nomination, lang: Language) -> str:
    if not item.nominees:
        return lang._("no municipality recognised")
    return "\n".join(f"{nominee.name} ({nominee.code})" for nominee in item.nominees)


def _sender(item: Nomination) -> str:
    sender = item.sender
    if sender is None:
        return item.from_header or ""
    return sender.organisation or sender.name or sender.address or item.from_header or ""


def _hints(item: Nomination, campaign: CampaignSettings, lang: Language) -> list[str]:
    found = {result.id: result for result in item.criteria}
    hints = []
    for criterion in campaign.criteria:
        result = found.get(criterion.id)
        if result is None:
            hints.append(lang._("not assessed yet (intake reprocess --all assesses it)"))
        elif result.met and result.evidence:
            quote = _cut(result.evidence[0])
            hints.append(lang._("found: “{quote}”", quote=quote))
        elif result.met:
            hints.append(lang._("found"))
        else:
            hints.append(lang._("not found"))
    return [
        *hints,
        _length(item, lang),
        "\n".join(f"– {sentence}" for sentence in problem_sentences(item, lang)),
        _review(item, lang),
        _standing(item, lang),
        item.subject or "",
    ]


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _length(item: Nomination, lang: Language) -> str:
    text = length_text(item, lang)
    size = item.length.page_size if item.length else None
    return lang._("{length}; paper: {size}", length=text, size=size.name) if size else text


def _review(item: Nomination, lang: Language) -> str:
    review = item.review
    if review is None:
        return ""
    said = lang._(
        "{status} (by {by}, {moment})",
        status=review_text(lang, review.status),
        by=review.by,
        moment=lang.short_datetime(review.at),
    )
    return f"{said}\n{review.note}" if review.note else said


def _standing(item: Nomination, lang: Language) -> str:
    standing = item.standing
    lines = [standing_text(lang, standing.reason, standing.reason_ref) or ""]
    if item.correspondence:
        lines.append(lang._("Correspondence: {refs}", refs=", ".join(item.correspondence)))
    return "\n".join(line for line in lines if line)


def _validation(sheet: Worksheet, layout: Layout, last_row: int, lang: Language) -> None:
    yes, no = _yes(lang), _no(lang)
    validation = DataValidation(
        type="list",
        formula1=quoted(f"{yes},{no}"),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=lang._("Choose from the list"),
        error=lang._("Fill in {yes} or {no}.", yes=yes, no=no),
    )
    first = get_column_letter(layout.first_jury)
    last = get_column_letter(layout.last_jury)
    validation.add(f"{first}2:{last}{last_row}")
    sheet.add_data_validation(validation)


def _explanation(
    sheet: Worksheet, campaign: CampaignSettings, lang: Language, made_at: datetime
) -> None:
    total = len(campaign.criteria)
    yes, no = _yes(lang), _no(lang)
    lines: list[tuple[str, str]] = [
        (campaign.name, lang._("Scoring sheet, made {moment}", moment=lang.datetime(made_at))),
        (lang._("Deadline"), lang.datetime(campaign.deadline)),
        (
            lang._("Rows"),
            lang._(
                "One row per nomination that stands: the version that counts for its "
                "sender and municipality. First those received on time, by nominated "
                "municipality; then those received late or at a time not known, which do "
                "not count: the column “{column}” says so.",
                column=lang._("On time"),
            ),
        ),
        (
            lang._("To fill in"),
            lang._(
                "Per criterion {yes} or {no} (a list), and remarks. The column “{count}” "
                "counts the criteria met; “{meets}” says whether that reaches the minimum "
                "of the call: at least {minimum} of the {total} criteria.",
                yes=yes,
                no=no,
                count=lang._("number {yes}", yes=yes),
                meets=lang._(
                    "meets (≥ {minimum} of {total})", minimum=campaign.min_criteria, total=total
                ),
                minimum=campaign.min_criteria,
                total=total,
            ),
        ),
        (
            lang._("Hints"),
            lang._(
                "The grey columns are what intake found in the text: a sentence that shows "
                "a criterion, the length and paper size, problems in reading it, a "
                "person's review and the standing among the versions. They help reading; "
                "they never decide."
            ),
        ),
        ("", ""),
        (lang._("Criteria"), ""),
    ]
    lines += [
        (criterion.title, " ".join(criterion.description.split()))
        for criterion in campaign.criteria
    ]
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100
    for number, (label, text) in enumerate(lines, start=1):
        head = sheet.cell(row=number, column=1)
        put_text(head, label)
        head.font = HEADER_FONT
        head.alignment = WRAP
        body = sheet.cell(row=number, column=2)
        put_text(body, text)
        body.alignment = WRAP
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    print_landscape_a4(
        sheet,
        title=campaign.name,
        made=lang._("made {moment}", moment=lang.datetime(made_at)),
        page=lang._("page &P of &N"),
        title_rows=None,
    )
