"""Word 97-2003 binary documents (.doc): text from the piece table, pages as recorded.

A .doc is an OLE compound file (read with :mod:`olefile`).  Its ``WordDocument`` stream
starts with the File Information Block (FIB), which says which table stream (``0Table`` or
``1Table``) holds the piece table (the ``Clx``) and how many characters the main text has
(headers, footnotes and text boxes follow it and are left out).  Each piece is a run of
characters stored either as Windows-1252 bytes ("compressed") or as UTF-16LE.  Word's
control characters are then turned into plain text: of a field (``\\x13 code \\x14 result
\\x15``) only the result is kept, cell and row marks become tabs and newlines.  The page
count is the one recorded when the file was saved: in the SummaryInformation stream (Word),
else in the document properties (``cPg``, which LibreOffice fills in too).  The page size is
the first section's (``sprmSXaPage``/``sprmSYaPage``), Letter when not recorded.  Word 6/95
files are read when they are not "fast saved".
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, replace

import olefile  # type: ignore[import-untyped]

from parsers.model import Extracted, Limits, PageSize, PagesSource, Problem, ProblemCode

_WORD_MAGIC = 0xA5EC
_FLAG_COMPLEX = 0x0004
_FLAG_ENCRYPTED = 0x0100
_FLAG_TABLE_1 = 0x0200
_FLAG_OBFUSCATED = 0x8000
_NFIB_WORD97 = 0x00C0
_CSW_WORD97 = 14
_FC_CLX = 66
"""Index of ``fcClx`` among the FIB's fc/lcb pairs (``lcbClx`` follows)."""
_FC_PLCFSED = 12
_FC_DOP = 62
_SUMMARY_INFORMATION = "\x05SummaryInformation"
_PIDSI_PAGECOUNT = 14
_VT_I4 = 3
_DOP_PAGES = 0x2E
"""Offset of ``cPg`` (pages when last saved) in the Document Properties (DOP)."""
_CCP_TEXT = 3
"""Index of ``ccpText`` (main-text characters) in ``FibRgLw97``."""
_PIECE_COMPRESSED = 0x40000000
_PIECE_FC_MASK = 0x3FFFFFFF
_CLX_PRC = 1
_CLX_PCDT = 2
_SPRM_XA_PAGE = 0xB01F
_SPRM_YA_PAGE = 0xB020
_SPRM_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_LETTER_TWIPS = (12240, 15840)
_TWIPS_PER_MM = 1440 / 25.4
_FIELD_MARKS = re.compile("([\x13\x14\x15])")
_CELL_THEN_ROW_END = re.compile("\x07\x07")
_CONTROL_CHARACTERS = {
    **{code: None for code in range(32)},
    0x09: "\t",
    0x0A: "\n",
    0x0B: "\n",  # line break
    0x0C: "\n",  # page or section break
    0x0D: "\n",  # paragraph end
    0x0E: "\n",  # column break
    0x07: "\t",  # cell end
    0x1E: "-",  # non-breaking hyphen
    0x1F: None,  # optional hyphen
}


class _DocError(Exception):
    """Why a .doc cannot be read; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class _Fib:
    """The parts of the File Information Block this parser uses."""

    flags: int
    modern: bool
    """Word 97 or later (has a piece table in a separate table stream)."""
    ccp_text: int
    fc_lcb: tuple[int, ...]
    legacy_text_range: tuple[int, int] = (0, 0)


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read a Word 97-2003 (or Word 6/95) .doc file."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return with_damage(_extract_ole(ole), ole)
    except _DocError as exc:
        return Extracted(problems=(exc.problem,))
    except Exception as exc:  # noqa: BLE001 - hostile input must not crash the worker
        detail = f"not a readable Word document: {type(exc).__name__}: {exc}"
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, detail[:300]),))


def with_damage(result: Extracted, ole: olefile.OleFileIO) -> Extracted:
    """``result`` with a problem added if the compound file was damaged (truncated, say).

    :mod:`olefile` reads past what it can repair and lists the defects it met; what was read
    is kept, and the damage reported.
    """
    issues: list[tuple[type, str]] = ole.parsing_issues
    if not issues:
        return result
    more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
    damage = Problem(ProblemCode.CORRUPT, f"damaged compound file: {issues[0][1]}{more}")
    return replace(result, problems=(damage, *result.problems))


def _extract_ole(ole: olefile.OleFileIO) -> Extracted:
    if not ole.exists("WordDocument"):
        raise _DocError(Problem(ProblemCode.CORRUPT, "no WordDocument stream: not a .doc"))
    word_document: bytes = ole.openstream("WordDocument").read()
    fib = _read_fib(word_document)
    pages = _summary_pages(ole)
    if fib.modern:
        table = _table_stream(ole, fib)
        raw = _piece_table_text(word_document, table, fib)
        page_size = _page_size(word_document, table, fib)
        pages = pages or _dop_pages(table, fib)
    else:
        raw = _legacy_text(word_document, fib)
        page_size = None
    text = visible_text(raw)
    problems: tuple[Problem, ...] = ()
    if not text.strip():
        problems = (Problem(ProblemCode.EMPTY, "no text"),)
    return Extracted(
        text=text,
        pages=pages,
        pages_source=PagesSource.RECORDED if pages else None,
        page_size=page_size,
        problems=problems,
    )


def _read_fib(stream: bytes) -> _Fib:
    if len(stream) < 32 or struct.unpack_from("<H", stream, 0)[0] != _WORD_MAGIC:
        raise _DocError(Problem(ProblemCode.CORRUPT, "the WordDocument stream has no FIB"))
    n_fib, flags = struct.unpack_from("<H", stream, 2)[0], struct.unpack_from("<H", stream, 10)[0]
    if flags & (_FLAG_ENCRYPTED | _FLAG_OBFUSCATED):
        # Checked first: past its first 68 bytes, an encrypted file's FIB is encrypted too.
        raise _DocError(Problem(ProblemCode.ENCRYPTED, "the document is password-protected"))
    if len(stream) >= 34 and struct.unpack_from("<H", stream, 32)[0] == _CSW_WORD97:
        return _read_fib97(stream, flags)
    if n_fib >= _NFIB_WORD97:
        raise _DocError(Problem(ProblemCode.CORRUPT, "the FIB is malformed"))
    if flags & _FLAG_COMPLEX:
        raise _DocError(Problem(ProblemCode.UNSUPPORTED, "a fast-saved Word 6/95 document"))
    if len(stream) < 0x38:
        raise _DocError(Problem(ProblemCode.CORRUPT, "the FIB is truncated"))
    fc_min, fc_mac = struct.unpack_from("<II", stream, 0x18)
    ccp_text = struct.unpack_from("<I", stream, 0x34)[0]
    return _Fib(flags, False, ccp_text, (), (fc_min, fc_mac))


def _read_fib97(stream: bytes, flags: int) -> _Fib:
    try:
        position = 34 + _CSW_WORD97 * 2
        (cslw,) = struct.unpack_from("<H", stream, position)
        long_words = struct.unpack_from(f"<{cslw}I", stream, position + 2)
        position += 2 + cslw * 4
        (pair_count,) = struct.unpack_from("<H", stream, position)
        fc_lcb = struct.unpack_from(f"<{pair_count * 2}I", stream, position + 2)
    except struct.error as exc:
        raise _DocError(Problem(ProblemCode.CORRUPT, "the FIB is truncated")) from exc
    if len(long_words) <= _CCP_TEXT or len(fc_lcb) <= _FC_CLX + 1:
        raise _DocError(Problem(ProblemCode.CORRUPT, "the FIB is too short"))
    return _Fib(flags, True, long_words[_CCP_TEXT], fc_lcb)


def _table_stream(ole: olefile.OleFileIO, fib: _Fib) -> bytes:
    name = "1Table" if fib.flags & _FLAG_TABLE_1 else "0Table"
    if not ole.exists(name):
        raise _DocError(Problem(ProblemCode.CORRUPT, f"the {name} stream is missing"))
    table: bytes = ole.openstream(name).read()
    return table


def _piece_table_text(word_document: bytes, table: bytes, fib: _Fib) -> str:
    """The main text: the first ``ccpText`` characters, gathered piece by piece."""
    pieces = _pieces(_clx(table, fib))
    wanted = fib.ccp_text
    parts: list[str] = []
    for cp_start, cp_end, fc_raw in pieces:
        if wanted <= 0:
            break
        count = min(cp_end - cp_start, wanted)
        if count <= 0:
            continue
        wanted -= count
        if fc_raw & _PIECE_COMPRESSED:
            start = (fc_raw & _PIECE_FC_MASK) // 2
            parts.append(word_document[start : start + count].decode("cp1252", "replace"))
        else:
            start = fc_raw & _PIECE_FC_MASK
            chunk = word_document[start : start + 2 * count]
            parts.append(chunk[: len(chunk) & ~1].decode("utf-16-le", "replace"))
    return "".join(parts)


def _clx(table: bytes, fib: _Fib) -> bytes:
    fc, lcb = fib.fc_lcb[_FC_CLX], fib.fc_lcb[_FC_CLX + 1]
    if lcb == 0 or fc + lcb > len(table):
        raise _DocError(Problem(ProblemCode.CORRUPT, "the piece table is missing or truncated"))
    return table[fc : fc + lcb]


def _pieces(clx: bytes) -> list[tuple[int, int, int]]:
    """``(first cp, end cp, fc)`` of each piece in the Clx's PlcPcd."""
    position = 0
    while position < len(clx) and clx[position] == _CLX_PRC:
        if position + 3 > len(clx):
            break
        (size,) = struct.unpack_from("<h", clx, position + 1)
        position += 3 + max(0, size)
    if position + 5 > len(clx) or clx[position] != _CLX_PCDT:
        raise _DocError(Problem(ProblemCode.CORRUPT, "the piece table is malformed"))
    (lcb,) = struct.unpack_from("<I", clx, position + 1)
    plc = clx[position + 5 : position + 5 + lcb]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise _DocError(Problem(ProblemCode.CORRUPT, "the piece table is empty"))
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    descriptors = 4 * (count + 1)
    return [
        (cps[index], cps[index + 1], struct.unpack_from("<I", plc, descriptors + 8 * index + 2)[0])
        for index in range(count)
    ]


def _legacy_text(word_document: bytes, fib: _Fib) -> str:
    fc_min, fc_mac = fib.legacy_text_range
    end = min(fc_mac, fc_min + fib.ccp_text) if fib.ccp_text else fc_mac
    return word_document[fc_min:end].decode("cp1252", "replace")


def visible_text(raw: str) -> str:
    """Word's stored characters as a reader sees them: field results only, marks as layout."""
    shown: list[str] = []
    fields: list[bool] = []  # one per open field: has its result begun?
    in_code = 0  # open fields whose code (not yet result) is being read
    for piece in _FIELD_MARKS.split(raw):
        if piece == "\x13":
            fields.append(False)
            in_code += 1
        elif piece == "\x14":
            if fields and not fields[-1]:
                fields[-1] = True
                in_code -= 1
        elif piece == "\x15":
            if fields and not fields.pop():
                in_code -= 1
        elif not in_code:
            shown.append(piece)
    text = _CELL_THEN_ROW_END.sub("\t\n", "".join(shown))
    return text.translate(_CONTROL_CHARACTERS)


def _summary_pages(ole: olefile.OleFileIO) -> int | None:
    """``PIDSI_PAGECOUNT`` from the SummaryInformation stream (Word writes it).

    Read here, not with olefile's ``get_metadata``: that one loops over whatever vector
    length a damaged property set declares, which can take hours and gigabytes.
    """
    if not ole.exists(_SUMMARY_INFORMATION):
        return None
    stream: bytes = ole.openstream(_SUMMARY_INFORMATION).read()
    try:
        (section,) = struct.unpack_from("<I", stream, 44)  # offset of the first section
        (count,) = struct.unpack_from("<I", stream, section + 4)
        for index in range(min(count, (len(stream) - section) // 8)):
            prop_id, offset = struct.unpack_from("<II", stream, section + 8 + 8 * index)
            if prop_id == _PIDSI_PAGECOUNT:
                prop_type, pages = struct.unpack_from("<Hxxi", stream, section + offset)
                return pages if prop_type == _VT_I4 and pages > 0 else None
    except struct.error:
        return None
    return None


def _dop_pages(table: bytes, fib: _Fib) -> int | None:
    """``cPg`` from the document properties (LibreOffice writes only this one)."""
    fc, lcb = fib.fc_lcb[_FC_DOP], fib.fc_lcb[_FC_DOP + 1]
    if lcb < _DOP_PAGES + 2 or fc + lcb > len(table):
        return None
    (pages,) = struct.unpack_from("<h", table, fc + _DOP_PAGES)
    return pages if pages > 0 else None


def _page_size(word_document: bytes, table: bytes, fib: _Fib) -> PageSize | None:
    """The first section's page size (SEPX sprms); Word's default, Letter, if not recorded."""
    if len(fib.fc_lcb) <= _FC_PLCFSED + 1:
        return None
    fc, lcb = fib.fc_lcb[_FC_PLCFSED], fib.fc_lcb[_FC_PLCFSED + 1]
    if lcb < 16 or fc + lcb > len(table):
        return None
    # PlcfSed: (n + 1) CPs, then n 12-byte Sed entries whose bytes 2..6 are fcSepx.
    count = (lcb - 4) // 16
    (fc_sepx,) = struct.unpack_from("<i", table, fc + 4 * (count + 1) + 2)
    width, height = _LETTER_TWIPS
    if fc_sepx >= 0 and fc_sepx + 2 <= len(word_document):
        (size,) = struct.unpack_from("<h", word_document, fc_sepx)
        sprms = word_document[fc_sepx + 2 : fc_sepx + 2 + max(0, size)]
        width, height = _page_sprms(sprms, width, height)
    if width <= 0 or height <= 0:
        return None
    return PageSize(round(width / _TWIPS_PER_MM, 1), round(height / _TWIPS_PER_MM, 1))


def _page_sprms(sprms: bytes, width: int, height: int) -> tuple[int, int]:
    position = 0
    while position + 2 <= len(sprms):
        (opcode,) = struct.unpack_from("<H", sprms, position)
        position += 2
        operand_type = opcode >> 13
        if operand_type == 6:  # variable: the first byte is the size
            if position >= len(sprms):
                break
            size = 1 + sprms[position]
        else:
            size = _SPRM_OPERAND_SIZES[operand_type]
        if position + size > len(sprms):
            break
        if opcode == _SPRM_XA_PAGE:
            (width,) = struct.unpack_from("<H", sprms, position)
        elif opcode == _SPRM_YA_PAGE:
            (height,) = struct.unpack_from("<H", sprms, position)
        position += size
    return width, height
