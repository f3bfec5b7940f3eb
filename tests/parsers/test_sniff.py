import io
import zipfile

import pytest

from parsers.model import Kind
from parsers.sniff import sniff
from tests.support.paths import DOCS, MAIL


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_docx_made_by_python_docx():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert sniff(buffer.getvalue()) is Kind.DOCX


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Kind.PDF),
        (b"\r\n\r\n%PDF-1.4 junk before the header", Kind.PDF),
        (b"{\\rtf1\\ansi\\ansicpg1252 Hallo}", Kind.RTF),
        (b"\x78\x9f\x3e\x22\x00\x00", Kind.TNEF),
        (b"\x89PNG\r\n\x1a\n\x00\x00", Kind.IMAGE),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", Kind.IMAGE),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", Kind.IMAGE),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", Kind.UNKNOWN),
        (b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: x\r\n\r\nbody", Kind.MESSAGE),
        (b"Received: from x\r\n\tby y; Thu, 1 Jun 2017\r\nMessage-ID: <a@b>\r\n\r\n", Kind.MESSAGE),
        (b"<!DOCTYPE html><html><body><p>Hallo</p></body></html>", Kind.HTML),
        (b"Geachte jury,\nHierbij dragen wij voor.\n", Kind.TEXT),
        (b"Subject: not a mail, just a line\nmore text", Kind.TEXT),
        (b"\xff\xfeH\x00a\x00l\x00", Kind.TEXT),
        (b"\x00\x01\x02\x03\x04binary", Kind.UNKNOWN),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), Kind.DOC),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "__substg1.0_0037001F".encode("utf-16-le"),
            Kind.MSG,
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), Kind.UNKNOWN),
        (b"", Kind.TEXT),
    ],
)
def test_kinds_from_bytes(data, kind):
    assert sniff(data) is kind


def test_zip_members_decide_between_office_formats_and_archives():
    odt = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert sniff(odt) is Kind.ODT
    assert sniff(zipped({"word/document.xml": b"<x/>"})) is Kind.DOCX
    assert sniff(zipped({"voordracht.pdf": b"%PDF-1.4"})) is Kind.ZIP
    assert sniff(b"PK\x03\x04 truncated") is Kind.ZIP


def test_names_and_declared_types_do_not_matter():
    # The same bytes are a PDF whatever the sender called them; sniff sees only bytes.
    assert sniff(b"%PDF-1.5 ...") is Kind.PDF


def test_an_outlook_message_carrying_a_word_97_document_is_a_message():
    data = (MAIL / "outlook-word-97-attached.msg").read_bytes()
    assert "WordDocument".encode("utf-16-le") in data  # the attached document's stream
    assert sniff(data) is Kind.MSG
    assert sniff((DOCS / "nomination-1page-a4.doc").read_bytes()) is Kind.DOC
