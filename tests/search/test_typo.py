from __future__ import annotations

import pytest

from bot.search.typo import TypoCorrector

VOCABULARY = {
    "паспорт": 10,
    "гуманитарная": 3,
    "residence": 5,
    "permit": 5,
    "консульство": 4,
    "визы": 7,
    "виза": 9,
}


@pytest.fixture
def typos() -> TypoCorrector:
    return TypoCorrector(VOCABULARY)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("паспотр", "паспорт"),  # swapped letters
        ("пасспорт", "паспорт"),  # doubled letter
        ("паспрт", "паспорт"),  # missing letter
        ("паспорд", "паспорт"),  # wrong letter
        ("residnce", "residence"),
        ("гуманитарнаяя", "гуманитарная"),
        ("консульствво", "консульство"),
        ("кансульсво", "консульство"),  # two edits in a long word
    ],
)
def test_corrects_one_or_two_letter_mistakes(typos: TypoCorrector, typed: str, meant: str) -> None:
    assert typos.correct(typed) == meant


def test_short_words_are_left_alone(typos: TypoCorrector) -> None:
    assert typos.correct("виз") is None


def test_known_words_are_not_corrected(typos: TypoCorrector) -> None:
    assert typos.correct("паспорт") is None


def test_two_edits_are_too_many_for_a_short_word(typos: TypoCorrector) -> None:
    assert typos.correct("пкспотр") is None


def test_ties_go_to_the_more_frequent_word(typos: TypoCorrector) -> None:
    assert typos.correct("визв") == "виза"


def test_unrelated_words_are_not_forced_onto_the_vocabulary(typos: TypoCorrector) -> None:
    assert typos.correct("футбол") is None
    assert typos.correct("footbal") is None


def test_repeated_questions_give_the_same_answer(typos: TypoCorrector) -> None:
    assert typos.correct("паспотр") == typos.correct("паспотр") == "паспорт"
