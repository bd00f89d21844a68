"""Search benchmark: answer latency, index build time and memory; prints JSON.

    .venv/bin/python benchmarks/bench_search.py [--articles 5000] [--rounds 5]

Runs the evaluation questions against the shipped library (with the fitted decision
of bot/search/model.json; the reply modes they get are counted too) and against a generated
library of N articles synthesised from the shipped articles' vocabulary (same word
distribution and lengths, random mixtures), so the figures show how the engine
scales. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.content.loader import build_library, load_articles  # noqa: E402
from bot.content.models import Article, ArticleFile, Lang, Library  # noqa: E402
from bot.search import SearchEngine, load_synonyms, topics  # noqa: E402
from bot.search.evaluation import read_cases  # noqa: E402
from bot.search.normalize import clean, tokens  # noqa: E402


def shipped_library() -> Library:
    result = load_articles(ROOT / "content" / "articles")
    return build_library(result.files, result.version)


def synthetic_library(real: Library, count: int, seed: int = 7) -> Library:
    """``count`` articles whose fields are word samples from random real articles."""
    rng = random.Random(seed)
    templates = list(real.articles.values())
    pools: dict[tuple[str, Lang], dict[str, list[str]]] = {}
    for article in templates:
        for lang, text in article.texts.items():
            pools[(article.id, lang)] = {
                "title": tokens(clean(text.title)),
                "questions": [w for q in text.questions for w in tokens(clean(q))],
                "keywords": list(text.keywords),
                "body": tokens(clean(text.body)),
            }
    articles: dict[str, Article] = {}
    for n in range(count):
        base, mix = rng.sample(templates, 2)
        texts: dict[Lang, ArticleFile] = {}
        for lang in base.texts:
            own = pools[(base.id, lang)]
            other = pools.get((mix.id, lang), own)

            def words(
                field: str,
                k: int,
                own: dict[str, list[str]] = own,
                other: dict[str, list[str]] = other,
            ) -> list[str]:
                source = own[field] + other[field][: len(own[field]) // 3]
                return [rng.choice(source) for _ in range(k)] if source else ["x"]

            body_len = len(own["body"])
            texts[lang] = base.texts[lang].model_copy(
                update={
                    "id": f"gen-{n}",
                    "title": " ".join(words("title", max(2, len(own["title"]))))[:120],
                    "questions": [" ".join(words("questions", 7)) for _ in range(8)],
                    "keywords": words("keywords", 12),
                    "body": " ".join(words("body", body_len)),
                }
            )
        articles[f"gen-{n}"] = Article(id=f"gen-{n}", section=base.section, texts=texts)
    return Library(articles)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def latency(engine: SearchEngine, questions: list[str], rounds: int) -> dict[str, float]:
    """First pass = cold typo cache; later passes = warm (repeated questions)."""
    cold: list[float] = []
    warm: list[float] = []
    for round_number in range(rounds):
        for question in questions:
            start = time.perf_counter()
            engine.search(question)
            elapsed = (time.perf_counter() - start) * 1000
            (cold if round_number == 0 else warm).append(elapsed)
    result = {
        "cold_median_ms": round(statistics.median(cold), 3),
        "cold_p99_ms": round(percentile(cold, 0.99), 3),
    }
    if warm:
        result["warm_median_ms"] = round(statistics.median(warm), 3)
        result["warm_p99_ms"] = round(percentile(warm, 0.99), 3)
    return result


def measure(library: Library, questions: list[str], rounds: int) -> dict[str, object]:
    synonyms = load_synonyms(ROOT / "content" / "synonyms.yaml")
    start = time.perf_counter()
    engine = SearchEngine.build(library, synonyms)
    build_s = time.perf_counter() - start
    del engine
    # Built again under tracemalloc, which slows allocation too much to time the build.
    # topics.json is cached once read; forget it so the size includes the topic model.
    topics._read.cache_clear()
    tracemalloc.start()
    engine = SearchEngine.build(library, synonyms)
    engine_bytes, peak_bytes = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    modes: dict[str, int] = {}
    for question in questions:
        answer = engine.search(question)
        key = f"smalltalk:{answer.smalltalk}" if answer.smalltalk else answer.mode
        modes[key] = modes.get(key, 0) + 1
    return {
        "articles": len(library),
        "build_s": round(build_s, 3),
        "modes": dict(sorted(modes.items())),
        "engine_mib_tracemalloc": round(engine_bytes / 2**20, 1),
        "build_peak_mib_tracemalloc": round(peak_bytes / 2**20, 1),
        "questions": len(questions),
        **latency(engine, questions, rounds),
    }


def _maxrss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    questions = [c.q for c in read_cases(ROOT / "tests" / "search" / "eval.jsonl")]
    real = shipped_library()
    report: dict[str, object] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "shipped": measure(real, questions, args.rounds),
    }
    report["maxrss_after_shipped_mib"] = _maxrss_mib()
    generated = synthetic_library(real, args.articles)
    report["generated"] = measure(generated, questions, args.rounds)
    report["maxrss_after_generated_mib"] = _maxrss_mib()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
