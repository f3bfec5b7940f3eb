"""Files written whole: beside their place first, then put there in one step.

A reader never sees half a file, and a file that was there stays whole when writing
fails.  The new file gets the usual permissions (``0666`` less the umask); a link at
the place is replaced, never followed.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO

from intake.errors import OperationalError, os_reason
from intake.language import N_
from intake.presenting.terminal import printable

log = logging.getLogger(__name__)


def replace_file(path: Path, data: bytes | Callable[[IO[bytes]], object]) -> None:
    """Write ``data`` (bytes, or a function writing into the file) to ``path`` whole or
    not at all, replacing what is there; raises :class:`OSError`."""
    if not path.name or path.is_dir():
        raise IsADirectoryError(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            log.debug("removing %s failed", temporary, exc_info=True)
        raise


def save_atomically(path: Path, data: bytes | Callable[[IO[bytes]], object]) -> None:
    """:func:`replace_file`, telling a failure in words: an
    :class:`~intake.errors.OperationalError` (``kan … niet schrijven: …``)."""
    try:
        replace_file(path, data)
    except OSError as exc:
        raise cannot_write(path, exc) from exc


def cannot_write(path: Path, exc: OSError) -> OperationalError:
    log.debug("writing %s failed", path, exc_info=True)
    return OperationalError(
        N_("cannot write {path}: {reason}"), path=printable(str(path)), reason=os_reason(exc)
    )


def new_folder_beside(folder: Path) -> Path:
    """An empty folder beside ``folder``, to fill before it takes its place."""
    staging = folder.with_name(f".{folder.name}.{secrets.token_hex(6)}.new")
    os.mkdir(staging, 0o777)
    return staging
