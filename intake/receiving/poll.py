"""One poll of the IMAP folder: fetch what is new, file it durably, then mark it.

Order of events for every batch, so that a crash anywhere loses nothing and doubles
nothing:

1. fetch the raw bytes (``BODY.PEEK[]``: ``\\Seen`` is left alone);
2. file them and advance the checkpoint in **one** transaction;
3. only then add the filed keyword on the server (and move, if configured);
4. note in the store that the server is marked.

A crash between 2 and 4 is repaired at the start of the next poll (the store knows
which filed UIDs are not yet marked).  When STATUS shows no new UID and nothing is left
to repair, the poll ends there: its cost does not grow with the folder.

A UIDVALIDITY change starts a new checkpoint at zero; the rescan files nothing twice
because filing dedupes on Message-ID plus content.

Every poll first checks that the settings fit the server: the folder and ``move_to``
exist (one LIST each) and the server can MOVE, so a mistake shows at the start, not when
the first mail arrives.  A passing failure (:class:`~intake.errors.ConnectionLost`) is
retried with backoff, each retry announced through ``on_retry``; a setup mistake or a
refused login never is.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from intake.config import MailboxSettings, Settings
from intake.errors import ConnectionLost, MailboxError, MailboxSetupError, StoreUnavailable
from intake.language import N_
from intake.presenting.terminal import printable
from intake.receiving.connecting import ClientFactory, server_of
from intake.receiving.filing import ReceivingHosts, build_record
from intake.receiving.mailbox import FetchedMessage, Mailbox, open_mailbox
from store import Filing, MailboxPlace, Store, StoreError

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 300.0
FOLDERS_SHOWN = 8
"""A missing folder's message names at most this many of the folders the server has."""


@dataclass(slots=True)
class PollReport:
    """What one poll did."""

    filed: list[str] = field(default_factory=list)
    """References of newly filed messages."""
    duplicates: int = 0
    failed: list[int] = field(default_factory=list)
    """UIDs that could not be filed (kept for the next poll)."""
    vanished: list[int] = field(default_factory=list)
    """UIDs that disappeared from the server before they could be fetched."""
    marked_late: int = 0
    """Filed messages whose keyword was set only now (after an interrupted poll)."""
    retries: int = 0
    uidvalidity_changed: bool = False
    receiving_hosts: ReceivingHosts = field(default_factory=ReceivingHosts)
    """Whose Received headers the mail polled carries: ``seen_instead`` names the hosts
    when none is one of ``[trust] receiving_hosts``."""


@dataclass(frozen=True, slots=True)
class Retry:
    """A passing failure, and the reconnect about to follow it."""

    error: ConnectionLost
    delay_seconds: float
    attempt: int
    """The attempt about to be made: 2 for the first retry."""
    attempts: int
    """How many attempts there are at most (``mailbox.retries`` + 1)."""


def poll_once(
    settings: Settings,
    store: Store,
    *,
    client_factory: ClientFactory | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[Retry], None] | None = None,
) -> PollReport:
    """Poll the configured folder once, reconnecting with backoff if the connection drops."""
    mailbox_settings = settings.require_mailbox()
    password = settings.mailbox_password()
    report = PollReport(receiving_hosts=ReceivingHosts(settings.trust.receiving_hosts))
    factory_kwargs = {} if client_factory is None else {"client_factory": client_factory}
    attempts = mailbox_settings.retries + 1
    while True:
        try:
            with open_mailbox(mailbox_settings, password, **factory_kwargs) as mailbox:
                check_setup(mailbox, mailbox_settings)
                _poll_folder(mailbox, mailbox_settings, settings, store, report)
            break
        except ConnectionLost as exc:
            if report.retries + 1 >= attempts:
                raise ConnectionLost(
                    N_("{error} (gave up after {attempts} attempts)"),
                    error=exc,
                    attempts=attempts,
                ) from exc
            delay = min(
                mailbox_settings.retry_backoff_seconds * 2**report.retries, MAX_BACKOFF_SECONDS
            )
            report.retries += 1
            log.info("%s; retrying in %.1f s (attempt %d)", exc, delay, report.retries + 1)
            if on_retry is not None:
                on_retry(Retry(exc, delay, report.retries + 1, attempts))
            sleep(delay)
        except MailboxSetupError as exc:
            raise exc.located(settings.source) from exc.__cause__
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc
    return report


def check_setup(mailbox: Mailbox, settings: MailboxSettings) -> None:
    """Check that the folder and ``move_to`` exist and that the server can MOVE."""
    if not mailbox.folder_exists(settings.folder):
        raise MailboxSetupError(
            N_(
                "the folder {folder} does not exist on {server}; set mailbox.folder to one "
                "that does. The server has: {folders}"
            ),
            key="mailbox.folder",
            folder=_quoted(settings.folder),
            server=server_of(settings),
            folders=_some_folders(mailbox),
        )
    if settings.move_to is None:
        return
    if not mailbox.folder_exists(settings.move_to):
        raise MailboxSetupError(
            N_(
                "the folder {folder} that filed mail is moved to does not exist on {server}; "
                "create it there, or change or remove mailbox.move_to. The server has: "
                "{folders}"
            ),
            key="mailbox.move_to",
            folder=_quoted(settings.move_to),
            server=server_of(settings),
            folders=_some_folders(mailbox),
        )
    if not mailbox.can_move():
        raise MailboxSetupError(
            N_("{server} cannot move messages (it has no MOVE); remove mailbox.move_to"),
            key="mailbox.move_to",
            server=server_of(settings),
        )


def _some_folders(mailbox: Mailbox) -> str:
    """A few of the server's folders, INBOX first, for a message about a missing one."""
    names = sorted(mailbox.folders(), key=lambda name: (name.upper() != "INBOX", name.casefold()))
    shown = ", ".join(_quoted(name) for name in names[:FOLDERS_SHOWN])
    return shown + (", …" if len(names) > FOLDERS_SHOWN else "")


def _quoted(folder: str) -> str:
    return f'"{printable(folder)}"'


def _poll_folder(
    mailbox: Mailbox,
    mailbox_settings: MailboxSettings,
    settings: Settings,
    store: Store,
    report: PollReport,
) -> None:
    folder = mailbox_settings.folder
    if _nothing_new(mailbox, store, MailboxPlace(mailbox_settings.account, folder, 0)):
        return
    state = mailbox.select(folder)
    place = MailboxPlace(mailbox_settings.account, folder, state.uidvalidity)
    marker = _Marker(mailbox, mailbox_settings, store, place, state.keywords_allowed)

    pending = store.unmarked_uids(place)
    if pending:
        log.info("marking %d message(s) filed by an interrupted poll", len(pending))
        marker.mark(pending)
        report.marked_late += len(pending)

    last_uid = store.checkpoint(place)
    if last_uid is None:
        last_uid = 0
        if store.has_other_uidvalidity(place):
            report.uidvalidity_changed = True
            log.warning(
                "UIDVALIDITY of %s is now %d: rescanning the folder; messages already filed "
                "are recognised and not filed again",
                folder,
                state.uidvalidity,
            )

    for failure in store.failures(place):
        _file_batch(mailbox, store, settings, place, [failure.uid], last_uid, marker, report)

    if state.uidnext is not None and state.uidnext <= last_uid + 1:
        return
    uids = mailbox.uids_after(last_uid)
    if not uids:
        return
    log.info("%d new message(s) in %s", len(uids), folder)
    sizes = mailbox.sizes(uids)
    report.vanished.extend(uid for uid in uids if uid not in sizes)
    for batch in _batches(
        [(uid, sizes[uid]) for uid in uids if uid in sizes],
        mailbox_settings.batch_messages,
        mailbox_settings.batch_bytes,
    ):
        _file_batch(mailbox, store, settings, place, batch, batch[-1], marker, report)


def _nothing_new(mailbox: Mailbox, store: Store, folder_place: MailboxPlace) -> bool:
    """Whether STATUS shows nothing new and nothing is left to repair.

    On a large Maildir, SELECT costs the server time in proportion to the folder's size;
    STATUS does not. So an idle poll never selects the folder.
    """
    uidvalidity, uidnext = mailbox.status(folder_place.folder)
    place = MailboxPlace(folder_place.account, folder_place.folder, uidvalidity)
    last_uid = store.checkpoint(place)
    return (
        last_uid is not None
        and uidnext is not None
        and uidnext <= last_uid + 1
        and not store.unmarked_uids(place)
        and not store.failures(place)
    )


def _file_batch(
    mailbox: Mailbox,
    store: Store,
    settings: Settings,
    place: MailboxPlace,
    uids: Sequence[int],
    last_uid: int,
    marker: _Marker,
    report: PollReport,
) -> None:
    fetched = _fetch(mailbox, store, place, uids, report)
    items = []
    for message in fetched:
        report.receiving_hosts.note(message.raw)
        try:
            record = build_record(
                message.raw,
                origin="imap",
                origin_detail=f"{place.account} {place.folder} {place.uidvalidity}/{message.uid}",
                internaldate=message.internaldate,
            )
        except Exception:  # a bug must cost one message, recorded, never the poll
            log.exception("cannot read UID %s", message.uid)
            store.record_failure(place, message.uid, traceback.format_exc(limit=3))
            report.failed.append(message.uid)
            continue
        items.append((message.uid, record))
    outcome = store.file_imap_batch(place, items, last_uid, settings.campaign.reference_prefix)
    filed_uids = []
    for uid, result in outcome.items():
        if isinstance(result, Filing):
            filed_uids.append(uid)
            if result.duplicate:
                report.duplicates += 1
            else:
                report.filed.append(result.ref)
        else:
            report.failed.append(uid)
    marker.mark(filed_uids)


def _fetch(
    mailbox: Mailbox,
    store: Store,
    place: MailboxPlace,
    uids: Sequence[int],
    report: PollReport,
) -> list[FetchedMessage]:
    """Fetch a batch; if the server refuses it, fetch one by one to isolate the culprit."""
    try:
        fetched = mailbox.fetch(uids)
    except ConnectionLost:
        raise
    except MailboxError as exc:
        if len(uids) == 1:
            # The record is for finding the fault: the server's own words go with it.
            detail = f"{exc}: {exc.__cause__}" if exc.__cause__ else str(exc)
            log.error("UID %s cannot be fetched: %s", uids[0], detail)
            store.record_failure(place, uids[0], detail)
            report.failed.append(uids[0])
            return []
        fetched = []
        for uid in uids:
            fetched.extend(_fetch(mailbox, store, place, [uid], report))
        return fetched  # each single fetch has reported its own failure or absence
    got = {message.uid for message in fetched}
    for uid in uids:
        if uid not in got and uid not in report.failed:
            log.warning("UID %s of %s vanished before it could be fetched", uid, place.folder)
            report.vanished.append(uid)
    return fetched


class _Marker:
    """Sets the filed keyword (and moves, if configured), then notes it in the store."""

    def __init__(
        self,
        mailbox: Mailbox,
        settings: MailboxSettings,
        store: Store,
        place: MailboxPlace,
        keywords_allowed: bool,
    ):
        self.mailbox = mailbox
        self.settings = settings
        self.store = store
        self.place = place
        self.keywords_allowed = keywords_allowed
        if not keywords_allowed:
            log.warning(
                "the server does not allow keywords in %s: filed messages are tracked by the "
                "store only",
                place.folder,
            )

    def mark(self, uids: Sequence[int]) -> None:
        if not uids:
            return
        if self.keywords_allowed:
            self.mailbox.add_keyword(uids, self.settings.filed_keyword)
        if self.settings.move_to is not None:
            self.mailbox.move(uids, self.settings.move_to)
        self.store.mark_uids(self.place, uids)


def _batches(
    sized: Sequence[tuple[int, int]], max_messages: int, max_bytes: int
) -> Iterator[list[int]]:
    """Group UIDs so a batch holds at most ``max_messages`` and about ``max_bytes``."""
    batch: list[int] = []
    total = 0
    for uid, size in sized:
        if batch and (len(batch) >= max_messages or total + size > max_bytes):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        yield batch
