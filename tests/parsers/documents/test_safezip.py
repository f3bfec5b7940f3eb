"""The zip-bomb and XML-entity guards that DOCX and ODT share."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest

from parsers.documents.safezip import (
    check_members,
    declares_dtd,
    open_zip,
    parse_xml,
    read_member,
    stored_copy,
)
from parsers.model import Limits, Problem, ProblemCode
from tests.support.paths import DOCS

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>"""


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def member(
    name: str, size: int, packed: int, method: int = zipfile.ZIP_DEFLATED
) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.file_size, info.compress_size, info.compress_type = size, packed, method
    return info


def code(result: object) -> ProblemCode | None:
    return result.code if isinstance(result, Problem) else None


# --- open_zip and the declared members ----------------------------------------------------


def test_a_real_package_opens() -> None:
    archive = open_zip((DOCS / "nomination-1page-a4.docx").read_bytes(), Limits())

    assert isinstance(archive, zipfile.ZipFile)
    assert "word/document.xml" in archive.namelist()


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 not really", b"plain text"])
def test_not_a_zip_is_corrupt(data: bytes) -> None:
    assert code(open_zip(data, Limits())) is ProblemCode.CORRUPT


def test_member_count_limit() -> None:
    data = zip_of({f"{n}.xml": b"<a/>" for n in range(6)})

    assert code(open_zip(data, Limits(max_members=5))) is ProblemCode.TOO_LARGE
    assert isinstance(open_zip(data, Limits(max_members=6)), zipfile.ZipFile)


def test_a_central_directory_declaring_too_many_entries_is_refused_before_reading_it() -> None:
    data = bytearray(zip_of({"a.xml": b"<a/>"}))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 0xFFFF, 0xFFFF)  # entries on disk, in total

    problem = open_zip(bytes(data), Limits())

    assert code(problem) is ProblemCode.TOO_LARGE


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([member("a", 150 * 2**20, 2**20), member("b", 60 * 2**20, 2**20)], ProblemCode.TOO_LARGE),
        ([member("bomb.xml", 100 * 2**20, 10_000)], ProblemCode.TOO_LARGE),  # 10 000 : 1
        ([member("b.xml", 2**20, 10, zipfile.ZIP_BZIP2)], ProblemCode.CORRUPT),
        ([member("l.xml", 2**20, 10, zipfile.ZIP_LZMA)], ProblemCode.CORRUPT),
        ([member("ok.xml", 50 * 2**20, 2**20), member("small", 10_000, 1)], None),
    ],
)
def test_declared_members(members: list[zipfile.ZipInfo], expected: ProblemCode | None) -> None:
    assert code(check_members(members, Limits())) is expected


def test_an_encrypted_member_is_encrypted() -> None:
    locked = member("content.xml", 100, 100)
    locked.flag_bits |= 0x1

    assert code(check_members([locked], Limits())) is ProblemCode.ENCRYPTED


# --- reading members ----------------------------------------------------------------------


def test_a_member_that_inflates_beyond_its_declared_size_is_cut_and_refused() -> None:
    data = bytearray(zip_of({"big.xml": b" " * (8 * 2**20)}))
    directory = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, directory + 24, 1000)  # claims 1000 bytes unpacked
    archive = open_zip(bytes(data), Limits())
    assert isinstance(archive, zipfile.ZipFile)
    tracemalloc.start()

    content = read_member(archive, "big.xml")

    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert code(content) is ProblemCode.CORRUPT  # the CRC of the first 1000 bytes fails
    assert peak < 2**20


def test_a_missing_member_is_corrupt() -> None:
    archive = open_zip(zip_of({"a.xml": b"<a/>"}), Limits())
    assert isinstance(archive, zipfile.ZipFile)

    assert code(read_member(archive, "content.xml")) is ProblemCode.CORRUPT


def test_stored_copy_has_the_same_members_uncompressed() -> None:
    original = zip_of({"a.xml": b"<a>" + b"x" * 1000 + b"</a>", "b.bin": bytes(range(256))})
    archive = open_zip(original, Limits())
    assert isinstance(archive, zipfile.ZipFile)

    copy = stored_copy(archive)

    assert isinstance(copy, bytes)
    with zipfile.ZipFile(io.BytesIO(copy)) as copied:
        assert [i.compress_type for i in copied.infolist()] == [zipfile.ZIP_STORED] * 2
        assert copied.read("b.bin") == bytes(range(256))
        assert copied.read("a.xml").startswith(b"<a>xxx")


def test_stored_copy_refuses_xml_with_a_dtd() -> None:
    archive = open_zip(zip_of({"ok.xml": b"<a/>", "word/document.xml": LAUGHS}), Limits())
    assert isinstance(archive, zipfile.ZipFile)

    problem = stored_copy(archive)

    assert code(problem) is ProblemCode.CORRUPT
    assert isinstance(problem, Problem) and "word/document.xml" in problem.detail


# --- XML ------------------------------------------------------------------------------------


def test_parse_xml_reads_namespaces() -> None:
    root = parse_xml(b'<a xmlns="urn:x"><b c="1">tekst</b></a>')

    assert not isinstance(root, Problem)
    assert root.findtext("{urn:x}b") == "tekst"


@pytest.mark.parametrize(
    "content",
    [
        LAUGHS,
        b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>',
        b'<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>',
        LAUGHS.replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16"),
    ],
)
def test_parse_xml_refuses_any_dtd(content: bytes) -> None:
    problem = parse_xml(content, "content.xml")

    assert code(problem) is ProblemCode.CORRUPT
    assert isinstance(problem, Problem) and "document type" in problem.detail
    assert declares_dtd(content)


def test_parse_xml_reports_broken_xml() -> None:
    problem = parse_xml(b"<a><b></a>", "content.xml")

    assert code(problem) is ProblemCode.CORRUPT
    assert isinstance(problem, Problem) and "not well-formed" in problem.detail


@pytest.mark.parametrize(
    "content",
    [b"<a/>", b"\x89PNG\r\n\x1a\n" + bytes(100), b"", b"<a><!-- <!DOCTYPE in a comment --></a>"],
)
def test_no_dtd(content: bytes) -> None:
    assert not declares_dtd(content)


def test_a_dtd_in_an_encoding_expat_does_not_know_is_still_found() -> None:
    content = b'<?xml version="1.0" encoding="x-unknown"?><!DOCTYPE a [<!ENTITY b "c">]><a/>'

    assert declares_dtd(content)


def test_xml_in_an_unknown_encoding_is_corrupt() -> None:
    assert code(parse_xml(b'<?xml version="1.0" encoding="x-unknown"?><a/>')) is (
        ProblemCode.CORRUPT
    )
