"""Reading a TOML table by its declaration: the types, bounds and checks a key may have."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import pytest

from intake.config.keys import Check, Key, Number, Text, Whole, read_settings
from intake.errors import ConfigError


def _beside(value: str, folder: Path) -> Path:
    return folder / value


@dataclass(frozen=True, slots=True, kw_only=True)
class Inner:
    """A table within a table."""

    level: Annotated[Whole, Key("A level.", ge=1, le=3)] = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Sample:
    """A table with a key of each kind."""

    name: Annotated[Text, Key("A name.", pattern=r"[a-z]+")]
    enabled: Annotated[bool, Key("On or off.")] = False
    ratio: Annotated[Number, Key("A number.", gt=0)] = 1.0
    mode: Annotated[Literal["a", "b"], Key("A choice.")] = "a"
    note: Annotated[Text | None, Key("Optional text.")] = None
    tags: Annotated[tuple[Text, ...], Key("Some tags.", min_length=1)] = ("x",)
    path: Annotated[str, Check(_beside, beside_config=True), Key("A path.")] = "default.txt"
    inner: Inner = field(default_factory=Inner)


def read(table: dict[str, object]) -> Sample:
    return read_settings(Sample, table, source="test.toml", folder=Path("/base"))


def test_values_are_read_as_declared_and_left_out_keys_take_their_defaults():
    sample = read({"name": "abc", "enabled": True, "ratio": 2, "tags": ["p", "q"]})
    assert sample.enabled is True
    assert sample.ratio == 2.0 and isinstance(sample.ratio, float)
    assert (sample.mode, sample.note, sample.tags) == ("a", None, ("p", "q"))
    assert sample.inner == Inner()


def test_a_path_beside_the_config_is_read_so_written_or_left_out():
    assert read({"name": "abc"}).path == Path("/base/default.txt")
    assert read({"name": "abc", "path": "mine.txt"}).path == Path("/base/mine.txt")


@pytest.mark.parametrize(
    ("table", "key", "reason"),
    [
        ({}, "name", "required key is missing"),
        ({"name": "abc", "nmae": "x"}, "nmae", "unknown key (check its spelling)"),
        ({"name": "ABC"}, "name", 'not a valid value here, got "ABC"'),
        ({"name": "abc\n"}, "name", 'not a valid value here, got "abc\\n"'),
        ({"name": "abc", "enabled": 1}, "enabled", "expected true or false, got 1"),
        ({"name": "abc", "ratio": True}, "ratio", "expected a number, got true"),
        ({"name": "abc", "ratio": 0}, "ratio", "must be greater than zero, got 0"),
        ({"name": "abc", "mode": "c"}, "mode", 'must be one of "a", "b", got "c"'),
        ({"name": "abc", "note": " "}, "note", "must not be empty"),
        ({"name": "abc", "tags": []}, "tags", "must not be empty"),
        ({"name": "abc", "tags": ["p", 2]}, "tags[2]", "expected text, got 2"),
        ({"name": "abc", "inner": {"level": 4}}, "inner.level", "must be at most 3, got 4"),
        ({"name": "abc", "inner": {"level": 0}}, "inner.level", "must be 1 or more, got 0"),
        ({"name": "abc", "inner": []}, "inner", "expected a table, got []"),
    ],
)
def test_a_wrong_value_is_told_with_its_dotted_key(table, key, reason):
    with pytest.raises(ConfigError) as caught:
        read(table)
    assert caught.value.key == key
    assert caught.value.reason == reason
    assert caught.value.source == "test.toml"
