"""Messages built to break one step each of reading and judging.

Every builder returns raw RFC 822 bytes; ``HOSTILE`` names them by the step they aim at.
They are made at run time (some are megabytes) rather than kept as files.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

HEADER = (
    b"From: Afdeling Wmo <wmo@utrecht.nl>\r\n"
    b"To: koplopers@vng.example\r\n"
    b"Date: Thu, 01 Jun 2017 16:00:00 +0200\r\n"
)


def _header(name: str, extra: bytes = b"") -> bytes:
    return HEADER + f"Message-ID: <{name}@hostile.example>\r\nSubject: {name}\r\n".encode() + extra


def deep_nesting(levels: int = 5000) -> bytes:
    """A MIME tree thousands of levels deep: recursion in any walker that follows it."""
    lines = [_header("deep-nesting", b"MIME-Version: 1.0\r\n")]
    for level in range(levels):
        lines.append(
            f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n'.encode()
        )
    lines.append(b"Content-Type: text/plain\r\n\r\nbottom\r\n")
    for level in reversed(range(levels)):
        lines.append(f"--b{level}--\r\n".encode())
    return b"".join(lines)


def many_parts(count: int = 20_000) -> bytes:
    """Twenty thousand tiny attachments: far past the member limit."""
    parts = [
        _header(
            "many-parts",
            b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n',
        )
    ]
    parts.append(b"--x\r\nContent-Type: text/plain\r\n\r\nZie de bijlagen.\r\n")
    for index in range(count):
        parts.append(
            b"--x\r\nContent-Type: application/octet-stream\r\n"
            + f'Content-Disposition: attachment; filename="f{index}.bin"\r\n\r\nx\r\n'.encode()
        )
    parts.append(b"--x--\r\n")
    return b"".join(parts)


def huge_header(fields: int = 60_000) -> bytes:
    """Sixty thousand distinct header fields before the body."""
    extra = b"".join(f"X-Field-{index}: {index}\r\n".encode() for index in range(fields))
    return _header("huge-header", extra) + b"\r\nGeachte jury, hierbij onze voordracht.\r\n"


def malformed_header() -> bytes:
    """Header lines that are no fields, broken encoded words, NUL bytes, a bare CR."""
    return (
        b"From: =?utf-8?B?////?= <\x00@\xff>\r\n"
        b"Subject: =?x-unknown?Q?=FF=FE?= =?utf-8?Q?half\r\n"
        b"Date: 32 Smarch 2017 25:61:61 +9999\r\n"
        b"Received: from ; by \xff\xfe; not a date\r\n"
        b"Message-ID: <\r\n"
        b"Content-Type: multipart/mixed; boundary=\r\n"
        b": no name\r\n"
        b"\x00\x01\x02 binary line\r"
        b"\r\n\r\n--\r\nbody \xff\xfe\x00\r\n"
    )


def undecodable_content() -> bytes:
    """An unknown charset with bytes valid in none, and a PDF whose base64 is broken."""
    return (
        _header("undecodable", b"MIME-Version: 1.0\r\n")
        + b'Content-Type: multipart/mixed; boundary="u"\r\n\r\n'
        b"--u\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + bytes(range(128, 256))
        * 20
        + b"\r\n--u\r\nContent-Type: application/pdf; name=voordracht.pdf\r\n"
        b'Content-Disposition: attachment; filename="voordracht.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(b"%PDF-1.4 not really")[:-3]
        + b"A\r\n--u--\r\n"
    )


def not_what_it_says() -> bytes:
    """A Word file and a PDF as declared, that are plain text and a picture."""
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    text = base64.b64encode(b"Dit is geen Word-bestand maar gewone tekst.\n" * 40)
    return (
        _header("not-what-it-says", b"MIME-Version: 1.0\r\n")
        + b'Content-Type: multipart/mixed; boundary="n"\r\n\r\n'
        b"--n\r\nContent-Type: text/plain\r\n\r\nZie bijlagen.\r\n"
        b"--n\r\nContent-Type: application/vnd.openxmlformats-officedocument"
        b".wordprocessingml.document\r\n"
        b'Content-Disposition: attachment; filename="voordracht.docx"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + text + b"\r\n"
        b"--n\r\nContent-Type: application/octet-stream\r\n"
        b'Content-Disposition: attachment; filename="voordracht.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + png + b"\r\n--n--\r\n"
    )


def giant_body(megabytes: int = 12) -> bytes:
    """A plain body of many megabytes of Dutch-looking words: hard work for judging."""
    sentence = "Wij dragen de gemeente Zeist voor, samen met de adviesraad en de wethouder. "
    body = sentence * (megabytes * 1024 * 1024 // len(sentence))
    return (
        _header("giant-body", b"Content-Type: text/plain; charset=utf-8\r\n")
        + b"\r\n"
        + body.encode()
    )


def big_attachment(megabytes: int = 60) -> bytes:
    """One attachment larger than the document limit (50 MB by default)."""
    payload = base64.encodebytes(b"%PDF-1.4\n" + b"0" * (megabytes * 1024 * 1024))
    return (
        _header("big-attachment", b"MIME-Version: 1.0\r\n")
        + b'Content-Type: multipart/mixed; boundary="g"\r\n\r\n'
        b"--g\r\nContent-Type: text/plain\r\n\r\nDe voordracht is groot.\r\n"
        b"--g\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="groot.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + payload + b"\r\n--g--\r\n"
    )


def no_header_at_all() -> bytes:
    """Twenty-five bytes of junk."""
    return b"\x00\xff junk \x01\x02 not a mail\x7f"


HOSTILE: dict[str, Callable[[], bytes]] = {
    "deep-nesting": deep_nesting,
    "many-parts": many_parts,
    "huge-header": huge_header,
    "malformed-header": malformed_header,
    "undecodable-content": undecodable_content,
    "not-what-it-says": not_what_it_says,
    "giant-body": giant_body,
    "big-attachment": big_attachment,
    "no-header-at-all": no_header_at_all,
}
