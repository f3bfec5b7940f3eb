"""Reading a sentence for the cues that make a name a nominee, or the nominator.

"De gemeente X draagt de gemeente Y voor": a nominating verb and its particle, a nominating
word near a name ("voordracht", "als koploper"), "wij dragen onszelf voor", the nominator
("namens de gemeente X", the subject of the verb, "de voordracht van X", "wij, de gemeente
X,"), bare names in a nominating sentence or in a list of names, and names that belong to
people or regions rather than municipalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.judging.municipalities.reader import LIST_GAP_RE, NOMINATOR, Group, Hit, Reader
from intake.judging.wording import nominating

__all__ = ["GEMEENTE_NAME", "collect", "read_sentence"]

_NOMINEE = 0.9
_SUBJECT_NOMINEE = 0.9
_SUBJECT_BARE = 0.85
_SUBJECT_PLAIN = 0.8
_BARE_NOMINEE = 0.75
GEMEENTE_NAME = 0.6
"""The confidence of "gemeente X" without a nominating cue."""
_MENTION = 0.2
_PASSING = 0.3
_NEAR = 8
"""How many words may stand between a nominating word and "gemeente X"."""

_ANCHOR_AFTER = frozenset(
    {"voordracht", "nominatie", "nomineer", "nomineert", "nomineren", "kandidaat", "aanmelding"}
    | {"nominate", "nominates", "nominating", "nomination", "propose", "proposes", "forward"}
)
_ANCHOR_BEFORE = frozenset({"voordragen", "voorgedragen", "genomineerd"})
_ANCHOR_BEFORE_PAIRS = frozenset(
    {("te", "dragen"), ("als", "koploper"), ("tot", "koploper")}
    | {("a", "frontrunner"), ("as", "frontrunner")}
)
_DRAGEN = frozenset({"draag", "draagt", "dragen"})
_SUBJECT_WORDS = frozenset(
    {"voordracht", "nominatie", "nomineren", "koploper", "koplopers", "kandidaat", "aanmelding"}
    | {"nomination", "frontrunner", "frontrunners"}
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
_ANCHOR_WORDS = _ANCHOR_AFTER | _ANCHOR_BEFORE | _SUBJECT_WORDS | _DRAGEN


@dataclass(slots=True)
class _Sentence:
    """One sentence's words [first, last) and what was found in it."""

    first: int
    last: int
    groups: list[Group] = field(default_factory=list)
    self_at: int | None = None
    nominating: bool = False


def read_sentence(reader: Reader, first: int, last: int, *, in_subject: bool) -> _Sentence:
    """Words [first, last) read for cues: which groups are nominees, which the nominator,
    whether the sentence nominates, and where it says "onszelf"."""
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


_ANNOUNCING_OTHERS = (
    ("ondersteund", "door"),
    ("gesteund", "door"),
    ("overleg", "met"),
    ("hulp", "van"),
    ("samen", "met"),
    ("namens",),
    ("supported", "by"),
    ("together", "with"),
    ("consultation", "with"),
    ("on", "behalf", "of"),
)
"""Words just before the colon that make the list the supporters or the senders."""


def announces_list(reader: Reader, sentence: _Sentence) -> bool:
    """'Namens de colleges dragen wij gezamenlijk voor als koploper:' — a sentence that
    nominates with a verb, names no nominee and ends in a colon: the names follow, one per
    item.  'Deze voordracht wordt ondersteund door:' announces the supporters instead."""
    if not sentence.nominating or any(group.nominee for group in sentence.groups):
        return False
    words = reader.text.words(sentence.first, sentence.last)
    if not nominating(words, nouns=False):
        return False
    if any(tuple(words[-len(end) :]) == end for end in _ANNOUNCING_OTHERS):
        return False
    tokens = reader.text.tokens
    after = reader.text.folded[tokens[sentence.last - 1].end :]
    return after.lstrip(" \t").startswith(":")


def is_list_item(reader: Reader, sentence: _Sentence) -> bool:
    """A sentence that is only a name or two ('gemeente Alblasserdam', 'Zwijndrecht'), as
    a list item is."""
    groups = [group for group in sentence.groups if group.free]
    if groups:
        named = sum(group.end - group.cue for group in groups)
        return sentence.last - sentence.first - named <= 2
    if sentence.groups:
        return False
    hit = reader.name_at(sentence.first, cued=False)
    return hit is not None and sentence.last - hit.last <= 2


def mark_listed_nominees(sentence: _Sentence) -> None:
    """The names in the items after an announcing sentence are the nominees."""
    sentence.nominating = True
    for group in sentence.groups:
        if group.free:
            group.nominee = True


def _sending_side(reader: Reader, first: int, at: int) -> bool:
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


def _mark_nominees(reader: Reader, sentence: _Sentence) -> None:
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


def _mark_dragen_voor(reader: Reader, sentence: _Sentence, verb: int) -> None:
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
    reader: Reader, sentence: _Sentence, verb: int, objects: list[Group]
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


def _mark_nominators(reader: Reader, sentence: _Sentence) -> None:
    """The subject of a nominating sentence ('De gemeente X draagt … voor') nominates."""
    if sentence.self_at is None and not any(g.nominee for g in sentence.groups):
        return
    for group in sentence.groups:
        if group.free and not group.nominee:
            leading = set(reader.text.words(sentence.first, group.cue))
            group.nominator = leading <= _LEADING


def collect(reader: Reader, sentence: _Sentence, covered: set[int], *, in_subject: bool) -> None:
    """Turn one read sentence into clues. The words in ``covered`` (a council's name) are
    no bare names, nor are the names after a cue word: they are added to it."""
    where = sentence.first
    for group in sentence.groups:
        covered.update(range(group.cue, group.end))
        for hit in group.hits:
            if group.nominator:
                reader.sender(hit, NOMINATOR, where)
            elif group.nominee and in_subject:
                reader.clue(hit, "subject", _SUBJECT_NOMINEE, strong=True, where=where)
            elif group.nominee:
                reader.clue(hit, "nomination-phrase", _NOMINEE, strong=True, where=where)
            elif in_subject:
                reader.clue(hit, "subject", _SUBJECT_PLAIN, strong=False, where=where)
            else:
                conf = _PASSING if group.passing else GEMEENTE_NAME
                reader.clue(hit, "gemeente-name", conf, strong=False, where=where)
    if sentence.self_at is not None and sentence.nominating:
        at = sentence.self_at
        reader.selves.append((reader.evidence(where, Hit(at, at + 1, ())), reader.position(at)))
    _collect_bare(reader, sentence, covered, in_subject=in_subject)


def _collect_bare(
    reader: Reader, sentence: _Sentence, covered: set[int], *, in_subject: bool
) -> None:
    """Capitalised names without 'gemeente': nominees only in a nominating sentence."""
    as_nominee = sentence.nominating and not sentence.groups and sentence.self_at is None
    hits, listed = _bare_hits(reader, sentence, covered)
    for hit in hits:
        index = hit.first
        if _sending_side(reader, sentence.first, index):  # 'de voordracht van Lochem'
            reader.sender(hit, NOMINATOR, sentence.first)
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
    reader: Reader, sentence: _Sentence, covered: set[int]
) -> tuple[list[Hit], set[int]]:
    """The bare names of a sentence, and the first words of those that continue a list of
    names ('Bunnik, Houten en Wijk bij Duurstede'). A name that is also a word (Houten)
    counts here only capitalised, in a nominating sentence, and in such a list with a name
    that is not a word."""
    found: list[tuple[Hit, bool]] = []  # (hit, a common word)
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
    chains: list[list[tuple[Hit, bool]]] = []
    for item in found:
        if chains and _list_link(reader, chains[-1][-1][0], item[0]):
            chains[-1].append(item)
        else:
            chains.append([item])
    hits: list[Hit] = []
    listed: set[int] = set()
    for chain in chains:
        named = any(not common for _, common in chain)
        kept = [hit for hit, common in chain if named or not common]
        hits.extend(kept)
        if len(chain) > 1 and named:
            listed.update(hit.first for hit, _ in chain[1:])
    return hits, listed


def _list_link(reader: Reader, before: Hit, after: Hit) -> bool:
    """Whether two names stand next to each other in a list: 'A, B', 'A & B', 'A en B'."""
    text = reader.text
    between = text.words(before.last, after.first)
    if not between:
        gap = text.gap(after.first)
        return bool(LIST_GAP_RE.fullmatch(gap)) and any(mark in gap for mark in ",&/")
    return between in (["en"], ["of"]) and not text.gap(after.first - 1).strip(" \t,")


def _person_like(reader: Reader, sentence: _Sentence, index: int, *, in_subject: bool) -> bool:
    """'mevrouw Van Buren', 'Jan Oss', 'regio Twente': not a municipality."""
    if index == sentence.first:
        return False
    previous = reader.text.tokens[index - 1]
    if previous.word in _PERSON_MARKS:
        return True
    if in_subject or index - 1 == sentence.first or previous.word in _ANCHOR_WORDS:
        return False
    return previous.capital
