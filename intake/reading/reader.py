"""Read filed messages, each once, in limited worker processes, and judge them.

Per message: the raw bytes are parsed once in a worker (:func:`~intake.reading.tasks.
read_message`); each attached file is extracted in a call of its own, and the members of
a container in turn; the pieces are put together (:func:`parsers.reading.assemble`, in
tree order whatever order the workers finish in) and judged in a worker
(:func:`~intake.reading.tasks.judge_reading`), within the same limits.

Whatever goes wrong in a step — an error in the program, a recursion limit, a timeout,
running out of memory — becomes a problem on that message, which is then marked as
needing attention, and the other messages go on.  A message whose tree cannot be read
at all still has its header read on its own, for its receipt time and sender.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, cast

from intake.config import Settings
from intake.judging.judgements import Judgements, JudgingContext
from intake.judging.wording import fold_words
from intake.reading import tasks
from intake.reading.workers import Failure, Task, WorkerPool
from parsers.envelope import Envelope, envelope_of
from parsers.headers import Header
from parsers.message import ParsedMessage, Structure
from parsers.model import Extracted, Kind, Limits, Part, Problem, ProblemCode
from parsers.reading import Found, MessageReading, assemble, unread

log = logging.getLogger(__name__)

_IN_FLIGHT_PER_WORKER = 2
"""Messages read at once per worker: a backlog is never all in memory."""


@dataclass(frozen=True, slots=True)
class MessageRead:
    """One message read and judged, or as far as it got."""

    reading: MessageReading
    judgements: Judgements | None
    """None when judging failed."""
    failed: bool
    """A step failed (the problems say which): the message needs a person's attention."""


def limits_for(settings: Settings) -> Limits:
    parsing = settings.parsing
    return Limits(
        max_bytes=int(parsing.max_document_mb * 1024 * 1024),
        max_pages=parsing.max_pages,
        max_depth=parsing.max_depth,
    )


def judging_context(settings: Settings) -> JudgingContext:
    campaign = settings.campaign
    titles = " ".join([campaign.name, *(criterion.title for criterion in campaign.criteria)])
    return JudgingContext(
        day=campaign.deadline.date(),
        criteria=tuple(campaign.criteria),
        min_criteria=campaign.min_criteria,
        authserv_ids=tuple(settings.trust.authserv_ids),
        call_words=frozenset(word for word in fold_words(titles) if len(word) >= 6),
    )


@dataclass(slots=True)
class _Pending:
    """One message on its way through the steps."""

    raw: bytes | None
    """Kept until the message is parsed, in case only its header can be read."""
    parsed: ParsedMessage | None = None
    header: Header | None = None
    envelope: Envelope | None = None
    found: list[Found] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    outstanding: int = 0
    failed: bool = False
    reading: MessageReading | None = None
    judgements: Judgements | None = None
    done: bool = False


Judge = Callable[[MessageReading, JudgingContext], Judgements]


class MessageReader:
    """Reads and judges messages in worker processes; open it once for a whole run.

    ``judge`` is the function the workers judge a reading with (importable by name, as
    every worker task is): :func:`~intake.reading.tasks.judge_reading` unless a test
    puts a failing one in its place.
    """

    def __init__(self, settings: Settings, *, judge: Judge = tasks.judge_reading):
        self.judge = judge
        self.limits = limits_for(settings)
        self.context = judging_context(settings)
        self.trusted_hosts = tuple(settings.trust.receiving_hosts)
        self.words_per_page = settings.campaign.words_per_page
        parsing = settings.parsing
        self._pool = WorkerPool(
            parsing.processes, parsing.time_limit_seconds, parsing.memory_limit_mb * 1024 * 1024
        )
        self._queue: deque[Task] = deque()
        self._pending: dict[str, _Pending] = {}

    def __enter__(self) -> MessageReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.close()

    def read(self, messages: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, MessageRead]]:
        """Read ``(key, raw)`` pairs, yielding each as soon as it is read and judged.

        Stopping early (closing the iterator) stops the work in flight, so the next call
        starts afresh.
        """
        self._queue.clear()
        self._pending.clear()
        try:
            yield from self._read(iter(messages))
        finally:
            if self._pending or self._queue:
                self._pool.abandon()
                self._queue.clear()
                self._pending.clear()

    def _read(self, source: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, MessageRead]]:
        """Keep a few messages in flight; move each one step on as each task ends."""

        def feed(count: int) -> None:
            for key, raw in itertools.islice(source, count):
                self._pending[key] = _Pending(raw=raw)
                limits, hosts = self.limits, self.trusted_hosts
                self._start(key, "message", tasks.read_message, raw, limits, hosts)

        feed(self._pool.processes * _IN_FLIGHT_PER_WORKER)
        for task, outcome in self._pool.run(self._queue):
            step, key = task.key[0], task.key[1]
            state = self._pending.get(key)
            if state is None or state.done:
                continue  # the message was finished early, after an error of our own
            state.outstanding -= 1
            try:
                self._handle(key, state, task, outcome)
            except Exception:  # a bug in handling one message costs that message only
                log.exception("%s: handling the step %r failed", key, step)
                self._finish_early(state, f"{_STEPS.get(step, step)}: {_BUG}")
            if state.done:
                del self._pending[key]
                feed(1)
                assert state.reading is not None
                yield key, MessageRead(state.reading, state.judgements, state.failed)

    # -- the steps ------------------------------------------------------------------------

    def _handle(self, key: str, state: _Pending, task: Task, outcome: object) -> None:
        step = task.key[0]
        if step == "message":
            self._message_read(key, state, outcome)
        elif step == "header":
            self._header_read(key, state, outcome)
        elif step == "part":
            self._part_read(key, state, task, outcome)
        elif step == "judge":
            self._judged(key, state, outcome)
            return
        if state.outstanding == 0 and state.reading is None:
            self._assemble(state)
            if state.parsed is None:
                # Only the header could be read: judging an empty body would call a
                # nomination empty. It stays unjudged, needing a person's attention.
                state.done = True
            else:
                self._start(key, "judge", self.judge, state.reading, self.context)

    def _message_read(self, key: str, state: _Pending, outcome: object) -> None:
        if isinstance(outcome, Failure):
            self._failed(key, state, "message", outcome)
            raw, state.raw = state.raw, None
            self._start(key, "header", tasks.read_header_alone, raw, self.trusted_hosts)
            return
        parsed, envelope = cast(tuple[ParsedMessage, Envelope], outcome)
        state.raw = None
        state.header, state.envelope = parsed.header, envelope
        state.parsed = replace(parsed, parts=())  # the bytes travel with the tasks only
        for index, part in enumerate(parsed.parts):
            self._start_part(key, state, part, (index,))

    def _header_read(self, key: str, state: _Pending, outcome: object) -> None:
        if isinstance(outcome, Failure):
            self._failed(key, state, "header", outcome)
            return
        state.header, state.envelope = cast(tuple[Header, Envelope], outcome)

    def _part_read(self, key: str, state: _Pending, task: Task, outcome: object) -> None:
        path: tuple[int, ...] = task.key[2]
        part: Part = task.args[0]
        if isinstance(outcome, Failure):
            state.failed = True
            self._log(key, "part", outcome)
            read = tasks.ReadPart(
                Kind.UNKNOWN,
                Extracted(problems=(Problem(outcome.code, outcome.detail),)),
                len(part.data),
                hashlib.sha256(part.data).hexdigest(),
            )
        else:
            assert isinstance(outcome, tasks.ReadPart)
            read = outcome
        extracted = read.extracted
        if extracted.children and len(path) >= self.limits.max_depth:
            detail = f"members deeper than {len(path)} not read"
            extracted = replace(
                extracted,
                problems=(*extracted.problems, Problem(ProblemCode.NESTED_TOO_DEEP, detail)),
                children=(),
            )
        for index, child in enumerate(extracted.children):
            self._start_part(key, state, child, (*path, index))
        state.found.append(
            Found(
                path=path,
                filename=part.filename,
                content_type=part.content_type,
                inline=part.inline,
                kind=read.kind,
                size=read.size,
                sha256=read.sha256,
                extracted=replace(extracted, children=()),
            )
        )

    def _assemble(self, state: _Pending) -> None:
        parsed = state.parsed
        header = state.header or Header()
        state.reading = assemble(
            header=header,
            envelope=state.envelope or envelope_of(header, self.trusted_hosts),
            structure=parsed.structure if parsed else Structure(),
            body_text=parsed.body_text if parsed else "",
            body_source=parsed.body_source if parsed else None,
            own_text=parsed.own_text if parsed else "",
            found=state.found,
            problems=[*state.problems, *(parsed.problems if parsed else ())],
            words_per_page=self.words_per_page,
            forwarded_text=parsed.forwarded_text if parsed else None,
        )

    def _judged(self, key: str, state: _Pending, outcome: object) -> None:
        if isinstance(outcome, Failure):
            problem = self._failed(key, state, "judge", outcome)
            assert state.reading is not None
            state.reading = replace(state.reading, problems=(*state.reading.problems, problem))
        else:
            assert isinstance(outcome, Judgements)
            state.judgements = outcome
        state.done = True

    # -- bookkeeping ----------------------------------------------------------------------

    def _start(self, key: str, step: str, function: Callable[..., Any], *args: Any) -> None:
        self._pending[key].outstanding += 1
        self._queue.append(Task((step, key), function, args))

    def _start_part(self, key: str, state: _Pending, part: Part, path: tuple[int, ...]) -> None:
        state.outstanding += 1
        self._queue.append(Task(("part", key, path), tasks.read_part, (part, self.limits)))

    def _failed(self, key: str, state: _Pending, step: str, failure: Failure) -> Problem:
        """Record a failed step of the message as a problem on it."""
        state.failed = True
        problem = Problem(failure.code, f"{_STEPS[step]}: {failure.detail}")
        state.problems.append(problem)
        self._log(key, step, failure)
        return problem

    @staticmethod
    def _log(key: str, step: str, failure: Failure) -> None:
        trace = f"\n{failure.trace.rstrip()}" if failure.trace else ""
        log.warning("%s: %s: %s%s", key, _STEPS[step], failure.detail, trace)

    def _finish_early(self, state: _Pending, detail: str) -> None:
        """End a message after an error of our own: its header if read, and the problem."""
        state.failed = True
        problems = (*state.problems, Problem(ProblemCode.CRASHED, detail))
        state.reading = unread(problems, state.header, state.envelope)
        state.judgements = None
        state.done = True


_BUG = "an unexpected error in the program (the log has the details)"
_STEPS = {
    "message": "reading the message",
    "header": "reading the header",
    "part": "reading an attachment",
    "judge": "judging",
}
