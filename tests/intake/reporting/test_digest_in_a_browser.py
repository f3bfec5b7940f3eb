"""The digest as people see it: rendered by a real headless Chromium at a phone's width
(375 px) and a desktop mail client's (1024 px). Nothing may overflow sideways and the
counts must be visible. The screenshots are kept under ``tests/artifacts/``."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from tests.intake.reporting.test_digest import HOSTILE_NAME, HOSTILE_SUBJECT, first_batch
from tests.support.browser import BrowserMissing, chromium, layout, visible_text
from tests.support.inbox import TRUST, arriving, nomination_mail, write
from tests.support.mail import DEADLINE
from tests.support.paths import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser():
    try:
        with chromium() as session:
            yield session
    except BrowserMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have a browser: {exc}")
        pytest.skip(str(exc))


def test_the_digest_fits_a_phone_and_a_desktop(tmp_path, installed, browser):
    config = tmp_path / "intake.toml"
    config.write_text(
        f"""
[campaign]
name = "Koplopers Cliëntondersteuning"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"
[store]
url = "sqlite:///{tmp_path / "intake.sqlite3"}"
{TRUST}
""",
        encoding="utf-8",
    )
    mail = tmp_path / "mail"
    long_word = "Cliëntondersteuningsverbeterprogrammadocumentatie" * 6
    files = [
        *first_batch(mail),
        write(
            mail,
            "long",
            nomination_mail(
                "Amersfoort",
                sender="wmo@amersfoort.nl",
                subject=f"Voordracht {long_word} https://example.nl/{'a' * 180}",
                extra=f"Zie ook {long_word}.",
            ),
        ),
        write(
            mail,
            "hostile",
            arriving(
                sender="wmo@utrecht.nl",
                name=HOSTILE_NAME,
                subject=HOSTILE_SUBJECT,
                body="Wij dragen de gemeente Utrecht voor als koploper cliëntondersteuning.",
                received=DEADLINE - timedelta(hours=3),
            ),
        ),
    ]
    assert installed.run("--config", config, "import", *files).returncode == 0
    page = tmp_path / "digest.html"
    made = installed.run("--config", config, "digest", "--out", page)
    assert made.returncode == 0, made.stderr.decode()

    for width in (375, 1024):
        shot = ARTIFACTS / f"digest-{width}.png"
        seen = layout(browser, page, width, shot)
        assert seen.scroll_width <= width, seen.overflowing
        assert not seen.overflowing
        counts = visible_text(browser, "#counts")
        assert "ontvangen" in counts and "voordrachten" in counts and "te laat" in counts
        assert "6" in counts  # six received
        assert "Gesloten sinds" in visible_text(browser, "#state")
        assert (
            "<script>alert(1)</script>"
            in visible_text(browser, "#attention")
            + visible_text(browser, "#nominations")
            + browser.find_element("css selector", "body").text
        )
        assert browser.execute_script("return document.scripts.length") == 0
        assert browser.execute_script("return document.images.length") == 0
        assert shot.stat().st_size > 10_000
