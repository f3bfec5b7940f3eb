"""Header values as text: encoded words, raw 8-bit bytes and broken encodings."""

from hypothesis import given
from hypothesis import strategies as st

from parsers.headers import decode_header_text


def raw(value: bytes) -> str:
    """A header value as the stdlib parser hands raw 8-bit bytes over: surrogate escapes."""
    return value.decode("ascii", "surrogateescape")


def test_encoded_words_are_decoded_and_folding_undone():
    value = "=?utf-8?q?Voordracht_cli=C3=ABntondersteuning?=\r\n =?utf-8?q?_gemeente?= Zeist"
    assert decode_header_text(value) == "Voordracht cliëntondersteuning gemeente Zeist"


def test_raw_utf8_bytes_are_utf8():
    assert decode_header_text(raw("Cliëntondersteuning één".encode())) == "Cliëntondersteuning één"


def test_raw_windows_1252_bytes_are_windows_1252():
    value = raw("Voordracht gemeente één “Zorg”".encode("cp1252"))
    assert decode_header_text(value) == "Voordracht gemeente één “Zorg”"


def test_raw_utf8_with_one_stray_byte_stays_utf8():
    # A subject pasted together from two sources: UTF-8 with one Latin-1 byte.  Read as
    # Windows-1252 as a whole, every UTF-8 letter would turn into two ("CliÃ«nt").
    value = raw("Voordracht Cliëntondersteuning één gemeente".encode() + b" caf\xe9")
    assert decode_header_text(value) == "Voordracht Cliëntondersteuning één gemeente caf\ufffd"


def test_a_utf8_byte_order_mark_in_a_raw_header_is_dropped():
    assert decode_header_text(raw(b"\xef\xbb\xbfCaf\xc3\xa9")) == "Café"


def test_an_encoded_word_in_an_unknown_charset_is_read_leniently():
    assert decode_header_text("=?x-unknown?q?caf=E9?= in Zeist") == "café in Zeist"


def test_an_encoded_word_that_is_not_its_charset_is_read_leniently():
    assert decode_header_text("=?utf-8?q?caf=E9_=93Zorg=94?=") == "café “Zorg”"


def test_an_encoded_word_labelled_as_mail_clients_label_it_is_read():
    # Python knows neither "iso-8859-8-i" nor GB2312's superset; mail clients use both.
    hebrew = "=?iso-8859-8-i?B?7vLw5CAn4PDpIOzgIPDu9uAnOiBJbnZvaWNlIDAyNzIyMDI3?="
    assert decode_header_text(hebrew) == "מענה 'אני לא נמצא': Invoice 02722027"
    chinese = "=?gb2312?B?1uzpRrv5?="  # the middle character is in GBK, not in GB2312
    assert decode_header_text(chinese) == "朱镕基"


def test_an_encoded_word_with_a_nul_in_its_charset_is_read_leniently():
    assert decode_header_text("=?utf\x008?q?caf=E9?=") == "café"


def test_no_value_is_none():
    assert decode_header_text(None) is None


@given(st.binary(max_size=300))
def test_any_raw_bytes_give_text_without_surrogates(value: bytes):
    text = decode_header_text(raw(value))
    assert text is not None
    text.encode("utf-8")  # no surrogate escapes left
