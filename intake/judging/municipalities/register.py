"""The register of municipalities: which existed when, under which names and domains.

The packaged register is the project's reference list (``intake/data/gemeenten.csv``), read
once per process. Names are compared normalised (:func:`normalise_name`); a name is found
as written, without a suffix such as "(NH)", before a comma, and through its aliases.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from intake.judging.wording import fold_words

__all__ = [
    "COMMON_WORD_NAMES",
    "FUZZY_MIN_LETTERS",
    "Match",
    "Municipality",
    "MunicipalityRef",
    "Register",
    "normalise_name",
]

FUZZY_MIN_LETTERS = 7
"""A name needs this many letters to be found by a near spelling."""

# fmt: off
COMMON_WORD_NAMES = frozenset(
    {
        "best", "beek", "bergen", "buren", "duiven", "ede", "epe", "goes", "grave", "haren",
        "hoorn", "houten", "huizen", "hulst", "laren", "leek", "losser", "mill", "putten",
        "sluis", "son", "stein", "voorst", "weert", "land van cuijk", "maashorst", "altena",
        "westland", "waterland",
    }
)
# fmt: on
"""Normalised names that are also Dutch words, people's names or regions."""


# --- values ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MunicipalityRef:
    """A municipality by CBS code and official name, for storing in verdicts."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Municipality:
    """One row of the register: a municipality and the days it existed."""

    code: str
    name: str
    province: str
    valid_from: date
    valid_to: date | None
    successor_code: str | None
    domains: tuple[str, ...]
    aliases: tuple[str, ...]

    def active_on(self, day: date) -> bool:
        """Whether the municipality existed on ``day`` (both ends inclusive)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def ref(self) -> MunicipalityRef:
        """The code and name alone."""
        return MunicipalityRef(self.code, self.name)


@dataclass(frozen=True, slots=True)
class Match:
    """A municipality read from a message, why, how sure, and the text it came from."""

    municipality: Municipality
    reason: str
    confidence: float
    evidence: str
    strong: bool = False
    """Named by a nominating cue (a nominating phrase or subject, a self-nomination), not
    only mentioned or inferred from who sent it."""
    in_subject: bool = False
    """Found in the subject (of a reply: the subject of the mail replied to)."""


# --- names -----------------------------------------------------------------------------

_SUFFIX_RE = re.compile(r"\s*\([^)]*\)\s*$")


def normalise_name(name: str) -> str:
    """A name as the register compares it: 'Gemeente Súdwest-Fryslân' → 'sudwest fryslan'."""
    words = fold_words(name)
    if len(words) > 1 and words[0] == "gemeente":
        words = words[1:]
    return " ".join(words)


def _name_keys(name: str) -> set[str]:
    """The keys one name is found under: as written, without "(NH)", before a comma."""
    keys = {normalise_name(name), normalise_name(_SUFFIX_RE.sub("", name))}
    if "," in name:
        keys.add(normalise_name(name.split(",", 1)[0]))
    keys.discard("")
    return keys


# --- the register ----------------------------------------------------------------------


def _parse_row(row: Mapping[str, str]) -> Municipality:
    def items(column: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in (row.get(column) or "").split(";") if part.strip())

    valid_to = (row.get("valid_to") or "").strip()
    return Municipality(
        code=row["code"].strip(),
        name=row["name"].strip(),
        province=row["province"].strip(),
        valid_from=date.fromisoformat(row["valid_from"].strip()),
        valid_to=date.fromisoformat(valid_to) if valid_to else None,
        successor_code=(row.get("successor_code") or "").strip() or None,
        domains=tuple(domain.lower() for domain in items("domains")),
        aliases=items("aliases"),
    )


class Register:
    """The municipalities, looked up by code, name or alias, and domain; loaded once."""

    def __init__(self, municipalities: Iterable[Municipality]) -> None:
        self._by_code = {m.code: m for m in municipalities}
        self._names: dict[str, dict[str, bool]] = {}  # key → {code: found through an alias}
        self._domains: dict[str, list[str]] = {}
        for m in self._by_code.values():
            self._index(m)
        self.prefixes = frozenset(
            " ".join(words[:size])
            for words in (key.split(" ") for key in self._names)
            for size in range(1, len(words) + 1)
        )
        """Every key and every start of a key in words: 'de', 'de ronde', 'de ronde venen'."""
        self._fuzzy_keys: dict[date, list[str]] = {}

    def _index(self, m: Municipality) -> None:
        official = _name_keys(m.name)
        for alias in m.aliases:  # 'Hengelo (O.)' is a spelling of 'Hengelo', 'Den Bosch' not
            if _name_keys(alias) & official:
                official |= _name_keys(alias)
        for key in official:
            self._names.setdefault(key, {})[m.code] = False
        for alias in m.aliases:
            for key in _name_keys(alias) - official:
                self._names.setdefault(key, {}).setdefault(m.code, True)
        for domain in m.domains:
            self._domains.setdefault(domain, []).append(m.code)

    @classmethod
    def load(cls) -> Register:
        """The packaged register (``intake/data/gemeenten.csv``), read once per process."""
        return _packaged_register()

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> Register:
        """A register from CSV-like rows with the columns of ``gemeenten.csv``."""
        return cls(_parse_row(row) for row in rows)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Municipality]:
        return iter(self._by_code.values())

    def by_code(self, code: str) -> Municipality | None:
        """The municipality with this CBS code ('GM0344'), active or not."""
        return self._by_code.get(code.strip().upper())

    def active_on(self, day: date) -> tuple[Municipality, ...]:
        """The municipalities that existed on ``day``."""
        return tuple(m for m in self._by_code.values() if m.active_on(day))

    def by_name(self, name: str, day: date | None = None) -> tuple[Municipality, ...]:
        """Municipalities with this name or alias (normalised); several if it is ambiguous."""
        return tuple(m for m, _ in self.lookup(normalise_name(name), day))

    def by_domain(self, domain: str, day: date | None = None) -> tuple[Municipality, ...]:
        """Municipalities that list exactly this domain."""
        codes = self._domains.get(domain.strip().lower().rstrip("."), [])
        return tuple(m for m in map(self._by_code.__getitem__, codes) if _alive(m, day))

    def lookup(self, key: str, day: date | None) -> list[tuple[Municipality, bool]]:
        """(municipality, found through an alias) for a normalised key."""
        found = self._names.get(key, {})
        pairs = [(self._by_code[code], alias) for code, alias in found.items()]
        return [(m, alias) for m, alias in pairs if _alive(m, day)]

    def fuzzy_keys(self, day: date) -> list[str]:
        """The keys of the municipalities active on ``day`` long enough for fuzzy matching."""
        if day not in self._fuzzy_keys:
            self._fuzzy_keys[day] = [
                key
                for key, codes in self._names.items()
                if len(key) >= FUZZY_MIN_LETTERS
                and key not in COMMON_WORD_NAMES
                and any(self._by_code[code].active_on(day) for code in codes)
            ]
        return self._fuzzy_keys[day]


def _alive(m: Municipality, day: date | None) -> bool:
    return day is None or m.active_on(day)


@cache
def _packaged_register() -> Register:
    data = resources.files("intake").joinpath("data/gemeenten.csv").read_text("utf-8")
    return Register.from_rows(csv.DictReader(io.StringIO(data)))
