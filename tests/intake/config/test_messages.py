"""What a coordinator reads when the config is wrong: in their language, naming the key
and the file, never a library's or Python's own words."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intake.config import load_settings, parse_deadline
from intake.config.criteria import criteria_from_toml
from intake.errors import ConfigError
from intake.language import Language, catalog_messages
from tests.support.paths import ROOT

NL, EN = Language("nl"), Language("en")

MINIMAL = """\
[campaign]
name = "Koplopers"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"

[mailbox]
host = "imap.example.nl"
username = "koplopers"
"""


def write(folder: Path, text: str) -> Path:
    path = folder / "intake.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    return caught.value


def in_section(section: str, line: str) -> Callable[[str], str]:
    return lambda text: text.replace(f"[{section}]\n", f"[{section}]\n{line}\n")


@pytest.mark.parametrize(
    ("change", "key", "dutch", "english"),
    [
        (
            in_section("mailbox", 'port = "993"'),
            "mailbox.port",
            'verwacht een geheel getal, niet "993"',
            'expected a whole number, got "993"',
        ),
        (
            in_section("campaign", "skew_minutes = true"),
            "campaign.skew_minutes",
            "verwacht een getal, niet true",
            "expected a number, got true",
        ),
        (
            lambda t: t.replace('name = "Koplopers"', "name = 3"),
            "campaign.name",
            "verwacht tekst, niet 3",
            "expected text, got 3",
        ),
        (
            lambda t: t + '\n[trust]\nreceiving_hosts = "mx.example.nl"\n',
            "trust.receiving_hosts",
            'verwacht een lijst, niet "mx.example.nl"',
            'expected an array, got "mx.example.nl"',
        ),
        (
            lambda t: t + "\n[[trust]]\n",
            "trust",
            "verwacht een tabel, niet een lijst van tabellen",
            "expected a table, got an array of tables",
        ),
        (
            in_section("campaign", "max_pages = 0"),
            "campaign.max_pages",
            "moet groter zijn dan nul, niet 0",
            "must be greater than zero, got 0",
        ),
        (
            in_section("mailbox", "retries = -1"),
            "mailbox.retries",
            "moet nul of meer zijn, niet -1",
            "must be zero or more, got -1",
        ),
        (
            lambda t: t + "\n[parsing]\ntime_limit_seconds = 100000\n",
            "parsing.time_limit_seconds",
            "mag hoogstens 86400 zijn, niet 100000",
            "must be at most 86400, got 100000",
        ),
        (
            in_section("mailbox", "port = 99999"),
            "mailbox.port",
            "geen TCP-poort (1 tot en met 65535); gegeven: 99999",
            "not a TCP port (1 to 65535), got 99999",
        ),
        (
            in_section("mailbox", 'security = "ssl"'),
            "mailbox.security",
            'moet een van "tls", "starttls", "none" zijn, niet "ssl"',
            'must be one of "tls", "starttls", "none", got "ssl"',
        ),
        (
            in_section("mailbox", 'hots = "imap.example.nl"'),
            "mailbox.hots",
            "onbekende sleutel (controleer de spelling)",
            "unknown key (check its spelling)",
        ),
        (
            lambda t: t + "\n[stroe]\n",
            "stroe",
            "onbekende sectie (controleer de spelling)",
            "unknown section (check its spelling)",
        ),
        (
            lambda t: t.replace('host = "imap.example.nl"\n', ""),
            "mailbox.host",
            "verplichte sleutel ontbreekt",
            "required key is missing",
        ),
        (
            lambda t: t[t.index("[mailbox]") :],
            "campaign",
            "sectie [campaign] ontbreekt",
            "section [campaign] is missing",
        ),
        (
            lambda t: t.replace("Europe/Amsterdam", "Mars/Olympus"),
            "campaign.timezone",
            'onbekende tijdzone "Mars/Olympus"',
            'unknown time zone "Mars/Olympus"',
        ),
        (
            lambda t: t.replace("2017-06-01T17:00:00", "2017-03-26T02:30:00"),
            "campaign.deadline",
            "2017-03-26T02:30:00 bestaat niet in Europe/Amsterdam (de zomertijd begint)",
            "2017-03-26T02:30:00 does not exist in Europe/Amsterdam (summer time starts)",
        ),
        (
            in_section("mailbox", 'filed_keyword = "a b"'),
            "mailbox.filed_keyword",
            'geen geldig IMAP-trefwoord (geen spaties, geen ( ) " \\ % * ] {): "a b"',
            'not a valid IMAP keyword (no spaces, no ( ) " \\ % * ] {), got "a b"',
        ),
        (
            in_section("campaign", "min_criteria = 4"),
            "campaign.min_criteria",
            "mag hoogstens het aantal criteria (3) zijn, niet 4",
            "must be at most the number of criteria (3), got 4",
        ),
        (
            in_section("campaign", 'language = "de"'),
            "campaign.language",
            'moet een van "nl", "en" zijn, niet "de"',
            'must be one of "nl", "en", got "de"',
        ),
    ],
)
def test_a_wrong_key_is_told_in_dutch_and_in_english(tmp_path, change, key, dutch, english):
    path = write(tmp_path, change(MINIMAL))
    error = refused(path)
    assert (error.key, error.source) == (key, str(path))
    assert error.told(NL) == f"{path}: {key}: {dutch}"
    assert error.told(EN) == f"{path}: {key}: {english}"
    assert str(error) == error.told(EN)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('[campaign]\nname = "Koplopers\n', 2, 18),
        ("[campaign]\nmax_pages = \n", 2, 13),
        ('[campaign]\nname = "x"\nname = "y"\n', 3, 11),
        ("[campaign]\nname = ", 2, 8),
    ],
)
def test_a_toml_syntax_error_names_line_and_column_in_the_reader_s_words(
    tmp_path, text, line, column
):
    path = write(tmp_path, text)
    error = refused(path)
    assert error.told(NL) == f"{path}: geen geldige TOML op regel {line}, kolom {column}"
    assert error.told(EN) == f"{path}: not valid TOML at line {line}, column {column}"
    library_words = str(error.__cause__)
    assert library_words and library_words not in error.told(EN)
    for word in ("Illegal", "Invalid", "Cannot", "Expected", "document"):
        assert word not in error.told(NL) and word not in error.told(EN)


def test_a_missing_unreadable_or_foreign_file_is_told_in_dutch(tmp_path):
    absent = refused(tmp_path / "absent.toml")
    assert absent.told(NL).startswith(f"{tmp_path / 'absent.toml'}: configuratiebestand niet")
    assert "--config PAD" in absent.told(NL) and "--config PATH" in absent.told(EN)
    folder = refused(tmp_path)
    assert folder.told(NL) == (
        f"{tmp_path}: het configuratiebestand is niet te lezen: het is een map, geen bestand"
    )
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(MINIMAL.replace("Koplopers", "Cliëntondersteuning").encode("latin-1"))
    assert refused(latin1).told(NL) == (
        f"{latin1}: het configuratiebestand is geen UTF-8-tekst (regel 2); sla het op als UTF-8"
    )


def test_the_password_s_absence_is_told_in_dutch_naming_key_and_file(tmp_path):
    path = write(tmp_path, MINIMAL)
    settings = load_settings(path, environ={})
    prefix = f"{path}: mailbox.password_env: "
    with pytest.raises(ConfigError) as caught:
        settings.mailbox_password({})
    assert caught.value.told(NL) == prefix + (
        "de omgevingsvariabele INTAKE_IMAP_PASSWORD (of INTAKE_IMAP_PASSWORD_FILE) "
        "is niet ingesteld"
    )
    for target, reason in (
        (tmp_path / "absent", "het bestand bestaat niet"),
        (tmp_path, "het is een map, geen bestand"),
    ):
        with pytest.raises(ConfigError) as caught:
            settings.mailbox_password({"INTAKE_IMAP_PASSWORD_FILE": str(target)})
        assert caught.value.told(NL) == prefix + (
            f"het wachtwoordbestand dat INTAKE_IMAP_PASSWORD_FILE noemt ({target}), "
            f"is niet te lezen: {reason}"
        )


def test_a_deadline_that_occurs_twice_is_told_with_the_way_out():
    with pytest.raises(ConfigError) as caught:
        parse_deadline("2017-10-29T02:30:00", ZoneInfo("Europe/Amsterdam"))
    assert caught.value.told(NL) == (
        "campaign.deadline: 2017-10-29T02:30:00 komt twee keer voor in Europe/Amsterdam "
        "(de zomertijd eindigt); geef het verschil met UTC erbij, zoals "
        "2017-10-29T02:30:00+02:00"
    )


def test_a_term_the_judging_cannot_read_is_told_without_its_words():
    text = '[[criteria]]\nid = "a"\ntitle = "A"\nterms = ["ok", "(a|b)"]\n'
    with pytest.raises(ConfigError) as caught:
        criteria_from_toml(text, source="criteria.toml")
    assert caught.value.key == "criteria[1].terms[2]"
    told = caught.value.told(NL)
    assert told.startswith("criteria.toml: criteria[1].terms[2]: geen term die intake kan")
    assert '"(a|b)"' in told and "unsupported" not in told


# --- every message is a marked text with a Dutch translation ---------------------------

CONFIG = sorted((ROOT / "intake" / "config").glob("*.py"))


def calls(names: set[str]):
    for path in CONFIG:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names:
                yield path, node


def test_every_error_of_the_config_is_raised_with_a_marked_text():
    raised = list(calls({"Invalid", "ConfigError"}))
    assert len(raised) > 30
    for path, call in raised:
        message = call.args[0] if call.args else None
        where = f"{path.name}:{call.lineno}"
        assert message is not None, where
        assert not isinstance(message, ast.Constant | ast.JoinedStr | ast.BinOp), where
        if isinstance(message, ast.Call):
            assert getattr(message.func, "id", None) == "N_", where


def test_every_marked_text_of_the_config_has_a_dutch_translation():
    dutch = catalog_messages("nl")
    marked = [call.args[0].value for _, call in calls({"N_"})]
    assert len(marked) > 100
    for text in marked:
        assert dutch.get(text), text
