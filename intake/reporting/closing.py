"""``intake close``: when the call has closed, everything the coordinator and the jury need,
in one folder, and again whenever it is run.

The folder gets the final digest (HTML and text), the jury dossier (PDF), the scoring
sheet (XLSX) and, in a folder beside them, the original documents of the nominations in
the dossier, named by reference.  Each file is replaced whole (a reader sees the old one
or the new), the documents folder as one: a nomination that no longer counts leaves no
file behind.  The final digest is made last and recorded like any other, so a later
digest says what came in after the close.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from intake.config import Settings
from intake.errors import IntakeError
from intake.language import N_, Language
from intake.presenting.nominations import load_nominations
from intake.reporting.delivery import Delivered, deliver_digest
from intake.reporting.dossier import DossierReport, copy_originals, write_dossier
from intake.reporting.files import cannot_write, new_folder_beside
from intake.reporting.scoring_sheet import SheetReport, write_scoring_sheet
from intake.sending.smtp import Retry
from store import Store

FINAL_DIGEST = N_("final-digest")
DOSSIER = N_("jury-dossier")
SCORING_SHEET = N_("scoring-sheet")
DOCUMENTS = N_("documents")
"""The names of what ``intake close`` writes, in the reader's language."""


class StillOpen(IntakeError):
    """``intake close`` before the deadline, without ``--force``."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Closed:
    folder: Path
    dossier: DossierReport
    sheet: SheetReport
    documents: Path
    originals: int
    """How many original documents were written beside the dossier."""
    digest: Delivered


def close_call(
    store: Store,
    settings: Settings,
    lang: Language,
    *,
    folder: Path,
    send: bool,
    now: datetime,
    force: bool = False,
    on_retry: Callable[[Retry], None] | None = None,
) -> Closed:
    """Write the final digest, the dossier, the scoring sheet and the original documents
    into ``folder``; mail the final digest too when ``send``."""
    deadline = settings.campaign.deadline
    if now <= deadline and not force:
        raise StillOpen(
            N_(
                "the call is open until {deadline}; intake close makes the dossier once it "
                "has closed (--force makes it now, as it stands)"
            ),
            deadline=lang.datetime(deadline),
        )
    _make_folder(folder)
    items = load_nominations(store, settings.campaign, texts=True)
    documents = folder / lang._(DOCUMENTS)
    originals = _replace_folder(documents, lambda staging: copy_originals(staging, items, store))
    named = {
        ref: [f"{documents.name}/{name}" for name in names] for ref, names in originals.items()
    }
    dossier = write_dossier(
        folder / f"{lang._(DOSSIER)}.pdf",
        items,
        settings.campaign,
        lang,
        made_at=now,
        documents=named,
    )
    sheet = write_scoring_sheet(
        folder / f"{lang._(SCORING_SHEET)}.xlsx", items, settings.campaign, lang, made_at=now
    )
    digest = deliver_digest(
        store,
        settings,
        lang,
        out=folder / f"{lang._(FINAL_DIGEST)}.html",
        send=send,
        final=True,
        now=now,
        items=items,
        on_retry=on_retry,
    )
    return Closed(
        folder=folder,
        dossier=dossier,
        sheet=sheet,
        documents=documents,
        originals=sum(len(names) for names in originals.values()),
        digest=digest,
    )


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from exc


def _replace_folder(
    folder: Path, fill: Callable[[Path], dict[str, list[str]]]
) -> dict[str, list[str]]:
    """``fill`` a new folder beside ``folder``, then swap it in for the old one: a
    nomination that no longer counts leaves nothing behind."""
    try:
        staging = new_folder_beside(folder)
    except OSError as exc:
        raise cannot_write(folder, exc) from exc
    try:
        written = fill(staging)
        old = folder.with_name(f".{folder.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(staging, folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
