"""Derive what a message says from its raw bytes: text, attachments, pages, problems.

Every parser call runs in a worker process (:mod:`intake.reading.workers`) within the limits
of ``[parsing]``; a backlog is spread over all workers.  The analysis is stored per
message and can be rebuilt at any time from the raw mail (``intake reprocess``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from intake.config import Settings
from intake.errors import StoreUnavailable
from intake.judging.judgements import judge, to_json
from intake.reading.workers import Failure, Task, WorkerPool
from parsers.analysis import Attachment, Length, measure
from parsers.extract import extract_document
from parsers.message import ParsedMessage, parse_message
from parsers.model import Extracted, Kind, Limits, Part, Problem, ProblemCode
from store import AnalysisRecord, AttachmentRecord, Store, StoreError

log = logging.getLogger(__name__)

ANALYSIS_VERSION = 2
"""Raise when the parsers derive something new: stored analyses of an older version are
rebuilt by the next poll."""


@dataclass(frozen=True, slots=True)
class MessageAnalysis:
    """Everything derived from one message."""

    body_text: str
    body_source: str | None
    nomination_text: str
    attachments: tuple[Attachment, ...]
    length: Length
    problems: tuple[Problem, ...]


@dataclass(slots=True)
class _Pending:
    """One message whose parts are still being extracted."""

    parsed: ParsedMessage | None = None
    attachments: list[Attachment] = field(default_factory=list)
    outstanding: int = 0
    next_position: int = 0
    problems: list[Problem] = field(default_factory=list)


def limits_for(settings: Settings) -> Limits:
    parsing = settings.parsing
    return Limits(
        max_bytes=int(parsing.max_document_mb * 1024 * 1024),
        max_pages=parsing.max_pages,
        max_depth=parsing.max_depth,
    )


class Analyser:
    """Analyses messages in worker processes; start it once, use it for a whole run."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.limits = limits_for(settings)
        parsing = settings.parsing
        self._pool = WorkerPool(
            parsing.processes, parsing.time_limit_seconds, parsing.memory_limit_mb * 1024 * 1024
        )

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.close()

    def analyse(
        self, messages: Iterable[tuple[str, bytes]]
    ) -> Iterator[tuple[str, MessageAnalysis]]:
        """Analyse ``(key, raw)`` pairs, yielding each as soon as all its parts are read."""
        pending: dict[str, _Pending] = {}
        queue: deque[Task] = deque()
        source = iter(messages)

        def feed(count: int) -> None:
            # Only a few messages in flight: a backlog is never all in memory at once.
            for key, raw in itertools.islice(source, count):
                pending[key] = _Pending(outstanding=1)
                queue.append(Task(("message", key), parse_message, (raw, self.limits)))

        feed(self._pool.processes * 2)
        for task, outcome in self._pool.run(queue):
            key = task.key[1]
            state = pending[key]
            state.outstanding -= 1
            if task.key[0] == "message":
                self._message_done(key, state, outcome, queue)
            else:
                self._part_done(key, state, task, outcome, queue)
            if state.outstanding == 0:
                del pending[key]
                feed(1)
                yield key, self._assemble(state)

    def _message_done(self, key: str, state: _Pending, outcome: object, queue: deque[Task]) -> None:
        if isinstance(outcome, Failure):
            state.problems.append(Problem(outcome.code, f"the message: {outcome.detail}"))
            return
        assert isinstance(outcome, ParsedMessage)
        state.parsed = outcome
        for part in outcome.parts:
            self._schedule(key, state, part, parent=None, depth=1, queue=queue)

    def _part_done(
        self, key: str, state: _Pending, task: Task, outcome: object, queue: deque[Task]
    ) -> None:
        position, parent, depth, part = task.key[2:]
        if isinstance(outcome, Failure):
            kind, extracted = (
                Kind.UNKNOWN,
                Extracted(problems=(Problem(outcome.code, outcome.detail),)),
            )
        else:
            kind, extracted = outcome  # type: ignore[misc]
        if extracted.children and depth >= self.limits.max_depth:
            extracted = _with_problem(
                extracted,
                Problem(ProblemCode.NESTED_TOO_DEEP, f"members deeper than {depth} not read"),
            )
        elif extracted.children:
            for child in extracted.children:
                self._schedule(key, state, child, parent=position, depth=depth + 1, queue=queue)
        state.attachments.append(
            Attachment(
                position=position,
                parent=parent,
                depth=depth,
                filename=part.filename,
                content_type=part.content_type,
                kind=kind,
                size=len(part.data),
                sha256=hashlib.sha256(part.data).hexdigest(),
                inline=part.inline,
                extracted=extracted,
            )
        )

    def _schedule(
        self,
        key: str,
        state: _Pending,
        part: Part,
        *,
        parent: int | None,
        depth: int,
        queue: deque[Task],
    ) -> None:
        position = state.next_position
        state.next_position += 1
        state.outstanding += 1
        queue.append(
            Task(
                ("part", key, position, parent, depth, part),
                extract_document,
                (part.data, self.limits),
            )
        )

    def _assemble(self, state: _Pending) -> MessageAnalysis:
        parsed = state.parsed
        attachments = tuple(sorted(state.attachments, key=lambda a: a.position))
        body_words = len(parsed.own_text.split()) if parsed else 0
        length = measure(body_words, attachments, self.settings.campaign.words_per_page)
        problems = [*state.problems, *(parsed.problems if parsed else ()), *length.problems]
        return MessageAnalysis(
            body_text=parsed.body_text if parsed else "",
            body_source=parsed.body_source if parsed else None,
            nomination_text=parsed.own_text if parsed else "",
            attachments=attachments,
            length=length,
            problems=tuple(dict.fromkeys(problems)),
        )


def _with_problem(extracted: Extracted, problem: Problem) -> Extracted:
    return Extracted(
        text=extracted.text,
        pages=extracted.pages,
        pages_source=extracted.pages_source,
        page_size=extracted.page_size,
        image_only=extracted.image_only,
        problems=(*extracted.problems, problem),
        children=(),
    )


def analyse_pending(settings: Settings, store: Store, refs: Sequence[str] | None = None) -> int:
    """Analyse the messages named (default: those never analysed or by older parsers)."""
    try:
        todo = list(refs) if refs is not None else store.refs_to_analyse(ANALYSIS_VERSION)
        if not todo:
            return 0
        log.info("analysing %d message(s)", len(todo))
        done = 0
        in_flight: dict[str, bytes] = {}
        with Analyser(settings) as analyser:
            for ref, analysis in analyser.analyse(_raw_messages(store, todo, in_flight)):
                judgements = to_json(judge(in_flight.pop(ref), analysis, settings))
                store.save_analysis(ref, to_record(analysis, judgements))
                done += 1
        return done
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc


def _raw_messages(
    store: Store, refs: Sequence[str], in_flight: dict[str, bytes]
) -> Iterator[tuple[str, bytes]]:
    """Read each raw message once; it stays in ``in_flight`` until its analysis is done."""
    for ref in refs:
        raw = store.raw_message(ref)
        if raw is not None:
            in_flight[ref] = raw
            yield ref, raw


def problems_json(problems: Iterable[Problem]) -> str:
    return json.dumps(
        [{"code": str(p.code), "detail": p.detail} for p in problems], ensure_ascii=False
    )


def to_record(analysis: MessageAnalysis, judgements_json: str | None = None) -> AnalysisRecord:
    length = analysis.length
    size = length.page_size
    return AnalysisRecord(
        version=ANALYSIS_VERSION,
        analysed_at=datetime.now(UTC),
        body_source=analysis.body_source,
        body_text=analysis.body_text,
        nomination_text=analysis.nomination_text,
        document_position=length.document,
        pages=length.pages,
        pages_source=str(length.pages_source) if length.pages_source else None,
        page_width_mm=size.width_mm if size else None,
        page_height_mm=size.height_mm if size else None,
        words=length.words,
        problems_json=problems_json(analysis.problems),
        attachments=tuple(_attachment_record(a) for a in analysis.attachments),
        judgements_json=judgements_json,
    )


def _attachment_record(attachment: Attachment) -> AttachmentRecord:
    extracted = attachment.extracted
    size = extracted.page_size
    return AttachmentRecord(
        position=attachment.position,
        parent_position=attachment.parent,
        depth=attachment.depth,
        filename=attachment.filename,
        content_type=attachment.content_type,
        kind=str(attachment.kind),
        size=attachment.size,
        sha256=attachment.sha256,
        inline=attachment.inline,
        pages=extracted.pages,
        pages_source=str(extracted.pages_source) if extracted.pages_source else None,
        page_width_mm=size.width_mm if size else None,
        page_height_mm=size.height_mm if size else None,
        image_only=extracted.image_only,
        text_chars=len(extracted.text),
        words=extracted.words,
        problems_json=problems_json(extracted.problems),
        text=extracted.text,
    )
