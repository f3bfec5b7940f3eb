"""The coordinator's digest: an HTML mail and its plain-text twin, from one overview.

Both are rendered with Jinja2 from the templates shipped in ``templates/``; the HTML
template has autoescape on, so every value from a mail (subjects, names, file names,
quotes) shows as text.  Its CSS is written once in a ``<style>`` block and inlined onto
the elements by css-inline, as mail clients that drop ``<style>`` (Outlook, Gmail's
older apps) need; the rules for small screens stay in the block.  There are no scripts
and no images, and the layout is tables at most 640 pixels wide.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import css_inline
import jinja2
import markupsafe

from intake.language import N_, Language
from intake.presenting.nominations import Nomination, Problem
from intake.presenting.page import received_text
from intake.presenting.terminal import printable
from intake.presenting.texts import (
    kind_text,
    problem_text,
    review_text,
    standing_text,
    status_text,
    verdict_text,
)
from intake.reporting import overview as ov
from intake.reporting.overview import Overview

REASONS = {
    ov.LATE: N_("received after the deadline"),
    ov.UNKNOWN_TIME: N_("the receipt time is unknown; judge its timeliness by hand"),
    ov.TOO_LONG: N_("longer than the page limit"),
    ov.NOT_A4: N_("not on A4 paper"),
    ov.UNREADABLE_DOCUMENT: N_("a document could not be read: open it yourself"),
    ov.MISSING: N_("the mail speaks of an attachment, but carries none"),
    ov.NO_NOMINEE: N_("no municipality recognised"),
    ov.UNVERIFIED: N_("the sender's domain is not verified"),
    ov.QUESTION: N_("a question waiting for an answer"),
    ov.REVISION: N_("a revision: check which version counts"),
    ov.DUPLICATE: N_("a duplicate: check that it is one"),
    ov.FAILED: N_("reading or judging it failed in part"),
    ov.NOT_READ: N_("not read yet"),
    ov.NEEDS_INFO: N_("marked as needing information"),
}
"""Why an item asks for attention, in the digest's words."""

SUBJECT_CHARS = 120
QUOTE_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Digest:
    subject: str
    html: str
    text: str


def render_digest(overview: Overview, lang: Language) -> Digest:
    """The digest of ``overview`` in ``lang``: its subject, HTML and plain text."""
    subject = digest_subject(overview, lang)
    values = {"o": overview, "subject": subject, **_helpers(lang)}
    html = _environment(html=True).get_template("digest.html.j2").render(values)
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    text = _environment(html=False).get_template("digest.txt.j2").render(values)
    return Digest(subject=subject, html=inliner.inline(html), text=_tidy_text(text))


def digest_subject(overview: Overview, lang: Language) -> str:
    """``Koplopers Cliëntondersteuning: 23 voordrachten, 3 nieuw, sluit over 2 dagen``."""
    counts = overview.counts
    state = (
        lang._("closed since {moment}", moment=lang.short_datetime(overview.deadline))
        if overview.closed
        else lang._("closes in {duration}", duration=_left(overview, lang))
    )
    text = lang._(
        "{call}: {nominations}, {new}, {state}",
        call=overview.call,
        nominations=lang.ngettext("{count} nomination", "{count} nominations", counts.nominations),
        new=lang.ngettext("{count} new", "{count} new", counts.new),
        state=state,
    )
    if overview.final:
        text = lang._("Final digest — {subject}", subject=text)
    return _clean(text)


def _left(overview: Overview, lang: Language) -> str:
    """Time to the deadline, to the minute (a mail is read minutes after it is made)."""
    seconds = max(60, int(overview.seconds_left) // 60 * 60)
    return lang.duration(seconds)


def _helpers(lang: Language) -> dict[str, object]:
    """What the templates call: the catalog, and the words for dates and codes."""
    return {
        "_": lang._,
        "ngettext": lang.ngettext,
        "lang": lang,
        "when": lambda moment: lang.datetime(moment) if moment else lang._("unknown"),
        "short_when": lambda moment: lang.short_datetime(moment) if moment else "?",
        "left": lambda o: _left(o, lang),
        "reason": functools.partial(_reason, lang),
        "kind": functools.partial(kind_text, lang),
        "status": functools.partial(status_text, lang),
        "review": functools.partial(review_text, lang),
        "verdict": functools.partial(verdict_text, lang),
        "too_long": ov.too_long,
        "not_a4": ov.not_a4,
        "received": lambda item: received_text(item, lang, seconds=False),
        "problem": functools.partial(_problem, lang),
        "pages": functools.partial(_pages, lang),
        "sender": _sender,
        "organisation": _organisation,
        "municipalities": functools.partial(_municipalities, lang),
        "short": _short,
        "quote": lambda text: _short(text, QUOTE_CHARS),
        "met": lambda item: sum(1 for c in item.criteria if c.met),
    }


@functools.cache
def _environment(*, html: bool) -> jinja2.Environment:
    finalize: Callable[[object], object] = _clean_value if html else _plain_value
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("intake.reporting", "templates"),
        # Escaped by what a template writes: HTML is, plain text is not.
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), disabled_extensions=("txt.j2",), default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    return environment


def _clean(text: str) -> str:
    """Without control characters or direction overrides (a subject stays one line)."""
    return _CONTROL.sub("", text.replace("\r", " ").replace("\n", " "))


def _clean_value(value: object) -> object:
    """A value from a mail without control characters; markup the template made itself
    (a macro's output) as it is."""
    if isinstance(value, markupsafe.Markup) or not isinstance(value, str):
        return value
    return _CONTROL.sub("", value)


def _plain_value(value: object) -> object:
    return printable(value, keep_lines=True) if isinstance(value, str) else value


def _tidy_text(text: str) -> str:
    """At most one empty line in a row, and none at the ends."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _short(text: str | None, limit: int = SUBJECT_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _reason(lang: Language, item: Nomination, code: str) -> str:
    """Why ``item`` asks for attention; a revision or duplicate says which other version."""
    if code in (ov.REVISION, ov.DUPLICATE):
        why = standing_text(lang, item.standing.reason, item.standing.reason_ref)
        if why:
            return lang._("{why}; check that it is right", why=why)
    return lang._(REASONS[code]) if code in REASONS else code


def _problem(lang: Language, problem: Problem) -> str:
    return problem_text(lang, problem.code, problem.detail, dict(problem.values))


def _pages(lang: Language, item: Nomination) -> str:
    """``1 pagina, A4`` or ``2 pagina's (geschat), Letter``; empty when unknown."""
    length = item.length
    if length is None or length.pages is None:
        return ""
    text = lang.ngettext("{count} page", "{count} pages", length.pages)
    if length.measured is False:
        text = lang._("{pages} (estimated)", pages=text)
    if length.page_size is not None:
        text = f"{text}, {length.page_size.name}"
    return text


def _sender(item: Nomination) -> str:
    sender = item.sender
    if sender is None:
        return item.from_header or ""
    if sender.name and sender.address:
        return f"{sender.name} <{sender.address}>"
    return sender.address or sender.name or item.from_header or ""


def _organisation(item: Nomination) -> str:
    sender = item.sender
    if sender is None:
        return ""
    return sender.organisation or sender.municipality_name or ""


def _municipalities(lang: Language, names: tuple[str, ...]) -> str:
    return lang.join(list(names)) if names else lang._("No municipality recognised")
