"""Scrubbing what a user lets us keep: no phone numbers, e-mails, @handles or links.

Applied before the text is shown for consent, so what the user sees is exactly what is
stored. Deliberately greedy: a date or a passport number mistaken for a phone number costs
an editor a little context; a phone number kept could cost a person much more.
"""

from __future__ import annotations

import re

MAX_QUESTION_CHARS = 500
MAX_NOTE_CHARS = 300

LINK_MARK = "[link]"
EMAIL_MARK = "[e-mail]"
HANDLE_MARK = "[@]"
PHONE_MARK = "[phone]"
# What scrubbing leaves in place of what it removed; not words of the question.
MARKS = (LINK_MARK, EMAIL_MARK, HANDLE_MARK, PHONE_MARK)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(
    r"(?:(?:https?|ftp|tg)://|www\.|t\.me/)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ru|me|io|info|biz|su|рф|ge|am|kz|de|eu|ua|by|uk)"
    r"(?:/\S*)?\b",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
# Seven or more digits, possibly split by spaces, dots, dashes or brackets, with a "+".
_PHONE = re.compile(r"\+?\d(?:[\s().-]{0,3}\d){6,}")
_SPACES = re.compile(r"\s+")


def scrub(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """``text`` on one line, without contact details, at most ``limit`` characters."""
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _LINK.sub(LINK_MARK, text)
    text = _HANDLE.sub(HANDLE_MARK, text)
    text = _PHONE.sub(PHONE_MARK, text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def scrub_note(text: str) -> str:
    return scrub(text, MAX_NOTE_CHARS)
