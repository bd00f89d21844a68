""" "Did you mean …?" for ids: editors mistype them, and a near miss is the likeliest fix."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

# Below this similarity (0-100) a suggestion is more confusing than none.
_CUTOFF = 60.0


def closest(word: str, choices: Iterable[str]) -> str | None:
    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    return None if match is None else str(match[0])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` or nothing, ready to append to a message."""
    match = closest(word, choices)
    return "" if match is None else f"; did you mean {match!r}?"
