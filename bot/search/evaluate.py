"""``python -m bot.search.evaluate [--file F] [--threshold X] [--failures]``: per-kind JSON.

Editors run this after changing articles or synonyms to see whether answers got
better or worse; ``--threshold`` shows what a different confidence cut-off would do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.content.loader import build_library, load_articles
from bot.content.models import Library
from bot.search.engine import DEFAULT_THRESHOLD, SearchEngine
from bot.search.evaluation import read_cases, run, summarise
from bot.search.synonyms import load_synonyms

ROOT = Path(__file__).resolve().parents[2]


def load(content: Path) -> Library:
    result = load_articles(content / "articles")
    return build_library(result.files, result.version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.search.evaluate", description=__doc__)
    parser.add_argument("--file", type=Path, default=ROOT / "tests" / "search" / "eval.jsonl")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--failures", action="store_true", help="also list wrong answers")
    args = parser.parse_args(argv)

    synonyms_path = args.content / "synonyms.yaml"
    synonyms = load_synonyms(synonyms_path) if synonyms_path.exists() else None
    engine = SearchEngine.build(load(args.content), synonyms, threshold=args.threshold)
    outcomes = run(engine, read_cases(args.file))
    report: dict[str, object] = {"threshold": args.threshold, **summarise(outcomes)}
    if args.failures:
        report["failures"] = [
            {
                "q": o.case.q,
                "kind": o.case.kind,
                "expected": list(o.case.expected),
                "got": [h.article_id for h in o.answer.hits[:3]],
                "answered": o.answer.answered,
            }
            for o in outcomes
            if not o.correct
        ]
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
