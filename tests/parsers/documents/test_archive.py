"""ZIP archives: members come out as children, bombs and lies are refused quickly."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents import archive
from parsers.model import Extracted, Limits, ProblemCode
from tests.support.paths import DOCS

DATA = DOCS
LIMITS = Limits()
DOCX_BYTES = (DATA / "nomination-1page-a4.docx").read_bytes()


def codes(result: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in result.problems]


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as created:
        for name, content in members.items():
            created.writestr(name, content)
    return buffer.getvalue()


def test_members_become_children_with_their_names() -> None:
    data = make_zip(
        {
            "nominatie/voordracht-zutphen.docx": DOCX_BYTES,
            "nominatie/toelichting.txt": "Cliëntondersteuning".encode(),
        }
    )
    result = archive.extract(data, LIMITS)
    assert result.problems == ()
    assert [(child.filename, child.data) for child in result.children] == [
        ("nominatie/voordracht-zutphen.docx", DOCX_BYTES),
        ("nominatie/toelichting.txt", "Cliëntondersteuning".encode()),
    ]
    assert result.text == ""


def test_folders_and_desktop_litter_are_skipped() -> None:
    data = make_zip(
        {
            "nominatie/": b"",
            "nominatie/voordracht.docx": DOCX_BYTES,
            "__MACOSX/nominatie/._voordracht.docx": b"\x00\x05\x16\x07",
            "nominatie/.DS_Store": b"\x00\x00\x00\x01Bud1",
            "Thumbs.db": b"\xd0\xcf\x11\xe0",
        }
    )
    result = archive.extract(data, LIMITS)
    assert [child.filename for child in result.children] == ["nominatie/voordracht.docx"]


def test_a_nested_zip_is_just_a_child() -> None:
    inner = make_zip({"voordracht.docx": DOCX_BYTES})
    result = archive.extract(make_zip({"inner.zip": inner}), LIMITS)
    assert [(child.filename, child.data) for child in result.children] == [("inner.zip", inner)]


def test_member_names_are_data_not_paths() -> None:
    name = "../../../../etc/cron.d/evil"
    result = archive.extract(make_zip({name: b"* * * * * root true\n"}), LIMITS)
    assert [child.filename for child in result.children] == [name]


def test_an_encrypted_member_is_reported_the_others_still_come() -> None:
    # Made with Info-ZIP: one plain member, one added with ``zip -P``.
    data = (DATA / "invalid" / "encrypted-member.zip").read_bytes()
    result = archive.extract(data, LIMITS)
    assert [child.filename for child in result.children] == ["toelichting.txt"]
    assert codes(result) == [ProblemCode.ENCRYPTED]
    assert "nominatie.txt" in result.problems[0].detail


def zip_bomb(unpacked_mib: int) -> bytes:
    """A ZIP of one member of ``unpacked_mib`` MiB of zeros, built without inflating it.

    A deflate stream ending in a sync flush can be repeated: one MiB of zeros is compressed
    once and its blocks written ``unpacked_mib`` times (about 1 KB each).
    """
    mib = bytes(1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(mib) + compressor.flush(zlib.Z_SYNC_FLUSH)
    payload = block * unpacked_mib + b"\x03\x00"  # an empty final block
    crc = 0
    for _ in range(unpacked_mib):
        crc = zlib.crc32(mib, crc)
    return raw_zip([("zeros.bin", 8, crc, len(mib) * unpacked_mib, payload)])


def raw_zip(members: list[tuple[str, int, int, int, bytes]]) -> bytes:
    """A ZIP written by hand: (name, method, CRC-32, unpacked size, payload) per member."""
    body, directory = bytearray(), bytearray()
    for name, method, crc, size, payload in members:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, method, 0, 0x21, crc, len(payload), size)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        directory += struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(body)) + encoded
        body += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + payload
    end = struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), len(body), 0)
    return bytes(body + directory + b"PK\x05\x06" + end)


def test_the_bomb_builder_builds_a_real_zip() -> None:
    with zipfile.ZipFile(io.BytesIO(zip_bomb(3))) as built:
        assert built.read("zeros.bin") == bytes(3 * 1024 * 1024)


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = zip_bomb(1024)  # 1 GiB of zeros in about 1 MB
    assert len(bomb) < 2 * 1024 * 1024
    started = time.perf_counter()
    result = archive.extract(bomb, LIMITS)
    assert time.perf_counter() - started < 10  # a hang guard
    assert result.children == ()
    assert codes(result) == [ProblemCode.TOO_LARGE]


def test_a_bomb_member_is_refused_and_its_neighbours_still_come() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as created:
        with created.open("zeros.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(bytes(64 * 1024))  # 19 MB, a compression ratio of about 1000
        created.writestr("voordracht.txt", b"Nominatie gemeente Zutphen")
    result = archive.extract(buffer.getvalue(), Limits(max_unpacked_bytes=10 * 1024 * 1024))
    assert codes(result) == [ProblemCode.TOO_LARGE]
    assert [child.filename for child in result.children] == ["voordracht.txt"]


def test_the_unpacked_budget_is_shared_by_all_members() -> None:
    data = make_zip({"a.txt": b"a" * 600, "b.txt": b"b" * 600, "c.txt": b"c" * 300})
    result = archive.extract(data, Limits(max_unpacked_bytes=1000))
    assert [child.filename for child in result.children] == ["a.txt", "c.txt"]
    assert codes(result) == [ProblemCode.TOO_LARGE]


def test_a_member_lying_about_its_size_gives_no_more_than_declared() -> None:
    honest = make_zip({"voordracht.txt": b"Z" * 10_000})
    # Declare 100 bytes in the local header and in the central directory.
    lying = bytearray(honest)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = lying.index(signature)
        lying[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
    result = archive.extract(bytes(lying), LIMITS)
    assert all(len(child.data) <= 100 for child in result.children)
    assert codes(result) in ([ProblemCode.CORRUPT], [ProblemCode.TOO_LARGE])


def test_too_many_members_are_refused_from_the_central_directory() -> None:
    data = make_zip({f"{index}.txt": b"" for index in range(1001)}, zipfile.ZIP_STORED)
    started = time.perf_counter()
    result = archive.extract(data, LIMITS)
    assert time.perf_counter() - started < 10  # a hang guard
    assert result.children == ()
    assert codes(result) == [ProblemCode.TOO_LARGE]


def test_an_end_record_understating_the_count_does_not_fool_the_guard() -> None:
    data = bytearray(make_zip({f"{index}.txt": b"" for index in range(1001)}, zipfile.ZIP_STORED))
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 1, 1)  # "one member"
    result = archive.extract(bytes(data), LIMITS)
    assert result.children == ()
    assert codes(result) == [ProblemCode.TOO_LARGE]


def test_count_entries_walks_the_directory_and_stops_early() -> None:
    data = make_zip({f"{index}.txt": b"x" for index in range(50)})
    assert archive.count_entries(data, stop_after=1000) == 50
    assert archive.count_entries(data, stop_after=10) == 11
    assert archive.count_entries(b"no zip here", stop_after=10) is None


def test_count_entries_reads_a_zip64_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as created:
        for index in range(3):
            with created.open(f"{index}.txt", "w", force_zip64=True) as member:
                member.write(b"x")
    assert archive.count_entries(buffer.getvalue(), stop_after=10) == 3


def test_bzip2_members_are_refused() -> None:
    # bzip2 inflates without bound per read: no office program writes it, so neither here.
    result = archive.extract(make_zip({"a.txt": b"a" * 100}, zipfile.ZIP_BZIP2), LIMITS)
    assert result.children == ()
    assert codes(result) == [ProblemCode.CORRUPT]


def test_a_damaged_member_is_reported_the_others_still_come() -> None:
    data = bytearray(make_zip({"a.txt": b"A" * 5000, "b.txt": b"B" * 5000}))
    at = data.index(b"PK\x03\x04") + 30 + len("a.txt")
    data[at : at + 8] = b"\xff" * 8  # garble a.txt's deflate stream
    result = archive.extract(bytes(data), LIMITS)
    assert [child.filename for child in result.children] == ["b.txt"]
    assert codes(result) == [ProblemCode.CORRUPT]


def test_not_a_zip_and_an_empty_zip() -> None:
    assert codes(archive.extract(b"PK\x03\x04 but nothing more", LIMITS)) == [ProblemCode.CORRUPT]
    assert codes(archive.extract(make_zip({}), LIMITS)) == [ProblemCode.EMPTY]


def test_too_large_input_is_not_opened() -> None:
    result = archive.extract(make_zip({"a.txt": b"a" * 1000}), Limits(max_bytes=100))
    assert codes(result) == [ProblemCode.TOO_LARGE]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_archives_give_a_result_never_an_exception(data: st.DataObject) -> None:
    original = bytearray(make_zip({"a.txt": b"Zutphen " * 100, "b.docx": DOCX_BYTES[:3000]}))
    for _ in range(data.draw(st.integers(1, 8))):
        index = data.draw(st.integers(0, len(original) - 1))
        original[index] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(original)))
    result = archive.extract(bytes(original[:cut]), LIMITS)
    assert isinstance(result, Extracted)
