"""How filed messages are shown: JSON objects for scripts, lines and pages for people."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from intake.config import CampaignSettings
from intake.judging.judgements import Judgements, from_json
from intake.judging.receipt import (
    Receipt,
    ReceivedSource,
    Timeliness,
    clock_skew_seconds,
    judge_timeliness,
)
from intake.judging.revisions import Standing, Submission, standings
from intake.presenting.texts import Texts
from parsers.model import PageSize
from store import AnalysisRecord, AttachmentRecord, StoredMessage


def timeliness(message: StoredMessage, campaign: CampaignSettings) -> Timeliness:
    source = ReceivedSource(message.received_source) if message.received_source else None
    return judge_timeliness(
        Receipt(message.received_at, source),
        campaign.deadline,
        campaign.timezone,
        campaign.grace_seconds,
    )


def receipt_evidence(message: StoredMessage, campaign: CampaignSettings) -> dict[str, Any]:
    """Every receipt-time fact, and how far the sender's clock was from ours."""
    skew = clock_skew_seconds(message.date_header_at, message.received_at)
    return {
        "internaldate": _iso(message.internaldate, campaign),
        "received_header": _iso(message.received_header_at, campaign),
        "date_header": _iso(message.date_header_at, campaign),
        "skew_seconds": skew,
        "skew_flagged": skew is not None and abs(skew) > campaign.skew_minutes * 60,
        "grace_seconds": campaign.grace_seconds,
    }


def skew_problem(message: StoredMessage, campaign: CampaignSettings) -> dict[str, str] | None:
    """'sent 16:59:30 by the sender's clock, received 17:00:40' when the clocks differ."""
    evidence = receipt_evidence(message, campaign)
    if not evidence["skew_flagged"] or message.date_header_at is None:
        return None
    assert message.received_at is not None
    sent = message.date_header_at.astimezone(campaign.timezone).strftime("%H:%M:%S")
    received = message.received_at.astimezone(campaign.timezone).strftime("%H:%M:%S")
    return {"code": "clock-skew", "sent": sent, "received": received}


def _iso(value: datetime | None, campaign: CampaignSettings) -> str | None:
    return None if value is None else value.astimezone(campaign.timezone).isoformat()


def _problem_list(problems_json: str, texts: Texts, prefix: str = "") -> list[dict[str, str]]:
    return [
        {
            "code": item["code"],
            "message": prefix + texts.problem(item["code"], item.get("detail", "")),
        }
        for item in json.loads(problems_json)
    ]


def problems(
    message: StoredMessage,
    analysis: AnalysisRecord | None,
    campaign: CampaignSettings,
    texts: Texts,
) -> list[dict[str, str]]:
    """Every problem of a message: its header, its structure, each attachment."""
    found = _problem_list(message.problems_json, texts)
    skew = skew_problem(message, campaign)
    if skew is not None:
        found.append(
            {
                "code": "clock-skew",
                "message": texts(
                    "problem.clock-skew", sent=skew["sent"], received=skew["received"]
                ),
            }
        )
    if analysis is not None:
        found += _problem_list(analysis.problems_json, texts)
        for attachment in analysis.attachments:
            name = attachment.filename or f"#{attachment.position + 1}"
            found += _problem_list(attachment.problems_json, texts, prefix=f"{name}: ")
    return found


def page_size(width: float | None, height: float | None) -> PageSize | None:
    return None if width is None or height is None else PageSize(width, height)


def length_ok(analysis: AnalysisRecord | None, campaign: CampaignSettings) -> bool | None:
    if analysis is None or analysis.pages is None:
        return None
    return analysis.pages <= campaign.max_pages


def nomination_document(analysis: AnalysisRecord) -> AttachmentRecord | None:
    """The attachment measured as the nomination, or None when that is the body."""
    for attachment in analysis.attachments:
        if attachment.position == analysis.document_position:
            return attachment
    return None


def nomination_text(analysis: AnalysisRecord) -> str:
    document = nomination_document(analysis)
    return document.text if document is not None else analysis.nomination_text


def _attachment_json(attachment: AttachmentRecord, texts: Texts) -> dict[str, Any]:
    size = page_size(attachment.page_width_mm, attachment.page_height_mm)
    found = _problem_list(attachment.problems_json, texts)
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
        "page_size_mm": [attachment.page_width_mm, attachment.page_height_mm] if size else None,
        "image_only": attachment.image_only,
        "text_chars": attachment.text_chars,
        "words": attachment.words,
        "problem": found[0] if found else None,
        "problems": found,
    }


def _analysis_json(
    analysis: AnalysisRecord | None, campaign: CampaignSettings, texts: Texts
) -> dict[str, Any]:
    if analysis is None:
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
    size = page_size(analysis.page_width_mm, analysis.page_height_mm)
    document = nomination_document(analysis)
    return {
        "analysed": True,
        "attachments": [_attachment_json(a, texts) for a in analysis.attachments],
        "document": (document.filename or f"#{document.position + 1}") if document else "body",
        "pages": analysis.pages,
        "pages_measured": analysis.pages_source in ("counted", "recorded")
        if analysis.pages is not None
        else None,
        "pages_source": analysis.pages_source,
        "page_size": size.name if size else None,
        "length_ok": length_ok(analysis, campaign),
        "words": analysis.words,
        "body_source": analysis.body_source,
    }


def judgements_of(analysis: AnalysisRecord | None) -> Judgements | None:
    return from_json(analysis.judgements_json) if analysis is not None else None


def standings_of(
    messages: list[StoredMessage],
    judgements: dict[str, str | None],
    campaign: CampaignSettings,
) -> dict[str, Standing]:
    """Which version of each nomination counts, over all filed messages."""
    submissions = []
    for message in messages:
        judged = from_json(judgements.get(message.ref))
        verdict = timeliness(message, campaign)
        submissions.append(
            Submission(
                ref=message.ref,
                received_at=message.received_at,
                on_time=verdict.on_time,
                is_nomination=judged is not None and judged.is_nomination,
                sender=judged.sender.address if judged else None,
                nominees=frozenset(n.code for n in judged.nominees) if judged else frozenset(),
                content_key=judged.content_key if judged else None,
            )
        )
    return standings(submissions)


def _judgements_json(judged: Judgements | None, standing: Standing | None) -> dict[str, Any]:
    standing = standing or Standing()
    result: dict[str, Any] = {
        "kind": None,
        "kind_reason": None,
        "sender": None,
        "nominees": [],
        "criteria": [],
        "meets_min_criteria": None,
        "status": standing.status,
        "supersedes": standing.supersedes,
        "superseded_by": standing.superseded_by,
        "duplicate_of": standing.duplicate_of,
        "late_revision_of": standing.late_revision_of,
    }
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


def message_json(
    message: StoredMessage,
    analysis: AnalysisRecord | None,
    campaign: CampaignSettings,
    texts: Texts,
    standing: Standing | None = None,
) -> dict[str, Any]:
    """The object ``list --json`` and ``show --json`` print for one filed message."""
    verdict = timeliness(message, campaign)
    return {
        "ref": message.ref,
        "message_id": message.message_id,
        "from": message.from_header,
        "subject": message.subject,
        "received_at": _iso(verdict.received_at, campaign),
        "received_source": message.received_source,
        "date_header": message.date_header,
        "on_time": verdict.on_time,
        "late_by_seconds": verdict.late_by_seconds,
        "deadline": campaign.deadline.isoformat(),
        "internaldate": _iso(message.internaldate, campaign),
        "received_header_at": _iso(message.received_header_at, campaign),
        "date_header_at": _iso(message.date_header_at, campaign),
        "size": message.size,
        "sha256": message.raw_sha256,
        "origin": message.origin,
        "origin_detail": message.origin_detail,
        "filed_at": _iso(message.filed_at, campaign),
        "receipt_evidence": receipt_evidence(message, campaign),
        **_analysis_json(analysis, campaign, texts),
        **_judgements_json(judgements_of(analysis), standing),
        "problems": problems(message, analysis, campaign, texts),
    }


def verdict_text(verdict: Timeliness, texts: Texts) -> str:
    if verdict.on_time is None:
        return texts("verdict.unknown")
    if verdict.on_time:
        return texts("verdict.on_time")
    return texts("verdict.late", duration=texts.duration(verdict.late_by_seconds or 0))


def _clip(text: str | None, width: int) -> str:
    value = (text or "").replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def length_text(analysis: AnalysisRecord | None, campaign: CampaignSettings, texts: Texts) -> str:
    if analysis is None:
        return texts("show.not_analysed")
    if analysis.pages is None:
        return texts("length.unknown", words=analysis.words)
    how = texts(f"length.{analysis.pages_source}")
    text = texts("length.pages", pages=analysis.pages, how=how, words=analysis.words)
    verdict = "length.ok" if length_ok(analysis, campaign) else "length.too_long"
    return f"{text}; {texts(verdict, max=campaign.max_pages)}"


def _short_length(analysis: AnalysisRecord | None, campaign: CampaignSettings) -> str:
    if analysis is None or analysis.pages is None:
        return "?"
    marker = "" if length_ok(analysis, campaign) else "!"
    estimated = "~" if analysis.pages_source == "estimated" else ""
    return f"{estimated}{analysis.pages}p{marker}"


def list_lines(
    messages: list[StoredMessage],
    analyses: dict[str, AnalysisRecord],
    campaign: CampaignSettings,
    texts: Texts,
) -> list[str]:
    """One line per message: reference, receipt time, verdict, length, sender, subject."""
    if not messages:
        return [texts("list.empty")]
    names = texts("list.columns").split("|")
    row = "{:<10} {:<20} {:<24} {:<6} {:<32} {}"
    lines = [row.format(*names).rstrip()]
    for message in messages:
        verdict = timeliness(message, campaign)
        received = verdict.received_at.strftime("%Y-%m-%d %H:%M:%S") if verdict.received_at else "?"
        lines.append(
            row.format(
                message.ref,
                received,
                _clip(verdict_text(verdict, texts), 24),
                _short_length(analyses.get(message.ref), campaign),
                _clip(message.from_header, 32),
                _clip(message.subject, 60),
            ).rstrip()
        )
    return lines


def _judgement_rows(
    judged: Judgements, standing: Standing, campaign: CampaignSettings, texts: Texts
) -> list[tuple[str, str]]:
    sender = judged.sender
    who = sender.organisation or sender.address or "?"
    verified = texts("show.verified" if sender.authenticated else "show.unverified")
    nominees = ", ".join(f"{n.name} ({n.code}, {n.reason})" for n in judged.nominees) or "?"
    status = texts(f"status.{standing.status}", ref=standing.superseded_by or standing.duplicate_of)
    if standing.supersedes:
        status += "; " + texts("status.supersedes", ref=standing.supersedes)
    if standing.late_revision_of:
        status += "; " + texts("status.late_revision", ref=standing.late_revision_of)
    met = sum(1 for c in judged.criteria if c.met)
    return [
        ("show.kind", f"{texts('kind.' + judged.kind)} ({judged.kind_reason})"),
        ("show.sender", f"{who} <{sender.address}>; {verified}"),
        ("show.nominees", nominees),
        ("show.status", status),
        (
            "show.criteria",
            texts(
                "show.min_criteria",
                met=met,
                total=len(judged.criteria),
                minimum=campaign.min_criteria,
            ),
        ),
    ]


def show_lines(
    message: StoredMessage,
    analysis: AnalysisRecord | None,
    campaign: CampaignSettings,
    texts: Texts,
    standing: Standing | None = None,
) -> list[str]:
    """A readable page about one message, every verdict with its evidence."""
    verdict = timeliness(message, campaign)
    received = "?"
    if verdict.received_at is not None and verdict.source is not None:
        received = f"{verdict.received_at.isoformat()} ({texts('source.' + verdict.source)})"
    document = texts("show.body")
    if analysis is not None and (chosen := nomination_document(analysis)) is not None:
        document = chosen.filename or f"#{chosen.position + 1}"
    rows = [
        ("show.ref", message.ref),
        ("show.from", message.from_header or ""),
        ("show.subject", message.subject or ""),
        ("show.message_id", message.message_id or ""),
        ("show.received", received),
        ("show.deadline", campaign.deadline.isoformat()),
        ("show.verdict", verdict_text(verdict, texts)),
        ("show.date_header", message.date_header or ""),
        ("show.document", document),
        ("show.length", length_text(analysis, campaign, texts)),
        ("show.origin", f"{message.origin}: {message.origin_detail}"),
        ("show.size", f"{message.size} bytes"),
        ("show.sha256", message.raw_sha256),
    ]
    judged = judgements_of(analysis)
    if judged is not None:
        rows += _judgement_rows(judged, standing or Standing(), campaign, texts)
    width = max(len(texts(key)) for key, _ in rows) + 1
    lines = [f"{texts(key) + ':':<{width}} {value}" for key, value in rows]
    if judged is not None:
        for criterion in judged.criteria:
            state = texts("show.met" if criterion.met else "show.not_met")
            lines.append(f"  [{state}] {criterion.title}")
            lines.extend(f"      “{sentence}”" for sentence in criterion.evidence)
    if analysis is not None and analysis.attachments:
        lines.append(f"{texts('show.attachments')}:")
        for attachment in analysis.attachments:
            size = page_size(attachment.page_width_mm, attachment.page_height_mm)
            facts = [attachment.kind, f"{attachment.size} bytes"]
            if attachment.pages is not None:
                facts.append(f"{attachment.pages}p")
            if size is not None:
                facts.append(size.name)
            if attachment.inline:
                facts.append("inline")
            indent = "  " * attachment.depth
            name = attachment.filename or f"#{attachment.position + 1}"
            lines.append(f"{indent}- {name} ({', '.join(facts)})")
    found = problems(message, analysis, campaign, texts)
    lines.append(f"{texts('show.problems')}:")
    if not found:
        lines.append(f"  {texts('show.none')}")
    lines.extend(f"  - [{item['code']}] {item['message']}" for item in found)
    return lines
