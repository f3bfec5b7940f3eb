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
