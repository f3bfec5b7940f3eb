"""An Outlook .msg turned into the mail it holds."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage

import pytest

from parsers.mailfile import is_message
from parsers.message import parse_message
from parsers.model import ProblemCode
from parsers.msg_mail import NotAnOutlookMessage, msg_to_mail
from tests.support.paths import CORPUS, DOCS, MAIL

RECEIVED = MAIL / "outlook-received-nomination.msg"
SENT_REPLY = MAIL / "outlook-sent-reply.msg"
FORWARDED = DOCS / "nomination-forwarded.msg"
AS_ATTACHMENT = DOCS / "nomination-forwarded-as-attachment.msg"
OUTLOOK_NEWSLETTER = CORPUS / "outlook-msg" / "spamscope-mail-parser" / "mail_outlook_1"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside")


def mail_of(path) -> tuple[bytes, EmailMessage]:
    raw = msg_to_mail(path.read_bytes()).raw
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return raw, parsed


def attachments(message: EmailMessage) -> list[tuple[str | None, str, bytes]]:
    return [
        (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
        for part in message.iter_attachments()
    ]


def test_a_received_mail_keeps_the_header_it_arrived_with():
    raw, message = mail_of(RECEIVED)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.startswith(
        b"Received: from mail.gemeente-lochem.example (mail.gemeente-lochem.example\r\n"
        b" [192.0.2.25]) by mx.koplopers.example (Postfix) with ESMTPS id 4A1B2C3D4E\r\n"
        b" for <koplopers@koplopers.example>; Thu, 1 Jun 2017 16:58:30 +0200 (CEST)\r\n"
    )
    assert message["Subject"] == "Voordracht koploper cliëntondersteuning: gemeente Lochem"
    assert message["From"] == "Team Wmo gemeente Lochem <wmo@gemeente-lochem.example>"
    assert message["Message-ID"] == "<A1B2C3D4E5F6@LOCHEM-EX01.gemeente-lochem.local>"
    assert b"\r\nDate: Thu, 1 Jun 2017 16:58:21 +0200\r\n" in head
    assert message["X-MS-Has-Attach"] == "yes"
    # The MIME structure is new: the transport header's own is left out, not doubled.
    assert head.count(b"MIME-Version:") == 1 and head.count(b"Content-Type:") == 1
    assert b"_004_A1B2C3D4E5F6" not in raw
    body = message.get_body(("plain",))
    assert body is not None and "dragen wij de gemeente Lochem voor" in body.get_content()
    html = message.get_body(("html",))
    assert html is not None and "<p>Geachte jury,</p>" in html.get_content()
    pdf = (DOCS / "nomination-1page-a4.pdf").read_bytes()
    assert attachments(message) == [("Voordracht Lochem.pdf", "application/pdf", pdf)]


def test_a_sent_item_gets_a_header_from_its_properties():
    raw, message = mail_of(SENT_REPLY)
    assert message["From"] == "Voorzitter Wmo-adviesraad <voorzitter@adviesraad-deventer.example>"
    assert message["To"] == "Koplopers Cliëntondersteuning <koplopers@koplopers.example>"
    assert message["Cc"] == "Secretaris Wmo-adviesraad <secretaris@adviesraad-deventer.example>"
    assert message["Subject"] == "RE: Vraag over de oproep koplopers"
    assert message["Date"].datetime == datetime(2017, 5, 30, 9, 15, tzinfo=UTC)
    assert message["Message-ID"] == "<reply-7f3a@adviesraad-deventer.example>"
    assert message["In-Reply-To"] == "<question-19c2@koplopers.example>"
    assert "Received" not in message
    docx = (DOCS / "nomination-1page-a4.docx").read_bytes()
    (attached,) = attachments(message)
    assert attached[0] == "Voordracht Deventer.docx" and attached[2] == docx
    assert raw.startswith(b"From: ")


def test_what_cannot_be_carried_over_is_told():
    result = msg_to_mail(SENT_REPLY.read_bytes())
    (left_out,) = result.left_out
    assert left_out.code is ProblemCode.UNSUPPORTED
    assert "Voordracht Deventer (oud).docx" in left_out.detail
    assert msg_to_mail(RECEIVED.read_bytes()).left_out == ()


def test_inline_images_keep_their_content_id():
    _raw, message = mail_of(FORWARDED)
    html = message.get_body(("html",))
    assert html is not None and 'src="cid:logo@lochem"' in html.get_content()
    parts = {part.get_filename(): part for part in message.iter_attachments()}
    logo = parts["logo.png"]
    assert logo["Content-ID"] == "<logo@lochem>"
    assert logo.get_content_disposition() == "inline"
    assert parts["nomination-1page-a4.docx"].get_content_disposition() == "attachment"


def test_an_attached_outlook_message_becomes_an_attached_mail():
    _raw, message = mail_of(AS_ATTACHMENT)
    (attached,) = message.iter_attachments()
    assert attached.get_content_type() == "message/rfc822"
    inner = attached.get_content()
    assert inner["Subject"] == "Nominatie Koplopers Cliëntondersteuning: gemeente Zutphen"
    assert [part.get_filename() for part in inner.iter_attachments()] == [
        "nomination-1page-a4.docx",
        "logo.png",
    ]


@pytest.mark.parametrize("path", [RECEIVED, SENT_REPLY, FORWARDED, AS_ATTACHMENT])
def test_the_same_file_gives_the_same_bytes_and_a_mail_the_project_reads(path):
    first = msg_to_mail(path.read_bytes()).raw
    assert first == msg_to_mail(path.read_bytes()).raw
    assert is_message(first)
    parsed = parse_message(first)
    assert parsed.readable and parsed.body_text.strip()
    assert [p.code for p in parsed.problems if p.code is ProblemCode.MIME_DEFECT] == []
    assert parsed.parts


@needs_corpus
def test_a_real_outlook_file_with_its_transport_headers():
    raw, message = mail_of(OUTLOOK_NEWSLETTER)
    assert raw.startswith(b"Received: from EX-01.auenland.lkt (10.191.70.10)")
    assert len(message.get_all("Received")) == 10
    assert message["Message-ID"] == "<20170918100018.6AE0948009C@www.w-vwa.de>"
    assert message["Subject"].startswith("Newsletter Prüfung Personalwesen")
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["newsletter.png", "spacer.gif", "image004.jpg", "image006.jpg", "image008.jpg"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"From: a@b\n\nnot a compound file",
        (DOCS / "nomination-1page-a4.pdf").read_bytes(),
        (DOCS / "nomination-1page-a4.doc").read_bytes(),  # a compound file, not a message
        RECEIVED.read_bytes()[:5000],  # cut short
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    ],
)
def test_what_is_no_outlook_message_is_refused(data):
    with pytest.raises(NotAnOutlookMessage):
        msg_to_mail(data)


def test_a_damaged_outlook_message_is_refused_or_read_never_crashes():
    import random

    original = RECEIVED.read_bytes()
    chance = random.Random(1)
    for _ in range(40):
        damaged = bytearray(original)
        for _ in range(20):
            damaged[chance.randrange(512, len(damaged))] = chance.randrange(256)
        try:
            result = msg_to_mail(bytes(damaged))
        except NotAnOutlookMessage:
            continue
        assert isinstance(result.raw, bytes)
