"""The relay's decisions as plain functions: codes, topic names, urgency, hours, canned replies.

Kept free of Telegram so that each rule is tested on its own.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.config import Settings, parse_days, parse_hours

# No 0/O, 1/I/L: staff read codes aloud and type them.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 4
TOPIC_NAME_LIMIT = 128
REOPEN_SECONDS = 7 * 24 * 3600
NOTE_PREFIX = "//"
# Messages a user may send to staff; everything else is refused with an explanation.
RELAYED_KINDS = ("text", "photo", "document", "voice")

# Stems, matched at the start of a word: detention, deportation, the border, a summons.
_URGENT = re.compile(
    r"\b(задерж|арест|депорт|выдвор|экстради|границ|погранич|повестк|обыск|допрос|"
    r"detain|detention|arrest|deport|extradit|border|summon|interrogat|police custody)",
    re.IGNORECASE,
)
_CANNED_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}", re.ASCII)


def new_code() -> str:
    """A random short code; uniqueness is the database's job (the caller retries)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def is_urgent(text: str | None) -> bool:
    return bool(text) and _URGENT.search(text or "") is not None


def topic_name(code: str, lang: str, label: str, *, urgent: bool, closed: bool) -> str:
    """``🟡 K7QF · ru · паспорт``: the code, the language and where the question came from."""
    mark = "✅" if closed else "🔴" if urgent else "🟡"
    name = f"{mark} {code} · {lang} · {label}".strip()
    if len(name) > TOPIC_NAME_LIMIT:
        name = name[: TOPIC_NAME_LIMIT - 1] + "…"
    return name


def in_working_hours(settings: Settings, now: datetime) -> bool:
    """Whether staff are at work at ``now`` (an aware datetime), in the NGO's time zone."""
    local = now.astimezone(ZoneInfo(settings.relay_timezone))
    if local.isoweekday() not in parse_days(settings.relay_days):
        return False
    start, end = parse_hours(settings.relay_hours)
    minute = local.hour * 60 + local.minute
    return start <= minute < end


def is_note(text: str | None) -> bool:
    """Staff lines starting with ``//`` are internal notes, never sent to the user."""
    return (text or "").lstrip().startswith(NOTE_PREFIX)


def can_reopen(closed_at: int | None, now: int) -> bool:
    return closed_at is not None and now - closed_at <= REOPEN_SECONDS


def canned_path(content_dir: Path, name: str, lang: str) -> Path | None:
    """``content/canned/<name>.<lang>.md``; None for a name that is not a plain slug."""
    if _CANNED_NAME.fullmatch(name) is None:
        return None
    return content_dir / "canned" / f"{name}.{lang}.md"


def canned_names(content_dir: Path) -> list[str]:
    folder = content_dir / "canned"
    if not folder.is_dir():
        return []
    names = set()
    for path in folder.glob("*.md"):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[1] in ("ru", "en") and _CANNED_NAME.fullmatch(parts[0]):
            names.add(parts[0])
    return sorted(names)


def message_kind(fields: dict[str, object]) -> str | None:
    """Which relayed kind a message is, or None for stickers, locations, polls..."""
    for kind in RELAYED_KINDS:
        if fields.get(kind):
            return kind
    return None
