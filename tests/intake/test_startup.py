"""Commands that only list, show or poll start without the libraries that write for people
(Jinja2, css-inline, reportlab, openpyxl): those load when digest, close or export run."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT

WRITERS = ("jinja2", "css_inline", "reportlab", "openpyxl")


def test_the_command_line_starts_without_the_writers():
    probe = f"import sys, intake.cli\nprint(sorted(m for m in {WRITERS!r} if m in sys.modules))\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
