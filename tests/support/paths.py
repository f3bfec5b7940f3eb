"""Where test data lives: the project's own under tests/data, the shared corpus beside it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
DOCS = DATA / "docs"
MAIL = DATA / "mail"
NOMINATIONS = DATA / "nominations"
HOLDOUT = DATA / "criteria" / "holdout.toml"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
