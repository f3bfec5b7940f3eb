"""Deciding which municipalities a nomination names, from the clues read in it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from intake.judging.municipalities.cues import (
    GEMEENTE_NAME,
    announces_list,
    collect,
    is_list_item,
    mark_listed_nominees,
    read_sentence,
)
from intake.judging.municipalities.letter import read_councils, read_zone_line, zones
from intake.judging.municipalities.reader import (
    COUNCIL,
    LETTERHEAD,
    NOMINATOR,
    SIGNATURE,
    Clue,
    Reader,
    Sender,
)
from intake.judging.municipalities.register import Match, Municipality, Register

__all__ = ["DEFAULT_MIN_CONFIDENCE", "Municipalities", "find_municipalities", "find_nominees"]

DEFAULT_MIN_CONFIDENCE = 0.5
"""Matches below this are read but not returned by :func:`find_nominees`."""

_SELF = 0.85
_GEMEENTE_REPEAT = 0.05
_GEMEENTE_MAX = 0.7
_SENDER_SELF = 0.6
_SENDER_SELF_AGREED = 0.65
_SENDER_SELF_WEAK = 0.55
_DEMOTED = 0.35


_WRITER = {NOMINATOR: 0.6, SIGNATURE: 0.6, LETTERHEAD: 0.55, COUNCIL: 0.5}
"""Per rank of the sending-side clue, the confidence in the writer it names."""
_WRITER_REASON = "sender-text"


@dataclass(frozen=True, slots=True)
class Municipalities:
    """What one message says of municipalities: the nominees, surest first, and the
    municipality its text says it is written on behalf of (see :func:`find_municipalities`)."""

    nominees: list[Match]
    writer: Match | None


def find_nominees(
    text: str,
    subject: str,
    register: Register,
    day: date,
    *,
    sender: Municipality | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[Match]:
    """The municipalities a nomination names, surest first (see the package documentation).

    ``sender`` is the sending municipality if known (from :func:`sender_municipality`): it
    stands for "wij dragen onszelf voor", and it is not a nominee unless a strong cue names it.
    """
    return find_municipalities(
        text, subject, register, day, sender=sender, min_confidence=min_confidence
    ).nominees


def find_municipalities(
    text: str,
    subject: str,
    register: Register,
    day: date,
    *,
    sender: Municipality | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Municipalities:
    """The nominees (as :func:`find_nominees`) and, read in the same pass, the writer: the
    one municipality the text says it is sent on behalf of ("namens de gemeente X", the
    signature, the letterhead, a council's name "Wmo-raad X"), reason ``sender-text``;
    ``None`` when the text names none or several of the same rank."""
    head = Reader(register, day, subject, in_subject=True)
    body = Reader(register, day, text, in_subject=False)
    _read(head, in_subject=True)
    _read(body, in_subject=False)
    senders = sorted(head.senders + body.senders, key=lambda s: (s.rank, s.position))
    chosen = _weigh(head.nominees + body.nominees, senders, sender)
    own = _own_municipalities(senders, sender)
    for evidence, position in head.selves + body.selves:
        for municipality in own:
            _keep_best(
                chosen, Clue(municipality, "self-nomination", _SELF, True, evidence, position)
            )
    if not any(clue.confidence >= DEFAULT_MIN_CONFIDENCE for clue in chosen.values()):
        for clue in _sender_self(senders, sender):
            _keep_best(chosen, clue)
    ranked = sorted(chosen.values(), key=lambda c: (-c.confidence, c.position, c.municipality.name))
    nominees = [
        Match(
            clue.municipality,
            clue.reason,
            round(clue.confidence, 3),
            clue.evidence,
            clue.strong,
            in_subject=clue.position < 0,
        )
        for clue in ranked
        if clue.confidence >= min_confidence
    ]
    letterhead, signature = zones(body.text.folded)
    zoned = [span for span in (*letterhead, *signature)]
    writers = [
        s
        for s in senders
        if s.rank < COUNCIL or any(start <= s.position < end for start, end in zoned)
    ]
    return Municipalities(nominees, _writer(writers))


def _writer(senders: list[Sender]) -> Match | None:
    """The one municipality the best-ranked sending-side clues agree on: "namens de gemeente
    X", the signature, the letterhead; a council ("Wmo-raad X") only there, not one the text
    speaks of ("wij werken nauw samen met de Wmo-raad X")."""
    if not senders:
        return None
    best = [s for s in senders if s.rank == senders[0].rank]
    if len({s.municipality.code for s in best}) != 1:
        return None
    said = best[0]
    return Match(said.municipality, _WRITER_REASON, _WRITER[said.rank], said.evidence)


def _read(reader: Reader, *, in_subject: bool) -> None:
    """Read the sentences for cues and councils, then the letterhead and the signature."""
    announced = False  # "… dragen wij voor als koploper:" and the names come next, listed
    for first, last in reader.sentences:
        sentence = read_sentence(reader, first, last, in_subject=in_subject)
        if announced and is_list_item(reader, sentence):
            mark_listed_nominees(sentence)
        else:
            announced = announces_list(reader, sentence)
        covered = read_councils(reader, first, last)
        collect(reader, sentence, covered, in_subject=in_subject)
    if in_subject:
        return
    letterhead, signature = zones(reader.text.folded)
    for start, end in letterhead:
        read_zone_line(reader, start, end, rank=LETTERHEAD)
    for start, end in signature:
        read_zone_line(reader, start, end, rank=SIGNATURE)


def _keep_best(chosen: dict[str, Clue], clue: Clue) -> None:
    current = chosen.get(clue.municipality.code)
    if current is None or clue.confidence > current.confidence:
        chosen[clue.municipality.code] = clue


def _weigh(
    clues: list[Clue], senders: list[Sender], sender: Municipality | None
) -> dict[str, Clue]:
    """The best clue per municipality, after the sender and strong-cue rules."""
    best: dict[str, Clue] = {}
    repeats: dict[str, int] = {}
    for clue in clues:
        code = clue.municipality.code
        if clue.reason == "gemeente-name" and clue.confidence >= GEMEENTE_NAME:
            repeats[code] = repeats.get(code, 0) + 1
        current = best.get(code)
        if current is None or (clue.strong, clue.confidence) > (current.strong, current.confidence):
            best[code] = clue
    sending = {s.municipality.code for s in senders if s.rank < COUNCIL}
    if sender is not None:
        sending.add(sender.code)
    any_strong = any(clue.strong for clue in best.values())
    weighed: dict[str, Clue] = {}
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


def _own_municipalities(senders: list[Sender], sender: Municipality | None) -> list[Municipality]:
    """The sending side's municipalities, surest first: a nominator, the signature, the
    letterhead, the address, a council's name."""
    written = [s for s in senders if s.rank < COUNCIL]
    if written:
        return _unique(s.municipality for s in written if s.rank == written[0].rank)
    if sender is not None:
        return [sender]
    return _unique(s.municipality for s in senders)


def _sender_self(senders: list[Sender], sender: Municipality | None) -> list[Clue]:
    """Nothing else is named: the sending municipality probably nominates itself."""
    result = []
    for municipality in _own_municipalities(senders, sender):
        said = next((s for s in senders if s.municipality == municipality), None)
        evidence = said.evidence if said else f"sender {municipality.name}"
        if said is None or said.rank == COUNCIL:
            confidence = _SENDER_SELF_WEAK
        elif sender is not None and sender.code == municipality.code:
            confidence = _SENDER_SELF_AGREED
        else:
            confidence = _SENDER_SELF
        result.append(Clue(municipality, "sender-self", confidence, False, evidence, 0))
    return result


def _unique(municipalities: Iterable[Municipality]) -> list[Municipality]:
    return list({m.code: m for m in municipalities}.values())
