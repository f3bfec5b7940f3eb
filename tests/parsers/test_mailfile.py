"""Telling a mail from what is not one, and naming what the rest looks like."""

from __future__ import annotations

import gzip
import io
import random
import zipfile
from pathlib import Path

import pytest

from parsers.mailfile import Looks, is_empty, is_mbox, is_message, looks_like
from tests.support.paths import CORPUS, DOCS, MAIL, NOMINATIONS

PROGRAM = Path("/bin/true")
MAIL_CORPUS = CORPUS / "email"
NOT_MAIL_IN_CORPUS = {
    # Test fixtures of mail libraries that are not mails, each for its own reason.
    "cpython-test_email/msg_19.txt": Looks.TEXT,  # a body with no header at all
    "cpython-test_email/msg_37.txt": Looks.MIME_PART,  # only Content-Type
    "mimekit/mbox/unmunged.mbox.txt.split/001.eml": Looks.TEXT,  # an empty line first
    "mimekit/mbox/unmunged.mbox.txt.split/003.eml": Looks.TEXT,  # "Year: 1963"
    "mimekit/yenc/state-changes.ntx": Looks.BINARY,  # yEnc parser states
    "nodemailer-mailparser/test/fixtures/mixed.eml": Looks.MIME_PART,
    "paperless-ngx/paperless/tests/samples/mail/broken.eml": Looks.TEXT,
}
needs_corpus = pytest.mark.skipif(not MAIL_CORPUS.is_dir(), reason="shared/corpus is not beside")

PLAIN = b"From: a@gemeente.nl\nTo: b@vng.nl\nSubject: Voordracht\n\nGeachte jury,\n"


@pytest.mark.parametrize(
    "data",
    [
        PLAIN,
        PLAIN.replace(b"\n", b"\r\n"),
        b"\xef\xbb\xbf" + PLAIN,
        b"From wmo@gemeente.nl Thu Jun  1 14:59:59 2017\n" + PLAIN,
        b"Received: from a\n\tby b; Thu, 1 Jun 2017 16:59:59 +0200\nSubject: x\n\nbody",
        b"X-Spam: no\nMessage-ID: <a@b>\n",  # a header alone
        b"From  : John <j@example>\r\nTo    : Mary\r\n\r\nobsolete syntax",
        b"    \nDelivered-To: a@b\nReceived: by x\n\nafter a line of blanks",
        b"From: a@b\nSubject: x\nbody right under the header, no empty line\n",
        b"Received: by x\nX-A: 1\nbroken line inside\nFrom: a@b\nDate: x\nX-B: 2\n\nbody",
        b"Subject: " + b"x" * 300_000,  # longer than what is read
    ],
)
def test_a_mail_header_in_its_forms(data):
    assert is_message(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"Geachte jury,\n\nHierbij dragen wij de gemeente Lochem voor.\n",
        b"Subject: not a mail, just a line\nmore text",
        b"To the jury: this is a letter\nDear jury,\n",
        b"To: the jury\nDear jury, we nominate Lochem.\n",
        b"name: intake\nversion: 1\n\n",  # a YAML file: fields, but none a mail has
        b"Content-Type: text/plain\n\nonly a MIME part",
        b"\nFrom: a@b\n\nan empty line before the header",
        b" From: a@b\n\nthe first field a continuation",
        b"From: a@b\x00\nTo: c@d\n\nNUL in the header",
        b"qwpoeiruty;alskdjfhg,mznx",  # 25 bytes of junk
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        b"PK\x03\x04\x14\x00\x00\x00",
    ],
)
def test_no_mail_header(data):
    assert not is_message(data)


def test_random_bytes_are_no_mail():
    chance = random.Random(2017)
    for _ in range(2000):
        assert not is_message(chance.randbytes(chance.randrange(1, 4096)))


def test_every_mail_of_the_project_is_a_mail():
    files = [*MAIL.glob("*.eml"), *NOMINATIONS.glob("*.eml")]
    assert len(files) > 80
    assert [path.name for path in files if not is_message(path.read_bytes())] == []


@needs_corpus
def test_every_mail_of_the_corpus_is_a_mail_but_the_fixtures_that_are_not():
    files = sorted(path for path in MAIL_CORPUS.rglob("*") if path.is_file())
    refused = {
        str(path.relative_to(MAIL_CORPUS)): looks_like(path.read_bytes())
        for path in files
        if not is_message(path.read_bytes())
    }
    assert len(files) > 500
    assert refused == NOT_MAIL_IN_CORPUS


def test_mbox_is_a_from_line_then_a_header():
    assert is_mbox((MAIL / "backfill.mbox").read_bytes())
    assert not is_mbox(PLAIN)
    assert not is_mbox(b"From the council, greetings.\nDear jury,\n")
    assert not is_mbox(b"From ")


@pytest.mark.parametrize(
    ("data", "looks"),
    [
        ((DOCS / "nomination-1page-a4.pdf").read_bytes(), Looks.PDF),
        ((DOCS / "nomination-1page-a4.docx").read_bytes(), Looks.DOCX),
        ((DOCS / "nomination-1page-a4.odt").read_bytes(), Looks.ODT),
        ((DOCS / "nomination-1page-a4.doc").read_bytes(), Looks.DOC),
        ((DOCS / "nomination-1page-a4.rtf").read_bytes(), Looks.RTF),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), Looks.IMAGE),
        (b"Geachte jury,\nHierbij dragen wij voor.\n", Looks.TEXT),
        (b"<!DOCTYPE html><html><body><p>Hallo</p></body></html>", Looks.HTML),
        (b"Content-Type: text/plain\n\nonly a MIME part", Looks.MIME_PART),
        (b"From: a@b\nTo: c@d\nSubject: x\n \x00\n", Looks.DAMAGED_MAIL),
        (gzip.compress(b"a mailbox, compressed"), Looks.COMPRESSED),
        (b"!BDN\x00\x00\x00\x00SM", Looks.OUTLOOK_DATA),
        (b"\x78\x9f\x3e\x22\x00\x00", Looks.TNEF),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), Looks.COMPOUND),
        (b"\x00\x01\x02\x03\x04binary", Looks.BINARY),
    ],
)
def test_what_the_rest_looks_like(data, looks):
    assert not is_message(data)
    assert looks_like(data) is looks


def test_a_zip_archive_and_a_program():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export/1.eml", PLAIN)
    assert looks_like(buffer.getvalue()) is Looks.ZIP
    assert looks_like(PROGRAM.read_bytes()[:1024]) is Looks.PROGRAM


def test_empty_is_white_space_only():
    assert is_empty(b"") and is_empty(b" \r\n\t") and is_empty(b"\xef\xbb\xbf\n")
    assert not is_empty(b".")
