from __future__ import annotations

from bot.search.layout import en_to_ru, ru_to_en


def test_russian_typed_on_english_layout() -> None:
    assert en_to_ru("relf ,tp dbps") == "куда без визы"


def test_english_typed_on_russian_layout() -> None:
    assert ru_to_en("руддщ") == "hello"


def test_punctuation_keys_carry_russian_letters() -> None:
    assert en_to_ru(",.;'[]`") == "бюжэхъё"


def test_shifted_keys_map_to_capitals() -> None:
    assert en_to_ru("Ghbdtn") == "Привет"


def test_round_trip() -> None:
    text = "загранпаспорт истёк"
    assert en_to_ru(ru_to_en(text)) == text
