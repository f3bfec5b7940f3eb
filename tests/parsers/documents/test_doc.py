"""Word 97-2003 .doc files: text from the piece table, recorded pages, hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents import doc
from parsers.model import Extracted, Limits, PagesSource, ProblemCode
from tests.support.paths import CORPUS, DOCS

DATA = DOCS
SAMPLE = CORPUS / "doc" / "paperless-ngx" / "sample.doc"
DOC_CORPUS = sorted((CORPUS / "doc").rglob("*.doc")) if CORPUS.is_dir() else []
LIMITS = Limits()
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside")


def codes(result: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in result.problems]


def test_libreoffice_nomination() -> None:
    result = doc.extract((DATA / "nomination-1page-a4.doc").read_bytes(), LIMITS)
    assert result.problems == ()
    assert result.text.startswith("Nominatie Koplopers Cliëntondersteuning 2017\n")
    assert "De gemeente Lochem draagt met overtuiging de gemeente Zutphen voor" in result.text
    assert "3. Lerend proces en innovatieve aanpakken" in result.text
    assert result.pages == 1
    assert result.pages_source is PagesSource.RECORDED
    assert result.page_size is not None and result.page_size.is_a4
    assert 250 < result.words < 350


def test_two_page_nomination_records_two_pages() -> None:
    # LibreOffice writes the page count only into the document properties (cPg).
    result = doc.extract((DATA / "nomination-2pages-a4.doc").read_bytes(), LIMITS)
    assert result.problems == ()
    assert result.pages == 2
    assert result.pages_source is PagesSource.RECORDED
    assert result.page_size is not None and result.page_size.is_a4


@needs_corpus
def test_word_document_with_summary_information() -> None:
    result = doc.extract(SAMPLE.read_bytes(), LIMITS)
    assert result.text == (
        "This is a test document, saved in the older .doc format for Word documents "
        "(but created in Google Drive)\n"
    )
    assert result.pages == 1
    assert result.pages_source is PagesSource.RECORDED
    assert result.page_size is not None and result.page_size.name == "Letter"
    assert result.problems == ()


@needs_corpus
@pytest.mark.parametrize("path", DOC_CORPUS, ids=lambda path: path.name)
def test_every_corpus_file_is_read_quickly(path: Path) -> None:
    started = time.perf_counter()
    result = doc.extract(path.read_bytes(), LIMITS)
    assert time.perf_counter() - started < 10
    assert result.text.strip()


def test_a_password_protected_document_is_reported_encrypted() -> None:
    # Saved by LibreOffice as "MS Word 97" with a password (RC4 CryptoAPI).
    result = doc.extract((DATA / "invalid" / "encrypted-password.doc").read_bytes(), LIMITS)
    assert codes(result) == [ProblemCode.ENCRYPTED]
    assert result.text == ""


@pytest.mark.parametrize("size", [0, 8, 100, 512, 1536, 4000, 10_000, 20_000])
def test_a_truncated_document_is_corrupt(size: int) -> None:
    result = doc.extract((DATA / "nomination-1page-a4.doc").read_bytes()[:size], LIMITS)
    assert codes(result)[0] is ProblemCode.CORRUPT


def test_other_compound_files_are_not_word_documents() -> None:
    result = doc.extract((DATA / "nomination-forwarded.msg").read_bytes(), LIMITS)
    assert codes(result) == [ProblemCode.CORRUPT]
    assert "WordDocument" in result.problems[0].detail


def test_not_a_compound_file() -> None:
    assert codes(doc.extract(b"{\\rtf1 not a doc}", LIMITS)) == [ProblemCode.CORRUPT]
    assert codes(doc.extract(b"x" * 200, Limits(max_bytes=100))) == [ProblemCode.TOO_LARGE]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_documents_give_a_result_never_an_exception(data: st.DataObject) -> None:
    damaged = bytearray((DATA / "nomination-1page-a4.doc").read_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        # Mostly the FIB, the directory and the table stream, where the pointers are.
        index = data.draw(st.integers(0, len(damaged) - 1))
        damaged[index] = data.draw(st.integers(0, 255))
    result = doc.extract(bytes(damaged), LIMITS)
    assert isinstance(result, Extracted)


# --- Word's characters to text --------------------------------------------------------------


def test_fields_keep_their_result_only() -> None:
    raw = 'Zie \x13 HYPERLINK "https://example.org" \x14de website\x15 en pagina \x13PAGE\x141\x15.'
    assert doc.visible_text(raw) == "Zie de website en pagina 1."


def test_nested_fields_and_fields_without_result() -> None:
    raw = 'a\x13 IF \x13 PAGE \x14 2\x15 = 2 \x14b\x13 X \x14c\x15\x15d\x13 TC "kop" \x15e'
    assert doc.visible_text(raw) == "abcde"


def test_table_marks_and_breaks_become_layout() -> None:
    raw = "A1\x07B1\x07\x07A2\x07B2\x07\x07Na\rregel\x0bbreuk\x0cpagina\x1evoor\x1fbeeld\x01\x08"
    assert doc.visible_text(raw) == "A1\tB1\t\nA2\tB2\t\nNa\nregel\nbreuk\npagina-voorbeeld"


@given(st.text(alphabet=st.characters(max_codepoint=0x30), max_size=300))
def test_visible_text_has_no_control_characters_left(raw: str) -> None:
    shown = doc.visible_text(raw)
    assert all(char in "\t\n" or ord(char) >= 32 for char in shown)


def test_a_million_open_fields_are_linear() -> None:
    started = time.perf_counter()
    assert doc.visible_text("\x13" * 1_000_000 + "x") == ""
    assert doc.visible_text("\x15" * 1_000_000 + "x") == "x"
    assert time.perf_counter() - started < 20  # a hang guard
