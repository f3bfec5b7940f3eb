"""Hostile mail through the installed command: the run finishes, every other message judged.

A folder of hostile messages among ordinary nominations is imported with ``intake
import``, then read again with ``intake reprocess --all``: both end with exit code 5
(done, some messages need attention) and name those messages; never "Interne fout".
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import hostile
from tests.support.install import InstalledIntake
from tests.support.mail import nomination

ORDINARY = (
    "Geachte jury,\n\nHierbij dragen wij de gemeente Zeist voor als koploper "
    "cliëntondersteuning.\n\nMet vriendelijke groet,\nWmo-raad Utrecht\n"
)
CONFIG = """\
[campaign]
name = "Koplopers Cliëntondersteuning"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"

[parsing]
time_limit_seconds = 3
"""


def test_hostile_mail_costs_only_itself(installed: InstalledIntake, tmp_path: Path):
    folder = tmp_path / "mail"
    folder.mkdir()
    hostiles = {
        "deep-nesting": hostile.deep_nesting(),
        "malformed-header": hostile.malformed_header(),
        "not-what-it-says": hostile.not_what_it_says(),
        "undecodable-content": hostile.undecodable_content(),
        "giant-body": hostile.giant_body(12),
    }
    for number, (name, raw) in enumerate(hostiles.items()):
        (folder / f"{number:02d}-{name}.eml").write_bytes(raw)
        (folder / f"{number:02d}-{name}-then-ordinary.eml").write_bytes(
            nomination(number, body=ORDINARY)
        )
    (tmp_path / "intake.toml").write_text(CONFIG, encoding="utf-8")

    imported = installed.run("import", folder, cwd=tmp_path)
    stderr = imported.stderr.decode()
    assert imported.returncode == 5, stderr
    assert "Interne fout" not in stderr

    rows = json.loads(installed.run("list", "--json", cwd=tmp_path).stdout)
    by_subject = {row["subject"]: row for row in rows}
    # The giant body took longer to judge than allowed: named as needing attention.
    assert "aandacht" in stderr and by_subject["giant-body"]["ref"] in stderr
    ordinary = [row for row in rows if row["subject"].startswith("Voordracht koploper")]
    assert len(ordinary) == len(hostiles)
    for row in ordinary:
        assert row["kind"] == "nomination" and not row["needs_attention"]
        assert [n["name"] for n in row["nominees"]] == ["Zeist"]
    giant = by_subject["giant-body"]
    assert giant["needs_attention"] and giant["kind"] is None
    assert "timed-out" in [p["code"] for p in giant["problems"]]
    assert by_subject["not-what-it-says"]["attachments"][0]["problem"]["code"] == (
        "not-as-declared"
    )

    again = installed.run("reprocess", "--all", cwd=tmp_path)
    assert again.returncode == 5, again.stderr.decode()
    assert "Interne fout" not in again.stderr.decode()
