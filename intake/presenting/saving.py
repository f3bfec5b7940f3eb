"""``intake show REF --save FOLDER``: a message's attached files, written so the
coordinator can open them.

A sender's file name is untrusted: it never becomes a path.  Only its last component is
kept, characters a file system or a shell trips over are replaced, it is made short
enough, and a name that is taken (in the folder, or by an earlier attachment) gets a
number.  A file without a name is named by its reference and position, with the
extension of what its bytes are.  Nothing existing is ever overwritten.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from parsers.message import parse_message
from parsers.model import Kind
from parsers.sniff import sniff

_EXTENSIONS = {
    Kind.PDF: ".pdf",
    Kind.DOCX: ".docx",
    Kind.ODT: ".odt",
    Kind.DOC: ".doc",
    Kind.RTF: ".rtf",
    Kind.TEXT: ".txt",
    Kind.HTML: ".html",
    Kind.MESSAGE: ".eml",
    Kind.MSG: ".msg",
    Kind.TNEF: ".dat",
    Kind.ZIP: ".zip",
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
MAX_NAME_BYTES = 200
"""Well under the 255 bytes most file systems allow, leaving room for a number."""


@dataclass(frozen=True, slots=True)
class Saved:
    """One attachment written: the name the sender gave, and where it now is."""

    original: str | None
    path: Path
    size: int


def save_attachments(raw: bytes, ref: str, folder: Path) -> list[Saved]:
    """Write every file attached to the message ``raw`` into ``folder`` (made when
    missing); returns what was written, in message order."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for number, part in enumerate(parse_message(raw).parts, start=1):
        name = safe_name(part.filename) or _unnamed(ref, number, part.data)
        path = _free_path(folder, name)
        with _create_new(path) as handle:
            handle.write(part.data)
        saved.append(Saved(part.filename, path, len(part.data)))
    return saved


def safe_name(name: str | None) -> str | None:
    """A sender's file name made safe to create, or None when nothing usable is left."""
    if not name:
        return None
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name))[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base or set(base) <= {"_", "."}:
        return None
    if _RESERVED.match(base):
        base = f"_{base}"
    stem, dot, extension = base.rpartition(".")
    if not dot or len(extension) > 10:
        stem, extension = base, ""
    while len(f"{stem}.{extension}".encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return f"{stem}.{extension}" if extension else stem


def _unnamed(ref: str, number: int, data: bytes) -> str:
    return f"{ref}-{number}{extension(data)}"


def extension(data: bytes) -> str:
    """The file extension for what ``data`` is, as its bytes say (``.bin``: unknown)."""
    return _EXTENSIONS.get(sniff(data), ".bin")


def _free_path(folder: Path, name: str) -> Path:
    candidate = folder / name
    stem, extension = os.path.splitext(name)
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem} ({number}){extension}"
        number += 1
    return candidate


def _create_new(path: Path) -> IO[bytes]:
    """Open ``path`` for writing only if it does not exist; never follows a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    return os.fdopen(os.open(path, flags, 0o644), "wb")
