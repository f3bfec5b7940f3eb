"""The declaration, written out for people: the example config and the README's tables.

The example that ``intake init`` writes speaks the reader's language: its header, each
section's and key's description and the sentences around them come from the catalogs.
The README's tables are written in English from the same declarations.
"""

from __future__ import annotations

import re
import textwrap
import typing
from typing import Literal

from intake.config.keys import Declared, about, keys_of, phrase, sections, toml_value
from intake.config.settings import Settings
from intake.language import N_, Language

WIDTH = 88
"""Lines of the example config are at most this long, where words allow."""

_HEADER = (
    N_('intake configuration — the call "Koplopers Cliëntondersteuning" (2017) as the example.'),
    N_(
        "Every key below is read at start-up; a wrong or unknown key stops intake with a "
        "message naming the key and this file. Secrets never go in this file: see "
        "mailbox.password_env. A key left out takes its default; keys shown commented out "
        "are optional."
    ),
)

_LANGUAGE_KEY = ("campaign", "language")
"""The key that says which language people read: the example sets the one it is written in."""

REFERENCE_START = "<!-- config-reference:start -->"
REFERENCE_END = "<!-- config-reference:end -->"


def example_config(lang: Language | None = None) -> str:
    """The commented config that ``intake init`` writes, in ``lang`` (default Dutch): the
    2017 call as the example."""
    lang = lang or Language()
    lines = [line for paragraph in _HEADER for line in _comment(lang._(paragraph))]
    for section in sections(Settings):
        lines += ["", *_comment(lang._(section.description)), f"[{section.name}]"]
        for declared in keys_of(section.cls):
            if declared.table is not None:
                lines += _tables_example(section.name, declared, lang)
                continue
            lines += _comment(_described(declared, lang))
            written = lang.code if (section.name, declared.name) == _LANGUAGE_KEY else None
            assignment = f"{declared.name} = {toml_value(written or declared.example)}"
            lines.append(f"# {assignment}" if declared.key.commented else assignment)
    return "\n".join(lines) + "\n"


def _described(declared: Declared, lang: Language) -> str:
    """A key's description in ``lang``; its choices, and its default where the example
    written below it is not the default."""
    sentences = [lang._(declared.key.description)]
    if typing.get_origin(declared.type) is Literal:
        choices = ", ".join(toml_value(c) for c in typing.get_args(declared.type))
        sentences.append(lang._("One of {choices}.", choices=choices))
    shows_other = declared.example != declared.default and not declared.key.commented
    if declared.key.default_text is not None and shows_other:
        sentences.append(lang._("Left out: {default}.", default=_default_text(declared, lang)))
    return " ".join(sentences)


def _default_text(declared: Declared, lang: Language) -> str:
    assert declared.key.default_text is not None
    return lang._(declared.key.default_text, default=declared.default)


def _tables_example(section: str, declared: Declared, lang: Language) -> list[str]:
    """An array of tables, commented out: one example table, each key described."""
    assert declared.table is not None
    header = f"[[{section}.{declared.name}]]"
    sentences = (
        lang._(declared.key.description),
        lang._("Left out: {default}.", default=_default_text(declared, lang)),
        lang._(
            "To set your own, add one table per criterion here, at the end of [{section}]:",
            section=section,
        ),
    )
    lines = _comment(" ".join(sentences))
    lines.append(f"# {header}")
    for key in keys_of(declared.table):
        lines += _comment(lang._(key.key.description), prefix="# # ")
        lines.append(f"# {key.name} = {toml_value(key.example)}")
    return lines


_CODE = re.compile(r"`[^`]*`")
_KEPT_SPACE = "\0"
"""Stands for a space inside `code` while the text is wrapped: code is never split."""


def _comment(text: str, prefix: str = "# ") -> list[str]:
    """``text`` as comment lines of at most :data:`WIDTH` characters, where words allow."""
    kept = _CODE.sub(lambda code: code[0].replace(" ", _KEPT_SPACE), text)
    wrapped = textwrap.wrap(
        kept, WIDTH - len(prefix), break_long_words=False, break_on_hyphens=False
    )
    return [prefix + line.replace(_KEPT_SPACE, " ") for line in wrapped]


# --- the README --------------------------------------------------------------------------

_ENGLISH = Language("en")
"""The README is written in English."""


def reference_markdown() -> str:
    """The README's tables of every key, one per section, from the declaration, in English."""
    blocks = []
    for section in sections(Settings):
        declared = keys_of(section.cls)
        blocks.append(_table(f"[{section.name}]", section.description, declared, section.name))
        for key in declared:
            if key.table is not None:
                title = f"[[{section.name}.{key.name}]]"
                blocks.append(_table(title, about(key.table), keys_of(key.table), section.name))
    return "\n".join(blocks)


def _table(title: str, description: str, declared: tuple[Declared, ...], section: str) -> str:
    rows = [
        f"### `{title}`",
        "",
        _ENGLISH._(description),
        "",
        "| key | value | default | meaning |",
        "|---|---|---|---|",
    ]
    for key in declared:
        if key.table is not None:
            name, value = f"`[[{section}.{key.name}]]`", "tables, below"
        else:
            name, value = f"`{key.name}`", phrase(key)
        cells = (name, value, _default(key), _ENGLISH._(key.key.description))
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def _default(declared: Declared) -> str:
    if declared.required:
        return "required"
    if declared.key.default_text is not None:
        return _default_text(declared, _ENGLISH)
    return f"`{toml_value(declared.default)}`"


def with_reference(readme: str) -> str:
    """``readme`` with the text between the reference markers made anew."""
    start = readme.index(REFERENCE_START) + len(REFERENCE_START)
    end = readme.index(REFERENCE_END, start)
    return f"{readme[:start]}\n{reference_markdown()}{readme[end:]}"
