"""Greetings and thanks: they deserve a friendly reply, not an article.

A message counts as small talk only when every word in it is a greeting, thanks or
filler ("привет бот", "спасибо большое"); "привет, как получить ВНЖ" is a question.
Latin spellings and wrong-layout forms are listed too, since people send them as-is.
"""

from __future__ import annotations

from typing import Literal

from bot.search.layout import en_to_ru
from bot.search.normalize import clean, tokens

Smalltalk = Literal["greeting", "thanks"]

GREETINGS: frozenset[str] = frozenset(
    [
        "привет",
        "приветик",
        "приветствую",
        "здравствуйте",
        "здравствуй",
        "здрасте",
        "здрасьте",
        "здорово",
        "хай",
        "хелло",
        "салют",
        "ку",
        "добрый",
        "доброе",
        "доброго",
        "день",
        "утро",
        "вечер",
        "ночи",
        "hi",
        "hello",
        "hey",
        "hiya",
        "yo",
        "howdy",
        "greetings",
        "good",
        "morning",
        "afternoon",
        "evening",
        "privet",
        "zdravstvuyte",
        "zdravstvujte",
    ]
)

THANKS: frozenset[str] = frozenset(
    [
        "спасибо",
        "спс",
        "пасиб",
        "пасибо",
        "спасиб",
        "благодарю",
        "благодарим",
        "мерси",
        "сенкс",
        "сэнкс",
        "thanks",
        "thank",
        "thx",
        "ty",
        "cheers",
        "spasibo",
        "blagodaryu",
    ]
)

# Words that may accompany a greeting or thanks without turning it into a question.
FILLER: frozenset[str] = frozenset(
    [
        "большое",
        "огромное",
        "вам",
        "тебе",
        "всем",
        "бот",
        "бота",
        "ботик",
        "друзья",
        "ребята",
        "очень",
        "еще",
        "раз",
        "так",
        "за",
        "помощь",
        "ответ",
        "you",
        "very",
        "much",
        "a",
        "lot",
        "so",
        "all",
        "there",
        "bot",
        "everyone",
        "friend",
        "again",
        "for",
        "the",
        "help",
        "и",
        "а",
        "ну",
        "ok",
        "ок",
        "окей",
        "хорошо",
        "понятно",
        "ясно",
        "отлично",
        "супер",
        "класс",
        "круто",
        "great",
        "cool",
        "okay",
        "fine",
        "got",
        "it",
    ]
)


_ALLOWED: frozenset[str] = GREETINGS | THANKS | FILLER


def classify(text: str) -> Smalltalk | None:
    """'greeting' or 'thanks' when ``text`` is nothing but that, also on the wrong layout."""
    return _classify_words(tokens(clean(text))) or _classify_words(tokens(clean(en_to_ru(text))))


def _classify_words(words: list[str]) -> Smalltalk | None:
    if not words or any(w not in _ALLOWED for w in words):
        return None
    if any(w in THANKS for w in words):
        return "thanks"
    if any(w in GREETINGS for w in words):
        return "greeting"
    return None
