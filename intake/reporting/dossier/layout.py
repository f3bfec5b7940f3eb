"""How the jury's dossier looks: A4 with printable margins, the styles of its texts, and
its three kinds of table (facts in two columns, the grey box of hints, a list).

Every text handed to these functions is markup already made literal
(:func:`intake.reporting.pdf.markup`); the tables cut nothing themselves, so a caller keeps
each cell short enough for a row to fit on a page.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from intake.reporting.dossier.pdf import fonts, markup

MARGIN = 20 * mm
TOP = 22 * mm
BOTTOM = 22 * mm
WIDTH = A4[0] - 2 * MARGIN
HEADER = A4[1] - 13 * mm
FOOTER = 11 * mm
FOOTER_LINE = 15 * mm
LABEL_WIDTH = 42 * mm


@dataclass(frozen=True, slots=True)
class Look:
    """The styles of the dossier's texts and the colours of its lines and boxes."""

    body: ParagraphStyle
    note: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_item: ParagraphStyle
    contents: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    hint: ParagraphStyle
    hint_title: ParagraphStyle
    quote: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    ink: Any
    muted: Any
    rule: Any
    accent: Any
    shade: Any


@dataclass(frozen=True, slots=True)
class Hint:
    """A line in the box of hints, with the sentences quoted under it (markup)."""

    text: str
    quotes: tuple[str, ...]


@functools.cache
def look() -> Look:
    face = fonts()
    ink = colors.HexColor("#1b1b1b")
    muted = colors.HexColor("#5a5a5a")
    accent = colors.HexColor("#1f3f66")

    def style(name: str, size: float, leading: float, **options: Any) -> ParagraphStyle:
        options.setdefault("fontName", face.regular)
        options.setdefault("textColor", ink)
        return ParagraphStyle(name, fontSize=size, leading=leading, **options)

    return Look(
        body=style("body", 10, 14, spaceAfter=6),
        note=style("note", 9.5, 13.5, textColor=muted, spaceAfter=5),
        heading=style("heading", 16, 20, fontName=face.bold, textColor=accent, spaceAfter=3 * mm),
        subheading=style(
            "subheading",
            12,
            15,
            fontName=face.bold,
            textColor=accent,
            spaceBefore=4 * mm,
            spaceAfter=2.5 * mm,
            keepWithNext=1,
        ),
        cover_title=style("cover-title", 26, 32, fontName=face.bold, textColor=accent),
        cover_subtitle=style("cover-subtitle", 18, 24, textColor=muted, spaceBefore=3 * mm),
        cover_item=style("cover-item", 10.5, 15, leftIndent=6 * mm, firstLineIndent=-5 * mm),
        contents=style("contents", 10.5, 16),
        label=style("label", 8.5, 11.5, fontName=face.bold, textColor=muted),
        value=style("value", 9, 11.5),
        hint=style("hint", 9, 12),
        hint_title=style("hint-title", 10.5, 13.5, fontName=face.bold, textColor=accent),
        quote=style(
            "quote",
            8.5,
            11,
            fontName=face.italic,
            textColor=muted,
            leftIndent=5 * mm,
            spaceBefore=1.5,
        ),
        cell=style("cell", 8.5, 11),
        cell_head=style("cell-head", 8.5, 11, fontName=face.bold, textColor=muted),
        ink=ink,
        muted=muted,
        rule=colors.HexColor("#c8c8c8"),
        accent=accent,
        shade=colors.HexColor("#efefef"),
    )


def table_style(commands: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    """A table's style on the embedded fonts (a table's own default is Helvetica, which
    it names on the page even when every cell holds a paragraph)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts().regular, 9), *commands])


def contents_style() -> TableStyle:
    """The style of the table of contents' table."""
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )


def facts_table(rows: Sequence[tuple[str, str]], look: Look) -> Table:
    """Label and value side by side, a thin line between the facts; ``rows`` hold the
    label as plain text and the value as markup."""
    data = [
        [Paragraph(markup(label), look.label), Paragraph(value, look.value)]
        for label, value in rows
    ]
    table = Table(data, colWidths=[LABEL_WIDTH, WIDTH - LABEL_WIDTH], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, look.rule),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
            ]
        )
    )
    return table


def hints_box(title: str, hints: Sequence[Hint], look: Look) -> Table:
    """The program's hints in a grey box under its title (plain text), which says they
    are no judgement; it may break between two hints."""
    data: list[list[Any]] = [[Paragraph(markup(title), look.hint_title)]]
    for hint in hints:
        data.append(
            [
                [
                    Paragraph(hint.text, look.hint),
                    *(Paragraph(f"“{quote}”", look.quote) for quote in hint.quotes),
                ]
            ]
        )
    table = Table(data, colWidths=[WIDTH], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), look.shade),
                ("BOX", (0, 0), (-1, -1), 0.6, look.rule),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, look.rule),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 2 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
            ]
        )
    )
    return table


LIST_WIDTHS = (24 * mm, 34 * mm, 46 * mm, 38 * mm, WIDTH - 142 * mm)


def list_table(header: Sequence[str], rows: Sequence[Sequence[str]], look: Look) -> Table:
    """A list under a header row repeated on every page; header and cells plain text,
    each cut short."""
    data = [[Paragraph(markup(text), look.cell_head) for text in header]]
    data += [[Paragraph(markup(text, 240), look.cell) for text in row] for row in rows]
    table = Table(data, colWidths=list(LIST_WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, look.muted),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, look.rule),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table
