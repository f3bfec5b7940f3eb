"""What people decided on a message, as ``show``, ``review`` and the JSON say it: the
decision that stands, then the earlier ones, each with who, when and the note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from intake.language import Language
from intake.presenting.nominations import Review
from intake.presenting.terminal import printable
from intake.presenting.texts import kind_text, review_text


def review_text_line(review: Review, lang: Language) -> str:
    """``aanvaard, door Marieke Bakker, vrijdag 2 juni 2017 10:12``."""
    return lang._(
        "{status}, by {by}, {moment}",
        status=review_text(lang, review.status),
        by=printable(review.by),
        moment=lang.datetime(review.at),
    )


def review_lines(reviews: Sequence[Review], lang: Language) -> list[str]:
    """The decision that stands, then the earlier ones (newest first), each note quoted
    under it; indented for a block of a page."""
    lines = []
    for position, review in enumerate(reversed(reviews)):
        said = review_text_line(review, lang)
        lines.append("  " + (said if position == 0 else lang._("earlier: {review}", review=said)))
        if review.note:
            lines.append(f"      “{printable(review.note)}”")
    return lines


def confirmation(ref: str, kind: str | None, review: Review, lang: Language) -> str:
    """``KCO-0003: aanvaard (door Marieke, vrijdag 2 juni 2017 10:12)``; the kind is
    named when the message is no nomination."""
    values = {
        "status": review_text(lang, review.status),
        "by": printable(review.by),
        "moment": lang.datetime(review.at),
    }
    if kind is None or kind == "nomination":
        return lang._("{ref}: {status} (by {by}, {moment})", ref=ref, **values)
    return lang._(
        "{ref} ({kind}): {status} (by {by}, {moment})",
        ref=ref,
        kind=kind_text(lang, kind),
        **values,
    )


def review_json(review: Review, lang: Language, zone: tzinfo) -> dict[str, Any]:
    return {
        "status": review.status,
        "status_text": review_text(lang, review.status),
        "note": review.note,
        "by": review.by,
        "at": review.at.astimezone(zone).isoformat(),
    }
