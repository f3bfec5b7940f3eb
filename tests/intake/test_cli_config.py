"""The config as a coordinator meets it through the installed ``intake``: the example
``intake init`` writes, and the message when the file is wrong, in their language."""

from __future__ import annotations

import tomllib

import pytest

ENGLISH = (
    "The name of the call",
    "Every key below is read",
    "Left out:",
    "One of",
    "To set your own",
    "Where filed messages are kept",
)
"""Sentences of the English example: none of them belongs in the Dutch one."""

DUTCH = (
    "De naam van de oproep",
    "Elke sleutel hieronder wordt bij het starten gelezen",
    "Niet opgegeven: de drie van de oproep van 2017.",
    'Een van "tls", "starttls", "none".',
    "Waar gearchiveerde berichten worden bewaard.",
)


@pytest.fixture
def intake(installed):
    """Run the installed ``intake`` console script."""
    return installed.run


def comments(text: str) -> str:
    """The comment lines of a config file, joined as one text."""
    lines = (line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    return " ".join(lines)


def test_init_writes_the_example_in_dutch_and_it_loads(tmp_path, intake):
    result = intake("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert "Voorbeeldconfiguratie geschreven naar intake.toml" in result.stdout.decode()
    text = (tmp_path / "intake.toml").read_text(encoding="utf-8")
    written = comments(text)
    for sentence in DUTCH:
        assert sentence in written
    for sentence in ENGLISH:
        assert sentence not in written
    for word in ("the", "and", "with", "when", "which", "each", "this"):
        assert f" {word} " not in f" {written} ", word
    assert tomllib.loads(text)["campaign"]["language"] == "nl"
    assert all(len(line) <= 88 for line in text.splitlines())
    listed = intake("list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr.decode()


def test_init_with_lang_en_writes_the_example_in_english(tmp_path, intake):
    result = intake("--lang", "en", "init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    text = (tmp_path / "intake.toml").read_text(encoding="utf-8")
    written = comments(text)
    for sentence in ENGLISH:
        assert sentence in written
    for sentence in DUTCH:
        assert sentence not in written
    assert tomllib.loads(text)["campaign"]["language"] == "en"
    listed = intake("list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr.decode()


def test_a_wrong_key_is_told_in_dutch_naming_key_and_file(tmp_path, intake):
    assert intake("init", cwd=tmp_path).returncode == 0
    path = tmp_path / "intake.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("max_pages = 1\n", "max_pages = 0\n", 1), encoding="utf-8")
    result = intake("list", "--config", path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"Configuratiefout: {path}: campaign.max_pages: moet groter zijn dan nul, niet 0"
    )
    assert result.stdout == b""
    english = intake("--lang", "en", "list", "--config", path)
    assert english.returncode == 2
    assert english.stderr.decode().strip() == (
        f"Configuration error: {path}: campaign.max_pages: must be greater than zero, got 0"
    )


def test_broken_toml_is_told_by_line_and_column_in_dutch(tmp_path, intake):
    path = tmp_path / "intake.toml"
    path.write_text('[campaign]\nname = "Koplopers\n', encoding="utf-8")
    result = intake("list", "--config", path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"Configuratiefout: {path}: geen geldige TOML op regel 2, kolom 18"
    )


def test_an_unknown_key_is_told_in_dutch(tmp_path, intake):
    assert intake("init", cwd=tmp_path).returncode == 0
    path = tmp_path / "intake.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[mailbox]\n", '[mailbox]\nhots = "x"\n', 1), encoding="utf-8")
    result = intake("list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "Configuratiefout: intake.toml: mailbox.hots: onbekende sleutel (controleer de spelling)"
    )
