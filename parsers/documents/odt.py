"""OpenDocument text (ODT): text, recorded page count and page size, from the ZIP's XML.

No ODF library is needed: ``content.xml`` holds the text, ``meta.xml`` the statistics the
writer recorded, ``styles.xml`` the page layout and the headers and footers.  All three are
read through the guards of :mod:`parsers.documents.safezip` (zip-bomb limits, no DTDs).

Read, in document order: paragraphs and headings, list items, tables (one row a line,
cells separated by `` | ``), sections, text boxes after the paragraph that anchors them;
then footnotes and endnotes, and each distinct header (first) and footer (last) once.
Whitespace is collapsed as ODF prescribes, with ``text:s`` (spaces), ``text:tab`` and
``text:line-break`` restored.  Tracked deletions and comments are left out.

The page count is ``meta:document-statistic/@meta:page-count`` (``recorded``), unless the
recorded word count shows the statistics are stale.  A writer records what its last layout
saw: LibreOffice converting headless without laying pages out has been seen to record one
page for a two-page text.  A password-protected ODT lists ``encryption-data`` in its
manifest: ``encrypted``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import Element

from parsers.documents.safezip import open_zip, parse_xml, read_member
from parsers.documents.statistics import believable_pages
from parsers.model import Extracted, Limits, PageSize, PagesSource, Problem, ProblemCode

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"

_PARAGRAPHS = {_TEXT + "p", _TEXT + "h"}
_TABLE_ELEMENT, _ROW, _CELL = _TABLE + "table", _TABLE + "table-row", _TABLE + "table-cell"
_ROW_GROUPS = {_TABLE + name for name in ("table-header-rows", "table-rows", "table-row-group")}
_TEXT_BOX, _NOTE, _NOTE_BODY = _DRAW + "text-box", _TEXT + "note", _TEXT + "note-body"
_BLOCK_SKIPPED = {
    _TEXT + "tracked-changes",  # deleted text lives here
    _OFFICE + "annotation",
    _TEXT + "sequence-decls",
    _TEXT + "variable-decls",
    _TEXT + "user-field-decls",
    _TABLE + "table-columns",
    _TABLE + "table-column",
    _TABLE + "covered-table-cell",  # the cells a merged cell covers: empty
    _OFFICE + "forms",
}
_INLINE_SKIPPED = {
    _OFFICE + "annotation",
    _OFFICE + "annotation-end",
    _NOTE,  # read at the end
    _DRAW + "frame",  # text boxes are read as blocks of their own
    _DRAW + "a",
    _TEXT + "soft-page-break",
}
_SPACE, _TAB, _LINE_BREAK = _TEXT + "s", _TEXT + "tab", _TEXT + "line-break"
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_MAX_SPACES = 100
_IMAGE = _DRAW + "image"

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(cm|mm|in|inch|pt|pc|px)\s*$")
_MM_PER_UNIT = {
    "cm": 10.0,
    "mm": 1.0,
    "in": 25.4,
    "inch": 25.4,
    "pt": 25.4 / 72,
    "pc": 25.4 / 6,
    "px": 25.4 / 96,
}
_MARGINS = {
    _STYLE + name
    for name in ("header", "header-left", "header-first", "footer", "footer-left", "footer-first")
}


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read an OpenDocument text (ODT)."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return _failed(Problem(ProblemCode.TOO_LARGE, detail))
    archive = open_zip(data, limits)
    if isinstance(archive, Problem):
        return _failed(archive)
    with archive:
        try:
            return _read(archive)
        except RecursionError:  # expat sets no depth limit; the walk over the tree does
            return _failed(Problem(ProblemCode.CORRUPT, "XML nested too deeply to read"))


def _read(archive: zipfile.ZipFile) -> Extracted:
    if _is_encrypted(archive):
        return _failed(Problem(ProblemCode.ENCRYPTED, "password-protected (manifest)"))
    content = _xml_member(archive, "content.xml")
    if isinstance(content, Problem):
        return _failed(content)
    body = content.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        kinds = [child.tag.rsplit("}", 1)[-1] for child in content.iterfind(_OFFICE + "body/*")]
        detail = f"not a text document (office:{kinds[0] if kinds else 'body missing'})"
        return _failed(Problem(ProblemCode.UNSUPPORTED, detail))
    styles = _optional_xml(archive, "styles.xml")
    body_blocks = [*_blocks(body), *_notes(body)]
    headers = _distinct(_margin_texts(styles, "header"))
    footers = _distinct(_margin_texts(styles, "footer"))
    text = "\n\n".join(block for block in (*headers, *body_blocks, *footers) if block)
    body_words = sum(len(block.split()) for block in body_blocks)
    pages = recorded_pages(_optional_xml(archive, "meta.xml"), body_words)
    pictures = sum(1 for _ in body.iter(_IMAGE))
    return Extracted(
        text=text,
        pages=pages,
        pages_source=PagesSource.RECORDED if pages is not None else None,
        page_size=page_size(styles) if styles is not None else None,
        image_only=not text and pictures > 0,
        problems=_content_problems(text, pictures),
    )


def _is_encrypted(archive: zipfile.ZipFile) -> bool:
    manifest = _optional_xml(archive, "META-INF/manifest.xml")
    return manifest is not None and manifest.find(f".//{_MANIFEST}encryption-data") is not None


def _xml_member(archive: zipfile.ZipFile, name: str) -> Element | Problem:
    content = read_member(archive, name)
    if isinstance(content, Problem):
        return content
    return parse_xml(content, name)


def _optional_xml(archive: zipfile.ZipFile, name: str) -> Element | None:
    """A part that helps but is not needed: missing or unreadable, it is left out."""
    if name not in archive.namelist():
        return None
    root = _xml_member(archive, name)
    return None if isinstance(root, Problem) else root


# --- text -------------------------------------------------------------------------------


def _blocks(container: Element) -> Iterator[str]:
    """The paragraphs, list items and tables in ``container``, in document order."""
    for child in container:
        if child.tag in _PARAGRAPHS:
            yield _paragraph(child)
            for box in _text_boxes(child):
                yield from _blocks(box)
        elif child.tag == _TABLE_ELEMENT:
            yield _table(child)
        elif child.tag not in _BLOCK_SKIPPED:  # lists, sections, indexes, frames ...
            yield from _blocks(child)


def _paragraph(paragraph: Element) -> str:
    return "".join(_inline(paragraph)).strip(" ")


def _inline(element: Element) -> Iterator[str]:
    if element.text:
        yield _WHITESPACE.sub(" ", element.text)
    for child in element:
        if child.tag == _SPACE:
            yield " " * min(_number(child.get(_TEXT + "c")) or 1, _MAX_SPACES)
        elif child.tag == _TAB:
            yield "\t"
        elif child.tag == _LINE_BREAK:
            yield "\n"
        elif child.tag not in _INLINE_SKIPPED:  # spans, links, fields, ruby ...
            yield from _inline(child)
        if child.tail:
            yield _WHITESPACE.sub(" ", child.tail)


def _table(table: Element) -> str:
    rows = (" | ".join(cell for cell in _cells(row) if cell) for row in _rows(table))
    return "\n".join(row for row in rows if row)


def _rows(table: Element) -> Iterator[Element]:
    """The rows of ``table`` itself (header rows, row groups), not of tables in its cells."""
    for child in table:
        if child.tag == _ROW:
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _cells(row: Element) -> Iterator[str]:
    for cell in row.iterfind(_CELL):
        yield " ".join(" ".join(_blocks(cell)).split())


def _text_boxes(element: Element) -> Iterator[Element]:
    """The text boxes anchored in ``element`` (not those inside notes: read with them)."""
    for child in element:
        if child.tag == _TEXT_BOX:
            yield child
        elif child.tag != _NOTE:
            yield from _text_boxes(child)


def _notes(body: Element) -> Iterator[str]:
    for note in body.iter(_NOTE_BODY):
        yield from _blocks(note)


def _margin_texts(styles: Element | None, kind: str) -> Iterator[str]:
    """The text of the master pages' headers (or footers), in the order they appear."""
    if styles is None:
        return
    for master in styles.iterfind(f"{_OFFICE}master-styles/{_STYLE}master-page"):
        for margin in master:
            if margin.tag in _MARGINS and margin.tag.rsplit("}", 1)[-1].startswith(kind):
                yield "\n\n".join(block for block in _blocks(margin) if block)


def _distinct(texts: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return seen


def _content_problems(text: str, pictures: int) -> tuple[Problem, ...]:
    if text:
        return ()
    if pictures:
        detail = f"{pictures} picture(s) and no text (a scan pasted into the document?)"
        return (Problem(ProblemCode.IMAGE_ONLY, detail),)
    return (Problem(ProblemCode.EMPTY, "no text in the document"),)


# --- pages ------------------------------------------------------------------------------


def recorded_pages(meta: Element | None, body_words: int) -> int | None:
    """The page count ``meta.xml`` records, unless absent or stale (see the module)."""
    if meta is None:
        return None
    statistic = meta.find(f"{_OFFICE}meta/{_META}document-statistic")
    if statistic is None:
        return None
    pages = _number(statistic.get(_META + "page-count"))
    words = _number(statistic.get(_META + "word-count"))
    return believable_pages(pages, words, body_words)


def page_size(styles: Element) -> PageSize | None:
    """The paper size of the default master page ("Standard", else the first)."""
    masters = styles.findall(f"{_OFFICE}master-styles/{_STYLE}master-page")
    standard = [m for m in masters if m.get(_STYLE + "name") == "Standard"]
    if not masters:
        return None
    chosen = standard[0] if standard else masters[0]
    layout_name = chosen.get(_STYLE + "page-layout-name")
    for layout in styles.iter(_STYLE + "page-layout"):
        if layout.get(_STYLE + "name") == layout_name:
            properties = layout.find(_STYLE + "page-layout-properties")
            return _size(properties) if properties is not None else None
    return None


def _size(properties: Element) -> PageSize | None:
    width = _millimetres(properties.get(_FO + "page-width"))
    height = _millimetres(properties.get(_FO + "page-height"))
    if not width or not height:
        return None
    return PageSize(round(width, 1), round(height, 1))


def _millimetres(length: str | None) -> float | None:
    match = _LENGTH.match(length or "")
    if match is None:
        return None
    return float(match.group(1)) * _MM_PER_UNIT[match.group(2)]


def _number(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value else None
    except ValueError:
        return None


def _failed(problem: Problem) -> Extracted:
    return Extracted(problems=(problem,))
