"""Scoring the engine against a labelled question set (``tests/search/eval.jsonl``).

Kept apart from the CLI so that the test suite and ``python -m bot.search.evaluate``
compute exactly the same figures.
"""

from __future__ import annotations

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
    def correct(self) -> bool:
        """In scope: answered with an expected article first. Out of scope: not answered."""
        if not self.in_scope:
            return not self.answer.answered
        hits = self.answer.hits
        return self.answer.answered and bool(hits) and hits[0].article_id in self.case.expected

    @property
    def found(self) -> bool:
        """An expected article is first, whether or not the engine was confident."""
        hits = self.answer.hits
        return bool(hits) and hits[0].article_id in self.case.expected


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


class KindFigures(TypedDict):
    n: int
    correct: float
    top1_any_confidence: float
    lang_ok: float


class Summary(TypedDict):
    questions: int
    in_scope: int
    top1_accuracy: float
    top1_any_confidence: float
    oos_rejection: float
    lang_accuracy: float
    kinds: dict[str, KindFigures]


def summarise(outcomes: Sequence[Outcome]) -> Summary:
    """Headline figures plus one line per kind of question."""
    in_scope = [o for o in outcomes if o.in_scope]
    oos = [o for o in outcomes if not o.in_scope]
    kinds: dict[str, KindFigures] = {}
    for kind in sorted({o.case.kind for o in outcomes}):
        group = [o for o in outcomes if o.case.kind == kind]
        kinds[kind] = {
            "n": len(group),
            "correct": _ratio(sum(o.correct for o in group), len(group)),
            "top1_any_confidence": _ratio(sum(o.found for o in group if o.in_scope), len(group))
            if kind != "oos"
            else 0.0,
            "lang_ok": _ratio(sum(o.answer.query_lang == o.case.lang for o in group), len(group)),
        }
    return {
        "questions": len(outcomes),
        "in_scope": len(in_scope),
        "top1_accuracy": _ratio(sum(o.correct for o in in_scope), len(in_scope)),
        "top1_any_confidence": _ratio(sum(o.found for o in in_scope), len(in_scope)),
        "oos_rejection": _ratio(sum(o.correct for o in oos), len(oos)),
        "lang_accuracy": _ratio(
            sum(o.answer.query_lang == o.case.lang for o in outcomes), len(outcomes)
        ),
        "kinds": kinds,
    }
