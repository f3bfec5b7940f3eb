"""PDF documents: text, page count and first page size, with pdfminer.six.

Every page is counted (walking the page tree is cheap: no content is parsed), but text is
laid out and extracted from at most ``limits.max_pages`` of them.  Text comes from
pdfminer's layout analysis: each text box becomes a paragraph, paragraphs and pages are
separated by a blank line.

What cannot be read becomes a problem on the result, never an exception:

- a password is needed (the empty user password is tried first): ``encrypted``, with the
  page count and size where the unencrypted page tree still gives them;
- pages carry images but (almost) no text: ``image-only`` (a scan a person must read);
- no text and no images: ``empty``;
- unreadable structure: ``corrupt``.  A damaged cross-reference table is not a problem in
  itself: pdfminer then finds the objects by scanning the file, and what it reads counts.
"""

from __future__ import annotations

import copy
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LAParams,
    LTChar,
    LTContainer,
    LTImage,
    LTItem,
    LTPage,
    LTTextContainer,
)
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFNoValidXRef
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException

from parsers.model import Extracted, Limits, PageSize, PagesSource, Problem, ProblemCode

MM_PER_POINT = 25.4 / 72
SCAN_PAGE_MAX_CHARS = 40
"""A page with an image and fewer visible characters than this is a picture of a page."""
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
"""What pdfminer writes for a glyph its font gives no Unicode for."""
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
"""Typographic ligatures (U+FB00-FB06) as letters, so that words can be found in the text."""
_HEADER_SEARCH = 1024
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_LAYOUT = LAParams(all_texts=True)
"""Default layout analysis, also inside form XObjects (some writers put whole pages there)."""

PDFMINER_ERRORS = (
    PSException,  # every pdfminer PDF and PostScript error derives from it
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    ZeroDivisionError,
    OverflowError,
    RecursionError,
    EOFError,
)
"""What pdfminer is known to raise on malformed input besides its own errors."""


@dataclass(frozen=True, slots=True)
class _PageText:
    text: str
    images: int
    unmapped: int

    @property
    def chars(self) -> int:
        return sum(not c.isspace() for c in self.text)

    @property
    def is_scan(self) -> bool:
        return self.images > 0 and self.chars < SCAN_PAGE_MAX_CHARS


@dataclass(frozen=True, slots=True)
class _PageList:
    first: tuple[PDFPage, ...]
    """The pages text is read from (at most ``limits.max_pages``)."""
    total: int
    problem: Problem | None = None


class _Document(PDFDocument):
    """A PDFDocument that stays open when the empty password fails, for its page tree.

    Only strings and streams are encrypted; the page tree's dictionaries (page count, page
    size) can still be read unless the writer packed them into (encrypted) object streams.
    """

    locked: Problem | None = None
    scan = False
    """Ignore the cross-reference table: find the objects by scanning the file."""

    def find_xref(self, parser: PDFParser) -> int:
        if self.scan:
            raise PDFNoValidXRef("cross-reference table ignored: scanning for objects")
        return super().find_xref(parser)

    def _initialize_password(self, password: str = "") -> None:
        try:
            super()._initialize_password(password)
        except PDFEncryptionError as exc:  # PDFPasswordIncorrect is one
            self.locked = Problem(ProblemCode.ENCRYPTED, _detail("needs a password", exc))
            self.decipher = None


class _ScannedDocument(_Document):
    scan = True


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read a PDF document."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    try:
        return _extract(data, limits)
    except PDFMINER_ERRORS as exc:
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, _detail("unreadable", exc)),))
    except MemoryError:
        return Extracted(problems=(Problem(ProblemCode.OUT_OF_MEMORY, "while reading the PDF"),))
    except Exception as exc:  # noqa: BLE001 - pdfminer is not hardened against hostile
        # input; any failure of it must become a recorded problem, never lose the document.
        detail = _detail("pdfminer failed", exc)
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, detail),))


def _extract(data: bytes, limits: Limits) -> Extracted:
    document, pages = _open(_from_header(data), limits.max_pages)
    count, source, size = _page_facts(pages)
    if document.locked is not None:
        found = tuple(p for p in (document.locked, pages.problem) if p is not None)
        return Extracted(pages=count, pages_source=source, page_size=size, problems=found)
    read, broken = _read_pages(pages.first)
    text = "\n\n".join(page.text for page in read if page.text)
    image_only = _is_image_only(read)
    problems = [p for p in (pages.problem, broken) if p is not None]
    if pages.total > len(pages.first):
        detail = f"{pages.total} pages; text read from the first {len(pages.first)}"
        problems.append(Problem(ProblemCode.TOO_MANY_PAGES, detail))
    problems.extend(_content_problems(read, text, image_only))
    return Extracted(
        text=text,
        pages=count,
        pages_source=source,
        page_size=size,
        image_only=image_only,
        problems=tuple(problems),
    )


def _open(data: bytes, max_pages: int) -> tuple[_Document, _PageList]:
    """The document and its pages.  Where the cross-reference table leads to no pages (wrong
    offsets, a damaged table) the objects are found by scanning the file instead."""
    try:
        document = _Document(PDFParser(io.BytesIO(data)))
        pages = _list_pages(document, max_pages)
    except PDFMINER_ERRORS:
        pass  # the scan below is the second try; if it fails too, its error is reported
    else:
        if pages.total or document.locked is not None:
            return document, pages
    scanned = _ScannedDocument(PDFParser(io.BytesIO(data)))
    return scanned, _list_pages(scanned, max_pages)


def _from_header(data: bytes) -> bytes:
    """The file from its ``%PDF-`` header on: readers accept junk before it (a BOM, bytes
    a mail gateway added), and offsets in the file count from the header."""
    start = data.find(b"%PDF-", 0, _HEADER_SEARCH)
    return data[start:] if start > 0 else data


def _list_pages(document: PDFDocument, max_pages: int) -> _PageList:
    """Every page counted, the first ``max_pages`` kept; a broken page tree stops the count."""
    first: list[PDFPage] = []
    total = 0
    try:
        for page in PDFPage.create_pages(document):
            if total < max_pages:
                first.append(page)
            total += 1
    except PDFMINER_ERRORS as exc:
        problem = Problem(ProblemCode.CORRUPT, _detail(f"page tree broken after {total}", exc))
        return _PageList(tuple(first), total, problem)
    return _PageList(tuple(first), total)


def _page_facts(pages: _PageList) -> tuple[int | None, PagesSource | None, PageSize | None]:
    if pages.total == 0:
        return None, None, None
    size = page_size(pages.first[0]) if pages.first else None
    return pages.total, PagesSource.COUNTED, size


def page_size(page: PDFPage) -> PageSize | None:
    """The visible size of ``page`` (its CropBox, which defaults to the MediaBox), as shown.

    ``None`` when the page declares no MediaBox (pdfminer would silently assume Letter).
    """
    if "MediaBox" not in page.attrs:
        return None
    x0, y0, x1, y1 = page.cropbox
    unit = resolve1(page.attrs.get("UserUnit", 1))
    scale = MM_PER_POINT * (float(unit) if isinstance(unit, int | float) and unit > 0 else 1.0)
    width, height = abs(x1 - x0) * scale, abs(y1 - y0) * scale
    if width <= 0 or height <= 0:
        return None
    if page.rotate % 180 == 90:
        width, height = height, width
    return PageSize(round(width, 1), round(height, 1))


def _read_pages(pages: tuple[PDFPage, ...]) -> tuple[list[_PageText], Problem | None]:
    """The text of each page; a page pdfminer fails on is left empty, and the first such
    failure is the problem returned."""
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=_LAYOUT)
    interpreter = PDFPageInterpreter(resources, device)
    glyphs = PDFPageAggregator(resources, laparams=None)
    glyph_reader = PDFPageInterpreter(resources, glyphs)
    read: list[_PageText] = []
    failures: list[int] = []
    first_failure: BaseException | None = None
    for number, page in enumerate(pages, 1):
        try:
            interpreter.process_page(_upright(page, glyph_reader, glyphs) if page.rotate else page)
            read.append(_page_text(device.get_result()))
        except PDFMINER_ERRORS as exc:
            read.append(_PageText("", 0, 0))
            failures.append(number)
            first_failure = first_failure or exc
    if first_failure is None:
        return read, None
    listed = ", ".join(str(n) for n in failures[:20])
    return read, Problem(
        ProblemCode.CORRUPT, _detail(f"page(s) {listed} unreadable", first_failure)
    )


def _upright(page: PDFPage, reader: PDFPageInterpreter, glyphs: PDFPageAggregator) -> PDFPage:
    """A copy of a page with ``/Rotate`` turned so that its text reads left to right.

    ``/Rotate`` says how to show a page, not which way its text runs: a page turned in a
    viewer has upright text and a ``/Rotate``; a landscape page may have text drawn turned
    and a ``/Rotate`` that turns it back.  Laid out the wrong way, every letter would be a
    line of its own.  So the text's own direction decides (the glyphs are read without
    layout analysis, which is cheap), falling back to ``/Rotate`` for pages without text.
    """
    unturned = copy.copy(page)
    unturned.rotate = 0
    reader.process_page(unturned)
    angle = _text_angle(glyphs.get_result())
    if angle is None:
        return page
    unturned.rotate = angle
    return unturned


def _text_angle(layout: Iterable[LTItem]) -> int | None:
    """The direction most glyphs' baselines run (0, 90, 180 or 270 degrees), if any."""
    angles = Counter(
        round(math.degrees(math.atan2(glyph.matrix[1], glyph.matrix[0])) / 90) % 4 * 90
        for glyph in _glyphs(layout)
    )
    return angles.most_common(1)[0][0] if angles else None


def _glyphs(container: Iterable[LTItem]) -> Iterator[LTChar]:
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from _glyphs(item)


def _page_text(layout: LTPage) -> _PageText:
    boxes: list[str] = []
    images = unmapped = 0
    for item in _text_and_images(layout):
        if isinstance(item, LTImage):
            images += 1
            continue
        raw = item.get_text() if isinstance(item, LTTextContainer) else ""
        unmapped += len(_UNMAPPED_GLYPH.findall(raw))
        box = _TRAILING_SPACE.sub("\n", _UNMAPPED_GLYPH.sub("", raw)).strip().translate(_LIGATURES)
        if box:
            boxes.append(box)
    return _PageText("\n\n".join(boxes), images, unmapped)


def _text_and_images(container: Iterable[LTItem]) -> Iterator[LTItem]:
    """Text boxes (and lines outside boxes) and images, in layout order, figures opened."""
    for item in container:
        if isinstance(item, LTTextContainer | LTImage):
            yield item
        elif isinstance(item, LTContainer):
            yield from _text_and_images(item)


def _is_image_only(read: list[_PageText]) -> bool:
    """Some page is a picture of a page and no page has real text."""
    return any(page.is_scan for page in read) and all(
        page.chars < SCAN_PAGE_MAX_CHARS for page in read
    )


def _content_problems(read: list[_PageText], text: str, image_only: bool) -> list[Problem]:
    problems: list[Problem] = []
    scans = [number for number, page in enumerate(read, 1) if page.is_scan]
    if image_only:
        detail = f"{len(scans)} page(s) of images without a text layer (a scan?)"
        problems.append(Problem(ProblemCode.IMAGE_ONLY, detail))
    elif scans:
        listed = ", ".join(str(n) for n in scans[:20])
        detail = f"page(s) {listed}: images without a text layer, the rest has text"
        problems.append(Problem(ProblemCode.IMAGE_ONLY, detail))
    elif not text:
        problems.append(Problem(ProblemCode.EMPTY, "no text and no images on the pages read"))
    unmapped = sum(page.unmapped for page in read)
    if unmapped:
        detail = f"{unmapped} glyph(s) without a Unicode mapping were left out"
        problems.append(Problem(ProblemCode.CHARSET, detail))
    return problems


def _detail(what: str, exc: BaseException) -> str:
    message = str(exc).strip()
    described = f"{what}: {type(exc).__name__}" + (f": {message}" if message else "")
    return described[:200]
