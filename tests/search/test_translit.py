from __future__ import annotations

import pytest

from bot.search.translit import MAX_VARIANTS, to_cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("pasport", "паспорт"),
        ("zagranpasport", "загранпаспорт"),
        ("vnzh", "внж"),
        ("shchenok", "щенок"),  # shch
        ("schenok", "щенок"),  # sch
        ("shenok", "шенок"),  # sh
        ("yazyk", "язык"),  # ya
        ("jazyk", "язык"),  # ja
        ("khorosho", "хорошо"),  # kh
        ("horosho", "хорошо"),  # h
        ("granitsa", "граница"),  # ts
        ("granica", "граница"),  # c
        ("ob'yavlenie", "обьявление"),  # apostrophe as a soft sign
        ("poteryal", "потерял"),
        ("chto", "что"),
        ("4to", "что"),  # digits for letters, a chat habit
        ("s4et", "счет"),
        ("ubejis4e", "убежище"),
        ("ve6i", "веши"),
    ],
)
def test_common_schemes_yield_the_russian_word(latin: str, cyrillic: str) -> None:
    assert cyrillic in to_cyrillic(latin)


def test_the_most_common_reading_comes_first() -> None:
    assert to_cyrillic("pasport")[0] == "паспорт"


def test_variants_are_bounded_and_unique() -> None:
    variants = to_cyrillic("yyyyyyyyyyyycccccccciiiiiii")
    assert len(variants) <= MAX_VARIANTS
    assert len(set(variants)) == len(variants)


def test_translit_without_soft_signs_still_finds_russian_function_words() -> None:
    from bot.search.stopwords import RU_WITHOUT_SIGNS

    assert RU_WITHOUT_SIGNS[to_cyrillic("skolko")[0]] == "сколько"
