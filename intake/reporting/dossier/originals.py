"""The original documents of the nominations in the jury's dossier, written beside it.

For every current on-time nomination (:func:`intake.reporting.selection.jury_nominations`)
the attached documents (PDF, Word, OpenDocument, RTF, text; not images in the text, nor
signatures) are taken from the stored raw mail, byte for byte as sent, and named by
reference: ``KCO-0003.pdf``, or ``KCO-0003-1.pdf``, ``KCO-0003-2.docx`` when there are
several, the extension from what the bytes are.  A sender's file name never becomes a
path.  Documents in a mail attached to the nomination (a forwarded nomination) are found
too; those inside an archive (ZIP, Outlook files) are not unpacked here.

The contract with the caller: the folder belongs to the dossier.  The caller empties it
(or names a new one) before each run, so that a nomination that no longer counts leaves
nothing behind; :func:`copy_originals` replaces its own files, and the files of a
nomination it writes, when run again over the same folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from intake.errors import OperationalError, StoreUnavailable, os_reason
from intake.language import N_
from intake.presenting.nominations import Attachment, Nomination
from intake.presenting.saving import extension, safe_name
from intake.reporting.files import replace_file
from intake.reporting.selection import jury_nominations
from parsers.message import parse_message
from parsers.model import Kind, Part
from parsers.sniff import sniff
from store import Store, StoreError

log = logging.getLogger(__name__)

DOCUMENT_KINDS = frozenset({"pdf", "docx", "doc", "odt", "rtf", "text"})
"""The kinds of attached file that are a nomination's documents."""
MAX_DEPTH = 3
"""How deep attached mails are opened to find a document."""


def document_attachments(item: Nomination) -> list[Attachment]:
    """The attachments of a nomination that are documents, in message order."""
    return [
        attachment
        for attachment in item.attachments
        if attachment.kind in DOCUMENT_KINDS and not attachment.inline
    ]


def copy_originals(
    folder: Path, nominations: Sequence[Nomination], store: Store
) -> dict[str, list[str]]:
    """Write the original documents of the nominations that count into ``folder`` (made
    when missing); returns, per reference with documents, the file names written."""
    written: dict[str, list[str]] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for item in jury_nominations(nominations):
            names = _copy(folder, item, store)
            if names:
                written[item.ref] = names
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc
    except OSError as exc:
        log.debug("cannot write the original documents to %s", folder, exc_info=True)
        raise OperationalError(
            N_("The original documents cannot be written to {path}: {reason}."),
            path=str(folder),
            reason=os_reason(exc),
        ) from exc
    return written


def _copy(folder: Path, item: Nomination, store: Store) -> list[str]:
    wanted = document_attachments(item)
    if not wanted:
        return []
    raw = store.raw_message(item.ref)
    if raw is None:
        log.warning("%s: the raw message is not in the store", item.ref)
        return []
    found = _files(raw, {attachment.sha256 for attachment in wanted})
    documents = [found[a.sha256] for a in wanted if a.sha256 in found]
    if len(documents) < len(wanted):
        log.info(
            "%s: %d document(s) inside archives not copied", item.ref, len(wanted) - len(documents)
        )
    stem = safe_name(item.ref) or "nomination"
    _remove_own(folder, stem)
    names = []
    for number, data in enumerate(documents, start=1):
        suffix = f"-{number}" if len(documents) > 1 else ""
        name = f"{stem}{suffix}{extension(data)}"
        replace_file(folder / name, data)
        names.append(name)
    return names


def _files(raw: bytes, wanted: set[str]) -> dict[str, bytes]:
    """The bytes of the attached files whose SHA-256 is ``wanted``, found in the mail and
    the mails attached to it."""
    found: dict[str, bytes] = {}
    level: Iterable[Part] = parse_message(raw).parts
    for _ in range(MAX_DEPTH + 1):
        deeper: list[Part] = []
        for part in level:
            digest = hashlib.sha256(part.data).hexdigest()
            if digest in wanted:
                found.setdefault(digest, part.data)
            elif part.data and sniff(part.data) is Kind.MESSAGE:
                deeper.extend(parse_message(part.data).parts)
        if len(found) == len(wanted) or not deeper:
            break
        level = deeper
    return found


def _remove_own(folder: Path, stem: str) -> None:
    """Remove what an earlier run wrote for this reference (``KCO-0003.pdf``,
    ``KCO-0003-2.docx``), and nothing else."""
    own = re.compile(rf"{re.escape(stem)}(-\d+)?\.[a-z]+")
    for entry in os.scandir(folder):
        if own.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False):
            os.unlink(entry.path)
