"""A person's decision on a filed message (``intake review``): which status a word names,
who decides, a note kept on one line, and the decision recorded.

A review is kept apart from everything derived (:mod:`store.kept`): reading the mail
again never touches it.  Every review is kept; the newest one stands.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from intake.errors import NotFound
from intake.language import LANGUAGES, N_, Language
from intake.presenting.nominations import Review, review_of
from intake.presenting.terminal import printable
from intake.presenting.texts import REVIEWS, SHORT_REVIEWS
from store import ReviewRecord, Store, UnknownMessage

log = logging.getLogger(__name__)

REVIEWER_ENV = "INTAKE_REVIEWER"
"""Who reviews, when ``--by`` does not say: else the login name."""
MAX_NOTE = 2000
"""The longest note kept, in characters: a remark, not a report."""
MAX_NAME = 200
"""The longest reviewer's name kept, in characters."""


def status_code(text: str) -> str | None:
    """The status a person named: its code (``needs-info``) or its name in either language
    (``aanvaard``, ``informatie nodig``, ``informatie-nodig``, ``needs information``),
    regardless of case; None when it names none."""
    wanted = _words(text)
    for code, name in REVIEWS.items():
        names = {code, name, SHORT_REVIEWS[code]}
        spoken = {Language(language)._(each) for language in LANGUAGES for each in names}
        if wanted in {_words(each) for each in names | spoken}:
            return code
    return None


def _words(text: str) -> str:
    """``Informatie-Nodig`` as ``informatie nodig``: the words, compared without case."""
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


def one_line(text: str) -> str:
    """``text`` on one line: every run of white space (line breaks and tabs included)
    one space, none at either end.  Other control characters stay: every view shows them
    as visible signs."""
    return " ".join(text.split())


def reviewer(
    given: str | None,
    environ: Mapping[str, str],
    login: Callable[[], str] = getpass.getuser,
) -> str | None:
    """Who reviews: ``given`` (``--by``), else ``$INTAKE_REVIEWER``, else the login name
    (``LOGNAME``, ``USER``, …, else the account's); None when none is found."""
    for candidate in (given, environ.get(REVIEWER_ENV)):
        if candidate is not None and one_line(candidate):
            return one_line(candidate)
    try:
        name = login()
    except (OSError, KeyError, ImportError):  # no name in the environment nor the account
        log.debug("no login name", exc_info=True)
        return None
    return one_line(name) or None


def reviews_of(store: Store, ref: str) -> tuple[Review, ...]:
    """The reviews of ``ref``, oldest first (the last one stands)."""
    return tuple(map(review_of, store.reviews([ref]).get(ref, ())))


def record(
    store: Store,
    ref: str,
    status: str,
    *,
    by: str,
    note: str | None = None,
    at: datetime | None = None,
) -> Review:
    """Keep a person's decision on ``ref`` (now, unless ``at`` says when); the review."""
    if status not in REVIEWS:
        raise ValueError(f"unknown review status {status!r}")
    moment = (at or datetime.now(UTC)).replace(microsecond=0)
    kept = ReviewRecord(ref=ref, status=status, note=note, reviewer=by, reviewed_at=moment)
    try:
        store.add_review(kept)
    except UnknownMessage as exc:
        raise NotFound(N_("No message {ref}."), ref=printable(ref)) from exc
    return Review(status, note, by, moment)
