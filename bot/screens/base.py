"""The shape of a screen and the callback-data vocabulary shared by screens and handlers."""

from __future__ import annotations

from dataclasses import dataclass, field


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


# Callback data. Telegram allows 64 bytes; article ids are at most 40 characters.
HOME = "home"
HELP = "help"
SEARCH = "search"
SETTINGS = "settings"
PRIVACY = "privacy"
LANGUAGE = "language"
COUNTRY = "country"
FORGET = "forget"
FORGET_YES = "forget:yes"
FORGET_NO = "forget:no"
CLEAN = "clean"
CLEAN_YES = "clean:yes"
NOOP = "noop"


def section_data(section: str) -> str:
    return f"sec:{section}"


def article_data(article_id: str, page: int = 0) -> str:
    return f"art:{article_id}:{page}"


def lang_data(lang: str) -> str:
    return f"lang:{lang}"


def country_data(code: str | None) -> str:
    return f"cty:{code or '-'}"


def disappear_data(seconds: int) -> str:
    return f"dis:{seconds}"
