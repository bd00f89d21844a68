"""Per-user translations through Babel's gettext catalogs; never a process-wide install."""

from bot.core.i18n.translator import RU_CLIENT_LANGS, Translator, Translators, lang_for_client

__all__ = ["RU_CLIENT_LANGS", "Translator", "Translators", "lang_for_client"]
