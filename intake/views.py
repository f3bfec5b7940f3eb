"""How filed messages are shown: JSON objects for scripts, lines and pages for people."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from intake.config import CampaignSettings
from intake.i18n import Texts
from intake.receipt import Receipt, ReceivedSource, Timeliness, judge_timeliness
from store import StoredMessage


def timeliness(message: StoredMessage, campaign: CampaignSettings) -> Timeliness:
    source = ReceivedSource(message.received_source) if message.received_source else None
    return judge_timeliness(
        Receipt(message.received_at, source), campaign.deadline, campaign.timezone
    )


def _iso(value: datetime | None, campaign: CampaignSettings) -> str | None:
    return None if value is None else value.astimezone(campaign.timezone).isoformat()


def problems(message: StoredMessage, texts: Texts) -> list[dict[str, str]]:
    return [
        {"code": item["code"], "message": texts.problem(item["code"], item.get("detail", ""))}
        for item in json.loads(message.problems_json)
    ]


def message_json(
    message: StoredMessage, campaign: CampaignSettings, texts: Texts
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
        "problems": problems(message, texts),
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


def list_lines(
    messages: list[StoredMessage], campaign: CampaignSettings, texts: Texts
) -> list[str]:
    """One line per message: reference, receipt time, verdict, sender, subject."""
    if not messages:
        return [texts("list.empty")]
    names = texts("list.columns").split("|")
    header = texts(
        "list.header",
        ref=names[0],
        received=names[1],
        verdict=names[2],
        sender=names[3],
        subject=names[4],
    )
    lines = [header]
    for message in messages:
        verdict = timeliness(message, campaign)
        received = verdict.received_at.strftime("%Y-%m-%d %H:%M:%S") if verdict.received_at else "?"
        lines.append(
            texts(
                "list.header",
                ref=message.ref,
                received=received,
                verdict=_clip(verdict_text(verdict, texts), 24),
                sender=_clip(message.from_header, 32),
                subject=_clip(message.subject, 60),
            ).rstrip()
        )
    return lines


def show_lines(message: StoredMessage, campaign: CampaignSettings, texts: Texts) -> list[str]:
    """A readable page about one message, every verdict with its evidence."""
    verdict = timeliness(message, campaign)
    received = "?"
    if verdict.received_at is not None and verdict.source is not None:
        received = f"{verdict.received_at.isoformat()} ({texts('source.' + verdict.source)})"
    rows = [
        ("show.ref", message.ref),
        ("show.from", message.from_header or ""),
        ("show.subject", message.subject or ""),
        ("show.message_id", message.message_id or ""),
        ("show.received", received),
        ("show.deadline", campaign.deadline.isoformat()),
        ("show.verdict", verdict_text(verdict, texts)),
        ("show.date_header", message.date_header or ""),
        ("show.origin", f"{message.origin}: {message.origin_detail}"),
        ("show.size", f"{message.size} bytes"),
        ("show.sha256", message.raw_sha256),
    ]
    width = max(len(texts(key)) for key, _ in rows) + 1
    lines = [f"{texts(key) + ':':<{width}} {value}" for key, value in rows]
    found = problems(message, texts)
    lines.append(f"{texts('show.problems')}:")
    if not found:
        lines.append(f"  {texts('show.none')}")
    lines.extend(f"  - [{item['code']}] {item['message']}" for item in found)
    return lines
