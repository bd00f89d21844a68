"""The fitted decision: answer, offer choices, or say "I don't know".

``bot/search/model.json`` is written by ``make fit`` (``bot/search/fit.py``, run with
the dev venv, where scikit-learn lives). At run time the bot only reads it: two
logistic models over the features the engine computes (``FEATURES``), evaluated as a
dot product and a sigmoid in plain Python, and two thresholds fitted on their
probabilities. Nothing is trained when the bot starts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")

# What the engine measures about its best reading; the order is the model's input order.
FEATURES: tuple[str, ...] = (
    "log_score",  # log(1 + BM25 score of the best article)
    "margin",  # 1 - runner-up score / best score
    "meta_cov",  # idf share of the question's terms in the best article's meta
    "body_cov",  # idf share only its body mentions
    "title_cov",  # idf share in its titles
    "unknown",  # idf share of words nothing explains
    "guessed",  # idf share that came from spelling correction
    "key_meta",  # the rarest word that is not a place is in the best article's meta
    "key_known",  # the rarest word that is not a place is known to the library
    "second_meta_cov",  # meta coverage of the runner-up
    "content_terms",  # log(1 + number of terms that are not places)
    "anchors",  # log(1 + terms that are not places in the best article's meta)
    "places_only",  # the question names places and nothing else the library knows
    "rewritten",  # share of words transliterated or spelling-corrected
    "layout",  # the winning reading came from the other keyboard layout
    "top3_meta_cov",  # idf share in the meta of any of the three best articles
    "score_norm",  # best score / the question's total idf: how close to an ideal match
    "gap_log",  # log(best score / runner-up score)
    "key_share",  # the rarest word's share of the question's idf
    "key_body",  # the rarest word is only in the best article's body
    "meta_terms",  # share of the words that are not places found in the best article's meta
    "best_other_meta",  # the highest meta coverage among the next four articles
    "unknown_words",  # log(1 + words nothing explains)
    "words",  # log(1 + words in the question, stop words included)
    "known_meta_cov",  # meta coverage of the words the library knows
    "best_meta_idf",  # the rarest word in the best article's meta, idf / the largest idf
    "best_meta_exclusive",  # that word is in no other leader's meta
    "own_meta",  # idf share in the best article's meta and not in the runner-up's
    "rival_own_meta",  # idf share in the runner-up's meta and not in the best article's
    "topic_p",  # the topic model's probability for the best article (bot/search/topics.py)
    "topic_best",  # its highest probability for any article
    "topic_agree",  # the best article is the topic model's first choice
    "topic_none",  # its probability that no article answers
    "topic_second",  # its probability for the runner-up
    "topic_logit",  # log-odds of topic_p: evidence adds up on this scale, not on p's
    "topic_margin",  # topic_p minus the topic model's best probability for another article
    "bm25_first",  # the best article is also BM25's first
)


@dataclass(frozen=True)
class Logistic:
    """``sigmoid(intercept + sum(coef * (x - mean) / scale))``."""

    coef: tuple[float, ...]
    intercept: float

    def probability(
        self, x: Sequence[float], mean: Sequence[float], scale: Sequence[float]
    ) -> float:
        z = self.intercept
        for c, v, m, s in zip(self.coef, x, mean, scale, strict=True):
            z += c * (v - m) / s
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    answer: Logistic  # P(the best article is right)
    choices: Logistic  # P(a right article is among the choices)
    answer_threshold: float
    choices_threshold: float
    choice_ratio: float  # choices: articles scoring at least this share of the best
    # Ranking: BM25 score / the best BM25 score + topic_weight * topic probability.
    topic_weight: float = 0.0
    version: str = ""

    def p_answer(self, x: Sequence[float]) -> float:
        return self.answer.probability(x, self.mean, self.scale)

    def p_choices(self, x: Sequence[float]) -> float:
        return self.choices.probability(x, self.mean, self.scale)

    @classmethod
    def untrained(cls, topic_weight: float = 0.0) -> Model:
        """A model that never answers; the fitting script builds engines with it."""
        n = len(FEATURES)
        zero = Logistic((0.0,) * n, -30.0)
        return cls(FEATURES, (0.0,) * n, (1.0,) * n, zero, zero, 1.0, 1.0, 0.5, topic_weight)

    def to_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "answer": {"coef": list(self.answer.coef), "intercept": self.answer.intercept},
            "choices": {"coef": list(self.choices.coef), "intercept": self.choices.intercept},
            "answer_threshold": self.answer_threshold,
            "choices_threshold": self.choices_threshold,
            "choice_ratio": self.choice_ratio,
            "topic_weight": self.topic_weight,
        }


def _floats(value: object, n: int, what: str) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != n:
        raise ValueError(f"model: {what} must be a list of {n} numbers")
    return tuple(float(v) for v in value)


def _logistic(value: object, n: int, what: str) -> Logistic:
    if not isinstance(value, dict):
        raise ValueError(f"model: {what} must be an object")
    return Logistic(_floats(value.get("coef"), n, f"{what}.coef"), float(value["intercept"]))


def load_model(path: Path = MODEL_PATH) -> Model:
    """Read a fitted model; its features must be the engine's (else run ``make fit``)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    features = tuple(raw.get("features", ()))
    if features != FEATURES:
        raise ValueError(f"{path}: fitted for other features; run `make fit` again")
    n = len(FEATURES)
    return Model(
        features=features,
        mean=_floats(raw["mean"], n, "mean"),
        scale=_floats(raw["scale"], n, "scale"),
        answer=_logistic(raw["answer"], n, "answer"),
        choices=_logistic(raw["choices"], n, "choices"),
        answer_threshold=float(raw["answer_threshold"]),
        choices_threshold=float(raw["choices_threshold"]),
        choice_ratio=float(raw["choice_ratio"]),
        topic_weight=float(raw.get("topic_weight", 0.0)),
        version=str(raw.get("version", "")),
    )
