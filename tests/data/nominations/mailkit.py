"""Deterministic building blocks of the labelled inbox: dates, ids, trace fields, a case.

Everything here is derived from fixed values or from a seed (the file name) with SHA-256:
nothing is random and nothing reads the clock, so the messages built with it are
byte-for-byte reproducible.  The MIME writers per mail client are in ``clients.py``, the
documents in ``documents.py``; the cases themselves in ``make_nominations.py`` and the
``inbox_*.py`` modules.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
CEST = timezone(timedelta(hours=2))
DEADLINE = datetime(2017, 6, 1, 17, 0, 0, tzinfo=CEST)
OUR_ADDRESS = "koplopers@vng.example"
OUR_MX = "mx.vng.example"
_ID_FIELDS = ("in-reply-to", "references")


class _MailPolicy(policy.EmailPolicy):
    """``policy.default``, except that Message-IDs are never written as encoded words.

    The standard library folds a References or In-Reply-To field whose id does not fit on
    a line by turning it into RFC 2047 encoded words, which no mail client writes (and
    which hides the ids).  Such a field is written as clients write it instead: each id on
    a continuation line of its own.
    """

    def fold(self, name: str, value: str) -> str:
        folded = super().fold(name, value)
        if name.lower() in _ID_FIELDS and "=?" in folded:
            ids = str(value).split()
            folded = name + ":" + "".join(self.linesep + " " + i for i in ids) + self.linesep
        return folded

    def fold_binary(self, name: str, value: str) -> bytes:
        folded = super().fold_binary(name, value)
        if name.lower() in _ID_FIELDS and b"=?" in folded:
            return self.fold(name, value).encode("ascii")
        return folded


POLICY = _MailPolicy(linesep="\n")
COMPAT32 = policy.compat32.clone(linesep="\n")

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DUTCH_DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


# --- deterministic building blocks ----------------------------------------------------


def at(month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    """A wall time in May/June 2017, Dutch summer time."""
    return datetime(2017, month, day, hour, minute, second, tzinfo=CEST)


def digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def hexid(seed: str, length: int, upper: bool = True) -> str:
    text = (digest(seed) * 4)[:length]
    return text.upper() if upper else text


def b64id(seed: str, nbytes: int) -> str:
    raw = b"".join(hashlib.sha256(f"{seed}/{i}".encode()).digest() for i in range(8))
    return base64.b64encode(raw[:nbytes]).decode("ascii")


def postfix_date(moment: datetime) -> str:
    """The date Postfix writes in its Received field: day padded with a space, zone name."""
    local = moment.astimezone(CEST)
    return (
        f"{_DAYS[local.weekday()]}, {local.day:2d} {_MONTHS[local.month - 1]} {local.year} "
        f"{local:%H:%M:%S} +0200 (CEST)"
    )


def exchange_date(moment: datetime) -> str:
    """The date Exchange writes in its own Received fields."""
    return format_datetime(moment.astimezone(CEST))


def dutch_date(moment: datetime, seconds: bool = False) -> str:
    """'dinsdag 2 mei 2017 14:05', as Dutch Outlook writes in a quoted header."""
    return (
        f"{_DUTCH_DAYS[moment.weekday()]} {moment.day} {_DUTCH_MONTHS[moment.month - 1]} "
        f"{moment.year} {moment:%H:%M:%S}"
        if seconds
        else f"{_DUTCH_DAYS[moment.weekday()]} {moment.day} {_DUTCH_MONTHS[moment.month - 1]} "
        f"{moment.year} {moment:%H:%M}"
    )


def fold(text: str, width: int = 76) -> list[str]:
    """Split a long base64-ish token into continuation lines."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def set_boundaries(message: Message, seed: str, style: str) -> None:
    """Give every multipart part a fixed boundary in the style of the writing client.

    Also drops the MIME-Version field that ``EmailMessage`` puts on parts it creates:
    clients write it on the top level only.
    """
    _drop_part_mime_version(message)
    multiparts = [part for part in message.walk() if part.is_multipart()]
    for index, part in enumerate(multiparts):
        token = digest(seed, str(index))
        if style == "outlook":
            boundary = f"_00{index}_{token[:40].upper()}_"
        elif style == "gmail":
            boundary = f"001a11{token[:22]}"
        elif style == "notes":
            boundary = f"=_alternative {token[:16].upper()}_="
        elif style == "mac":
            boundary = f"B_{int(token[:8], 16)}_{int(token[8:16], 16)}"
        elif style == "apple":
            up = token.upper()
            boundary = f"Apple-Mail=_{up[:8]}-{up[8:12]}-{up[12:16]}-{up[16:20]}-{up[20:32]}"
        elif style == "thunderbird":
            boundary = f"------------{token[:24].upper()}"
        else:
            boundary = f"----=_Part_{int(token[:6], 16)}_{int(token[6:14], 16)}.{index}"
        part.set_boundary(boundary)


def _drop_part_mime_version(message: Message) -> None:
    if message.get_content_maintype() != "multipart":
        return
    for part in message.get_payload():
        del part["MIME-Version"]
        _drop_part_mime_version(part)


# --- trace fields ---------------------------------------------------------------------


@dataclass(frozen=True)
class Hop:
    """The sending server as our border server saw it."""

    helo: str
    rdns: str
    ip: str
    tls: bool = True


def our_received(hop: Hop, received: datetime, seed: str) -> str:
    queue_id = "3w" + b64id(seed + "/qid", 9).replace("+", "").replace("/", "")[:10]
    lines = [f"Received: from {hop.helo} ({hop.rdns} [{hop.ip}])"]
    if hop.tls:
        lines.append("\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))")
        lines.append("\t(No client certificate requested)")
        lines.append(f"\tby {OUR_MX} (Postfix) with ESMTPS id {queue_id}")
    else:
        lines.append(f"\tby {OUR_MX} (Postfix) with ESMTP id {queue_id}")
    lines.append(f"\tfor <{OUR_ADDRESS}>; {postfix_date(received)}")
    return "\n".join(lines)


def auth_results(authserv_id: str, domain: str, verdict: str, dkim_domain: str = "") -> str:
    """An Authentication-Results field as OpenDKIM/OpenDMARC on our server write it."""
    dkim_domain = dkim_domain or domain
    if verdict == "pass":
        body = (
            f"dkim=pass (2048-bit key) header.d={dkim_domain};\n"
            f"\tspf=pass smtp.mailfrom={domain};\n\tdmarc=pass header.from={domain}"
        )
    else:
        body = (
            f"dkim=none;\n\tspf=softfail smtp.mailfrom={domain};\n\tdmarc=fail header.from={domain}"
        )
    return f"Authentication-Results: {authserv_id};\n\t{body}"


def dkim_signature(domain: str, selector: str, signed_at: datetime, seed: str) -> str:
    timestamp = int(signed_at.timestamp())
    lines = [
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain};",
        f"\ts={selector}; t={timestamp};",
        "\th=from:to:subject:date:message-id:content-type:mime-version;",
        f"\tbh={b64id(seed + '/bh', 32)};",
    ]
    signature = b64id(seed + "/b", 256)
    lines.append("\tb=" + signature[:70])
    lines.extend("\t " + chunk for chunk in fold(signature[70:], 72))
    return "\n".join(lines)


def exchange_hops(server: str, internal: str, sent: datetime, build: str) -> list[str]:
    """The two Received fields an on-premises Exchange server writes for its own mail."""
    local = exchange_date(sent + timedelta(seconds=1))
    return [
        f"Received: from {server}.{internal} (10.20.1.12) by\n"
        f" EDGE01.{internal} (10.20.1.40) with Microsoft SMTP Server\n"
        f" (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384) id\n"
        f" {build}; {local}",
        f"Received: from {server}.{internal} ([fe80::5d1c:2a4f:9b3e:71c2]) by\n"
        f" {server}.{internal} ([fe80::5d1c:2a4f:9b3e:71c2%12]) with mapi id\n"
        f" {build}; {local}",
    ]


def deliver(
    message: Message,
    *,
    received: datetime,
    hop: Hop,
    seed: str,
    return_path: str,
    sender_trace: Sequence[str] = (),
    our_auth: str | None = None,
    write_policy: policy.Policy | None = None,
) -> bytes:
    """The message as it lies in our mailbox: delivery and trace fields on top.

    ``write_policy`` is ``COMPAT32`` for a report put together as a mail server writes it,
    with header values kept as given.
    """
    fields = [f"Return-Path: <{return_path}>", f"Delivered-To: {OUR_ADDRESS}"]
    fields.append(our_received(hop, received, seed))
    if our_auth is not None:
        fields.append(our_auth)
    fields.extend(sender_trace)
    head = "\n".join(fields) + "\n"
    return head.encode("ascii") + message.as_bytes(policy=write_policy or POLICY)


# --- the call -------------------------------------------------------------------------

CALL_MESSAGE_ID = "<6E1F0A2B9C3D4E5F8A7B6C5D4E3F2A1B@mx.vng.example>"
CALL_SUBJECT = "Oproep: draag een koploper cliëntondersteuning voor"
CALL_SENT = datetime(2017, 5, 2, 14, 5, 0, tzinfo=CEST)

CALL_TEXT = """\
Geachte heer, mevrouw,

Welke gemeente is volgens u een koploper op het gebied van cliëntondersteuning? \
Gemeenten, cliëntenraden en adviesraden sociaal domein kunnen tot donderdag 1 juni 2017, \
17.00 uur, een gemeente voordragen. De voordracht is maximaal één A4 en gaat in op de \
volgende criteria:

1. Cliëntondersteuning staat hoog op de agenda: bij de gemeenteraad, in het \
cliëntenoverleg en bij de adviesraad.
2. Er is sprake van een gezamenlijk en lerend ontwikkelproces: gemeente, cliënten, \
professionals en vrijwilligers ontwikkelen samen en gebruiken elkaars kennis.
3. Er is sprake van een lerend proces en innovatieve aanpakken: signalen worden gebruikt \
om te verbeteren, en er wordt vernieuwd op het gebied van diverse doelgroepen, integrale \
ondersteuning, de inzet van professionals en vrijwilligers, onafhankelijkheid, bekendheid \
en gebruik, en het meten van cliëntervaring en het vertalen daarvan naar beleid.

U kunt uw voordracht mailen naar koplopers@vng.example.

Met vriendelijke groet,

Programmateam Koplopers Cliëntondersteuning
"""

# --- a case ---------------------------------------------------------------------------

ALL3 = ("agenda", "samenwerking", "innovatie")


@dataclass(frozen=True)
class Case:
    """One message of the inbox and what a careful reader concludes about it.

    The fields are the labels documented in README.md; ``build`` writes the message.
    ``status`` is given for a nomination that is not the version that counts; left out, a
    nomination is ``current``.
    """

    file: str
    kind: str
    sender_organisation: str
    received: datetime
    on_time: bool
    notes: str
    build: Callable[[Case], bytes]
    sender_municipality: str | None = None
    nominees: tuple[str, ...] = ()
    criteria_met: tuple[str, ...] = ()
    revision_of: str | None = None
    duplicate_of: str | None = None
    dmarc: str | None = None
    status: str | None = None
    concerns: str | None = None
    missing_attachment: bool = False
    language: str | None = None


# --- our own messages, replied to but not in the inbox ----------------------------------

ACK_TEXT = """\
Geachte afzender,

Wij hebben uw e-mail "{subject}" ontvangen op {received}. Uw kenmerk is {reference}.

Dit is een automatisch bericht; u hoeft hierop niet te antwoorden.

Programmateam Koplopers Cliëntondersteuning
"""

OUR_SENDER = f"Koplopers Cliëntondersteuning <{OUR_ADDRESS}>"


@dataclass(frozen=True)
class Sent:
    """A message we sent (an acknowledgement, an answer) that a message in the inbox quotes."""

    message_id: str
    subject: str
    sent: datetime
    text: str


def acknowledgement(reference: str, subject: str, received: datetime) -> Sent:
    """Our automatic acknowledgement of a message received at ``received``."""
    local = received.astimezone(CEST)
    when = (
        f"{_DUTCH_DAYS[local.weekday()]} {local.day} {_DUTCH_MONTHS[local.month - 1]} "
        f"{local.year} om {local:%H:%M} uur"
    )
    return Sent(
        message_id=f"<ack-{reference}@vng.example>",
        subject=f"Ontvangstbevestiging: {subject}",
        sent=local + timedelta(seconds=2),
        text=ACK_TEXT.format(subject=subject, received=when, reference=reference),
    )


def answer(number: int, subject: str, sent: datetime, text: str) -> Sent:
    """Our answer, by hand, to a question sent to the call's address."""
    return Sent(f"<antwoord-{number:04d}@vng.example>", f"RE: {subject}", sent, text)


# --- the inbox as it is built ---------------------------------------------------------

_BUILT: dict[str, bytes] = {}


def build_all(cases: Sequence[Case]) -> dict[str, bytes]:
    """Build every case in order: file name -> the message as it lies in our mailbox.

    A case may read a message built before it with ``earlier``: a reply quotes the message
    it answers and names its Message-ID, as the sender's client does.
    """
    _BUILT.clear()
    for case in cases:
        _BUILT[case.file] = case.build(case)
    return dict(_BUILT)


def earlier(file: str) -> EmailMessage:
    """A message of the inbox built before the one being built, parsed."""
    parsed = message_from_bytes(_BUILT[file], policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def body_of(message: EmailMessage) -> str:
    """The text a reply quotes: the plain body (the HTML one if there is none)."""
    body = message.get_body(preferencelist=("plain", "html"))
    assert body is not None
    return str(body.get_content())


def received_at(message: EmailMessage) -> datetime:
    """When our server received a message: the date of the topmost Received field."""
    topmost = str(message.get_all("Received", [])[0])
    return parsedate_to_datetime(topmost.rpartition(";")[2].strip()).astimezone(CEST)


def sent_at(message: EmailMessage) -> datetime:
    return parsedate_to_datetime(str(message["Date"])).astimezone(CEST)


def subject_of(message: EmailMessage) -> str:
    """The subject as a person reads it (folding whitespace collapsed)."""
    return " ".join(str(message["Subject"]).split())
