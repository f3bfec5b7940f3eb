"""The schedule of ``intake run``: APScheduler wiring, nothing else.

The ``intake`` command starts here: :func:`main` gives the command line
(:mod:`intake.cli`) the way to run a job on a schedule, so the application never
imports its own wiring. Jobs are plain functions that tests call directly.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from intake import cli

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``intake`` console script."""
    return cli.main(argv, serve=serve)


def serve(job: Callable[[], bool], every_minutes: float) -> None:
    """Run ``job`` now and then every ``every_minutes`` until SIGTERM or SIGINT, or until
    the job returns False."""

    def run_job() -> None:
        if job() is False:
            log.info("the job asked to stop")
            scheduler.shutdown(wait=False)

    scheduler = build_scheduler(run_job, every_minutes)

    def stop(signum: int, _frame: object) -> None:
        log.info("signal %d: stopping after the running job", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    try:
        scheduler.start()
    except KeyboardInterrupt:
        scheduler.shutdown(wait=False)


def build_scheduler(job: Callable[[], object], every_minutes: float) -> BlockingScheduler:
    """Run ``job`` now and then every ``every_minutes``; never two at once, missed runs merged."""
    scheduler = BlockingScheduler(timezone=UTC)
    scheduler.add_job(
        job,
        IntervalTrigger(minutes=every_minutes, timezone=UTC),
        id="poll",
        name="poll the mailbox",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=datetime.now(UTC),
    )
    return scheduler
