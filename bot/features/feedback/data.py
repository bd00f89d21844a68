"""Callback data of the feedback feature, all under ``fb:``, parsed whole with ASCII regexes.

``fb:a:<u|d>:<article-id>``  a vote on an article's last page
``fb:c:<u|d>``               a vote on a "did you mean" reply
``fb:miss``                  after 👎: it did not answer my question
``fb:wrong:<article-id>``    after 👎: something here is wrong or outdated
``fb:send`` / ``fb:drop``    send the question shown to the editors, or not
``fb:note`` / ``fb:nonote``  send the note shown to the editors, or not
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PATTERN = r"^fb:"
PREFIX = "fb:"
CHOICES = "*choices"  # the article id votes on a "did you mean" list are counted under

MISS = "fb:miss"
SEND = "fb:send"
DROP = "fb:drop"
NOTE = "fb:note"
NO_NOTE = "fb:nonote"

_ARTICLE_VOTE = re.compile(r"fb:a:([ud]):([a-z0-9-]{1,40})", re.ASCII)
_CHOICES_VOTE = re.compile(r"fb:c:([ud])", re.ASCII)
_WRONG = re.compile(r"fb:wrong:([a-z0-9-]{1,40})", re.ASCII)

Vote = Literal["up", "down"]


@dataclass(frozen=True)
class VotePress:
    article_id: str  # CHOICES for a "did you mean" reply
    vote: Vote


@dataclass(frozen=True)
class WrongPress:
    article_id: str


@dataclass(frozen=True)
class Action:
    name: Literal["miss", "send", "drop", "note", "nonote"]


Press = VotePress | WrongPress | Action

_ACTIONS: dict[str, Action] = {
    MISS: Action("miss"),
    SEND: Action("send"),
    DROP: Action("drop"),
    NOTE: Action("note"),
    NO_NOTE: Action("nonote"),
}


def vote_data(article_id: str | None, vote: Vote) -> str:
    letter = "u" if vote == "up" else "d"
    return f"fb:c:{letter}" if article_id is None else f"fb:a:{letter}:{article_id}"


def wrong_data(article_id: str) -> str:
    return f"fb:wrong:{article_id}"


def parse(data: str) -> Press | None:
    if data in _ACTIONS:
        return _ACTIONS[data]
    if match := _ARTICLE_VOTE.fullmatch(data):
        return VotePress(match[2], "up" if match[1] == "u" else "down")
    if match := _CHOICES_VOTE.fullmatch(data):
        return VotePress(CHOICES, "up" if match[1] == "u" else "down")
    if match := _WRONG.fullmatch(data):
        return WrongPress(match[1])
    return None
