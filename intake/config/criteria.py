"""The assessment criteria as the config declares them, and the 2017 call's as data.

A call's criteria are ``[[campaign.criteria]]`` tables.  Without them, the criteria of
"Koplopers Cliëntondersteuning" (2017) are read from the file shipped with intake,
:data:`CRITERIA_FILE`, through the same declaration and the same checks.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, ClassVar

from intake.config.keys import (
    Check,
    FromTable,
    Invalid,
    Key,
    Text,
    read_settings,
    read_toml,
    shown,
)
from intake.errors import ConfigError
from intake.judging.criteria import Criterion
from intake.language import N_

log = logging.getLogger(__name__)

CRITERIA_FILE = "data/criteria-koplopers-2017.toml"
"""The 2017 call's criteria, relative to the ``intake`` package."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionTable:
    """One assessment criterion of the call, with the terms that show a nomination
    addresses it. The terms are a hint for the jury, never a verdict."""

    about: ClassVar[str] = N_(
        "One assessment criterion of the call, with the terms that show a nomination "
        "addresses it. The terms are a hint for the jury, never a verdict."
    )

    id: Annotated[
        Text, Key(N_("Short name of the criterion, unique within the call."), example="agenda")
    ]
    title: Annotated[
        Text,
        Key(
            N_("The criterion as the call publishes it."),
            example="Cliëntondersteuning staat hoog op de agenda",
        ),
    ]
    description: Annotated[
        str,
        Key(
            N_(
                "What the criterion asks, in a sentence or two; "
                "a sentence a nomination copies from it is never evidence."
            ),
            example="Staat het op de agenda van raad, cliëntenraad en adviesraad?",
        ),
    ] = ""
    terms: Annotated[
        tuple[Text, ...],
        Key(
            N_(
                "Words that show a text addresses the criterion: `woord*` matches words that "
                "start with `woord`, `~woord` is a weak term (two weak ones count as one), "
                "`a + b` needs both in one sentence."
            ),
            example=("gemeenteraad", "cliëntenraad", "adviesraad*", "agenda"),
            problem=N_("needs at least one term"),
            min_length=1,
        ),
    ]
    examples: Annotated[
        tuple[Text, ...],
        Key(
            N_(
                "Terms for what the call lists as examples of this criterion: a sentence that "
                "matches one is evidence for this criterion and for no other."
            ),
            example=("raadsvoorstel*",),
            default_text=N_("none"),
        ),
    ] = ()


def _criterion(table: CriterionTable) -> Criterion:
    for name in ("terms", "examples"):
        for number, term in enumerate(getattr(table, name)):
            _readable_term(term, name, number)
    return Criterion(
        id=table.id,
        title=table.title,
        description=table.description,
        terms=table.terms,
        examples=table.examples,
    )


def _readable_term(term: str, name: str, number: int) -> None:
    """Refuse a term the judging cannot read, naming it (the judging's words go to the log)."""
    try:
        Criterion(id="term", title="", description="", terms=(term,))
    except ValueError as exc:
        log.debug("term %r refused: %s", term, exc)
        raise Invalid(
            N_(
                "not a term intake can read, got {got}: write words, with * for any letters "
                "(adviesraad*), ~ before a weak term and + between words that must share a sentence"
            ),
            name,
            number,
            got=shown(term),
        ) from exc


def _distinct_ids(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    seen: set[str] = set()
    for number, criterion in enumerate(criteria):
        if criterion.id in seen:
            raise Invalid(
                N_("another criterion has the id {id}"), number, "id", id=shown(criterion.id)
            )
        seen.add(criterion.id)
    return criteria


Criteria = Annotated[
    tuple[Annotated[Criterion, FromTable(CriterionTable, _criterion)], ...],
    Check(_distinct_ids),
]
"""``[[...criteria]]`` tables, read into :class:`Criterion` values."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CriteriaFile:
    """A file of criteria: ``[[criteria]]`` tables."""

    criteria: Annotated[Criteria, Key(N_("The criteria, one table each."), min_length=1)]


@functools.cache
def default_criteria() -> tuple[Criterion, ...]:
    """The criteria of "Koplopers Cliëntondersteuning" (2017), read from :data:`CRITERIA_FILE`."""
    resource = resources.files("intake").joinpath(CRITERIA_FILE)
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.debug("reading %s", resource, exc_info=True)
        raise ConfigError(
            N_("cannot read the 2017 call's criteria shipped with intake; install intake again"),
            source=str(resource),
        ) from exc
    return criteria_from_toml(text, source=str(resource))


def criteria_from_toml(text: str, *, source: str) -> tuple[Criterion, ...]:
    """The ``[[criteria]]`` tables of a TOML text, checked as ``[[campaign.criteria]]`` are."""
    document = read_toml(text, source=source)
    return read_settings(CriteriaFile, document, source=source, folder=Path()).criteria
