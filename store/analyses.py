"""What was derived from each message: its reading, attachments, problems and judgements.

One message's derived data is replaced as a whole, in one transaction; read back, it is
typed values again (:class:`~store.records.AnalysisRecord` and its parts), gathered with
one query per table, never per message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, delete, insert, select, update

from store.records import (
    AnalysisRecord,
    AttachmentRecord,
    CriterionRecord,
    JudgementRecord,
    NomineeRecord,
    ProblemRecord,
    TextsRecord,
)
from store.schema import (
    analyses,
    attachments,
    criteria,
    criterion_evidence,
    criterion_terms,
    messages,
    nominees,
    problems,
    thread_references,
)

_CHILDREN = (
    attachments,
    problems,
    nominees,
    criteria,
    criterion_evidence,
    criterion_terms,
    thread_references,
)
_JUDGEMENT_COLUMNS = (
    "kind",
    "kind_reason",
    "sender_address",
    "sender_name",
    "sender_organisation",
    "sender_code",
    "sender_municipality",
    "sender_reason",
    "sender_confidence",
    "sender_authenticated",
    "sender_authentication",
    "meets_min_criteria",
    "content_key",
    "forwarded_key",
    "substantive",
)
_ATTACHMENT_COLUMNS = (
    "position",
    "parent_position",
    "depth",
    "filename",
    "content_type",
    "kind",
    "size",
    "sha256",
    "inline",
    "pages",
    "pages_source",
    "page_width_mm",
    "page_height_mm",
    "image_only",
    "text_chars",
    "words",
)
_ANALYSIS_COLUMNS = (
    "version",
    "analysed_at",
    "failed",
    "body_source",
    "document_position",
    "pages",
    "pages_source",
    "page_width_mm",
    "page_height_mm",
    "words",
)


def save(connection: Connection, pk: int, analysis: AnalysisRecord) -> None:
    """Replace the derived data of the message with primary key ``pk``."""
    if analysis.texts is None:
        raise ValueError("an analysis is saved with its texts")
    for table in (*_CHILDREN, analyses):
        connection.execute(delete(table).where(table.c.message_pk == pk))
    judgement = analysis.judgement
    connection.execute(
        insert(analyses).values(
            message_pk=pk,
            **{name: getattr(analysis, name) for name in _ANALYSIS_COLUMNS},
            body_text=analysis.texts.body_text,
            own_text=analysis.texts.own_text,
            nomination_text=analysis.texts.nomination_text,
            **{
                name: getattr(judgement, name) if judgement else None for name in _JUDGEMENT_COLUMNS
            },
        )
    )
    _insert(
        connection,
        attachments,
        [
            {
                "message_pk": pk,
                **{name: getattr(item, name) for name in _ATTACHMENT_COLUMNS},
                "text": item.text or "",
            }
            for item in analysis.attachments
        ],
    )
    found = [(None, p) for p in analysis.problems] + [
        (item.position, p) for item in analysis.attachments for p in item.problems
    ]
    _insert(
        connection,
        problems,
        [
            {
                "message_pk": pk,
                "seq": seq,
                "attachment_position": position,
                "code": problem.code,
                "detail": problem.detail,
            }
            for seq, (position, problem) in enumerate(found)
        ],
    )
    _insert(
        connection,
        thread_references,
        [
            {"message_pk": pk, "rank": rank, "message_id": message_id}
            for rank, message_id in enumerate(analysis.references)
        ],
    )
    if judgement is not None:
        _save_judgement(connection, pk, judgement)
    connection.execute(
        update(messages).where(messages.c.id == pk).values(analysis_version=analysis.version)
    )


def _save_judgement(connection: Connection, pk: int, judgement: JudgementRecord) -> None:
    _insert(
        connection,
        nominees,
        [
            {
                "message_pk": pk,
                "rank": rank,
                "code": n.code,
                "name": n.name,
                "reason": n.reason,
                "confidence": n.confidence,
                "evidence": n.evidence,
                "strong": n.strong,
            }
            for rank, n in enumerate(judgement.nominees)
        ],
    )
    _insert(
        connection,
        criteria,
        [
            {
                "message_pk": pk,
                "position": position,
                "criterion_id": c.criterion_id,
                "title": c.title,
                "met": c.met,
            }
            for position, c in enumerate(judgement.criteria)
        ],
    )
    _insert(
        connection,
        criterion_evidence,
        [
            {"message_pk": pk, "position": position, "rank": rank, "sentence": sentence}
            for position, c in enumerate(judgement.criteria)
            for rank, sentence in enumerate(c.evidence)
        ],
    )
    _insert(
        connection,
        criterion_terms,
        [
            {"message_pk": pk, "position": position, "rank": rank, "term": term}
            for position, c in enumerate(judgement.criteria)
            for rank, term in enumerate(c.terms_found)
        ],
    )


def _insert(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(table), rows)


def load(
    connection: Connection, refs: Sequence[str] | None = None, *, texts: bool = False
) -> dict[str, AnalysisRecord]:
    """The stored analyses by reference (of ``refs``, or of every message); the texts of
    the message and its attachments only when ``texts`` is asked for."""

    def rows(table: Any, *columns: Any, order: Sequence[Any] = ()) -> list[Any]:
        query: Select[Any] = (
            select(messages.c.ref, *(columns or (table,)))
            .join(table, table.c.message_pk == messages.c.id)
            .order_by(table.c.message_pk, *order)
        )
        if refs is not None:
            query = query.where(messages.c.ref.in_(list(refs)))
        return [row._mapping for row in connection.execute(query)]

    problem_rows: dict[tuple[str, int | None], list[ProblemRecord]] = defaultdict(list)
    for row in rows(problems, order=(problems.c.seq,)):
        key = (row["ref"], row["attachment_position"])
        problem_rows[key].append(ProblemRecord(row["code"], row["detail"]))

    attachment_columns = [attachments.c[name] for name in _ATTACHMENT_COLUMNS]
    if texts:
        attachment_columns.append(attachments.c.text)
    found_attachments: dict[str, list[AttachmentRecord]] = defaultdict(list)
    for row in rows(attachments, *attachment_columns, order=(attachments.c.position,)):
        ref = row["ref"]
        found_attachments[ref].append(
            AttachmentRecord(
                **{name: row[name] for name in _ATTACHMENT_COLUMNS},
                problems=tuple(problem_rows.get((ref, row["position"]), ())),
                text=row["text"] if texts else None,
            )
        )

    references: dict[str, list[str]] = defaultdict(list)
    for row in rows(thread_references, order=(thread_references.c.rank,)):
        references[row["ref"]].append(row["message_id"])

    judgements = _load_judgements(rows)
    text_columns = (analyses.c.body_text, analyses.c.own_text, analyses.c.nomination_text)
    columns = [analyses.c[name] for name in (*_ANALYSIS_COLUMNS, *_JUDGEMENT_COLUMNS)]
    result: dict[str, AnalysisRecord] = {}
    for row in rows(analyses, *columns, *(text_columns if texts else ())):
        ref = row["ref"]
        result[ref] = AnalysisRecord(
            **{name: row[name] for name in _ANALYSIS_COLUMNS},
            problems=tuple(problem_rows.get((ref, None), ())),
            attachments=tuple(found_attachments.get(ref, ())),
            judgement=judgements(row),
            references=tuple(references.get(ref, ())),
            texts=TextsRecord(row["body_text"], row["own_text"], row["nomination_text"])
            if texts
            else None,
        )
    return result


def _load_judgements(rows: Any) -> Any:
    """A function giving the judgement of an ``analyses`` row, its children gathered once."""
    found_nominees: dict[str, list[NomineeRecord]] = defaultdict(list)
    for row in rows(nominees, order=(nominees.c.rank,)):
        found_nominees[row["ref"]].append(
            NomineeRecord(
                row["code"],
                row["name"],
                row["reason"],
                row["confidence"],
                row["evidence"],
                row["strong"],
            )
        )
    evidence: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in rows(
        criterion_evidence, order=(criterion_evidence.c.position, criterion_evidence.c.rank)
    ):
        evidence[(row["ref"], row["position"])].append(row["sentence"])
    terms: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in rows(criterion_terms, order=(criterion_terms.c.position, criterion_terms.c.rank)):
        terms[(row["ref"], row["position"])].append(row["term"])
    found_criteria: dict[str, list[CriterionRecord]] = defaultdict(list)
    for row in rows(criteria, order=(criteria.c.position,)):
        key = (row["ref"], row["position"])
        found_criteria[row["ref"]].append(
            CriterionRecord(
                row["criterion_id"],
                row["title"],
                row["met"],
                tuple(evidence.get(key, ())),
                tuple(terms.get(key, ())),
            )
        )

    def judgement(row: Any) -> JudgementRecord | None:
        if row["kind"] is None:
            return None
        ref = row["ref"]
        return JudgementRecord(
            **{name: row[name] for name in _JUDGEMENT_COLUMNS},
            nominees=tuple(found_nominees.get(ref, ())),
            criteria=tuple(found_criteria.get(ref, ())),
        )

    return judgement
