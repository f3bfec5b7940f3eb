"""ZIP archives: their members become children, within a zip-bomb budget.

Only plain ZIP archives come here (DOCX and ODT are sniffed before).  What an archive may
cost is bounded three ways: the number of entries is counted from the central directory
before :mod:`zipfile` builds its index; the members' declared sizes must fit the unpacked
budget (``limits.max_unpacked_bytes``); and every member is read in chunks with a hard cap,
so a header that lies about its size cannot blow memory.  Each member also passes the checks
office documents pass (:func:`parsers.documents.safezip.check_members`: encryption,
compression method, declared ratio).  Unlike an office document, an archive is not refused
whole for one bad member: a member that cannot be read (encrypted, damaged, over budget) is
left out with a problem naming it, and the others still come through.  Member names are
data: they label the children and are never used as paths.
"""

from __future__ import annotations

import io
import lzma
import struct
import zipfile
import zlib
from dataclasses import replace

from parsers.documents import safezip
from parsers.model import Extracted, Limits, Part, Problem, ProblemCode

_CHUNK = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_EOCD = b"PK\x06\x06"
_ZIP64_EOCD_SIZE = 56
_CENTRAL_ENTRY = b"PK\x01\x02"
_CENTRAL_ENTRY_SIZE = 46
_MAX_COMMENT = 0xFFFF
_ONE_MEMBER = Limits(max_members=1)
_JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
)


def extract(data: bytes, limits: Limits) -> Extracted:
    """List a ZIP archive's members as children to extract in turn."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    entries = count_entries(data, stop_after=limits.max_members)
    if entries is not None and entries > limits.max_members:
        detail = f"more than {limits.max_members} members"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _extract_members(archive, limits)
    except (*_READ_ERRORS, NotImplementedError, RuntimeError) as exc:
        detail = f"not a readable ZIP archive: {type(exc).__name__}: {exc}"
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, detail[:300]),))


def count_entries(data: bytes, stop_after: int) -> int | None:
    """The number of entries in the central directory, counted up to ``stop_after + 1``.

    ``None`` when the end-of-central-directory record cannot be found (the archive is then
    left to :mod:`zipfile` to judge).  The entries are walked, not taken from the record's
    count, so an archive cannot lie about how many there are.
    """
    located = _central_directory(data)
    if located is None:
        return None
    position, size = located
    end = min(len(data), position + size)
    count = 0
    while count <= stop_after and position + _CENTRAL_ENTRY_SIZE <= end:
        if data[position : position + 4] != _CENTRAL_ENTRY:
            break
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, position + 28)
        position += _CENTRAL_ENTRY_SIZE + name_len + extra_len + comment_len
        count += 1
    return count


def _central_directory(data: bytes) -> tuple[int, int] | None:
    """Where the central directory starts and its size, as :mod:`zipfile` will find it."""
    tail_start = max(0, len(data) - _EOCD_SIZE - _MAX_COMMENT)
    eocd = data.rfind(_EOCD, tail_start)
    if eocd < 0 or eocd + _EOCD_SIZE > len(data):
        return None
    (size,) = struct.unpack_from("<I", data, eocd + 12)
    record_end = eocd
    locator = eocd - _ZIP64_LOCATOR_SIZE
    zip64 = locator - _ZIP64_EOCD_SIZE
    if (
        zip64 >= 0
        and data[locator : locator + 4] == _ZIP64_LOCATOR
        and data[zip64 : zip64 + 4] == _ZIP64_EOCD
    ):
        (size,) = struct.unpack_from("<Q", data, zip64 + 40)
        record_end = zip64
    # Like zipfile, place the directory just before its end record: that also covers
    # archives with data prepended (self-extracting executables).
    start = record_end - size
    return (start, size) if start >= 0 else None


def _extract_members(archive: zipfile.ZipFile, limits: Limits) -> Extracted:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        detail = f"{len(infos)} members, more than {limits.max_members}"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    children: list[Part] = []
    problems: list[Problem] = []
    budget = limits.max_unpacked_bytes
    for info in infos:
        if _is_skipped(info):
            continue
        outcome = _read_member(archive, info, budget)
        if isinstance(outcome, Problem):
            problems.append(outcome)
        else:
            budget -= len(outcome)
            children.append(Part(data=outcome, filename=info.filename))
    if not children and not problems:
        problems.append(Problem(ProblemCode.EMPTY, "the archive holds no files"))
    return Extracted(children=tuple(children), problems=tuple(problems))


def _is_skipped(info: zipfile.ZipInfo) -> bool:
    """Folders and the litter of desktop file managers are not documents."""
    name = info.filename.replace("\\", "/")
    if info.is_dir() or name.endswith("/"):
        return True
    parts = name.split("/")
    return "__MACOSX" in parts or parts[-1] in _JUNK_NAMES


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | Problem:
    """The member's bytes if they fit the ``budget`` left, else why not."""
    name = info.filename[:80]
    # The office-document guard, one member at a time: encrypted, compression methods
    # that inflate without bound per read (bzip2, LZMA), declared size and ratio.
    refused = safezip.check_members([info], replace(_ONE_MEMBER, max_unpacked_bytes=budget))
    if refused is not None:
        return refused
    try:
        content = _read_capped(archive, info, cap=info.file_size)
    except NotImplementedError as exc:
        return Problem(ProblemCode.UNSUPPORTED, f"ZIP member {name!r}: {exc}")
    except _READ_ERRORS as exc:
        detail = f"ZIP member {name!r} cannot be read: {type(exc).__name__}: {exc}"
        return Problem(ProblemCode.CORRUPT, detail[:300])
    if content is None:
        detail = f"ZIP member {name!r} unpacks to more than its declared {info.file_size} bytes"
        return Problem(ProblemCode.TOO_LARGE, detail)
    return content


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """The member's bytes, or ``None`` as soon as more than ``cap`` bytes come out."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as member:
        while chunk := member.read(min(_CHUNK, cap - total + 1)):
            total += len(chunk)
            if total > cap:
                return None
            chunks.append(chunk)
    return b"".join(chunks)
