"""A message as read and judged, turned into the typed records the store keeps."""

from __future__ import annotations

from datetime import UTC, datetime

from intake.judging.judgements import Judgements
from intake.judging.receipt import (
    ReceiptCandidates,
    ReceivedSource,
    choose_receipt,
    receipt_doubts,
)
from parsers.envelope import Envelope
from parsers.model import Problem
from parsers.reading import Attachment, MessageReading
from store import (
    AnalysisRecord,
    AttachmentRecord,
    CriterionRecord,
    EnvelopeUpdate,
    JudgementRecord,
    NomineeRecord,
    ProblemRecord,
    StoredMessage,
    TextsRecord,
)

ANALYSIS_VERSION = 7
"""Raise when reading or judging derives something new: stored analyses of an older
version are rebuilt by the next poll."""


def envelope_update(
    message: StoredMessage, envelope: Envelope
) -> tuple[EnvelopeUpdate, list[ProblemRecord]]:
    """The header facts to store, the receipt time chosen from every fact known, and any
    doubt about that receipt time."""
    source = ReceivedSource(message.envelope_source) if message.envelope_source else None
    receipt = choose_receipt(
        ReceiptCandidates(
            internaldate=message.internaldate,
            received_header=envelope.received_header_at,
            envelope=message.envelope_at,
            envelope_source=source,
            date_header=envelope.date_header_at,
        )
    )
    update = EnvelopeUpdate(
        message_id=envelope.message_id or message.message_id,
        from_header=envelope.from_header,
        subject=envelope.subject,
        date_header=envelope.date_header,
        date_header_at=envelope.date_header_at,
        received_header_at=envelope.received_header_at,
        received_at=receipt.at,
        received_source=receipt.source.value if receipt.source else None,
    )
    return update, [ProblemRecord(code, detail) for code, detail in receipt_doubts(receipt)]


def analysis_record(
    reading: MessageReading,
    judgements: Judgements | None,
    *,
    failed: bool,
    receipt_problems: list[ProblemRecord],
) -> AnalysisRecord:
    length = reading.length
    size = length.page_size
    return AnalysisRecord(
        version=ANALYSIS_VERSION,
        analysed_at=datetime.now(UTC),
        failed=failed,
        body_source=reading.body_source,
        document_position=length.document,
        pages=length.pages,
        pages_source=str(length.pages_source) if length.pages_source else None,
        page_width_mm=size.width_mm if size else None,
        page_height_mm=size.height_mm if size else None,
        words=length.words,
        problems=(
            *receipt_problems,
            *map(_problem, reading.problems),
            *map(_problem, judgements.problems if judgements else ()),
        ),
        attachments=tuple(map(_attachment, reading.attachments)),
        judgement=_judgement(judgements) if judgements is not None else None,
        references=reading.envelope.references,
        texts=TextsRecord(
            body_text=reading.body_text,
            own_text=reading.own_text,
            nomination_text=reading.nomination_text,
        ),
    )


def _problem(problem: Problem) -> ProblemRecord:
    return ProblemRecord(str(problem.code), problem.detail)


def _attachment(attachment: Attachment) -> AttachmentRecord:
    extracted = attachment.extracted
    size = extracted.page_size
    return AttachmentRecord(
        position=attachment.position,
        parent_position=attachment.parent,
        depth=attachment.depth,
        filename=attachment.filename,
        content_type=attachment.content_type,
        kind=str(attachment.kind),
        size=attachment.size,
        sha256=attachment.sha256,
        inline=attachment.inline,
        pages=extracted.pages,
        pages_source=str(extracted.pages_source) if extracted.pages_source else None,
        page_width_mm=size.width_mm if size else None,
        page_height_mm=size.height_mm if size else None,
        image_only=extracted.image_only,
        text_chars=len(extracted.text),
        words=extracted.words,
        problems=tuple(map(_problem, extracted.problems)),
        text=extracted.text,
    )


def _judgement(judgements: Judgements) -> JudgementRecord:
    sender = judgements.sender
    return JudgementRecord(
        kind=judgements.kind,
        kind_reason=judgements.kind_reason,
        sender_address=sender.address,
        sender_name=sender.name,
        sender_organisation=sender.organisation,
        sender_code=sender.municipality_code,
        sender_municipality=sender.municipality_name,
        sender_reason=sender.reason,
        sender_confidence=sender.confidence,
        sender_authenticated=sender.authenticated,
        sender_authentication=sender.authentication,
        meets_min_criteria=judgements.meets_min_criteria,
        content_key=judgements.content_key,
        forwarded_key=judgements.forwarded_key,
        substantive=judgements.substantive,
        nominees=tuple(
            NomineeRecord(n.code, n.name, n.reason, n.confidence, n.evidence, n.strong)
            for n in judgements.nominees
        ),
        criteria=tuple(
            CriterionRecord(c.id, c.title, c.met, tuple(c.evidence), tuple(c.terms_found))
            for c in judgements.criteria
        ),
    )
