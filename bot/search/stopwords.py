"""Function words and question fillers that say nothing about a topic.

They are dropped before ranking so that "как", "что делать" or "how can I" do not
pull articles that merely contain them; they still count as evidence of the
question's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

RU: frozenset[str] = frozenset(
    {
        "а", "б", "без", "более", "будет", "буду", "будут", "бы", "бывает", "был", "была",
        "были", "было", "быть", "в", "вам", "вас", "ваш", "вдруг", "ведь", "весь", "во",
        "вообще", "вопрос", "вот", "впрочем", "вроде", "все", "всегда", "всего", "всех", "вся",
        "вы", "где", "да", "даже", "делать", "для", "до", "его", "ее", "ей", "ему", "если",
        "есть", "еще", "ж", "же", "за", "зачем", "здесь", "знает", "знаете", "и", "из", "или",
        "им", "их", "к", "как", "как-     то", "какая", "какие", "каким", "каков", "какова",
        "какое", "какой", "какой-то", "когда", "которая", "которые", "который", "которых",
        "кто", "кто-нибудь", "кто-то", "куда", "ли", "либо", "между", "меня", "мне", "много",
        "мной", "мог", "могла", "могу", "могут", "мое", "можем", "может", "можно", "мои", "мой",
        "мол", "моя", "мы", "на", "над", "надо", "нам", "нас", "наш", "не", "него", "нее",
        "нельзя", "нет", "ни", "них", "но", "ну", "нужен", "нужна", "нужно", "о", "об",
        "однако", "он", "она", "они", "оно", "от", "очень", "пж", "плиз", "по", "под",
        "подскажи", "подскажите", "пожалуйста", "помогите", "после", "потому", "почему", "при",
        "про", "просто", "раз", "с", "сам", "своей", "свой", "свою", "сделать", "себе", "себя",
        "сейчас", "скажи", "скажите", "сколько", "со", "срочно", "так", "также", "там", "тебе", "тебя",
        "теперь", "типа", "то", "тогда", "того", "тоже", "только", "том", "тут", "ты", "у",
        "уже", "хотел", "хотела", "хотим", "хоть", "хотя", "хочу", "чего", "чем", "через",
        "что", "чтоб", "чтобы", "чье", "чья", "щас", "эта", "эти", "это", "этого", "этом",
        "этот", "я",
        # Pronoun and filler forms that fill personal stories ("мою", "никого", "пару").
        "вашу", "ваши", "вашего", "всю", "всё", "всем", "какого", "каких", "какую", "кого",
        "кому", "моего", "моей", "моим", "моих", "мою", "нашу", "наши", "нашего", "нашей",
        "никак", "никого", "никому", "никто", "ничего", "почти", "пару", "своего", "своих",
        "свои", "совсем", "та", "те", "тем", "тех", "той", "тот", "ту", "чему", "эту", "этой",
        "этим", "знаю", "знаем", "потом", "пока-что", "где-то", "что-то", "как-то",
        # Greetings and thanks before a question: no topic, and not to be "corrected".
        "привет", "приветик", "приветствую", "здравствуйте", "здравствуй", "здрасте",
        "здрасьте", "добрый", "доброе", "доброго", "спасибо", "спс", "благодарю", "пасиб",
    }
)  # fmt: skip

EN: frozenset[str] = frozenset(
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "anybody",
        "anyone", "are", "as", "at", "be", "been", "before", "being", "but", "by", "can",
        "can't", "cant", "could", "did", "do", "does", "doing", "don't", "dont", "down",
        "during", "each", "for", "from", "further", "get", "got", "had", "has", "have",
        "having", "he", "help", "her", "here", "hers", "him", "his", "how", "i", "i'm", "i've",
        "if", "im", "in", "into", "is", "it", "it's", "its", "ive", "just", "like", "know", "let",
        "many", "me", "more", "most", "much", "my", "myself", "need", "no", "nor", "not", "now",
        "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "our", "ours",
        "out", "over", "own", "please", "pls", "really", "same", "she", "should", "so", "some",
        "someone", "something", "still", "such", "tell", "than", "thanks", "that", "the",
        "their", "them", "then", "there", "there's", "these", "they", "thing", "things", "this",
        "those", "through", "to", "too", "under", "until", "up", "urgent", "urgently", "asap", "us", "very", "want", "was",
        "way", "we", "were", "what", "what's", "whats", "when", "where", "which", "while",
        "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        # Contractions and fillers that fill personal stories ("we're", "some kind of").
        "aren't", "didn't", "doesn't", "haven't", "he's", "i'd", "i'll", "isn't", "let's",
        "she's", "that's", "they're", "wasn't", "we'd", "we'll", "we're", "we've", "won't",
        "you're", "you've", "anything", "everything", "nothing", "somehow", "somewhere",
        "anywhere", "maybe", "even", "ever", "already", "yet", "because", "though",
        "although", "kind", "sort", "lot", "lots", "few", "two", "three", "four", "five",
        "six", "seven", "eight", "nine", "ten",
        # Greetings and thanks before a question.
        "hello", "hi", "hey", "hiya", "thank", "thx", "privet", "spasibo", "zdravstvuyte",
    }
)  # fmt: skip

ALL: frozenset[str] = RU | EN

# Russian stop words as transliteration without "ь"/"ъ" produces them → the real word.
RU_WITHOUT_SIGNS: Mapping[str, str] = MappingProxyType(
    {w.replace("ь", "").replace("ъ", ""): w for w in RU if "ь" in w or "ъ" in w}
)
