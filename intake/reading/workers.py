"""Run parsers in worker processes, each call limited in wall time and memory.

A hostile document (a PDF that loops, a decompression bomb, a parser bug) costs at most
its limits: the worker running it is killed and replaced, and the call's outcome is a
:class:`Failure` that becomes a problem on that message.  Workers come from a fork
server, so they never inherit the threads of the process that runs the poll.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, cast

from parsers.model import ProblemCode

log = logging.getLogger(__name__)

PRELOAD = ["intake.reading.tasks"]
"""Imported once in the fork server, so every worker starts with the parsers loaded."""
QUIET_LOGGERS = ("mailparser", "pdfminer")
"""Libraries that log every oddity of hostile input: their findings become problems."""


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a call produced no result."""

    code: ProblemCode
    """``timed-out``, ``out-of-memory`` or ``crashed``."""
    detail: str
    """For people: what happened, without the program's own names."""
    trace: str = ""
    """For the log: the traceback of an error in the program."""


@dataclass(frozen=True, slots=True)
class Task:
    """One call to run: ``function(*args)``, known to the caller by ``key``."""

    key: Any
    function: Callable[..., Any]
    args: tuple[Any, ...]


class WorkerPool:
    """A fixed number of worker processes fed from one queue."""

    def __init__(self, processes: int, time_limit: float, memory_limit: int | None):
        self.processes = max(1, processes)
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        # The fork server starts as ``python -c``, which would put the working directory
        # first on its import path: a folder named ``parsers`` or ``store`` there would
        # replace ours.  Safe-path mode (Python 3.11+) leaves it out.
        os.environ["PYTHONSAFEPATH"] = "1"
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self._idle: list[_Worker] = []
        self._busy: dict[Connection, _Worker] = {}

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def run(self, queue: deque[Task]) -> Iterator[tuple[Task, Any]]:
        """Run every task in ``queue``, yielding ``(task, result or Failure)`` as each ends.

        The caller may append tasks to ``queue`` while iterating (the members of a
        container found by the call that just ended, say).
        """
        while queue or self._busy:
            while queue and len(self._busy) < self.processes:
                self._start(queue.popleft())
            yield from self._collect()

    def close(self) -> None:
        for worker in [*self._idle, *self._busy.values()]:
            worker.stop()
        self._idle.clear()
        self._busy.clear()

    def abandon(self) -> None:
        """Stop the calls still running: nobody waits for their results any more."""
        for worker in self._busy.values():
            worker.stop()
        self._busy.clear()

    def _start(self, task: Task) -> None:
        worker = self._idle.pop() if self._idle else self._spawn()
        try:
            worker.conn.send((task.function, task.args))
        except (OSError, EOFError):
            worker.stop()
            worker = self._spawn()
            worker.conn.send((task.function, task.args))
        worker.task = task
        worker.deadline = time.monotonic() + self.time_limit
        self._busy[worker.conn] = worker

    def _collect(self) -> Iterator[tuple[Task, Any]]:
        earliest = min(w.deadline for w in self._busy.values())
        timeout = max(0.0, earliest - time.monotonic())
        ready = wait(list(self._busy), timeout=timeout)
        for conn in ready:
            worker = self._busy.pop(cast(Connection, conn))
            task = worker.task
            assert task is not None
            outcome = worker.receive()
            if isinstance(outcome, Failure) and (
                outcome.code is ProblemCode.OUT_OF_MEMORY or not worker.process.is_alive()
            ):
                worker.stop()  # it ends itself after running out of memory
            else:
                self._idle.append(worker)
            worker.task = None
            yield task, outcome
        now = time.monotonic()
        for conn, worker in list(self._busy.items()):
            if worker.deadline <= now:
                del self._busy[conn]
                task = worker.task
                assert task is not None
                worker.stop()
                yield task, Failure(ProblemCode.TIMED_OUT, f"stopped after {self.time_limit:.0f} s")

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        cpu_seconds = int(self.time_limit * 2) + 5
        process = self._context.Process(
            target=_serve,
            args=(child, self.memory_limit, cpu_seconds),
            name="intake-parser",
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent)


class _Worker:
    def __init__(self, process: Any, conn: Connection):
        self.process = process
        self.conn = conn
        self.task: Task | None = None
        self.deadline = 0.0

    def receive(self) -> Any:
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(timeout=1)
            return Failure(ProblemCode.CRASHED, f"the parser process died ({_exit(self.process)})")
        if status == "ok":
            return value
        if status == "memory":
            return Failure(ProblemCode.OUT_OF_MEMORY, str(value))
        detail, trace = value
        return Failure(ProblemCode.CRASHED, detail, trace)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def _exit(process: Any) -> str:
    code = process.exitcode
    if code is None:
        return "still running"
    if code < 0:
        return f"signal {-code}"
    return f"exit code {code}"


def _serve(conn: Connection, memory_limit: int | None, cpu_seconds: int) -> None:
    """The worker loop: limits first, then one call at a time until the pipe closes."""
    # Ctrl-C reaches the whole process group: the supervisor decides, the worker just
    # ends when its pipe closes or it is stopped.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    if memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):
            return
        # A backstop should the supervisor be gone: the kernel ends a spinning call.
        used = resource.getrusage(resource.RUSAGE_SELF)
        budget = int(used.ru_utime + used.ru_stime) + cpu_seconds
        if cpu_hard == resource.RLIM_INFINITY or budget < cpu_hard:
            resource.setrlimit(resource.RLIMIT_CPU, (budget, cpu_hard))
        try:
            reply: tuple[str, Any] = ("ok", function(*args))
        except MemoryError:
            reply = ("memory", f"more than {(memory_limit or 0) // 2**20} MiB")
        except RecursionError:
            reply = ("error", ("nested too deeply to read", traceback.format_exc(limit=-8)))
        except Exception:  # noqa: BLE001 - a bug costs one message or document, reported
            detail = "an unexpected error in the program (the log has the details)"
            reply = ("error", (detail, traceback.format_exc()))
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", "the result did not fit in memory"))
        if reply[0] == "memory":
            return  # a process that ran out of memory is not trusted with the next call
