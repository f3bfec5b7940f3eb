"""Message structure: which text is the body, what is attached, what is wrong."""

from __future__ import annotations

from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from parsers.message import parse_message
from parsers.model import ProblemCode
from tests.support.paths import CORPUS

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% fake\n"
LETTER = (
    "Geachte jury,\n\nHierbij draagt de gemeente Utrecht de gemeente Zeist voor als koploper "
    "cliëntondersteuning.\n\nMet vriendelijke groet,\nJan Jansen\n"
)


def base(subject="Voordracht") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Gemeente Utrecht <wmo@utrecht.nl>"
    message["To"] = "koplopers@vng.example"
    message["Subject"] = subject
    return message


def test_plain_body_and_pdf_attachment():
    message = base()
    message.set_content(LETTER)
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="voordracht.pdf")
    parsed = parse_message(bytes(message))
    assert "gemeente Zeist voor als koploper" in parsed.body_text
    assert parsed.body_source == "text/plain"
    assert [(p.filename, p.content_type, p.data) for p in parsed.parts] == [
        ("voordracht.pdf", "application/pdf", PDF)
    ]
    assert parsed.problems == ()


def test_plain_text_is_preferred_over_html():
    message = base()
    message.set_content(LETTER)
    message.add_alternative(f"<p>{LETTER.replace(chr(10), '<br>')}</p>", subtype="html")
    parsed = parse_message(bytes(message))
    assert parsed.body_source == "text/plain"
    assert "<p>" not in parsed.body_text and parsed.body_text.count("gemeente Zeist") == 1


def test_html_is_used_when_the_plain_part_is_a_stub():
    message = base()
    message.set_content("Deze mail bevat HTML.")
    message.add_alternative(
        "<html><body><p>Geachte jury,</p><ul><li>agenda</li><li>samenwerking</li></ul>"
        + "<p>"
        + "Wij dragen de gemeente Zeist voor. " * 20
        + "</p></body></html>",
        subtype="html",
    )
    parsed = parse_message(bytes(message))
    assert parsed.body_source == "text/html"
    assert "gemeente Zeist" in parsed.body_text and "agenda" in parsed.body_text


def test_inline_logo_in_related_html_is_marked_inline():
    outer = MIMEMultipart("related")
    outer["Subject"] = "Voordracht"
    outer.attach(MIMEText("<p>Voordracht</p><img src='cid:logo'>", "html"))
    logo = MIMEImage(PNG, "png")
    logo.add_header("Content-ID", "<logo>")
    outer.attach(logo)
    parsed = parse_message(outer.as_bytes())
    assert len(parsed.parts) == 1 and parsed.parts[0].inline


def test_apple_mail_inline_pdf_is_still_a_document_part():
    outer = MIMEMultipart("mixed")
    outer.attach(MIMEText("Zie bijlage.", "plain"))
    pdf = MIMEApplication(PDF, "pdf")
    pdf.add_header("Content-Disposition", "inline", filename="voordracht.pdf")
    outer.attach(pdf)
    parsed = parse_message(outer.as_bytes())
    assert [(p.filename, p.inline) for p in parsed.parts] == [("voordracht.pdf", False)]


def test_forwarded_message_is_a_part_with_its_own_bytes():
    inner = base("Voordracht Zeist")
    inner.set_content(LETTER)
    outer = base("Fwd: Voordracht Zeist")
    outer.set_content("Zie onderstaand.")
    outer.add_attachment(inner)
    parsed = parse_message(bytes(outer))
    assert len(parsed.parts) == 1
    part = parsed.parts[0]
    assert part.content_type == "message/rfc822"
    assert b"gemeente Zeist voor als koploper" in part.data


def test_rfc2231_and_rfc2047_filenames_are_decoded():
    message = base()
    message.set_content("Bijlage")
    message.add_attachment(
        PDF, maintype="application", subtype="pdf", filename="voordracht cliëntondersteuning.pdf"
    )
    parsed = parse_message(bytes(message))
    assert parsed.parts[0].filename == "voordracht cliëntondersteuning.pdf"


def test_wrong_charset_declaration_is_read_without_losing_text():
    raw = (
        b"From: a@b.nl\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        b"Cli\xebntondersteuning \x96 een \x93koploper\x94\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.body_text.strip() == "Cliëntondersteuning – een “koploper”"


def test_pgp_encrypted_message_is_a_problem():
    raw = (
        b"From: a@b.nl\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/encrypted;\r\n"
        b' protocol="application/pgp-encrypted"; boundary=b\r\n\r\n'
        b"--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n"
        b"--b\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n"
        b"--b--\r\n"
    )
    parsed = parse_message(raw)
    assert ProblemCode.ENCRYPTED in [p.code for p in parsed.problems]


def test_broken_mime_is_a_defect_not_a_crash():
    raw = (
        b"From: a@b.nl\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=nope\r\n\r\nno boundary ever comes\r\n"
    )
    parsed = parse_message(raw)
    assert ProblemCode.MIME_DEFECT in [p.code for p in parsed.problems]
    assert "no boundary ever comes" in parsed.body_text


def test_empty_message_is_a_problem():
    parsed = parse_message(b"From: a@b.nl\r\nSubject: test\r\n\r\n")
    assert [p.code for p in parsed.problems] == [ProblemCode.EMPTY]


def test_deep_nesting_does_not_crash():
    depth = 2000
    head = (
        b"From: a@b.nl\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
    )
    body = b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (i, i + 1)
        for i in range(depth)
    )
    parsed = parse_message(head + body)
    assert parsed.problems  # nested too deep, or defects: but no exception


def test_delivery_status_text_is_kept():
    raw = (
        b"From: MAILER-DAEMON@x.nl\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
        b"--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        b"--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x.nl\r\n\r\n"
        b"Final-Recipient: rfc822; a@b.nl\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"--r--\r\n"
    )
    parsed = parse_message(raw)
    assert "Delivery failed." in parsed.body_text and "Status: 5.1.1" in parsed.body_text


def test_a_message_that_trips_mail_parser_is_still_read():

    corpus = CORPUS
    raw = (corpus / "email/mimekit/mbox/simple.mbox.txt.split/001.eml").read_bytes()
    parsed = parse_message(raw)  # mail-parser raises AttributeError on this one
    assert "Hello" in parsed.body_text or len(parsed.body_text.split()) > 5
    assert ProblemCode.CORRUPT not in [p.code for p in parsed.problems]


def test_an_attached_message_the_generator_cannot_write_is_still_read():
    # The inner multipart has no boundary and 8-bit text: the email package's generator
    # fails to write it back as bytes.
    raw = (
        b"From: Gemeente Utrecht <wmo@utrecht.nl>\r\nSubject: Voordracht\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nZie het doorgestuurde bericht.\r\n"
        b"--b\r\nContent-Type: application/pdf; name=voordracht.pdf\r\n\r\n%PDF-1.4\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n"
        b"Subject: doorgestuurd\r\nContent-Type: multipart/mixed\r\n\r\n"
        + "De cliëntenraad draagt de gemeente Utrecht voor.\r\n".encode()
        + b"--b--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.readable
    assert [part.content_type for part in parsed.parts] == ["application/pdf", "message/rfc822"]
    # The email package has replaced the 8-bit letter already; the rest is kept.
    assert b"ntenraad draagt de gemeente Utrecht voor." in parsed.parts[1].data
