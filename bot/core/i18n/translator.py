"""Translators for Russian and English, loaded once and handed to each update explicitly."""

from __future__ import annotations

import io
import logging
from datetime import date
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

log = logging.getLogger(__name__)

Lang = Literal["ru", "en"]
DOMAIN = "messages"
LOCALES_DIR = Path(__file__).resolve().parents[3] / "locales"

# Clients in these languages read Russian far more often than English (issue #2).
RU_CLIENT_LANGS = frozenset({"ru", "uk", "be", "kk", "ky", "uz", "hy", "ka", "az"})


def lang_for_client(language_code: str | None) -> Lang:
    """The language to greet a new user in, from what their Telegram app reports."""
    if not language_code:
        return "en"
    base = language_code.split("-")[0].split("_")[0].lower()
    return "ru" if base in RU_CLIENT_LANGS else "en"


# CLDR gives long official forms: «Соединенные Штаты» (without ё), «Киргизия», which many
# Kyrgyz readers find dated, "Türkiye", which few English speakers type. Every other code
# keeps CLDR's name, which is already the everyday one.
EVERYDAY_NAMES: dict[str, dict[str, str]] = {
    "ru": {"US": "США", "KG": "Кыргызстан"},
    "en": {"US": "USA", "TR": "Turkey", "AE": "UAE"},
}


class Translator:
    """Everything a screen needs to speak one language: messages, plurals, dates, names."""

    def __init__(self, lang: Lang, translations: Translations) -> None:
        self.lang: Lang = lang
        self._translations = translations
        self.locale = Locale.parse(lang)

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def date(self, value: date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def country(self, code: str) -> str:
        """Babel's (CLDR) name, except where readers call the country something else."""
        everyday = EVERYDAY_NAMES[self.lang].get(code)
        return everyday or str(self.locale.territories.get(code, code))


class Translators:
    """Both catalogs, loaded once at start-up."""

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._by_lang: dict[Lang, Translator] = {
            lang: Translator(lang, _load(locales_dir, lang)) for lang in ("ru", "en")
        }

    def __getitem__(self, lang: Lang) -> Translator:
        return self._by_lang[lang]


def _load(locales_dir: Path, lang: Lang) -> Translations:
    """Load the compiled catalog, or compile the .po in memory when the .mo is missing or stale.

    The set-up and the Docker build compile catalogs; the fallback keeps a fresh checkout
    (or an editor's edited .po) working rather than silently showing English msgids.
    """
    folder = locales_dir / lang / "LC_MESSAGES"
    po_path = folder / f"{DOMAIN}.po"
    mo_path = folder / f"{DOMAIN}.mo"
    if mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not po_path.exists():
        raise FileNotFoundError(f"no translation catalog for {lang!r} in {folder}")
    log.info("compiling %s in memory (run `make translations` to build .mo files)", po_path)
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
