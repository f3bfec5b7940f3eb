"""The README's command reference matches the program: every command and option."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from intake.cli import build_parser
from intake.language import Language

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Commands") : text.index("### `list --json`")]


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_is_in_the_readme():
    section = _commands_section()
    parser = build_parser(Language("en"))
    rows = {
        match.group(1): line
        for line in section.splitlines()
        if (match := re.match(r"\| `intake (\w+)", line))
    }
    commands = _subcommands(parser)
    assert set(rows) == set(commands)
    globals_line = section[section.index("Global options") :]
    for option in ("--config", "--lang", "-v", "-vv", "-q"):
        assert f"`{option}" in globals_line
    for name, sub in commands.items():
        for action in sub._actions:
            for option in action.option_strings:
                if option in (
                    "-h",
                    "--help",
                    "--config",
                    "--lang",
                    "-v",
                    "--verbose",
                    "-q",
                    "--quiet",
                ):
                    continue
                assert option in rows[name], (name, option)
