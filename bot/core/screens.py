"""The shape of a screen (text + buttons) and the few buttons every feature shows.

Each feature owns its callback data: it builds it next to its screens and parses it
strictly in its handlers. Only the home and no-op buttons are shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.i18n import Translator

# Telegram allows 64 bytes of callback data; article ids are at most 40 characters.
HOME = "home"
NOOP = "noop"


@dataclass(frozen=True)
class Button:
    text: str
    data: str | None = None
    url: str | None = None
    switch_inline: str | None = None


@dataclass(frozen=True)
class Screen:
    text: str
    rows: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)

    def all_data(self) -> list[str]:
        return [b.data for row in self.rows for b in row if b.data]


def nav_row(tr: Translator, back: str | None = None) -> tuple[Button, ...]:
    home = Button(tr.gettext("🏠 Home"), HOME)
    if back is None:
        return (home,)
    return (Button(tr.gettext("← Back"), back), home)
