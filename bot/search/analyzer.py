"""Words → index terms: stemming, synonym groups, stop words.

Snowball stemmers (PyStemmer) rather than a dictionary lemmatiser: they are C code
with no dictionaries to load, stem a word in well under a microsecond and treat
unknown slang the same way as dictionary words, which matters more here than the
occasional over-stemmed form. Synonym phrases are matched on stems, so an editor's
``загранпаспорт`` also covers ``загранпаспорта`` and ``загранпаспортом``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from operator import itemgetter

import Stemmer

from bot.search import stopwords
from bot.search.normalize import script
from bot.search.places import CODES, PLACES
from bot.search.synonyms import Synonyms

# Prefix of synonym-group terms; cannot collide with a stem since stems have no '~'.
GROUP_PREFIX = "~"
# A word's analysis: its index term (None for a stop word), its phrase key (its synonym
# group, else its stem), and whether that key starts a synonym phrase.
_Lookup = tuple[str | None, str, bool]
_TERM = itemgetter(0)
_STARTS = itemgetter(2)
# Words whose analysis is remembered; bounded because questions bring arbitrary words.
MEMO_LIMIT = 200_000


class Analyzer:
    """Turns cleaned words into the terms the index stores; shared by index and queries."""

    def __init__(self, synonyms: Synonyms | None = None, places: Iterable[str] = PLACES) -> None:
        self._ru = Stemmer.Stemmer("russian")
        self._en = Stemmer.Stemmer("english")
        self._single: dict[str, str] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.synonym_words: set[str] = set()
        self._memo = _Memo(self._lookup)
        self._frozen = False
        self._phrase_stems: set[str] = set()
        groups = (synonyms or Synonyms()).groups
        for number, group in enumerate(groups):
            for phrase in group:
                self.synonym_words.update(phrase)
                if len(phrase) == 1:
                    self._single.setdefault(self.stem(phrase[0]), f"{GROUP_PREFIX}{number}")
        # Phrase words are matched by key: the word's synonym group when it has one,
        # else its stem. "gumanitarnaja viza" then matches "гуманитарная виза", because
        # "viza" and "виза" are one group even though their stems differ.
        for number, group in enumerate(groups):
            for phrase in group:
                if len(phrase) > 1:
                    stems = [self.stem(w) for w in phrase]
                    self._phrase_stems.update(stems)
                    keys = tuple(self._single.get(s, s) for s in stems)
                    self._phrases.setdefault(keys[0], []).append((keys, f"{GROUP_PREFIX}{number}"))
        for candidates in self._phrases.values():
            candidates.sort(key=lambda c: -len(c[0]))
        # Terms of place names (a synonym group counts when it holds one); not memoised,
        # so the names do not join the vocabulary that spelling correction draws from.
        place_stems = {self.stem(form) for word in places for form in _case_forms(word)}
        self.place_terms: frozenset[str] = frozenset(self._single.get(s, s) for s in place_stems)
        # Stems of country and city names → ISO code, word by word (not by synonym
        # group: "российский паспорт" does not name Russia as a place).
        self._codes: dict[str, str] = {}
        for code, names in CODES.items():
            for name in names:
                for form in _case_forms(name):
                    self._codes.setdefault(self.stem(form), code)

    def is_place(self, term: str) -> bool:
        """True for the term of a country or city: context, not a topic."""
        return term in self.place_terms

    def countries(self, words: Sequence[str]) -> tuple[str, ...]:
        """ISO codes of the countries and cities named in ``words``, first mention first."""
        codes = self._codes
        found = (codes.get(self.stem(w)) for w in words if len(w) > 1)
        return tuple(dict.fromkeys(code for code in found if code))

    def stem(self, word: str) -> str:
        kind = script(word)
        if kind == "cyr":
            return str(self._ru.stemWord(word))
        if kind == "lat":
            return str(self._en.stemWord(word.replace("'", "")))
        return word

    def knows_stem(self, stem: str) -> bool:
        """True when ``stem`` is a one-word synonym entry."""
        return stem in self._single

    def in_phrase(self, word: str) -> bool:
        """True when ``word`` is a word of a multi-word synonym phrase ("реестр повесток")."""
        return self.stem(word) in self._phrase_stems

    def phrase_positions(self, words: Sequence[str]) -> set[int]:
        """Positions of words that belong to a multi-word synonym phrase as written."""
        single = self._single
        keys = [single.get(s, s) for s in map(self.stem, words)]
        covered: set[int] = set()
        for i, key in enumerate(keys):
            for phrase, _ in self._phrases.get(key, ()):
                if tuple(keys[i : i + len(phrase)]) == phrase:
                    covered.update(range(i, i + len(phrase)))
                    break
        return covered

    def _lookup(self, word: str) -> _Lookup:
        """Analysis of one word, memoised: indexing sees the same words again and again."""
        stem = self.stem(word)
        group = self._single.get(stem)
        key = group or stem
        starts = key in self._phrases
        hit: _Lookup
        if group is not None:
            hit = (group, key, starts)
        elif word in stopwords.ALL or len(word) < 2:
            hit = (None, key, starts)
        else:
            hit = (stem, key, starts)
        if not self._frozen and len(self._memo) < MEMO_LIMIT:
            self._memo[word] = hit
        return hit

    def freeze(self) -> None:
        """Stop memoising: after indexing, the words are what users type, and the bot keeps
        no record of those, not even as a cache (a question's words are analysed and dropped)."""
        self._frozen = True

    def terms(self, words: Sequence[str]) -> list[str]:
        """Index terms for ``words`` in order; synonym phrases collapse to their group."""
        # map() and compress() keep the per-word work in C: indexing a large library
        # spends most of its time here.
        looked = list(map(self._memo.__getitem__, words))
        starts = list(compress(range(len(looked)), map(_STARTS, looked)))
        out: list[str | None] = list(map(_TERM, looked))
        if not starts:
            return list(filter(None, out))
        done = 0  # words before this position are already consumed by a phrase
        for i in starts:
            if i < done:
                continue
            following = looked[i + 1][1] if i + 1 < len(looked) else None
            for phrase, term in self._phrases[looked[i][1]]:
                # Cheap check on the second word first: most candidates fail there.
                if phrase[1] != following:
                    continue
                end = i + len(phrase)
                if tuple(hit[1] for hit in looked[i:end]) == phrase:
                    out[i] = term
                    out[i + 1 : end] = [None] * (end - i - 1)
                    done = end
                    break
        return list(filter(None, out))

    def seen_words(self) -> dict[str, str]:
        """Words analysed so far (synonym entries included) → their index term.

        Called right after indexing, this is the library's vocabulary; the memo is
        bounded, so a library beyond MEMO_LIMIT distinct words yields a subset.
        """
        words = {w: hit[0] for w, hit in self._memo.items() if hit[0] is not None}
        for word in self.synonym_words:
            words.setdefault(word, self._lookup(word)[0] or word)
        return words


class _Memo(dict[str, _Lookup]):
    """Word → analysis; a miss computes it (and ``lookup`` stores it while there is room),
    so a hit costs one C-level dict look-up."""

    def __init__(self, lookup: Callable[[str], _Lookup]) -> None:
        super().__init__()
        self._compute = lookup

    def __missing__(self, word: str) -> _Lookup:
        return self._compute(word)


_RU_ENDINGS = ("а", "у", "е", "ом", "ой", "и", "ы", "ю", "ей")


def _case_forms(word: str) -> list[str]:
    """``word`` and its likely Russian case forms: Snowball does not always give
    "ереван" and "ереване" the same stem, and a place must be recognised in any case."""
    if script(word) != "cyr":
        return [word]
    base = word[:-1] if word[-1] in "аяйоеиы" else word
    return [word, *(base + ending for ending in _RU_ENDINGS)]
