"""Hundreds of real, often hostile, messages through the installed ``intake`` as a Dutch
coordinator meets them: ``import`` a folder of them, ``list`` them all, ``show`` a sample.
No traceback, no internal error, no English sentence of the program, no Python name."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from intake.language import LOCALE_DIR
from tests.scenarios.test_corpus import corpus_files
from tests.support.paths import CORPUS

PYTHON_NAMES = re.compile(
    r"\b[A-Z][A-Za-z]+(?:Error|Exception|Defect|Incorrect|Warning)\b|\bb'|Traceback|\bNone\b"
)


def _english_fragments() -> set[str]:
    """Pieces of the program's English texts long enough to be unmistakable."""
    with (LOCALE_DIR / "nl" / "LC_MESSAGES" / "intake.po").open("rb") as handle:
        catalog = read_po(handle)
    fragments = set()
    for entry in catalog:
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for english in ids:
            for piece in re.split(r"\{[a-z_]+\}|%\(?[a-z_]*\)?[sr]", english or ""):
                piece = piece.strip(" .,:;()")
                if len(piece) >= 14 and not any(piece in dutch for dutch in strings):
                    fragments.add(piece)
    return fragments


def as_mail(relpath: str, data: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = "Afdeling Wmo <wmo@gemeente-voorbeeld.nl>"
    message["Subject"] = "Voordracht (bijlage)"
    message["Date"] = "Thu, 01 Jun 2017 12:00:00 +0200"
    message.set_content("Zie de bijlage.")
    message.add_attachment(
        data, maintype="application", subtype="octet-stream", filename=Path(relpath).name
    )
    return bytes(message)


@pytest.fixture(scope="module")
def corpus_archive(installed, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus-nl")
    inbox = folder / "inbox"
    inbox.mkdir()
    for number, (relpath, category) in enumerate(corpus_files()):
        data = (CORPUS / relpath).read_bytes()
        raw = data if category == "email" else as_mail(relpath, data)
        (inbox / f"{number:04d}.eml").write_bytes(raw)
    config = folder / "intake.toml"
    config.write_text(
        '[campaign]\nname = "Koplopers Cliëntondersteuning"\n'
        'deadline = "2017-06-01T17:00:00"\ntimezone = "Europe/Amsterdam"\n'
        f'[store]\nurl = "sqlite:///{folder / "intake.sqlite3"}"\n',
        encoding="utf-8",
    )
    result = installed.run("--config", config, "-q", "import", inbox, timeout=900)
    assert result.returncode in (0, 5), result.stderr
    assert b"Traceback" not in result.stderr and b"Interne fout" not in result.stderr
    return config, result


def test_hundreds_of_real_messages_read_in_dutch_only(installed, corpus_archive):
    config, imported = corpus_archive
    english = _english_fragments()
    assert len(english) > 100
    listed = installed.run("--config", config, "list", env={"COLUMNS": "160"})
    assert listed.returncode == 0, listed.stderr
    rows = re.findall(r"^(KCO-\d{4})", listed.stdout.decode(), re.MULTILINE)
    assert len(rows) >= 400
    outputs = [imported.stdout.decode(), imported.stderr.decode(), _program_words(listed)]
    for ref in rows[::12]:
        shown = installed.run("--config", config, "show", ref)
        assert shown.returncode == 0, (ref, shown.stderr)
        outputs.append(_program_words(shown))
        assert not PYTHON_NAMES.search(_problem_lines(shown)), ref
    found = {fragment for text in outputs for fragment in english if fragment in text}
    assert found == set()
    assert not any("Traceback" in text or "Interne fout" in text for text in outputs)


def _program_words(result) -> str:
    """The labels, verdicts, legend and counts: what the program writes, not the mails."""
    lines = []
    for line in result.stdout.decode().splitlines():
        if line.startswith("KCO-") or line.startswith("      “"):
            continue
        label, _, value = line.partition(":")
        lines.append(label if value and not line.startswith(" ") else line)
    return "\n".join(lines) + result.stderr.decode()


def _problem_lines(result) -> str:
    text = result.stdout.decode()
    return text[text.index("Problemen:") :] if "Problemen:" in text else ""
