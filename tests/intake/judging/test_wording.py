"""Wording: folded words with the way back to the original, and sentences as spans of it."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.judging.wording import WORD, fold, fold_words, sentences, split_sentences

# --- folding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Wmo-raad", "wmo-raad"),
        ("Cliënt", "client"),
        ("Súdwest-Fryslân", "sudwest-fryslan"),
        ("GEËVALUEERD", "geevalueerd"),
        ("Straße", "strasse"),
        ("ﬁnanciën", "financien"),
        ("İJsselstein", "ijsselstein"),
        ("ĲSSELSTEIN", "ijsselstein"),
        ("½ uur", "1⁄2 uur"),
        ("", ""),
    ],
)
def test_fold_writes_lower_case_without_diacritics(text, folded):
    assert fold(text).text == folded


def test_a_character_that_folds_to_two_letters_maps_both_back_to_itself():
    text = "De Straße en de ﬁets"
    folded = fold(text)

    assert folded.text == "de strasse en de fiets"
    assert [text[folded.at(i)] for i in range(len(folded.text))] == list("De Straßße en de ﬁﬁets")
    assert folded.at(len(folded.text)) == len(text)


def test_the_words_of_a_folded_text_map_back_to_the_words_as_written():
    text = "Wij dragen ﬁjn de gemeente Súdwest-Fryslân voor, aan de Straße."
    folded = fold(text)

    written = [
        text[folded.at(word.start()) : folded.at(word.end())] for word in WORD.finditer(folded.text)
    ]

    assert written == [
        *("Wij", "dragen", "ﬁjn", "de", "gemeente", "Súdwest", "Fryslân"),
        *("voor", "aan", "de", "Straße"),
    ]


def test_a_combining_mark_on_its_own_folds_to_nothing():
    text = "q\u0308 x"  # no precomposed q with a diaeresis exists: NFC keeps it apart
    folded = fold(text)

    assert folded.text == "q x"
    assert [folded.at(i) for i in range(len(folded.text) + 1)] == [0, 2, 3, 4]


def test_a_text_that_keeps_its_length_needs_no_map():
    assert fold("Cliënten in Fryslân").origin is None
    assert fold("plain ascii").origin is None


def test_fold_words():
    assert fold_words("Wmo-raad Súdwest, (NH.)") == ["wmo", "raad", "sudwest", "nh"]


nfc_text = st.text(max_size=200).map(lambda text: unicodedata.normalize("NFC", text))


@given(nfc_text)
def test_each_folded_character_maps_to_the_character_it_came_from(text):
    folded = fold(text)

    offsets = [folded.at(i) for i in range(len(folded.text) + 1)]
    assert offsets == sorted(offsets)
    assert offsets[-1] == len(text)
    for index, char in enumerate(folded.text):
        assert char in fold(text[folded.at(index)]).text


# --- sentences --------------------------------------------------------------------------


def spans(text: str) -> list[str]:
    return [text[sentence.start : sentence.end] for sentence in sentences(text)]


def test_a_sentence_is_a_span_of_the_original_text():
    text = "Geachte jury,\n\nWij dragen de gemeente Ede voor. Zij doet het goed!\n"

    assert spans(text) == [
        "Geachte jury,",
        "Wij dragen de gemeente Ede voor.",
        "Zij doet het goed!",
    ]


def test_a_wrapped_sentence_spans_its_lines_as_written():
    text = (
        "Hierbij dragen wij, na overleg met de cliëntenraad en de Wmo-raad, de gemeente\n"
        "   Leeuwarden voor als koploper.\n"
    )

    (only,) = spans(text)

    assert only == text.strip()
    assert split_sentences(text) == (" ".join(text.split()),)


def test_list_markers_are_left_out_of_the_span_and_bullets_said():
    text = "Wat zij doet:\n- werkt met duo's\n2. meet de cliëntervaring\n• leert van signalen"

    assert spans(text) == [
        "Wat zij doet:",
        "werkt met duo's",
        "meet de cliëntervaring",
        "leert van signalen",
    ]
    assert [sentence.bullet for sentence in sentences(text)] == [False, True, False, True]


def test_table_cells_are_spans_of_their_own():
    text = "| Gemeente | Toelichting |\n| Ede | De raad bespreekt het. Elk jaar. |"

    assert spans(text) == ["Gemeente", "Toelichting", "Ede", "De raad bespreekt het.", "Elk jaar."]


def test_abbreviations_stay_inside_the_span():
    text = "Dhr. J.P. Smit en mevr. De Vries dragen o.a. Ede voor.\r\nDaarna volgt Zeist."

    assert spans(text) == [
        "Dhr. J.P. Smit en mevr. De Vries dragen o.a. Ede voor.",
        "Daarna volgt Zeist.",
    ]


def test_a_sentence_after_a_character_that_folds_to_two_is_still_found_in_the_original():
    text = "Die Straße heet ﬁjn. De gemeente Ede draagt Zeist voor."
    folded = fold(text)

    (first, second) = sentences(text)

    assert text[second.start : second.end] == "De gemeente Ede draagt Zeist voor."
    starts = [folded.at(word.start()) for word in WORD.finditer(folded.text)]
    inside = [at for at in starts if second.start <= at < second.end]
    assert [text[at] for at in inside] == ["D", "g", "E", "d", "Z", "v"]
    assert first.end < second.start


@given(nfc_text)
def test_sentences_are_ordered_trimmed_spans_that_read_as_split_sentences(text):
    found = sentences(text)

    assert split_sentences(text) == tuple(" ".join(text[s.start : s.end].split()) for s in found)
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        written = text[sentence.start : sentence.end]
        assert written == written.strip()
        previous_end = sentence.end
