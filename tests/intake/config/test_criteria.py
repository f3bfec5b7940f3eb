"""The 2017 call's criteria, shipped as data and read through the config."""

from __future__ import annotations

from importlib import resources

import pytest

from intake.config import CRITERIA_FILE, default_criteria
from intake.config.criteria import criteria_from_toml
from intake.errors import ConfigError


def test_the_packaged_criteria_are_the_2017_call_s_three():
    criteria = default_criteria()
    assert [c.id for c in criteria] == ["agenda", "samenwerking", "innovatie"]
    assert criteria[0].title == "Cliëntondersteuning staat hoog op de agenda"
    assert all(len(c.terms) > 40 for c in criteria)


def test_the_packaged_file_says_what_it_is():
    text = resources.files("intake").joinpath(CRITERIA_FILE).read_text(encoding="utf-8")
    assert text.startswith('# The assessment criteria of "Koplopers Cliëntondersteuning" (2017)')
    assert "# strong:" in text and "# weak:" in text


def test_a_bad_criteria_file_names_the_file_and_the_key():
    text = '[[criteria]]\nid = "a"\ntitle = "A"\nterms = ["(a|b)"]\n'
    with pytest.raises(ConfigError) as caught:
        criteria_from_toml(text, source="criteria.toml")
    assert caught.value.key == "criteria[1].terms[1]"
    assert caught.value.source == "criteria.toml"
    assert caught.value.reason.startswith('not a term intake can read, got "(a|b)"')


def test_a_criteria_file_has_at_least_one():
    with pytest.raises(ConfigError) as caught:
        criteria_from_toml("criteria = []\n", source="criteria.toml")
    assert caught.value.key == "criteria"
