"""Which municipality sent a nomination, and which municipality or municipalities it nominates.

Pure: no network, no database, no clock. The day to judge on is passed in, because the set of
municipalities changes every January (Leeuwarderadeel existed on 2017-06-01, Dijk en Waard did
not). The register is the packaged copy of the project's reference list (``data/gemeenten.csv``).

Sender (:func:`sender_municipality`): the e-mail domain, or a parent domain of it
(``wmo.utrecht.nl`` → Utrecht), is looked up among the municipalities active on the day.
Free-mail and provider domains never name a municipality. A domain that several active
municipalities list (a shared service organisation) names none of them: the function returns
``None`` and the text has to decide. Confidence 0.9 for the registered domain itself, 0.85 for
a subdomain: a From address is a claim until DKIM/SPF are checked elsewhere. When the domain
names none (free-mail, a care organisation), a council in the display name names its
municipality (:func:`council_in_name`: "Wmo-raad Purmerend" <wmoraadpurmerend@hotmail.com>,
reason ``sender-name``, 0.6), else the text does (:func:`find_municipalities`: "namens de
Wmo-raad Tynaarlo", the signature, the letterhead; reason ``sender-text``, 0.5 to 0.6).

Nominees (:func:`find_nominees`) are read from the subject and the text: the subject, a
title, whole; the text sentence by sentence (the sentences of :mod:`intake.judging.wording`),
each cut at its semicolons, and a cue word at the end of a line reaches into the next. A name
counts only after a cue ("gemeente X", and in English "the municipality of X"); the
confidence says how strong the cue is:

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

A nominating sentence that names nobody and ends in a colon ("Namens de colleges dragen wij
voor als koploper:") announces a list: the names of the items below it ("- gemeente
Alblasserdam", "- Zwijndrecht") are nominated as in the sentence itself. A letterhead ends
at the salutation ("Geachte jury,"): a "Gemeente X" after it is the text's, not the sender's.

Names that are ordinary Dutch words or people's names (Best, Buren, Bergen, Beek, Ede, Goes …,
see :data:`COMMON_WORD_NAMES`) count only when capitalised, and only after "gemeente" or in a
list with a name that is not a word in a nominating subject or sentence ("Voordracht: Bunnik,
Houten en Wijk bij Duurstede").

The package, in the order a message is read: :mod:`.register` (the municipalities, their
names and domains), :mod:`.sender` (the sender's domain), :mod:`.reader` (one text in words,
its names found and its clues collected), :mod:`.cues` (what the words of a sentence make of
the names in it), :mod:`.letter` (the letterhead, the signature and councils) and
:mod:`.nominees` (deciding). Only the names below are meant for use outside the package.
"""

from intake.judging.municipalities.nominees import (
    DEFAULT_MIN_CONFIDENCE,
    Municipalities,
    find_municipalities,
    find_nominees,
)
from intake.judging.municipalities.register import (
    COMMON_WORD_NAMES,
    Match,
    Municipality,
    MunicipalityRef,
    Register,
    normalise_name,
)
from intake.judging.municipalities.sender import (
    FREE_MAIL_DOMAINS,
    council_in_name,
    sender_municipality,
)

__all__ = [
    "COMMON_WORD_NAMES",
    "DEFAULT_MIN_CONFIDENCE",
    "FREE_MAIL_DOMAINS",
    "Match",
    "Municipalities",
    "Municipality",
    "MunicipalityRef",
    "Register",
    "council_in_name",
    "find_municipalities",
    "find_nominees",
    "normalise_name",
    "sender_municipality",
]
