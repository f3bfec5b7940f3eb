"""The language people read: texts from the gettext catalogs, and dates, durations,
sizes and numbers written as people write them.

Texts are written in the code in English, with ``{name}`` placeholders, and marked for the
catalog: ``lang._("Reference")`` where a :class:`Language` is at hand, ``N_("...")`` where
the text is chosen before the language is known (a table of problem sentences, an
exception raised deep down).  ``make catalogs`` extracts the marked texts with Babel into
``intake/locale/intake.pot``, updates ``intake/locale/nl/LC_MESSAGES/intake.po`` from it and
compiles the ``.mo`` that is shipped; English needs no catalog, its texts are the ids.

Dutch is the default.  A text is translated first and filled in after, so a value (a
file name, a subject) is never looked up in the catalog.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
from collections.abc import Mapping
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "intake"

_DATE_TIME = "EEEE d MMMM y HH:mm"
"""``donderdag 1 juni 2017 17:00``: how a coordinator writes a moment."""
_DATE_TIME_SECONDS = "EEEE d MMMM y HH:mm:ss"
_SHORT = "d MMM y HH:mm"
"""``1 jun 2017 17:00``: for a column."""
_SHORTER = "d MMM HH:mm"
"""``1 jun 17:00``: for a column of one year."""


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now."""
    return message


class Language:
    """Texts and formats in one language, for times in one time zone."""

    def __init__(self, code: str = DEFAULT_LANGUAGE, zone: tzinfo | None = None):
        code = code.strip().lower()
        self.code = code if code in LANGUAGES else DEFAULT_LANGUAGE
        self.zone = zone or ZoneInfo("Europe/Amsterdam")
        self._catalog: gettext.NullTranslations
        if self.code == "en":
            self._catalog = gettext.NullTranslations()
        else:
            self._catalog = gettext.translation(DOMAIN, LOCALE_DIR, [self.code])

    # --- texts ------------------------------------------------------------------------

    def _(self, message: str, /, **values: object) -> str:
        """``message`` (English, marked) in this language, with ``values`` filled in."""
        text = self._catalog.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The singular or plural of a text, as this language counts ``count``."""
        text = self._catalog.ngettext(singular, plural, count)
        return text.format(count=self.number(count), **values)

    def translate_argparse(self) -> None:
        """Make argparse's own texts (``usage:``, its errors) speak this language.

        argparse looks its texts up through the module-level names ``_`` and ``ngettext``
        it imported from gettext; they are pointed at this catalog, which holds them.
        """
        argparse._ = self._catalog.gettext  # type: ignore[attr-defined]
        argparse.ngettext = self._catalog.ngettext  # type: ignore[attr-defined]

    # --- formats ------------------------------------------------------------------------

    def datetime(self, moment: dt.datetime, *, seconds: bool = False) -> str:
        """``donderdag 1 juni 2017 17:00`` in the call's time zone."""
        pattern = _DATE_TIME_SECONDS if seconds else _DATE_TIME
        return format_datetime(moment, pattern, tzinfo=self.zone, locale=self.code)

    def short_datetime(self, moment: dt.datetime, *, year: bool = True) -> str:
        """``1 jun 2017 17:00`` (``1 jun 17:00`` without the year): a moment in a column."""
        pattern = _SHORT if year else _SHORTER
        text = format_datetime(moment, pattern, tzinfo=self.zone, locale=self.code)
        return text.replace(".", "")

    def duration(self, seconds: int | float) -> str:
        """``1 dag en 16 uur``, ``5 minuten en 3 seconden``, ``40 seconden``: the two
        largest units, as a person says how late something was."""
        amounts = _units(seconds)
        first = next((i for i, amount in enumerate(amounts) if amount), len(amounts) - 1)
        parts = [
            self._unit(index, amounts[index])
            for index in range(first, min(first + 2, len(amounts)))
            if amounts[index] or index == len(amounts) - 1 == first
        ]
        if len(parts) == 2:
            return self._("{first} and {second}", first=parts[0], second=parts[1])
        return parts[0]

    def _unit(self, index: int, amount: int) -> str:
        if index == 0:
            return self.ngettext("{count} day", "{count} days", amount)
        if index == 1:
            return self.ngettext("{count} hour", "{count} hours", amount)
        if index == 2:
            return self.ngettext("{count} minute", "{count} minutes", amount)
        return self.ngettext("{count} second", "{count} seconds", amount)

    def short_duration(self, seconds: int | float) -> str:
        """``1d 16u``, ``5m 3s``: the two largest units, for a column."""
        amounts = _units(seconds)
        signs = (self._("{count}d"), self._("{count}h"), self._("{count}m"), self._("{count}s"))
        first = next((i for i, amount in enumerate(amounts) if amount), len(amounts) - 1)
        shown = [
            signs[i].format(count=amounts[i])
            for i in range(first, min(first + 2, len(amounts)))
            if amounts[i] or i == first
        ]
        return " ".join(shown)

    def size(self, size: int) -> str:
        """``2,4 MB``, ``830 kB``, ``512 bytes``: a size as a file manager shows it
        (decimal units)."""
        if size < 1000:
            return self.ngettext("{count} byte", "{count} bytes", size)
        value = float(size)
        for unit in ("kB", "MB", "GB", "TB"):
            value /= 1000
            if value < 999.95 or unit == "TB":
                break
        number = format_decimal(value, "#,##0.#" if value < 100 else "#,##0", locale=self.code)
        return f"{number} {unit}"

    def number(self, value: int | float) -> str:
        """``1.234`` in Dutch, ``1,234`` in English."""
        return format_decimal(value, locale=self.code)

    def join(self, items: list[str]) -> str:
        """``a, b en c``."""
        if len(items) <= 1:
            return "".join(items)
        return self._("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def _units(seconds: int | float) -> tuple[int, int, int, int]:
    """Days, hours, minutes and seconds of a duration."""
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    return days, hours, minutes, secs


def catalog_messages(code: str) -> Mapping[str, str]:
    """Every id of a language's compiled catalog and its text (for tests and tools)."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    return dict(catalog._catalog)  # type: ignore[attr-defined]
