"""Decoding text bytes: labels honoured where the bytes agree, mislabels corrected."""

import time
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import collapse_rfc2231_value
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.charset import decode
from parsers.model import ProblemCode
from tests.support.paths import CORPUS

EMAIL = CORPUS / "email"


def _codes(problems: tuple[object, ...]) -> list[str]:
    return [getattr(problem, "code", None) for problem in problems]


@pytest.mark.parametrize(
    ("payload", "declared", "expected"),
    [
        (b"Voordracht gemeente", "us-ascii", "Voordracht gemeente"),
        ("Cliëntondersteuning €".encode(), "utf-8", "Cliëntondersteuning €"),
        ("Cliëntondersteuning".encode("latin-1"), "iso-8859-1", "Cliëntondersteuning"),
        ("Café".encode("iso-8859-15"), "ISO-8859-15", "Café"),
        ("Café".encode("mac_roman"), "x-mac-roman", "Café"),
        ("Café".encode(), "utf8", "Café"),
        ("Café".encode(), '"UTF-8"', "Café"),
        ("Café".encode("cp1252"), "latin1", "Café"),
        ("Café “quoted”".encode("cp1252"), "win-1252", "Café “quoted”"),
        ("Café".encode("cp1252"), "CP-1252", "Café"),
        ("日本語のテキスト".encode("shift_jis"), "shift_jis", "日本語のテキスト"),
        ("日本語".encode("iso2022_jp"), "iso-2022-jp", "日本語"),
        ("Привет".encode("koi8-r"), "koi8-r", "Привет"),
        ("Één".encode("utf-16-le"), "utf-16le", "Één"),
    ],
)
def test_declared_charset_is_honoured_when_it_decodes(payload, declared, expected):
    assert decode(payload, declared) == (expected, ())


def test_iso_8859_1_with_windows_bytes_is_read_as_windows_1252():
    # 0x93/0x94 are C1 controls in Latin-1 but curly quotes in Windows-1252.
    text, problems = decode(b"\x93Zorg \x80 dichtbij\x94 \xe9\xe9n", "iso-8859-1")
    assert text == "“Zorg € dichtbij” één"
    assert problems == ()


def test_single_byte_label_on_utf8_text_is_read_as_utf8():
    payload = "Cliëntondersteuning – één".encode()
    assert decode(payload, "iso-8859-1") == ("Cliëntondersteuning – één", ())
    assert decode(payload, "us-ascii") == ("Cliëntondersteuning – één", ())


def test_us_ascii_with_windows_bytes_is_read_as_windows_1252_and_reported():
    text, problems = decode("Cliënt".encode("cp1252"), "us-ascii")
    assert text == "Cliënt"
    assert _codes(problems) == [ProblemCode.CHARSET]
    assert "us-ascii" in problems[0].detail


def test_utf8_label_on_windows_1252_text_is_read_as_windows_1252():
    text, problems = decode("Zo’n cliënt, één café".encode("cp1252"), "utf-8")
    assert text == "Zo’n cliënt, één café"
    assert _codes(problems) == [ProblemCode.CHARSET]


def test_mostly_utf8_with_a_bad_byte_stays_utf8_with_a_replacement():
    payload = "Cliëntondersteuning in één gemeente, café".encode() + b" \xe9 einde"
    text, problems = decode(payload, "utf-8")
    assert text == "Cliëntondersteuning in één gemeente, café \ufffd einde"
    assert _codes(problems) == [ProblemCode.CHARSET]
    assert "1 invalid utf-8" in problems[0].detail


def test_unknown_charset_falls_back_to_utf8_then_windows_1252():
    utf8 = decode("Één".encode(), "x-unknown")
    assert utf8[0] == "Één"
    assert _codes(utf8[1]) == [ProblemCode.CHARSET]
    assert "x-unknown" in utf8[1][0].detail
    assert decode("Één".encode("cp1252"), "bogus-charset")[0] == "Één"


@pytest.mark.parametrize("declared", ["base64", "unicode_escape", "rot13", "idna", "zlib"])
def test_codec_names_that_are_no_charset_are_refused(declared: str):
    text, problems = decode(b"caf\\xe9 \\u0041", declared)
    assert text == "caf\\xe9 \\u0041"
    assert _codes(problems) == [ProblemCode.CHARSET]


def test_a_label_with_a_nul_is_an_unknown_charset():
    # Python's codec lookup raises ValueError, not LookupError, on such a name.
    text, problems = decode("Café".encode(), "utf\x008")
    assert text == "Café"
    assert _codes(problems) == [ProblemCode.CHARSET]


@given(st.binary(max_size=200), st.text(max_size=30))
def test_any_label_gives_text_never_an_exception(payload: bytes, label: str):
    text, problems = decode(payload, label)
    assert isinstance(text, str)
    assert all(problem.code == ProblemCode.CHARSET for problem in problems)


def test_byte_order_marks_win_over_the_label():
    assert decode(b"\xef\xbb\xbfCaf\xc3\xa9", "iso-8859-1") == ("Café", ())
    assert decode("Café".encode("utf-16"), None) == ("Café", ())
    assert decode(b"\xfe\xff\x00C\x00a\x00f\x00\xe9", "us-ascii") == ("Café", ())


def test_windows_1252_undefined_byte_is_replaced_and_reported():
    text, problems = decode(b"caf\xe9 \x81", "windows-1252")
    assert text == "café \ufffd"
    assert _codes(problems) == [ProblemCode.CHARSET]


def test_utf16_label_on_ascii_text_is_a_mislabel():
    text, problems = decode(b"plain text", "utf-16")
    assert text == "plain text"
    assert _codes(problems) == [ProblemCode.CHARSET]


@given(st.binary(), st.sampled_from([None, "utf-8", "us-ascii", "iso-8859-1", "x-bogus", "utf-16"]))
def test_decode_never_raises_and_reports_every_replacement(payload: bytes, declared):
    text, problems = decode(payload, declared)
    if "\ufffd" in text and "\ufffd".encode() not in payload:
        assert ProblemCode.CHARSET in _codes(problems)


@given(st.text())
def test_utf8_round_trips(text: str):
    assert decode(text.encode(), "utf-8") == (text, ())


_DUTCH_WORD = st.sampled_from(["één", "café", "cliënt", "geïnd", "zo’n", "€5", "Ökö", "à", "de"])


@given(st.lists(_DUTCH_WORD, max_size=30))
def test_windows_1252_dutch_text_round_trips(words: list[str]):
    text = " ".join(words)
    assert decode(text.encode("cp1252"), "windows-1252") == (text, ())
    assert decode(text.encode("cp1252"), "iso-8859-1") == (text, ())


# --- UTF-16 without a byte-order mark ----------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_recognised_by_its_nul_bytes(encoding: str):
    # Notepad's "Unicode" saved without a mark; plain ASCII text, so every other byte is NUL.
    assert decode("Voordracht Zutphen".encode(encoding)) == ("Voordracht Zutphen", ())


def test_utf16_without_a_mark_under_an_8bit_label_is_a_mislabel():
    text, problems = decode("Cliëntondersteuning".encode("utf-16-le"), "us-ascii")
    assert text == "Cliëntondersteuning"
    assert _codes(problems) == [ProblemCode.CHARSET]
    assert "declared us-ascii but is utf-16-le" in problems[0].detail


def test_an_unknown_label_on_utf16_is_reported_once():
    text, problems = decode("Zutphen".encode("utf-16-le"), "x-bogus")
    assert text == "Zutphen"
    assert [problem.detail for problem in problems] == ["unknown charset 'x-bogus'"]


def test_valid_utf8_under_its_label_is_never_read_as_utf16():
    # Four bytes with a NUL in each odd place, but the label and the bytes agree.
    assert decode("0\x00\x80".encode(), "utf-8") == ("0\x00\x80", ())


def test_utf16_under_a_utf8_label_is_a_mislabel():
    text, problems = decode("Cliëntondersteuning".encode("utf-16-le"), "utf-8")
    assert text == "Cliëntondersteuning"
    assert "declared utf-8 but is utf-16-le" in problems[0].detail


def test_a_few_nul_bytes_do_not_make_text_utf16():
    assert decode(b"Zutphen\x00 een\x00", None) == ("Zutphen\x00 een\x00", ())


def test_literal_replacement_characters_are_not_counted_as_replaced():
    payload = "kapot: \ufffd\ufffd ".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    text, problems = decode(b"\xff\xfe" + payload)
    assert text.count("\ufffd") == 3
    assert "replaced 1 character(s)" in problems[0].detail


# --- the corpus --------------------------------------------------------------------


def _charset(part: Message) -> str | None:
    value = part.get_param("charset")
    if isinstance(value, tuple):
        return collapse_rfc2231_value(value)
    return value if isinstance(value, str) else None


def _decode_text_parts(path: Path) -> int:
    message = BytesParser(policy=compat32).parsebytes(path.read_bytes())
    parts = 0
    for part in message.walk():
        if part.get_content_type() not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        text, problems = decode(payload, _charset(part))
        assert isinstance(text, str)
        assert all(problem.code == ProblemCode.CHARSET for problem in problems)
        parts += 1
    return parts


@pytest.mark.skipif(not EMAIL.is_dir(), reason="the shared corpus is not here")
def test_every_text_part_in_the_corpus_decodes_quickly():
    paths = sorted(path for path in EMAIL.rglob("*") if path.is_file())
    started = time.perf_counter()
    parts = sum(_decode_text_parts(path) for path in paths)
    total = time.perf_counter() - started
    print(f"\ncorpus: {len(paths)} emails, {parts} text parts decoded in {total:.2f} s")
    assert parts > 1000
    assert total < 60  # a hang guard, not a speed target
