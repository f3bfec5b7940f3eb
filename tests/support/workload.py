"""Functions for worker-pool tests: each behaves like a kind of hostile document."""

from __future__ import annotations

import os
import time


def double(value: int) -> int:
    return value * 2


def spin(_value: int) -> None:
    while True:
        pass


def timed_sleep(_value: int) -> tuple[int, float, float]:
    """Sleep a second; say which process did it and when (monotonic clock, system-wide)."""
    started = time.monotonic()
    time.sleep(1.0)
    return os.getpid(), started, time.monotonic()


def eat_memory(_value: int) -> None:
    hoard = []
    while True:
        hoard.append(b"x" * 10_000_000)


def fail(_value: int) -> None:
    raise ValueError("a parser bug")


def die(_value: int) -> None:
    os._exit(3)


def pid(_value: int) -> int:
    return os.getpid()


def judge_unless_told_not_to(reading, context):
    """Judge as the workers do, but fail as told by the subject: 'raise' raises, 'garbage'
    hands back something that is no judgement."""
    from intake.reading.tasks import judge_reading

    subject = reading.header.first("subject") or ""
    if "raise" in subject:
        raise RuntimeError("a judging bug")
    if "garbage" in subject:
        return "not a judgement"
    return judge_reading(reading, context)


def interrupted(_value: int) -> str:
    """Ctrl-C reaches the worker too (the whole process group gets it): it works on."""
    import signal

    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.1)
    return "finished"
