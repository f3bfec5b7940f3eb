"""Settings for tests: the 2017 call, a database in the test's folder, and any overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intake.config import Settings, settings_from_mapping

CAMPAIGN = {
    "name": "Koplopers Cliëntondersteuning",
    "deadline": "2017-06-01T17:00:00",
    "timezone": "Europe/Amsterdam",
}


def call_settings(folder: Path, **sections: dict[str, Any]) -> Settings:
    """The 2017 call's settings with the store in ``folder``; each keyword a section's keys
    (``campaign`` adds to the call's, ``parsing={"workers": 1}``)."""
    document: dict[str, Any] = {
        "store": {"url": f"sqlite:///{folder / 'intake.sqlite3'}"},
        **sections,
        "campaign": {**CAMPAIGN, **sections.get("campaign", {})},
    }
    return settings_from_mapping(document, base_dir=folder)
