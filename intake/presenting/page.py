"""``intake show``: a readable page about one message, every verdict with its evidence."""

from __future__ import annotations

from intake.config import CampaignSettings
from intake.judging.judgements import Judgements
from intake.judging.kinds import CORRESPONDENCE, NOMINATION
from intake.language import Language
from intake.presenting.nominations import Attachment, Nomination, Problem
from intake.presenting.reviews import review_lines
from intake.presenting.terminal import printable
from intake.presenting.texts import (
    document_kind_text,
    kind_text,
    nominee_reason_text,
    problem_text,
    source_text,
    standing_text,
    status_text,
    verdict_text,
)

JUDGED_AGAINST_THE_CALL = frozenset({NOMINATION})
"""Kinds a deadline verdict, a length and criteria are shown for (and mail not read yet)."""


def show_lines(
    item: Nomination, campaign: CampaignSettings, lang: Language, *, details: bool = False
) -> list[str]:
    """The page; ``details`` adds what a technician reads (reasons, technical details)."""
    rows = _rows(item, campaign, lang, details)
    width = max(len(label) for label, _ in rows) + 1
    lines = [f"{label + ':':<{width}} {printable(value)}" for label, value in rows]
    judged = item.judgements
    if judged is not None and _against_the_call(item):
        for criterion in judged.criteria:
            state = lang._("addressed") if criterion.met else lang._("not found")
            lines.append(f"  [{state}] {printable(criterion.title)}")
            lines.extend(f"      “{printable(sentence)}”" for sentence in criterion.evidence)
    if item.attachments:
        lines.append(lang._("Attachments") + ":")
        for attachment in item.attachments:
            facts = attachment_facts(attachment, lang)
            if attachment.inline:
                facts.append(lang._("in the text"))
            indent = "  " * attachment.depth
            lines.append(f"{indent}- {printable(attachment.name)} ({', '.join(facts)})")
    lines.append(lang._("Problems") + ":")
    if not item.problems:
        lines.append("  " + lang._("(none)"))
    lines.extend(problem_lines(item.problems, lang, details=details))
    lines.append(lang._("Review") + ":")
    lines.extend(review_lines(item.reviews, lang) or ["  " + lang._("(not reviewed yet)")])
    return lines


def problem_lines(problems: tuple[Problem, ...], lang: Language, *, details: bool) -> list[str]:
    lines = []
    for problem in problems:
        sentence = problem_text(lang, problem.code, problem.detail, dict(problem.values))
        prefix = f"{problem.attachment}: " if problem.attachment else ""
        lines.append(printable(f"  - {prefix}{sentence}"))
        if details and problem.detail:
            technical = lang._("technical detail: {detail}", detail=problem.detail)
            lines.append(printable(f"      ({problem.code}; {technical})"))
    return lines


def _against_the_call(item: Nomination) -> bool:
    return item.kind is None or item.kind in JUDGED_AGAINST_THE_CALL


def received_text(item: Nomination, lang: Language, *, seconds: bool = True) -> str:
    """``donderdag 1 juni 2017 16:59:12 (INTERNALDATE van onze IMAP-server)``."""
    verdict = item.timeliness
    if verdict.received_at is None or verdict.source is None:
        return lang._("unknown")
    return lang._(
        "{moment} ({source})",
        moment=lang.datetime(verdict.received_at, seconds=seconds),
        source=source_text(lang, verdict.source),
    )


def _rows(
    item: Nomination, campaign: CampaignSettings, lang: Language, details: bool
) -> list[tuple[str, str]]:
    verdict = item.timeliness
    received = received_text(item, lang)
    rows = [
        (lang._("Reference"), item.ref),
        (lang._("From"), sender_text(item, lang)),
        (lang._("Subject"), item.subject or ""),
        (lang._("Received"), received),
    ]
    judged = item.judgements
    if judged is not None:
        rows.append((lang._("Kind"), _kind(judged, lang, details)))
    if _against_the_call(item):
        rows += [
            (lang._("Deadline"), lang.datetime(campaign.deadline)),
            (lang._("Timeliness"), verdict_text(lang, verdict)),
            (lang._("Nomination in"), document_text(item, lang)),
            (lang._("Length"), length_text(item, lang)),
        ]
    if judged is not None:
        rows += _judgement_rows(item, judged, campaign, lang)
    rows += [
        (lang._("Date header"), item.date_header or lang._("(none)")),
        (lang._("Message-ID"), item.message_id or lang._("(none)")),
        (lang._("Origin"), f"{item.origin}: {item.origin_detail}"),
        (lang._("Size"), lang.size(item.size)),
    ]
    if details:
        rows.append((lang._("SHA-256"), item.sha256))
    return rows


def sender_text(item: Nomination, lang: Language) -> str:
    """``Jan Jansen <j.jansen@utrecht.nl> — Gemeente Utrecht; domein geverifieerd``."""
    sender = item.sender
    if sender is None:
        return item.from_header or ""
    person = sender.name or ""
    address = f"<{sender.address}>" if sender.address else ""
    who = " ".join(part for part in (person, address) if part) or "?"
    if sender.organisation and sender.organisation != person:
        who = f"{who} — {sender.organisation}"
    verified = lang._("domain verified") if sender.authenticated else lang._("domain not verified")
    return f"{who}; {verified}"


def _kind(judged: Judgements, lang: Language, details: bool) -> str:
    text = kind_text(lang, judged.kind)
    return f"{text} ({judged.kind_reason})" if details and judged.kind_reason else text


def attachment_facts(attachment: Attachment, lang: Language) -> list[str]:
    """``Word-document``, ``36,7 kB``, ``1 pagina``, ``A4``: what an attached file is."""
    facts = [document_kind_text(lang, attachment.kind), lang.size(attachment.size)]
    if attachment.pages is not None:
        facts.append(lang.ngettext("{count} page", "{count} pages", attachment.pages))
    if attachment.page_size is not None:
        facts.append(attachment.page_size.name)
    return facts


def document_text(item: Nomination, lang: Language) -> str:
    """Where the nomination is: the attached document measured, or the mail body."""
    length = item.length
    if length is not None and length.document is not None:
        return length.document.name
    return lang._("the mail body")


def length_text(item: Nomination, lang: Language) -> str:
    length = item.length
    if length is None:
        return lang._("(not read yet)")
    words = lang.ngettext("{count} word", "{count} words", length.words)
    if length.pages is None:
        return lang._("unknown; {words}", words=words)
    how = {
        "counted": lang._("counted"),
        "recorded": lang._("as recorded by the program that wrote it"),
        "estimated": lang._("estimated from the number of words"),
    }.get(length.pages_source or "", length.pages_source or "")
    pages = lang.ngettext("{count} page", "{count} pages", length.pages)
    limit = lang.ngettext("{count} page", "{count} pages", length.max_pages)
    verdict = (
        lang._("within the limit of {limit}", limit=limit)
        if length.ok
        else lang._("TOO LONG: more than {limit}", limit=limit)
    )
    return f"{pages} ({how}), {words}; {verdict}"


def _judgement_rows(
    item: Nomination, judged: Judgements, campaign: CampaignSettings, lang: Language
) -> list[tuple[str, str]]:
    rows = []
    if judged.kind in (NOMINATION, CORRESPONDENCE):
        nominees = ", ".join(
            f"{n.name} ({n.code}; {nominee_reason_text(lang, n.reason)})" for n in judged.nominees
        )
        rows.append((lang._("Nominated"), nominees or lang._("no municipality recognised")))
    if item.standing.status is not None:
        status = status_text(lang, item.standing.status)
        why = standing_text(lang, item.standing.reason, item.standing.reason_ref) or ""
        # "superseded by KCO-0004: …" says its status itself; "the first version …" not.
        said = why.split(" ", 1)[0].casefold() == status.split(" ", 1)[0].casefold()
        rows.append((lang._("Status"), why if said else f"{status}: {why}"))
    if item.concerns:
        rows.append((lang._("Concerns"), item.concerns))
    if item.correspondence:
        rows.append((lang._("Correspondence"), ", ".join(item.correspondence)))
    if _against_the_call(item):
        met = sum(1 for c in judged.criteria if c.met)
        summary = lang.ngettext(
            "{met} of {total} criteria addressed (at least {minimum}: a hint, not a decision)",
            "{met} of {total} criteria addressed (at least {minimum}: a hint, not a decision)",
            met,
            met=met,
            total=len(judged.criteria),
            minimum=campaign.min_criteria,
        )
        rows.append((lang._("Criteria"), summary))
    return rows
