"""Which article a question is about, learned from how people ask.

BM25 (``bot/search/index.py``) knows the words each article holds; it cannot know
that in "my brother got a paper from the military office, mum is panicking" the words
that matter are "paper" and "military office", nor that "renew" and "поменять" ask the
same thing. This topic model has learned that from examples: a multinomial logistic
regression over the question's terms (the same stemmed, synonym-grouped terms the
index uses), fitted by ``make fit`` (``bot/search/fit.py``) on the articles' own
questions, titles and paragraphs and on the written question sets in
``tests/search/``. It has one class per article plus ``NONE``, questions the library
does not answer.

The bot only reads ``bot/search/topics.json``: a sparse table term → (class, weight),
evaluated as a sum and a softmax in plain Python. An article the file does not know
(added after the last ``make fit``) gets the benefit of the doubt in ranking
(``SearchEngine._doubt``); ``python -m bot content check`` says when to refit.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from functools import lru_cache
from pathlib import Path

TOPICS_PATH = Path(__file__).with_name("topics.json")
NONE = "__none__"


def topic_features(terms: Iterable[str]) -> dict[str, float]:
    """Each distinct term once, the vector scaled to unit length.

    Unit length keeps a long story from outvoting a short question by sheer number of
    words: what counts is which share of the message points to which article.
    """
    unique = dict.fromkeys(terms)
    if not unique:
        return {}
    value = 1.0 / math.sqrt(len(unique))
    return dict.fromkeys(unique, value)


@dataclass(frozen=True)
class TopicModel:
    classes: tuple[str, ...]  # article ids and NONE
    intercept: tuple[float, ...]
    # The sparse table as fitted and stored (term → (class, weight)); only read to build
    # the dense rows below, so the table is not kept twice (it was 8 MiB of the engine).
    weights: InitVar[Mapping[str, tuple[tuple[int, float], ...]]]
    version: str = ""
    # The same weights as one dense row per term: summing rows with ``map`` runs in C,
    # which is what keeps a question under a millisecond.
    _rows: dict[str, array[float]] = field(init=False, repr=False)

    def __post_init__(self, weights: Mapping[str, tuple[tuple[int, float], ...]]) -> None:
        rows: dict[str, array[float]] = {}
        width = len(self.classes)
        for term, pairs in weights.items():
            row = array("d", bytes(8 * width))
            for cls, weight in pairs:
                row[cls] = weight
            rows[term] = row
        object.__setattr__(self, "_rows", rows)

    def table(self) -> dict[str, tuple[tuple[int, float], ...]]:
        """The sparse table again (for topics.json and the fit's report): the fit prunes
        small weights, so no stored weight is zero and the zeros of a row are the gaps."""
        return {
            term: tuple((c, w) for c, w in enumerate(row) if w != 0.0)
            for term, row in self._rows.items()
        }

    @classmethod
    def empty(cls) -> TopicModel:
        """No classes: every article is ranked by BM25 alone."""
        return cls((), (), {})

    def vector(self, terms: Sequence[str]) -> list[float] | None:
        """P(class | question) in the order of ``classes``; None when nothing is known."""
        rows = self._rows
        features = topic_features(terms)  # the fit's input, so both read a question alike
        known = [rows[t] for t in features if t in rows]
        if not known:
            return None
        value = next(iter(features.values()))  # every term has the same value
        total = list(map(sum, zip(*known, strict=True))) if len(known) > 1 else list(known[0])
        z = [b + value * t for b, t in zip(self.intercept, total, strict=True)]
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        norm = sum(exp)
        return [e / norm for e in exp]

    def probabilities(self, terms: Sequence[str]) -> dict[str, float]:
        """P(class | question) for every class, or {} when nothing is known."""
        if not self.classes:
            return {}
        probs = self.vector(terms)
        if probs is None:
            return {}
        return dict(zip(self.classes, probs, strict=True))

    def to_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "classes": list(self.classes),
            "intercept": list(self.intercept),
            "weights": {t: [[c, w] for c, w in row] for t, row in sorted(self.table().items())},
        }


def load_topics(path: Path = TOPICS_PATH) -> TopicModel:
    """Read the fitted topic model; a missing file means BM25 alone.

    The file ships with the code and changes only with ``make fit``, but the content
    check and every engine build (start-up, each content reload) ask for it: it is
    parsed once per version of the file, not on each call.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        return TopicModel.empty()
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int, size: int) -> TopicModel:
    """``load_topics`` for one version of the file (the stamp is the cache key)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    classes = tuple(str(c) for c in raw["classes"])
    intercept = tuple(float(v) for v in raw["intercept"])
    if len(intercept) != len(classes):
        raise ValueError(f"{path}: {len(classes)} classes but {len(intercept)} intercepts")
    weights: dict[str, tuple[tuple[int, float], ...]] = {}
    for term, row in raw["weights"].items():
        pairs = tuple((int(c), float(w)) for c, w in row)
        if any(not 0 <= c < len(classes) for c, _ in pairs):
            raise ValueError(f"{path}: weight for {term!r} names a class that does not exist")
        weights[str(term)] = pairs
    return TopicModel(classes, intercept, weights, str(raw.get("version", "")))
