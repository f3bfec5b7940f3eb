"""``intake list``: one line per filed message."""

from __future__ import annotations

from intake.judging.receipt import Timeliness
from intake.presenting.nominations import Nomination
from intake.presenting.texts import Texts


def list_lines(items: list[Nomination], texts: Texts) -> list[str]:
    """One line per message: reference, receipt time, verdict, length, sender, subject."""
    if not items:
        return [texts("list.empty")]
    names = texts("list.columns").split("|")
    row = "{:<10} {:<20} {:<24} {:<6} {:<32} {}"
    lines = [row.format(*names).rstrip()]
    for item in items:
        verdict = item.timeliness
        received = verdict.received_at.strftime("%Y-%m-%d %H:%M:%S") if verdict.received_at else "?"
        lines.append(
            row.format(
                item.ref,
                received,
                clip(verdict_text(verdict, texts), 24),
                _short_length(item),
                clip(item.from_header, 32),
                clip(item.subject, 60),
            ).rstrip()
        )
    return lines


def verdict_text(verdict: Timeliness, texts: Texts) -> str:
    if verdict.on_time is None:
        return texts("verdict.unknown")
    if verdict.on_time:
        return texts("verdict.on_time")
    return texts("verdict.late", duration=texts.duration(verdict.late_by_seconds or 0))


def clip(text: str | None, width: int) -> str:
    value = (text or "").replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def _short_length(item: Nomination) -> str:
    length = item.length
    if length is None or length.pages is None:
        return "?"
    marker = "" if length.ok else "!"
    estimated = "~" if length.pages_source == "estimated" else ""
    return f"{estimated}{length.pages}p{marker}"
