"""RTF to text: real documents, encodings, tables, and hostile input."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents import rtf
from parsers.model import Extracted, Limits, PagesSource, ProblemCode
from tests.support.paths import CORPUS, DOCS

DATA = DOCS
RTF_CORPUS = sorted((CORPUS / "rtf").rglob("*.rtf")) if CORPUS.is_dir() else []
EXPECTED = CORPUS / "expected-text" / "striprtf"
LIMITS = Limits()
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside")


def codes(result: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in result.problems]


def words(text: str) -> list[str]:
    """Text compared by its words: striprtf writes table cells as ``|``, this parser tabs."""
    return re.sub(r"[|\s]+", " ", text).split()


def convert(source: str) -> str:
    return rtf.convert(source.encode("latin-1")).text


# --- real documents ---------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    "path",
    [path for path in RTF_CORPUS if (EXPECTED / f"{path.stem}.txt").exists()],
    ids=lambda path: path.stem,
)
def test_corpus_text_matches_the_expected_text(path: Path) -> None:
    expected = (EXPECTED / f"{path.stem}.txt").read_text(encoding="utf-8")
    result = rtf.extract(path.read_bytes(), LIMITS)
    assert words(result.text) == words(expected)


@needs_corpus
@pytest.mark.parametrize("path", RTF_CORPUS, ids=lambda path: path.stem)
def test_every_corpus_file_is_read_quickly(path: Path) -> None:
    started = time.perf_counter()
    result = rtf.extract(path.read_bytes(), LIMITS)
    assert time.perf_counter() - started < 10
    assert result.text.strip()
    assert ProblemCode.CORRUPT not in codes(result)


@needs_corpus
@pytest.mark.parametrize(
    ("name", "pages", "size"),
    [
        ("BVWGT_20241227_W258_2227269_1_00_01", 1, "A4"),
        ("Speiseplan_KW_32-33_Eybl", 2, "Letter"),
        ("issue_29_bad", 32, "A4"),  # landscape A4
        ("calcium_score", None, "A4"),  # LibreOffice records no page count
    ],
)
def test_recorded_pages_and_paper_size(name: str, pages: int | None, size: str) -> None:
    result = rtf.extract((CORPUS / "rtf" / "striprtf" / f"{name}.rtf").read_bytes(), LIMITS)
    assert result.pages == pages
    assert result.pages_source == (PagesSource.RECORDED if pages else None)
    assert result.page_size is not None
    assert result.page_size.name == size


def test_libreoffice_nomination() -> None:
    result = rtf.extract((DATA / "nomination-1page-a4.rtf").read_bytes(), LIMITS)
    assert result.problems == ()
    assert "Cliëntondersteuning staat hoog op de agenda" in result.text
    assert "De gemeente Lochem draagt met overtuiging de gemeente Zutphen voor" in result.text
    assert result.page_size is not None and result.page_size.is_a4


# --- the RTF language -----------------------------------------------------------------------


def test_paragraphs_lines_tabs_and_special_characters() -> None:
    source = r"{\rtf1\ansi Eerste\par Tweede\line derde\tab vierde \emdash\~x\_y\-z\{\}\\}"
    assert convert(source) == "Eerste\nTweede\nderde\tvierde \u2014\u00a0x-yz{}\\"


def test_tables_become_tabs_and_newlines_also_when_nested() -> None:
    source = (
        r"{\rtf1 \trowd\cellx1000\cellx2000 A1\cell B1\cell\row"
        r"\pard\intbl X\nestcell Y\nestcell{\*\nesttableprops\nestrow}\cell\row}"
    )
    assert convert(source) == "A1\tB1\t\nX\tY\t\n\t\n"


def test_destinations_without_body_text_are_skipped() -> None:
    source = (
        r"{\rtf1\ansi{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red0\green0\blue0;}"
        r"{\stylesheet{\s0 Normal;}}{\info{\title Geheim}{\author X}}"
        r"{\*\generator Writer;}{\header Koptekst\par}{\pict\pngblip 89504e47}"
        r"{\*\unknowndestination niet tonen}Zichtbaar}"
    )
    assert convert(source) == "Zichtbaar"


def test_fields_show_their_result_not_their_instruction() -> None:
    source = (
        r'{\rtf1 Zie {\field{\*\fldinst HYPERLINK "https://example.org"}'
        r"{\fldrslt de website}} of {\field{\fldinst PAGE}{\fldrslt 1}}.}"
    )
    assert convert(source) == "Zie de website of 1."


def test_binary_data_is_skipped_by_its_length() -> None:
    payload = b"}{\\par not text}"
    data = b"{\\rtf1 voor {\\pict\\bin" + str(len(payload)).encode() + b" " + payload + b"}na}"
    assert rtf.convert(data).text == "voor na"


def test_hex_bytes_use_the_document_code_page() -> None:
    assert convert(r"{\rtf1\ansi\ansicpg1250 \'9ail\'e8}") == "šilč"
    assert convert(r"{\rtf1\ansi Cli\'ebnt}") == "Cliënt"
    assert convert(r"{\rtf1\mac caf\'8e}") == "café"


def test_hex_bytes_use_the_fonts_character_set() -> None:
    source = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset204 Arial;}"
        r"{\f2\fcharset161 Arial;}{\f3\fcharset128 MS Mincho;}}"
        r"\f0 caf\'e9 {\f1 \'cf\'f0\'e8\'e2\'e5\'f2} {\f2 \'e2} {\f3 \'93\'fa\'96\'7b} caf\'e9}"
    )
    assert convert(source) == "café Привет β 日本 café"


def test_text_before_any_font_change_is_in_the_default_font() -> None:
    source = r"{\rtf1\ansi\ansicpg1252\deff1{\fonttbl{\f0 Arial;}{\f1\fcharset204 Arial;}}\'cf\'f0}"
    assert convert(source) == "Пр"


def test_unicode_escapes_skip_their_fallback() -> None:
    source = (
        r"{\rtf1\uc1 Cli\u235\'ebnt \uc2\u8364\'80\'80 "
        r"{\uc1\u-10179?\u-8704?} {\uc0\u8220 x}\u8221?}"
    )
    assert convert(source) == "Cliënt € \U0001f600 \u201cx\u201d"


def test_an_unbalanced_closing_brace_does_not_hide_the_rest() -> None:
    assert convert(r"{\rtf1 een}} twee}") == "een twee"


def test_an_unknown_code_page_is_reported() -> None:
    result = rtf.convert(rb"{\rtf1\ansi\ansicpg99999 caf\'e9}")
    assert result.text == "café"
    assert [problem.code for problem in result.problems] == [ProblemCode.CHARSET]


# --- hostile and broken input -----------------------------------------------------------


def test_a_million_nested_groups_cost_neither_recursion_nor_time() -> None:
    depth = 1_000_000
    data = b"{\\rtf1 " + b"{" * depth + b"diep" + b"}" * depth + b" ondiep}"
    started = time.perf_counter()
    result = rtf.extract(data, LIMITS)
    assert time.perf_counter() - started < 20  # a hang guard
    assert result.text == "diep ondiep"
    assert codes(result) == [ProblemCode.CORRUPT]


def test_deep_nesting_of_distinct_groups_is_bounded() -> None:
    data = b"{\\rtf1 " + b"{\\f1 x" * 200_000
    started = time.perf_counter()
    result = rtf.extract(data, LIMITS)
    assert time.perf_counter() - started < 30  # a hang guard
    assert result.text == "x" * 200_000


def test_a_huge_binary_length_ends_the_document_quietly() -> None:
    result = rtf.extract(b"{\\rtf1 tekst{\\pict\\bin9999999999 abc}}", LIMITS)
    assert result.text == "tekst"


def test_not_rtf_and_empty_rtf() -> None:
    assert codes(rtf.extract(b"%PDF-1.7", LIMITS)) == [ProblemCode.CORRUPT]
    assert codes(rtf.extract(b"{\\rtf1{\\fonttbl{\\f0 Arial;}}}", LIMITS)) == [ProblemCode.EMPTY]
    assert codes(rtf.extract(b"{\\rtf1 x}", Limits(max_bytes=5))) == [ProblemCode.TOO_LARGE]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_after_the_header_give_a_result(body: bytes) -> None:
    result = rtf.extract(b"{\\rtf1 " + body, LIMITS)
    assert isinstance(result.text, str)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [b"{", b"}", b"\\par ", b"\\u-3 ", b"\\uc5", b"\\'e9", b"\\*", b"\\bin3 ", b"\\",
             b"\\f1 ", b"\\ansicpg932 ", b"\\fonttbl", b"x", b"\\'", b"\\u99999999 "]
        ),
        max_size=300,
    )
)  # fmt: skip
def test_any_token_soup_gives_a_result(tokens: list[bytes]) -> None:
    result = rtf.extract(b"{\\rtf1 " + b"".join(tokens), LIMITS)
    assert isinstance(result.text, str)


# --- compressed RTF (Outlook) -------------------------------------------------------------


def test_compressed_rtf_from_an_outlook_message() -> None:
    olefile = pytest.importorskip("olefile")
    with olefile.OleFileIO(str(DATA / "nomination-forwarded.msg")) as ole:
        compressed = ole.openstream("__substg1.0_10090102").read()
    raw = rtf.decompress_rtf(compressed, max_size=LIMITS.max_bytes)
    assert raw.startswith(b"{\\rtf1")
    assert "gemeente Zutphen voor als koploper" in " ".join(rtf.convert(raw).text.split())


def test_uncompressed_rtf_in_the_compressed_rtf_wrapper() -> None:
    body = b"{\\rtf1 Zutphen}"
    sizes = (len(body) + 12).to_bytes(4, "little") + len(body).to_bytes(4, "little")
    wrapped = sizes + b"MELA" + bytes(4) + body  # the type, then a CRC that is not checked
    assert rtf.decompress_rtf(wrapped, max_size=1000) == body


def test_compressed_rtf_output_is_capped() -> None:
    # A reference that copies the dictionary over and over: output bounded by max_size.
    header = (1000).to_bytes(4, "little") + (10**9).to_bytes(4, "little") + b"LZFu" + bytes(4)
    body = (b"\xff" + b"\x00\x0f" * 8) * 10_000
    assert len(rtf.decompress_rtf(header + body, max_size=5000)) == 5000


def test_not_compressed_rtf() -> None:
    with pytest.raises(rtf.CompressedRtfError):
        rtf.decompress_rtf(b"short", max_size=100)
    with pytest.raises(rtf.CompressedRtfError):
        rtf.decompress_rtf(bytes(12) + b"ABCD" + bytes(20), max_size=100)
