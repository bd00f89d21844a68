"""Callback data of alerts and reminders: ``al:<verb>[:<args>]``, parsed strictly (ASCII only).

Telegram allows 64 bytes; the longest here is a draft button, ``al:ds:<id of 40>:<yyyymmdd>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERN = r"^al:"
TOPICS = ("documents", "visas", "help", "life", "safety", "community", "urgent")
KINDS = ("fp", "ip", "rp", "vi")
LEADS = (12, 6, 3)

OPEN = "al:o"
REMINDERS = "al:r"
REMINDER_ADD = "al:ra"
BROADCAST_SEND = "al:bs"
BROADCAST_CANCEL = "al:bc"

_TOPIC = "(documents|visas|help|life|safety|community|urgent)"
_KIND = "(fp|ip|rp|vi)"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("open", re.compile(r"al:o", re.ASCII)),
    ("toggle", re.compile(rf"al:t:{_TOPIC}", re.ASCII)),
    ("unsubscribe", re.compile(rf"al:u:{_TOPIC}", re.ASCII)),
    ("draft_send", re.compile(r"al:ds:([a-z0-9-]{1,40}):([0-9]{8})", re.ASCII)),
    ("draft_discard", re.compile(r"al:dd:([a-z0-9-]{1,40}):([0-9]{8})", re.ASCII)),
    ("broadcast_send", re.compile(r"al:bs", re.ASCII)),
    ("broadcast_cancel", re.compile(r"al:bc", re.ASCII)),
    ("reminders", re.compile(r"al:r", re.ASCII)),
    ("reminder_add", re.compile(r"al:ra", re.ASCII)),
    ("reminder_kind", re.compile(rf"al:rk:{_KIND}", re.ASCII)),
    ("reminder_year", re.compile(rf"al:ry:{_KIND}:(20[0-9]{{2}})", re.ASCII)),
    ("reminder_month", re.compile(rf"al:rm:{_KIND}:(20[0-9]{{2}}):(0[1-9]|1[0-2])", re.ASCII)),
    (
        "reminder_lead",
        re.compile(rf"al:rl:{_KIND}:(20[0-9]{{2}}):(0[1-9]|1[0-2]):(12|6|3)", re.ASCII),
    ),
    ("reminder_delete", re.compile(r"al:rd:([0-9]{1,12})", re.ASCII)),
)


@dataclass(frozen=True)
class Action:
    verb: str
    args: tuple[str, ...] = ()


def parse(data: str) -> Action | None:
    for verb, pattern in _FORMS:
        if match := pattern.fullmatch(data):
            return Action(verb, tuple(match.groups()))
    return None


def toggle(topic: str) -> str:
    return f"al:t:{topic}"


def unsubscribe(topic: str) -> str:
    return f"al:u:{topic}"


def draft_send(article_id: str, day: str) -> str:
    return f"al:ds:{article_id}:{day}"


def draft_discard(article_id: str, day: str) -> str:
    return f"al:dd:{article_id}:{day}"


def reminder_kind(kind: str) -> str:
    return f"al:rk:{kind}"


def reminder_year(kind: str, year: int) -> str:
    return f"al:ry:{kind}:{year:04d}"


def reminder_month(kind: str, year: int, month: int) -> str:
    return f"al:rm:{kind}:{year:04d}:{month:02d}"


def reminder_lead(kind: str, year: int, month: int, lead: int) -> str:
    return f"al:rl:{kind}:{year:04d}:{month:02d}:{lead}"


def reminder_delete(row_id: int) -> str:
    return f"al:rd:{row_id}"
