"""Regenerate the Outlook .msg files in this folder (not run by tests).

    python -m venv /tmp/forge && /tmp/forge/bin/pip install msgforge olefile
    /tmp/forge/bin/python tests/data/mail/make_outlook.py

There is no Outlook here, so msgforge (PyPI), a pure-Python writer of compound files and
MS-OXMSG messages, writes them.  msgforge has no API for the properties a received mail
has (its transport headers, its Message-ID, In-Reply-To) nor for an attachment that is a
link to a file, so those are added with its compound-file writer (an internal class): the
message msgforge wrote is copied stream by stream, with the extra property streams and
their entries in the properties stream.  The sent times are fixed, so the bytes are the
same on every run.

- ``outlook-received-nomination.msg``: a nomination as Outlook saves a received mail: the
  transport headers (our server's Received line at 16:58:30 on the deadline day), the
  Message-ID, plain and HTML body, the nomination PDF attached.
- ``outlook-sent-reply.msg``: a reply as Outlook saves a sent item: no transport headers;
  From, To and Cc recipients, Message-ID and In-Reply-To as properties; a DOCX attached
  and a second attachment that is only a link to a file on a network share.
- ``outlook-word-97-attached.msg``: a nomination with a Word 97-2003 ``.doc`` attached,
  whose stream names lie inside the message's compound file.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from pathlib import Path

import olefile
from msgforge import Message
from msgforge._builder import _MSG_CLSID, _build_msg, _OleWriter

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs"
TOP_LEVEL_HEADER = 32
PT_LONG = 0x0003
PT_UNICODE = 0x001F

RECEIVED_HEADERS = (
    "Received: from mail.gemeente-lochem.example (mail.gemeente-lochem.example\r\n"
    " [192.0.2.25]) by mx.koplopers.example (Postfix) with ESMTPS id 4A1B2C3D4E\r\n"
    " for <koplopers@koplopers.example>; Thu, 1 Jun 2017 16:58:30 +0200 (CEST)\r\n"
    "Received: from LOCHEM-EX01.gemeente-lochem.local (10.1.2.3) by\r\n"
    " mail.gemeente-lochem.example (10.1.2.4) with Microsoft SMTP Server id\r\n"
    " 15.1.1034.26; Thu, 1 Jun 2017 16:58:27 +0200\r\n"
    "From: Team Wmo gemeente Lochem <wmo@gemeente-lochem.example>\r\n"
    "To: Koplopers =?utf-8?q?Cli=C3=ABntondersteuning?= <koplopers@koplopers.example>\r\n"
    "Subject: Voordracht koploper =?utf-8?q?cli=C3=ABntondersteuning=3A?= gemeente Lochem\r\n"
    "Date: Thu, 1 Jun 2017 16:58:21 +0200\r\n"
    "Message-ID: <A1B2C3D4E5F6@LOCHEM-EX01.gemeente-lochem.local>\r\n"
    "Content-Type: multipart/mixed;\r\n"
    '\tboundary="_004_A1B2C3D4E5F6LOCHEMEX01gemeentelochemlocal_"\r\n'
    "MIME-Version: 1.0\r\n"
    "X-MS-Has-Attach: yes\r\n"
    "\r\n"
)


def received_nomination() -> bytes:
    message = Message(
        subject="Voordracht koploper cliëntondersteuning: gemeente Lochem",
        text_body=(
            "Geachte jury,\r\n\r\nHierbij dragen wij de gemeente Lochem voor als koploper "
            "cliëntondersteuning. Onze toelichting langs de drie criteria staat in de "
            "bijlage.\r\n\r\nMet vriendelijke groet,\r\nTeam Wmo gemeente Lochem\r\n"
        ),
        html_body=(
            "<p>Geachte jury,</p><p>Hierbij dragen wij de gemeente Lochem voor als koploper "
            "cliëntondersteuning. Onze toelichting langs de drie criteria staat in de "
            "bijlage.</p><p>Met vriendelijke groet,<br>Team Wmo gemeente Lochem</p>"
        ),
        to=[("koplopers@koplopers.example", "Koplopers Cliëntondersteuning")],
        sender=("wmo@gemeente-lochem.example", "Team Wmo gemeente Lochem"),
        sent=datetime(2017, 6, 1, 14, 58, 21, tzinfo=UTC),
    )
    message.attach_bytes("Voordracht Lochem.pdf", (DOCS / "nomination-1page-a4.pdf").read_bytes())
    return with_properties(
        _build_msg(message),
        {
            0x007D: RECEIVED_HEADERS,  # PR_TRANSPORT_MESSAGE_HEADERS
            0x1035: "<A1B2C3D4E5F6@LOCHEM-EX01.gemeente-lochem.local>",  # message id
        },
    )


def sent_reply() -> bytes:
    message = Message(
        subject="RE: Vraag over de oproep koplopers",
        text_body=(
            "Beste jury,\r\n\r\nIn de bijlage vindt u onze aangepaste voordracht.\r\n\r\n"
            "Met vriendelijke groet,\r\nWmo-adviesraad Deventer\r\n"
        ),
        to=[("koplopers@koplopers.example", "Koplopers Cliëntondersteuning")],
        cc=[("secretaris@adviesraad-deventer.example", "Secretaris Wmo-adviesraad")],
        sender=("voorzitter@adviesraad-deventer.example", "Voorzitter Wmo-adviesraad"),
        sent=datetime(2017, 5, 30, 9, 15, tzinfo=UTC),
    )
    message.attach_bytes(
        "Voordracht Deventer.docx", (DOCS / "nomination-1page-a4.docx").read_bytes()
    )
    return with_properties(
        _build_msg(message),
        {
            0x1035: "<reply-7f3a@adviesraad-deventer.example>",  # PR_INTERNET_MESSAGE_ID
            0x1042: "<question-19c2@koplopers.example>",  # PR_IN_REPLY_TO_ID
        },
        link_attachment="\\\\fileserver\\wmo\\Voordracht Deventer (oud).docx",
    )


def word_97_attached() -> bytes:
    """A nomination saved from Outlook with a Word 97-2003 document attached: its own
    stream names (WordDocument) lie inside the message's compound file."""
    message = Message(
        subject="Voordracht koplopers: gemeente Zutphen",
        text_body="Beste jury,\r\n\r\nIn de bijlage onze voordracht van Zutphen.\r\n",
        to=[("koplopers@koplopers.example", "Koplopers Cliëntondersteuning")],
        sender=("wmo@lochem.example", "Afdeling Wmo Lochem"),
        sent=datetime(2017, 5, 31, 10, 0, tzinfo=UTC),
    )
    message.attach_bytes("Voordracht Zutphen.doc", (DOCS / "nomination-1page-a4.doc").read_bytes())
    return bytes(message.as_bytes())


def with_properties(
    msg: bytes, strings: dict[int, str], link_attachment: str | None = None
) -> bytes:
    """``msg`` with Unicode string properties added at the top level, and perhaps one more
    attachment that only links to a file (attach method 2: by reference)."""
    source = olefile.OleFileIO(msg)
    writer = _OleWriter()
    writer.root.clsid = _MSG_CLSID
    attachments = 0
    for path in source.listdir(streams=True, storages=False):
        if path[0].startswith("__attach_version1.0_#"):
            attachments = max(attachments, int(path[0][-8:], 16) + 1)
    _copy(source, writer, writer.root, [])
    properties = source.openstream("__properties_version1.0").read()
    extra = b""
    for prop, value in strings.items():
        data = value.encode("utf-16-le")
        writer.add_stream(writer.root, f"__substg1.0_{prop:04X}{PT_UNICODE:04X}", data)
        extra += struct.pack("<HHII", PT_UNICODE, prop, 6, len(data) + 2) + bytes(4)
    if link_attachment is not None:
        storage = writer.add_storage(writer.root, f"__attach_version1.0_#{attachments:08X}")
        name = link_attachment.rsplit("\\", 1)[-1]
        for prop, value in ((0x3707, name), (0x3001, name), (0x3708, link_attachment)):
            writer.add_stream(
                storage, f"__substg1.0_{prop:04X}{PT_UNICODE:04X}", value.encode("utf-16-le")
            )
        entries = struct.pack("<HHIQ", PT_LONG, 0x3705, 6, 2)  # PR_ATTACH_METHOD: by reference
        entries += struct.pack("<HHIQ", PT_LONG, 0x0E21, 6, attachments)  # PR_ATTACH_NUM
        writer.add_stream(storage, "__properties_version1.0", bytes(8) + entries)
        header = bytearray(properties[:TOP_LEVEL_HEADER])
        for offset in (12, 20):  # next attachment id, attachment count
            struct.pack_into("<I", header, offset, attachments + 1)
        properties = bytes(header) + properties[TOP_LEVEL_HEADER:]
    writer.add_stream(writer.root, "__properties_version1.0", properties + extra)
    result: bytes = writer.build()
    return result


def _copy(source: olefile.OleFileIO, writer: _OleWriter, parent: object, prefix: list[str]) -> None:
    for path in source.listdir(streams=True, storages=True):
        if path[: len(prefix)] != prefix or len(path) != len(prefix) + 1:
            continue
        name = path[-1]
        if source.get_type("/".join(path)) == olefile.STGTY_STORAGE:
            _copy(source, writer, writer.add_storage(parent, name), path)
        elif prefix or name != "__properties_version1.0":
            writer.add_stream(parent, name, source.openstream("/".join(path)).read())


def main() -> None:
    (HERE / "outlook-received-nomination.msg").write_bytes(received_nomination())
    (HERE / "outlook-sent-reply.msg").write_bytes(sent_reply())
    (HERE / "outlook-word-97-attached.msg").write_bytes(word_97_attached())


if __name__ == "__main__":
    main()
