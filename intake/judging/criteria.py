"""Which assessment criteria a nomination text addresses, and the sentences that show it.

The result is a hint for the jury, never a decision: per criterion it says whether the
text *mentions* what the criterion asks about and quotes the sentences that do, so a juror
can check at a glance.  It cannot tell whether a claim is true, convincing or new.

How a text is read
------------------
1. The text is cut into sentences (:func:`split_sentences`): paragraphs, bullet and
   numbered lines and table cells are units of their own, lines hard-wrapped by a mail
   client or a PDF are joined again, and a full stop after an abbreviation (``o.a.``,
   ``bijv.``, ``dhr.``, ``J.P.``) goes on with the sentence.  The rules are those of
   :mod:`intake.judging.wording`, which the municipalities read with too.
2. Words are compared in lower case without diacritics (``Cliënt`` = ``client``), and
   punctuation between words does not count (``Wmo-raad`` = ``Wmo raad``).
3. Sentences quoted from the call itself or restating it are set aside (see below), and so
   are questions, headings (a line of one or two words that is not a bullet item), a
   sentence that only nominates ("… draagt de gemeente X voor als koplopergemeente
   cliëntondersteuning", with no "omdat", "want", "waarbij" … after which it would say
   why), and one that denies or plans: they claim nothing of what is done.
4. Per criterion each remaining sentence is weighed by the criterion's terms.  A sentence
   that weighs enough is *evidence*; the criterion is ``met`` when there are at least
   ``min_evidence`` such sentences (a sentence that occurs twice counts once).

Terms: the syntax a coordinator writes in the config
----------------------------------------------------
=========================  ===============================================================
``agenda``                 the word itself (any case, with or without diacritics)
``ervaringsdeskundig*``    ``*`` stands for any letters: ``ervaringsdeskundige``,
                           ``ervaringsdeskundigen``, ``ervaringsdeskundigheid``.  It may
                           stand at the start too: ``*adviesraad`` matches
                           ``Wmo-adviesraad`` and ``seniorenadviesraad``
``op de agenda``           words separated by spaces: a phrase, these words in this order
``op de * agenda``         a lone ``*`` is exactly one word: ``op de politieke agenda``
``motie + raad*``          ``+``: every part somewhere in the same sentence, in any order
``~samen``                 a leading ``~`` marks a *weak* term (see weighting)
=========================  ===============================================================

Hyphens and other punctuation in a term separate words, as in the text: ``Wmo-raad``
matches "Wmo-raad" and "Wmo raad" (write ``wmoraad`` as well for the spelling without a
hyphen).  Regular-expression characters (``? ( ) [ ] { } | ^ $ \\``) are refused.

Weighting
---------
A strong term weighs 2, a weak term 1; a sentence is evidence when its terms weigh at least
2: one strong term, or two weak ones.  Terms only add up when they match *different* words
of the sentence, so ``~samen`` and ``~samen met`` on the same words count once.  Generic
words (``samen``, ``agenda``, ``gemeenteraad``, ``vrijwilligers``) are weak: alone they
say nothing, together ("de gemeenteraad bespreekt ...") they do.  So is praise in the call's
own words (``innovatief``, ``vernieuwend``): "een zeer innovatieve gemeente" claims, "een
innovatieve aanpak voor statushouders" shows.  Specific words and
phrases (``agendapunt``, ``ongevraagd advies``, ``co-creatie``, ``ervaringsdeskundigen``,
``cliëntervaringsonderzoek``) are strong.  Evidence is ranked by weight, heaviest first,
ties in document order.

Examples the call lists under one criterion
-------------------------------------------
A criterion's ``examples`` are terms for what the call itself lists under it (the 2017
call lists "de samenwerking tussen professionals en vrijwilligers" and "het meten van de
cliëntervaring" as innovations, criterion 3).  A sentence that matches an example is
evidence for that criterion, as a strong term would make it.  For the other criteria it
counts only by a strong term of theirs on words the example did not match: "De
samenwerking tussen professionals en vrijwilligers: zij volgen samen scholing" is
innovation only, "De gemeenteraad nam een motie aan over de onafhankelijkheid" is
innovation and agenda.

Quoted call text
----------------
A sender may paste the criteria as headings with little under them.  A sentence that is
(almost) exactly a criterion's title or a sentence of its description - of any criterion
assessed, after dropping labels such as ``Criterium 1:`` - is never evidence.  "Almost"
means: at most one word in ten that the call text lacks, and either at least 80 % of the
call text's words, or no word the call text lacks and at most five words.  So "Lerend
proces en innovatieve aanpakken" is quoted; "De gemeenteraad bespreekt twee keer per jaar
de voortgang" is the sender's own.

A sender may also restate the call in a sentence of its own ("Er is sprake van een lerend
proces en innovatieve aanpakken", a bare list of the call's examples, "Cliëntondersteuning
staat hoog op de agenda: bij de gemeenteraad, in het cliëntenoverleg en bij de adviesraad").
Such a sentence claims the criterion without saying anything about the nominee, so it is no
evidence either: every one of its content words (leaving out words such as "de", "er",
"sprake", "daarnaast", "the") is a word of one criterion's title, description or examples,
a word counting also when inflected ("ontwikkelen" for "ontwikkeling", "doelgroepen" for
"doelgroep", not "agendapunt" for "agenda").  One word of the sender's own is enough to
stay evidence: "De gemeenteraad bespreekt cliëntondersteuning elk jaar", "De Wmo-raad
adviseert de gemeenteraad over cliëntondersteuning".

What is not there, or not yet
-----------------------------
A sentence that denies ("er is nog geen cliëntenraad", "het is in de raad nog niet
besproken", "no", "not") or plans ("na de zomer willen we ...", "gaan we", "zal", "will",
"plan to") says nothing of what the nominee does, so it is no evidence.  "Niet alleen ...
maar ook" affirms and stays; so does a plain "niet" inside a sentence ("een werkplaats die
bijstelt wat niet werkt").

Limits
------
Words, not meaning: a negation or plan in words other than those above counts like a fact,
claims in jargon ("geborgd in diverse gremia") count as what they name, what a sentence says
of another municipality than the nominee counts for the nominee, a synonym missing from the
terms is missed, and a text in a language the terms are not written in meets nothing (the
2017 call's terms are Dutch, with English ones for the nominations written in English).
The descriptions of the 2017 call's criteria (the packaged
``intake/data/criteria-koplopers-2017.toml``) follow the call's wording, its list of
innovations included.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from intake.judging.wording import (
    FUNCTION_WORDS,
    LIST_LABEL,
    WORD,
    fold,
    fold_words,
    nominating,
    sentences,
    split_sentences,
)

__all__ = [
    "EXCERPT_CHARS",
    "Criterion",
    "CriterionResult",
    "assess",
    "meets_minimum",
    "split_sentences",
]

STRONG_WEIGHT = 2
WEAK_WEIGHT = 1
EVIDENCE_WEIGHT = 2
"""A sentence whose distinct terms weigh this much is evidence."""
EXCERPT_CHARS = 300
"""Longer sentences are cut to about this many characters around their first term."""
MIN_HEADING_WORDS = 3
"""A line of fewer words (not a bullet item) is a heading, never evidence."""


# --- values ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Criterion:
    """One assessment criterion of a call and the terms that show a text addresses it.

    Build it from plain values: ``terms`` may be any sequence of strings (a list read from
    TOML is turned into a tuple).  An invalid term raises :class:`ValueError` naming the
    criterion and the term.
    """

    id: str
    title: str
    description: str
    terms: tuple[str, ...]
    examples: tuple[str, ...] = ()
    """Terms for what the call lists as examples of this criterion: a sentence that
    matches one is evidence for this criterion (as a strong term) and for no other."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", tuple(self.terms))
        object.__setattr__(self, "examples", tuple(self.examples))
        if not self.id.strip():
            raise ValueError("a criterion needs a non-empty id")
        for term in (*self.terms, *self.examples):
            if not isinstance(term, str):
                raise ValueError(f"criterion {self.id!r}: term {term!r} is not text")
            try:
                _parse_term(term)
            except ValueError as exc:
                raise ValueError(f"criterion {self.id!r}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """What :func:`assess` found for one criterion: a hint, never a verdict.

    ``met``: at least ``min_evidence`` sentences weigh enough.  ``evidence``: up to
    ``max_evidence`` of those sentences, heaviest first (ties in document order), each whole
    or cut to about :data:`EXCERPT_CHARS` characters around its first term, a cut marked
    with "…"; shown even when there are too few for ``met``.  ``terms_found``: the terms
    (as configured, without ``~``) found in any evidence sentence, in the criterion's order.
    """

    id: str
    title: str
    met: bool
    evidence: tuple[str, ...]
    terms_found: tuple[str, ...]


# --- assessing --------------------------------------------------------------------------


def assess(
    text: str,
    criteria: Sequence[Criterion],
    *,
    min_evidence: int = 1,
    max_evidence: int = 3,
    max_chars: int = EXCERPT_CHARS,
) -> tuple[CriterionResult, ...]:
    """Assess ``text`` against each criterion, in the order given."""
    if min_evidence < 1:
        raise ValueError(f"min_evidence must be at least 1, not {min_evidence}")
    if max_evidence < 0:
        raise ValueError(f"max_evidence must not be negative, not {max_evidence}")
    if max_chars < 40:
        raise ValueError(f"max_chars must be at least 40, not {max_chars}")
    assessed = tuple(criteria)
    sentences = _own_sentences(text, _call_text(assessed))
    claimed = _claimed(sentences, assessed)
    return tuple(
        _assess_one(
            criterion,
            sentences,
            {
                position: words
                for position, (owner, words) in claimed.items()
                if owner != criterion.id
            },
            min_evidence,
            max_evidence,
            max_chars,
        )
        for criterion in assessed
    )


def _claimed(
    sentences: Sequence[_Sentence], criteria: Sequence[Criterion]
) -> dict[int, tuple[str, frozenset[int]]]:
    """The sentences that match an example the call lists under one criterion: by
    position, that criterion's id (the first, should examples of two match) and the words
    the examples matched."""
    claimed: dict[int, tuple[str, frozenset[int]]] = {}
    for criterion in criteria:
        examples = [_compile_term(example) for example in criterion.examples]
        for sentence in sentences:
            if sentence.position in claimed:
                continue
            words = frozenset().union(*(_match(example, sentence) for example in examples))
            if words:
                claimed[sentence.position] = (criterion.id, words)
    return claimed


def meets_minimum(results: Iterable[CriterionResult], minimum: int) -> bool:
    """Whether at least ``minimum`` criteria are met (the call asks two of three)."""
    return sum(1 for result in results if result.met) >= minimum


def _assess_one(
    criterion: Criterion,
    sentences: Sequence[_Sentence],
    others: Mapping[int, frozenset[int]],
    min_evidence: int,
    max_evidence: int,
    max_chars: int,
) -> CriterionResult:
    """``others``: the sentences another criterion's examples claim, with the words they
    matched; only this criterion's strong terms on other words still count there."""
    terms = tuple(_compile_term(term) for term in (*criterion.terms, *criterion.examples))
    everything = " | ".join(sentence.words for sentence in sentences)
    present = [term for term in terms if all(p.needle in everything for p in term.parts)]
    hits = [
        hit
        for sentence in sentences
        if (hit := _weigh(sentence, present, others.get(sentence.position))) is not None
    ]
    ranked = sorted(hits, key=lambda hit: (-hit.weight, hit.sentence.position))
    found = {term for hit in hits for term in hit.terms}
    return CriterionResult(
        id=criterion.id,
        title=criterion.title,
        met=len(hits) >= min_evidence,
        evidence=tuple(_excerpt(hit, max_chars) for hit in ranked[:max_evidence]),
        terms_found=tuple(dict.fromkeys(term.text for term in terms if term.text in found)),
    )


def _own_sentences(text: str, call: _CallText) -> list[_Sentence]:
    """The sentences that may be evidence: no headings, no quoted or restated call text, no
    bare nomination sentence, no repeats."""
    seen: set[str] = set()
    own = []
    for sentence in _sentences(text):
        if (
            sentence.words in seen
            or _is_aside(sentence)
            or _quotes(sentence, call.sentences)
            or _restates(sentence, call.vocabularies)
            or _is_nomination_formula(sentence)
            or _denies_or_plans(sentence)
        ):
            continue
        seen.add(sentence.words)
        own.append(sentence)
    return own


# --- terms ------------------------------------------------------------------------------

_REFUSED = frozenset("?()[]{}|^$\\")
_PATTERN_WORD = re.compile(r"(?:[^\W_]|\*)+")
_ANY_LETTERS = "[^ ]*"


@dataclass(frozen=True, slots=True)
class _Part:
    """One ``+`` part of a term, as a pattern over a sentence's words."""

    pattern: re.Pattern[str]
    needle: str
    """Letters every match contains: a cheap test before the pattern."""


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    weak: bool
    parts: tuple[_Part, ...]


@lru_cache(maxsize=4096)
def _parse_term(term: str) -> tuple[str, bool, tuple[tuple[str, ...], ...]]:
    """The term as shown, whether it is weak, and the folded words of each ``+`` part."""
    text = " ".join(term.split())
    weak = text.startswith("~")
    if weak:
        text = text[1:].lstrip()
    refused = sorted(set(text) & (_REFUSED | {"~"}))
    if refused:
        raise ValueError(f"term {term!r}: unsupported character(s) {' '.join(refused)}")
    parts = tuple(tuple(_PATTERN_WORD.findall(fold(part).text)) for part in text.split("+"))
    if not all(any(word.strip("*") for word in words) for words in parts):
        raise ValueError(f"term {term!r}: each part needs a word with a letter or digit")
    return text, weak, parts


@lru_cache(maxsize=4096)
def _compile_term(term: str) -> _Term:
    """Compile a term written in the syntax of the module docstring."""
    text, weak, parts = _parse_term(term)
    return _Term(text, weak, tuple(_compile_part(words) for words in parts))


def _compile_part(words: tuple[str, ...]) -> _Part:
    pieces = (_ANY_LETTERS.join(re.escape(chunk) for chunk in word.split("*")) for word in words)
    pattern = re.compile("(?<![^ ])" + " ".join(pieces) + "(?![^ ])")
    needle = max((chunk for word in words for chunk in word.split("*")), key=len)
    return _Part(pattern, needle)


# --- weighing sentences -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sentence:
    position: int
    text: str
    """As in the input, whitespace collapsed."""
    words: str
    """The folded words, joined by single spaces: what terms are matched against."""
    word_starts: tuple[int, ...]
    """Where each word starts in :attr:`words`."""
    word_origins: tuple[int, ...]
    """Where each word starts in :attr:`text`."""
    bullet: bool


@dataclass(frozen=True, slots=True)
class _Hit:
    sentence: _Sentence
    weight: int
    terms: frozenset[str]
    first_word: int


def _weigh(
    sentence: _Sentence, terms: Sequence[_Term], claimed: frozenset[int] | None = None
) -> _Hit | None:
    """The sentence as evidence, or None when its terms weigh too little.  ``claimed``:
    the words another criterion's example matched; then only strong terms on other words
    count ("een motie over de onafhankelijkheid": the motion is agenda, the independence
    is not)."""
    matches = [(term, words) for term in terms if (words := _match(term, sentence))]
    if claimed is not None:
        matches = [(t, w) for t, w in matches if not t.weak and claimed.isdisjoint(w)]
    weight, counted = _distinct_weight(matches)
    if weight < EVIDENCE_WEIGHT:
        return None
    return _Hit(sentence, weight, frozenset(term.text for term, _ in matches), min(counted))


def _match(term: _Term, sentence: _Sentence) -> frozenset[int]:
    """The positions of the words ``term`` matches in the sentence; empty for no match."""
    positions: set[int] = set()
    for part in term.parts:
        if part.needle not in sentence.words:
            return frozenset()
        found = part.pattern.search(sentence.words)
        if found is None:
            return frozenset()
        first = bisect.bisect_right(sentence.word_starts, found.start()) - 1
        last = bisect.bisect_right(sentence.word_starts, found.end() - 1) - 1
        positions.update(range(first, last + 1))
    return frozenset(positions)


def _distinct_weight(matches: list[tuple[_Term, frozenset[int]]]) -> tuple[int, set[int]]:
    """The weight of the matches on different words (strong ones first), and those words."""
    counted: set[int] = set()
    weight = 0
    for term, words in sorted(matches, key=lambda m: (m[0].weak, min(m[1]), -len(m[1]))):
        if counted.isdisjoint(words):
            counted |= words
            weight += WEAK_WEIGHT if term.weak else STRONG_WEIGHT
    return weight, counted


def _excerpt(hit: _Hit, max_chars: int) -> str:
    """The sentence, or about ``max_chars`` of it around its first term, cuts marked "…"."""
    text = hit.sentence.text
    if len(text) <= max_chars:
        return text
    anchor = hit.sentence.word_origins[hit.first_word]
    lead = max_chars // 4
    start = 0
    if anchor > max_chars - lead:
        start = text.find(" ", anchor - lead, anchor) + 1 or anchor
    end = min(start + max_chars, len(text))
    if end < len(text):
        space = text.rfind(" ", start, end + 1)
        end = space if space > anchor else end
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return head + text[start:end].strip() + tail


# --- quoted call text and headings -----------------------------------------------------

_LABEL_WORDS = frozenset({"criterium", "criteria", "ad", "punt", "onderdeel", "vraag", "thema"})
QUOTE_COVERAGE = 0.8
QUOTE_SHORT_WORDS = 5
STEM_LETTERS = 5
STEM_SLACK = 3
"""Two words of at least six letters are one word inflected when they differ in at most
:data:`STEM_SLACK` letters at the end and share at least :data:`STEM_LETTERS`."""


@dataclass(frozen=True, slots=True)
class _CallText:
    sentences: tuple[frozenset[str], ...]
    """The words of every title and description sentence of the criteria."""
    vocabularies: tuple[frozenset[str], ...]
    """Per criterion, the content words of its title, description and examples."""


@lru_cache(maxsize=64)
def _call_text(criteria: tuple[Criterion, ...]) -> _CallText:
    texts = []
    vocabularies = []
    for criterion in criteria:
        vocabulary: set[str] = set()
        for line in (criterion.title, *split_sentences(criterion.description)):
            words = _content_words(fold_words(line))
            if words:
                texts.append(frozenset(words))
                vocabulary.update(words)
        for example in criterion.examples:
            _, _, parts = _parse_term(example)
            vocabulary.update(w.strip("*") for words in parts for w in words if w.strip("*"))
        vocabularies.append(frozenset(vocabulary - FUNCTION_WORDS))
    return _CallText(tuple(texts), tuple(vocabularies))


def _content_words(words: Sequence[str]) -> Sequence[str]:
    """The words after any leading labels: ``criterium``, ``1``, ``b``, ``ii``."""
    start = 0
    while start < len(words) and (
        words[start] in _LABEL_WORDS or LIST_LABEL.fullmatch(words[start])
    ):
        start += 1
    return words[start:]


def _quotes(sentence: _Sentence, call_texts: tuple[frozenset[str], ...]) -> bool:
    """Whether the sentence is (almost) exactly a title or description sentence."""
    words = _content_words(sentence.words.split())
    if not words:
        return True
    for call in call_texts:
        extra = sum(1 for word in words if word not in call)
        if extra == 0 and len(words) <= QUOTE_SHORT_WORDS:
            return True
        covered = len(call.intersection(words))
        if extra <= max(1, len(words) // 10) and covered >= QUOTE_COVERAGE * len(call):
            return True
    return False


def _restates(sentence: _Sentence, vocabularies: tuple[frozenset[str], ...]) -> bool:
    """Whether the sentence says nothing but the call's own words for one criterion: "Er is
    sprake van een lerend proces en innovatieve aanpakken", a bare "onafhankelijkheid;"."""
    words = [
        word
        for word in _content_words(sentence.words.split())
        if word not in FUNCTION_WORDS and not word.isdigit()
    ]
    if not words:
        return False
    return any(all(_known(word, vocabulary) for word in words) for vocabulary in vocabularies)


@lru_cache(maxsize=65536)
def _known(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``word`` is in ``vocabulary``, inflected or not: "ontwikkelen" is known
    from "ontwikkeling", "doelgroepen" from "doelgroep"; "agendapunt" is not "agenda"."""
    if word in vocabulary:
        return True
    for known in vocabulary:
        shorter = min(len(word), len(known))
        if abs(len(word) - len(known)) > STEM_SLACK or shorter < STEM_LETTERS + 1:
            continue
        common = next(
            (i for i, (a, b) in enumerate(zip(word, known, strict=False)) if a != b), shorter
        )
        if common >= max(STEM_LETTERS, shorter - STEM_SLACK):
            return True
    return False


_BECAUSE = frozenset(
    {
        *("omdat", "want", "doordat", "vanwege", "dankzij", "waarbij", "waardoor", "zodat"),
        *("aangezien", "waarin", "waarmee", "door", "because", "whereby", "which"),
    }
)
"""Words after which a nominating sentence goes on to say why: then it may be evidence."""


def _is_nomination_formula(sentence: _Sentence) -> bool:
    """'Hierbij draagt de gemeente Utrecht de gemeente Zeist voor als koplopergemeente
    integrale cliëntondersteuning': it nominates and gives no reason, so the call's own
    words in it are no evidence."""
    words = sentence.words.split()
    return (
        nominating(words, nouns=False) and _BECAUSE.isdisjoint(words) and ":" not in sentence.text
    )


_DENIALS = frozenset(
    {
        *(("nog", "geen"), ("nog", "niet"), ("is", "geen"), ("zijn", "geen")),
        *(("heeft", "geen"), ("hebben", "geen"), ("niet", "besproken"), ("niet", "betrokken")),
        *(("nooit", "besproken"), ("niet", "meer"), ("geen", "sprake")),
        *(("not", "yet"), ("is", "no"), ("are", "no"), ("has", "no"), ("have", "no")),
        *(("no", "longer"), ("not", "been"), ("never", "been")),
    }
)
"""Words that say something is not there ('er is nog geen cliëntenraad', 'niet besproken').
A 'geen' or 'niet' elsewhere says how, not whether: 'zij nemen geen beslissingen, zodat hun
onafhankelijkheid geborgd is', 'bijstellen wat niet werkt'."""
_BUT_ALSO = frozenset({"alleen", "slechts", "enkel", "only", "just", "maar", "but"})
"""'niet alleen … maar ook', 'not only': a negation that affirms."""
_PLANS = frozenset(
    {
        *("zullen", "zal", "voornemen", "voornemens", "beogen", "beoogt"),
        *("will", "intend", "intends"),
    }
)
_WRITERS = frozenset({"we", "wij", "ik", "i"})
_WISHES = frozenset({"willen", "wil", "want", "wants"})
_GOING = frozenset({"gaan", "ga"})
_PLAN_PAIRS = frozenset({("van", "plan"), ("plan", "to"), ("plans", "to"), ("going", "to")})
"""'wij staan aan het begin en willen …', 'gaan we', 'we plan to': the writers' intentions
('inwoners die dat willen', 'de ondersteuners gaan mee', 'een nieuw plan' are none)."""


def _denies_or_plans(sentence: _Sentence) -> bool:
    """'Er is nog geen cliëntenraad', 'Na de zomer willen we de Wmo-raad om advies vragen':
    what is not there or not done yet is no evidence of what is."""
    words = sentence.words.split()
    present = set(words)
    pairs = set(pairwise(words))
    if pairs & _DENIALS and not present & _BUT_ALSO:
        return True
    writers = bool(present & _WRITERS)
    going = any(
        (a in _WRITERS and b in _GOING) or (a in _GOING and b in _WRITERS) for a, b in pairs
    )
    return bool((writers and present & _WISHES) or going or present & _PLANS or pairs & _PLAN_PAIRS)


def _is_aside(sentence: _Sentence) -> bool:
    """A heading (a few words, not a bullet item) or a question: neither claims anything."""
    if sentence.text.rstrip("\"'”’)]").endswith("?"):
        return True
    return not sentence.bullet and len(sentence.word_starts) < MIN_HEADING_WORDS


# --- sentences and their words --------------------------------------------------------


def _sentences(text: str) -> list[_Sentence]:
    return [
        _read(position, " ".join(text[sentence.start : sentence.end].split()), sentence.bullet)
        for position, sentence in enumerate(sentences(text))
    ]


def _read(position: int, text: str, bullet: bool) -> _Sentence:
    folded = fold(text)
    found = list(WORD.finditer(folded.text))
    starts: list[int] = []
    offset = 0
    for word in found:
        starts.append(offset)
        offset += len(word.group()) + 1
    return _Sentence(
        position,
        text,
        " ".join(word.group() for word in found),
        tuple(starts),
        tuple(folded.at(word.start()) for word in found),
        bullet,
    )
