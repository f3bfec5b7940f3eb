"""A real headless Chromium (Debian's ``chromium`` and ``chromedriver``), driven by
Selenium, for looking at what people look at: the digest as a mail client shows it.

Chromium starts with no network of its own (no background requests, no component
updates) and a fresh profile; the page is loaded from a file, at a given viewport width.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")


class BrowserMissing(RuntimeError):
    """Chromium or its driver is not installed."""


def _found(candidates: tuple[str, ...]) -> str | None:
    for name in candidates:
        path = shutil.which(name) or (name if Path(name).is_file() else None)
        if path:
            return path
    return None


@dataclass(frozen=True)
class Layout:
    """What the page looks like at one width."""

    viewport_width: int
    scroll_width: int
    """The document's width; more than the viewport means it overflows horizontally."""
    overflowing: tuple[str, ...]
    """Elements whose right edge lies beyond the viewport (tag, class and text)."""
    screenshot: Path


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium session (a ``selenium.webdriver.Chrome``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = _found(CHROMIUM), _found(CHROMEDRIVER)
    if binary is None or driver is None:
        raise BrowserMissing("Debian's chromium and chromium-driver are not installed")
    profile = tempfile.mkdtemp(prefix="intake-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=1024,900",
    ):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


_OVERFLOW = """
const width = document.documentElement.clientWidth;
const wide = [];
for (const element of document.body.querySelectorAll('*')) {
  const box = element.getBoundingClientRect();
  if (box.width > 0 && box.right > width + 1) {
    wide.push(element.tagName.toLowerCase() + '.' + element.className + ': '
              + (element.textContent || '').trim().slice(0, 60));
  }
}
return [document.documentElement.scrollWidth, width, wide.slice(0, 20)];
"""


def layout(browser: object, page: Path, width: int, screenshot: Path) -> Layout:
    """Load ``page`` at a viewport ``width`` pixels wide (as a phone or a desktop mail
    client shows it), photograph the whole page and measure what overflows."""
    driver = browser  # selenium.webdriver.Chrome
    driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(page.resolve().as_uri())  # type: ignore[attr-defined]
    scroll_width, viewport, wide = driver.execute_script(_OVERFLOW)  # type: ignore[attr-defined]
    height = driver.execute_script(  # type: ignore[attr-defined]
        "return document.documentElement.scrollHeight"
    )
    driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": min(int(height), 16000),
            "deviceScaleFactor": 1,
            "mobile": width < 600,
        },
    )
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(screenshot))  # type: ignore[attr-defined]
    return Layout(viewport, int(scroll_width), tuple(wide), screenshot)


def visible_text(browser: object, selector: str) -> str:
    """The text a person sees in the element ``selector`` (CSS), as rendered."""
    from selenium.webdriver.common.by import By

    element = browser.find_element(By.CSS_SELECTOR, selector)  # type: ignore[attr-defined]
    if not element.is_displayed():
        return ""
    return str(element.text)
