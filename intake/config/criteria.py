"""The assessment criteria as the config declares them, and the 2017 call's as data.

A call's criteria are ``[[campaign.criteria]]`` tables.  Without them, the criteria of
"Koplopers Cliëntondersteuning" (2017) are read from the file shipped with intake,
:data:`CRITERIA_FILE`, through the same declaration and the same checks.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated

from intake.config.keys import Check, FromTable, Invalid, Key, Text, read_settings, shown
from intake.errors import ConfigError
from intake.judging.criteria import Criterion

CRITERIA_FILE = "data/criteria-koplopers-2017.toml"
"""The 2017 call's criteria, relative to the ``intake`` package."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionTable:
    """One assessment criterion of the call, with the terms that show a nomination
    addresses it. The terms are a hint for the jury, never a verdict."""

    id: Annotated[
        Text, Key("Short name of the criterion, unique within the call.", example="agenda")
    ]
    title: Annotated[
        Text,
        Key(
            "The criterion as the call publishes it.",
            example="Cliëntondersteuning staat hoog op de agenda",
        ),
    ]
    description: Annotated[
        str,
        Key(
            "What the criterion asks, in a sentence or two; "
            "a sentence a nomination copies from it is never evidence.",
            example="Staat het op de agenda van raad, cliëntenraad en adviesraad?",
        ),
    ] = ""
    terms: Annotated[
        tuple[Text, ...],
        Key(
            "Words that show a text addresses the criterion: `woord*` matches words that "
            "start with `woord`, `~woord` is a weak term (two weak ones count as one), "
            "`a + b` needs both in one sentence.",
            example=("gemeenteraad", "cliëntenraad", "adviesraad*", "agenda"),
            problem="needs at least one term",
            min_length=1,
        ),
    ]
    examples: Annotated[
        tuple[Text, ...],
        Key(
            "Terms for what the call lists as examples of this criterion: a sentence that "
            "matches one is evidence for this criterion and for no other.",
            example=("raadsvoorstel*",),
            default_text="none",
        ),
    ] = ()


def _criterion(table: CriterionTable) -> Criterion:
    try:
        return Criterion(
            id=table.id,
            title=table.title,
            description=table.description,
            terms=table.terms,
            examples=table.examples,
        )
    except ValueError as exc:
        raise Invalid(str(exc), "terms") from exc


def _distinct_ids(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    seen: set[str] = set()
    for number, criterion in enumerate(criteria):
        if criterion.id in seen:
            raise Invalid(f"another criterion has the id {shown(criterion.id)}", number, "id")
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

    criteria: Annotated[Criteria, Key("The criteria, one table each.", min_length=1)]


@functools.cache
def default_criteria() -> tuple[Criterion, ...]:
    """The criteria of "Koplopers Cliëntondersteuning" (2017), read from :data:`CRITERIA_FILE`."""
    resource = resources.files("intake").joinpath(CRITERIA_FILE)
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the criteria: {exc}", source=str(resource)) from exc
    return criteria_from_toml(text, source=str(resource))


def criteria_from_toml(text: str, *, source: str) -> tuple[Criterion, ...]:
    """The ``[[criteria]]`` tables of a TOML text, checked as ``[[campaign.criteria]]`` are."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", source=source) from exc
    return read_settings(CriteriaFile, document, source=source, folder=Path()).criteria
