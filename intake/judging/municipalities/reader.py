"""Reading one text for the names of municipalities, and collecting what they are clues to.

A :class:`Reader` takes the subject or the body: it folds it once
(:mod:`intake.judging.wording`), keeps each word with its place in the original, and cuts
the text into the stretches whose cues are read together. It finds names (exactly, through
an alias, or by a near spelling right after "gemeente"), lists of names after a cue word
("de gemeenten A, B en C") and passing mentions ("net als in X"); and it collects what the
cues make of them: clues to nominees (:class:`Clue`) and to the sending side
(:class:`Sender`, ranked surest first).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from rapidfuzz import fuzz, process

from intake.judging.municipalities.register import (
    COMMON_WORD_NAMES,
    FUZZY_MIN_LETTERS,
    Municipality,
    Register,
)
from intake.judging.wording import WORD, fold, sentences

__all__ = [
    "COUNCIL",
    "LETTERHEAD",
    "LIST_GAP_RE",
    "NOMINATOR",
    "SIGNATURE",
    "Clue",
    "Group",
    "Hit",
    "Reader",
    "Sender",
    "word_spans",
]

# Who is on the sending side, surest first.
NOMINATOR = 0  # 'namens de gemeente X', 'De gemeente X draagt … voor'
SIGNATURE = 1  # 'Gemeente X' or 'college van B&W van X' after the closing
LETTERHEAD = 2  # 'Gemeente X' alone on one of the first lines
COUNCIL = 3  # 'Wmo-raad X': the council's own municipality, not the sender itself

_ALIAS_PENALTY = 0.02
_FUZZY_PENALTY = 0.05
_FUZZY_CUTOFF = 91.0
_MAX_FUZZY_WORDS = 5
_SNIPPET = 160


class _Token(NamedTuple):
    start: int
    end: int
    word: str
    capital: bool


class _Text:
    """A text folded for matching and split in words, with the way back to the original."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._folded = fold(original)
        self.folded = self._folded.text
        found = list(WORD.finditer(self.folded))
        self.starts = [m.start() for m in found]
        """Where each word starts in the folded text."""
        origin = self._folded.origin
        self.origins = self.starts if origin is None else [origin[at] for at in self.starts]
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
LIST_GAP_RE = re.compile(r"\s*[,&/]\s*|\s+")
_SEMICOLON_RE = re.compile(r";\s+")


@dataclass(frozen=True, slots=True)
class Hit:
    """A name found at words [first, last)."""

    first: int
    last: int
    candidates: tuple[tuple[Municipality, bool], ...]
    distance: float | None = None  # 0–1 for a fuzzy hit


@dataclass(slots=True)
class Group:
    """ "gemeente(n) A, B en C": the cue word and the names after it."""

    cue: int
    hits: list[Hit]
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
class Clue:
    """A municipality that may be a nominee: why, how sure, whether the cue is strong (a
    nominating phrase or subject), the text it came from and where."""

    municipality: Municipality
    reason: str
    confidence: float
    strong: bool
    evidence: str
    position: int


@dataclass(frozen=True, slots=True)
class Sender:
    """A municipality on the sending side, with its rank (:data:`NOMINATOR` surest, then
    :data:`SIGNATURE`, :data:`LETTERHEAD`, :data:`COUNCIL`), where and the text."""

    rank: int
    position: int
    municipality: Municipality
    evidence: str


_CUES = {  # cue word → a list of names may follow
    "gemeente": False,
    "gemeenten": True,
    "gemeentes": True,
    "koplopergemeente": False,
    "buurgemeente": False,
    "buurgemeenten": True,
}
_CUES_OF = {"municipality": False, "municipalities": True}
"""English cues, followed by "of": "the municipality of Amstelveen"."""
_PASSING_RE = re.compile(
    r"(?:net als|zoals|evenals|leerden|geleerd|leren|inspiratie|navolging|voorbeeld van|"
    r"tegenstelling tot|anders dan|vergeleken met|bezoek aan|bezocht|regio|"
    r"like|such as|inspired by|learned from|learnt from|unlike|compared with|compared to|"
    r"visit to|visited|example of|region)"
    r"[\s,]+(?:(?:in|bij|van|de|het|aan|op|uit|met|die|dat|ook|al|the|of|from|by)\s+)*$"
)


class Reader:
    """Reads one text (the subject or the body) for names and their cues; collects clues."""

    def __init__(self, register: Register, day: date, text: str, *, in_subject: bool) -> None:
        self.register = register
        self.day = day
        self.text = _Text(text)
        self.offset = -len(text) - 1 if in_subject else 0
        """Positions in the subject come before those in the body."""
        spans = [(0, len(text))] if in_subject else _clauses(text)
        self.sentences = _cues_across_lines(self.text, word_spans(self.text.origins, spans))
        """The stretches of words whose cues are read together: the subject is a title,
        read whole; the body is read clause by clause."""
        self.nominees: list[Clue] = []
        self.senders: list[Sender] = []
        self.selves: list[tuple[str, int]] = []  # (evidence, position)

    # names

    def name_at(self, index: int, *, cued: bool) -> Hit | None:
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

    def common_name_at(self, index: int) -> Hit | None:
        """A capitalised name that is also a word (Houten) at word ``index``, found exactly."""
        hit = self.name_at(index, cued=True) if self.text.tokens[index].capital else None
        if hit is None or hit.distance is not None:
            return None
        key = " ".join(self.text.words(hit.first, hit.last))
        return hit if key in COMMON_WORD_NAMES else None

    def _exact(self, index: int, size: int, *, cued: bool) -> Hit | None:
        key = " ".join(self.text.words(index, index + size))
        candidates = self.register.lookup(key, self.day)
        capital = any(token.capital for token in self.text.tokens[index : index + size])
        if not candidates or not (capital or cued):
            return None
        if key in COMMON_WORD_NAMES and not (cued and capital):
            return None
        return Hit(index, index + size, tuple(candidates))

    def _fuzzy(self, index: int, span: int) -> Hit | None:
        if not self.text.tokens[index].capital:
            return None
        best: tuple[float, int, str] | None = None
        for size in range(1, span + 1):
            query = " ".join(self.text.words(index, index + size))
            if len(query) < FUZZY_MIN_LETTERS:
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
        return Hit(index, index + size, candidates, distance=(100.0 - score) / 100.0)

    def groups(self, first: int, last: int) -> list[Group]:
        """Every "gemeente(n) X[, Y en Z]" in words [first, last)."""
        found: list[Group] = []
        tokens = self.text.tokens
        for index in range(first, last - 1):
            word = tokens[index].word
            start = index + 1
            if word in _CUES_OF and tokens[start].word == "of" and start + 1 < last:
                plural, start = _CUES_OF[word], start + 1
            elif word in _CUES and _CUE_GAP_RE.fullmatch(self.text.gap(start)):
                plural = _CUES[word]
            else:
                continue
            hits = self._list_at(start, last, plural=plural)
            if hits:
                passing = word.startswith("buur") or self.passing(first, index)
                found.append(Group(index, hits, passing))
        return found

    def _list_at(self, index: int, last: int, *, plural: bool) -> list[Hit]:
        hits: list[Hit] = []
        hit = self.name_at(index, cued=True)
        while hit is not None and hit.last <= last:
            hits.append(hit)
            following = hit.last
            if not plural or following >= last:
                break
            gap = self.text.gap(following)
            if self.text.tokens[following].word == "en" and following + 1 < last:
                following += 1
            elif not (LIST_GAP_RE.fullmatch(gap) and any(mark in gap for mark in ",&/")):
                break
            hit = self.name_at(following, cued=True)
        return hits

    def passing(self, sentence_start: int, index: int) -> bool:
        """Whether the words before ``index`` make it a passing mention ("net als in …")."""
        start = self.text.tokens[max(sentence_start, index - 6)].start
        return bool(_PASSING_RE.search(self.text.folded[start : self.text.tokens[index].start]))

    # clues

    def clue(self, hit: Hit, reason: str, confidence: float, *, strong: bool, where: int) -> None:
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
                Clue(municipality, why, value, strong and not shared, evidence, position)
            )

    def sender(self, hit: Hit, rank: int, where: int) -> None:
        """A clue to the sending side, with its rank (NOMINATOR … COUNCIL)."""
        for municipality, _ in hit.candidates:
            where_text = self.evidence(where, hit)
            self.senders.append(Sender(rank, self.position(hit.first), municipality, where_text))

    def position(self, index: int) -> int:
        return self.offset + self.text.tokens[index].start

    def evidence(self, sentence_start: int, hit: Hit) -> str:
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


def _clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of each sentence: a semicolon ends one ('Wij dragen Zwolle voor; de
    gemeente Ede werkt mee'), as a cue does not reach across it."""
    spans: list[tuple[int, int]] = []
    for sentence in sentences(text):
        start = sentence.start
        if text.find(";", start, sentence.end) >= 0:
            for semicolon in _SEMICOLON_RE.finditer(text, sentence.start, sentence.end):
                spans.append((start, semicolon.start()))
                start = semicolon.end()
        spans.append((start, sentence.end))
    return spans


def _cues_across_lines(text: _Text, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a stretch that ends in a cue word at the end of a line to the next one: the
    name follows ('dragen wij de gemeente' and 'Haarlemmermeer voor' on the next line),
    however short the line."""
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


def word_spans(starts: list[int], spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Turn spans of characters into spans of words, given where the words start (in the
    same text as the spans); spans without words are left out."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        if last > first:
            result.append((first, last))
    return result
