"""The PDF document the dossier is set in: A4 pages with printable margins, a footer on
every page (the call's name, "pagina 3 van 12") and the heading of the section at the top;
headings that become bookmarks, entries of the PDF's outline and lines of the contents.

reportlab lays the document out in passes (:meth:`BaseDocTemplate.multiBuild`): the
contents need the pages of the headings, the footer the number of pages, both known
after a pass; it stops when a pass says what the last one found.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import IndexingFlowable

from intake.language import Language
from intake.reporting.dossier.layout import BOTTOM, FOOTER, FOOTER_LINE, HEADER, MARGIN, TOP, Look
from intake.reporting.dossier.pdf import cut, fitted, fonts, markup, settable


class Heading(Paragraph):  # type: ignore[misc]
    """A section's heading: a bookmark and an entry in the outline, and (``listed``) a
    line in the contents and the heading at the top of the section's pages."""

    def __init__(self, text: str, look: Look, *, key: str, listed: bool = True):
        super().__init__(markup(text, 300), look.heading)
        self.key = key
        self.title = cut(" ".join(settable(text).split()), 200)
        self.listed = listed


class PageTotal(IndexingFlowable):  # type: ignore[misc]
    """Not drawn: the pages one pass made, so that the next can say "of 12"; satisfied
    when the pages said are the pages made."""

    def __init__(self) -> None:
        super().__init__()
        self.known: int | None = None
        self.said: int | None = None
        self.made: int | None = None

    def beforeBuild(self) -> None:
        self.known = self.made

    def afterBuild(self) -> None:
        pass

    def isSatisfied(self) -> bool:
        return self.said is not None and self.said == self.made

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class Document(BaseDocTemplate):  # type: ignore[misc]
    """A4 pages of one frame within the margins, furnished with the footer and the heading
    of the section; ``name`` (the call's) is in the footer, ``title`` in the PDF's
    properties."""

    def __init__(self, target: io.BytesIO, *, title: str, name: str, lang: Language, look: Look):
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=settable(title),
            subject=settable(name),
            author="intake",
            creator="intake",
            lang=lang.code,
            initialFontName=fonts().regular,
            initialFontSize=10,
            initialLeading=12,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="text",
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._furnish)])
        self.call_name = name
        self.language = lang
        self.look = look
        self.total = PageTotal()
        self.running = ""
        self.pages = 0

    def beforeDocument(self) -> None:
        self.running = ""
        self.pages = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=0)
            if flowable.listed:
                self.notify("TOCEntry", (0, flowable.text, self.page, flowable.key))
            self.running = flowable.title if flowable.listed else ""

    def _furnish(self, canvas: Any, doc: BaseDocTemplate) -> None:
        """The footer (the call's name, the page of how many) and the section's heading."""
        lang, look = self.language, self.look
        self.pages = doc.page
        self.total.made = doc.page
        self.total.said = self.total.known
        if self.total.known is None:
            number = lang._("page {page}", page=lang.number(doc.page))
        else:
            number = lang._(
                "page {page} of {total}",
                page=lang.number(doc.page),
                total=lang.number(self.total.known),
            )
        left, right = self.leftMargin, self.leftMargin + self.width
        canvas.saveState()
        canvas.setStrokeColor(look.rule)
        canvas.setLineWidth(0.5)
        canvas.line(left, FOOTER_LINE, right, FOOTER_LINE)
        canvas.setFillColor(look.muted)
        canvas.setFont(fonts().regular, 8)
        canvas.drawRightString(right, FOOTER, number)
        room = self.width - canvas.stringWidth(number, fonts().regular, 8) - 8 * mm
        canvas.drawString(left, FOOTER, fitted(self.call_name, fonts().regular, 8, room))
        if self.running:
            header = fitted(self.running, fonts().regular, 8, self.width)
            canvas.drawRightString(right, HEADER, header)
        canvas.restoreState()
