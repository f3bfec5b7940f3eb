"""PDF extraction on real files: LibreOffice's and qpdf's (tests/data/docs) and the corpus."""

from __future__ import annotations

import difflib
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.documents import pdf
from parsers.model import Extracted, Limits, PagesSource, ProblemCode
from tests.support.paths import CORPUS, DOCS


def read(name: str, limits: Limits | None = None) -> Extracted:
    return pdf.extract((DOCS / name).read_bytes(), limits or Limits())


def flat(text: str) -> str:
    """The text with every run of whitespace (line ends within paragraphs) one space."""
    return " ".join(text.split())


def codes(extracted: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in extracted.problems]


# --- what a nomination looks like ------------------------------------------------------


def test_one_page_a4_reads_text_pages_and_size() -> None:
    extracted = read("nomination-1page-a4.pdf")

    assert extracted.problems == ()
    assert extracted.pages == 1
    assert extracted.pages_source is PagesSource.COUNTED
    assert extracted.page_size is not None and extracted.page_size.is_a4
    assert extracted.page_size.width_mm < extracted.page_size.height_mm
    assert "draagt met overtuiging de gemeente Zutphen voor als koploper" in flat(extracted.text)
    assert "Cliëntondersteuning staat hoog op de agenda" in extracted.text
    assert not extracted.image_only
    assert 300 <= extracted.words <= 360


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    text = read("nomination-1page-a4.pdf").text

    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Nominatie Koplopers Cliëntondersteuning 2017"
    assert "1. Cliëntondersteuning staat hoog op de agenda" in paragraphs
    assert "Met vriendelijke groet," in paragraphs


def test_two_pages_are_counted_and_both_read() -> None:
    extracted = read("nomination-2pages-a4.pdf")

    assert extracted.pages == 2
    assert extracted.problems == ()
    assert "De Wmo-adviesraad Deventer draagt de gemeente Deventer voor" in flat(extracted.text)
    assert "A. Jansen, voorzitter" in extracted.text  # the last line, on page 2
    assert extracted.words > 800


def test_letter_is_not_a4() -> None:
    size = read("nomination-1page-letter.pdf").page_size

    assert size is not None
    assert size.name == "Letter"
    assert not size.is_a4
    assert (size.width_mm, size.height_mm) == pytest.approx((215.9, 279.4), abs=0.2)


def test_rotate_turns_the_page_size_and_the_text_still_reads() -> None:
    extracted = read("nomination-1page-a4-rotated.pdf")

    assert extracted.page_size is not None and extracted.page_size.is_a4
    assert extracted.page_size.width_mm > extracted.page_size.height_mm  # shown landscape
    assert "draagt met overtuiging de gemeente Zutphen" in flat(extracted.text)
    assert 300 <= extracted.words <= 360  # not one "word" per letter


def test_a_scan_is_image_only() -> None:
    extracted = read("scan-image-only.pdf")

    assert extracted.image_only
    assert codes(extracted) == [ProblemCode.IMAGE_ONLY]
    assert extracted.pages == 1
    assert extracted.page_size is not None and extracted.page_size.is_a4
    assert extracted.text == ""


# --- limits -----------------------------------------------------------------------------


def test_too_many_pages_counts_all_but_reads_only_the_first() -> None:
    extracted = read("nomination-2pages-a4.pdf", Limits(max_pages=1))

    assert extracted.pages == 2
    assert codes(extracted) == [ProblemCode.TOO_MANY_PAGES]
    assert "De Wmo-adviesraad Deventer" in extracted.text
    assert "A. Jansen, voorzitter" not in extracted.text


def test_too_large_is_not_parsed() -> None:
    extracted = read("nomination-1page-a4.pdf", Limits(max_bytes=1000))

    assert codes(extracted) == [ProblemCode.TOO_LARGE]
    assert extracted.text == ""
    assert extracted.pages is None


# --- bad input --------------------------------------------------------------------------


def test_password_protected_is_encrypted_but_still_counted() -> None:
    extracted = read("invalid/encrypted-password.pdf")

    assert codes(extracted) == [ProblemCode.ENCRYPTED]
    assert extracted.text == ""
    assert extracted.pages == 1
    assert extracted.page_size is not None and extracted.page_size.is_a4


def test_truncated_is_corrupt() -> None:
    extracted = read("invalid/truncated.pdf")

    assert codes(extracted) == [ProblemCode.CORRUPT]
    assert extracted.problems[0].detail


def test_junk_before_the_header_is_skipped() -> None:
    data = b"\xef\xbb\xbf\r\n" + (DOCS / "nomination-1page-a4.pdf").read_bytes()

    extracted = pdf.extract(data, Limits())

    assert extracted.pages == 1
    assert "gemeente Zutphen" in extracted.text


def test_a_damaged_cross_reference_table_is_read_by_scanning() -> None:
    data = (DOCS / "nomination-2pages-a4.pdf").read_bytes()
    damaged = re.sub(rb"startxref\s+\d+", b"startxref\n12345", data)  # points at nothing

    extracted = pdf.extract(damaged, Limits())

    assert extracted.pages == 2
    assert "A. Jansen, voorzitter" in extracted.text


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n", b"not a pdf at all" * 10],
)
def test_nonsense_is_corrupt(data: bytes) -> None:
    assert codes(pdf.extract(data, Limits())) == [ProblemCode.CORRUPT]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=st.floats(min_value=0, max_value=1), junk=st.binary(min_size=1, max_size=64))
def test_damaged_bytes_never_raise(at: float, junk: bytes) -> None:
    data = (DOCS / "nomination-1page-a4.pdf").read_bytes()
    cut = int(at * len(data))

    extracted = pdf.extract(data[:cut] + junk + data[cut + len(junk) :], Limits())

    assert isinstance(extracted, Extracted)


# --- the third-party corpus -------------------------------------------------------------


def corpus_files(kind: str, suffix: str) -> list[Path]:
    folder = CORPUS / kind
    return sorted(folder.rglob(f"*{suffix}")) if folder.is_dir() else []


@pytest.mark.skipif(not corpus_files("pdf", ".pdf"), reason="no corpus at ../shared/corpus")
@pytest.mark.parametrize(
    "path", corpus_files("pdf", ".pdf"), ids=lambda p: str(p.relative_to(CORPUS))
)
def test_every_corpus_pdf_gives_a_result(path: Path) -> None:
    started = time.monotonic()

    extracted = pdf.extract(path.read_bytes(), Limits())

    assert isinstance(extracted, Extracted)
    assert extracted.text or extracted.problems or extracted.pages
    assert time.monotonic() - started < 60


@pytest.mark.skipif(not (CORPUS / "pdf").is_dir(), reason="no corpus at ../shared/corpus")
def test_crazyones_reads_as_its_expected_text() -> None:
    extracted = pdf.extract((CORPUS / "pdf/pypdf/crazyones.pdf").read_bytes(), Limits())
    expected = (CORPUS / "expected-text/pypdf/crazyones.txt").read_text(encoding="utf-8")

    ours, theirs = flat(extracted.text), flat(expected.replace("ﬁ", "fi").replace("ﬀ", "ff"))
    assert difflib.SequenceMatcher(None, ours, theirs).ratio() > 0.98
    assert "The misfits. The rebels." in ours  # ligature ﬁ read as the letters f, i


@pytest.mark.skipif(not (CORPUS / "pdf").is_dir(), reason="no corpus at ../shared/corpus")
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("pdf/pypdf/libreoffice-writer-password.pdf", ProblemCode.ENCRYPTED),
        ("pdf/pdfminer.six/encryption/aes-256-r6.pdf", ProblemCode.ENCRYPTED),
        ("pdf/paperless-ngx/multi-page-images.pdf", ProblemCode.IMAGE_ONLY),
        ("pdf/pdfminer.six/scancode/patchelf.pdf", ProblemCode.EMPTY),
    ],
)
def test_corpus_problems(name: str, code: ProblemCode) -> None:
    assert code in codes(pdf.extract((CORPUS / name).read_bytes(), Limits()))


@pytest.mark.skipif(not (CORPUS / "pdf").is_dir(), reason="no corpus at ../shared/corpus")
def test_owner_password_only_opens_with_the_empty_password() -> None:
    path = CORPUS / "pdf/pypdf/encryption/r5-owner-password.pdf"

    extracted = pdf.extract(path.read_bytes(), Limits())

    assert extracted.problems == ()
    assert extracted.text
