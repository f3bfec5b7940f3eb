"""Outlook .msg files: text, attachments as children, attached messages, hostile input."""

from __future__ import annotations

import email
import io
import time
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents import msg
from parsers.model import Extracted, Limits, ProblemCode
from tests.support.paths import CORPUS, DOCS

DATA = DOCS
MSG_CORPUS = sorted(p for p in (CORPUS / "outlook-msg").rglob("*") if p.is_file())
OUTLOOK_NEWSLETTER = CORPUS / "outlook-msg" / "spamscope-mail-parser" / "mail_outlook_1"
FORWARDED = DATA / "nomination-forwarded.msg"
AS_ATTACHMENT = DATA / "nomination-forwarded-as-attachment.msg"
LIMITS = Limits()
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside")


def codes(result: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in result.problems]


def is_docx(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return "word/document.xml" in docx.namelist()


def stream(path: Path, name: str) -> bytes:
    with olefile.OleFileIO(str(path)) as ole:
        content: bytes = ole.openstream(name).read()
    return content


def test_nomination_mail_saved_from_outlook() -> None:
    result = msg.extract(FORWARDED.read_bytes(), LIMITS)
    assert result.problems == ()
    lines = result.text.splitlines()
    assert lines[0] == "From: Adviesraad Sociaal Domein Lochem <adviesraad@lochem.example>"
    assert lines[1] == "Subject: Nominatie Koplopers Cliëntondersteuning: gemeente Zutphen"
    assert lines[2] == ""
    assert "dragen wij de gemeente Zutphen voor als koploper" in result.text
    docx, logo = result.children
    assert docx.filename == "nomination-1page-a4.docx"
    assert is_docx(docx.data)
    assert docx.content_type is not None and docx.content_type.endswith("document")
    assert not docx.inline
    assert (logo.filename, logo.content_type, logo.inline) == ("logo.png", "image/png", True)
    assert logo.data.startswith(b"\x89PNG")


@needs_corpus
def test_outlook_newsletter_with_inline_images() -> None:
    result = msg.extract(OUTLOOK_NEWSLETTER.read_bytes(), LIMITS)
    assert result.problems == ()
    assert result.text.startswith(
        "From: NueblingV@w-vwa.de\n"
        "Subject: Newsletter Prüfung Personalwesen / Prüfung Eröffnungsbilanz\n\n"
    )
    assert "Sehr geehrte Frau Gaiser-Schönenborn," in result.text
    assert [(child.filename, child.inline) for child in result.children] == [
        ("newsletter.png", True),
        ("spacer.gif", True),
        ("image004.jpg", True),
        ("image006.jpg", True),
        ("image008.jpg", True),
    ]
    assert result.children[0].data.startswith(b"\x89PNG")


@needs_corpus
@pytest.mark.parametrize("path", MSG_CORPUS, ids=lambda path: path.name)
def test_every_corpus_file_is_read_quickly(path: Path) -> None:
    started = time.perf_counter()
    result = msg.extract(path.read_bytes(), LIMITS)
    assert time.perf_counter() - started < 10
    assert result.text.strip()


def test_an_attached_outlook_message_becomes_an_rfc822_child() -> None:
    result = msg.extract(AS_ATTACHMENT.read_bytes(), LIMITS)
    assert result.problems == ()
    assert result.text.startswith(
        "From: Secretariaat gemeente Lochem <secretariaat@lochem.example>"
    )
    assert "Ter informatie: de nominatie van de adviesraad, als bijlage." in result.text
    (child,) = result.children
    assert child.content_type == "message/rfc822"
    assert child.filename == "Nominatie Koplopers Cliëntondersteuning.eml"
    attached = email.message_from_bytes(child.data, policy=policy.default)
    assert isinstance(attached, EmailMessage)
    assert attached["Subject"] == "Nominatie Koplopers Cliëntondersteuning: gemeente Zutphen"
    assert attached["From"] == "Adviesraad Sociaal Domein Lochem <adviesraad@lochem.example>"
    body = attached.get_body(("plain",))
    assert body is not None
    assert "gemeente Zutphen voor als koploper" in " ".join(body.get_content().split())
    files = {part.get_filename(): part for part in attached.iter_attachments()}
    assert is_docx(files["nomination-1page-a4.docx"].get_content())
    assert files["logo.png"].get_content_disposition() == "inline"


def test_attached_messages_nest_no_deeper_than_the_limit() -> None:
    result = msg.extract(AS_ATTACHMENT.read_bytes(), Limits(max_depth=1))
    assert result.children == ()
    assert codes(result) == [ProblemCode.NESTED_TOO_DEEP]


def test_the_body_falls_back_to_html_then_to_compressed_rtf() -> None:
    html = stream(FORWARDED, "__substg1.0_10130102").decode("utf-8")
    compressed = stream(FORWARDED, "__substg1.0_10090102")
    from_html, problems = msg.body_text(msg.MessageText(plain=" ", html=html), LIMITS)
    assert problems == ()
    assert "gemeente Zutphen voor als koploper" in " ".join(from_html.split())
    from_rtf, problems = msg.body_text(msg.MessageText(compressed_rtf=compressed), LIMITS)
    assert problems == ()
    assert "gemeente Zutphen voor als koploper" in " ".join(from_rtf.split())
    broken, problems = msg.body_text(msg.MessageText(compressed_rtf=b"garbage!"), LIMITS)
    assert broken == ""
    assert [problem.code for problem in problems] == [ProblemCode.CORRUPT]


def test_code_pages() -> None:
    assert msg.codec_for_codepage(None) == "cp1252"
    assert msg.codec_for_codepage(65001) == "utf-8"
    assert msg.codec_for_codepage(1251) == "cp1251"
    assert msg.codec_for_codepage(123456) == "cp1252"


# --- hostile and broken input -----------------------------------------------------------


def test_garbage_is_corrupt() -> None:
    assert codes(msg.extract(b"garbage " * 200, LIMITS)) == [ProblemCode.CORRUPT]
    assert codes(msg.extract(b"", LIMITS)) == [ProblemCode.CORRUPT]
    assert codes(msg.extract(b"x" * 200, Limits(max_bytes=100))) == [ProblemCode.TOO_LARGE]


@pytest.mark.parametrize("size", [8, 512, 1024, 5000, 20_000])
def test_a_truncated_message_is_corrupt(size: int) -> None:
    result = msg.extract(FORWARDED.read_bytes()[:size], LIMITS)
    assert codes(result)[0] is ProblemCode.CORRUPT


def test_a_word_document_is_not_an_outlook_message() -> None:
    result = msg.extract((DATA / "nomination-1page-a4.doc").read_bytes(), LIMITS)
    assert codes(result) == [ProblemCode.CORRUPT]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_messages_give_a_result_never_an_exception(data: st.DataObject) -> None:
    damaged = bytearray(AS_ATTACHMENT.read_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        index = data.draw(st.integers(0, len(damaged) - 1))
        damaged[index] = data.draw(st.integers(0, 255))
    result = msg.extract(bytes(damaged), LIMITS)
    assert isinstance(result, Extracted)
