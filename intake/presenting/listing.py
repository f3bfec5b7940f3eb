"""``intake list``: a table of filed messages that fits the terminal, a legend for its
signs and a line of counts; and the filters that choose its rows."""

from __future__ import annotations

import textwrap
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from intake.judging.kinds import CORRESPONDENCE, NOMINATION
from intake.judging.receipt import ReceivedSource
from intake.language import Language
from intake.presenting.nominations import Nomination
from intake.presenting.terminal import display_width, fit
from intake.presenting.texts import (
    REVIEWS,
    review_text,
    short_kind_text,
    short_review_text,
    short_status_text,
)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which messages ``list`` shows; every condition given must hold."""

    kind: str | None = None
    late: bool = False
    too_long: bool = False
    problems: bool = False
    nominee: str | None = None
    since: datetime | None = None
    review: str | None = None
    """Only messages whose standing review has this status."""
    unreviewed: bool = False
    """Only messages no person has reviewed yet."""

    @property
    def active(self) -> bool:
        return any(
            (
                self.kind,
                self.late,
                self.too_long,
                self.problems,
                self.nominee,
                self.since,
                self.review,
                self.unreviewed,
            )
        )

    def __call__(self, item: Nomination) -> bool:
        verdict = item.timeliness
        if self.kind is not None and item.kind != self.kind:
            return False
        if self.late and verdict.on_time is not False:
            return False
        if self.too_long and not (item.length is not None and item.length.ok is False):
            return False
        if self.problems and not (item.problems or item.failed):
            return False
        if self.nominee is not None and not _names(item, self.nominee):
            return False
        decided = item.review
        if self.review is not None and (decided is None or decided.status != self.review):
            return False
        if self.unreviewed and decided is not None:
            return False
        late_enough = self.since is None or (
            verdict.received_at is not None and verdict.received_at >= self.since
        )
        return late_enough


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _names(item: Nomination, wanted: str) -> bool:
    """Whether a nominee of a nomination (or of correspondence about one) is ``wanted``:
    its CBS code (``GM0344``, ``0344``) or part of its name, regardless of case or accents."""
    if item.kind not in (None, NOMINATION, CORRESPONDENCE):
        return False
    needle = _folded(wanted.strip())
    for nominee in item.nominees:
        code = nominee.code.casefold()
        if needle in (code, code.removeprefix("gm")) or needle in _folded(nominee.name):
            return True
    return False


# --- the table ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Column:
    title: str
    width: int


SENDER_CLOCK = "*"
ESTIMATED = "~"
TOO_LONG = "!"
ATTENTION = "‼"

REVIEWED = 7
"""The column of what a person decided: shown once someone decided on a message shown."""
_FLEXIBLE = {8: (3, 10), 9: (3, 10), 10: (4, 12)}
"""Columns that share what is left: (weight, least width worth showing)."""
_SHRINKS_TO = {2: 10, 3: 10, 5: 9}
"""Columns that may be cut (with an ellipsis) to this width before any column is left
out: kind, deadline, standing."""
_DROPPED_FIRST = (10, 9, REVIEWED, 4, 2, 1, 8, 6, 5, 3)
"""When the terminal is narrower still: subject, sender, review (``list --review``
still chooses by it), length, kind, received, nominee, problems, standing, deadline; the
reference always stays."""


@dataclass(frozen=True, slots=True)
class _Layout:
    columns: list[tuple[str, int, int]]
    """(title, width, index into a row) of each column shown."""
    gap: int
    hidden: list[str]
    """The titles of the columns left out."""


def list_lines(
    items: Sequence[Nomination], lang: Language, *, columns: int, total: int | None = None
) -> list[str]:
    """The table of ``items`` in at most ``columns`` columns, its legend and its counts;
    ``total``: how many messages there are before a filter chose these."""
    if not items:
        if total:
            return [lang._("No messages match; {total} filed in all.", total=total)]
        return [lang._("No messages filed yet.")]
    with_year = (
        len({item.timeliness.received_at.year for item in items if item.timeliness.received_at}) > 1
    )
    rows = [_cells(item, lang, with_year=with_year) for item in items]
    layout = _layout(rows, lang, columns)
    header = [_Column(title, width) for title, width, _ in layout.columns]
    lines = [_line([c.title for c in header], header, layout.gap)]
    lines += [
        _line([row[index] for _, _, index in layout.columns], header, layout.gap) for row in rows
    ]
    notes = _legend(rows, lang, shown={index for _, _, index in layout.columns})
    if layout.hidden:
        notes.append(
            lang._(
                "Left out for lack of room: {columns} (a wider window shows them).",
                columns=", ".join(layout.hidden),
            )
        )
    notes.append(summary(items, lang, total=total))
    for note in notes:
        lines += _wrapped(note, columns)
    return lines


def _wrapped(text: str, columns: int) -> list[str]:
    indent = " " * (len(text) - len(text.lstrip(" ")))
    hanging = indent + " " * (len(text.lstrip(" ")) - len(text.lstrip(" ").split("  ", 1)[-1]))
    return textwrap.wrap(
        text,
        max(columns, 20),
        subsequent_indent=hanging if hanging.strip() == "" else indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [text]


def _line(cells: list[str], header: list[_Column], gap: int) -> str:
    return (
        (" " * gap)
        .join(fit(cell, column.width) for cell, column in zip(cells, header, strict=True))
        .rstrip()
    )


def _layout(rows: list[list[str]], lang: Language, columns: int) -> _Layout:
    """The columns shown and their widths, fitted to ``columns``: flexible columns shrink
    first, then kind, deadline and standing are cut, the gap narrows, and only then are
    columns left out (the least needed first).  The review column only when a row has a
    review."""
    titles = [
        lang._("ref"),
        lang._("received"),
        lang._("kind"),
        lang._("deadline"),
        lang._("length"),
        lang._("status"),
        lang._("probl."),
        lang._("review"),
        lang._("nominee"),
        lang._("from"),
        lang._("subject"),
    ]
    natural = {
        index: max(display_width(titles[index]), *(display_width(row[index]) for row in rows))
        for index in range(len(titles))
    }
    unused = set() if any(row[REVIEWED] for row in rows) else {REVIEWED}
    shown = [index for index in range(len(titles)) if index not in unused]

    def least(index: int) -> int:
        if index in _FLEXIBLE:
            return min(natural[index], _FLEXIBLE[index][1])
        return min(natural[index], _SHRINKS_TO.get(index, natural[index]))

    def needed(gap: int) -> int:
        return sum(map(least, shown)) + gap * (len(shown) - 1)

    drop = [index for index in _DROPPED_FIRST if index not in unused]
    gap = 2
    while needed(gap) > columns and len(shown) > 1:
        if gap == 2 and drop[0] not in _FLEXIBLE:  # sender and subject are gone already
            gap = 1
            continue
        shown.remove(drop.pop(0))
    widths = {index: least(index) for index in shown}
    spare = columns - sum(widths.values()) - gap * (len(shown) - 1)
    for index in (i for i in shown if i in _SHRINKS_TO):  # cut columns back first
        grow = min(spare, natural[index] - widths[index])
        widths[index] += grow
        spare -= grow
    flexible = [index for index in shown if index in _FLEXIBLE]
    weights = sum(_FLEXIBLE[index][0] for index in flexible) or 1
    shares = {i: spare * _FLEXIBLE[i][0] // weights for i in flexible}
    for index in flexible:  # each its share, then what the others did not need
        grow = min(shares[index], natural[index] - widths[index])
        widths[index] += grow
        spare -= grow
    for index in flexible:
        grow = min(spare, natural[index] - widths[index])
        widths[index] += grow
        spare -= grow
    hidden = [titles[i] for i in range(len(titles)) if i not in shown and i not in unused]
    return _Layout([(titles[i], widths[i], i) for i in shown], gap, hidden)


def _cells(item: Nomination, lang: Language, *, with_year: bool) -> list[str]:
    verdict = item.timeliness
    received = "?"
    if verdict.received_at is not None:
        received = lang.short_datetime(verdict.received_at, year=with_year)
        if verdict.source == ReceivedSource.DATE_HEADER:
            received += SENDER_CLOCK
    judged_against_call = item.kind in (None, NOMINATION)
    deadline = _deadline(item, lang) if judged_against_call else ""
    length = _short_length(item) if judged_against_call else ""
    problems = str(len(item.problems)) if item.problems else ""
    if item.failed:
        problems = f"{problems}{ATTENTION}"
    sender = item.sender
    who = item.from_header or ""
    if sender is not None:
        who = sender.organisation or sender.name or sender.address or who
    about_a_nomination = item.kind in (None, NOMINATION, CORRESPONDENCE)
    nominees = ", ".join(n.name for n in item.nominees) if about_a_nomination else ""
    return [
        item.ref,
        received,
        short_kind_text(lang, item.kind) if item.kind else lang._("not read yet"),
        deadline,
        length,
        short_status_text(lang, item.standing.status),
        problems,
        short_review_text(lang, item.review.status) if item.review else "",
        nominees,
        who,
        item.subject or "",
    ]


def _deadline(item: Nomination, lang: Language) -> str:
    verdict = item.timeliness
    if verdict.on_time is None:
        return lang._("unknown")
    if verdict.on_time:
        return lang._("on time")
    return lang._("late {duration}", duration=lang.short_duration(verdict.late_by_seconds or 0))


def _short_length(item: Nomination) -> str:
    length = item.length
    if length is None or length.pages is None:
        return "?"
    estimated = ESTIMATED if length.pages_source == "estimated" else ""
    marker = "" if length.ok else TOO_LONG
    return f"{estimated}{length.pages}p{marker}"


def _legend(rows: list[list[str]], lang: Language, *, shown: set[int]) -> list[str]:
    signs = {
        SENDER_CLOCK: (1, lang._("receipt time from the sender's clock, not from a server")),
        ESTIMATED: (4, lang._("pages estimated from the number of words")),
        TOO_LONG: (4, lang._("longer than the call allows")),
        ATTENTION: (6, lang._("reading or judging failed in part: see intake show REF")),
        "?": (1, lang._("not known (the receipt time, or the pages of an unread document)")),
    }
    used = [
        f"  {sign}  {meaning}"
        for sign, (index, meaning) in signs.items()
        if sign != "?" and any(sign in row[index] for row in rows)
    ]
    if any(row[4] not in ("", "?") for row in rows):
        used.insert(0, "  p  " + lang._("pages"))
    if any(row[1] == "?" or row[4] == "?" for row in rows):
        used.append(f"  ?  {signs['?'][1]}")
    if any(row[6] for row in rows):
        used.append("  " + lang._("probl.: the number of problems (intake show REF names them)"))
    if REVIEWED in shown:
        used.append(
            "  " + lang._("review: what a person decided (intake review REF says who and when)")
        )
    return used


def summary(items: Sequence[Nomination], lang: Language, *, total: int | None = None) -> str:
    """``412 berichten: 230 voordrachten (190 tellen mee (…), 198 op tijd, 32 te laat, 12
    te lang); correspondentie: 40; …``: a nomination counts when it is the version that
    stands for its sender and nominee and it came in on time."""
    kinds = Counter(item.kind for item in items)
    nominations = [item for item in items if item.kind == NOMINATION]
    late = sum(1 for item in nominations if item.timeliness.on_time is False)
    on_time = sum(1 for item in nominations if item.timeliness.on_time)
    too_long = sum(1 for item in nominations if item.length and item.length.ok is False)
    counting = sum(
        1 for item in nominations if item.standing.status == "current" and item.timeliness.on_time
    )
    parts = [
        lang.ngettext("{count} nomination", "{count} nominations", len(nominations))
        + " ("
        + ", ".join(
            (
                lang.ngettext(
                    "{count} counts (the latest version, on time)",
                    "{count} count (the latest version, on time)",
                    counting,
                ),
                lang._("{count} on time", count=lang.number(on_time)),
                lang._("{count} late", count=lang.number(late)),
                lang._("{count} too long", count=lang.number(too_long)),
            )
        )
        + ")"
    ]
    for kind, count in sorted(kinds.items(), key=lambda pair: str(pair[0])):
        if kind != NOMINATION:
            label = short_kind_text(lang, kind) if kind else lang._("not read yet")
            parts.append(f"{label}: {lang.number(count)}")
    attention = sum(1 for item in items if item.problems or item.failed)
    parts.append(lang._("{count} with problems", count=lang.number(attention)))
    parts.append(_reviewed(items, lang))
    head = lang.ngettext("{count} message", "{count} messages", len(items))
    if total is not None and total != len(items):
        head = lang.ngettext(
            "{shown} of {count} message",
            "{shown} of {count} messages",
            total,
            shown=lang.number(len(items)),
        )
    return f"{head}: {'; '.join(parts)}."


def _reviewed(items: Sequence[Nomination], lang: Language) -> str:
    """``3 beoordeeld (2 aanvaard, 1 informatie nodig)``: the reviews that stand."""
    decided = Counter(item.review.status for item in items if item.review is not None)
    said = lang._("{count} reviewed", count=lang.number(sum(decided.values())))
    statuses = [*REVIEWS, *sorted(set(decided) - set(REVIEWS))]
    counts = [
        f"{lang.number(decided[status])} {review_text(lang, status)}"
        for status in statuses
        if decided[status]
    ]
    return f"{said} ({', '.join(counts)})" if counts else said
