"""Text typed with the wrong keyboard layout ("relf ,tp dbps" is "куда без визы").

The mapping is the physical key position on the standard US and ЙЦУКЕН layouts,
punctuation keys included, because "б", "ю", "ж", "э", "х", "ъ" sit on ",", ".",
";", "'", "[", "]": the swap must run on the raw text, before tokenising.
"""

from __future__ import annotations

_EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~"
_RU = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ"

_EN_TO_RU = str.maketrans(_EN, _RU)
_RU_TO_EN = str.maketrans(_RU, _EN)


def en_to_ru(text: str) -> str:
    """What ``text`` would read as had the Russian layout been on."""
    return text.translate(_EN_TO_RU)


def ru_to_en(text: str) -> str:
    """What ``text`` would read as had the English layout been on."""
    return text.translate(_RU_TO_EN)
