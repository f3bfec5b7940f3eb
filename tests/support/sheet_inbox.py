"""An inbox for the jury's outputs: real nominations, a revision, a late one, the mail
around them, and one built to turn spreadsheet cells into formulas."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from intake.config import Settings
from intake.presenting.nominations import Nomination, load_nominations
from intake.reading.pending import read_pending
from intake.receiving.backfill import import_paths
from store import Store
from tests.support.paths import NOMINATIONS
from tests.support.settings import call_settings

FILES = (
    "01-utrecht-college-outlook.eml",  # Utrechtse Heuvelrug, on time
    "02-zeist-adviesraad-gmail.eml",  # Zeist, on time
    "06-kromme-rijn-joint-html-table.eml",  # Bunnik, Houten and Wijk bij Duurstede
    "19-soest-first-version.eml",  # Baarn, superseded by the next
    "20-soest-revised-version.eml",  # Baarn, the version that counts
    "18-groningen-hour-late.eml",  # Haren, 1 hour and 3 minutes late
    "28-goes-wmo-raad-question.eml",  # correspondence
    "24-exchange-out-of-office.eml",  # auto-reply
)
HOSTILE_NAME = "40-hostile.eml"

HOSTILE_SUBJECT = '=HYPERLINK("http://evil","x")'
HOSTILE_SENDER = "+cmd|' /C calc'!A0"
HOSTILE_BELL = "\x07"
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_SUM = "@SUM(1)"

HOSTILE = (
    "Return-Path: <wmoraad.ede@gmail.com>\r\n"
    "Delivered-To: koplopers@vng.example\r\n"
    "Received: from mail-wr0-f170.google.com (mail-wr0-f170.google.com [209.85.128.170])\r\n"
    "\tby mx.vng.example (Postfix) with ESMTPS id 9F8E7D6C5B\r\n"
    "\tfor <koplopers@vng.example>; Wed, 31 May 2017 11:20:00 +0200 (CEST)\r\n"
    f'From: "{HOSTILE_SENDER}" <wmoraad.ede@gmail.com>\r\n'
    "To: koplopers@vng.example\r\n"
    f"Subject: {HOSTILE_SUBJECT}{HOSTILE_BELL}\r\n"
    "Date: Wed, 31 May 2017 11:19:40 +0200\r\n"
    "Message-ID: <hostile-40@mail.gmail.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Geachte jury,\r\n"
    "\r\n"
    "Hierbij dragen wij de gemeente Ede voor als koploper cliëntondersteuning.\r\n"
    "\r\n"
    f"{HOSTILE_SCRIPT} In Ede staat cliëntondersteuning twee keer per jaar op de agenda "
    "van de gemeenteraad en de Wmo-raad.\r\n"
    f"{HOSTILE_SUM} De gemeente ontwikkelt haar aanpak samen met cliënten, professionals "
    f"en vrijwilligers.{HOSTILE_BELL}\r\n"
    "\r\n"
    "Met vriendelijke groet,\r\n"
    "Wmo-raad Ede\r\n"
).encode()


def write_inbox(folder: Path) -> list[Path]:
    """The inbox's files in ``folder``, in the order they are to be imported."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [Path(shutil.copy(NOMINATIONS / name, folder / name)) for name in FILES]
    hostile = folder / HOSTILE_NAME
    hostile.write_bytes(HOSTILE)
    return [*paths, hostile]


def read_inbox(folder: Path, **sections: dict[str, Any]) -> tuple[Settings, list[Nomination]]:
    """The inbox filed and read as ``intake import`` does, in a store in ``folder``: the
    settings (the 2017 call, with ``sections`` added) and the read model."""
    settings = call_settings(folder, **sections)
    with Store.open(settings.store.url) as store:
        import_paths(settings, store, write_inbox(folder / "mail"))
        read_pending(settings, store)
        return settings, load_nominations(store, settings.campaign)
