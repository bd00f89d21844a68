"""Candidate readings of a question: as typed, and as if typed on the other layout.

Each reading resolves its unknown words one by one — Latin words through
transliteration to Russian, then any word through spelling correction — so mixed
questions ("how to get svidetelstvo na vozvrashchenie") work word by word. The
engine ranks every reading and keeps the one that explains the question best.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.search import layout, stopwords
from bot.search.normalize import (
    MAX_QUERY_WORDS,
    clean,
    has_cyrillic,
    has_latin,
    script,
    tokens,
)
from bot.search.translit import to_cyrillic
from bot.search.typo import TypoCorrector


@dataclass(frozen=True)
class Reading:
    """One interpretation of the question, with the evidence used to pick its language."""

    words: tuple[str, ...]
    via: str  # "typed", "layout"
    rewritten: int  # words replaced by transliteration or spelling correction
    guessed: tuple[str, ...]  # the replacements that came from spelling correction
    unknown: int  # content words nothing could explain
    ru_votes: int
    en_votes: int


class Rewriter:
    """Builds readings; ``known`` tells whether a word's stem is in the library or synonyms."""

    def __init__(
        self,
        known: Callable[[str], bool],
        phrases: Callable[[Sequence[str]], set[int]],
        english: frozenset[str],
        typos: TypoCorrector,
        phrase_word: Callable[[str], bool] | None = None,
    ) -> None:
        self._known = known
        self._phrases = phrases
        self._english = english
        self._typos = typos
        # Words that exist only inside synonym phrases ("повесток" in "реестр повесток"):
        # a transliteration may land on one, and the phrase then matches as a whole.
        self._phrase_word = phrase_word or (lambda _word: False)

    def readings(self, text: str) -> list[Reading]:
        cleaned = clean(text)
        typed = self._resolve(tokens(cleaned)[:MAX_QUERY_WORDS], "typed", allow_translit=True)
        out = [typed]
        # The other layout is worth a try only when the typed reading had to guess or
        # give up on at least half of the words: it costs a second analysis.
        if (typed.unknown + typed.rewritten) * 2 >= len(typed.words):
            if has_latin(cleaned) and not has_cyrillic(cleaned):
                swapped = tokens(clean(layout.en_to_ru(text)))[:MAX_QUERY_WORDS]
                out.append(self._resolve(swapped, "layout", allow_translit=False))
            elif has_cyrillic(cleaned) and not has_latin(cleaned):
                swapped = tokens(clean(layout.ru_to_en(text)))[:MAX_QUERY_WORDS]
                out.append(self._resolve(swapped, "layout", allow_translit=False))
        return out

    def _resolve(self, words: list[str], via: str, *, allow_translit: bool) -> Reading:
        resolved: list[str] = []
        guessed: list[str] = []
        rewritten = unknown = ru = en = 0
        in_phrase = self._phrases(words)
        for position, word in enumerate(words):
            kind = script(word)
            if (
                position in in_phrase
                or word in stopwords.ALL
                or word.isdigit()
                or len(word) < 2
                or self._known(word)
            ):
                resolved.append(word)
                ru += kind == "cyr" or (kind == "lat" and not self._is_english(word))
                en += self._is_english(word)
                continue
            found, exact = self._rewrite(word, allow_translit=allow_translit)
            if found is None:
                resolved.append(word)
                unknown += kind != "other"
                continue
            resolved.append(found)
            if not exact:
                guessed.append(found)
            rewritten += 1
            ru += script(found) == "cyr"
            en += self._is_english(found)
        return Reading(tuple(resolved), via, rewritten, tuple(guessed), unknown, ru, en)

    def _is_english(self, word: str) -> bool:
        """Latin words from English text or English function words; not "vnzh" or "zagran"."""
        return word in stopwords.EN or word in self._english

    def _rewrite(self, word: str, *, allow_translit: bool) -> tuple[str | None, bool]:
        """The replacement and whether it is exact (transliteration) or a guess (typo)."""
        latin_to_russian = allow_translit and script(word) == "lat"
        variants = to_cyrillic(word) if latin_to_russian else []
        for variant in variants:
            if variant in stopwords.RU or self._known(variant) or self._phrase_word(variant):
                return variant, True
        for variant in variants:
            # Chat translit drops soft signs ("skolko", "delat"): still a Russian word.
            if variant in stopwords.RU_WITHOUT_SIGNS:
                return stopwords.RU_WITHOUT_SIGNS[variant], True
        corrected = self._typos.correct(word)
        if corrected is None and variants:
            corrected = self._typos.correct(variants[0])
        return corrected, False
