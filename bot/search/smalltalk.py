"""Greetings and thanks: they deserve a friendly reply, not an article.

A message counts as small talk only when every word in it is a greeting, thanks or
filler ("привет бот", "спасибо большое"); "привет, как получить ВНЖ" is a question.
Latin spellings and wrong-layout forms are listed too, since people send them as-is.
"""

from __future__ import annotations

from typing import Literal

from bot.content.models import Lang
from bot.search.layout import en_to_ru
from bot.search.normalize import clean, script, tokens

Smalltalk = Literal["greeting", "thanks"]

GREETINGS: frozenset[str] = frozenset(
    {
        "afternoon", "evening", "good", "greetings", "hello", "hey", "hi", "hiya", "howdy",
        "morning", "privet", "yo", "zdravstvujte", "zdravstvuyte", "вечер", "день", "доброго",
        "доброе", "добрый", "здорово", "здравствуй", "здравствуйте", "здрасте", "здрасьте",
        "ку", "ночи", "привет", "приветик", "приветствую", "салют", "утро", "хай", "хелло",
    }
)  # fmt: skip

THANKS: frozenset[str] = frozenset(
    {
        "blagodaryu", "cheers", "spasibo", "thank", "thanks", "thx", "ty", "благодарим",
        "благодарю", "мерси", "пасиб", "пасибо", "сенкс", "спасиб", "спасибо", "спс", "сэнкс",
    }
)  # fmt: skip

# Words that may accompany a greeting or thanks without turning it into a question.
FILLER: frozenset[str] = frozenset(
    {
        "a", "again", "all", "bot", "cool", "everyone", "fine", "for", "friend", "got", "great",
        "help", "it", "lot", "much", "ok", "okay", "so", "the", "there", "very", "you", "а",
        "большое", "бот", "бота", "ботик", "вам", "всем", "друзья", "еще", "за", "и", "класс",
        "круто", "ну", "огромное", "ок", "окей", "ответ", "отлично", "очень", "помощь",
        "понятно", "раз", "ребята", "супер", "так", "тебе", "хорошо", "ясно",
    }
)  # fmt: skip


_ALLOWED: frozenset[str] = GREETINGS | THANKS | FILLER
# Latin spellings of Russian greetings: the reply should come in Russian.
_TRANSLIT: frozenset[str] = frozenset(
    {"privet", "zdravstvuyte", "zdravstvujte", "spasibo", "blagodaryu"}
)


def classify(text: str) -> tuple[Smalltalk, Lang] | None:
    """('greeting'|'thanks', language) when ``text`` is nothing but that, on either layout."""
    for words in (tokens(clean(text)), tokens(clean(en_to_ru(text)))):
        kind = _classify_words(words)
        if kind is not None:
            russian = any(script(w) == "cyr" or w in _TRANSLIT for w in words)
            return kind, "ru" if russian else "en"
    return None


def _classify_words(words: list[str]) -> Smalltalk | None:
    if not words or any(w not in _ALLOWED for w in words):
        return None
    if any(w in THANKS for w in words):
        return "thanks"
    if any(w in GREETINGS for w in words):
        return "greeting"
    return None
