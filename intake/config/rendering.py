"""The declaration, written out for people: the example config and the README's tables."""

from __future__ import annotations

import textwrap
import typing
from typing import Literal

from intake.config.keys import Declared, keys_of, phrase, section_doc, sections, toml_value
from intake.config.settings import Settings
from intake.language import Language

WIDTH = 88
"""Lines of the example config are at most this long, where words allow."""

_HEADER = (
    'intake configuration — the call "Koplopers Cliëntondersteuning" (2017) as the example.',
    "Every key below is read at start-up; a wrong or unknown key stops intake with a message "
    "naming the key and this file. Secrets never go in this file: see mailbox.password_env. "
    "A key left out takes its default; keys shown commented out are optional.",
)

REFERENCE_START = "<!-- config-reference:start -->"
REFERENCE_END = "<!-- config-reference:end -->"


def example_config(lang: Language | None = None) -> str:
    """The commented config that ``intake init`` writes: the 2017 call as the example."""
    lines = [line for paragraph in _HEADER for line in _comment(paragraph)]
    for section in sections(Settings):
        lines += ["", *_comment(section.doc), f"[{section.name}]"]
        for declared in keys_of(section.cls):
            if declared.table is not None:
                lines += _tables_example(section.name, declared)
                continue
            lines += _comment(declared.key.description + _choices(declared))
            assignment = f"{declared.name} = {toml_value(declared.example)}"
            lines.append(f"# {assignment}" if declared.key.commented else assignment)
    return "\n".join(lines) + "\n"


def _tables_example(section: str, declared: Declared) -> list[str]:
    """An array of tables, commented out: one example table, each key described."""
    assert declared.table is not None
    header = f"[[{section}.{declared.name}]]"
    lines = _comment(
        f"{declared.key.description} Left out: {declared.key.default_text}. To set your "
        f"own, add one table per criterion here, at the end of [{section}]:"
    )
    lines.append(f"# {header}")
    for key in keys_of(declared.table):
        lines += [f"# {line}" for line in _comment(key.key.description)]
        lines.append(f"# {key.name} = {toml_value(key.example)}")
    return lines


def _choices(declared: Declared) -> str:
    if typing.get_origin(declared.type) is not Literal:
        return ""
    return " One of " + ", ".join(toml_value(c) for c in typing.get_args(declared.type)) + "."


def _comment(text: str) -> list[str]:
    wrapped = textwrap.wrap(text, WIDTH - 2, break_long_words=False, break_on_hyphens=False)
    return [f"# {line}" for line in wrapped]


def reference_markdown() -> str:
    """The README's tables of every key, one per section, from the declaration."""
    blocks = []
    for section in sections(Settings):
        declared = keys_of(section.cls)
        blocks.append(_table(f"[{section.name}]", section.doc, declared, section.name))
        for key in declared:
            if key.table is not None:
                title = f"[[{section.name}.{key.name}]]"
                doc = section_doc(key.table)
                blocks.append(_table(title, doc, keys_of(key.table), section.name))
    return "\n".join(blocks)


def _table(title: str, doc: str, declared: tuple[Declared, ...], section: str) -> str:
    rows = [
        f"### `{title}`",
        "",
        doc,
        "",
        "| key | value | default | meaning |",
        "|---|---|---|---|",
    ]
    for key in declared:
        if key.table is not None:
            name, value = f"`[[{section}.{key.name}]]`", "tables, below"
        else:
            name, value = f"`{key.name}`", phrase(key)
        cells = (name, value, _default(key), key.key.description)
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def _default(declared: Declared) -> str:
    if declared.required:
        return "required"
    if declared.key.default_text is not None:
        return declared.key.default_text
    return f"`{toml_value(declared.default)}`"


def with_reference(readme: str) -> str:
    """``readme`` with the text between the reference markers made anew."""
    start = readme.index(REFERENCE_START) + len(REFERENCE_START)
    end = readme.index(REFERENCE_END, start)
    return f"{readme[:start]}\n{reference_markdown()}{readme[end:]}"
