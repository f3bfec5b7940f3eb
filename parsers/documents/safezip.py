"""Open ZIP-based documents (DOCX, ODT) and parse their XML without being bombed.

Office files are ZIP archives of XML, which makes them a favourite of hostile input:

- **zip bombs**: a few kilobytes that inflate to gigabytes.  :func:`open_zip` reads the
  archive's own declarations first (member count, uncompressed sizes, compression ratio,
  compression method) and refuses what is out of bounds before anything is inflated.
  Members are then only ever inflated in small chunks by :func:`read_member`, which stops at
  the declared size, so a member that lies about its size cannot allocate more than it
  declared.  A library that reads members whole (python-docx) gets :func:`stored_copy`: the
  same members re-packed uncompressed, so it has nothing left to inflate.
- **entity expansion** (billion laughs, external entities): no office format needs a
  document type declaration, so :func:`parse_xml` and :func:`declares_dtd` refuse any XML
  that has one, before a single entity is declared.  (ElementTree alone would not do: it
  keeps expat parsing after a handler raises, so entities would be declared and expanded up
  to expat's own amplification limit before the error surfaced.)

Every function returns a :class:`~parsers.model.Problem` instead of raising for bad input.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.etree import ElementTree
from xml.parsers import expat

from parsers.model import Limits, Problem, ProblemCode

MAX_RATIO = 1100
"""Deflate cannot compress better than about 1032:1; a higher declared ratio is a bomb."""
RATIO_FLOOR_BYTES = 1024 * 1024
"""Members smaller than this are not held to :data:`MAX_RATIO` (nothing to fear there)."""
_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
"""The only methods office suites write; bzip2 and LZMA inflate without any bound per read."""
_CHUNK = 64 * 1024
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIGNATURE = b"PK\x05\x06"
_EOCD_SEARCH = _EOCD.size + 0xFFFF
"""The end record sits within its own size plus the longest archive comment of the end."""
_CENTRAL_ENTRY_BYTES = 46
_CENTRAL_ENTRY_ALLOWANCE = 1024
"""Generous room per member for its name and extra fields in the central directory."""
_DOCTYPES = tuple(
    "<!DOCTYPE".encode(encoding)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile | Problem:
    """The archive in ``data`` if it is safe to read within ``limits``, else the problem."""
    declared = _check_end_record(data, limits)
    if declared is not None:
        return declared
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        OSError,
        NotImplementedError,  # "zip file version 6.4": a damaged or exotic header
    ) as exc:
        return Problem(ProblemCode.CORRUPT, f"not a readable ZIP archive: {exc}"[:200])
    problem = check_members(archive.infolist(), limits)
    if problem is not None:
        archive.close()
        return problem
    return archive


def check_members(members: list[zipfile.ZipInfo], limits: Limits) -> Problem | None:
    """What is wrong with an archive's declared members, if anything (the zip-bomb guard)."""
    if len(members) > limits.max_members:
        detail = f"{len(members)} members, more than the limit of {limits.max_members}"
        return Problem(ProblemCode.TOO_LARGE, detail)
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        detail = f"unpacks to {unpacked} bytes, more than the limit of {limits.max_unpacked_bytes}"
        return Problem(ProblemCode.TOO_LARGE, detail)
    for member in members:
        problem = _check_member(member)
        if problem is not None:
            return problem
    return None


def _check_member(member: zipfile.ZipInfo) -> Problem | None:
    name = member.filename[:80]
    if member.flag_bits & 0x1:
        return Problem(ProblemCode.ENCRYPTED, f"ZIP member {name!r} is encrypted")
    if member.compress_type not in _COMPRESSIONS:
        detail = f"ZIP member {name!r} uses compression method {member.compress_type}"
        return Problem(ProblemCode.CORRUPT, detail)
    if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(
        member.compress_size, 1
    ):
        detail = f"ZIP member {name!r} declares a compression ratio no real file has"
        return Problem(ProblemCode.TOO_LARGE, detail)
    return None


def _check_end_record(data: bytes, limits: Limits) -> Problem | None:
    """Refuse a huge central directory before :mod:`zipfile` builds an object per entry."""
    at = data.rfind(_EOCD_SIGNATURE, max(0, len(data) - _EOCD_SEARCH))
    if at < 0 or at + _EOCD.size > len(data):
        return None  # not a ZIP at all: zipfile says so in its own words
    fields = _EOCD.unpack_from(data, at)
    entries, directory_size = fields[4], fields[5]
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        return Problem(ProblemCode.TOO_LARGE, "a ZIP64 archive (far more members than a document)")
    most = limits.max_members * (_CENTRAL_ENTRY_BYTES + _CENTRAL_ENTRY_ALLOWANCE)
    if entries > limits.max_members or directory_size > most:
        detail = f"central directory declares {entries} members in {directory_size} bytes"
        return Problem(ProblemCode.TOO_LARGE, detail)
    return None


def read_member(archive: zipfile.ZipFile, name: str) -> bytes | Problem:
    """One member's bytes, inflated in small chunks and never beyond its declared size."""
    try:
        member = archive.getinfo(name)
    except KeyError:
        return Problem(ProblemCode.CORRUPT, f"ZIP member {name[:80]!r} is missing")
    return _read(archive, member)


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes | Problem:
    chunks: list[bytes] = []
    try:
        with archive.open(member) as stream:
            # read(n) inflates at most n bytes per call; read() would inflate all at once.
            while chunk := stream.read(_CHUNK):
                chunks.append(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        ValueError,
        RuntimeError,
        OSError,
    ) as exc:
        detail = f"ZIP member {member.filename[:80]!r} cannot be read: {exc}"
        return Problem(ProblemCode.CORRUPT, detail[:200])
    return b"".join(chunks)


def stored_copy(archive: zipfile.ZipFile) -> bytes | Problem:
    """The archive re-packed without compression, every XML member checked for a DTD.

    For libraries that read members whole: they then only copy bytes already bounded here.
    A name the archive holds twice is copied once, as :mod:`zipfile` reads it (the last).
    """
    members = {member.filename: member for member in archive.infolist() if not member.is_dir()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as copy:
        for member in members.values():
            content = _read(archive, member)
            if isinstance(content, Problem):
                return content
            if declares_dtd(content):
                return _dtd_problem(member.filename)
            copy.writestr(_stored_info(member), content)
    return buffer.getvalue()


def _stored_info(member: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(member.filename)  # a fixed date: the member's may be nonsense
    info.compress_type = zipfile.ZIP_STORED
    return info


class _Refused(Exception):
    """Raised from inside the XML parser to stop it at a document type declaration."""


class _PrologDone(Exception):
    """Raised from inside the XML parser at the root element: no DTD can follow."""


class _RefusingBuilder(ElementTree.TreeBuilder):
    """Builds the tree, but refuses a DOCTYPE (a second line: :func:`declares_dtd` is first)."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused(name)


def parse_xml(content: bytes, name: str = "XML") -> ElementTree.Element | Problem:
    """The root element of ``content``; XML with a DTD, or not well-formed, is a problem.

    The DTD is refused before the tree is built, so no entity is ever declared or expanded.
    """
    if declares_dtd(content):
        return _dtd_problem(name)
    # No DTD: nothing is left for defusedxml to defuse, and the builder refuses one anyway.
    parser = ElementTree.XMLParser(target=_RefusingBuilder())  # noqa: S314
    try:
        parser.feed(content)
        root: ElementTree.Element = parser.close()
    except _Refused:
        return _dtd_problem(name)
    except (SyntaxError, LookupError, ValueError) as exc:  # ParseError; unknown encodings
        return Problem(ProblemCode.CORRUPT, f"{name[:80]} is not well-formed XML: {exc}"[:200])
    return root


def declares_dtd(content: bytes) -> bool:
    """Whether ``content`` (any member, XML or not) has a document type declaration.

    Expat reads only the prolog: it is stopped at the DOCTYPE (before its first entity
    declaration) or at the root element (no DTD can follow).  Where it gives up before
    (an encoding it does not know, or no XML at all) the bytes are searched instead, so that
    a DTD in an encoding another parser knows (lxml reads more of them) cannot slip through.
    """
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse
    parser.StartElementHandler = _prolog_done
    try:
        parser.Parse(content, True)
    except _Refused:
        return True
    except _PrologDone:
        return False
    except (expat.ExpatError, LookupError, ValueError):  # not XML, or an unknown encoding
        return any(doctype in content for doctype in _DOCTYPES)
    return False


def _refuse(*_: object) -> None:
    raise _Refused


def _prolog_done(*_: object) -> None:
    raise _PrologDone


def _dtd_problem(name: str) -> Problem:
    detail = f"{name[:80]}: XML with a document type (entity declarations), refused"
    return Problem(ProblemCode.CORRUPT, detail)
