"""Callback data of the settings feature."""

from __future__ import annotations

import re
from dataclasses import dataclass

SETTINGS = "settings"
LANGUAGE = "language"
COUNTRY = "country"
PATTERN = r"^(settings|language|country|lang:.*|cty:.*|dis:.*)$"
_CHOICE = re.compile(r"(lang|cty|dis):([a-z]{2}|[A-Z]{2}|-|[0-9]{1,6})", re.ASCII)


@dataclass(frozen=True)
class Choice:
    kind: str  # "lang", "cty" or "dis"
    value: str


def lang_data(lang: str) -> str:
    return f"lang:{lang}"


def country_data(code: str | None) -> str:
    return f"cty:{code or '-'}"


def disappear_data(seconds: int) -> str:
    return f"dis:{seconds}"


def parse_choice(data: str) -> Choice | None:
    match = _CHOICE.fullmatch(data)
    return Choice(match[1], match[2]) if match else None
