"""Word documents (DOCX): text, recorded page count and page size, with python-docx.

python-docx opens the package and resolves its parts; the text is read from its XML tree
here, because python-docx's ``Paragraph.text`` leaves out tracked insertions, content
controls (the fields of most form templates), fields and text boxes.  Read, in document
order: body paragraphs and tables (one row a line, cells separated by `` | ``), text boxes
after the paragraph that anchors them, and each distinct header (first) and footer (last)
once, however many sections repeat it.  Deleted text, field codes, comments and footnotes
are left out.

A DOCX does not know its page count: pages exist only once a word processor lays them out.
The writer may record the count it saw in ``docProps/app.xml``; that count is used
(``recorded``) unless the same file's recorded word count shows the statistics are stale
(python-docx, for one, copies a template's ``<Pages>1</Pages>`` and ``<Words>0</Words>``
into every file it writes).  Otherwise ``pages`` is left ``None`` for the caller to
estimate from the words.

The package passes the zip-bomb and DTD guards of :mod:`parsers.documents.safezip` before
python-docx sees it.  A password-protected DOCX is an OLE file holding an
``EncryptedPackage`` stream: ``encrypted``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Protocol

from docx.document import Document
from docx.exceptions import PythonDocxError
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.opc.part import XmlPart
from docx.package import Package
from docx.parts.document import DocumentPart

from parsers.documents.safezip import open_zip, parse_xml, stored_copy
from parsers.documents.statistics import believable_pages
from parsers.model import Extracted, Limits, PageSize, PagesSource, Problem, ProblemCode

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_T, _TXBX, _SECTPR = _W + "t", _W + "txbxContent", _W + "sectPr"
_ALTERNATE, _CHOICE, _FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
_BLOCK_WRAPPERS = {_W + name for name in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
"""Elements around paragraphs, tables and rows whose content counts as if unwrapped."""
_INLINE_CHARACTERS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_INLINE_SKIPPED = {
    _W + name
    for name in ("del", "moveFrom", "pPr", "rPr", "drawing", "pict", "object", "instrText")
}
"""Deleted text, properties, and pictures (whose text boxes are read as blocks of their own)."""
_PICTURES = (_W + "drawing", _W + "pict")
_HEADER_REFERENCE, _FOOTER_REFERENCE = _W + "headerReference", _W + "footerReference"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
"""The stream name an encrypted OOXML file's OLE directory holds (names are UTF-16)."""

_PYTHON_DOCX_ERRORS = (
    PythonDocxError,
    OpcError,
    KeyError,  # a part or relationship the package names is missing
    ValueError,
    SyntaxError,  # lxml's XMLSyntaxError is one
    zipfile.BadZipFile,
)


class _Element(Protocol):
    """What is read off an lxml element of python-docx's tree."""

    @property
    def tag(self) -> object: ...  # a str, or a function for comments and processing instructions

    @property
    def text(self) -> str | None: ...

    def __iter__(self) -> Iterator[_Element]: ...

    def get(self, key: str) -> str | None: ...

    def iter(self, tag: str) -> Iterator[_Element]: ...


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read a Word document (DOCX)."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return _failed(Problem(ProblemCode.TOO_LARGE, detail))
    if data.startswith(_OLE_MAGIC):
        return _failed(_ole_problem(data))
    archive = open_zip(data, limits)
    if isinstance(archive, Problem):
        return _failed(archive)
    with archive:
        copy = stored_copy(archive)
    if isinstance(copy, Problem):
        return _failed(copy)
    try:
        return _read_package(copy)
    except _PYTHON_DOCX_ERRORS as exc:
        return _failed(Problem(ProblemCode.CORRUPT, _detail("not a readable DOCX", exc)))
    except Exception as exc:  # noqa: BLE001 - python-docx is not hardened against hostile
        # input; any failure of it must become a recorded problem, never lose the document.
        return _failed(Problem(ProblemCode.CORRUPT, _detail("python-docx failed", exc)))


def _ole_problem(data: bytes) -> Problem:
    if _ENCRYPTED_PACKAGE in data:
        return Problem(ProblemCode.ENCRYPTED, "password-protected (OLE EncryptedPackage)")
    return Problem(ProblemCode.UNSUPPORTED, "an OLE compound file (Word 97-2003?), not a DOCX")


def _read_package(copy: bytes) -> Extracted:
    package = Package.open(io.BytesIO(copy))
    part = package.main_document_part
    if not isinstance(part, DocumentPart) or part.content_type != CT.WML_DOCUMENT_MAIN:
        detail = f"not a Word document: the main part is {part.content_type[:100]}"
        return _failed(Problem(ProblemCode.UNSUPPORTED, detail))
    return _read_document(part.document, package)


def _read_document(document: Document, package: Package) -> Extracted:
    body: _Element | None = document.element.body
    body_blocks = list(_blocks(body)) if body is not None else []
    headers = _distinct(_margin_texts(document, body, _HEADER_REFERENCE))
    footers = _distinct(_margin_texts(document, body, _FOOTER_REFERENCE))
    text = "\n\n".join(block for block in (*headers, *body_blocks, *footers) if block)
    body_words = sum(len(block.split()) for block in body_blocks)
    pages = recorded_pages(_app_properties(package), body_words)
    pictures = _count_pictures(body) if body is not None else 0
    image_only = not text and pictures > 0
    return Extracted(
        text=text,
        pages=pages,
        pages_source=PagesSource.RECORDED if pages is not None else None,
        page_size=_page_size(document),
        image_only=image_only,
        problems=_content_problems(text, pictures),
    )


# --- text -------------------------------------------------------------------------------


def _blocks(container: _Element) -> Iterator[str]:
    """The paragraphs and tables in ``container`` (body, cell, text box, header), in order."""
    for child in container:
        if child.tag == _P:
            yield _paragraph(child)
            for box in _text_boxes(child):
                yield from _blocks(box)
        elif child.tag == _TBL:
            yield _table(child)
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _blocks(child)
        elif child.tag == _ALTERNATE:
            yield from _blocks(_chosen(child))


def _paragraph(paragraph: _Element) -> str:
    return "".join(_inline(paragraph)).strip()


def _inline(element: _Element) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag == _T:
            yield child.text or ""
        elif isinstance(tag, str) and tag in _INLINE_CHARACTERS:
            yield _INLINE_CHARACTERS[tag]
        elif tag in _INLINE_SKIPPED or tag == _TXBX:
            continue
        elif tag == _ALTERNATE:
            yield from _inline(_chosen(child))
        else:  # runs, hyperlinks, insertions, content controls, fields, smart tags ...
            yield from _inline(child)


def _table(table: _Element) -> str:
    rows = (" | ".join(cell for cell in _cells(row) if cell) for row in _rows(table))
    return "\n".join(row for row in rows if row)


def _rows(table: _Element) -> Iterator[_Element]:
    for child in table:
        if child.tag == _TR:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _rows(child)


def _cells(row: _Element) -> Iterator[str]:
    for child in row:
        if child.tag == _TC:
            yield " ".join(" ".join(_blocks(child)).split())
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _cells(child)


def _text_boxes(element: _Element) -> Iterator[_Element]:
    """The text boxes anchored in ``element``, each once (DrawingML, not its VML copy)."""
    for child in element:
        if child.tag == _TXBX:
            yield child
        elif child.tag == _ALTERNATE:
            yield from _text_boxes(_chosen(child))
        else:
            yield from _text_boxes(child)


def _chosen(alternate: _Element) -> _Element:
    """The first ``mc:Choice`` of ``mc:AlternateContent`` (what Word shows), else its
    ``mc:Fallback``; the alternate itself when it has neither."""
    branches = [child for child in alternate if child.tag in (_CHOICE, _FALLBACK)]
    choices = [child for child in branches if child.tag == _CHOICE]
    return (choices or branches or [alternate])[0]


def _margin_texts(document: Document, body: _Element | None, reference: str) -> Iterator[str]:
    """The text of each header (or footer) the sections name, in section order."""
    if body is None:
        return
    related = document.part.related_parts
    for section in body.iter(_SECTPR):
        for child in section:
            if child.tag != reference:
                continue
            part = related.get(child.get(_R_ID) or "")
            if isinstance(part, XmlPart):
                yield "\n\n".join(block for block in _blocks(part.element) if block)


def _distinct(texts: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return seen


def _count_pictures(body: _Element) -> int:
    return sum(1 for tag in _PICTURES for _ in body.iter(tag))


def _content_problems(text: str, pictures: int) -> tuple[Problem, ...]:
    if text:
        return ()
    if pictures:
        detail = f"{pictures} picture(s) and no text (a scan pasted into Word?)"
        return (Problem(ProblemCode.IMAGE_ONLY, detail),)
    return (Problem(ProblemCode.EMPTY, "no text in the document"),)


# --- pages ------------------------------------------------------------------------------


def _app_properties(package: Package) -> bytes | None:
    """The bytes of ``docProps/app.xml`` (the extended properties), if the package has it."""
    for relationship in package.rels.values():
        if relationship.reltype == RT.EXTENDED_PROPERTIES and not relationship.is_external:
            blob: bytes = relationship.target_part.blob
            return blob
    return None


def recorded_pages(app_xml: bytes | None, body_words: int) -> int | None:
    """The page count the writer recorded in ``app_xml``, unless absent or stale.

    Stale: the writer's word count is far from ``body_words`` (zero, or off by more than
    half), so its statistics were never computed for this text.
    """
    if app_xml is None:
        return None
    root = parse_xml(app_xml, "docProps/app.xml")
    if isinstance(root, Problem):
        return None
    pages = _count(root.findtext(_APP + "Pages"))
    words = _count(root.findtext(_APP + "Words"))
    return believable_pages(pages, words, body_words)


def _count(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value else None
    except ValueError:
        return None


def _page_size(document: Document) -> PageSize | None:
    """The first section's paper size (``w:pgSz``), as set, landscape or portrait."""
    try:
        sections = document.sections
        if len(sections) == 0:
            return None
        width, height = sections[0].page_width, sections[0].page_height
    except (ValueError, TypeError, PythonDocxError):
        return None
    if not width or not height or width < 0 or height < 0:
        return None
    return PageSize(round(width.mm, 1), round(height.mm, 1))


def _failed(problem: Problem) -> Extracted:
    return Extracted(problems=(problem,))


def _detail(what: str, exc: BaseException) -> str:
    message = str(exc).strip()
    described = f"{what}: {type(exc).__name__}" + (f": {message}" if message else "")
    return described[:200]
