"""Functions for worker-pool tests: each behaves like a kind of hostile document."""

from __future__ import annotations

import os
import time


def double(value: int) -> int:
    return value * 2


def spin(_value: int) -> None:
    while True:
        pass


def sleep_then_return(value: int) -> int:
    time.sleep(0.3)
    return value


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
