"""`python -m bot gaps [--days 30] [--format csv|md]`: what editors should write next."""

from __future__ import annotations

import asyncio
import sys
from datetime import date, timedelta
from typing import Literal, TextIO

from bot.content.check import check_content
from bot.core.config import Settings
from bot.features.feedback.gaps import (
    GapsReport,
    analyzer_for,
    as_csv,
    as_markdown,
    group_questions,
)
from bot.features.feedback.storage import FeedbackStore
from bot.storage import Database, Keys


async def gaps_report(settings: Settings, days: int, today: date) -> GapsReport:
    secret = settings.secret
    if secret is None:
        raise SystemExit("SECRET_KEY is not set (the database's keys are derived from it)")
    since = today - timedelta(days=days - 1)
    db = await Database.open(
        settings.database_path, Keys.for_database(secret, settings.database_path)
    )
    try:
        store = FeedbackStore(db)
        questions = await store.questions(since)
        notes = await store.notes(since)
        votes = await store.votes(since)
    finally:
        await db.close()
    analyzer = analyzer_for(settings.content_dir)
    groups = group_questions(analyzer, [(q.question, q.considered) for q in questions])
    return GapsReport(
        days=days,
        since=since.isoformat(),
        groups=groups,
        notes=[(n.article_id, n.day, n.note) for n in notes],
        votes=[(v.article_id, v.up, v.down) for v in votes if v.up + v.down],
    )


def titles(settings: Settings) -> dict[str, str]:
    """English titles for the report; none if the library cannot be read."""
    library = check_content(settings.content_dir, date.today()).library
    if library is None:  # the report is still useful with ids only
        return {}
    return {a.id: a.text("en").title for a in library.articles.values()}


def run_gaps(
    settings: Settings,
    days: int,
    fmt: Literal["csv", "md"],
    *,
    stdout: TextIO = sys.stdout,
    today: date | None = None,
) -> int:
    report = asyncio.run(gaps_report(settings, days, today or date.today()))
    stdout.write(as_csv(report) if fmt == "csv" else as_markdown(report, titles(settings)))
    return 0
