"""The jury's dossier: one PDF of every nomination that counts, for reading and printing.

A cover (the call, its deadline, when the dossier was made, how many nominations it holds
and how many criteria a frontrunner meets), a page of contents, then a section for each
current on-time nomination in the jury's order (:mod:`intake.reporting.selection`), each
on a new page: its facts, the program's hints about the criteria (set apart, and said to
be no judgement) and the full nomination text.  The late ones, and those whose receipt
time is unknown, are listed apart at the end, without their texts.  Every section is in
the contents with its page and in the PDF's outline; every page says which page of how
many it is.

The facts are said in the words ``intake show`` uses; everything from a mail is set as
literal text (:mod:`intake.reporting.pdf`).  The dossier is written whole or not at all:
made in memory, then put in place in one step.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from intake.config import CampaignSettings
from intake.errors import OperationalError, os_reason
from intake.language import N_, Language
from intake.presenting.nominations import Attachment, Nomination
from intake.presenting.page import (
    attachment_facts,
    document_text,
    length_text,
    received_text,
    sender_text,
)
from intake.presenting.texts import (
    nominee_reason_text,
    problem_text,
    review_text,
    standing_text,
    status_text,
    verdict_text,
)
from intake.reporting.dossier import layout
from intake.reporting.dossier.document import Document, Heading
from intake.reporting.dossier.layout import Look
from intake.reporting.dossier.originals import document_attachments
from intake.reporting.dossier.pdf import markup, paragraphs
from intake.reporting.files import replace_file
from intake.reporting.selection import apart_nominations, jury_nominations

log = logging.getLogger(__name__)

MAX_LINES = 12
"""Lines of one fact (attachments, problems): a table row must fit on a page."""
VALUE_CHARS = 600
"""Characters of one fact's value, for the same reason."""


@dataclass(frozen=True, slots=True)
class DossierReport:
    """What :func:`write_dossier` wrote."""

    path: Path
    pages: int
    sections: tuple[str, ...]
    """The references with a section of their own, in the jury's order."""
    apart: tuple[str, ...]
    """The references listed apart (late, or no receipt time known)."""


def write_dossier(
    path: Path,
    nominations: Sequence[Nomination],
    campaign: CampaignSettings,
    lang: Language,
    *,
    made_at: datetime,
    documents: Mapping[str, Sequence[str]] | None = None,
) -> DossierReport:
    """Write the jury's dossier of ``nominations`` (the read model with its texts) to
    ``path``, replacing what is there.

    ``documents`` names, per reference, the original documents written beside the
    dossier (:func:`intake.reporting.originals.copy_originals`); None leaves them out.
    """
    counted = jury_nominations(nominations)
    apart = apart_nominations(nominations)
    look = layout.look()
    buffer = io.BytesIO()
    title = f"{campaign.name} — {lang._('Jury dossier')}"
    doc = Document(buffer, title=title, name=campaign.name, lang=lang, look=look)
    story: list[Flowable] = [doc.total]
    story += _cover(campaign, lang, look, made_at, len(counted), len(apart), documents)
    story += _contents(lang, look)
    for number, item in enumerate(counted, start=1):
        originals = None if documents is None else documents.get(item.ref, ())
        story += _section(item, number, campaign, lang, look, originals)
    story += _apart(apart, lang, look)
    try:
        doc.multiBuild(story)
    except (LayoutError, IndexError) as exc:
        log.debug("laying out the dossier failed", exc_info=True)
        raise OperationalError(
            N_("The jury dossier could not be laid out; the details are in the log (-vv).")
        ) from exc
    try:
        replace_file(path, buffer.getvalue())
    except OSError as exc:
        log.debug("cannot write %s", path, exc_info=True)
        raise OperationalError(
            N_("The jury dossier cannot be written to {path}: {reason}."),
            path=str(path),
            reason=os_reason(exc),
        ) from exc
    return DossierReport(
        path=path,
        pages=doc.pages,
        sections=tuple(item.ref for item in counted),
        apart=tuple(item.ref for item in apart),
    )


def _cover(
    campaign: CampaignSettings,
    lang: Language,
    look: Look,
    made_at: datetime,
    counted: int,
    apart: int,
    documents: Mapping[str, Sequence[str]] | None,
) -> list[Flowable]:
    facts = [
        (lang._("Deadline"), lang.datetime(campaign.deadline)),
        (lang._("Made"), lang.datetime(made_at)),
        (
            lang._("Nominations"),
            lang.ngettext(
                "{count} nomination that counts", "{count} nominations that count", counted
            ),
        ),
        (
            lang._("Listed apart"),
            lang.ngettext(
                "{count} late or without a receipt time",
                "{count} late or without a receipt time",
                apart,
            ),
        ),
        (
            lang._("Criteria"),
            lang._(
                "A frontrunner meets at least {minimum} of the {total} criteria.",
                minimum=lang.number(campaign.min_criteria),
                total=lang.number(len(campaign.criteria)),
            ),
        ),
    ]
    criteria = [
        Paragraph(f"{number}. {markup(criterion.title, 300)}", look.cover_item)
        for number, criterion in enumerate(campaign.criteria, start=1)
    ]
    about = [
        lang._(
            "Each nomination that counts has a section of its own, on a new page: its facts, "
            "the program's hints about the criteria, and the full text of the nomination."
        ),
        lang._(
            "The hints come from a program that looks for words; they are not a judgement. "
            "The jury judges."
        ),
    ]
    if documents is not None:
        about.append(
            lang._(
                "The original documents are in the folder beside this dossier, named by reference."
            )
        )
    return [
        Spacer(1, 45 * mm),
        Paragraph(markup(campaign.name, 200), look.cover_title),
        Paragraph(markup(lang._("Jury dossier")), look.cover_subtitle),
        Spacer(1, 12 * mm),
        layout.facts_table([(label, markup(value)) for label, value in facts], look),
        Spacer(1, 6 * mm),
        *criteria,
        Spacer(1, 10 * mm),
        *(Paragraph(markup(sentence), look.note) for sentence in about),
    ]


def _contents(lang: Language, look: Look) -> list[Flowable]:
    contents = TableOfContents(
        levelStyles=[look.contents],
        tableStyle=layout.contents_style(),
        dotsMinLevel=0,
        rightColumnWidth=50,
    )
    return [PageBreak(), Heading(lang._("Contents"), look, key="contents", listed=False), contents]


def _section(
    item: Nomination,
    number: int,
    campaign: CampaignSettings,
    lang: Language,
    look: Look,
    originals: Sequence[str] | None,
) -> list[Flowable]:
    return [
        PageBreak(),
        Heading(f"{item.ref} — {_nominated(item, lang)}", look, key=f"nomination-{number}"),
        layout.facts_table(_facts(item, lang, originals), look),
        Spacer(1, 5 * mm),
        layout.hints_box(
            lang._("Hints from the program — not a judgement"), _hints(item, campaign, lang), look
        ),
        Spacer(1, 3 * mm),
        Paragraph(markup(lang._("Nomination text")), look.subheading),
        *_text(item, lang, look, originals),
    ]


def _nominated(item: Nomination, lang: Language) -> str:
    names = [nominee.name for nominee in item.nominees]
    return lang.join(names) if names else lang._("no municipality recognised")


def _facts(
    item: Nomination, lang: Language, originals: Sequence[str] | None
) -> list[tuple[str, str]]:
    """Each fact's label and its value as markup."""
    verdict = item.timeliness
    received = received_text(item, lang)
    nominees = [f"{n.name} ({nominee_reason_text(lang, n.reason)})" for n in item.nominees]
    length = item.length
    rows = [
        (lang._("Reference"), markup(item.ref)),
        (lang._("Nominated"), _lines(nominees or [lang._("no municipality recognised")])),
        (lang._("From"), markup(sender_text(item, lang), VALUE_CHARS)),
        (lang._("Subject"), markup(item.subject or lang._("(none)"), VALUE_CHARS)),
        (lang._("Received"), markup(received)),
        (lang._("Timeliness"), markup(verdict_text(lang, verdict))),
        (lang._("Nomination in"), markup(document_text(item, lang), VALUE_CHARS)),
        (lang._("Length"), markup(length_text(item, lang))),
    ]
    if length is not None and length.page_size is not None:
        rows.append((lang._("Paper size"), markup(length.page_size.name)))
    attached = [_attachment(attachment, lang) for attachment in document_attachments(item)]
    rows.append((lang._("Documents"), _lines(attached or [lang._("(none)")])))
    if originals is not None:
        rows.append((lang._("Originals"), _lines(list(originals) or [lang._("(none)")])))
    if item.standing.status is not None:
        status = status_text(lang, item.standing.status)
        why = standing_text(lang, item.standing.reason, item.standing.reason_ref)
        rows.append((lang._("Status"), markup(f"{status}: {why}" if why else status)))
    rows.append((lang._("Review"), _review(item, lang)))
    problems = [
        (f"{problem.attachment}: " if problem.attachment else "")
        + problem_text(lang, problem.code, problem.detail, dict(problem.values))
        for problem in item.problems
    ]
    rows.append((lang._("Problems"), _lines(problems or [lang._("(none)")])))
    return rows


def _lines(values: Sequence[str]) -> str:
    """Values one under another, each cut short; at most :data:`MAX_LINES`."""
    shown = [markup(value, 240) for value in values[:MAX_LINES]]
    if len(values) > MAX_LINES:
        shown.append(f"(+{len(values) - MAX_LINES})")
    return "<br/>".join(shown)


def _attachment(attachment: Attachment, lang: Language) -> str:
    return f"{attachment.name} ({', '.join(attachment_facts(attachment, lang))})"


def _review(item: Nomination, lang: Language) -> str:
    review = item.review
    if review is None:
        return markup(lang._("no decision by a person yet"))
    decided = lang._(
        "{decision} by {person} on {moment}",
        decision=review_text(lang, review.status),
        person=review.by,
        moment=lang.datetime(review.at),
    )
    if review.note:
        return f"{markup(decided, 300)}<br/>{markup(review.note, 400)}"
    return markup(decided, 300)


def _hints(item: Nomination, campaign: CampaignSettings, lang: Language) -> list[layout.Hint]:
    results = {result.id: result for result in item.criteria}
    met = sum(1 for c in campaign.criteria if (r := results.get(c.id)) is not None and r.met)
    summary = lang.ngettext(
        "{met} of {total} criteria addressed (at least {minimum}: a hint, not a decision)",
        "{met} of {total} criteria addressed (at least {minimum}: a hint, not a decision)",
        met,
        met=met,
        total=len(campaign.criteria),
        minimum=campaign.min_criteria,
    )
    hints = [layout.Hint(markup(summary), ())]
    for criterion in campaign.criteria:
        result = results.get(criterion.id)
        if result is None:
            state = lang._("not assessed")
        else:
            state = lang._("addressed") if result.met else lang._("not found")
        quotes = tuple(
            markup(sentence, 280) for sentence in (result.evidence if result else ())[:2]
        )
        hints.append(layout.Hint(f"<b>{markup(criterion.title, 200)}</b>: {markup(state)}", quotes))
    return hints


def _text(
    item: Nomination, lang: Language, look: Look, originals: Sequence[str] | None
) -> list[Flowable]:
    blocks = paragraphs(item.text or "")
    if blocks:
        return [Paragraph(block, look.body) for block in blocks]
    missing = lang._(
        "The program found no readable text in this nomination (a scan or a picture, or an "
        "empty mail)."
    )
    if originals:
        where = lang._(
            "Read the original beside this dossier: {files}.", files=", ".join(originals)
        )
    else:
        where = lang._("Ask the coordinator for the original mail.")
    return [Paragraph(markup(f"{missing} {where}"), look.note)]


def _apart(items: Sequence[Nomination], lang: Language, look: Look) -> list[Flowable]:
    flow: list[Flowable] = [
        PageBreak(),
        Heading(lang._("Listed apart: late or without a receipt time"), look, key="apart"),
        Paragraph(
            markup(
                lang._(
                    "These nominations do not count: they were received after the deadline, "
                    "or when they were received is not known. They are listed so that nothing "
                    "goes unmentioned; their texts are not in this dossier."
                )
            ),
            look.note,
        ),
        Spacer(1, 4 * mm),
    ]
    if not items:
        return [*flow, Paragraph(markup(lang._("There are none.")), look.body)]
    header = [
        lang._("Reference"),
        lang._("Nominated"),
        lang._("From"),
        lang._("Received"),
        lang._("Timeliness"),
    ]
    rows = [
        [
            item.ref,
            _nominated(item, lang),
            sender_text(item, lang),
            lang.datetime(item.timeliness.received_at)
            if item.timeliness.received_at is not None
            else lang._("unknown"),
            verdict_text(lang, item.timeliness),
        ]
        for item in items
    ]
    return [*flow, layout.list_table(header, rows, look)]
