from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intake.config import example_config, load_settings, parse_deadline
from intake.errors import ConfigError

AMS = ZoneInfo("Europe/Amsterdam")

MINIMAL = """
[campaign]
name = "Koplopers"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"

[mailbox]
host = "imap.example.nl"
username = "koplopers"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "intake.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_config_gets_documented_defaults(tmp_path):
    settings = load_settings(write(tmp_path, MINIMAL), environ={})
    assert settings.campaign.deadline == datetime(2017, 6, 1, 17, tzinfo=AMS)
    assert settings.campaign.deadline.utcoffset().total_seconds() == 2 * 3600
    assert settings.campaign.max_pages == 1
    assert settings.campaign.reference_prefix == "KCO"
    mailbox = settings.require_mailbox()
    assert (mailbox.security, mailbox.port, mailbox.folder) == ("tls", 993, "INBOX")
    assert mailbox.password_env == "INTAKE_IMAP_PASSWORD"
    assert settings.store.url == f"sqlite:///{(tmp_path / 'intake-data' / 'intake.sqlite3')}"


def test_starttls_defaults_to_port_143(tmp_path):
    text = MINIMAL + 'security = "starttls"\n'
    assert load_settings(write(tmp_path, text), environ={}).require_mailbox().port == 143


def test_relative_sqlite_url_is_relative_to_the_config_file(tmp_path):
    text = MINIMAL + '\n[store]\nurl = "sqlite:///data/x.db"\n'
    settings = load_settings(write(tmp_path, text), environ={})
    assert settings.store.url == f"sqlite:///{tmp_path / 'data' / 'x.db'}"


def test_config_found_through_environment(tmp_path):
    path = write(tmp_path, MINIMAL)
    settings = load_settings(None, environ={"INTAKE_CONFIG": str(path)})
    assert settings.source == str(path)


@pytest.mark.parametrize(
    ("change", "key", "fragment"),
    [
        (
            lambda t: t.replace('deadline = "2017-06-01T17:00:00"\n', ""),
            "campaign.deadline",
            "missing",
        ),
        (
            lambda t: t.replace("2017-06-01T17:00:00", "1 juni 2017"),
            "campaign.deadline",
            "ISO 8601",
        ),
        (
            lambda t: t.replace("Europe/Amsterdam", "Europe/Amsterdm"),
            "campaign.timezone",
            "unknown time zone",
        ),
        (
            lambda t: t.replace('host = "imap.example.nl"', 'hots = "imap.example.nl"'),
            "mailbox.host",
            "missing",
        ),
        (lambda t: t + 'hots = "x"\n', "mailbox.hots", "unknown key"),
        (lambda t: t + 'security = "ssl"\n', "mailbox.security", "one of"),
        (lambda t: t + "port = 99999\n", "mailbox.port", "not a TCP port"),
        (lambda t: t + 'port = "993"\n', "mailbox.port", "whole number"),
        (
            lambda t: t.replace("[campaign]", "[campaign]\nmax_pages = 0"),
            "campaign.max_pages",
            "greater than zero",
        ),
        (lambda t: t + "\n[stroe]\n", "stroe", "unknown section"),
        (lambda t: 'source = "x"\n' + t, "source", "unknown section"),
        (lambda t: t.replace("[mailbox]\n", ""), "campaign.host", "unknown key"),
        (lambda t: t[t.index("[mailbox]") :], "campaign", "section [campaign] is missing"),
        (lambda t: t + "port = 993.0\n", "mailbox.port", "whole number"),
        (lambda t: t + "timeout_seconds = true\n", "mailbox.timeout_seconds", "expected a number"),
        (lambda t: t + 'move_to = "INBOX"\n', "mailbox.move_to", "other than"),
        (lambda t: t + 'ca_file = "absent.pem"\n', "mailbox.ca_file", "no such file"),
        (lambda t: t + 'filed_keyword = "a b"\n', "mailbox.filed_keyword", "IMAP keyword"),
        (lambda t: t + 'password_env = "MY-PASS"\n', "mailbox.password_env", "variable"),
        (lambda t: t + "timeout_seconds = nan\n", "mailbox.timeout_seconds", "expected a number"),
        (lambda t: t + "\n[parsing]\nmax_document_mb = inf\n", "parsing.max_document_mb", "number"),
        (
            lambda t: t + "\n[parsing]\nmemory_limit_mb = 99999999999\n",
            "parsing.memory_limit_mb",
            "1 TB",
        ),
        (
            lambda t: t.replace("2017-06-01T17:00:00", "0001-01-01T00:00:00"),
            "campaign.deadline",
            "not a usable date",
        ),
        (
            lambda t: t + '\n[store]\nurl = "sqlite:///a\\u0000b.db"\n',
            "store.url",
            "control characters",
        ),
        (
            lambda t: t.replace('name = "Koplopers"', 'name = "  "'),
            "campaign.name",
            "must not be empty",
        ),
        (
            lambda t: t.replace("[campaign]", '[campaign]\nlanguage = "de"'),
            "campaign.language",
            'one of "nl", "en"',
        ),
        (
            lambda t: t.replace("[campaign]", "[campaign]\nmin_criteria = 4"),
            "campaign.min_criteria",
            "at most the number of criteria (3), got 4",
        ),
        (
            lambda t: t.replace("[campaign]", "[campaign]\ncriteria = []"),
            "campaign.criteria",
            "at least one criterion",
        ),
        (
            lambda t: t + '\n[trust]\nreceiving_hosts = "mx.example.nl"\n',
            "trust.receiving_hosts",
            "expected an array",
        ),
        (
            lambda t: t + "\n[parsing]\nmemory_limit_mb = 128\n",
            "parsing.memory_limit_mb",
            "from 256 MB",
        ),
    ],
)
def test_invalid_config_names_key_and_file(tmp_path, change, key, fragment):
    path = write(tmp_path, change(MINIMAL))
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert caught.value.key == key
    assert str(path) in str(caught.value)
    assert key in str(caught.value)
    assert fragment in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml", environ={})


def test_broken_toml_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[campaign\nname="), environ={})


def test_password_from_environment_or_file(tmp_path):
    settings = load_settings(write(tmp_path, MINIMAL), environ={})
    assert settings.mailbox_password({"INTAKE_IMAP_PASSWORD": "s3cret"}) == "s3cret"
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    assert settings.mailbox_password({"INTAKE_IMAP_PASSWORD_FILE": str(secret)}) == "from-file"
    with pytest.raises(ConfigError) as caught:
        settings.mailbox_password({})
    assert caught.value.key == "mailbox.password_env"
    assert str(tmp_path) in str(caught.value)


def test_password_never_read_from_the_file(tmp_path):
    with pytest.raises(ConfigError, match="unknown key"):
        load_settings(write(tmp_path, MINIMAL + 'password = "hunter2"\n'), environ={})


def test_deadline_in_a_dst_gap_or_overlap_is_refused():
    with pytest.raises(ConfigError, match="does not exist"):
        parse_deadline("2017-03-26T02:30:00", AMS)
    with pytest.raises(ConfigError, match="occurs twice"):
        parse_deadline("2017-10-29T02:30:00", AMS)


def test_deadline_with_explicit_offset_and_toml_datetime():
    assert parse_deadline("2017-06-01T15:00:00+00:00", AMS) == datetime(2017, 6, 1, 17, tzinfo=AMS)
    assert parse_deadline(datetime(2017, 6, 1, 17), AMS) == datetime(2017, 6, 1, 17, tzinfo=AMS)


def test_example_config_written_by_init_is_valid(tmp_path):
    settings = load_settings(write(tmp_path, example_config()), environ={})
    assert settings.campaign.name == "Koplopers Cliëntondersteuning"
    assert settings.campaign.deadline == datetime(2017, 6, 1, 17, tzinfo=AMS)


def test_custom_criteria_replace_the_defaults(tmp_path):
    text = MINIMAL.replace(
        "[mailbox]",
        "min_criteria = 1\n"
        '[[campaign.criteria]]\nid = "bereik"\ntitle = "Bereik"\nterms = ["bereik*", "folder"]\n'
        "\n[mailbox]",
    )
    settings = load_settings(write(tmp_path, text), environ={})
    assert [c.id for c in settings.campaign.criteria] == ["bereik"]
    assert settings.campaign.criteria[0].terms == ("bereik*", "folder")


def test_default_criteria_are_the_2017_calls_three(tmp_path):
    settings = load_settings(write(tmp_path, MINIMAL), environ={})
    assert [c.id for c in settings.campaign.criteria] == ["agenda", "samenwerking", "innovatie"]


def test_a_criterion_without_terms_names_its_key(tmp_path):
    text = MINIMAL.replace(
        "[mailbox]", '[[campaign.criteria]]\nid = "x"\ntitle = "X"\nterms = []\n\n[mailbox]'
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text), environ={})
    assert caught.value.key == "campaign.criteria[1].terms"


def criteria_config(*tables: str) -> str:
    body = "".join(f"[[campaign.criteria]]\n{table}\n" for table in tables)
    return MINIMAL.replace("[mailbox]", "min_criteria = 1\n" + body + "\n[mailbox]")


@pytest.mark.parametrize(
    ("tables", "key", "fragment"),
    [
        (
            ['id = "a"\ntitle = "A"\nterms = ["x"]', 'id = "a"\ntitle = "B"\nterms = ["y"]'],
            "campaign.criteria[2].id",
            'another criterion has the id "a"',
        ),
        (['id = "a"\ntitle = "A"\nterms = ["x?"]'], "campaign.criteria[1].terms[1]", '"x?"'),
        (
            ['id = "a"\ntitle = "A"\nterms = ["x"]\nexamples = ["y", "*"]'],
            "campaign.criteria[1].examples[2]",
            "not a term intake can read",
        ),
        (['id = "a"\ntitle = "A"\nterms = ["x", " "]'], "campaign.criteria[1].terms[2]", "empty"),
        (
            ['id = "a"\ntitle = "A"\nterms = ["x"]\nweight = 2'],
            "campaign.criteria[1].weight",
            "unknown key",
        ),
        (['title = "A"\nterms = ["x"]'], "campaign.criteria[1].id", "missing"),
    ],
)
def test_a_wrong_criterion_names_its_key(tmp_path, tables, key, fragment):
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, criteria_config(*tables)), environ={})
    assert caught.value.key == key
    assert fragment in caught.value.reason


def test_messages_never_show_python_or_library_words(tmp_path):
    wrong = [
        MINIMAL + 'port = "993"\n',
        MINIMAL + "port = []\n",
        MINIMAL + "retries = 1.5\n",
        MINIMAL.replace('"Europe/Amsterdam"', "3"),
        MINIMAL + "\n[mailbox.extra]\n",
        MINIMAL.replace('"Koplopers"', "[1, 2]"),
        MINIMAL + "\n[[trust]]\n",
    ]
    for text in wrong:
        with pytest.raises(ConfigError) as caught:
            load_settings(write(tmp_path, text), environ={})
        message = caught.value.reason
        for word in ("str", "int", "float", "dict", "list", "tuple", "Input should", "pydantic"):
            assert word not in message.split(), (word, message)
        assert "Input should" not in message and "type=" not in message, message


def test_trust_names_are_compared_in_lower_case(tmp_path):
    text = MINIMAL + '\n[trust]\nreceiving_hosts = [" MX.Example.nl "]\n'
    settings = load_settings(write(tmp_path, text), environ={})
    assert settings.trust.receiving_hosts == ("mx.example.nl",)
    assert settings.trust.authserv_ids == ()


def test_ca_file_is_relative_to_the_config_file(tmp_path):
    (tmp_path / "imap-ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    settings = load_settings(write(tmp_path, MINIMAL + 'ca_file = "imap-ca.pem"\n'), environ={})
    assert settings.require_mailbox().ca_file == tmp_path / "imap-ca.pem"
