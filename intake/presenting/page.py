"""``intake show``: a readable page about one message, every verdict with its evidence."""

from __future__ import annotations

from intake.config import CampaignSettings
from intake.judging.judgements import Judgements
from intake.presenting.listing import verdict_text
from intake.presenting.nominations import Nomination
from intake.presenting.texts import Texts


def show_lines(item: Nomination, campaign: CampaignSettings, texts: Texts) -> list[str]:
    verdict = item.timeliness
    received = "?"
    if verdict.received_at is not None and verdict.source is not None:
        received = f"{verdict.received_at.isoformat()} ({texts('source.' + verdict.source)})"
    length = item.length
    document = texts("show.body")
    if length is not None and length.document is not None:
        document = length.document.name
    rows = [
        ("show.ref", item.ref),
        ("show.from", item.from_header or ""),
        ("show.subject", item.subject or ""),
        ("show.message_id", item.message_id or ""),
        ("show.received", received),
        ("show.deadline", campaign.deadline.isoformat()),
        ("show.verdict", verdict_text(verdict, texts)),
        ("show.date_header", item.date_header or ""),
        ("show.document", document),
        ("show.length", length_text(item, texts)),
        ("show.origin", f"{item.origin}: {item.origin_detail}"),
        ("show.size", f"{item.size} bytes"),
        ("show.sha256", item.sha256),
    ]
    judged = item.judgements
    if judged is not None:
        rows += _judgement_rows(item, judged, campaign, texts)
    width = max(len(texts(key)) for key, _ in rows) + 1
    lines = [f"{texts(key) + ':':<{width}} {value}" for key, value in rows]
    if judged is not None:
        for criterion in judged.criteria:
            state = texts("show.met" if criterion.met else "show.not_met")
            lines.append(f"  [{state}] {criterion.title}")
            lines.extend(f"      “{sentence}”" for sentence in criterion.evidence)
    if item.attachments:
        lines.append(f"{texts('show.attachments')}:")
        for attachment in item.attachments:
            facts = [attachment.kind, f"{attachment.size} bytes"]
            if attachment.pages is not None:
                facts.append(f"{attachment.pages}p")
            if attachment.page_size is not None:
                facts.append(attachment.page_size.name)
            if attachment.inline:
                facts.append("inline")
            indent = "  " * attachment.depth
            lines.append(f"{indent}- {attachment.name} ({', '.join(facts)})")
    lines.append(f"{texts('show.problems')}:")
    if not item.problems:
        lines.append(f"  {texts('show.none')}")
    for problem in item.problems:
        sentence = texts.problem(problem.code, problem.detail, dict(problem.values))
        prefix = f"{problem.attachment}: " if problem.attachment else ""
        lines.append(f"  - [{problem.code}] {prefix}{sentence}")
    return lines


def length_text(item: Nomination, texts: Texts) -> str:
    length = item.length
    if length is None:
        return texts("show.not_analysed")
    if length.pages is None:
        return texts("length.unknown", words=length.words)
    how = texts(f"length.{length.pages_source}")
    text = texts("length.pages", pages=length.pages, how=how, words=length.words)
    verdict = "length.ok" if length.ok else "length.too_long"
    return f"{text}; {texts(verdict, max=length.max_pages)}"


def _judgement_rows(
    item: Nomination, judged: Judgements, campaign: CampaignSettings, texts: Texts
) -> list[tuple[str, str]]:
    sender = judged.sender
    who = sender.organisation or sender.address or "?"
    verified = texts("show.verified" if sender.authenticated else "show.unverified")
    nominees = ", ".join(f"{n.name} ({n.code}, {n.reason})" for n in judged.nominees) or "?"
    rows = [
        ("show.kind", f"{texts('kind.' + judged.kind)} ({judged.kind_reason})"),
        ("show.sender", f"{who} <{sender.address}>; {verified}"),
        ("show.nominees", nominees),
    ]
    if item.standing.status is not None:
        status = texts(f"status.{item.standing.status}")
        why = texts.standing(item.standing.reason, item.standing.reason_ref)
        rows.append(("show.status", f"{status}: {why}"))
    if item.concerns:
        rows.append(("show.concerns", item.concerns))
    if item.correspondence:
        rows.append(("show.correspondence", ", ".join(item.correspondence)))
    met = sum(1 for c in judged.criteria if c.met)
    return [
        *rows,
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
