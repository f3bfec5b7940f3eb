"""The JSON object ``list --json`` and ``show --json`` print for one filed message."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from intake.config import CampaignSettings
from intake.language import Language
from intake.presenting.nominations import Attachment, Nomination, Problem
from intake.presenting.reviews import review_json
from intake.presenting.texts import problem_text, standing_text


def message_json(item: Nomination, campaign: CampaignSettings, lang: Language) -> dict[str, Any]:
    zone = campaign.timezone
    verdict = item.timeliness
    receipt = item.receipt
    return {
        "ref": item.ref,
        "message_id": item.message_id,
        "from": item.from_header,
        "subject": item.subject,
        "received_at": _iso(verdict.received_at, zone),
        "received_source": verdict.source.value if verdict.source else None,
        "date_header": item.date_header,
        "on_time": verdict.on_time,
        "late_by_seconds": verdict.late_by_seconds,
        "deadline": campaign.deadline.isoformat(),
        "internaldate": _iso(receipt.internaldate, zone),
        "received_header_at": _iso(receipt.received_header, zone),
        "date_header_at": _iso(receipt.date_header, zone),
        "size": item.size,
        "sha256": item.sha256,
        "origin": item.origin,
        "origin_detail": item.origin_detail,
        "filed_at": _iso(item.filed_at, zone),
        "receipt_evidence": {
            "internaldate": _iso(receipt.internaldate, zone),
            "received_header": _iso(receipt.received_header, zone),
            "date_header": _iso(receipt.date_header, zone),
            "skew_seconds": receipt.skew_seconds,
            "skew_flagged": receipt.skew_flagged,
            "grace_seconds": receipt.grace_seconds,
        },
        **_reading(item, lang),
        **_judgements(item, lang),
        "needs_attention": item.failed,
        "problems": [_problem(p, lang) for p in item.problems],
        "review": review_json(item.review, lang, zone) if item.review else None,
        "reviews": [review_json(review, lang, zone) for review in item.reviews],
    }


def _iso(value: datetime | None, zone: tzinfo) -> str | None:
    return None if value is None else value.astimezone(zone).isoformat()


def _problem(problem: Problem, lang: Language) -> dict[str, str]:
    sentence = problem_text(lang, problem.code, problem.detail, dict(problem.values))
    prefix = f"{problem.attachment}: " if problem.attachment else ""
    return {"code": problem.code, "message": prefix + sentence, "detail": problem.detail}


def _attachment(attachment: Attachment, lang: Language) -> dict[str, Any]:
    size = attachment.page_size
    own = [
        {"code": p.code, "message": problem_text(lang, p.code, p.detail), "detail": p.detail}
        for p in attachment.problems
    ]
    return {
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "kind": attachment.kind,
        "bytes": attachment.size,
        "sha256": attachment.sha256,
        "inline": attachment.inline,
        "depth": attachment.depth,
        "pages": attachment.pages,
        "pages_source": attachment.pages_source,
        "page_size": size.name if size else None,
        "page_size_mm": [size.width_mm, size.height_mm] if size else None,
        "image_only": attachment.image_only,
        "text_chars": attachment.text_chars,
        "words": attachment.words,
        "problem": own[0] if own else None,
        "problems": own,
    }


def _reading(item: Nomination, lang: Language) -> dict[str, Any]:
    length = item.length
    if length is None:
        return {
            "analysed": False,
            "attachments": [],
            "document": None,
            "pages": None,
            "pages_measured": None,
            "pages_source": None,
            "page_size": None,
            "length_ok": None,
            "words": None,
            "body_source": None,
        }
    return {
        "analysed": True,
        "attachments": [_attachment(a, lang) for a in item.attachments],
        "document": length.document.name if length.document else "body",
        "pages": length.pages,
        "pages_measured": length.measured,
        "pages_source": length.pages_source,
        "page_size": length.page_size.name if length.page_size else None,
        "length_ok": length.ok,
        "words": length.words,
        "body_source": item.body_source,
    }


def _judgements(item: Nomination, lang: Language) -> dict[str, Any]:
    standing = item.standing
    result: dict[str, Any] = {
        "kind": None,
        "kind_reason": None,
        "sender": None,
        "nominees": [],
        "criteria": [],
        "meets_min_criteria": None,
        "status": standing.status,
        "status_reason": standing_text(lang, standing.reason, standing.reason_ref),
        "concerns": item.concerns,
        "correspondence": list(item.correspondence),
        "supersedes": standing.supersedes,
        "superseded_by": standing.superseded_by,
        "duplicate_of": standing.duplicate_of,
        "late_revision_of": standing.late_revision_of,
    }
    judged = item.judgements
    if judged is None:
        return result
    sender = judged.sender
    municipality = (
        {"code": sender.municipality_code, "name": sender.municipality_name}
        if sender.municipality_code
        else None
    )
    result.update(
        kind=judged.kind,
        kind_reason=judged.kind_reason,
        sender={
            "address": sender.address,
            "name": sender.name,
            "organisation": sender.organisation,
            "municipality": municipality,
            "reason": sender.reason,
            "authenticated": sender.authenticated,
            "authentication": sender.authentication,
        },
        nominees=[
            {
                "code": n.code,
                "name": n.name,
                "reason": n.reason,
                "confidence": round(n.confidence, 2),
                "evidence": n.evidence,
                "named": n.named,
            }
            for n in judged.nominees
        ],
        criteria=[
            {"id": c.id, "title": c.title, "met": c.met, "evidence": list(c.evidence)}
            for c in judged.criteria
        ],
        meets_min_criteria=judged.meets_min_criteria,
    )
    return result
