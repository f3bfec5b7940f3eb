"""The IMAP mailbox: connect, fetch by UID, flag, move.

Protocol only: this module returns raw bytes with their UID and INTERNALDATE and knows
nothing of nominations or the store.  It never deletes or expunges, and never sets or
reads ``\\Seen`` (bodies are fetched with ``BODY.PEEK[]``).  Errors from imapclient, the
socket and TLS layers leave as :class:`~intake.errors.MailboxError` subclasses;
:class:`~intake.errors.ConnectionLost` marks those worth a retry.  Connecting and logging
in, and telling what a failure there means, is :mod:`intake.receiving.connecting`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from intake.config import MailboxSettings
from intake.errors import MailboxError
from intake.language import N_
from intake.receiving.connecting import (
    ClientFactory,
    connect,
    connection_lost,
    describe,
    log_in,
    server_of,
    shutdown,
)

log = logging.getLogger(__name__)

_BODY = b"BODY[]"
_INTERNALDATE = b"INTERNALDATE"
_SIZE = b"RFC822.SIZE"
_SIZE_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class FolderState:
    """What SELECT said about the folder."""

    uidvalidity: int
    uidnext: int | None
    exists: int
    keywords_allowed: bool


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    """One message as the server holds it."""

    uid: int
    raw: bytes
    internaldate: datetime | None
    size: int


class Mailbox:
    """An open, logged-in IMAP session on one folder."""

    def __init__(self, settings: MailboxSettings, client: Any):
        self.settings = settings
        self._client = client

    # -- folder -----------------------------------------------------------------------

    def select(self, folder: str) -> FolderState:
        response = self._call("SELECT", self._client.select_folder, folder)
        try:
            uidvalidity = int(response[b"UIDVALIDITY"])
        except (KeyError, TypeError, ValueError) as exc:
            raise self._no_uidvalidity(folder) from exc
        uidnext = response.get(b"UIDNEXT")
        permanent = response.get(b"PERMANENTFLAGS") or ()
        return FolderState(
            uidvalidity=uidvalidity,
            uidnext=int(uidnext) if uidnext is not None else None,
            exists=int(response.get(b"EXISTS") or 0),
            keywords_allowed=b"\\*" in permanent,
        )

    def status(self, folder: str) -> tuple[int, int | None]:
        """(UIDVALIDITY, UIDNEXT) by STATUS: cheap on any mailbox size, unlike SELECT."""
        response = self._call(
            "STATUS", self._client.folder_status, folder, [b"UIDVALIDITY", b"UIDNEXT"]
        )
        try:
            uidvalidity = int(response[b"UIDVALIDITY"])
        except (KeyError, TypeError, ValueError) as exc:
            raise self._no_uidvalidity(folder) from exc
        uidnext = response.get(b"UIDNEXT")
        return uidvalidity, int(uidnext) if uidnext is not None else None

    def folder_exists(self, folder: str) -> bool:
        """Whether the server has a folder of exactly this name (INBOX in any case)."""
        listed = self._call("LIST", self._client.list_folders, "", folder)
        return any(_same_folder(name, folder) for _flags, _delimiter, name in listed)

    def folders(self) -> list[str]:
        """The names of every folder the server lists."""
        listed = self._call("LIST", self._client.list_folders)
        return [str(name) for _flags, _delimiter, name in listed]

    def can_move(self) -> bool:
        return bool(self._call("CAPABILITY", self._client.has_capability, "MOVE"))

    # -- messages ---------------------------------------------------------------------

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs greater than ``last_uid``, ascending. Costs one small round trip."""
        found = self._call("SEARCH", self._client.search, ["UID", f"{last_uid + 1}:*"])
        # "N:*" always matches the highest UID, even when it is below N.
        return sorted(uid for uid in found if uid > last_uid)

    def sizes(self, uids: Sequence[int]) -> dict[int, int]:
        """RFC822.SIZE per UID; UIDs the server no longer has are absent."""
        sizes: dict[int, int] = {}
        for start in range(0, len(uids), _SIZE_CHUNK):
            chunk = list(uids[start : start + _SIZE_CHUNK])
            response = self._call("FETCH", self._client.fetch, chunk, [_SIZE.decode()])
            for uid, data in response.items():
                sizes[int(uid)] = int(data.get(_SIZE) or 0)
        return sizes

    def fetch(self, uids: Sequence[int]) -> list[FetchedMessage]:
        """Raw bytes, INTERNALDATE and size of each UID the server still has."""
        if not uids:
            return []
        response = self._call(
            "FETCH", self._client.fetch, list(uids), ["BODY.PEEK[]", "INTERNALDATE", "RFC822.SIZE"]
        )
        fetched = []
        for uid, data in sorted(response.items()):
            raw = data.get(_BODY)
            if raw is None:
                log.warning("the server sent no body for UID %s", uid)
                continue
            internaldate = data.get(_INTERNALDATE)
            if isinstance(internaldate, datetime) and internaldate.tzinfo is None:
                internaldate = None  # never guess the zone of a naive time
            fetched.append(
                FetchedMessage(
                    uid=int(uid),
                    raw=bytes(raw),
                    internaldate=internaldate,
                    size=int(data.get(_SIZE) or len(raw)),
                )
            )
        return fetched

    def add_keyword(self, uids: Sequence[int], keyword: str) -> None:
        if uids:
            self._call("STORE", self._client.add_flags, list(uids), [keyword.encode("ascii")])

    def move(self, uids: Sequence[int], folder: str) -> None:
        if uids:
            self._call("MOVE", self._client.move, list(uids), folder)

    def logout(self) -> None:
        try:
            self._client.logout()
        except (IMAPClientError, OSError) as exc:
            log.debug("logout failed: %s", exc)

    # -- errors -----------------------------------------------------------------------

    def _call(self, command: str, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args)
        except (IMAPClientAbortError, OSError, EOFError) as exc:
            raise connection_lost(self.settings, exc, during=command) from exc
        except IMAPClientError as exc:
            if any(code in str(exc) for code in ("[UNAVAILABLE]", "[INUSE]")):
                raise connection_lost(self.settings, exc, during=command) from exc
            log.warning("%s refused by the server: %s", command, describe(exc))
            raise MailboxError(
                N_("{server} refused {command}; the server's own words are in the log (-vv)"),
                server=server_of(self.settings),
                command=command,
            ) from exc

    def _no_uidvalidity(self, folder: str) -> MailboxError:
        return MailboxError(
            N_("{server} gave no UIDVALIDITY for the folder {folder}"),
            server=server_of(self.settings),
            folder=folder,
        )


def _same_folder(listed: object, wanted: str) -> bool:
    name = str(listed)
    return name == wanted or (name.upper() == "INBOX" and wanted.upper() == "INBOX")


@contextmanager
def open_mailbox(
    settings: MailboxSettings, password: str, *, client_factory: ClientFactory = IMAPClient
) -> Iterator[Mailbox]:
    """Connect, secure and log in; log out on leaving."""
    client = connect(settings, client_factory=client_factory)
    try:
        log_in(client, settings, password)
        mailbox = Mailbox(settings, client)
        yield mailbox
    except BaseException:
        shutdown(client)
        raise
    else:
        mailbox.logout()
