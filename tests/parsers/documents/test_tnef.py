"""TNEF (winmail.dat): bodies, attachments, attached messages, and hostile streams."""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents import tnef
from parsers.model import Extracted, Limits, ProblemCode
from tests.support.paths import CORPUS

TNEF_CORPUS = sorted((CORPUS / "tnef").rglob("*.tnef"))
LIMITS = Limits()
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside")

SIGNATURE = struct.pack("<IH", 0x223E9F78, 0x0001)
MESSAGE, ATTACHMENT = 1, 2
PT_LONG, PT_STRING8, PT_UNICODE, PT_BINARY = 0x0003, 0x001E, 0x001F, 0x0102


def attribute(level: int, attribute_id: int, data: bytes, attribute_type: int = 6) -> bytes:
    """One TNEF attribute: level, id (with its type), length, data, checksum."""
    header = struct.pack("<BII", level, (attribute_type << 16) | attribute_id, len(data))
    return header + data + struct.pack("<H", sum(data) & 0xFFFF)


def variable(prop_type: int, prop_id: int, value: bytes) -> bytes:
    """A single-valued variable-size MAPI property, as TNEF stores it."""
    padding = bytes(-len(value) % 4)
    return struct.pack("<HHII", prop_type, prop_id, 1, len(value)) + value + padding


def properties(*encoded: bytes) -> bytes:
    return struct.pack("<I", len(encoded)) + b"".join(encoded)


def codes(result: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in result.problems]


def corpus(name: str) -> bytes:
    (path,) = (path for path in TNEF_CORPUS if path.name == name)
    return path.read_bytes()


# --- real streams -------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("path", TNEF_CORPUS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_corpus_file_is_read_quickly(path: Path) -> None:
    started = time.perf_counter()
    result = tnef.extract(path.read_bytes(), LIMITS)
    assert time.perf_counter() - started < 10
    assert ProblemCode.CORRUPT not in codes(result)


@needs_corpus
@pytest.mark.parametrize(
    ("name", "filenames"),
    [
        ("two-files.tnef", ["AUTHORS", "README"]),
        ("umlaut.tnef", ["TBZ PARIV GmbH.jpg", "image003.jpg", "UmlautAnhang-äüö.txt"]),
        ("MAPI_ATTACH_DATA_OBJ.tnef", ["VIA_Nytt_1402.doc", "VIA_Nytt_1402.pdf",
                                       "VIA_Nytt_14021.htm"]),
        ("data-before-name.tnef", ["AUTOEXEC.BAT", "CONFIG.SYS", "boot.ini"]),
        ("multi-value-attribute.tnef", ["208225__5_seconds__Voice_Mail.mp3"]),
        ("christmas.tnef", ["kitten-playing-with-a-christmas-tree.jpg", "Build a train table",
                            "Christmas Celebration!"]),
    ],
)  # fmt: skip
def test_attachments_come_with_their_names(name: str, filenames: list[str]) -> None:
    result = tnef.extract(corpus(name), LIMITS)
    assert [child.filename for child in result.children] == filenames


@needs_corpus
def test_attachment_bytes_are_whole() -> None:
    result = tnef.extract(corpus("MAPI_ATTACH_DATA_OBJ.tnef"), LIMITS)
    word, pdf, _ = result.children
    assert word.data.startswith(b"\xd0\xcf\x11\xe0") and len(word.data) % 512 == 0
    assert pdf.data.startswith(b"%PDF-") and pdf.data.rstrip().endswith(b"%%EOF")
    umlaut = tnef.extract(corpus("umlaut.tnef"), LIMITS)
    assert umlaut.children[1].inline  # the picture in the body, with a content id
    assert not umlaut.children[2].inline


@needs_corpus
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("rtf.tnef", "aafgag'alga'kgk"),  # compressed RTF only
        ("triples.tnef", "Sample description"),  # plain body
        ("body.tnef", "THE BILL OF RIGHTS"),  # HTML only
        ("umlaut.tnef", "TEST äöü +-*/~"),
        ("MAPI_ATTACH_DATA_OBJ.tnef", "Det er jo en velkjent sak at bodødamene"),
    ],
)
def test_the_body_is_read_from_plain_html_or_rtf(name: str, expected: str) -> None:
    assert expected in tnef.extract(corpus(name), LIMITS).text


@needs_corpus
def test_an_attached_message_is_a_tnef_child_read_in_turn() -> None:
    result = tnef.extract(corpus("christmas.tnef"), LIMITS)
    attached = [child for child in result.children if child.content_type == "application/ms-tnef"]
    assert len(attached) == 2
    train, celebration = (tnef.extract(child.data, LIMITS) for child in attached)
    assert "Build my nephew an HO-scale train table for Christmas." in train.text
    assert [child.filename for child in celebration.children] == [
        "kitten-playing-with-a-christmas-tree.jpg"
    ]


@needs_corpus
def test_a_stream_without_body_or_attachments_is_empty() -> None:
    assert codes(tnef.extract(corpus("garbage-at-end.tnef"), LIMITS)) == [ProblemCode.EMPTY]


# --- made-up streams ----------------------------------------------------------------------


def test_legacy_body_and_attachment_attributes() -> None:
    data = SIGNATURE + b"".join(
        [
            attribute(MESSAGE, 0x9007, struct.pack("<II", 1252, 0)),  # attOemCodepage
            attribute(MESSAGE, 0x800C, "Cliëntondersteuning in Zutphen".encode("cp1252"), 2),
            attribute(ATTACHMENT, 0x9002, bytes(14)),  # attAttachRendData: a new attachment
            attribute(ATTACHMENT, 0x8010, b"NOMINA~1.DOC\x00", 1),
            attribute(ATTACHMENT, 0x800F, b"\xd0\xcf\x11\xe0 nominatie"),
            attribute(
                ATTACHMENT,
                0x9005,
                properties(
                    variable(PT_UNICODE, 0x3707, "nominatie Zutphen.doc\x00".encode("utf-16-le")),
                    variable(PT_STRING8, 0x370E, b"application/msword\x00"),
                ),
            ),
        ]
    )
    result = tnef.extract(data, LIMITS)
    assert result.problems == ()
    assert result.text == "Cliëntondersteuning in Zutphen"
    (child,) = result.children
    assert child.filename == "nominatie Zutphen.doc"
    assert child.content_type == "application/msword"
    assert child.data == b"\xd0\xcf\x11\xe0 nominatie"


def test_mapi_body_properties() -> None:
    body = variable(PT_UNICODE, 0x1000, "Geachte jury,\r\nZutphen.\x00".encode("utf-16-le"))
    data = SIGNATURE + attribute(MESSAGE, 0x9003, properties(body))
    assert tnef.extract(data, LIMITS).text == "Geachte jury,\nZutphen."


def test_decode_properties_skips_named_and_fixed_properties() -> None:
    named = struct.pack("<HH", PT_LONG, 0x8001) + bytes(16) + struct.pack("<III", 0, 0x8530, 7)
    by_name = struct.pack("<HH", PT_LONG, 0x8002) + bytes(16) + struct.pack("<II", 1, 6)
    by_name += "ab\x00".encode("utf-16-le") + bytes(2) + struct.pack("<I", 9)  # padded to 4
    fixed = struct.pack("<HHI", PT_LONG, 0x3FDE, 65001)
    subject = variable(PT_STRING8, 0x0037, b"Nominatie\x00")
    found = tnef.decode_properties(properties(named, by_name, fixed, subject))
    assert found[0x3FDE].as_int() == 65001
    assert found[0x0037].as_text("cp1252") == "Nominatie"
    assert 0x8001 not in found and 0x8002 not in found


# --- hostile streams ----------------------------------------------------------------------


def test_huge_property_counts_cost_nothing() -> None:
    lying = struct.pack("<I", 0xFFFFFFFF) + struct.pack("<HHI", PT_BINARY, 0x1000, 0xFFFFFFFF)
    multi = struct.pack("<I", 1) + struct.pack("<HHI", 0x1003, 0x1234, 0xFFFFFFFF) + bytes(8)
    null = struct.pack("<I", 0xFFFFFFFF) + struct.pack("<HH", 0x0001, 0x1234) * 1000
    started = time.perf_counter()
    for block in (lying, multi, null):
        data = SIGNATURE + attribute(MESSAGE, 0x9003, block)
        assert isinstance(tnef.extract(data, LIMITS), Extracted)
    assert time.perf_counter() - started < 10  # a hang guard


def test_a_truncated_attribute_is_reported_and_what_came_before_kept() -> None:
    body = attribute(MESSAGE, 0x800C, b"Zutphen", 2)
    truncated = SIGNATURE + body + struct.pack("<BII", MESSAGE, 0x800F, 1_000_000) + b"abc"
    result = tnef.extract(truncated, LIMITS)
    assert result.text == "Zutphen"
    assert codes(result) == [ProblemCode.CORRUPT]


def test_many_tiny_attributes_are_linear() -> None:
    tiny = attribute(MESSAGE, 0x8008, b"x", 7)
    started = time.perf_counter()
    result = tnef.extract(SIGNATURE + tiny * 200_000, LIMITS)
    assert time.perf_counter() - started < 20  # a hang guard
    assert codes(result) == [ProblemCode.EMPTY]


def test_too_many_attachments() -> None:
    one = attribute(ATTACHMENT, 0x9002, bytes(14)) + attribute(ATTACHMENT, 0x800F, b"x")
    result = tnef.extract(SIGNATURE + one * 20, Limits(max_members=10))
    assert len(result.children) == 10
    assert codes(result) == [ProblemCode.TOO_LARGE]


def test_not_tnef() -> None:
    assert codes(tnef.extract(b"", LIMITS)) == [ProblemCode.CORRUPT]
    assert codes(tnef.extract(b"PK\x03\x04 not tnef", LIMITS)) == [ProblemCode.CORRUPT]
    assert codes(tnef.extract(SIGNATURE + b"x" * 100, Limits(max_bytes=50))) == [
        ProblemCode.TOO_LARGE
    ]


@needs_corpus
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_streams_give_a_result_never_an_exception(data: st.DataObject) -> None:
    damaged = bytearray(corpus("christmas.tnef")[:60_000])
    for _ in range(data.draw(st.integers(1, 20))):
        index = data.draw(st.integers(0, len(damaged) - 1))
        damaged[index] = data.draw(st.integers(0, 255))
    assert isinstance(tnef.extract(bytes(damaged), LIMITS), Extracted)


@given(st.binary(max_size=2000))
def test_any_bytes_after_the_signature_give_a_result(body: bytes) -> None:
    assert isinstance(tnef.extract(SIGNATURE + body, LIMITS), Extracted)
