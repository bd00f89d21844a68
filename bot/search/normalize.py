"""Text clean-up shared by indexing and querying.

Both sides must see identical tokens, so every rule lives here once: Unicode
compatibility folding (fancy quotes, full-width letters), removal of control and
zero-width characters that Telegram clients paste in, lower case and ё→е (Russian
writers use the two interchangeably).
"""

from __future__ import annotations

import re
import unicodedata

# The longest question worth analysing: anything longer is a pasted document whose
# tail only adds noise and latency (every unknown word costs a spelling look-up).
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 60

# Invisible format characters (zero-width space/joiners, soft hyphen, bidi marks, BOM,
# tags), surrogates and private-use code points: removed so "пас\u200bпорт" stays one
# word. Control characters need no rule: the tokeniser treats them as separators.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\ue000-\uf8ff\U000e0000-\U000e007f]"
)
_TOKEN = re.compile(r"\w+(?:'\w+)*")
_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-z]")


def clean(text: str) -> str:
    """Fold ``text`` to the form every later step expects."""
    if not unicodedata.is_normalized("NFKC", text):  # a fast check; most text passes
        text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return text.lower().replace("ё", "е").replace("’", "'")


def tokens(text: str) -> list[str]:
    """Words of a cleaned text; apostrophes stay inside words for transliteration."""
    return _TOKEN.findall(text)


def script(token: str) -> str:
    """'cyr', 'lat' or 'other' by the token's first letter, which picks the stemmer."""
    for ch in token:
        if "а" <= ch <= "я" or ch == "ё":
            return "cyr"
        if "a" <= ch <= "z":
            return "lat"
    return "other"


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def has_latin(text: str) -> bool:
    return _LATIN.search(text) is not None
