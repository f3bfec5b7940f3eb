"""What ``intake import`` did, as a person reads it: a line for every file, then counts.

::

    export/voordracht-lochem.eml   → KCO-0012
    export/voordracht-lochem-2.eml → al bekend: KCO-0003
    export/oproep.pdf              → overgeslagen: geen e-mailbericht: dit lijkt een PDF-document
    export/archief.mbox#1          → KCO-0013
    2 berichten geïmporteerd, 1 al bekend, 1 overgeslagen.

File names come from the disk and may hold anything: they are made printable first.
"""

from __future__ import annotations

from intake.language import Language
from intake.presenting.terminal import display_width, printable
from intake.receiving.backfill import ImportEntry, ImportReport

_NARROWEST_NAMES = 20


def import_lines(report: ImportReport, lang: Language, *, columns: int) -> list[str]:
    """A line ``file → outcome`` for every file and mbox message, the arrows aligned as
    far as half the width allows."""
    names = [printable(entry.source) for entry in report.entries]
    widest = max((display_width(name) for name in names), default=0)
    column = min(widest, max(_NARROWEST_NAMES, columns // 2))
    return [
        f"{name}{' ' * max(0, column - display_width(name))} → {_outcome(entry, lang)}"
        for name, entry in zip(names, report.entries, strict=True)
    ]


def import_summary(report: ImportReport, lang: Language) -> str:
    """``12 berichten geïmporteerd, 3 al bekend, 2 overgeslagen.``"""
    return lang._(
        "{imported}, {known} already known, {skipped} skipped.",
        imported=lang.ngettext(
            "{count} message imported", "{count} messages imported", len(report.filed)
        ),
        known=lang.number(report.duplicates),
        skipped=lang.number(len(report.skipped)),
    )


def _outcome(entry: ImportEntry, lang: Language) -> str:
    if entry.skipped is not None:
        return lang._("skipped: {reason}", reason=entry.skipped.told(lang))
    if entry.known:
        return lang._("already known: {ref}", ref=entry.ref)
    shown = entry.ref or "?"
    if entry.left_out:
        note = lang.ngettext(
            "{count} part of the Outlook file could not be carried over",
            "{count} parts of the Outlook file could not be carried over",
            entry.left_out,
        )
        shown = f"{shown} ({note})"
    return shown
