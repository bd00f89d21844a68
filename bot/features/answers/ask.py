"""`python -m bot ask`: the search, line by line, for scripts, evaluation and editors.

Editors debug the search with it, so the best candidate is shown also when the bot would
decline ("(not sure)" in choices mode, "(no answer)" otherwise): what almost won is the
clue to a missing question or keyword.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from bot.content.catalog import Catalog, build_catalog
from bot.content.check import check_content
from bot.content.models import Lang
from bot.search.engine import Answer

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
        if as_json:
            stdout.write(json.dumps(json_record(query, lang, answer), ensure_ascii=False) + "\n")
        else:
            stdout.write(text_record(query, lang, answer, catalog))
        stdout.flush()
    return 0


def json_record(query: str, lang: Lang, answer: Answer) -> dict[str, Any]:
    """``answered`` is true exactly when ``mode`` is "answer"; ``results`` are always listed."""
    return {
        "query": query,
        "lang": lang,
        "mode": answer.mode,
        "answered": answer.mode == "answer",
        "results": [{"id": h.article_id, "score": round(h.score, 4)} for h in answer.hits],
        "confidence": answer.confidence,
        "choices": list(answer.choices),
        "also": answer.also,
        "nearest": list(answer.nearest),
    }


MODE_LABELS = {"answer": "", "choices": "(not sure) ", "none": "(no answer) "}


def text_record(query: str, lang: Lang, answer: Answer, catalog: Catalog) -> str:
    lines = [query]
    if answer.smalltalk:
        lines.append(f"  → (small talk: {answer.smalltalk})")
    elif not answer.hits:
        lines.append("  → (no answer, no candidates)")
    else:
        best = answer.hits[0]
        article = catalog.library.get(best.article_id)
        title = article.text(lang).title if article else best.article_id
        label = MODE_LABELS[answer.mode]
        lines.append(
            f"  → {label}{best.article_id}: {title} ({best.score:.2f}, "
            f"confidence {answer.confidence:.2f})"
        )
        if answer.also:
            lines.append(f"     also offered: {answer.also}")
        if answer.nearest:
            lines.append(f"     closest offered: {', '.join(answer.nearest)}")
    lines.extend(f"     {hit.article_id} ({hit.score:.2f})" for hit in answer.hits[1:])
    return "\n".join(lines) + "\n"
