"""The lines ``intake import`` prints: one a file, aligned, safe, then the counts."""

from __future__ import annotations

from intake.language import Language
from intake.presenting.import_table import import_lines, import_summary
from intake.presenting.terminal import display_width
from intake.receiving.backfill import (
    EMPTY_FILE,
    LOOKS,
    NOT_A_MESSAGE,
    ImportEntry,
    ImportReport,
    Reason,
)
from parsers.mailfile import Looks

DUTCH = Language("nl")
ENGLISH = Language("en")


def report() -> ImportReport:
    return ImportReport(
        [
            ImportEntry("export/voordracht-lochem.eml", ref="KCO-0012"),
            ImportEntry("export/nog-eens.eml", ref="KCO-0003", known=True),
            ImportEntry("export/oproep.pdf", skipped=Reason(NOT_A_MESSAGE, LOOKS[Looks.PDF])),
            ImportEntry("export/archief.mbox#2", ref="KCO-0013"),
            ImportEntry("export/outlook.msg", ref="KCO-0014", left_out=1),
            ImportEntry("leeg.eml", skipped=Reason(EMPTY_FILE)),
        ]
    )


def test_a_line_for_every_file_arrows_aligned():
    lines = import_lines(report(), DUTCH, columns=100)
    assert lines == [
        "export/voordracht-lochem.eml → KCO-0012",
        "export/nog-eens.eml          → al bekend: KCO-0003",
        "export/oproep.pdf            → overgeslagen: geen e-mailbericht: dit lijkt een "
        "PDF-document",
        "export/archief.mbox#2        → KCO-0013",
        "export/outlook.msg           → KCO-0014 (1 onderdeel van het Outlook-bestand kon "
        "niet worden overgenomen)",
        "leeg.eml                     → overgeslagen: leeg bestand",
    ]


def test_in_english():
    lines = import_lines(report(), ENGLISH, columns=100)
    assert lines[1].endswith("→ already known: KCO-0003")
    assert lines[2].endswith("→ skipped: not an e-mail message: this looks like a PDF document")


def test_the_counts():
    assert import_summary(report(), DUTCH) == (
        "3 berichten geïmporteerd, 1 al bekend, 2 overgeslagen."
    )
    one = ImportReport([ImportEntry("a.eml", ref="KCO-0001")])
    assert import_summary(one, ENGLISH) == "1 message imported, 0 already known, 0 skipped."
    assert import_summary(ImportReport(), DUTCH) == (
        "0 berichten geïmporteerd, 0 al bekend, 0 overgeslagen."
    )
    assert import_lines(ImportReport(), DUTCH, columns=80) == []


def test_file_names_are_made_printable():
    hostile = ImportReport([ImportEntry("export/\x1b[2Jwis\u202escherm.eml", ref="KCO-0001")])
    (line,) = import_lines(hostile, DUTCH, columns=80)
    assert "\x1b" not in line and "\u202e" not in line
    assert line.startswith("export/␛[2Jwis")


def test_a_long_name_does_not_push_every_arrow_off_the_screen():
    long_name = "export/" + "heel-lang-" * 20 + ".eml"
    many = ImportReport(
        [ImportEntry(long_name, ref="KCO-0001"), ImportEntry("kort.eml", ref="KCO-0002")]
    )
    long_line, short_line = import_lines(many, DUTCH, columns=80)
    assert long_line == f"{long_name} → KCO-0001"
    assert short_line.index("→") == 41 and display_width(short_line) < 80
