"""Backfill from files: .eml and Outlook .msg files, mbox files, Maildir folders, and
folders holding any of them.

What a file is, is told by its bytes, not its name (:mod:`parsers.mailfile`): a mail
header (``.eml``, ``.EML``, a message without a name extension), an mbox, an Outlook
compound file (turned into the mail it holds, :mod:`parsers.msg_mail`).  Anything else is
skipped and named with what it looks like: a PDF, a program, a ZIP archive, plain text.
Nothing that is not a mail is ever filed.  Every file given or found gets a line in the
:class:`ImportReport`: filed, already known, or skipped and why.

Receipt time comes from the topmost ``Received:`` header, else the file's own envelope
date (the mbox ``From_`` line, the Maildir delivery time), else the sender's ``Date:``;
the source is recorded either way.  Filing dedupes exactly as polling does.
"""

from __future__ import annotations

import errno
import logging
import mailbox
import os
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from intake.config import Settings
from intake.errors import StoreUnavailable
from intake.judging.receipt import ReceivedSource
from intake.language import N_, Language
from intake.receiving.filing import ReceivingHosts, build_record
from parsers.mailfile import HEAD_BYTES, Looks, is_empty, is_mbox, is_message, looks_like
from parsers.msg_mail import NotAnOutlookMessage, msg_to_mail
from store import Store, StoreError

log = logging.getLogger(__name__)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF_WHOLE_BYTES = 64 * 1024 * 1024
"""A ZIP file is read whole up to this size to say what it is (a DOCX is a ZIP whose
members tell); anything else that is no mail only by its start."""

LOOKS: dict[Looks, str] = {
    Looks.PDF: N_("a PDF document"),
    Looks.DOCX: N_("a Word document"),
    Looks.DOC: N_("a Word 97-2003 document"),
    Looks.ODT: N_("an OpenDocument text"),
    Looks.RTF: N_("an RTF document"),
    Looks.HTML: N_("a web page (HTML)"),
    Looks.TEXT: N_("plain text without mail headers"),
    Looks.IMAGE: N_("an image"),
    Looks.ZIP: N_("a ZIP archive; unpack it and import the folder"),
    Looks.TNEF: N_("an Outlook winmail.dat attachment, not a whole message"),
    Looks.OUTLOOK_MESSAGE: N_("an Outlook message that is damaged"),
    Looks.OUTLOOK_DATA: N_(
        "an Outlook data file (.pst or .ost); save its messages as .msg or .eml files first"
    ),
    Looks.COMPOUND: N_("an Office 97-2003 file (Excel, PowerPoint or the like)"),
    Looks.PROGRAM: N_("a program"),
    Looks.COMPRESSED: N_("a compressed file; unpack it first"),
    Looks.DAMAGED_MAIL: N_("a mail whose header lines are damaged"),
    Looks.MIME_PART: N_("a part of a mail (Content-Type) without the mail's own header"),
    Looks.BINARY: N_("binary data of an unknown kind"),
}
"""What a file that is not a mail looks like, in the reader's words."""

NOT_A_MESSAGE = N_("not an e-mail message: this looks like {what}")
EMPTY_FILE = N_("empty file")
EMPTY_FOLDER = N_("no files in this folder")
NOT_A_FILE = N_("not a regular file (a device, a pipe or a link to nothing)")
LINKED_FOLDER = N_("a link to a folder, not followed; import that folder itself")
CANNOT_READ = N_("cannot be read: {what}")
_READ_ERRORS = {
    errno.EACCES: N_("no permission to read it"),
    errno.EPERM: N_("no permission to read it"),
    errno.ENOENT: N_("it no longer exists"),
    errno.EIO: N_("the disk or network gave a read error"),
}
_READ_ERROR = N_("the system refused to read it")


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a file was skipped: a marked text, and a marked text for its ``{what}``."""

    text: str
    what: str | None = None

    def told(self, lang: Language) -> str:
        if self.what is None:
            return lang._(self.text)
        return lang._(self.text, what=lang._(self.what))


@dataclass(frozen=True, slots=True)
class ImportEntry:
    """What became of one file, or of one message in an mbox (``path#3``)."""

    source: str
    ref: str | None = None
    """The reference it is filed under (new or, when ``known``, from before)."""
    known: bool = False
    skipped: Reason | None = None
    left_out: int = 0
    """Parts of an Outlook file that could not be carried over into the mail."""


@dataclass(slots=True)
class ImportReport:
    """What one import did, a line for every file and every mbox message, in order."""

    entries: list[ImportEntry] = field(default_factory=list)
    receiving_hosts: ReceivingHosts = field(default_factory=ReceivingHosts)
    """Whose Received headers the mail imported carries: ``seen_instead`` names the hosts
    when none is one of ``[trust] receiving_hosts`` (then no receipt time came from them)."""

    @property
    def filed(self) -> list[str]:
        """The references of the messages filed now."""
        return [e.ref for e in self.entries if e.ref is not None and not e.known]

    @property
    def duplicates(self) -> int:
        return sum(1 for e in self.entries if e.known)

    @property
    def skipped(self) -> list[ImportEntry]:
        return [e for e in self.entries if e.skipped is not None]

    def skip(self, source: Path | str, text: str, what: str | None = None) -> None:
        self.entries.append(ImportEntry(str(source), skipped=Reason(text, what)))


@dataclass(frozen=True, slots=True)
class SourceMessage:
    """One message read from a file, with the envelope date its container recorded."""

    raw: bytes
    origin_detail: str
    envelope_at: datetime | None = None
    envelope_source: ReceivedSource | None = None
    left_out: int = 0


def import_paths(settings: Settings, store: Store, paths: list[Path]) -> ImportReport:
    """File every message found at ``paths``; what is not one is reported, not filed."""
    report = ImportReport(receiving_hosts=ReceivingHosts(settings.trust.receiving_hosts))
    for path in paths:
        try:
            for message in read_source(path, report):
                report.receiving_hosts.note(message.raw)
                record = build_record(
                    message.raw,
                    origin="import",
                    origin_detail=message.origin_detail,
                    envelope_at=message.envelope_at,
                    envelope_source=message.envelope_source,
                )
                filing = store.file_message(record, settings.campaign.reference_prefix)
                report.entries.append(
                    ImportEntry(
                        message.origin_detail,
                        ref=filing.ref,
                        known=filing.duplicate,
                        left_out=message.left_out,
                    )
                )
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc
        except OSError as exc:
            log.debug("cannot read %s", path, exc_info=True)
            report.skip(path, CANNOT_READ, _read_error(exc))
    return report


def read_source(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    """The messages at ``path``: a Maildir, a folder, an mbox, a mail or a .msg file.

    What is skipped is added to ``report`` as it is met, so that its line stands among
    the others in the order of the files.
    """
    if path.is_dir():
        if _is_maildir(path):
            yield from _read_maildir(path, report)
        else:
            yield from _read_folder(path, report)
        return
    yield from _read_file(path, report)


def _read_folder(folder: Path, report: ImportReport) -> Iterator[SourceMessage]:
    met = yield from _read_tree(folder, report)
    if not met:
        report.skip(folder, EMPTY_FOLDER)


def _read_tree(folder: Path, report: ImportReport) -> Generator[SourceMessage, None, bool]:
    """Every file under ``folder``, depth first in name order as a file manager shows
    it (Maildirs as Maildirs); whether anything was met (and so has a line)."""
    try:
        names = sorted((entry.name for entry in os.scandir(folder)), key=_name_order)
    except OSError as exc:
        log.debug("cannot read %s", folder, exc_info=True)
        report.skip(folder, CANNOT_READ, _read_error(exc))
        return True
    met = False
    for name in names:
        path = folder / name
        if path.is_symlink() and path.is_dir():
            met = True
            report.skip(path, LINKED_FOLDER)
        elif path.is_dir() and _is_maildir(path):
            met = True
            yield from _read_maildir(path, report)
        elif path.is_dir():
            met = (yield from _read_tree(path, report)) or met
        else:
            met = True
            yield from _read_file(path, report)
    return met


def _read_file(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    if not path.is_file():
        report.skip(path, NOT_A_FILE)
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        whole = len(head) < HEAD_BYTES
        if whole and is_empty(head):
            report.skip(path, EMPTY_FILE)
        elif is_mbox(head):
            yield from _read_mbox(path, report)
        elif head.startswith(_OLE_MAGIC):
            yield from _read_outlook(path, report)
        elif is_message(head):
            raw = head if whole else path.read_bytes()
            yield SourceMessage(raw=raw, origin_detail=str(path))
        else:
            zipped = head.startswith(b"PK") and not whole
            small = zipped and path.stat().st_size <= _SNIFF_WHOLE_BYTES
            data = path.read_bytes() if small else head
            report.skip(path, NOT_A_MESSAGE, LOOKS[looks_like(data)])
    except OSError as exc:
        log.debug("cannot read %s", path, exc_info=True)
        report.skip(path, CANNOT_READ, _read_error(exc))


def _read_outlook(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    data = path.read_bytes()
    try:
        mail = msg_to_mail(data)
    except NotAnOutlookMessage as exc:
        log.debug("%s: not an Outlook message: %s", path, exc)
        report.skip(path, NOT_A_MESSAGE, LOOKS[looks_like(data)])
        return
    for problem in mail.left_out:
        log.info("%s: not carried over: %s", path, problem.detail)
    yield SourceMessage(raw=mail.raw, origin_detail=str(path), left_out=len(mail.left_out))


def _read_mbox(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    box = mailbox.mbox(path, create=False)
    try:
        for index, key in enumerate(box.iterkeys(), start=1):
            detail = f"{path}#{index}"
            try:
                raw = box.get_bytes(key)
                from_line = box.get_message(key).get_from()
            except (OSError, KeyError, ValueError) as exc:
                log.debug("cannot read %s", detail, exc_info=True)
                report.skip(detail, CANNOT_READ, _read_error(exc))
                continue
            if not _is_mail(raw, detail, report):
                continue
            envelope_at = mbox_envelope_date(from_line)
            yield SourceMessage(
                raw=raw,
                origin_detail=detail,
                envelope_at=envelope_at,
                envelope_source=ReceivedSource.MBOX_ENVELOPE if envelope_at else None,
            )
    finally:
        box.close()


def _name_order(name: str) -> tuple[str, str]:
    return name.casefold(), name


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _read_maildir(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    files = sorted(
        file
        for sub in ("new", "cur")
        for file in (path / sub).iterdir()
        if not file.name.startswith(".")
    )
    for file in files:
        if not file.is_file():
            report.skip(file, NOT_A_FILE)
            continue
        try:
            raw = file.read_bytes()
            delivered = datetime.fromtimestamp(file.stat().st_mtime, UTC)
        except OSError as exc:
            log.debug("cannot read %s", file, exc_info=True)
            report.skip(file, CANNOT_READ, _read_error(exc))
            continue
        if not _is_mail(raw, str(file), report):
            continue
        yield SourceMessage(
            raw=raw,
            origin_detail=str(file),
            envelope_at=delivered,
            envelope_source=ReceivedSource.MAILDIR_DELIVERY,
        )


def _is_mail(raw: bytes, source: str, report: ImportReport) -> bool:
    """Whether a message of a Maildir or mbox is a mail; if not, say so in ``report``."""
    if is_empty(raw):
        report.skip(source, EMPTY_FILE)
        return False
    if not is_message(raw):
        report.skip(source, NOT_A_MESSAGE, LOOKS[looks_like(raw)])
        return False
    return True


def _read_error(exc: Exception) -> str:
    code = exc.errno if isinstance(exc, OSError) else None
    return _READ_ERRORS.get(code, _READ_ERROR) if code is not None else _READ_ERROR


_ASCTIME = re.compile(
    r"(?P<wd>[A-Z][a-z]{2})\s+(?P<mon>[A-Z][a-z]{2})\s+(?P<day>\d{1,2})\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+(?:(?P<zone>[+-]\d{4})\s+)?(?P<year>\d{4})\s*$"
)


def mbox_envelope_date(from_line: str) -> datetime | None:
    """The date of an mbox ``From_`` line (``sender Thu Jun  1 16:59:59 2017``).

    A zone in the line (``+0200``) is honoured; without one the time is read as UTC, the
    convention of the tools that write mbox exports.
    """
    match = _ASCTIME.search(from_line)
    if match is None:
        return None
    clock = match["time"] if match["time"].count(":") == 2 else match["time"] + ":00"
    text = f"{match['day']} {match['mon']} {match['year']} {clock} {match['zone'] or '+0000'}"
    try:
        return datetime.strptime(text, "%d %b %Y %H:%M:%S %z")
    except ValueError:
        return None
