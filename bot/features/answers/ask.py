"""`python -m bot ask`: the search, line by line, for scripts, evaluation and editors."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.content.catalog import build_catalog
from bot.content.check import check_content
from bot.content.models import Lang

MAX_RESULTS = 5


def run_ask(
    content_dir: Path,
    lang: Lang,
    *,
    as_json: bool,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    report = check_content(content_dir, date.today())
    if report.library is None:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        return 1
    catalog = build_catalog(report.library, content_dir)
    for raw in stdin:
        query = raw.rstrip("\n")
        if not query.strip():
            continue
        answer = catalog.engine.search(query, limit=MAX_RESULTS)
        answered = answer.answered and not answer.smalltalk and bool(answer.hits)
        if as_json:
            record = {
                "query": query,
                "lang": lang,
                "answered": answered,
                "results": [{"id": h.article_id, "score": round(h.score, 4)} for h in answer.hits],
            }
            stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if answered:
                article = catalog.library.get(answer.hits[0].article_id)
                title = article.text(lang).title if article else answer.hits[0].article_id
                stdout.write(f"{query}\n  → {answer.hits[0].article_id}: {title}\n")
            else:
                stdout.write(f"{query}\n  → (no confident answer)\n")
            for hit in answer.hits[1:]:
                stdout.write(f"     {hit.article_id} ({hit.score:.2f})\n")
        stdout.flush()
    return 0
