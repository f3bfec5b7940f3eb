"""The read model: a filed message as the coordinator sees it.

:class:`Nomination` is one typed view of a filed message — receipt and timeliness,
length, sender, nominees, criteria, where it stands among the versions, every problem
and (when asked for) the nomination text.  :func:`load_nominations` builds it from the
store (one query per table, never per message) and the revision rules over every
message; ``list``, ``show`` and, next, the digest, dossier and scoring sheet render it.

Whatever depends on the configuration of the call (the deadline, a grace period, the
page limit, how far a sender's clock may be off) is judged here, when it is read, so a
changed deadline needs no reprocessing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from intake.config import CampaignSettings
from intake.judging import threads
from intake.judging.criteria import CriterionResult
from intake.judging.judgements import SENDER_SELF, Judgements, Nominee, Sender
from intake.judging.kinds import CORRESPONDENCE, NOMINATION
from intake.judging.receipt import (
    Receipt,
    ReceivedSource,
    Timeliness,
    clock_skew_seconds,
    judge_timeliness,
)
from intake.judging.revisions import CURRENT, Standing, Submission, standings
from parsers.model import PageSize, PagesSource, ProblemCode
from store import (
    AnalysisRecord,
    AttachmentRecord,
    JudgementRecord,
    ProblemRecord,
    ReviewRecord,
    Store,
    StoredMessage,
)

CLOCK_SKEW = "clock-skew"
MISSING_ATTACHMENT = str(ProblemCode.MISSING_ATTACHMENT)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a person should know about a message or one of its attachments."""

    code: str
    detail: str
    """Technical, in English; people read the sentence for ``code`` with this filled in."""
    attachment: str | None = None
    """The name of the attachment it concerns; None: the message itself."""
    values: tuple[tuple[str, str], ...] = ()
    """Values the sentence for ``code`` is written with (``sent``, ``received``)."""


@dataclass(frozen=True, slots=True)
class Attachment:
    position: int
    parent: int | None
    depth: int
    filename: str | None
    content_type: str | None
    kind: str
    size: int
    sha256: str
    inline: bool
    pages: int | None
    pages_source: str | None
    page_size: PageSize | None
    image_only: bool
    text_chars: int
    words: int
    problems: tuple[Problem, ...]

    @property
    def name(self) -> str:
        """The file name, or ``#N`` for a file that has none."""
        return self.filename or f"#{self.position + 1}"


@dataclass(frozen=True, slots=True)
class Length:
    """The length of the nomination, with the evidence for it."""

    document: Attachment | None
    """The attachment measured; None: the mail body."""
    pages: int | None
    pages_source: str | None
    page_size: PageSize | None
    words: int
    max_pages: int

    @property
    def ok(self) -> bool | None:
        """Within the call's page limit; None when the pages are unknown."""
        return None if self.pages is None else self.pages <= self.max_pages

    @property
    def measured(self) -> bool | None:
        """Counted or recorded by the writing program, not estimated; None when unknown."""
        if self.pages is None:
            return None
        return self.pages_source in (PagesSource.COUNTED, PagesSource.RECORDED)


@dataclass(frozen=True, slots=True)
class ReceiptEvidence:
    """Every receipt-time fact known, and how far the sender's clock was from ours."""

    internaldate: datetime | None
    received_header: datetime | None
    date_header: datetime | None
    skew_seconds: int | None
    skew_flagged: bool
    grace_seconds: int


@dataclass(frozen=True, slots=True)
class Review:
    """A person's decision on a message: kept apart from everything derived."""

    status: str
    """``accepted``, ``rejected``, ``needs-info`` or ``duplicate``
    (:data:`intake.presenting.texts.REVIEWS`)."""
    note: str | None
    by: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Nomination:
    """A filed message as the coordinator sees it: every judgement, with its evidence."""

    ref: str
    message_id: str | None
    from_header: str | None
    subject: str | None
    date_header: str | None
    size: int
    sha256: str
    origin: str
    origin_detail: str
    filed_at: datetime
    timeliness: Timeliness
    receipt: ReceiptEvidence
    analysed: bool
    """Whether it has been read yet (a poll reads right after filing)."""
    failed: bool
    """A step of reading or judging failed: it needs a person's attention."""
    body_source: str | None
    length: Length | None
    attachments: tuple[Attachment, ...]
    judgements: Judgements | None
    standing: Standing
    """Which version counts, and why (nominations only: ``status`` None otherwise)."""
    concerns: str | None
    """For correspondence: the nomination it is about, when one is found."""
    correspondence: tuple[str, ...]
    """For a nomination: the correspondence about it."""
    problems: tuple[Problem, ...]
    """Of the message and of each attachment, in that order."""
    text: str | None = None
    """The nomination text (the sender's own words, then the document's), when loaded."""
    reviews: tuple[Review, ...] = ()
    """People's decisions on it, oldest first; the last one stands."""

    @property
    def review(self) -> Review | None:
        """The decision that stands, if a person took one."""
        return self.reviews[-1] if self.reviews else None

    @property
    def kind(self) -> str | None:
        return self.judgements.kind if self.judgements else None

    @property
    def is_nomination(self) -> bool:
        return self.kind == NOMINATION

    @property
    def sender(self) -> Sender | None:
        return self.judgements.sender if self.judgements else None

    @property
    def nominees(self) -> tuple[Nominee, ...]:
        return self.judgements.nominees if self.judgements else ()

    @property
    def criteria(self) -> tuple[CriterionResult, ...]:
        return self.judgements.criteria if self.judgements else ()


def load_nominations(
    store: Store,
    campaign: CampaignSettings,
    refs: Sequence[str] | None = None,
    *,
    texts: bool = False,
) -> list[Nomination]:
    """The read model of the messages named (default: every one), in filing order.

    Where each stands among the versions is decided over every filed message, whichever
    are asked for; ``texts`` loads the nomination texts too.
    """
    messages = store.list_messages()
    everything = store.analyses()
    ranks = standings([_submission(m, everything.get(m.ref), campaign) for m in messages])
    linked = threads.concerns(
        [_thread_message(m, everything.get(m.ref), ranks[m.ref]) for m in messages],
        nomination=NOMINATION,
        correspondence=CORRESPONDENCE,
    )
    about: dict[str, list[str]] = defaultdict(list)
    for correspondence, concerned in linked.items():
        about[concerned].append(correspondence)
    named = None if refs is None else set(refs)
    wanted = [m for m in messages if named is None or m.ref in named]
    with_texts = store.analyses([m.ref for m in wanted], texts=True) if texts else everything
    decided = store.reviews(None if named is None else [m.ref for m in wanted])
    return [
        nomination(
            message,
            with_texts.get(message.ref),
            campaign,
            ranks[message.ref],
            concerns=linked.get(message.ref),
            correspondence=tuple(about.get(message.ref, ())),
            reviews=tuple(map(review_of, decided.get(message.ref, ()))),
        )
        for message in wanted
    ]


def nomination(
    message: StoredMessage,
    analysis: AnalysisRecord | None,
    campaign: CampaignSettings,
    standing: Standing | None = None,
    *,
    concerns: str | None = None,
    correspondence: tuple[str, ...] = (),
    reviews: tuple[Review, ...] = (),
) -> Nomination:
    """The read model of one message (alone, it stands as a first version)."""
    verdict = timeliness(message, campaign)
    receipt = _receipt(message, campaign)
    judgements = _judgements(analysis.judgement) if analysis and analysis.judgement else None
    attachments = tuple(map(_attachment, analysis.attachments)) if analysis else ()
    problems = list(map(_problem, analysis.problems)) if analysis else []
    if receipt.skew_flagged:
        problems.append(_skew_problem(message, campaign))
    elif _date_from_the_future(message):
        problems.append(_far_date_problem(message, campaign))
    problems += [p for a in attachments for p in a.problems]
    return Nomination(
        ref=message.ref,
        message_id=message.message_id,
        from_header=message.from_header,
        subject=message.subject,
        date_header=message.date_header,
        size=message.size,
        sha256=message.raw_sha256,
        origin=message.origin,
        origin_detail=message.origin_detail,
        filed_at=message.filed_at,
        timeliness=verdict,
        receipt=receipt,
        analysed=analysis is not None,
        failed=analysis.failed if analysis else False,
        body_source=analysis.body_source if analysis else None,
        length=_length(analysis, attachments, campaign) if analysis else None,
        attachments=attachments,
        judgements=judgements,
        standing=standing or _standing_alone(judgements),
        concerns=concerns,
        correspondence=correspondence,
        problems=tuple(problems),
        text=analysis.texts.nomination_text if analysis and analysis.texts else None,
        reviews=reviews,
    )


def review_of(record: ReviewRecord) -> Review:
    return Review(record.status, record.note, record.reviewer, record.reviewed_at)


def timeliness(message: StoredMessage, campaign: CampaignSettings) -> Timeliness:
    source = ReceivedSource(message.received_source) if message.received_source else None
    return judge_timeliness(
        Receipt(message.received_at, source),
        campaign.deadline,
        campaign.timezone,
        campaign.grace_seconds,
    )


def _submission(
    message: StoredMessage, analysis: AnalysisRecord | None, campaign: CampaignSettings
) -> Submission:
    judged = analysis.judgement if analysis else None
    return Submission(
        ref=message.ref,
        received_at=message.received_at,
        on_time=timeliness(message, campaign).on_time,
        is_nomination=judged is not None and judged.kind == NOMINATION,
        sender=judged.sender_address if judged else None,
        nominees=_named(judged),
        content_key=judged.content_key if judged else None,
        forwarded_key=judged.forwarded_key if judged else None,
        substantive=judged.substantive if judged else False,
    )


def _named(judged: JudgementRecord | None) -> frozenset[str]:
    """The nominees a mail names: not those only inferred from who sent it."""
    if judged is None:
        return frozenset()
    return frozenset(n.code for n in judged.nominees if n.reason != SENDER_SELF)


def _thread_message(
    message: StoredMessage, analysis: AnalysisRecord | None, standing: Standing
) -> threads.Message:
    judged = analysis.judgement if analysis else None
    return threads.Message(
        ref=message.ref,
        message_id=message.message_id,
        received_at=message.received_at,
        kind=judged.kind if judged else None,
        sender=judged.sender_address if judged else None,
        nominees=_named(judged),
        references=analysis.references if analysis else (),
        counts=standing.status == CURRENT,
        cover_note=analysis is not None
        and any(p.code == MISSING_ATTACHMENT for p in analysis.problems),
    )


def _standing_alone(judgements: Judgements | None) -> Standing:
    if judgements is None or not judgements.is_nomination:
        return Standing(status=None, reason=None)
    return Standing()


def _receipt(message: StoredMessage, campaign: CampaignSettings) -> ReceiptEvidence:
    skew = clock_skew_seconds(message.date_header_at, message.received_at)
    return ReceiptEvidence(
        internaldate=message.internaldate,
        received_header=message.received_header_at,
        date_header=message.date_header_at,
        skew_seconds=skew,
        skew_flagged=skew is not None and abs(skew) > campaign.skew_minutes * 60,
        grace_seconds=campaign.grace_seconds,
    )


def _skew_problem(message: StoredMessage, campaign: CampaignSettings) -> Problem:
    """'sent 16:59:30 by the sender's clock, received 17:00:40' (values: ISO 8601)."""
    assert message.date_header_at is not None and message.received_at is not None
    sent = message.date_header_at.astimezone(campaign.timezone).isoformat()
    received = message.received_at.astimezone(campaign.timezone).isoformat()
    return Problem(
        CLOCK_SKEW,
        f"sent {sent} by the sender's clock, received {received}",
        values=(("sent", sent), ("received", received)),
    )


FUTURE_DATE_SECONDS = 86400
"""A Date header later than this after we filed the message is not a clock a little off."""


def _date_from_the_future(message: StoredMessage) -> bool:
    """A Date header far after every receipt fact we have, ourselves filing it included
    (the year 3609): when it is the only time known, it is the receipt time."""
    if message.date_header_at is None:
        return False
    facts = [message.filed_at, message.internaldate, message.received_header_at]
    latest = max(fact for fact in facts if fact is not None)
    return (message.date_header_at - latest).total_seconds() > FUTURE_DATE_SECONDS


def _far_date_problem(message: StoredMessage, campaign: CampaignSettings) -> Problem:
    assert message.date_header_at is not None
    written = message.date_header_at.astimezone(campaign.timezone).isoformat()
    return Problem("far-date-header", written, values=(("moment", written),))


def _problem(record: ProblemRecord, attachment: str | None = None) -> Problem:
    return Problem(record.code, record.detail, attachment)


def _page_size(width: float | None, height: float | None) -> PageSize | None:
    return None if width is None or height is None else PageSize(width, height)


def _attachment(record: AttachmentRecord) -> Attachment:
    name = record.filename or f"#{record.position + 1}"
    return Attachment(
        position=record.position,
        parent=record.parent_position,
        depth=record.depth,
        filename=record.filename,
        content_type=record.content_type,
        kind=record.kind,
        size=record.size,
        sha256=record.sha256,
        inline=record.inline,
        pages=record.pages,
        pages_source=record.pages_source,
        page_size=_page_size(record.page_width_mm, record.page_height_mm),
        image_only=record.image_only,
        text_chars=record.text_chars,
        words=record.words,
        problems=tuple(_problem(p, name) for p in record.problems),
    )


def _length(
    analysis: AnalysisRecord, attachments: tuple[Attachment, ...], campaign: CampaignSettings
) -> Length:
    document = next((a for a in attachments if a.position == analysis.document_position), None)
    return Length(
        document=document,
        pages=analysis.pages,
        pages_source=analysis.pages_source,
        page_size=_page_size(analysis.page_width_mm, analysis.page_height_mm),
        words=analysis.words,
        max_pages=campaign.max_pages,
    )


def _judgements(record: JudgementRecord) -> Judgements:
    return Judgements(
        kind=record.kind,
        kind_reason=record.kind_reason,
        sender=Sender(
            address=record.sender_address,
            name=record.sender_name,
            organisation=record.sender_organisation,
            municipality_code=record.sender_code,
            municipality_name=record.sender_municipality,
            reason=record.sender_reason,
            confidence=record.sender_confidence,
            authenticated=record.sender_authenticated,
            authentication=record.sender_authentication,
        ),
        nominees=tuple(
            Nominee(n.code, n.name, n.reason, n.confidence, n.evidence, n.strong)
            for n in record.nominees
        ),
        criteria=tuple(
            CriterionResult(c.criterion_id, c.title, c.met, c.evidence, c.terms_found)
            for c in record.criteria
        ),
        meets_min_criteria=record.meets_min_criteria,
        content_key=record.content_key,
        forwarded_key=record.forwarded_key,
        substantive=record.substantive,
    )
