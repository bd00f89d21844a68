"""Small talk: greetings, thanks, questions about the bot, languages we do not serve.

They deserve a friendly reply, not an article. Four kinds:

* ``greeting`` and ``thanks``: the message is nothing but that and filler ("привет
  бот", "thank you so much, this helped"), or a short message with a greeting or
  thanks in which the search found nothing ("ok спасибо, понял всё"; see
  ``courtesy``). "Привет, как получить ВНЖ?" is a question.
* ``about_bot``: "ты бот или человек?", "who made you", "что ты умеешь", a bare "help".
* ``other_language``: a message in Ukrainian, in another script (Georgian, Armenian,
  Arabic...), or in a Latin-script language other than English. Ukrainian words mixed
  into a Russian question stay a question.

Latin spellings and wrong-layout forms are listed too, since people send them as-is.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.content.models import Lang
from bot.search.layout import en_to_ru
from bot.search.normalize import clean, script, tokens

# "place": the message is only a country or a city ("Грузия", "Tbilisi"), often typed in
# answer to "Where do you live now?"; the engine decides it, not classify().
Smalltalk = Literal["greeting", "thanks", "about_bot", "other_language", "place"]

GREETINGS: frozenset[str] = frozenset(
    {
        "afternoon", "evening", "good", "greetings", "hello", "hey", "hi", "hiya", "howdy",
        "morning", "privet", "yo", "zdravstvujte", "zdravstvuyte", "вечер", "день", "доброго",
        "доброе", "добрый", "здорово", "здравствуй", "здравствуйте", "здрасте", "здрасьте",
        "ку", "ночи", "привет", "приветик", "приветствую", "салют", "утро", "хай", "хелло",
        "привіт", "вітаю", "добрий",
    }
)  # fmt: skip

# Greetings that say "hello" on their own, whatever follows ("добрый" or "good" do not).
_STRONG_GREETINGS: frozenset[str] = frozenset(
    {
        "hello", "hey", "hi", "hiya", "howdy", "privet", "zdravstvujte", "zdravstvuyte",
        "здравствуй", "здравствуйте", "здрасте", "здрасьте", "привет", "приветик",
        "приветствую", "салют", "хай", "хелло", "привіт", "вітаю",
    }
)  # fmt: skip

THANKS: frozenset[str] = frozenset(
    {
        "blagodaryu", "cheers", "spasibo", "thank", "thanks", "thx", "ty", "благодарим",
        "благодарю", "мерси", "пасиб", "пасибо", "сенкс", "спасиб", "спасибо", "спасибочки",
        "спс", "сэнкс", "thanx", "tnx", "дякую", "дякуємо", "спасибі",
    }
)  # fmt: skip

# Words that may accompany a greeting or thanks without turning it into a question.
FILLER: frozenset[str] = frozenset(
    {
        "a", "again", "all", "bot", "cool", "everyone", "fine", "for", "friend", "got", "great",
        "help", "helped", "helpful", "it", "lot", "much", "ok", "okay", "so", "the", "there",
        "this", "that", "very", "you", "useful", "understood", "clear", "awesome", "nice",
        "perfect", "i", "see", "а", "большое", "бот", "бота", "ботик", "вам", "всем", "все",
        "всё", "друзья", "еще", "за", "и", "класс", "круто", "ну", "огромное", "ок", "окей",
        "ответ", "отлично", "очень", "помощь", "понятно", "понял", "поняла", "помогло",
        "помог", "помогли", "полезно", "раз", "ребята", "супер", "так", "тебе", "хорошо",
        "ясно", "да", "ага", "yes", "yeah", "yep", "thank's", "дуже", "допомогли",
        "допомогло", "зрозуміло",
    }
)  # fmt: skip

_ALLOWED: frozenset[str] = GREETINGS | THANKS | FILLER
# Latin spellings of Russian greetings: the reply should come in Russian.
_TRANSLIT: frozenset[str] = frozenset(
    {"privet", "zdravstvuyte", "zdravstvujte", "spasibo", "blagodaryu"}
)
# The longest message that still counts as a greeting or thanks with extra words.
COURTESY_WORDS = 8

# Questions about the bot itself, matched on the cleaned text of a short message.
_ABOUT_BOT = re.compile(
    r"\b(?:"
    r"(?:ты|вы)\s+(?:\w+\s+)?(?:бот|робот|человек|живой|живая|нейросеть|ии|ai|chatgpt|gpt)"
    r"|кто\s+(?:ты|вы)\b"
    r"|кто\s+(?:тебя|вас)\s+(?:создал|сделал|написал|разработал|придумал|запустил)"
    r"|(?:что|чем)\s+(?:ты|вы)\s+(?:умеешь|умеете|можешь|можете|знаешь)"
    r"|как\s+(?:тебя|вас)\s+зовут"
    r"|are\s+you\s+(?:a\s+|an\s+|real\s+|even\s+)?(?:bot|robot|human|person|real|ai|chatgpt|gpt|machine)"
    r"|who\s+(?:are|r)\s+(?:you|u)\b"
    r"|who\s+(?:made|created|built|wrote|runs|programmed|developed)\s+(?:you|this\s+bot|this)"
    r"|what\s+(?:can|do)\s+(?:you|u)\s+do"
    r"|what\s+are\s+you\b"
    r"|your\s+name"
    r")"
)
_ABOUT_BOT_WORDS = 10
# A bare request for help is a question about what the bot can do.
_HELP_ALONE: frozenset[str] = frozenset(
    {"help", "помощь", "помогите", "помоги", "хелп", "меню", "menu", "start", "старт", "sos"}
)

_HELP_WORDS: frozenset[str] = _HELP_ALONE | frozenset(
    {"me", "please", "pls", "i", "need", "мне", "нужна", "пожалуйста", "бот", "bot", "the"}
)

# Ukrainian letters Russian has not, and frequent Ukrainian words Russian has not.
_UKRAINIAN_LETTERS = re.compile(r"[іїєґ]")
_UKRAINIAN_WORDS: frozenset[str] = frozenset(
    {
        "як", "що", "чи", "мені", "мене", "це", "та", "й", "або", "треба", "потрібно",
        "будь", "ласка", "дякую", "привіт", "вітаю", "отримати", "зробити", "мій", "моя",
        "мого", "моєї", "наш", "яка", "який", "які", "коли", "тому", "але", "ще", "дуже",
        "зараз", "після", "можу", "хочу", "маю", "є", "від", "із", "зі", "щоб", "якщо",
        "робити", "можна", "потрібен", "потрібна", "допоможіть", "підкажіть", "загубив",
        "загубила", "втратив", "втратила", "отримав", "де", "він", "вона", "вони", "ми",
        "ви", "його", "її", "їх", "цей", "ця", "ці", "цього", "вже", "також", "тільки",
        "лише", "чому", "скільки", "коштує", "куди", "звідки",
    }
)  # fmt: skip
# Function words of Latin-script languages the library does not serve (German, French,
# Spanish, Italian, Portuguese, Turkish, Serbian/Croatian); none is an English word or
# a usual transliteration of a Russian one.
_FOREIGN_WORDS: frozenset[str] = frozenset(
    {
        "ich", "und", "nicht", "wie", "kann", "mein", "meine", "ist", "der", "das",
        "ein", "eine", "für", "mit", "bitte", "danke", "hallo", "habe", "wo", "ob",
        "je", "le", "les", "est", "pas", "pour", "mon", "bonjour", "merci", "comment",
        "avec", "une", "des", "suis", "puis", "où", "yo", "el", "los", "las", "es", "por",
        "para", "como", "hola", "gracias", "una", "que", "puedo", "necesito", "cómo",
        "dónde", "ciao", "grazie", "sono", "posso", "il", "di", "obrigado", "olá", "não",
        "bir", "bu", "için", "nasıl", "merhaba", "teşekkürler", "benim", "mı",
        "kako", "mogu", "hvala", "zdravo", "moj", "gde", "gdje", "treba",
    }
)  # fmt: skip


def classify(text: str) -> tuple[Smalltalk, Lang] | None:
    """The kind of small talk ``text`` is, and the language to reply in; None for a question."""
    cleaned = clean(text)
    words = tokens(cleaned)
    # Thanks or a greeting first: "дякую" or "привіт" in Ukrainian is thanks or hello,
    # which needs no language of ours.
    kind = _classify_words(words)
    if kind is not None:
        return kind, _lang(words)
    foreign = _other_language(cleaned, words)
    if foreign is not None:
        return "other_language", foreign
    layout = tokens(clean(en_to_ru(text)))
    kind = _classify_words(layout)
    if kind is not None:
        return kind, _lang(layout)
    if (
        words
        and len(words) <= _ABOUT_BOT_WORDS
        and (
            _ABOUT_BOT.search(" ".join(words))
            or (any(w in _HELP_ALONE for w in words) and all(w in _HELP_WORDS for w in words))
        )
    ):
        return "about_bot", _lang(words)
    return None


def courtesy(text: str) -> tuple[Smalltalk, Lang] | None:
    """A short message with thanks or a greeting in it: small talk when search found nothing."""
    words = tokens(clean(text))
    if not words or len(words) > COURTESY_WORDS:
        return None
    if any(w in THANKS for w in words):
        return "thanks", _lang(words)
    if any(w in _STRONG_GREETINGS for w in words):
        return "greeting", _lang(words)
    return None


def _lang(words: list[str]) -> Lang:
    russian = any(script(w) == "cyr" or w in _TRANSLIT for w in words)
    return "ru" if russian else "en"


def _classify_words(words: list[str]) -> Smalltalk | None:
    if not words or any(w not in _ALLOWED for w in words):
        return None
    if any(w in THANKS for w in words):
        return "thanks"
    if any(w in GREETINGS for w in words):
        return "greeting"
    return None


def _other_language(cleaned: str, words: list[str]) -> Lang | None:
    letters = [ch for ch in cleaned if ch.isalpha()]
    if not letters:
        return None
    ours = sum(1 for ch in letters if "a" <= ch <= "z" or "а" <= ch <= "я" or ch in "ёіїєґ")
    if ours * 2 < len(letters):
        return "en"  # Georgian, Armenian, Arabic, Hebrew, Chinese...
    if not words:
        return None
    ukrainian = sum(1 for w in words if _UKRAINIAN_LETTERS.search(w) or w in _UKRAINIAN_WORDS)
    if _UKRAINIAN_LETTERS.search(cleaned) and ukrainian * 5 >= len(words) * 2:
        return "ru"
    foreign = sum(1 for w in words if w in _FOREIGN_WORDS)
    if len(words) >= 2 and foreign * 2 >= len(words):
        return "en"
    return None
