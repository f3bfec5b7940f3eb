"""The words for what the program found: kinds, standings, receipt sources, problems and
the reasons for a nominee, each a text for the catalog, looked up by the code the store
keeps.  Every view (``list``, ``show``, the JSON, the digest) says them with these."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from intake.judging.receipt import Timeliness
from intake.language import N_, Language

KINDS: Mapping[str, str] = {
    "nomination": N_("nomination"),
    "correspondence": N_("correspondence"),
    "auto-reply": N_("automatic reply"),
    "bounce": N_("bounce"),
    "bulk": N_("newsletter or list mail"),
    "other": N_("other (empty or test)"),
}

SHORT_KINDS: Mapping[str, str] = {
    "nomination": N_("nomination"),
    "correspondence": N_("correspondence"),
    "auto-reply": N_("auto-reply"),
    "bounce": N_("bounce"),
    "bulk": N_("list mail"),
    "other": N_("other"),
}
"""The kinds in a column of a table."""

REVIEWS: Mapping[str, str] = {
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "needs-info": N_("needs information"),
    "duplicate": N_("duplicate"),
}
"""What a person decided on a message (``intake review``), by the code the store keeps."""

SHORT_REVIEWS: Mapping[str, str] = {
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "needs-info": N_("needs info"),
    "duplicate": N_("duplicate"),
}
"""What a person decided, in a column of a table."""

DOCUMENT_KINDS: Mapping[str, str] = {
    "pdf": N_("PDF"),
    "docx": N_("Word document"),
    "doc": N_("Word 97-2003 document"),
    "odt": N_("OpenDocument text"),
    "rtf": N_("RTF document"),
    "text": N_("text file"),
    "html": N_("web page (HTML)"),
    "message": N_("attached mail"),
    "msg": N_("Outlook message"),
    "tnef": N_("Outlook winmail.dat"),
    "zip": N_("ZIP archive"),
    "image": N_("image"),
    "unknown": N_("unknown kind of file"),
}
"""What an attached file is, as its bytes say (``parsers.model.Kind``)."""

STATUSES: Mapping[str, str] = {
    "current": N_("counts"),
    "superseded": N_("superseded"),
    "duplicate": N_("duplicate"),
    "late-revision": N_("late revision"),
}

SHORT_STATUSES: Mapping[str, str] = {
    "current": N_("counts"),
    "superseded": N_("superseded"),
    "duplicate": N_("duplicate"),
    "late-revision": N_("late version"),
}
"""Where a version stands, in a column of a table."""

STANDINGS: Mapping[str, str] = {
    "first": N_("the first version from this sender for this municipality"),
    "supersedes": N_("supersedes {ref}: same sender, same nominee, later and on time"),
    "superseded-by": N_("superseded by {ref}: same sender, same nominee, later and on time"),
    "duplicate-of": N_("duplicate of {ref}: the same text and documents from the same sender"),
    "late-revision-of": N_(
        "late revision of {ref}: received after the deadline, so {ref} still counts"
    ),
    "not-substantive": N_("does not supersede {ref}: no document and no nomination text"),
    "no-nominee": N_("names no municipality, so supersedes nothing"),
}

SOURCES: Mapping[str, str] = {
    "imap-internaldate": N_("receipt time from our IMAP server"),
    "received-header": N_("topmost Received header, from our receiving server"),
    "mbox-envelope": N_("envelope line of the mbox file"),
    "maildir-delivery": N_("delivery time of the Maildir file"),
    "date-header": N_("sender's Date header: the sender's clock"),
}

NOMINEE_REASONS: Mapping[str, str] = {
    "nomination-phrase": N_("named in the nominating sentence"),
    "subject": N_("named in the subject"),
    "gemeente-name": N_("named as “gemeente …” in the text"),
    "mention": N_("mentioned in the text"),
    "fuzzy": N_("a name written slightly differently"),
    "alias": N_("another name for the municipality"),
    "sender-self": N_("only inferred from the sender's address"),
    "sender-text": N_("the sender's letterhead or signature"),
    "sender-name": N_("the sender's name"),
    "sender-domain": N_("the sender's email domain"),
}

PROBLEMS: Mapping[str, str] = {
    "no-message-id": N_("The message has no Message-ID."),
    "bad-date-header": N_("The Date header cannot be read: “{detail}”."),
    "bad-received-header": N_(
        "The time in the topmost Received header cannot be read: “{detail}”."
    ),
    "mime-defect": N_("The message is not well built; it was read as far as possible."),
    "receipt-from-sender-clock": N_(
        "No receipt time from a server; the sender's Date header is used."
    ),
    "no-receipt-time": N_("The receipt time cannot be established; judge timeliness by hand."),
    "encrypted": N_("Encrypted or password-protected; cannot be read."),
    "corrupt": N_("Damaged or incomplete file; read what could be read."),
    "unsupported-type": N_("This kind of file is not read."),
    "too-large": N_("Too large to read."),
    "too-many-pages": N_("Too many pages; only the beginning was read."),
    "timed-out": N_("Reading took too long and was stopped."),
    "out-of-memory": N_("Reading needed too much memory and was stopped."),
    "crashed": N_("Reading failed because of an error in the program."),
    "image-only": N_("Image only (a scan or photo), no text: a person must read it."),
    "empty": N_("Empty: no text found."),
    "charset": N_("Some characters could not be read and were replaced."),
    "nested-too-deep": N_("Nested too deeply; not everything was read."),
    "not-a4": N_("The document is not A4 size ({detail})."),
    "several-documents": N_("Several documents attached; the longest was measured: {detail}."),
    "missing-attachment": N_("The mail speaks of an attachment, but carries none."),
    "not-as-declared": N_("The file is not what its name or type says it is; not read."),
    "bad-encoding": N_("The attachment's encoding in the mail is damaged; it may be cut short."),
    "clock-skew": N_("Sent at {sent} by the sender's clock, received by us at {received}."),
    "no-trusted-received-header": N_(
        "No Received header from our own receiving server; the receipt time is less certain."
    ),
    "far-date-header": N_(
        "The Date header ({moment}) is far from every other receipt time: the sender's "
        "clock or the header is wrong."
    ),
}
UNKNOWN_PROBLEM = N_("A problem of a kind this version does not know ({code}).")

_DETAIL_IS_DATA = {
    "bad-date-header": lambda detail: detail,
    "bad-received-header": lambda detail: detail,
    "not-a4": lambda detail: detail.rsplit(": ", 1)[-1],
    "several-documents": lambda detail: detail.rsplit("; measured: ", 1)[-1],
}
"""Problems whose technical detail holds a value a person reads (the header as written,
the paper size, the file measured); the others' details are for technicians (``-v``)."""


def kind_text(lang: Language, kind: str | None) -> str:
    return lang._(KINDS[kind]) if kind is not None and kind in KINDS else kind or "?"


def review_text(lang: Language, status: str) -> str:
    """What a person decided, in words (an unknown code, from a newer version, as is)."""
    return lang._(REVIEWS[status]) if status in REVIEWS else status


def short_review_text(lang: Language, status: str) -> str:
    return lang._(SHORT_REVIEWS[status]) if status in SHORT_REVIEWS else status


def document_kind_text(lang: Language, kind: str) -> str:
    return lang._(DOCUMENT_KINDS[kind]) if kind in DOCUMENT_KINDS else kind


def short_kind_text(lang: Language, kind: str | None) -> str:
    return lang._(SHORT_KINDS[kind]) if kind is not None and kind in SHORT_KINDS else kind or "?"


def status_text(lang: Language, status: str | None) -> str:
    return lang._(STATUSES[status]) if status is not None and status in STATUSES else status or ""


def short_status_text(lang: Language, status: str | None) -> str:
    if status is None:
        return ""
    return lang._(SHORT_STATUSES[status]) if status in SHORT_STATUSES else status


def standing_text(lang: Language, reason: str | None, ref: str | None) -> str | None:
    """Why a nomination stands as it does, in a sentence; None for other mail."""
    if reason is None:
        return None
    return lang._(STANDINGS[reason], ref=ref or "?") if reason in STANDINGS else reason


def source_text(lang: Language, source: str) -> str:
    return lang._(SOURCES[source]) if source in SOURCES else source


def nominee_reason_text(lang: Language, reason: str) -> str:
    return lang._(NOMINEE_REASONS[reason]) if reason in NOMINEE_REASONS else reason


def problem_text(
    lang: Language, code: str, detail: str, values: Mapping[str, str] | None = None
) -> str:
    """The sentence for a problem a person reads; a technical detail stays out of it."""
    if code not in PROBLEMS:
        return lang._(UNKNOWN_PROBLEM, code=code)
    shown = _DETAIL_IS_DATA.get(code)
    fields = dict(values or {})
    fields.setdefault("detail", shown(detail)[:120] if shown else "")
    if code in ("clock-skew", "far-date-header"):
        fields = {name: _moment(lang, value) for name, value in fields.items()}
    return lang._(PROBLEMS[code], **fields)


def _moment(lang: Language, value: str) -> str:
    try:
        return lang.datetime(datetime.fromisoformat(value), seconds=True)
    except ValueError:
        return value


def verdict_text(lang: Language, verdict: Timeliness) -> str:
    """``op tijd``, ``te laat: 1 dag en 16 uur``, ``ontvangsttijd onbekend``."""
    if verdict.on_time is None:
        return lang._("receipt time unknown")
    if verdict.on_time:
        return lang._("on time")
    return lang._("late: {duration}", duration=lang.duration(verdict.late_by_seconds or 0))
