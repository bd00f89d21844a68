"""The CallbackContext every handler receives: services, the user's preferences and translator."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.content.models import Lang
from bot.core.i18n import Translator
from bot.core.services import Services, services_of
from bot.storage import UserPrefs

BotApplication = Application[
    ExtBot[None], "BotContext", dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Carries the per-user translator explicitly, instead of a process-wide gettext install."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.prefs: UserPrefs | None = None
        self._tr: Translator | None = None

    @property
    def services(self) -> Services:
        return services_of(self.application)

    @property
    def tr(self) -> Translator:
        if self._tr is None:
            self._tr = self.services.translators["en"]
        return self._tr

    @tr.setter
    def tr(self, value: Translator) -> None:
        self._tr = value

    @property
    def lang(self) -> Lang:
        return self.tr.lang

    @property
    def country(self) -> str | None:
        return self.prefs.country if self.prefs else None
