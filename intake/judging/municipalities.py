"""Which municipality sent a nomination, and which municipality or municipalities it nominates.

Pure: no network, no database, no clock. The day to judge on is passed in, because the set of
municipalities changes every January (Leeuwarderadeel existed on 2017-06-01, Dijk en Waard did
not). The register is the packaged copy of the project's reference list (``data/gemeenten.csv``).

Sender (:func:`sender_municipality`): the e-mail domain, or a parent domain of it
(``wmo.utrecht.nl`` → Utrecht), is looked up among the municipalities active on the day.
Free-mail and provider domains never name a municipality. A domain that several active
municipalities list (a shared service organisation) names none of them: the function returns
``None`` and the text has to decide. Confidence 0.9 for the registered domain itself, 0.85 for
a subdomain: a From address is a claim until DKIM/SPF are checked elsewhere.

Nominees (:func:`find_nominees`) are read from the subject and the text: the subject, a
title, whole; the text sentence by sentence (the sentences of :mod:`intake.judging.wording`),
each cut at its semicolons, and a cue word at the end of a line reaches into the next. A name
counts only after a cue; the confidence says how strong the cue is:

==========================  =====  ====================================================
reason                      conf.  cue
==========================  =====  ====================================================
``nomination-phrase``       0.90   "gemeente X" as object of draagt/dragen … voor, or the
                                   nearest within 8 words of voordracht, nominatie,
                                   nomineren, voordragen, voorgedragen, als koploper …
``subject``                 0.90   "gemeente X" in a subject with voordracht/nominatie/…
                            0.85   a bare name in such a subject
                            0.80   "gemeente X" in another subject (not strong)
``self-nomination``         0.85   "wij dragen onszelf/onze gemeente voor" → the sender
``nomination-phrase``       0.75   a bare name as the object of a nominating phrase
``gemeente-name``           0.60   "gemeente X" elsewhere (+0.05 a repeat, at most 0.70)
``sender-self``             0.60   nothing else is named: the municipality in the letterhead
                                   or signature (0.65 when the address agrees; 0.55 when
                                   only the address or a council's name, "Wmo-raad X",
                                   says so)
``mention``                 0.20   a bare capitalised name without a cue
==========================  =====  ====================================================

Adjustments: a name found through an alias (Den Bosch, Den Haag, The Hague) gets reason
``alias`` and 0.02 less; a fuzzy name (only right after "gemeente", capitalised, at least 7
letters, rapidfuzz ratio >= 91) gets reason ``fuzzy`` and 0.05 plus its distance less; a name
shared by two active municipalities (Bergen) gives each half the confidence; a name after
"net als", "zoals", "leerden van", "regio" … is a passing mention (at most 0.30). Once any
municipality has a strong cue (nomination phrase, nominating subject, self-nomination), the
ones with only weak evidence drop to 0.35. The sending municipality (letterhead, signature,
"namens de gemeente X", the subject of "De gemeente X draagt … voor", the owner in "de
voordracht van (de gemeente) X", an apposition "wij, de gemeente X," or "wij als gemeente X",
or ``sender``) is not a nominee unless a strong cue names it. Results below
``min_confidence`` (default 0.5) are left out; pass 0 to see everything that was read.

Names that are ordinary Dutch words or people's names (Best, Buren, Bergen, Beek, Ede, Goes …,
see :data:`COMMON_WORD_NAMES`) count only when capitalised, and only after "gemeente" or in a
list with a name that is not a word in a nominating subject or sentence ("Voordracht: Bunnik,
Houten en Wijk bij Duurstede").
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from email.utils import parseaddr
from functools import cache
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz, process

from intake.judging.wording import WORD, fold, fold_words, sentences

__all__ = [
    "COMMON_WORD_NAMES",
    "DEFAULT_MIN_CONFIDENCE",
    "FREE_MAIL_DOMAINS",
    "Match",
    "Municipality",
    "MunicipalityRef",
    "Register",
    "find_nominees",
    "normalise_name",
    "sender_municipality",
]

DEFAULT_MIN_CONFIDENCE = 0.5
"""Matches below this are read but not returned by :func:`find_nominees`."""

_DOMAIN = 0.9
_SUBDOMAIN = 0.85
_NOMINEE = 0.9
_SUBJECT_NOMINEE = 0.9
_SUBJECT_BARE = 0.85
_SUBJECT_PLAIN = 0.8
_SELF = 0.85
_BARE_NOMINEE = 0.75
_GEMEENTE_NAME = 0.6
_GEMEENTE_REPEAT = 0.05
_GEMEENTE_MAX = 0.7
_SENDER_SELF = 0.6
_SENDER_SELF_AGREED = 0.65
_SENDER_SELF_WEAK = 0.55
_MENTION = 0.2
_PASSING = 0.3
_DEMOTED = 0.35
_ALIAS_PENALTY = 0.02
_FUZZY_PENALTY = 0.05
_FUZZY_CUTOFF = 91.0
_FUZZY_MIN_LETTERS = 7
_MAX_FUZZY_WORDS = 5
_NEAR = 8
"""How many words may stand between a nominating word and "gemeente X"."""

# Who is on the sending side, surest first.
_NOMINATOR = 0  # 'namens de gemeente X', 'De gemeente X draagt … voor'
_SIGNATURE = 1  # 'Gemeente X' or 'college van B&W van X' after the closing
_LETTERHEAD = 2  # 'Gemeente X' alone on one of the first lines
_COUNCIL = 3  # 'Wmo-raad X': the council's own municipality, not the sender itself

# fmt: off
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "outlook.com",
        "outlook.nl", "live.com", "live.nl", "msn.com", "icloud.com", "me.com", "mac.com",
        "yahoo.com", "yahoo.nl", "aol.com", "gmx.com", "gmx.net", "mail.com", "proton.me",
        "protonmail.com", "ziggo.nl", "upcmail.nl", "chello.nl", "casema.nl", "home.nl",
        "kpnmail.nl", "kpnplanet.nl", "planet.nl", "hetnet.nl", "xs4all.nl", "tele2.nl",
        "online.nl", "telfort.nl", "quicknet.nl", "zeelandnet.nl", "solcon.nl", "caiway.nl",
        "kabelfoon.nl", "onsbrabantnet.nl", "hccnet.nl", "freeler.nl", "wxs.nl", "12move.nl",
    }
)
"""Providers' domains: a mail from these never names a municipality."""

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
                if len(key) >= _FUZZY_MIN_LETTERS
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


# --- sender ----------------------------------------------------------------------------


def _email_domain(address: str) -> str | None:
    _, email = parseaddr(address)
    local, at, domain = email.rpartition("@")
    domain = domain.strip().lower().rstrip(".")
    return domain if at and local and "." in domain else None


def sender_municipality(address: str, register: Register, day: date) -> Match | None:
    """The municipality whose domain sent ``address`` ('Ans <a@wmo.utrecht.nl>' → Utrecht).

    The most specific listed domain wins; a domain listed by several municipalities active on
    ``day`` (a shared service organisation) is ambiguous and gives ``None``, as do free-mail
    domains and domains of municipalities that did not exist on ``day``.
    """
    domain = _email_domain(address)
    if domain is None:
        return None
    labels = domain.split(".")
    parents = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    if any(parent in FREE_MAIL_DOMAINS for parent in parents):
        return None
    for parent in parents:
        found = register.by_domain(parent, day)
        if len(found) > 1:
            return None
        if found:
            confidence = _DOMAIN if parent == domain else _SUBDOMAIN
            return Match(found[0], "sender-domain", confidence, address.strip())
    return None


# --- reading text ----------------------------------------------------------------------


class _Token(NamedTuple):
    start: int
    end: int
    word: str
    capital: bool


class _Text:
    """A text folded for matching, split in words and sentences, with the way back."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._folded = fold(original)
        self.folded = self._folded.text
        found = list(WORD.finditer(self.folded))
        self.starts = [m.start() for m in found]
        """Where each word starts in the folded text."""
        self.origins = [self._folded.at(start) for start in self.starts]
        """Where each word starts in the original."""
        self.tokens = [
            _Token(m.start(), m.end(), m.group(), original[at].isupper())
            for m, at in zip(found, self.origins, strict=True)
        ]

    def at(self, folded_index: int) -> int:
        return self._folded.at(folded_index)

    def gap(self, index: int) -> str:
        """The folded text between word ``index - 1`` and word ``index``."""
        start = self.tokens[index - 1].end if index else 0
        return self.folded[start : self.tokens[index].start]

    def words(self, first: int, last: int) -> list[str]:
        return [token.word for token in self.tokens[first:last]]

    def snippet(self, start: int, end: int, limit: int = 160) -> str:
        """The original text of a folded span, whitespace collapsed, at most ``limit`` long."""
        text = " ".join(self.original[self.at(start) : self.at(end)].split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_NAME_GAP_RE = re.compile(r"[ \t\-–'’‘(]*(?:,[ \t]*|\n[ \t]*)?[ \t\-–'’‘(]*")
_CUE_GAP_RE = re.compile(r"[ \t]*:?[ \t]*\n?[ \t]*['’‘]?")
_LIST_GAP_RE = re.compile(r"\s*[,&/]\s*|\s+")
_SEMICOLON_RE = re.compile(r";\s+")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A name found at words [first, last)."""

    first: int
    last: int
    candidates: tuple[tuple[Municipality, bool], ...]
    distance: float | None = None  # 0–1 for a fuzzy hit


@dataclass(slots=True)
class _Group:
    """ "gemeente(n) A, B en C": the cue word and the names after it."""

    cue: int
    hits: list[_Hit]
    passing: bool
    nominator: bool = False
    nominee: bool = False

    @property
    def end(self) -> int:
        return self.hits[-1].last

    @property
    def free(self) -> bool:
        """Neither a passing mention nor the nominating side: it may be a nominee."""
        return not (self.passing or self.nominator)


@dataclass(frozen=True, slots=True)
class _Clue:
    municipality: Municipality
    reason: str
    confidence: float
    strong: bool
    evidence: str
    position: int


_CUES = {  # cue word → a list of names may follow
    "gemeente": False,
    "gemeenten": True,
    "gemeentes": True,
    "koplopergemeente": False,
    "buurgemeente": False,
    "buurgemeenten": True,
}
_ANCHOR_AFTER = frozenset(
    {"voordracht", "nominatie", "nomineer", "nomineert", "nomineren", "kandidaat", "aanmelding"}
)
_ANCHOR_BEFORE = frozenset({"voordragen", "voorgedragen", "genomineerd"})
_ANCHOR_BEFORE_PAIRS = frozenset({("te", "dragen"), ("als", "koploper"), ("tot", "koploper")})
_DRAGEN = frozenset({"draag", "draagt", "dragen"})
_SUBJECT_WORDS = frozenset(
    {"voordracht", "nominatie", "nomineren", "koploper", "koplopers", "kandidaat", "aanmelding"}
)
_SELF_WORDS = frozenset({"onszelf", "zichzelf"})
_SELF_PAIRS = frozenset({("ons", "zelf"), ("onze", "gemeente"), ("eigen", "gemeente")})
_PRONOUNS = frozenset({"ik", "wij", "we"})
_LEADING = frozenset({"de", "het", "hierbij", "graag", "dan", "ook", "daarom", "namens", "bij"})
_NOMINATOR_MARKS = frozenset({"namens", "door"})
_POSSESSED = frozenset({"voordracht", "voordrachten"})
"""'de voordracht van X': X makes the nomination ('nominatie van X' may be either)."""
_WRITERS = frozenset({"wij", "we", "ons", "ik"})
"""'wij, de gemeente X,', 'wij als gemeente X': an apposition names the writers."""
_ARTICLES = frozenset({"de", "het"})
_PERSON_MARKS = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "mevrouw", "heer", "dhr", "mw", "mevr", "meneer"}
    | {"wethouder", "burgemeester", "regio"}
)
_PASSING_RE = re.compile(
    r"(?:net als|zoals|evenals|leerden|geleerd|leren|inspiratie|navolging|voorbeeld van|"
    r"tegenstelling tot|anders dan|vergeleken met|bezoek aan|bezocht|regio)"
    r"[\s,]+(?:(?:in|bij|van|de|het|aan|op|uit|met|die|dat|ook|al)\s+)*$"
)


class _Reader:
    """Reads one text (the subject or the body) for names and their cues; collects clues."""

    def __init__(self, register: Register, day: date, text: str, *, in_subject: bool) -> None:
        self.register = register
        self.day = day
        self.text = _Text(text)
        self.offset = -len(text) - 1 if in_subject else 0
        """Positions in the subject come before those in the body."""
        spans = [(0, len(text))] if in_subject else _clauses(text)
        self.sentences = _cues_across_lines(self.text, _word_spans(self.text.origins, spans))
        """The stretches of words whose cues are read together: the subject is a title,
        read whole; the body is read clause by clause."""
        self.nominees: list[_Clue] = []
        self.senders: list[_Sender] = []
        self.selves: list[tuple[str, int]] = []  # (evidence, position)

    # names

    def name_at(self, index: int, *, cued: bool) -> _Hit | None:
        """The longest name starting at word ``index``; fuzzy only when ``cued``."""
        tokens = self.text.tokens
        if index >= len(tokens):
            return None
        known = tokens[index].word in self.register.prefixes
        if not (known or (cued and tokens[index].capital)):
            return None
        span, prefix = 1, tokens[index].word
        while (
            index + span < len(tokens)
            and span < _MAX_FUZZY_WORDS
            and _NAME_GAP_RE.fullmatch(self.text.gap(index + span))
        ):
            prefix = f"{prefix} {tokens[index + span].word}"
            if not cued and prefix not in self.register.prefixes:
                break
            span += 1
        for size in range(span, 0, -1) if known else ():
            hit = self._exact(index, size, cued=cued)
            if hit:
                return hit
        return self._fuzzy(index, span) if cued else None

    def common_name_at(self, index: int) -> _Hit | None:
        """A capitalised name that is also a word (Houten) at word ``index``, found exactly."""
        hit = self.name_at(index, cued=True) if self.text.tokens[index].capital else None
        if hit is None or hit.distance is not None:
            return None
        key = " ".join(self.text.words(hit.first, hit.last))
        return hit if key in COMMON_WORD_NAMES else None

    def _exact(self, index: int, size: int, *, cued: bool) -> _Hit | None:
        key = " ".join(self.text.words(index, index + size))
        candidates = self.register.lookup(key, self.day)
        capital = any(token.capital for token in self.text.tokens[index : index + size])
        if not candidates or not (capital or cued):
            return None
        if key in COMMON_WORD_NAMES and not (cued and capital):
            return None
        return _Hit(index, index + size, tuple(candidates))

    def _fuzzy(self, index: int, span: int) -> _Hit | None:
        if not self.text.tokens[index].capital:
            return None
        best: tuple[float, int, str] | None = None
        for size in range(1, span + 1):
            query = " ".join(self.text.words(index, index + size))
            if len(query) < _FUZZY_MIN_LETTERS:
                continue
            found = process.extractOne(
                query,
                self.register.fuzzy_keys(self.day),
                scorer=fuzz.ratio,
                score_cutoff=_FUZZY_CUTOFF,
            )
            if found and (best is None or found[1] > best[0]):
                best = (found[1], size, found[0])
        if best is None:
            return None
        score, size, key = best
        candidates = tuple(self.register.lookup(key, self.day))
        return _Hit(index, index + size, candidates, distance=(100.0 - score) / 100.0)

    def groups(self, first: int, last: int) -> list[_Group]:
        """Every "gemeente(n) X[, Y en Z]" in words [first, last)."""
        found: list[_Group] = []
        for index in range(first, last - 1):
            word = self.text.tokens[index].word
            if word not in _CUES or not _CUE_GAP_RE.fullmatch(self.text.gap(index + 1)):
                continue
            hits = self._list_at(index + 1, last, plural=_CUES[word])
            if hits:
                passing = word.startswith("buur") or self.passing(first, index)
                found.append(_Group(index, hits, passing))
        return found

    def _list_at(self, index: int, last: int, *, plural: bool) -> list[_Hit]:
        hits: list[_Hit] = []
        hit = self.name_at(index, cued=True)
        while hit is not None and hit.last <= last:
            hits.append(hit)
            following = hit.last
            if not plural or following >= last:
                break
            gap = self.text.gap(following)
            if self.text.tokens[following].word == "en" and following + 1 < last:
                following += 1
            elif not (_LIST_GAP_RE.fullmatch(gap) and any(mark in gap for mark in ",&/")):
                break
            hit = self.name_at(following, cued=True)
        return hits

    def passing(self, sentence_start: int, index: int) -> bool:
        """Whether the words before ``index`` make it a passing mention ("net als in …")."""
        start = self.text.tokens[max(sentence_start, index - 6)].start
        return bool(_PASSING_RE.search(self.text.folded[start : self.text.tokens[index].start]))

    # clues

    def clue(self, hit: _Hit, reason: str, confidence: float, *, strong: bool, where: int) -> None:
        """A nominee clue for each municipality the hit may be."""
        shared = len(hit.candidates) > 1
        for municipality, alias in hit.candidates:
            value, why = confidence, reason
            if hit.distance is not None:
                value, why = value - _FUZZY_PENALTY - hit.distance, "fuzzy"
            elif alias:
                value, why = value - _ALIAS_PENALTY, "alias"
            if shared:
                value = value / 2
            evidence, position = self.evidence(where, hit), self.position(hit.first)
            self.nominees.append(
                _Clue(municipality, why, value, strong and not shared, evidence, position)
            )

    def sender(self, hit: _Hit, rank: int, where: int) -> None:
        """A clue to the sending side, with its rank (_NOMINATOR … _COUNCIL)."""
        for municipality, _ in hit.candidates:
            where_text = self.evidence(where, hit)
            self.senders.append(_Sender(rank, self.position(hit.first), municipality, where_text))

    def position(self, index: int) -> int:
        return self.offset + self.text.tokens[index].start

    def evidence(self, sentence_start: int, hit: _Hit) -> str:
        """The sentence around a hit, cut to the words near the name if it is long."""
        tokens = self.text.tokens
        start = tokens[sentence_start].start
        end = next(
            (tokens[last - 1].end for first, last in self.sentences if first <= hit.first < last),
            tokens[hit.last - 1].end,
        )
        if end - start > _SNIPPET:
            start = max(start, tokens[max(hit.first - 8, sentence_start)].start)
            end = min(end, tokens[min(hit.last + 8, len(tokens)) - 1].end)
        return self.text.snippet(start, end)


@dataclass(frozen=True, slots=True)
class _Sender:
    rank: int
    position: int
    municipality: Municipality
    evidence: str


@dataclass(slots=True)
class _Sentence:
    """One sentence's words [first, last) and what was found in it."""

    first: int
    last: int
    groups: list[_Group] = field(default_factory=list)
    self_at: int | None = None
    nominating: bool = False


def _clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of each sentence: a semicolon ends one ('Wij dragen Zwolle voor; de
    gemeente Ede werkt mee'), as a cue does not reach across it."""
    spans: list[tuple[int, int]] = []
    for sentence in sentences(text):
        start = sentence.start
        for semicolon in _SEMICOLON_RE.finditer(text, sentence.start, sentence.end):
            spans.append((start, semicolon.start()))
            start = semicolon.end()
        spans.append((start, sentence.end))
    return spans


def _cues_across_lines(text: _Text, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a stretch that ends in a cue word at the end of a line to the next one: the
    name follows ('dragen wij de gemeente\nHaarlemmermeer voor'), however short the line."""
    joined: list[tuple[int, int]] = []
    for first, last in spans:
        if (
            joined
            and joined[-1][1] == first
            and text.tokens[first - 1].word in _CUES
            and "\n" in text.gap(first)
            and _CUE_GAP_RE.fullmatch(text.gap(first))
        ):
            joined[-1] = (joined[-1][0], last)
        else:
            joined.append((first, last))
    return joined


def _word_spans(starts: list[int], spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Turn spans of characters into spans of words, given where the words start (in the
    same text as the spans); spans without words are left out."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        if last > first:
            result.append((first, last))
    return result


def _read_sentence(reader: _Reader, first: int, last: int, *, in_subject: bool) -> _Sentence:
    sentence = _Sentence(first, last, reader.groups(first, last))
    words = reader.text.words(first, last)
    sentence.self_at = _self_position(words, first)
    for group in sentence.groups:  # 'namens de gemeente X', 'door de gemeente X'
        before = reader.text.words(max(first, group.cue - 2), group.cue)
        group.nominator = bool(_NOMINATOR_MARKS.intersection(before)) or _sending_side(
            reader, first, group.cue
        )
    if in_subject:
        sentence.nominating = bool(_SUBJECT_WORDS.intersection(words))
        for group in sentence.groups:
            group.nominee = sentence.nominating and group.free
    else:
        _mark_nominees(reader, sentence)
    _mark_nominators(reader, sentence)
    return sentence


def _sending_side(reader: _Reader, first: int, at: int) -> bool:
    """Whether the name phrase starting at word ``at`` is the sending side by its grammar:
    the owner of a nomination ('de voordracht van (de gemeente) X') or an apposition to
    the writers ('wij, de gemeente X,', 'wij als gemeente X')."""
    tokens = reader.text.tokens
    index = at
    while index > first and tokens[index - 1].word in _ARTICLES:
        index -= 1
    before = index - 1  # the word before the phrase and its articles
    if before < first:
        return False
    word = tokens[before].word
    if word == "van":
        return before > first and tokens[before - 1].word in _POSSESSED
    if word == "als":
        return before > first and tokens[before - 1].word in _WRITERS
    return word in _WRITERS and "," in reader.text.gap(before + 1)


def _self_position(words: list[str], first: int) -> int | None:
    for offset, word in enumerate(words):
        pair = (word, words[offset + 1]) if offset + 1 < len(words) else None
        if word in _SELF_WORDS or pair in _SELF_PAIRS:
            return first + offset
    return None


def _mark_nominees(reader: _Reader, sentence: _Sentence) -> None:
    """Mark the groups a nominating word points at; set ``nominating`` if there is one."""
    words = reader.text.words(sentence.first, sentence.last)
    for offset, word in enumerate(words):
        index = sentence.first + offset
        previous = words[offset - 1] if offset else ""
        if word in _DRAGEN and previous != "te":
            _mark_dragen_voor(reader, sentence, index)
            continue
        after = _anchor_looks_after(previous, word)
        if after is not None:
            sentence.nominating = True
            if not _mark_near(sentence, index, after=after):
                _mark_near(sentence, index, after=not after)


def _anchor_looks_after(previous: str, word: str) -> bool | None:
    """Whether a nominating word names its nominee after it ('voordracht …') or before it
    ('… voordragen', '… als koploper'); None for other words."""
    if word in _ANCHOR_AFTER or word == "koplopergemeente":
        return True
    if word in _ANCHOR_BEFORE or (previous, word) in _ANCHOR_BEFORE_PAIRS:
        return False
    return None


def _mark_near(sentence: _Sentence, anchor: int, *, after: bool) -> bool:
    """Mark the nearest group after (or before) a nominating word, if it is near."""
    if after:
        near = [g for g in sentence.groups if 0 <= g.cue - anchor <= _NEAR and g.free]
    else:
        near = [g for g in sentence.groups if 0 <= anchor - g.end <= _NEAR and g.free]
    if near:
        (near[0] if after else near[-1]).nominee = True
    return bool(near)


def _mark_dragen_voor(reader: _Reader, sentence: _Sentence, verb: int) -> None:
    """'draagt/dragen … voor': the groups between the verb and its particle are nominees."""
    inside = [g for g in sentence.groups if g.cue > verb]
    after = inside[0].end if inside else verb + 1
    if sentence.self_at is not None and sentence.self_at > verb:
        after = min(after, sentence.self_at + 1)
    words = reader.text.words(after, sentence.last)
    if "voor" not in words:
        return
    particle = after + words.index("voor")
    sentence.nominating = True
    objects = [g for g in inside if g.end <= particle and g.free]
    if not objects and not (sentence.self_at is not None and sentence.self_at > verb):
        _mark_near(sentence, verb, after=False)  # 'De gemeente X dragen wij graag voor.'
    if len(objects) > 1 and _is_inverted_subject(reader, sentence, verb, objects):
        objects[0].nominator = True
        objects = objects[1:]
    for group in objects:
        group.nominee = True


def _is_inverted_subject(
    reader: _Reader, sentence: _Sentence, verb: int, objects: list[_Group]
) -> bool:
    """'Hierbij draagt de gemeente A de gemeente B voor': A is the subject, B the object."""
    first, second = objects[0], objects[1]
    text = reader.text
    between_verb = set(text.words(verb + 1, first.cue))
    before = set(text.words(sentence.first, first.cue))
    joined = (
        "en" in text.words(first.end, second.cue)
        or "," in text.folded[text.tokens[first.end - 1].end : text.tokens[second.cue].start]
    )
    return between_verb <= _LEADING and not before & _PRONOUNS and not joined


def _mark_nominators(reader: _Reader, sentence: _Sentence) -> None:
    """The subject of a nominating sentence ('De gemeente X draagt … voor') nominates."""
    if sentence.self_at is None and not any(g.nominee for g in sentence.groups):
        return
    for group in sentence.groups:
        if group.free and not group.nominee:
            leading = set(reader.text.words(sentence.first, group.cue))
            group.nominator = leading <= _LEADING


# --- the whole text --------------------------------------------------------------------

_SNIPPET = 160
_CLOSING_RE = re.compile(
    r"^\s*(?:met\s+)?(?:vriendelijke|hartelijke|collegiale)\s+groet|^\s*hoogachtend|"
    r"^\s*(?:met\s+)?groet(?:en)?\s*,?\s*$|^\s*mvg\b"
)
_OFFICE_RE = re.compile(
    r"\b(?:college van (?:burgemeester en wethouders|b\s*(?:&|en)\s*w)|burgemeester)"
    r"(?: van(?: de gemeente)?| der gemeente)\s+"
)
_COUNCILS = frozenset(
    {"adviesraad", "clientenraad", "clientraad", "wmoraad", "participatieraad", "adviesgroep"}
)
_COUNCIL_FILLER = frozenset(
    {"sociaal", "domein", "wmo", "van", "de", "het", "gemeente", "participatie", "en", "jeugd"}
)
_LETTERHEAD_LINES = 4
_SIGNATURE_LINES = 8
_SIGNATURE_FALLBACK = 5


def _zones(folded: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The letterhead lines (top) and signature lines (after the closing, or the last few)."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", folded) if m.group().strip()]
    closings = [n for n, (s, e) in enumerate(lines) if _CLOSING_RE.search(folded[s:e])]
    if closings:
        signature = lines[closings[-1] : closings[-1] + _SIGNATURE_LINES]
    else:
        signature = lines[-_SIGNATURE_FALLBACK:]
    return lines[:_LETTERHEAD_LINES], signature


def _read_zone_line(reader: _Reader, start: int, end: int, rank: int) -> None:
    """'Gemeente X' alone on a line, 'college van B&W van X': who writes."""
    spans = _word_spans(reader.text.starts, [(start, end)])
    if not spans:
        return
    first, last = spans[0]
    tokens = reader.text.tokens
    for group in reader.groups(first, last):
        tail = reader.text.folded[tokens[group.end - 1].end : end].strip()
        if group.cue == first and (not tail or tail[0] in ",|-–/(:"):
            for hit in group.hits:
                reader.sender(hit, rank, first)
    for found in _OFFICE_RE.finditer(reader.text.folded, start, end):
        index = bisect_left(reader.text.starts, found.end())
        named = _name_after_filler(reader, index, last)
        if named is not None:
            reader.sender(named, rank, first)


def _read_councils(reader: _Reader, first: int, last: int) -> set[int]:
    """'Wmo-raad Tiel', 'de cliëntenraad van de gemeente Zeist': the council's municipality
    is on the sending side; returns the words those names take."""
    found: set[int] = set()
    tokens = reader.text.tokens
    for index in range(first, last):
        word, previous = tokens[index].word, tokens[index - 1].word if index else ""
        if word in _COUNCILS or (word == "raad" and previous in {"wmo", "clienten", "client"}):
            named = _name_after_filler(reader, index + 1, last)
            if named is not None:
                reader.sender(named, _COUNCIL, first)
                found.update(range(named.first, named.last))
    return found


def _name_after_filler(reader: _Reader, index: int, last: int) -> _Hit | None:
    """The first name after words like 'Sociaal Domein', within the line."""
    while index < last:
        hit = reader.name_at(index, cued=True)
        if hit is not None and hit.last <= last:
            return hit
        if reader.text.tokens[index].word not in _COUNCIL_FILLER:
            return None
        index += 1
    return None


def _read(reader: _Reader, *, in_subject: bool) -> None:
    for first, last in reader.sentences:
        sentence = _read_sentence(reader, first, last, in_subject=in_subject)
        _collect(reader, sentence, in_subject=in_subject)
    if in_subject:
        return
    letterhead, signature = _zones(reader.text.folded)
    for start, end in letterhead:
        _read_zone_line(reader, start, end, rank=_LETTERHEAD)
    for start, end in signature:
        _read_zone_line(reader, start, end, rank=_SIGNATURE)


def _collect(reader: _Reader, sentence: _Sentence, *, in_subject: bool) -> None:
    """Turn one read sentence into clues."""
    where = sentence.first
    covered = _read_councils(reader, sentence.first, sentence.last)
    for group in sentence.groups:
        covered.update(range(group.cue, group.end))
        for hit in group.hits:
            if group.nominator:
                reader.sender(hit, _NOMINATOR, where)
            elif group.nominee and in_subject:
                reader.clue(hit, "subject", _SUBJECT_NOMINEE, strong=True, where=where)
            elif group.nominee:
                reader.clue(hit, "nomination-phrase", _NOMINEE, strong=True, where=where)
            elif in_subject:
                reader.clue(hit, "subject", _SUBJECT_PLAIN, strong=False, where=where)
            else:
                conf = _PASSING if group.passing else _GEMEENTE_NAME
                reader.clue(hit, "gemeente-name", conf, strong=False, where=where)
    if sentence.self_at is not None and sentence.nominating:
        at = sentence.self_at
        reader.selves.append((reader.evidence(where, _Hit(at, at + 1, ())), reader.position(at)))
    _collect_bare(reader, sentence, covered, in_subject=in_subject)


def _collect_bare(
    reader: _Reader, sentence: _Sentence, covered: set[int], *, in_subject: bool
) -> None:
    """Capitalised names without 'gemeente': nominees only in a nominating sentence."""
    as_nominee = sentence.nominating and not sentence.groups and sentence.self_at is None
    hits, listed = _bare_hits(reader, sentence, covered)
    for hit in hits:
        index = hit.first
        if _sending_side(reader, sentence.first, index):  # 'de voordracht van Lochem'
            reader.sender(hit, _NOMINATOR, sentence.first)
            reader.clue(hit, "mention", _MENTION / 2, strong=False, where=sentence.first)
            continue
        aside = reader.passing(sentence.first, index) or (
            index not in listed and _person_like(reader, sentence, index, in_subject=in_subject)
        )
        if as_nominee and not aside:
            conf = _SUBJECT_BARE if in_subject else _BARE_NOMINEE
            reason = "subject" if in_subject else "nomination-phrase"
            reader.clue(hit, reason, conf, strong=True, where=sentence.first)
        else:
            conf = _MENTION / 2 if aside else _MENTION
            reader.clue(hit, "mention", conf, strong=False, where=sentence.first)


def _bare_hits(
    reader: _Reader, sentence: _Sentence, covered: set[int]
) -> tuple[list[_Hit], set[int]]:
    """The bare names of a sentence, and the first words of those that continue a list of
    names ('Bunnik, Houten en Wijk bij Duurstede'). A name that is also a word (Houten)
    counts here only capitalised, in a nominating sentence, and in such a list with a name
    that is not a word."""
    found: list[tuple[_Hit, bool]] = []  # (hit, a common word)
    index = sentence.first
    while index < sentence.last:
        hit, common = None if index in covered else reader.name_at(index, cued=False), False
        if hit is None and sentence.nominating and index not in covered:
            hit, common = reader.common_name_at(index), True
        if hit is None or hit.last > sentence.last:
            index += 1
            continue
        found.append((hit, common))
        index = hit.last
    chains: list[list[tuple[_Hit, bool]]] = []
    for item in found:
        if chains and _list_link(reader, chains[-1][-1][0], item[0]):
            chains[-1].append(item)
        else:
            chains.append([item])
    hits: list[_Hit] = []
    listed: set[int] = set()
    for chain in chains:
        named = any(not common for _, common in chain)
        kept = [hit for hit, common in chain if named or not common]
        hits.extend(kept)
        if len(chain) > 1 and named:
            listed.update(hit.first for hit, _ in chain[1:])
    return hits, listed


def _list_link(reader: _Reader, before: _Hit, after: _Hit) -> bool:
    """Whether two names stand next to each other in a list: 'A, B', 'A & B', 'A en B'."""
    text = reader.text
    between = text.words(before.last, after.first)
    if not between:
        gap = text.gap(after.first)
        return bool(_LIST_GAP_RE.fullmatch(gap)) and any(mark in gap for mark in ",&/")
    return between in (["en"], ["of"]) and not text.gap(after.first - 1).strip(" \t,")


def _person_like(reader: _Reader, sentence: _Sentence, index: int, *, in_subject: bool) -> bool:
    """'mevrouw Van Buren', 'Jan Oss', 'regio Twente': not a municipality."""
    if index == sentence.first:
        return False
    previous = reader.text.tokens[index - 1]
    if previous.word in _PERSON_MARKS:
        return True
    if in_subject or index - 1 == sentence.first or previous.word in _ANCHOR_WORDS:
        return False
    return previous.capital


_ANCHOR_WORDS = _ANCHOR_AFTER | _ANCHOR_BEFORE | _SUBJECT_WORDS | _DRAGEN


# --- deciding --------------------------------------------------------------------------


def find_nominees(
    text: str,
    subject: str,
    register: Register,
    day: date,
    *,
    sender: Municipality | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[Match]:
    """The municipalities a nomination names, surest first (see the module documentation).

    ``sender`` is the sending municipality if known (from :func:`sender_municipality`): it
    stands for "wij dragen onszelf voor", and it is not a nominee unless a strong cue names it.
    """
    head = _Reader(register, day, subject, in_subject=True)
    body = _Reader(register, day, text, in_subject=False)
    _read(head, in_subject=True)
    _read(body, in_subject=False)
    senders = sorted(head.senders + body.senders, key=lambda s: (s.rank, s.position))
    chosen = _weigh(head.nominees + body.nominees, senders, sender)
    own = _own_municipalities(senders, sender)
    for evidence, position in head.selves + body.selves:
        for municipality in own:
            _keep_best(
                chosen, _Clue(municipality, "self-nomination", _SELF, True, evidence, position)
            )
    if not any(clue.confidence >= DEFAULT_MIN_CONFIDENCE for clue in chosen.values()):
        for clue in _sender_self(senders, sender):
            _keep_best(chosen, clue)
    ranked = sorted(chosen.values(), key=lambda c: (-c.confidence, c.position, c.municipality.name))
    return [
        Match(clue.municipality, clue.reason, round(clue.confidence, 3), clue.evidence)
        for clue in ranked
        if clue.confidence >= min_confidence
    ]


def _keep_best(chosen: dict[str, _Clue], clue: _Clue) -> None:
    current = chosen.get(clue.municipality.code)
    if current is None or clue.confidence > current.confidence:
        chosen[clue.municipality.code] = clue


def _weigh(
    clues: list[_Clue], senders: list[_Sender], sender: Municipality | None
) -> dict[str, _Clue]:
    """The best clue per municipality, after the sender and strong-cue rules."""
    best: dict[str, _Clue] = {}
    repeats: dict[str, int] = {}
    for clue in clues:
        code = clue.municipality.code
        if clue.reason == "gemeente-name" and clue.confidence >= _GEMEENTE_NAME:
            repeats[code] = repeats.get(code, 0) + 1
        current = best.get(code)
        if current is None or (clue.strong, clue.confidence) > (current.strong, current.confidence):
            best[code] = clue
    sending = {s.municipality.code for s in senders if s.rank < _COUNCIL}
    if sender is not None:
        sending.add(sender.code)
    any_strong = any(clue.strong for clue in best.values())
    weighed: dict[str, _Clue] = {}
    for code, clue in best.items():
        if clue.strong:
            weighed[code] = clue
        elif code in sending:
            continue
        elif any_strong:
            weighed[code] = replace(clue, confidence=min(clue.confidence, _DEMOTED))
        elif repeats.get(code, 0) > 1:
            boost = _GEMEENTE_REPEAT * (repeats[code] - 1)
            weighed[code] = replace(clue, confidence=min(_GEMEENTE_MAX, clue.confidence + boost))
        else:
            weighed[code] = clue
    return weighed


def _own_municipalities(senders: list[_Sender], sender: Municipality | None) -> list[Municipality]:
    """The sending side's municipalities, surest first: a nominator, the signature, the
    letterhead, the address, a council's name."""
    written = [s for s in senders if s.rank < _COUNCIL]
    if written:
        return _unique(s.municipality for s in written if s.rank == written[0].rank)
    if sender is not None:
        return [sender]
    return _unique(s.municipality for s in senders)


def _sender_self(senders: list[_Sender], sender: Municipality | None) -> list[_Clue]:
    """Nothing else is named: the sending municipality probably nominates itself."""
    result = []
    for municipality in _own_municipalities(senders, sender):
        said = next((s for s in senders if s.municipality == municipality), None)
        evidence = said.evidence if said else f"sender {municipality.name}"
        if said is None or said.rank == _COUNCIL:
            confidence = _SENDER_SELF_WEAK
        elif sender is not None and sender.code == municipality.code:
            confidence = _SENDER_SELF_AGREED
        else:
            confidence = _SENDER_SELF
        result.append(_Clue(municipality, "sender-self", confidence, False, evidence, 0))
    return result


def _unique(municipalities: Iterable[Municipality]) -> list[Municipality]:
    return list({m.code: m for m in municipalities}.values())
