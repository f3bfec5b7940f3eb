"""Documents attached to the labelled messages: DOCX written with python-docx, small PDFs.

Both are byte-for-byte reproducible.  A DOCX is saved by python-docx, then re-zipped with
Word's fixed 1980-01-01 member times, a Word-like ``docProps/app.xml`` (page count and the
real word count) and without the template's thumbnail.  A PDF is written here directly: one
or more A4 pages of Helvetica text (WinAnsiEncoding), with a fixed document id, so that a
nomination can come as a PDF whose text is its own rather than one of the shared files in
``tests/data/docs/``.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")

# A paragraph of a document: (kind, text) with kind "title", "h", "p", "bullet", "right"
# (right-aligned, as a letterhead's date line) or "table", whose text is the rows with the
# cells separated by " | ".
Block = tuple[str, str]

APP_XML = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Template>Normal.dotm</Template><TotalTime>{total_time}</TotalTime><Pages>{pages}</Pages>\
<Words>{words}</Words><Characters>{chars}</Characters><Application>Microsoft Office Word\
</Application><DocSecurity>0</DocSecurity><Lines>{lines}</Lines>\
<Paragraphs>{paragraphs}</Paragraphs><ScaleCrop>false</ScaleCrop>\
<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>\
<CharactersWithSpaces>{chars_spaces}</CharactersWithSpaces><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"""


@dataclass(frozen=True)
class DocumentInfo:
    """What Word records about who wrote a document and when."""

    title: str
    author: str
    last_modified_by: str
    company: str
    created: datetime
    modified: datetime
    revision: int = 3
    total_time: int = 25
    pages: int = 1


def drop_thumbnail(xml: bytes) -> bytes:
    """Remove the template's thumbnail from a relationship or content-type list."""
    text = xml.decode("utf-8")
    start = text.find("thumbnail")
    while start != -1:
        open_at = text.rfind("<", 0, start)
        close_at = text.find(">", start)
        text = text[:open_at] + text[close_at + 1 :]
        start = text.find("thumbnail")
    return text.encode("utf-8")


def as_word_saves_it(saved: bytes, app_xml: str) -> bytes:
    """A DOCX python-docx saved, re-zipped as Word 2016 writes it: Word's own app.xml
    (pages, words, lines), no thumbnail, fixed member dates so the bytes never change."""
    source = zipfile.ZipFile(io.BytesIO(saved))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename == "docProps/thumbnail.jpeg":
                continue
            data = source.read(member.filename)
            if member.filename == "docProps/app.xml":
                data = app_xml.encode("utf-8")
            elif member.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = drop_thumbnail(data)
            entry = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


def _table_rows(text: str) -> list[list[str]]:
    return [row.split(" | ") for row in text.split("\n")]


def make_docx(content: Sequence[Block], info: DocumentInfo) -> bytes:
    """An A4 document as Word 2016 would save it (python-docx, then re-zipped)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(20)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    words: list[str] = []
    for kind, text in content:
        if kind == "title":
            document.add_heading(text, level=1)
        elif kind == "h":
            document.add_heading(text, level=2)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "right":
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "table":
            rows = _table_rows(text)
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, cell_text in zip(row.cells, cells, strict=True):
                    cell.text = cell_text
            text = " ".join(" ".join(cells) for cells in rows)
        else:
            document.add_paragraph(text)
        words.append(text)
    props = document.core_properties
    props.author = info.author
    props.last_modified_by = info.last_modified_by
    props.title = info.title
    props.comments = ""
    props.revision = info.revision
    props.created = info.created
    props.modified = info.modified
    buffer = io.BytesIO()
    document.save(buffer)

    flat = " ".join(words)
    app = APP_XML.format(
        total_time=info.total_time,
        pages=info.pages,
        words=len(flat.split()),
        chars=len(flat.replace(" ", "")),
        chars_spaces=len(flat),
        lines=len(flat) // 95 + len(content),
        paragraphs=len(content),
        company=info.company,
    )
    return as_word_saves_it(buffer.getvalue(), app)


# --- PDF ------------------------------------------------------------------------------

A4 = (595.28, 841.89)
MARGIN = 62.0
_STYLE = {"title": ("F2", 14.0, 22.0), "h": ("F2", 11.0, 17.0), "p": ("F1", 10.0, 13.0)}
_STYLE["right"] = _STYLE["p"]
_STYLE["bullet"] = _STYLE["p"]
_WRAP = {"F1": 96, "F2": 70}


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_date(moment: datetime) -> str:
    offset = moment.strftime("%z")
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'"


def _page_streams(content: Sequence[Block]) -> list[bytes]:
    pages: list[list[bytes]] = [[]]
    y = A4[1] - MARGIN
    for kind, text in content:
        font, size, leading = _STYLE[kind]
        prefix = "\u2022 " if kind == "bullet" else ""
        lines = textwrap.wrap(prefix + text, _WRAP[font] if kind != "bullet" else 92) or [""]
        for line in lines:
            if y < MARGIN:
                pages.append([])
                y = A4[1] - MARGIN
            x = MARGIN + (14.0 if kind == "bullet" and not line.startswith("\u2022") else 0.0)
            if kind == "right":
                x = A4[0] - MARGIN - 0.5 * size * len(line)
            pages[-1].append(
                f"BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td ".encode("ascii")
                + _pdf_string(line)
                + b" Tj ET"
            )
            y -= leading
        y -= leading * 0.5
    return [b"\n".join(lines) + b"\n" for lines in pages]


def make_pdf(content: Sequence[Block], info: DocumentInfo) -> bytes:
    """A text PDF of A4 pages in Helvetica, with fixed dates and document id."""
    streams = _page_streams(content)
    first_page = 5
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for index, stream in enumerate(streams):
        page_number = first_page + 2 * index
        kids.append(f"{page_number} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            f"/Contents {page_number + 1} 0 R >>".encode("ascii")
        )
        objects.append(
            f"<< /Length {len(stream)} >>\nstream\n".encode("ascii") + stream + b"endstream"
        )
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    objects.append(
        b"<< /Title "
        + _pdf_string(info.title)
        + b" /Author "
        + _pdf_string(info.author)
        + b" /CreationDate "
        + _pdf_string(_pdf_date(info.created))
        + b" /ModDate "
        + _pdf_string(_pdf_date(info.modified))
        + b" >>"
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    document_id = hashlib.sha256(bytes(out)).hexdigest()[:32].upper()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R "
        f"/ID [<{document_id}> <{document_id}>] >>\nstartxref\n{xref_at}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)
