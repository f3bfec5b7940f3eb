"""Where the call stands, as the coordinator's digest tells it: one value built from the
read model, rendered as HTML and as plain text alike.

What is *new* is what the previous digest delivered on the same channel did not cover
(every filed message it listed is recorded with it), so it is exact however often or
rarely digests are made.  What *asks for attention* is every current nomination with
something a person should look at (late, too long or not A4, a document that could not
be read, an attachment spoken of but missing, no municipality recognised, a sender whose
domain did not verify), every question not yet answered, every revision or duplicate the
program decided on, and every message whose reading failed; once a person has reviewed
an item (``intake review``, any status but "needs information"), it no longer asks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from intake.config import Settings
from intake.judging.kinds import CORRESPONDENCE, NOMINATION
from intake.judging.revisions import CURRENT
from intake.presenting.nominations import MISSING_ATTACHMENT, Nomination
from intake.reporting.selection import is_current, jury_order_key, received_key
from store import DigestRecord

AUTOMATIC_KINDS = ("auto-reply", "bounce", "bulk")
"""Mail no person wrote to the call: listed short, at the end."""

UNREADABLE = frozenset(
    {
        "encrypted",
        "corrupt",
        "unsupported-type",
        "too-large",
        "timed-out",
        "out-of-memory",
        "crashed",
        "image-only",
        "empty",
        "not-as-declared",
        "bad-encoding",
    }
)
"""Problems that mean a person must open a document themselves."""

# Why an item asks for attention; each has a sentence in the digest.
LATE = "late"
UNKNOWN_TIME = "unknown-time"
TOO_LONG = "too-long"
NOT_A4 = "not-a4"
UNREADABLE_DOCUMENT = "unreadable"
MISSING = "missing-attachment"
NO_NOMINEE = "no-nominee"
UNVERIFIED = "unverified"
QUESTION = "question"
REVISION = "revision"
DUPLICATE = "duplicate"
FAILED = "failed"
NOT_READ = "not-read"
NEEDS_INFO = "needs-info"


@dataclass(frozen=True, slots=True)
class Counts:
    received: int
    """Every filed message."""
    nominations: int
    """Current nominations: one per sender and municipality, its latest version."""
    on_time: int
    late: int
    """Current nominations received after the deadline, or at a time unknown."""
    too_long: int
    """Current nominations over the page limit or not on A4."""
    attention: int
    correspondence: int
    new: int


@dataclass(frozen=True, slots=True)
class Attention:
    item: Nomination
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """A current nomination, with its earlier versions and the mail about it."""

    item: Nomination
    versions: tuple[Nomination, ...]
    correspondence: tuple[Nomination, ...]
    new: bool


@dataclass(frozen=True, slots=True)
class Group:
    """The current nominations of one municipality (or joint nomination)."""

    names: tuple[str, ...]
    """Empty: no municipality recognised."""
    codes: tuple[str, ...]
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    call: str
    deadline: datetime
    made_at: datetime
    final: bool
    counts: Counts
    previous: DigestRecord | None
    new: tuple[Nomination, ...]
    attention: tuple[Attention, ...]
    groups: tuple[Group, ...]
    loose_correspondence: tuple[Nomination, ...]
    """Correspondence not linked to any nomination."""
    automatic: tuple[Nomination, ...]
    other: tuple[Nomination, ...]
    """Mail that is none of the above: empty or test mail, or not read yet."""
    senders_verified: bool
    """Whether senders' domains can be verified at all (``[trust] authserv_ids``)."""
    covered: frozenset[str]
    """Every message this overview covers."""

    @property
    def closed(self) -> bool:
        return self.made_at > self.deadline

    @property
    def seconds_left(self) -> float:
        return (self.deadline - self.made_at).total_seconds()


def build_overview(
    items: Sequence[Nomination],
    settings: Settings,
    *,
    now: datetime,
    previous: DigestRecord | None,
    final: bool = False,
) -> Overview:
    """Where the call stands at ``now``; what is new is what ``previous`` did not cover."""
    by_ref = {item.ref: item for item in items}
    covered_before = previous.covered if previous is not None else frozenset()
    new = tuple(item for item in items if item.ref not in covered_before)
    new_refs = {item.ref for item in new}
    verified = bool(settings.trust.authserv_ids)
    current = [item for item in items if is_current(item)]
    attention = tuple(
        Attention(item, reasons)
        for item in sorted(items, key=lambda i: (received_key(i), i.ref))
        if (reasons := attention_reasons(item, senders_verified=verified))
    )
    groups = _groups(current, items, by_ref, new_refs)
    linked = {c.ref for group in groups for entry in group.entries for c in entry.correspondence}
    correspondence = [item for item in items if item.kind == CORRESPONDENCE]
    automatic = tuple(item for item in items if item.kind in AUTOMATIC_KINDS)
    other = tuple(
        item for item in items if item.kind not in (NOMINATION, CORRESPONDENCE, *AUTOMATIC_KINDS)
    )
    counts = Counts(
        received=len(items),
        nominations=len(current),
        on_time=sum(1 for item in current if item.timeliness.on_time is True),
        late=sum(1 for item in current if item.timeliness.on_time is not True),
        too_long=sum(1 for item in current if too_long(item) or not_a4(item)),
        attention=len(attention),
        correspondence=len(correspondence),
        new=len(new),
    )
    return Overview(
        call=settings.campaign.name,
        deadline=settings.campaign.deadline,
        made_at=now,
        final=final,
        counts=counts,
        previous=previous,
        new=new,
        attention=attention,
        groups=groups,
        loose_correspondence=tuple(c for c in correspondence if c.ref not in linked),
        automatic=automatic,
        other=other,
        senders_verified=verified,
        covered=frozenset(by_ref),
    )


def attention_reasons(item: Nomination, *, senders_verified: bool) -> tuple[str, ...]:
    """Why a person should look at ``item``; none once a person has reviewed it."""
    review = item.review
    if review is not None and review.status != "needs-info":
        return ()
    reasons: list[str] = []
    if review is not None:
        reasons.append(NEEDS_INFO)
    if not item.analysed:
        return (*reasons, NOT_READ)
    if item.failed:
        reasons.append(FAILED)
    if item.kind == CORRESPONDENCE and _is_question(item):
        reasons.append(QUESTION)
    if not item.is_nomination:
        return tuple(reasons)
    status = item.standing.status
    if status == "duplicate":
        return (*reasons, DUPLICATE)
    if status != CURRENT:
        return (*reasons, REVISION)
    if item.timeliness.on_time is None:
        reasons.append(UNKNOWN_TIME)
    elif not item.timeliness.on_time:
        reasons.append(LATE)
    if too_long(item):
        reasons.append(TOO_LONG)
    if not_a4(item):
        reasons.append(NOT_A4)
    if any(problem.code in UNREADABLE for problem in item.problems):
        reasons.append(UNREADABLE_DOCUMENT)
    if any(problem.code == MISSING_ATTACHMENT for problem in item.problems):
        reasons.append(MISSING)
    if not item.nominees:
        reasons.append(NO_NOMINEE)
    if senders_verified and item.sender is not None and not item.sender.authenticated:
        reasons.append(UNVERIFIED)
    return tuple(reasons)


def _is_question(item: Nomination) -> bool:
    judged = item.judgements
    return judged is not None and "a question" in (judged.kind_reason or "")


def too_long(item: Nomination) -> bool:
    return item.length is not None and item.length.ok is False


def not_a4(item: Nomination) -> bool:
    return any(problem.code == "not-a4" for problem in item.problems)


def _groups(
    current: list[Nomination],
    items: Sequence[Nomination],
    by_ref: dict[str, Nomination],
    new_refs: set[str],
) -> tuple[Group, ...]:
    earlier = _earlier_versions(items)
    grouped: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    for item in sorted(current, key=jury_order_key):
        key = tuple(nominee.code for nominee in item.nominees)
        names[key] = tuple(nominee.name for nominee in item.nominees)
        versions = tuple(by_ref[ref] for ref in _chain(item.ref, earlier) if ref in by_ref)
        about = [item.ref, *(version.ref for version in versions)]
        letters = tuple(
            by_ref[ref] for owner in about for ref in by_ref[owner].correspondence if ref in by_ref
        )
        fresh = item.ref in new_refs or any(v.ref in new_refs for v in (*versions, *letters))
        grouped[key].append(Entry(item, versions, letters, fresh))
    ordered = sorted(grouped, key=lambda key: (not key, [n.casefold() for n in names[key]]))
    return tuple(Group(names[key], key, tuple(grouped[key])) for key in ordered)


def _earlier_versions(items: Sequence[Nomination]) -> dict[str, list[str]]:
    """For each nomination, the messages that stand aside for it: the versions it
    superseded, its duplicates and late revisions of it."""
    earlier: dict[str, list[str]] = defaultdict(list)
    for item in items:
        standing = item.standing
        target = standing.superseded_by or standing.duplicate_of or standing.late_revision_of
        if target is not None and item.is_nomination and standing.status != CURRENT:
            earlier[target].append(item.ref)
    return earlier


def _chain(ref: str, earlier: dict[str, list[str]]) -> list[str]:
    """Every message standing aside for ``ref``, directly or through another version."""
    found: list[str] = []
    todo = list(earlier.get(ref, ()))
    while todo:
        other = todo.pop(0)
        if other in found or other == ref:
            continue
        found.append(other)
        todo.extend(earlier.get(other, ()))
    return found
