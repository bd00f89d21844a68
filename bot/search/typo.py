"""Spelling correction of words the library has never seen.

Only unknown words of four letters or more are corrected (short words have too
many neighbours), only against library words of the same script and nearby length
(bounded candidates), with optimal-string-alignment distance so a swapped pair of
letters costs one edit like a wrong, missing or doubled letter. Results are memoised
because chat users repeat the same misspellings.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.search.normalize import script

MIN_LENGTH = 4


def max_edits(length: int) -> int:
    """Edits allowed for a word of ``length``: one, two only for long words.

    Two edits on a mid-length word turn real words the library lacks into ones it has
    ("обменять" → "менять", "настроить" → "устроить").
    """
    return 1 if length < 10 else 2


class TypoCorrector:
    """Finds the library word a misspelt word most likely meant."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self._frequency = dict(vocabulary)
        self._buckets: dict[tuple[str, int], list[str]] = {}
        for word in vocabulary:
            if len(word) >= MIN_LENGTH - 1:
                self._buckets.setdefault((script(word), len(word)), []).append(word)

    def correct(self, word: str) -> str | None:
        """The closest known word within the allowed edits, or None.

        Not cached: a cache of misspelt words would be a memory of what users typed.
        """
        if len(word) < MIN_LENGTH or word in self._frequency:
            return None
        return self._search(word)

    def _search(self, word: str) -> str | None:
        limit = max_edits(len(word))
        kind = script(word)
        best: tuple[int, int, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            choices = self._buckets.get((kind, length))
            if not choices:
                continue
            for candidate, distance, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=limit, limit=8
            ):
                key = (int(distance), -self._frequency[candidate], candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None
