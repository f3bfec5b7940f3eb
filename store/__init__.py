"""Persistence for intake: schema, migrations, the raw archive and queries.

Nothing here knows about nominations or IMAP sessions; it stores and returns typed
values (:mod:`store.records`).
"""

from store.db import Store
from store.engine import NoStoreYet, NotADatabaseUrl, SchemaOutdated, StoreError
from store.kept import UnknownMessage
from store.records import (
    AnalysisRecord,
    AttachmentRecord,
    CriterionRecord,
    DigestRecord,
    EnvelopeUpdate,
    FailedUid,
    Filing,
    JudgementRecord,
    MailboxPlace,
    MessageRecord,
    NomineeRecord,
    ProblemRecord,
    ReviewRecord,
    StoredMessage,
    TextsRecord,
)

__all__ = [
    "AnalysisRecord",
    "AttachmentRecord",
    "CriterionRecord",
    "DigestRecord",
    "EnvelopeUpdate",
    "FailedUid",
    "Filing",
    "JudgementRecord",
    "MailboxPlace",
    "MessageRecord",
    "NoStoreYet",
    "NomineeRecord",
    "NotADatabaseUrl",
    "ProblemRecord",
    "ReviewRecord",
    "SchemaOutdated",
    "Store",
    "StoreError",
    "StoredMessage",
    "TextsRecord",
    "UnknownMessage",
]
