"""Backfill from files: .eml files, mbox files and Maildir folders.

Receipt time comes from the topmost ``Received:`` header, else the file's own envelope
date (the mbox ``From_`` line, the Maildir delivery time), else the sender's ``Date:``;
the source is recorded either way.  Filing dedupes exactly as polling does.
"""

from __future__ import annotations

import logging
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from intake.config import Settings
from intake.errors import StoreUnavailable
from intake.judging.receipt import ReceivedSource
from intake.receiving.filing import ReceivingHosts, build_record
from store import Store, StoreError

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ImportReport:
    """What one import did."""

    filed: list[str] = field(default_factory=list)
    duplicates: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    """(path, reason) for every file or message that could not be read."""
    receiving_hosts: ReceivingHosts = field(default_factory=ReceivingHosts)
    """Whose Received headers the mail imported carries: ``seen_instead`` names the hosts
    when none is one of ``[trust] receiving_hosts`` (then no receipt time came from them)."""


@dataclass(frozen=True, slots=True)
class SourceMessage:
    """One message read from a file, with the envelope date its container recorded."""

    raw: bytes
    origin_detail: str
    envelope_at: datetime | None = None
    envelope_source: ReceivedSource | None = None


def import_paths(settings: Settings, store: Store, paths: list[Path]) -> ImportReport:
    """File every message found at ``paths``; unreadable ones are reported, not fatal."""
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
                if filing.duplicate:
                    report.duplicates += 1
                else:
                    report.filed.append(filing.ref)
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc
        except OSError as exc:
            log.error("cannot read %s: %s", path, exc)
            report.unreadable.append((str(path), exc.strerror or str(exc)))
    return report


def read_source(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    """The messages at ``path``: a Maildir, a folder of .eml files, an mbox or one .eml."""
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            yield from _read_maildir(path, report)
        else:
            found = sorted(p for p in path.rglob("*.eml") if p.is_file())
            if not found:
                report.unreadable.append(
                    (str(path), "neither a Maildir nor a folder of .eml files")
                )
            for eml in found:
                yield from read_source(eml, report)
        return
    with path.open("rb") as handle:
        head = handle.read(5)
    if head == b"From ":
        yield from _read_mbox(path, report)
        return
    raw = path.read_bytes()
    if not raw.strip():
        report.unreadable.append((str(path), "empty file"))
        return
    yield SourceMessage(raw=raw, origin_detail=str(path))


def _read_mbox(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    box = mailbox.mbox(path, create=False)
    try:
        for index, key in enumerate(box.iterkeys(), start=1):
            detail = f"{path}#{index}"
            try:
                raw = box.get_bytes(key)
                from_line = box.get_message(key).get_from()
            except (OSError, KeyError, ValueError) as exc:
                report.unreadable.append((detail, str(exc)))
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


def _read_maildir(path: Path, report: ImportReport) -> Iterator[SourceMessage]:
    files = sorted(
        file
        for sub in ("new", "cur")
        for file in (path / sub).iterdir()
        if file.is_file() and not file.name.startswith(".")
    )
    for file in files:
        try:
            raw = file.read_bytes()
            delivered = datetime.fromtimestamp(file.stat().st_mtime, UTC)
        except OSError as exc:
            report.unreadable.append((str(file), exc.strerror or str(exc)))
            continue
        yield SourceMessage(
            raw=raw,
            origin_detail=str(file),
            envelope_at=delivered,
            envelope_source=ReceivedSource.MAILDIR_DELIVERY,
        )


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
