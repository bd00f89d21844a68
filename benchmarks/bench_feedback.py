"""Feedback benchmark: what the feature adds per question, and how `gaps` scales; prints JSON.

    .venv/bin/python benchmarks/bench_feedback.py [--questions 1000 5000]

Per question the bot scrubs the text and holds it in memory (bounded, expiring); `gaps`
and /stats group the consented questions. The questions are the evaluation set's, repeated
with small variations to reach N. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.features.feedback.gaps import analyzer_for, group_questions  # noqa: E402
from bot.features.feedback.memory import FeedbackMemory, HeldQuestion  # noqa: E402
from bot.features.feedback.scrub import scrub  # noqa: E402
from bot.search.evaluation import read_cases  # noqa: E402

FILLERS = ("пожалуйста", "срочно", "please", "help", "вопрос", "подскажите", "очень")


def questions(count: int, seed: int = 7) -> list[str]:
    base = [case.q for case in read_cases(ROOT / "tests" / "search" / "eval.jsonl")]
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        words = rng.choice(base).split()
        words.insert(rng.randrange(len(words) + 1), rng.choice(FILLERS))
        out.append(" ".join(words))
    return out


def per_question_us(texts: list[str]) -> dict[str, float]:
    memory = FeedbackMemory(1800.0)
    timings = []
    for number, text in enumerate(texts):
        start = time.perf_counter()
        held = HeldQuestion(scrub(text), "ru", ("passport-lost-or-expired",))
        memory.questions.put(("k" * 32, number), held)
        timings.append((time.perf_counter() - start) * 1e6)
    return {
        "median_us": round(statistics.median(timings), 2),
        "p99_us": round(statistics.quantiles(timings, n=100)[98], 2),
    }


def held_memory_mib(texts: list[str], items: int = 10_000) -> float:
    tracemalloc.start()
    memory = FeedbackMemory(1800.0, max_items=items)
    for number in range(items):
        text = texts[number % len(texts)] + f" {number}"
        memory.questions.put(
            (f"{number:032d}", number), HeldQuestion(scrub(text), "ru", ("a", "b"))
        )
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(size / 2**20, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    analyzer = analyzer_for(ROOT / "content")
    sample = questions(2000)
    grouping = {}
    for count in args.questions:
        texts = questions(count)
        start = time.perf_counter()
        groups = group_questions(analyzer, [(t, ()) for t in texts])
        grouping[str(count)] = {
            "seconds": round(time.perf_counter() - start, 3),
            "groups": len(groups),
            "largest": groups[0].count if groups else 0,
        }
    print(
        json.dumps(
            {
                "python": platform.python_version(),
                "per_question": per_question_us(sample),
                "held_10000_questions_mib": held_memory_mib(sample),
                "gaps_grouping": grouping,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
