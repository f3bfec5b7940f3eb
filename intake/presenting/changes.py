"""What ``intake reprocess`` changed: every verdict a person relies on, old and new."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from intake.language import Language
from intake.presenting.nominations import Nomination
from intake.presenting.texts import kind_text, status_text, verdict_text


@dataclass(frozen=True, slots=True)
class Change:
    """One verdict of one message that reads differently now."""

    ref: str
    what: str
    before: str
    after: str


def _length(item: Nomination, lang: Language) -> str:
    length = item.length
    if length is None or length.pages is None:
        return lang._("unknown")
    pages = lang.ngettext("{count} page", "{count} pages", length.pages)
    return pages if length.ok else lang._("{pages}, too long", pages=pages)


def _nominees(item: Nomination, lang: Language) -> str:
    return lang.join([n.name for n in item.nominees]) or lang._("none")


def _verdicts(lang: Language) -> tuple[tuple[str, Callable[[Nomination], str]], ...]:
    return (
        (lang._("kind"), lambda item: kind_text(lang, item.kind) if item.kind else "—"),
        (lang._("timeliness"), lambda item: verdict_text(lang, item.timeliness)),
        (lang._("length"), lambda item: _length(item, lang)),
        (lang._("nominee"), lambda item: _nominees(item, lang)),
        (lang._("standing"), lambda item: status_text(lang, item.standing.status) or "—"),
    )


def changes(
    before: Sequence[Nomination], after: Sequence[Nomination], lang: Language
) -> list[Change]:
    """Every verdict that differs between two readings of the same messages."""
    earlier = {item.ref: item for item in before}
    found = []
    for item in after:
        old = earlier.get(item.ref)
        if old is None:
            continue
        for what, verdict in _verdicts(lang):
            if (was := verdict(old)) != (now := verdict(item)):
                found.append(Change(item.ref, what, was, now))
    return found


def change_lines(found: Sequence[Change], lang: Language) -> list[str]:
    """``KCO-0003  soort: correspondentie → voordracht``."""
    return [
        lang._(
            "{ref}  {what}: {before} → {after}",
            ref=change.ref,
            what=change.what,
            before=change.before,
            after=change.after,
        )
        for change in found
    ]
