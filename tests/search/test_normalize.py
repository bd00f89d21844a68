from __future__ import annotations

from bot.search.normalize import clean, script, tokens


def test_zero_width_and_control_characters_vanish() -> None:
    assert tokens(clean("пас\u200bпорт\u0000 за\u2060гран\u200d")) == ["паспорт", "загран"]


def test_yo_and_case_are_folded() -> None:
    assert clean("ЁЛКИ Истёк") == "елки истек"


def test_fullwidth_letters_fold_to_ascii() -> None:
    assert tokens(clean("ＶＰＮ")) == ["vpn"]


def test_apostrophes_stay_inside_words_for_transliteration() -> None:
    assert tokens(clean("ob’yavlenie, it's")) == ["ob'yavlenie", "it's"]


def test_script_picks_the_stemmer() -> None:
    assert (script("паспорт"), script("passport"), script("2022")) == ("cyr", "lat", "other")
