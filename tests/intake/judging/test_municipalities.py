"""Municipalities: the register, the sender's domain, and the nominees read from a nomination."""

from __future__ import annotations

import csv
import time
from datetime import date
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.judging.municipalities import (
    DEFAULT_MIN_CONFIDENCE,
    Match,
    Municipality,
    Register,
    council_in_name,
    find_municipalities,
    find_nominees,
    normalise_name,
    sender_municipality,
)

CALL_DAY = date(2017, 6, 1)
REGISTER = Register.load()


def named(code: str) -> Municipality:
    municipality = REGISTER.by_code(code)
    assert municipality is not None
    return municipality


def names(matches: list[Match]) -> list[str]:
    return [match.municipality.name for match in matches]


# --- the register -----------------------------------------------------------------------


def packaged_rows() -> list[dict[str, str]]:
    text = resources.files("intake").joinpath("data/gemeenten.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_every_row_of_the_csv_loads_with_its_fields():
    rows = packaged_rows()
    assert len(rows) == len(REGISTER) == 405
    for row in rows:
        municipality = named(row["code"])
        assert municipality.name == row["name"]
        assert municipality.valid_from == date.fromisoformat(row["valid_from"])
        assert municipality.domains, row["code"]
        assert ";".join(municipality.domains) == row["domains"]
        if row["successor_code"]:
            assert named(row["successor_code"]).valid_to is None


@pytest.mark.parametrize(
    ("day", "active"),
    [(CALL_DAY, 388), (date(2018, 1, 1), 380), (date(2025, 1, 1), 342)],
)
def test_the_number_of_municipalities_active_on_a_day(day, active):
    assert len(REGISTER.active_on(day)) == active


def test_the_register_is_loaded_once():
    assert Register.load() is REGISTER


def test_a_register_from_rows_for_tests():
    register = Register.from_rows(
        [
            {"code": "GM9001", "name": "Testdorp", "province": "Utrecht",
             "valid_from": "2000-01-01", "valid_to": "", "successor_code": "",
             "domains": "testdorp.nl", "aliases": "Tdorp"},
        ]
    )  # fmt: skip
    (only,) = register
    assert (only.code, only.valid_to, only.successor_code, only.aliases) == (
        "GM9001",
        None,
        None,
        ("Tdorp",),
    )
    assert register.by_name("tdorp") == (only,)
    assert only.ref.name == "Testdorp"


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        ("Súdwest-Fryslân", ["GM1900"]),
        ("Sudwest Fryslan", ["GM1900"]),
        ("SUDWEST-FRYSLAN", ["GM1900"]),
        ("Gemeente Súdwest-Fryslân", ["GM1900"]),
        ("'s-Hertogenbosch", ["GM0796"]),
        ("s-Hertogenbosch", ["GM0796"]),
        ("’s Hertogenbosch", ["GM0796"]),
        ("Den Bosch", ["GM0796"]),
        ("Den Haag", ["GM0518"]),
        ("The Hague", ["GM0518"]),
        ("'s-Gravenhage", ["GM0518"]),
        ("Bergen (NH)", ["GM0373"]),
        ("Bergen NH", ["GM0373"]),
        ("Bergen (L.)", ["GM0893"]),
        ("Bergen", ["GM0373", "GM0893"]),
        ("Hengelo (O.)", ["GM0164"]),
        ("Hendrik Ido Ambacht", ["GM0531"]),
        ("Nuenen", ["GM0820"]),
        ("Tietjerksteradeel", ["GM0737"]),
        ("Dijk en Waard", []),  # formed in 2022
        ("Leeuwarderadeel", ["GM0081"]),  # merged into Leeuwarden in 2018
        ("Bolsward", []),  # merged into Súdwest-Fryslân in 2011: not in the register
    ],
)
def test_names_and_aliases_on_the_call_day(written, codes):
    assert sorted(m.code for m in REGISTER.by_name(written, CALL_DAY)) == codes


def test_a_name_depends_on_the_day():
    assert REGISTER.by_name("Leeuwarderadeel", date(2019, 1, 1)) == ()
    assert [m.code for m in REGISTER.by_name("Dijk en Waard", date(2023, 1, 1))] == ["GM1980"]


def test_normalise_name():
    assert normalise_name("Gemeente Súdwest-Fryslân") == "sudwest fryslan"
    assert normalise_name("Bergen (NH.)") == "bergen nh"


# --- the sender's domain ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "name", "confidence"),
    [
        ("Ans de Vries <a.devries@utrecht.nl>", "Utrecht", 0.9),
        ("wmo-loket@wmo.utrecht.nl", "Utrecht", 0.85),
        ("INFO@UTRECHT.NL", "Utrecht", 0.9),
        ("secretariaat@s-hertogenbosch.nl", "'s-Hertogenbosch", 0.9),
        ("j.jansen@denhaag.nl", "'s-Gravenhage", 0.9),
        ("info@gemeentesudwestfryslan.nl", "Súdwest-Fryslân", 0.9),
        ("postbus@bussum.nl", "Gooise Meren", 0.9),  # a predecessor's domain kept
        ("gemeente@hetbildt.nl", "het Bildt", 0.9),  # existed until 2017-12-31
        ("wmoraad.tiel@gmail.com", None, None),
        ("clientenraad@hotmail.com", None, None),
        ("adviesraad@outlook.com", None, None),
        ("p.bakker@live.nl", None, None),
        ("fam.degroot@ziggo.nl", None, None),
        ("j.smit@kpnmail.nl", None, None),
        ("kees@xs4all.nl", None, None),
        ("m.visser@planet.nl", None, None),
        ("r.mulder@home.nl", None, None),
        ("anne@icloud.com", None, None),
        ("adviesraad_wmo@yahoo.com", None, None),
        ("info@belcombinatie.nl", None, None),  # shared by three: removed from the data
        ("info@notutrecht.nl", None, None),
        ("info@utrecht.nl.example.com", None, None),
        ("geen adres", None, None),
    ],
)
def test_sender_by_domain(address, name, confidence):
    match = sender_municipality(address, REGISTER, CALL_DAY)
    if name is None:
        assert match is None
    else:
        assert match is not None
        assert (match.municipality.name, match.reason, match.confidence) == (
            name,
            "sender-domain",
            confidence,
        )


@pytest.mark.parametrize(
    ("display", "name"),
    [
        ("Wmo-raad Purmerend", "Purmerend"),
        ("Adviesraad Sociaal Domein Zeist", "Zeist"),
        ("Cliëntenraad Sociaal Domein Alkmaar", "Alkmaar"),
        ("Wmo-adviesraad Deventer", "Deventer"),
        ("Jan Bos", None),  # a person
        ("Gemeente Zeist", None),  # a municipality on free-mail is anyone's claim
        ("Wmo-raden Noordwijk en Noordwijkerhout", None),  # two: neither
        ("", None),
    ],
)
def test_a_council_in_the_display_name_names_its_municipality(display, name):
    match = council_in_name(display, REGISTER, CALL_DAY)
    if name is None:
        assert match is None
    else:
        assert match is not None
        assert (match.municipality.name, match.reason) == (name, "sender-name")
        assert match.confidence < sender_municipality("a@zeist.nl", REGISTER, CALL_DAY).confidence


@pytest.mark.parametrize(
    ("text", "writer"),
    [
        (
            "Geachte jury,\n\nWij dragen de gemeente Assen voor.\n\nMet vriendelijke groet,\n"
            "\nJan Bos\nnamens de Wmo-raad Tynaarlo\n",
            "Tynaarlo",
        ),
        (
            "Geachte jury,\n\nDe gemeente Soest draagt de gemeente Baarn voor.\n",
            "Soest",
        ),
        ("Geachte jury,\n\nWij dragen de gemeente Baarn voor.\n\nGroet, Jan\n", None),
        (  # a council the text speaks of is not the writer
            "Geachte jury,\n\nMEE Utrecht draagt de gemeente Baarn voor. Wij werken daar "
            "nauw samen met de Wmo-raad Zeist.\n\nMet vriendelijke groet,\nMarja Bos\n"
            "MEE Utrecht\n",
            None,
        ),
    ],
)
def test_the_text_says_on_whose_behalf_it_is_written(text, writer):
    found = find_municipalities(text, "Voordracht", REGISTER, CALL_DAY)
    assert [m.municipality.name for m in found.nominees][:1] in (["Assen"], ["Baarn"])
    if writer is None:
        assert found.writer is None
    else:
        assert found.writer is not None
        assert (found.writer.municipality.name, found.writer.reason) == (writer, "sender-text")


def test_a_dissolved_municipalitys_domain_names_nobody_after_it_ended():
    assert sender_municipality("gemeente@hetbildt.nl", REGISTER, date(2019, 1, 1)) is None


def shared_service_register() -> Register:
    def row(code: str, name: str, valid_to: str = "") -> dict[str, str]:
        return {"code": code, "name": name, "province": "Utrecht", "valid_from": "2000-01-01",
                "valid_to": valid_to, "successor_code": "", "aliases": "",
                "domains": f"{name.lower()}.nl;werkorganisatie-bzw.nl"}  # fmt: skip

    return Register.from_rows(
        [
            row("GM9001", "Bosdorp"),
            row("GM9002", "Zandwijk"),
            row("GM9003", "Weidedam", "2016-12-31"),
        ]
    )


def test_a_shared_service_domain_is_ambiguous_and_names_nobody():
    register = shared_service_register()
    assert sender_municipality("wmo@werkorganisatie-bzw.nl", register, CALL_DAY) is None
    match = sender_municipality("wmo@bosdorp.nl", register, CALL_DAY)
    assert match is not None
    assert match.municipality.name == "Bosdorp"


def test_a_shared_domain_with_one_municipality_left_names_it():
    register = shared_service_register()
    only = Register([m for m in register if m.code != "GM9002"])
    match = sender_municipality("wmo@werkorganisatie-bzw.nl", only, CALL_DAY)
    assert match is not None
    assert match.municipality.name == "Bosdorp"


# --- nominees ---------------------------------------------------------------------------

LETTER_EDE = "Gemeente Ede\n\nGeachte jury,\n\n{body}\n\nMet vriendelijke groet,\n\nGemeente Ede"


def case(
    name: str,
    text: str,
    expected: list[str],
    reason: str | None = None,
    *,
    subject: str = "",
    sender: str | None = None,
) -> object:
    """One row: a nomination's text (and subject, sending municipality), and the nominees
    expected, surest first, with the reason of the first."""
    return pytest.param(subject, text, sender, expected, reason, id=name)


NOMINEES = [
    case(
        "phrase",
        "Hierbij dragen wij de gemeente Zwolle voor als koploper cliëntondersteuning.",
        ["Zwolle"],
        "nomination-phrase",
        subject="Voordracht",
    ),
    case(
        "subject-gemeente",
        "Zie de bijlage.",
        ["Zwolle"],
        "subject",
        subject="Voordracht koplopers: gemeente Zwolle",
    ),
    case(
        "subject-bare-alias",
        "Onze voordracht zit in de bijlage.",
        ["'s-Gravenhage"],
        "alias",
        subject="Nominatie Den Haag",
    ),
    case(
        "subject-capitals",
        "",
        ["Haarlemmermeer"],
        "subject",
        subject="VOORDRACHT GEMEENTE HAARLEMMERMEER",
    ),
    case(
        "diacritics",
        "Wij nomineren de gemeente Súdwest-Fryslân als koploper.",
        ["Súdwest-Fryslân"],
        "nomination-phrase",
    ),
    case(
        "no-diacritics",
        "De Wmo-raad draagt de gemeente Sudwest Fryslan voor.",
        ["Súdwest-Fryslân"],
        "nomination-phrase",
    ),
    case(
        "den-bosch",
        "Graag dragen wij de gemeente Den Bosch voor als koploper.",
        ["'s-Hertogenbosch"],
        "alias",
    ),
    case(
        "s-hertogenbosch",
        "De cliëntenraad draagt de gemeente 's-Hertogenbosch voor.",
        ["'s-Hertogenbosch"],
        "nomination-phrase",
    ),
    case(
        "bergen-nh",
        "Wij dragen de gemeente Bergen (NH) voor.",
        ["Bergen (NH)"],
        "nomination-phrase",
    ),
    case("bergen-ambiguous", "Wij dragen de gemeente Bergen voor.", []),
    case(
        "hengelo-o",
        "De adviesraad draagt de gemeente Hengelo (O.) voor.",
        ["Hengelo"],
        "nomination-phrase",
    ),
    case(
        "nuenen-short",
        "Wij dragen de gemeente Nuenen voor als koploper.",
        ["Nuenen, Gerwen en Nederwetten"],
        "nomination-phrase",
    ),
    case(
        "long-name",
        "Wij dragen de gemeente Capelle aan den IJssel voor.",
        ["Capelle aan den IJssel"],
        "nomination-phrase",
    ),
    case(
        "typo-fuzzy",
        "Hierbij dragen wij de gemeente Haarlemermeeer voor.",
        ["Haarlemmermeer"],
        "fuzzy",
    ),
    case(
        "de-for-den-fuzzy",
        "Wij dragen de gemeente Alphen aan de Rijn voor.",
        ["Alphen aan den Rijn"],
        "fuzzy",
    ),
    case("joined-fuzzy", "Wij nomineren de gemeente Sudwestfryslan.", ["Súdwest-Fryslân"], "fuzzy"),
    case("not-yet", "Wij dragen de gemeente Dijk en Waard voor.", []),
    case(
        "still-there",
        "Wij dragen de gemeente Leeuwarderadeel voor.",
        ["Leeuwarderadeel"],
        "nomination-phrase",
    ),
    case("long-gone", "Wij dragen de gemeente Wymbritseradiel voor.", []),
    case("passing-in", "Net als in Amsterdam hebben we een cliëntenpanel opgezet.", []),
    case("passing-learnt", "We leerden veel van Utrecht en van de regio Twente.", []),
    case("region", "In de regio Twente werken de gemeenten nauw samen.", []),
    case("words-lowercase", "Het is de best passende aanpak; de beek en de bergen zijn mooi.", []),
    case("words-capitalised", "Best practices uit Goes en Ede zijn enthousiast ontvangen.", []),
    case("people", "Mevrouw Ede Bergen en de heer Van Buren schreven deze voordracht.", []),
    case("gemeente-best-word", "Wij vinden de gemeente best een goed voorbeeld.", []),
    case(
        "gemeente-best",
        "Wij dragen de gemeente Best voor als koploper.",
        ["Best"],
        "nomination-phrase",
    ),
    case(
        "contact-person",
        "Wij dragen de gemeente Tiel voor. Contactpersoon: Annemiek Goes, beleidsadviseur.",
        ["Tiel"],
        "nomination-phrase",
    ),
    case(
        "joint-list",
        "Wij dragen de gemeenten Ede, Wageningen en Renkum gezamenlijk voor.",
        ["Ede", "Wageningen", "Renkum"],
        "nomination-phrase",
    ),
    case(
        "joint-region",
        "Regio Foodvalley: de gemeenten Ede en Wageningen worden hierbij voorgedragen "
        "als koploper.",
        ["Ede", "Wageningen"],
        "nomination-phrase",
    ),
    case(
        "joint-twice",
        "Wij dragen de gemeente Ede en de gemeente Wageningen voor.",
        ["Ede", "Wageningen"],
        "nomination-phrase",
    ),
    case(
        "joint-and-in-name",
        "Wij dragen de gemeenten Best en Son en Breugel voor.",
        ["Best", "Son en Breugel"],
        "nomination-phrase",
    ),
    case(
        "letterhead-signature",
        LETTER_EDE.format(body="Hierbij dragen wij de gemeente Wageningen voor als koploper."),
        ["Wageningen"],
        "nomination-phrase",
    ),
    case(
        "sender-names-other",
        "De gemeente Ede draagt de gemeente Wageningen voor.",
        ["Wageningen"],
        "nomination-phrase",
        sender="GM0228",
    ),
    case(
        "inverted-subject",
        "Hierbij draagt de gemeente Ede de gemeente Wageningen voor als koploper.",
        ["Wageningen"],
        "nomination-phrase",
    ),
    case(
        "namens",
        "Namens de gemeente Ede dragen wij de gemeente Wageningen voor.",
        ["Wageningen"],
        "nomination-phrase",
    ),
    case(
        "self-sender",
        "Wij dragen onszelf voor als koploper cliëntondersteuning.",
        ["Tiel"],
        "self-nomination",
        sender="GM0281",
    ),
    case(
        "self-letterhead",
        LETTER_EDE.format(body="Graag dragen wij onze eigen gemeente voor."),
        ["Ede"],
        "self-nomination",
    ),
    case(
        "self-college",
        "Geachte jury,\n\nWij dragen onze gemeente voor als koploper.\n\nHoogachtend,\n\n"
        "het college van burgemeester en wethouders van Zwolle,\nde secretaris,\nde burgemeester,",
        ["Zwolle"],
        "self-nomination",
    ),
    case(
        "self-council",
        "Graag dragen wij onze gemeente voor.\n\nMet vriendelijke groet,\n\n"
        "Adviesraad Sociaal Domein Súdwest-Fryslân\nPiet de Jong, voorzitter",
        ["Súdwest-Fryslân"],
        "self-nomination",
    ),
    case("self-unknown", "Wij dragen onszelf voor als koploper.", []),
    case(
        "sender-only",
        "In de bijlage vindt u onze voordracht.",
        ["Ede"],
        "sender-self",
        subject="Koplopers cliëntondersteuning",
        sender="GM0228",
    ),
    case(
        "letterhead-only",
        "Gemeente Middelburg\n\nGeachte jury,\n\n"
        "In onze gemeente staat cliëntondersteuning hoog op de agenda van de raad.",
        ["Middelburg"],
        "sender-self",
    ),
    case(
        "passing-beside-nominee",
        "Wij dragen de gemeente Ede voor. "
        "Net als de gemeente Utrecht werkt Ede met een cliëntenpanel.",
        ["Ede"],
        "nomination-phrase",
    ),
    case(
        "weak-beside-nominee",
        "Wij dragen de gemeente Ede voor. Ede werkt samen met de gemeente Barneveld.",
        ["Ede"],
        "nomination-phrase",
    ),
    case(
        "only-mentioned",
        "De gemeente Zwolle heeft cliëntondersteuning hoog op de agenda staan.",
        ["Zwolle"],
        "gemeente-name",
        subject="Koplopers",
    ),
    case(
        "object-first",
        "De gemeente Deventer dragen wij met overtuiging voor.",
        ["Deventer"],
        "nomination-phrase",
    ),
    case(
        "voordragen",
        "Wij willen de gemeente Apeldoorn graag voordragen als koploper.",
        ["Apeldoorn"],
        "nomination-phrase",
    ),
    case("voordracht-colon", "Onze voordracht: gemeente Almere.", ["Almere"], "nomination-phrase"),
    case("kandidaat", "Onze kandidaat is de gemeente Lochem.", ["Lochem"], "nomination-phrase"),
    case(
        "bare-object",
        "Wij dragen Wageningen voor als koploper.",
        ["Wageningen"],
        "nomination-phrase",
    ),
    case(
        "wrapped-line",
        "Hierbij dragen wij, na overleg met de cliëntenraad en de Wmo-raad, de gemeente\n"
        "Leeuwarden voor als koploper cliëntondersteuning 2017.",
        ["Leeuwarden"],
        "nomination-phrase",
    ),
    case(
        "aside-in-phrase",
        "Wij dragen, net als Utrecht vorig jaar, de gemeente Zeist voor.",
        ["Zeist"],
        "nomination-phrase",
    ),
    case(
        "neighbour",
        "Wij dragen de gemeente Zeist voor; ook buurgemeente De Bilt is actief.",
        ["Zeist"],
        "nomination-phrase",
    ),
    case(
        "signature-person",
        "Wij dragen onze gemeente voor als koploper.\n\nMet vriendelijke groet,\n\n"
        "Pieter Buren\nWethouder Sociaal Domein\nGemeente Epe",
        ["Epe"],
        "self-nomination",
    ),
    case("subject-best-practice", "", [], subject="Voordracht Best Practice Cliëntondersteuning"),
    # the sending side by grammar: the owner of a voordracht, an apposition to wij/ons
    case(
        "possessive-voordracht",
        "In de bijlage vindt u de voordracht van de gemeente Lochem voor de Koplopers "
        "Cliëntondersteuning 2017. Wij dragen de gemeente Zutphen voor.",
        ["Zutphen"],
        "nomination-phrase",
        sender="GM0262",
    ),
    case(
        "possessive-bare",
        "Hierbij de voordracht van Lochem: wij dragen de gemeente Zutphen voor.",
        ["Zutphen"],
        "nomination-phrase",
    ),
    case(
        "possessive-alone-is-the-sender",
        "In de bijlage vindt u de voordracht van de gemeente Lochem.",
        ["Lochem"],
        "sender-self",
    ),
    case(
        "nominatie-van-is-the-nominee",
        "Hierbij de nominatie van de gemeente Zutphen als koploper.",
        ["Zutphen"],
        "nomination-phrase",
        sender="GM0262",
    ),
    case(
        "apposition-comma",
        "Hierbij dragen wij, de gemeente Breda, de gemeente Tilburg voor als koploper.",
        ["Tilburg"],
        "nomination-phrase",
        sender="GM0758",
    ),
    case(
        "apposition-als",
        "Wij als gemeente Breda dragen graag de gemeente Tilburg voor.",
        ["Tilburg"],
        "nomination-phrase",
    ),
    case(
        "apposition-als-self",
        "Wij, als gemeente Nijmegen, dragen onszelf voor als koploper.",
        ["Nijmegen"],
        "self-nomination",
    ),
    case(
        "pronoun-without-comma-is-the-object",
        "Daarom willen wij de gemeente Tilburg voordragen als koploper.",
        ["Tilburg"],
        "nomination-phrase",
        sender="GM0758",
    ),
    # a name that is also a word, in a list of names in a nominating subject or sentence
    case(
        "common-word-in-subject-list",
        "Zie de bijlage.",
        ["Bunnik", "Houten", "Wijk bij Duurstede"],
        "subject",
        subject="Gezamenlijke voordracht Kromme Rijngemeenten: Bunnik, Houten en "
        "Wijk bij Duurstede",
        sender="GM0352",
    ),
    case(
        "common-word-in-sentence-list",
        "Wij dragen Bunnik, Houten en Wijk bij Duurstede gezamenlijk voor als koploper.",
        ["Bunnik", "Houten", "Wijk bij Duurstede"],
        "nomination-phrase",
    ),
    case(
        "common-word-list-ampersand",
        "Onze voordracht: Ermelo & Putten.",
        ["Ermelo", "Putten"],
        "nomination-phrase",
    ),
    case(
        "common-word-lowercase-in-list",
        "Wij dragen Bunnik voor, met houten banken en goede ideeën.",
        ["Bunnik"],
        "nomination-phrase",
    ),
    case(
        "common-word-alone-in-subject",
        "Zie de bijlage.",
        [],
        subject="Voordracht Houten",
    ),
    case(
        "common-word-alone-in-passing",
        "Wij dragen de gemeente Zeist voor. Houten doet ook mee en Bunnik ook.",
        ["Zeist"],
        "nomination-phrase",
    ),
    case(
        "common-words-only-in-list",
        "Wij dragen Best, Goes en Ede voor.",
        [],
    ),
    case(
        "common-word-list-outside-nomination",
        "Wij hebben samengewerkt met Bunnik, Houten en Zeist. Onze gemeente draagt zich voor.",
        [],
    ),
    # how the text is cut: sentences, clauses, wrapped lines, the subject as a title
    case(
        "subject-with-separator",
        "Zie de bijlage.",
        ["Zwolle"],
        "subject",
        subject="Voordracht | Zwolle",
    ),
    case(
        "semicolon-ends-the-clause",
        "Wij dragen Zwolle voor; de gemeente Ede werkt mee.",
        ["Zwolle"],
        "nomination-phrase",
    ),
    case(
        "narrow-lines-in-lower-case-continue",
        "Graag dragen wij de\ngemeente Zwolle voor.",
        ["Zwolle"],
        "nomination-phrase",
    ),
    case(
        "cue-at-the-end-of-a-short-line",
        "Namens de adviesraad dragen wij de gemeente\nHaarlemmermeer voor als koploper.",
        ["Haarlemmermeer"],
        "nomination-phrase",
    ),
    # English, and lists announced by a nominating sentence
    case(
        "english-municipality-of",
        "On behalf of the City of Amsterdam, we nominate the municipality of Amstelveen as a "
        "frontrunner in client support.",
        ["Amstelveen"],
        "nomination-phrase",
    ),
    case(
        "english-municipality-of-in-passing",
        "We nominate Leiden. We visited the municipality of Zwolle last year.",
        ["Leiden"],
        "nomination-phrase",
    ),
    case(
        "english-put-forward-and-a-passing-mention",
        "We would like to put forward Amstelveen as a frontrunner. Inspired by the "
        "municipality of Utrecht, Amstelveen set up a client panel.",
        ["Amstelveen"],
        "nomination-phrase",
    ),
    case(
        "supporters-listed-after-a-colon-are-no-nominees",
        "De Wmo-raad draagt de gemeente Tiel voor als koploper.\n\nDeze voordracht wordt "
        "ondersteund door:\n- gemeente Culemborg\n- gemeente Buren\n",
        ["Tiel"],
        "nomination-phrase",
    ),
    case(
        "list-after-a-nominating-colon",
        "Namens de Drechtsteden dragen wij de volgende gemeenten voor als koploper:\n"
        "- Alblasserdam\n- Hendrik-Ido-Ambacht\n- Zwijndrecht\n\nToelichting volgt.",
        ["Alblasserdam", "Hendrik-Ido-Ambacht", "Zwijndrecht"],
        "nomination-phrase",
    ),
    case(
        "letterhead-ends-at-the-salutation",
        "Gemeente Ede\nPostbus 9022\n\nGeachte jury,\n\nGemeente Wageningen verdient "
        "het.\n\nHierbij dragen wij Wageningen voor.",
        ["Wageningen"],
        "nomination-phrase",
    ),
    case(
        "abbreviation-inside-a-sentence",
        "Contactpersoon: dhr. Ede Jansen. Wij dragen de gemeente Zwolle voor.",
        ["Zwolle"],
        "nomination-phrase",
    ),
]


@pytest.mark.parametrize(
    ("subject", "text", "sender", "expected", "reason"),
    NOMINEES,
)
def test_nominees(subject, text, sender, expected, reason):
    matches = find_nominees(
        text, subject, REGISTER, CALL_DAY, sender=named(sender) if sender else None
    )
    assert names(matches) == expected
    if expected:
        assert matches[0].reason == reason
    assert all(m.confidence >= DEFAULT_MIN_CONFIDENCE for m in matches)


def test_there_are_enough_rows():
    assert len(NOMINEES) >= 40


def test_a_match_carries_its_evidence():
    text = "Geachte jury,\n\nHierbij dragen wij de gemeente Súdwest-Fryslân voor als koploper."
    (match,) = find_nominees(text, "", REGISTER, CALL_DAY)
    assert match.evidence.startswith("Hierbij dragen wij de gemeente Súdwest-Fryslân voor")
    assert 0.85 <= match.confidence <= 1


def test_a_cue_at_the_end_of_a_line_reaches_the_name_on_the_next():
    text = "Namens de adviesraad dragen wij de gemeente\nHaarlemmermeer voor als koploper."
    (match,) = find_nominees(text, "", REGISTER, CALL_DAY)
    assert (match.municipality.name, match.confidence) == ("Haarlemmermeer", 0.9)
    assert match.evidence == (
        "Namens de adviesraad dragen wij de gemeente Haarlemmermeer voor als koploper"
    )


def test_passing_mentions_are_read_but_left_out_by_default():
    text = "We leerden veel van Utrecht. Wij dragen de gemeente Bergen voor."
    assert find_nominees(text, "", REGISTER, CALL_DAY) == []
    everything = find_nominees(text, "", REGISTER, CALL_DAY, min_confidence=0)
    assert {(m.municipality.name, m.reason) for m in everything} == {
        ("Utrecht", "mention"),
        ("Bergen (NH)", "nomination-phrase"),
        ("Bergen (L)", "nomination-phrase"),
    }
    assert all(m.confidence < DEFAULT_MIN_CONFIDENCE for m in everything)


def test_the_sender_is_kept_when_a_strong_cue_names_it_too():
    text = "De gemeente Ede draagt zichzelf en de gemeente Wageningen voor."
    matches = find_nominees(text, "Voordracht gemeente Ede", REGISTER, CALL_DAY)
    assert names(matches) == ["Ede", "Wageningen"]


def test_a_municipality_is_only_nominated_when_it_exists_on_the_day():
    text = "Wij dragen de gemeente Dijk en Waard voor."
    assert names(find_nominees(text, "", REGISTER, date(2023, 1, 1))) == ["Dijk en Waard"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het Land van Cuijk is een mooie streek om te wonen.", []),
        ("Wij dragen de gemeente Land van Cuijk voor als koploper.", ["Land van Cuijk"]),
    ],
)
def test_a_name_that_is_also_a_region_needs_the_word_gemeente(text, expected):
    assert names(find_nominees(text, "", REGISTER, date(2023, 1, 1))) == expected


def test_results_are_sorted_surest_first():
    text = "Wij dragen de gemeente Den Haag en de gemeente Haarlemermeeer voor."
    matches = find_nominees(text, "", REGISTER, CALL_DAY, min_confidence=0)
    confidences = [m.confidence for m in matches]
    assert confidences == sorted(confidences, reverse=True)
    assert names(matches) == ["'s-Gravenhage", "Haarlemmermeer"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.text(max_size=60))
def test_any_text_gives_valid_matches(text, subject):
    for match in find_nominees(text, subject, REGISTER, CALL_DAY, min_confidence=0):
        assert 0 <= match.confidence <= 1
        assert match.municipality.active_on(CALL_DAY)


ONE_PAGE = (
    "Gemeente Súdwest-Fryslân\nPostbus 10000\n8600 HA Sneek\n\nGeachte jury,\n\n"
    "Hierbij dragen wij de gemeente Súdwest-Fryslân voor als koploper cliëntondersteuning.\n\n"
    + (
        "Cliëntondersteuning staat hoog op de agenda van de raad, de Wmo-raad en de cliëntenraad. "
        "Net als in Leeuwarden en Heerenveen werken wij samen met vrijwilligers en professionals, "
        "en we leerden veel van Utrecht en van de regio Twente. Signalen van inwoners gebruiken "
        "we om het beleid te verbeteren; de cliëntervaring wordt jaarlijks gemeten.\n"
    )
    * 8
    + "\nMet vriendelijke groet,\n\n"
    + "Het college van burgemeester en wethouders van Súdwest-Fryslân\n"
)


def test_one_page_is_read_in_milliseconds():
    find_nominees(ONE_PAGE, "Voordracht", REGISTER, CALL_DAY)
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        matches = find_nominees(ONE_PAGE, "Voordracht", REGISTER, CALL_DAY)
    per_page = (time.perf_counter() - started) / runs
    assert names(matches) == ["Súdwest-Fryslân"]
    assert per_page < 0.5  # a hang guard; typical is about 3 ms
