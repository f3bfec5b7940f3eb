"""Sniff a document's kind from its bytes: senders' names and declared types lie.

Only the first bytes and, for ZIP and OLE containers, the member names at the root are
looked at.
"""

from __future__ import annotations

import io
import re
import zipfile

import olefile  # type: ignore[import-untyped]

from parsers.model import Kind

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TNEF_MAGIC = b"\x78\x9f\x3e\x22"
_IMAGE_MAGICS = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"BM",
    b"RIFF",  # WebP (checked below)
)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]", re.MULTILINE)
_MESSAGE_HEADERS = (
    b"from:",
    b"received:",
    b"message-id:",
    b"mime-version:",
    b"subject:",
    b"date:",
    b"return-path:",
    b"to:",
)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|table|span|br)\b", re.IGNORECASE)
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes) -> Kind:
    """The kind of document ``data`` holds."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return Kind.PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(_OLE_MAGIC):
        return _ole_kind(data)
    if head.startswith(_TNEF_MAGIC):
        return Kind.TNEF
    if head.lstrip()[:5].lower() == b"{\\rtf":
        return Kind.RTF
    if _is_image(head):
        return Kind.IMAGE
    if b"%PDF-" in head:
        return Kind.PDF  # readers accept the header anywhere in the first 1024 bytes
    if _looks_like_message(head):
        return Kind.MESSAGE
    if _looks_like_text(head):
        return Kind.HTML if _HTML.search(head) else Kind.TEXT
    return Kind.UNKNOWN


def _zip_kind(data: bytes) -> Kind:
    # A stored "mimetype" first member is how ODF announces itself (ODF 1.2, 3.3).
    if data[30:38] == b"mimetype" and data[38 : 38 + len(_ODT_MIMETYPE)] == _ODT_MIMETYPE:
        return Kind.ODT
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:5000])
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return Kind.ZIP  # the archive parser reports what is wrong with it
    if "word/document.xml" in names:
        return Kind.DOCX
    if "content.xml" in names and "mimetype" in names:
        return Kind.ODT
    return Kind.ZIP


def _ole_kind(data: bytes) -> Kind:
    """A compound file's kind by the streams at its root: an Outlook message carrying a
    Word 97 document holds that document's stream names too, but deeper down."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            root = {entry[0] for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # noqa: BLE001 - a damaged directory: fall back to the names' bytes
        root = set()
    if root:
        if "WordDocument" in root:
            return Kind.DOC
        if any(name.startswith("__substg1.0_") for name in root):
            return Kind.MSG
        if "EncryptedPackage" in root:
            return Kind.DOCX  # an encrypted OOXML file; the DOCX parser says so
        return Kind.UNKNOWN
    # The directory names are UTF-16LE in the compound file.
    if "__substg1.0_".encode("utf-16-le") in data:
        return Kind.MSG
    if "WordDocument".encode("utf-16-le") in data:
        return Kind.DOC
    if "EncryptedPackage".encode("utf-16-le") in data:
        return Kind.DOCX
    return Kind.UNKNOWN


def _is_image(head: bytes) -> bool:
    for magic in _IMAGE_MAGICS:
        if head.startswith(magic):
            return magic != b"RIFF" or head[8:12] == b"WEBP"
    return False


def _looks_like_message(head: bytes) -> bool:
    lines = head.split(b"\n", 12)[:12]
    names = [
        line.split(b":", 1)[0].strip().lower() + b":" for line in lines if _HEADER_LINE.match(line)
    ]
    known = sum(1 for name in names if name in _MESSAGE_HEADERS)
    return known >= 2 and bool(_HEADER_LINE.match(head.lstrip(b"\r\n")))


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls <= len(head) // 100
