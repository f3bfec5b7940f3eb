"""Outlook's TNEF (``winmail.dat``): the message body, and its attachments as children.

A TNEF stream (MS-OXTNEF) is a signature followed by attributes, each ``level`` (message or
attachment), ``id``, ``length``, data and a checksum.  The message's MAPI properties
(``attMAPIProps``) carry the body as plain text, HTML or compressed RTF; attachments begin at
``attAttachRendData`` and take their bytes from ``attAttachData`` or their MAPI properties
(``attAttachment``).  An attached message (an ``IMessage`` object) is itself a TNEF stream
and becomes a child, for the caller to read in turn and count as one level deeper.

The parser is written for hostile input: it walks the bytes once, every count read from the
stream is bounded by the bytes that remain, nothing recurses, and checksums are not trusted
to say anything (Outlook's own are sometimes wrong).  The subject is not part of the text:
a ``winmail.dat`` travels inside a mail whose own Subject header says it already.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from parsers.documents import msg, text
from parsers.model import Extracted, Limits, Part, Problem, ProblemCode

_SIGNATURE = 0x223E9F78
_LEVEL_MESSAGE = 1
_LEVEL_ATTACHMENT = 2
_ATTRIBUTE_HEADER = struct.Struct("<BII")
_ATTRIBUTE_OVERHEAD = _ATTRIBUTE_HEADER.size + 2  # header, then data, then a checksum

ATT_BODY = 0x800C
ATT_ATTACH_DATA = 0x800F
ATT_ATTACH_TITLE = 0x8010
ATT_ATTACH_REND_DATA = 0x9002
ATT_MAPI_PROPS = 0x9003
ATT_ATTACHMENT = 0x9005
ATT_OEM_CODEPAGE = 0x9007

_MV_FLAG = 0x1000
_NAMED_PROPERTY = 0x8000
_FIXED_SIZES = {
    0x0001: 4, 0x0002: 4, 0x0003: 4, 0x0004: 4, 0x000A: 4, 0x000B: 4,
    0x0005: 8, 0x0006: 8, 0x0007: 8, 0x0014: 8, 0x0040: 8, 0x0048: 16,
}  # fmt: skip
_TYPE_STRING8 = 0x001E
_TYPE_UNICODE = 0x001F
_TYPE_OBJECT = 0x000D
_VARIABLE_TYPES = frozenset({_TYPE_STRING8, _TYPE_UNICODE, _TYPE_OBJECT, 0x0102})
_IMESSAGE_IID = bytes.fromhex("0703020000000000c000000000000046")
_IID_SIZE = 16


@dataclass(frozen=True, slots=True)
class MapiValue:
    """One MAPI property value as stored: raw bytes, or text for the string types."""

    prop_type: int
    raw: bytes

    def as_int(self) -> int:
        return int.from_bytes(self.raw[:4], "little")

    def as_text(self, codec: str) -> str:
        if self.prop_type == _TYPE_UNICODE:
            value = self.raw[: len(self.raw) & ~1].decode("utf-16-le", "replace")
        else:
            value = self.raw.decode(codec, "replace")
        return value.split("\x00", 1)[0]


@dataclass(slots=True)
class _Attachment:
    title: str | None = None
    data: bytes | None = None
    properties: dict[int, MapiValue] = field(default_factory=dict)


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read a TNEF stream (``winmail.dat``, ``application/ms-tnef``)."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    if len(data) < 6 or struct.unpack_from("<I", data)[0] != _SIGNATURE:
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, "no TNEF signature"),))
    try:
        return _Stream(limits).read(data)
    except Exception as exc:  # noqa: BLE001 - hostile input must not crash the worker
        detail = f"unreadable TNEF: {type(exc).__name__}: {exc}"
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, detail[:300]),))


@dataclass(slots=True)
class _Stream:
    limits: Limits
    codec: str = "cp1252"
    message: dict[int, MapiValue] = field(default_factory=dict)
    legacy_body: bytes | None = None
    attachments: list[_Attachment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def read(self, data: bytes) -> Extracted:
        position = 6  # signature and legacy key
        while position + _ATTRIBUTE_OVERHEAD <= len(data):
            level, attribute, length = _ATTRIBUTE_HEADER.unpack_from(data, position)
            if level not in (_LEVEL_MESSAGE, _LEVEL_ATTACHMENT):
                break  # not an attribute: trailing bytes after the stream
            start = position + _ATTRIBUTE_HEADER.size
            if start + length > len(data):
                self.problems.append(Problem(ProblemCode.CORRUPT, "the TNEF stream is truncated"))
                self.on_attribute(level, attribute & 0xFFFF, data[start:])
                break
            # A missing checksum at the very end is no loss (Outlook has written such files).
            self.on_attribute(level, attribute & 0xFFFF, data[start : start + length])
            position = start + length + 2
        return self.result()

    def on_attribute(self, level: int, attribute: int, value: bytes) -> None:
        if attribute == ATT_OEM_CODEPAGE and len(value) >= 4:
            self.codec = msg.codec_for_codepage(struct.unpack_from("<I", value)[0])
        elif attribute == ATT_ATTACH_REND_DATA:
            self.attachments.append(_Attachment())
        elif level == _LEVEL_ATTACHMENT:
            self.on_attachment_attribute(attribute, value)
        elif attribute == ATT_MAPI_PROPS:
            self.message.update(decode_properties(value))
        elif attribute == ATT_BODY:
            self.legacy_body = value

    def on_attachment_attribute(self, attribute: int, value: bytes) -> None:
        if not self.attachments:
            self.attachments.append(_Attachment())
        attachment = self.attachments[-1]
        if attribute == ATT_ATTACH_DATA:
            attachment.data = value
        elif attribute == ATT_ATTACH_TITLE:
            attachment.title = value.decode(self.codec, "replace").split("\x00", 1)[0]
        elif attribute == ATT_ATTACHMENT:
            attachment.properties.update(decode_properties(value))

    def result(self) -> Extracted:
        body, body_problems = msg.body_text(self.message_text(), self.limits)
        children = self.children()
        problems = [*self.problems, *body_problems]
        if not body.strip() and not children:
            problems.append(Problem(ProblemCode.EMPTY, "no body and no attachments"))
        return Extracted(text=body, children=children, problems=tuple(problems))

    def message_text(self) -> msg.MessageText:
        properties = self.message
        plain = self.string(properties, msg.PR_BODY)
        if plain is None and self.legacy_body is not None:
            plain = text.decode_text(self.legacy_body, charset=self.codec)[0]
        html = properties.get(msg.PR_BODY_HTML)
        html_text = None
        if html is not None:
            if html.prop_type in (_TYPE_UNICODE, _TYPE_STRING8):
                html_text = html.as_text(self.codec)
            else:
                cpid = properties.get(msg.PR_INTERNET_CPID)
                charset = msg.codec_for_codepage(cpid.as_int() if cpid else 65001)
                html_text = text.decode_text(html.raw, charset=charset)[0]
        rtf = properties.get(msg.PR_RTF_COMPRESSED)
        return msg.MessageText(
            plain=plain, html=html_text, compressed_rtf=rtf.raw if rtf is not None else None
        )

    def children(self) -> tuple[Part, ...]:
        attachments = self.attachments
        if len(attachments) > self.limits.max_members:
            detail = f"{len(attachments)} attachments, more than {self.limits.max_members}"
            self.problems.append(Problem(ProblemCode.TOO_LARGE, detail))
            attachments = attachments[: self.limits.max_members]
        parts = (self.part(attachment) for attachment in attachments)
        return tuple(part for part in parts if part is not None)

    def part(self, attachment: _Attachment) -> Part | None:
        properties = attachment.properties
        content_type = self.string(properties, msg.PR_ATTACH_MIME_TAG)
        display_name = self.string(properties, msg.PR_DISPLAY_NAME)
        filename = (
            self.string(properties, msg.PR_ATTACH_LONG_FILENAME)
            or self.string(properties, msg.PR_ATTACH_FILENAME)
            or attachment.title
            or display_name
        )
        data = attachment.data
        stored = properties.get(msg.PR_ATTACH_DATA)
        if stored is not None and stored.prop_type == _TYPE_OBJECT:
            # An object's attAttachData is only a placeholder ("This attachment is a MAPI
            # 1.0 embedded message ..."); the object follows its interface id.
            filename = display_name or filename
            data = stored.raw[_IID_SIZE:]
            if stored.raw[:_IID_SIZE] == _IMESSAGE_IID:
                content_type = "application/ms-tnef"  # an attached message: TNEF again
        elif data is None and stored is not None:
            data = stored.raw
        if data is None:
            self.problems.append(
                Problem(ProblemCode.CORRUPT, f"attachment {filename!r} has no data")
            )
            return None
        hidden = properties.get(msg.PR_ATTACHMENT_HIDDEN)
        inline = msg.is_inline(
            content_type,
            self.string(properties, msg.PR_ATTACH_CONTENT_ID),
            bool(hidden and hidden.raw[:1] not in (b"", b"\x00")),
        )
        return Part(data=data, filename=filename or None, content_type=content_type, inline=inline)

    def string(self, properties: dict[int, MapiValue], prop: int) -> str | None:
        value = properties.get(prop)
        if value is None or value.prop_type not in (_TYPE_UNICODE, _TYPE_STRING8):
            return None
        return value.as_text(self.codec).strip() or None


def decode_properties(block: bytes) -> dict[int, MapiValue]:
    """The MAPI properties of an ``attMAPIProps`` or ``attAttachment`` block, by id.

    Named properties (ids from 0x8000) are skipped over; of a multi-valued property the first
    value is kept.  Decoding stops, keeping what was read, where the block ends or a type is
    unknown (its size cannot be known).
    """
    found: dict[int, MapiValue] = {}
    end = len(block)
    if end < 4:
        return found
    (count,) = struct.unpack_from("<I", block)
    position = 4
    for _ in range(min(count, end // 4)):  # every property takes at least 4 bytes
        if position + 4 > end:
            break
        prop_type, prop_id = struct.unpack_from("<HH", block, position)
        position = _skip_name(block, position + 4, prop_id)
        values, position = _values(block, position, prop_type)
        if position < 0:
            break
        if values and prop_id < _NAMED_PROPERTY and prop_id not in found:
            found[prop_id] = values[0]
    return found


def _skip_name(block: bytes, position: int, prop_id: int) -> int:
    """Past a named property's GUID and name (or id); ``len(block)`` if it runs out."""
    if prop_id < _NAMED_PROPERTY:
        return position
    position += 16  # the property set's GUID
    if position + 4 > len(block):
        return len(block)
    (kind,) = struct.unpack_from("<I", block, position)
    position += 4
    if kind == 0:
        return position + 4  # a numeric id
    if position + 4 > len(block):
        return len(block)
    (length,) = struct.unpack_from("<I", block, position)
    return position + 4 + _padded(length)


def _values(block: bytes, position: int, prop_type: int) -> tuple[list[MapiValue], int]:
    """A property's values and the position after them (``-1``: cannot go on)."""
    end = len(block)
    multi = bool(prop_type & _MV_FLAG)
    base_type = prop_type & ~_MV_FLAG
    count = 1
    if multi or base_type in _VARIABLE_TYPES:
        if position + 4 > end:
            return [], -1
        (count,) = struct.unpack_from("<I", block, position)
        position += 4
    count = min(count, (end - position) // 4 + 1)  # each value takes at least 4 bytes
    values: list[MapiValue] = []
    for _ in range(count):
        if base_type in _FIXED_SIZES:
            size = _FIXED_SIZES[base_type]
            raw = block[position : position + size]
            position += size
        elif base_type in _VARIABLE_TYPES:
            if position + 4 > end:
                return values, -1
            (length,) = struct.unpack_from("<I", block, position)
            raw = block[position + 4 : position + 4 + length]
            position += 4 + _padded(length)
        else:
            return values, -1
        if position > end:
            return values, -1
        values.append(MapiValue(base_type, raw))
    return values, position


def _padded(length: int) -> int:
    return (length + 3) & ~3
