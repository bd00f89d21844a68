"""Scoring the engine against a labelled question set (``tests/search/eval.jsonl``).

Kept apart from the CLI so that the test suite and ``python -m bot.search.evaluate``
compute exactly the same figures:

* ``top1``: in scope, answered (mode "answer") with an expected article first;
* ``shown``: in scope, the right article was put in front of the user: answered with
  it first, or offered among the choices;
* ``on_screen``: in scope, the right article is the answer or one of the buttons the
  first reply offers (``Answer.offered``: the answer page's other matches, the choices,
  the closest articles under "I don't know"): one tap away at most. Reported beside
  ``shown``, never instead of it: a 🔎 button under another article or under "no
  answer" is a weaker offer than a list that says "one of these";
* ``wrong_answered``: among all answers given, the share whose first hit is wrong
  (an out-of-scope question answered counts as wrong);
* ``oos_not_answered``: out of scope, not answered (choices or none);
* ``reliability``: answers by the model's confidence, and how many were right.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from bot.search.engine import Answer, SearchEngine


@dataclass(frozen=True)
class Case:
    """One labelled question; an empty ``expected`` means the library does not cover it."""

    q: str
    lang: str
    expected: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    answer: Answer

    @property
    def in_scope(self) -> bool:
        return bool(self.case.expected)

    @property
    def first_right(self) -> bool:
        """An expected article is first, whatever the mode."""
        hits = self.answer.hits
        return bool(hits) and hits[0].article_id in self.case.expected

    @property
    def top1(self) -> bool:
        return self.in_scope and self.answer.answered and self.first_right

    @property
    def shown(self) -> bool:
        if not self.in_scope:
            return False
        if self.answer.mode == "choices":
            return bool(set(self.answer.choices) & set(self.case.expected))
        return self.top1

    @property
    def on_screen(self) -> bool:
        if not self.in_scope:
            return False
        return self.top1 or bool(set(self.answer.offered()) & set(self.case.expected))

    @property
    def correct(self) -> bool:
        """In scope: answered right. Out of scope: not answered."""
        return self.top1 if self.in_scope else not self.answer.answered

    @property
    def found(self) -> bool:  # the name earlier reports used
        return self.first_right


def read_cases(path: Path) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            cases.append(Case(row["q"], row["lang"], tuple(row["expected"]), row["kind"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: bad evaluation row ({exc})") from exc
    return cases


def run(engine: SearchEngine, cases: Iterable[Case]) -> list[Outcome]:
    return [Outcome(case, engine.search(case.q)) for case in cases]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


class GroupFigures(TypedDict):
    n: int
    top1: float
    shown: float
    on_screen: float
    first_any_mode: float
    answered: int
    wrong_answered: float
    oos_not_answered: float
    lang_ok: float


class Bucket(TypedDict):
    confidence: str
    answered: int
    right: float


class Summary(TypedDict):
    questions: int
    in_scope: int
    out_of_scope: int
    top1: float
    shown: float
    on_screen: float
    first_any_mode: float
    wrong_answered: float
    oos_not_answered: float
    lang_accuracy: float
    modes: dict[str, int]
    kinds: dict[str, GroupFigures]
    articles: dict[str, GroupFigures]
    reliability: list[Bucket]


def figures(outcomes: Sequence[Outcome]) -> GroupFigures:
    in_scope = [o for o in outcomes if o.in_scope]
    oos = [o for o in outcomes if not o.in_scope]
    answered = [o for o in outcomes if o.answer.answered]
    return {
        "n": len(outcomes),
        "top1": _ratio(sum(o.top1 for o in in_scope), len(in_scope)),
        "shown": _ratio(sum(o.shown for o in in_scope), len(in_scope)),
        "on_screen": _ratio(sum(o.on_screen for o in in_scope), len(in_scope)),
        "first_any_mode": _ratio(sum(o.first_right for o in in_scope), len(in_scope)),
        "answered": len(answered),
        "wrong_answered": _ratio(sum(not o.first_right for o in answered), len(answered)),
        "oos_not_answered": _ratio(sum(not o.answer.answered for o in oos), len(oos)),
        "lang_ok": _ratio(sum(o.answer.query_lang == o.case.lang for o in outcomes), len(outcomes)),
    }


BUCKETS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001)


def reliability(outcomes: Sequence[Outcome]) -> list[Bucket]:
    """Answers given, by confidence: how many there were and the share that was right."""
    table: list[Bucket] = []
    answered = [o for o in outcomes if o.answer.answered]
    for lo, hi in itertools.pairwise(BUCKETS):
        group = [o for o in answered if lo <= o.answer.confidence < hi]
        if group:
            table.append(
                {
                    "confidence": f"{lo:.2f}-{min(hi, 1.0):.2f}",
                    "answered": len(group),
                    "right": _ratio(sum(o.first_right for o in group), len(group)),
                }
            )
    return table


def summarise(outcomes: Sequence[Outcome]) -> Summary:
    """Headline figures, one line per kind and per expected article, reliability."""
    overall = figures(outcomes)
    kinds = {
        kind: figures([o for o in outcomes if o.case.kind == kind])
        for kind in sorted({o.case.kind for o in outcomes})
    }
    articles = {
        aid: figures([o for o in outcomes if o.case.expected and o.case.expected[0] == aid])
        for aid in sorted({o.case.expected[0] for o in outcomes if o.case.expected})
    }
    modes: dict[str, int] = {}
    for o in outcomes:
        key = f"smalltalk:{o.answer.smalltalk}" if o.answer.smalltalk else o.answer.mode
        modes[key] = modes.get(key, 0) + 1
    return {
        "questions": len(outcomes),
        "in_scope": sum(o.in_scope for o in outcomes),
        "out_of_scope": sum(not o.in_scope for o in outcomes),
        "top1": overall["top1"],
        "shown": overall["shown"],
        "on_screen": overall["on_screen"],
        "first_any_mode": overall["first_any_mode"],
        "wrong_answered": overall["wrong_answered"],
        "oos_not_answered": overall["oos_not_answered"],
        "lang_accuracy": overall["lang_ok"],
        "modes": dict(sorted(modes.items())),
        "kinds": kinds,
        "articles": articles,
        "reliability": reliability(outcomes),
    }
