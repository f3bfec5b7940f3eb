"""Reading through the real worker pool: text, pages, problems, judgements, isolation."""

from __future__ import annotations

import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from intake.reading.pending import read_pending
from intake.reading.reader import MessageReader
from parsers.model import Kind, PagesSource, ProblemCode
from store import Store
from tests.support.mail import DOCS, with_attachments
from tests.support.paths import CORPUS
from tests.support.settings import call_settings


def make_settings(tmp_path, **parsing):
    return call_settings(tmp_path, parsing={"workers": 2, **parsing})


@pytest.fixture(scope="module")
def analyser(tmp_path_factory):
    with MessageReader(make_settings(tmp_path_factory.mktemp("a"))) as opened:
        yield opened


def analyse(reader, raw):
    return dict(reader.read([("x", raw)]))["x"].reading


def codes(problems):
    return [p.code for p in problems]


def test_a_two_page_a4_pdf_is_counted_as_two_pages(analyser):
    result = analyse(analyser, with_attachments(1, "nomination-2pages-a4.pdf"))
    (pdf,) = result.attachments
    assert (pdf.kind, pdf.filename, pdf.extracted.pages) == (
        Kind.PDF,
        "nomination-2pages-a4.pdf",
        2,
    )
    assert result.length.document == 0
    assert (result.length.pages, result.length.pages_source) == (2, PagesSource.COUNTED)
    assert result.length.page_size.is_a4


def test_a_one_page_letter_pdf_fits_but_is_not_a4(analyser):
    result = analyse(analyser, with_attachments(2, "nomination-1page-letter.pdf"))
    assert result.length.pages == 1
    assert ProblemCode.NOT_A4 in codes(result.problems)


@pytest.mark.parametrize(
    ("name", "pages", "source"),
    [
        ("nomination-1page-a4.docx", 1, PagesSource.RECORDED),
        ("nomination-docx-no-app-xml.docx", 2, PagesSource.ESTIMATED),
        ("nomination-2pages-a4.odt", 2, PagesSource.RECORDED),
        ("nomination-1page-a4.doc", 1, PagesSource.RECORDED),
        ("nomination-1page-a4.rtf", 1, PagesSource.ESTIMATED),
    ],
)
def test_office_documents_are_measured_or_estimated(analyser, name, pages, source):
    result = analyse(analyser, with_attachments(3, name))
    assert (result.length.pages, result.length.pages_source) == (pages, source)
    assert "koploper" in result.attachments[0].extracted.text.lower()


def test_body_only_nomination_is_estimated_from_its_words(analyser):
    body = "Geachte jury,\n\n" + "Wij dragen de gemeente Zeist voor. " * 200 + "\n"
    result = analyse(analyser, with_attachments(4, body=body))
    assert result.attachments == ()
    assert result.length.document is None
    assert (result.length.pages, result.length.pages_source) == (3, PagesSource.ESTIMATED)


def test_a_forwarded_message_with_a_pdf_is_read_recursively(analyser):
    inner_raw = with_attachments(5, "nomination-1page-a4.pdf")
    outer = EmailMessage()
    outer["Subject"] = "Fwd: Voordracht"
    outer.set_content("Zie onderstaand.")
    inner = EmailMessage()
    from email import message_from_bytes, policy

    inner = message_from_bytes(inner_raw, policy=policy.default)
    outer.add_attachment(inner)
    result = analyse(analyser, bytes(outer))
    kinds = [(a.kind, a.depth) for a in result.attachments]
    assert kinds == [(Kind.MESSAGE, 1), (Kind.PDF, 2)]
    assert result.length.document == 1 and result.length.pages == 1


def test_a_zip_holding_a_docx(analyser, tmp_path):
    import zipfile

    archive = tmp_path / "voordracht.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(DOCS / "nomination-2pages-a4.docx", "voordracht.docx")
    message = EmailMessage()
    message.set_content("In de zip.")
    message.add_attachment(
        archive.read_bytes(), maintype="application", subtype="zip", filename="voordracht.zip"
    )
    result = analyse(analyser, bytes(message))
    assert [(a.kind, a.filename) for a in result.attachments] == [
        (Kind.ZIP, "voordracht.zip"),
        (Kind.DOCX, "voordracht.docx"),
    ]
    assert result.length.pages == 2


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("invalid/encrypted-password.pdf", ProblemCode.ENCRYPTED),
        ("invalid/encrypted-password.docx", ProblemCode.ENCRYPTED),
        ("invalid/zip-bomb.docx", ProblemCode.TOO_LARGE),
        ("invalid/truncated.pdf", ProblemCode.CORRUPT),
        ("scan-image-only.pdf", ProblemCode.IMAGE_ONLY),
    ],
)
def test_hostile_and_unreadable_files_become_problems(analyser, name, code):
    result = analyse(analyser, with_attachments(6, name))
    assert code in codes(result.attachments[0].extracted.problems)


def test_a_document_over_the_time_limit_costs_its_limit_and_no_more(tmp_path):
    slow = CORPUS / "pdf" / "pdfminer.six" / "nonfree" / "i1040nr.pdf"
    settings = make_settings(tmp_path, time_limit_seconds=1)
    started = time.monotonic()
    with MessageReader(settings) as reader:
        results = dict(
            reader.read(
                [
                    ("slow", _mail_with(slow)),
                    ("fine", with_attachments(8, "nomination-1page-a4.pdf")),
                ]
            )
        )
    assert time.monotonic() - started < 20  # a hang guard; the limit shows in the problem
    slow_read = results["slow"]
    assert ProblemCode.TIMED_OUT in codes(slow_read.reading.attachments[0].extracted.problems)
    assert slow_read.failed and slow_read.judgements is not None
    assert results["fine"].reading.length.pages == 1 and not results["fine"].failed


def _mail_with(path: Path) -> bytes:
    message = EmailMessage()
    message.set_content("Bijlage.")
    message.add_attachment(
        path.read_bytes(), maintype="application", subtype="pdf", filename=path.name
    )
    return bytes(message)


def test_read_pending_stores_and_is_idempotent(tmp_path):
    from intake.receiving.filing import build_record

    settings = make_settings(tmp_path)
    with Store.open(settings.store.url) as store:
        raw = with_attachments(9, "nomination-2pages-a4.docx")
        store.file_message(build_record(raw, origin="import", origin_detail="t"), "KCO")
        assert read_pending(settings, store).read == ["KCO-0001"]
        assert read_pending(settings, store).read == []
        stored = store.get_analysis("KCO-0001", texts=True)
        assert stored.pages == 2 and stored.pages_source == "recorded"
        assert stored.attachments[0].filename == "nomination-2pages-a4.docx"
        assert "koploper" in stored.attachments[0].text.lower()
        assert stored.judgement is not None and stored.judgement.kind == "nomination"
        message = store.get_message("KCO-0001")
        assert message.subject and message.from_header


def test_a_read_stopped_early_leaves_nothing_for_the_next(tmp_path):
    body = "Wij dragen de gemeente Zeist voor. " * 20000
    with MessageReader(make_settings(tmp_path, workers=1)) as reader:
        first = reader.read(
            [
                ("small", with_attachments(20, body="Klein.")),
                ("x", with_attachments(21, body=body)),
            ]
        )
        key, _ = next(first)
        assert key == "small"
        first.close()  # "x" is still being read
        second = dict(reader.read([("x", with_attachments(22, body="De derde."))]))
    assert second["x"].reading.envelope.subject == "Voordracht nr. 22"
