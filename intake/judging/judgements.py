"""The judgements made of each filed message, each with its evidence.

What kind of message it is, who sent it (and whether our server verified the sender's
domain), which municipality or municipalities it nominates, and which criteria its text
addresses.  Computed when a message is analysed, from its raw bytes and what the parsers
read; stored with the analysis, rebuilt by ``intake reprocess``.  Which version of a
nomination counts depends on all messages together: see :mod:`intake.judging.revisions`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from email.utils import getaddresses
from functools import cache
from typing import TYPE_CHECKING, Any

from intake.config import Settings
from intake.judging.authenticity import read_authentication
from intake.judging.criteria import CriterionResult, assess, meets_minimum
from intake.judging.kinds import NOMINATION, classify
from intake.judging.municipalities import Register, find_nominees, sender_municipality
from parsers.envelope import read_envelope

if TYPE_CHECKING:
    from intake.reading.analysis import MessageAnalysis

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Sender:
    address: str | None
    name: str | None
    organisation: str | None
    municipality_code: str | None
    municipality_name: str | None
    reason: str | None
    confidence: float | None
    authenticated: bool
    authentication: str


@dataclass(frozen=True, slots=True)
class Nominee:
    code: str
    name: str
    reason: str
    confidence: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Judgements:
    kind: str
    kind_reason: str
    sender: Sender
    nominees: tuple[Nominee, ...]
    criteria: tuple[CriterionResult, ...]
    meets_min_criteria: bool
    content_key: str
    """Equal for two messages carrying the same nomination text and documents."""

    @property
    def is_nomination(self) -> bool:
        return self.kind == NOMINATION


@cache
def register() -> Register:
    """The municipalities register, loaded once per process."""
    return Register.load()


def judge(raw: bytes, analysis: MessageAnalysis, settings: Settings) -> Judgements:
    """Every judgement of one message."""
    campaign = settings.campaign
    day = campaign.deadline.date()
    envelope = read_envelope(raw)
    name, address = _from_address(envelope.from_header)
    subject = envelope.subject or ""
    documents = [a for a in analysis.attachments if not a.is_picture_in_text]
    kind = classify(raw, analysis.nomination_text, len(documents))

    domain = address.rsplit("@", 1)[1].lower() if address and "@" in address else None
    sender_match = sender_municipality(address, register(), day) if address else None
    authentication = read_authentication(raw, settings.trust.authserv_ids, domain)
    organisation = f"Gemeente {sender_match.municipality.name}" if sender_match else name

    text = nomination_text(analysis)
    matches = find_nominees(
        text, subject, register(), day, sender=sender_match.municipality if sender_match else None
    )
    criteria = assess(text, campaign.criteria)
    return Judgements(
        kind=kind.kind,
        kind_reason=kind.reason,
        sender=Sender(
            address=address,
            name=name,
            organisation=organisation,
            municipality_code=sender_match.municipality.code if sender_match else None,
            municipality_name=sender_match.municipality.name if sender_match else None,
            reason=sender_match.reason if sender_match else None,
            confidence=sender_match.confidence if sender_match else None,
            authenticated=authentication.verified,
            authentication=authentication.reason,
        ),
        nominees=tuple(
            Nominee(m.municipality.code, m.municipality.name, m.reason, m.confidence, m.evidence)
            for m in matches
        ),
        criteria=criteria,
        meets_min_criteria=meets_minimum(criteria, campaign.min_criteria),
        content_key=content_key(analysis),
    )


def nomination_text(analysis: MessageAnalysis) -> str:
    """The text judged: the mail's own words and the nomination document's."""
    parts = [analysis.nomination_text]
    if analysis.length.document is not None:
        for attachment in analysis.attachments:
            if attachment.position == analysis.length.document:
                parts.append(attachment.extracted.text)
    return "\n\n".join(part for part in parts if part.strip())


def content_key(analysis: MessageAnalysis) -> str:
    """A fingerprint of what was nominated: the text (spacing and case aside) and files."""
    digest = hashlib.sha256()
    digest.update(_SPACE.sub(" ", analysis.nomination_text).strip().casefold().encode())
    for sha in sorted(a.sha256 for a in analysis.attachments if not a.is_picture_in_text):
        digest.update(sha.encode())
    return digest.hexdigest()


def _from_address(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    addresses = [(n, a) for n, a in getaddresses([text]) if "@" in a]
    if not addresses:
        return (text or None), None
    name, address = addresses[0]
    return (name or None), address.lower()


def to_json(judgements: Judgements) -> str:
    return json.dumps(asdict(judgements), ensure_ascii=False)


def from_json(text: str | None) -> Judgements | None:
    if not text:
        return None
    data: dict[str, Any] = json.loads(text)
    return Judgements(
        kind=data["kind"],
        kind_reason=data["kind_reason"],
        sender=Sender(**data["sender"]),
        nominees=tuple(Nominee(**n) for n in data["nominees"]),
        criteria=tuple(
            CriterionResult(
                id=c["id"],
                title=c["title"],
                met=c["met"],
                evidence=tuple(c["evidence"]),
                terms_found=tuple(c["terms_found"]),
            )
            for c in data["criteria"]
        ),
        meets_min_criteria=data["meets_min_criteria"],
        content_key=data["content_key"],
    )
