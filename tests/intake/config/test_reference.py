"""The README's key tables are made from the declaration, and kept in step with it."""

from __future__ import annotations

import difflib

import pytest

from intake.config import Settings, reference_markdown, with_reference
from intake.config.keys import keys_of, sections
from tests.support.paths import ROOT

REGENERATE = (
    ".venv/bin/python -c \"import pathlib, intake.config as c; p = pathlib.Path('README.md'); "
    "p.write_text(c.with_reference(p.read_text('utf-8')), 'utf-8')\""
)


def test_the_readme_tables_are_the_declarations():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = with_reference(readme)
    if readme != expected:
        diff = difflib.unified_diff(
            readme.splitlines(), expected.splitlines(), "README.md", "declared", lineterm=""
        )
        pytest.fail(
            "README.md's configuration tables differ from the declaration in "
            "intake/config/settings.py. Regenerate them from the repository root with\n\n"
            f"    {REGENERATE}\n\n" + "\n".join(list(diff)[:40]),
            pytrace=False,
        )


def test_every_key_has_a_row():
    reference = reference_markdown()
    for section in sections(Settings):
        assert f"### `[{section.name}]`" in reference
        for declared in keys_of(section.cls):
            if declared.table is None:
                assert f"| `{declared.name}` |" in reference, declared.name
            else:
                header = f"[[{section.name}.{declared.name}]]"
                assert f"| `{header}` |" in reference and f"### `{header}`" in reference
                for key in keys_of(declared.table):
                    assert f"| `{key.name}` |" in reference


def test_a_row_shows_type_constraint_default_and_meaning():
    rows = reference_markdown().splitlines()
    assert (
        "| `max_pages` | whole number > 0 | `1` | At most this many A4 pages per nomination. |"
        in rows
    )
    assert "| `port` | whole number, 1 to 65535 | 993 for tls, else 143 |" in "\n".join(rows)
    assert any(row.startswith('| `security` | `"tls"`, `"starttls"` or `"none"` |') for row in rows)


def test_the_readme_markers_are_replaced_and_the_rest_kept():
    text = (
        "intro\n<!-- config-reference:start -->\nstale table\n"
        "<!-- config-reference:end -->\nafter\n"
    )
    made = with_reference(text)
    assert made.startswith("intro\n<!-- config-reference:start -->\n### `[campaign]`")
    assert made.endswith("<!-- config-reference:end -->\nafter\n")
    assert "stale table" not in made
