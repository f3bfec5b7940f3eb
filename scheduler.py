"""The schedule of ``intake run``: APScheduler wiring, nothing else.

Each job calls a plain function (``intake.service``) that tests call directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger


def build_scheduler(poll: Callable[[], object], poll_minutes: float) -> BlockingScheduler:
    """Run ``poll`` now and then every ``poll_minutes``; never two at once, missed runs merged."""
    scheduler = BlockingScheduler(timezone=UTC)
    scheduler.add_job(
        poll,
        IntervalTrigger(minutes=poll_minutes, timezone=UTC),
        id="poll",
        name="poll the mailbox",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=datetime.now(UTC),
    )
    return scheduler
