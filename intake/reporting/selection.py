"""Which nominations each output shows, and in which order: one rule for the digest, the
dossier and the scoring sheet alike.

A nomination *counts* when it is the version that stands (``current``) and was received
on time: the same rule ``intake list`` counts as "tellen mee".  The jury's order is by
the nominated municipality's name, then by receipt time, then by reference, so that it
is the same every time the dossier or sheet is made; nominations without a recognised
municipality come last.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from intake.judging.revisions import CURRENT
from intake.presenting.nominations import Nomination


def is_current(item: Nomination) -> bool:
    """A nomination that is the version which stands (late or not)."""
    return item.is_nomination and item.standing.status == CURRENT


def counts(item: Nomination) -> bool:
    """A current nomination received on time: one the jury judges."""
    return is_current(item) and item.timeliness.on_time is True


def nominee_name(item: Nomination) -> str | None:
    """The name the jury's order sorts by: the first nominated municipality's."""
    return item.nominees[0].name if item.nominees else None


def jury_order_key(item: Nomination) -> tuple[bool, str, float, str]:
    name = nominee_name(item)
    return (name is None, (name or "").casefold(), received_key(item), item.ref)


def jury_nominations(items: Iterable[Nomination]) -> list[Nomination]:
    """The current on-time nominations, in the jury's order."""
    return sorted((item for item in items if counts(item)), key=jury_order_key)


def apart_nominations(items: Iterable[Nomination]) -> list[Nomination]:
    """The current nominations that do not count: late, or with no receipt time known;
    in order of receipt."""
    apart = (item for item in items if is_current(item) and item.timeliness.on_time is not True)
    return sorted(apart, key=lambda item: (received_key(item), item.ref))


def current_nominations(items: Iterable[Nomination]) -> list[Nomination]:
    """Every current nomination: those that count in the jury's order, then those apart."""
    listed = list(items)
    return jury_nominations(listed) + apart_nominations(listed)


def received_key(item: Nomination) -> float:
    """The receipt time as a number to sort by; unknown last."""
    received = item.timeliness.received_at
    return received.timestamp() if received is not None else math.inf
