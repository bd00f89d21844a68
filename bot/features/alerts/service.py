"""The alerts feature's long-lived parts, kept in ``Services.alerts``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.features.alerts.storage import AlertStore

if TYPE_CHECKING:
    from bot.features.alerts.sender import Sender


@dataclass
class BroadcastDraft:
    """An admin's /broadcast in progress: kept in memory only, until Send or Cancel."""

    country: str | None
    step: str = "ru"  # "ru", "en", then "preview"
    text_ru: str = ""
    text_en: str = ""


@dataclass
class Alerts:
    store: AlertStore
    sender: Sender | None = None
    # The content version whose major changes were last looked at (in memory: the table of
    # notified changes is what makes a draft go out once across restarts).
    seen_version: str | None = None

    def wake(self) -> None:
        if self.sender is not None:
            self.sender.wake()
