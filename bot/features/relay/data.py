"""Callback data of the relay: ``rl:ask[:origin]``, ``rl:go[:origin]``, ``rl:end``, ``rl:share``,
``rl:again``.

The origin says where the question came from, so that staff see the article or section
(``a:<article-id>``, ``s:<section>``, ``nf`` for "no answer found", ``help``), nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PATTERN = r"^rl:"
ORIGIN = r"(?:a:[a-z0-9-]{1,40}|s:[a-z]{1,20}|nf|help)"
_ORIGIN = re.compile(ORIGIN, re.ASCII)
_WITH_ORIGIN = re.compile(rf"rl:(ask|go)(?::({ORIGIN}))?", re.ASCII)
_PLAIN = re.compile(r"rl:(end|share|again)", re.ASCII)

Action = Literal["ask", "go", "end", "share", "again"]
DEFAULT_ORIGIN = "help"
# The search gave no sure answer: the "no answer" screen and the "did you mean" list.
NOT_FOUND_ORIGIN = "nf"


@dataclass(frozen=True)
class Press:
    action: Action
    origin: str = DEFAULT_ORIGIN


def ask_data(origin: str = DEFAULT_ORIGIN) -> str:
    return f"rl:ask:{origin}"


def go_data(origin: str = DEFAULT_ORIGIN) -> str:
    return f"rl:go:{origin}"


END = "rl:end"
SHARE = "rl:share"
AGAIN = "rl:again"


def article_origin(article_id: str) -> str:
    return f"a:{article_id}"


def section_origin(section: str) -> str:
    return f"s:{section}"


def valid_origin(origin: str) -> bool:
    return _ORIGIN.fullmatch(origin) is not None


def parse(data: str) -> Press | None:
    if match := _WITH_ORIGIN.fullmatch(data):
        action: Action = "ask" if match[1] == "ask" else "go"
        return Press(action, match[2] or DEFAULT_ORIGIN)
    if match := _PLAIN.fullmatch(data):
        plain: Action = "end" if match[1] == "end" else "share" if match[1] == "share" else "again"
        return Press(plain)
    return None
