"""Persistence for intake: schema, migrations, the raw archive and queries.

Nothing here knows about nominations or IMAP sessions; it stores and returns
values (:mod:`store.records`).
"""

from store.db import Store, StoreError
from store.records import (
    AnalysisRecord,
    AttachmentRecord,
    EnvelopeUpdate,
    FailedUid,
    Filing,
    MailboxPlace,
    MessageRecord,
    StoredMessage,
)

__all__ = [
    "AnalysisRecord",
    "AttachmentRecord",
    "EnvelopeUpdate",
    "FailedUid",
    "Filing",
    "MailboxPlace",
    "MessageRecord",
    "Store",
    "StoreError",
    "StoredMessage",
]
