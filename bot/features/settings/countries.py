"""Country names as readers say them, where Babel's (CLDR) names read wrong.

CLDR gives the long official forms: «Соединенные Штаты» (and without ё), «Киргизия», which
many Kyrgyz readers find dated, "Türkiye", which few English speakers type. Every other
code in COUNTRIES keeps CLDR's name, which is already the everyday one.
"""

from __future__ import annotations

from bot.content.models import Lang
from bot.core.i18n import Translator

NAMES: dict[Lang, dict[str, str]] = {
    "ru": {"US": "США", "KG": "Кыргызстан"},
    "en": {"US": "USA", "TR": "Turkey", "AE": "UAE"},
}


def country_name(tr: Translator, code: str) -> str:
    return NAMES[tr.lang].get(code) or tr.country(code)
