"""Plain-text and HTML attachments: charsets found honestly, binary refused."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.documents import text
from parsers.model import Extracted, Limits, ProblemCode

LIMITS = Limits()
NOMINATION = "Nominatie Koplopers Cliëntondersteuning: gemeente Zutphen, één A4."


def codes(result: Extracted) -> set[ProblemCode]:
    return {problem.code for problem in result.problems}


def test_utf8_text_is_read_as_is() -> None:
    result = text.extract(NOMINATION.encode("utf-8"), LIMITS)
    assert result.text == NOMINATION
    assert result.problems == ()


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding(bom: bytes, encoding: str) -> None:
    result = text.extract(bom + NOMINATION.encode(encoding), LIMITS)
    assert result.text == NOMINATION
    assert result.problems == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_recognised(encoding: str) -> None:
    # Notepad's "Unicode" without BOM: NUL bytes in every other place.
    result = text.extract(NOMINATION.encode(encoding), LIMITS)
    assert result.text == NOMINATION
    assert result.problems == ()


def test_windows_1252_is_the_fallback_and_not_a_problem_when_it_decodes() -> None:
    result = text.extract("Cliëntondersteuning – “koploper” €".encode("cp1252"), LIMITS)
    assert result.text == "Cliëntondersteuning – “koploper” €"
    assert result.problems == ()


def test_bytes_no_charset_decodes_are_replaced_and_reported() -> None:
    # 0x81 and 0x8d are undefined in Windows-1252 and invalid UTF-8.
    result = text.extract(b"Zutphen \x81\x8d nominatie", LIMITS)
    assert result.text == "Zutphen \ufffd\ufffd nominatie"
    assert codes(result) == {ProblemCode.CHARSET}


def test_a_literal_replacement_character_is_not_a_charset_problem() -> None:
    result = text.extract("kapot teken: \ufffd".encode("utf-8"), LIMITS)
    assert result.problems == ()


def test_newlines_are_normalised() -> None:
    result = text.extract(b"regel 1\r\nregel 2\rregel 3\n", LIMITS)
    assert result.text == "regel 1\nregel 2\nregel 3\n"


def test_mostly_nul_bytes_is_binary_not_text() -> None:
    result = text.extract(b"\x00\x01\x00\x00\x02\x00\x00\x00\xff" * 100, LIMITS)
    assert result.text == ""
    assert codes(result) == {ProblemCode.CORRUPT}


def test_empty_and_blank_text_is_reported_empty() -> None:
    assert codes(text.extract(b"", LIMITS)) == {ProblemCode.EMPTY}
    assert codes(text.extract(b" \r\n\t ", LIMITS)) == {ProblemCode.EMPTY}


def test_too_large_input_is_not_decoded() -> None:
    result = text.extract(b"x" * 101, Limits(max_bytes=100))
    assert result.text == ""
    assert codes(result) == {ProblemCode.TOO_LARGE}


def test_a_declared_charset_is_used_when_it_decodes() -> None:
    decoded, problems = text.decode_text("Ελληνικά".encode("iso-8859-7"), charset="iso-8859-7")
    assert decoded == "Ελληνικά"
    assert problems == ()


def test_an_unknown_declared_charset_is_reported_and_guessed_past() -> None:
    decoded, problems = text.decode_text(b"gemeente Zutphen", charset="x-no-such-charset")
    assert decoded == "gemeente Zutphen"
    assert [problem.code for problem in problems] == [ProblemCode.CHARSET]


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    # Read as Windows-1252 as a whole, every UTF-8 letter would turn into two ("CliÃ«nt").
    data = NOMINATION.encode("utf-8") + b" caf\xe9"
    result = text.extract(data, LIMITS)
    assert result.text == NOMINATION + " caf\ufffd"
    assert codes(result) == {ProblemCode.CHARSET}


def test_an_ascii_label_on_windows_1252_is_reported() -> None:
    decoded, problems = text.decode_text("Cliëntondersteuning".encode("cp1252"), "us-ascii")
    assert decoded == "Cliëntondersteuning"
    assert [problem.code for problem in problems] == [ProblemCode.CHARSET]


def test_a_mostly_nul_file_is_binary_whatever_its_label() -> None:
    decoded, problems = text.decode_text(b"<p>x</p>" + bytes(200), charset="utf-8")
    assert decoded == ""
    assert [problem.code for problem in problems] == [ProblemCode.CORRUPT]


def test_a_byte_order_mark_says_text_however_many_nuls_follow() -> None:
    decoded, problems = text.decode_text(codecs.BOM_UTF8 + b"0\x00\x00")
    assert (decoded, problems) == ("0", ())


@given(st.binary(max_size=2000))
def test_any_bytes_give_a_result_never_an_exception(data: bytes) -> None:
    result = text.extract(data, LIMITS)
    assert isinstance(result.text, str)
    assert "\x00" not in result.text


@given(st.text(max_size=500))
def test_utf8_text_round_trips(value: str) -> None:
    decoded, _ = text.decode_text(codecs.BOM_UTF8 + value.encode("utf-8", "surrogatepass"))
    expected = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    assert decoded == expected.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# --- HTML (uses the shared HTML converter, parsers.html_text) -------------------------------


def test_html_text_is_what_a_reader_sees() -> None:
    pytest.importorskip("parsers.html_text")
    page = (
        b"<html><head><title>x</title><style>p {color: red}</style></head>"
        b"<body><p>Nominatie <b>gemeente Zutphen</b></p><script>alert(1)</script></body></html>"
    )
    result = text.extract_html(page, LIMITS)
    assert "Nominatie" in result.text
    assert "gemeente Zutphen" in result.text
    assert "alert" not in result.text
    assert "color" not in result.text


def test_html_meta_charset_is_honoured() -> None:
    pytest.importorskip("parsers.html_text")
    page = '<meta charset="windows-1252"><p>Cliëntondersteuning</p>'.encode("cp1252")
    result = text.extract_html(page, LIMITS)
    assert "Cliëntondersteuning" in result.text
    assert result.problems == ()


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ("gb2312", "gbk"),  # read as GB18030, as mail clients do: 镕 is not in GB2312
        ("x-mac-cyrillic", "mac_cyrillic"),
        ("windows-1251", "utf-8"),  # UTF-8 under a single-byte label is UTF-8
    ],
)
def test_html_meta_charsets_are_read_as_mail_clients_read_them(meta: str, encoding: str) -> None:
    words = "朱镕基" if encoding == "gbk" else "Профиль"
    page = f'<meta charset="{meta}"><p>{words}</p>'.encode(encoding)
    result = text.extract_html(page, LIMITS)
    assert result.text.strip() == words
    assert result.problems == ()


def test_html_with_a_wrong_meta_charset_still_reads() -> None:
    pytest.importorskip("parsers.html_text")
    page = '<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">'
    page += "<p>Cliëntondersteuning</p>"
    result = text.extract_html(page.encode("utf-8"), LIMITS)
    assert "Cliëntondersteuning" in result.text
