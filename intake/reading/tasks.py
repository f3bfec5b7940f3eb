"""What the worker processes run, each a function of picklable values.

The raw bytes of a message are parsed once (:func:`read_message`); each attached file
is extracted in a call of its own (:func:`read_part`), so a hostile document costs only
itself; the judgements run on the assembled reading (:func:`judge_reading`).  When the
message itself cannot be read within the limits, :func:`read_header_alone` still gets
its header, for the receipt time and the sender.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from intake.judging.judgements import Judgements, JudgingContext, judge
from parsers.envelope import Envelope, envelope_of
from parsers.extract import extract_part
from parsers.headers import Header, read_header
from parsers.message import ParsedMessage, parse_message
from parsers.model import Extracted, Kind, Limits, Part
from parsers.reading import MessageReading


@dataclass(frozen=True, slots=True)
class ReadPart:
    """What extracting one attached file gave."""

    kind: Kind
    extracted: Extracted
    size: int
    sha256: str


def read_message(
    raw: bytes, limits: Limits, trusted_hosts: Sequence[str]
) -> tuple[ParsedMessage, Envelope]:
    parsed = parse_message(raw, limits)
    return parsed, envelope_of(parsed.header, trusted_hosts)


def read_header_alone(raw: bytes, trusted_hosts: Sequence[str]) -> tuple[Header, Envelope]:
    header = read_header(raw)
    return header, envelope_of(header, trusted_hosts)


def read_part(part: Part, limits: Limits) -> ReadPart:
    kind, extracted = extract_part(part, limits)
    return ReadPart(kind, extracted, len(part.data), hashlib.sha256(part.data).hexdigest())


def judge_reading(reading: MessageReading, context: JudgingContext) -> Judgements:
    return judge(reading, context)
