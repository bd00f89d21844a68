"""``python -m bot.search.evaluate [--file F ...] [--threshold X] [--failures] [--articles]``.

Prints JSON per file: top-1, shown, wrong among answered, out-of-scope not answered,
per kind (and per article with ``--articles``) and the reliability table. Editors run
this after changing articles or synonyms; ``--threshold`` shows what another answer
threshold would do (the fitted one is in bot/search/model.json).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from bot.content.loader import build_library, load_articles
from bot.content.models import Library
from bot.search.engine import SearchEngine
from bot.search.evaluation import read_cases, run, summarise
from bot.search.model import load_model
from bot.search.synonyms import load_synonyms

ROOT = Path(__file__).resolve().parents[2]


def load(content: Path) -> Library:
    result = load_articles(content / "articles")
    return build_library(result.files, result.version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.search.evaluate", description=__doc__)
    parser.add_argument(
        "--file",
        type=Path,
        action="append",
        help="a question set (repeatable); default tests/search/eval.jsonl",
    )
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument(
        "--threshold", type=float, help="answer threshold instead of the fitted one"
    )
    parser.add_argument("--failures", action="store_true", help="also list questions not right")
    parser.add_argument("--articles", action="store_true", help="also print per-article figures")
    args = parser.parse_args(argv)

    synonyms_path = args.content / "synonyms.yaml"
    synonyms = load_synonyms(synonyms_path) if synonyms_path.exists() else None
    model = load_model()
    if args.threshold is not None:
        model = dataclasses.replace(model, answer_threshold=args.threshold)
    engine = SearchEngine.build(load(args.content), synonyms, model=model)
    files = args.file or [ROOT / "tests" / "search" / "eval.jsonl"]
    reports: dict[str, object] = {}
    for path in files:
        outcomes = run(engine, read_cases(path))
        summary = dict(summarise(outcomes))
        if not args.articles:
            summary.pop("articles")
        report: dict[str, object] = {"answer_threshold": model.answer_threshold, **summary}
        if args.failures:
            report["failures"] = [
                {
                    "q": o.case.q,
                    "kind": o.case.kind,
                    "expected": list(o.case.expected),
                    "got": [h.article_id for h in o.answer.hits[:3]],
                    "mode": o.answer.mode,
                    "choices": list(o.answer.choices),
                    "confidence": o.answer.confidence,
                }
                for o in outcomes
                if not o.correct
            ]
        reports[path.name] = report
    out = reports[files[0].name] if len(files) == 1 else reports
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
