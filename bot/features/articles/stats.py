"""Anonymous usage counts: views per article per day, with nothing that points to a user."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date
from typing import Any

from bot.storage import Database


class ArticleStats:
    """Counts are buffered in memory and written in one batch, off the hot path.

    The buffer is emptied only after the write succeeded: a failed write keeps its counts
    for the next flush, and views recorded during the write are not lost either.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._pending: Counter[tuple[str, str]] = Counter()
        # Two flushes at once would both write the same snapshot: one at a time.
        self._flushing = asyncio.Lock()

    def record(self, article_id: str, day: date) -> None:
        self._pending[(day.isoformat(), article_id)] += 1

    async def flush(self) -> None:
        async with self._flushing:
            await self._flush()

    async def _flush(self) -> None:
        if not self._pending:
            return
        batch = Counter(self._pending)
        await self._db.write_many(
            (
                "INSERT INTO article_views (day, article_id, views) VALUES (?, ?, ?) "
                "ON CONFLICT (day, article_id) DO UPDATE SET views = views + excluded.views",
                (day, article_id, views),
            )
            for (day, article_id), views in batch.items()
        )
        self._pending.subtract(batch)
        self._pending = +self._pending  # drop the zeros

    async def totals(self, since: date) -> list[tuple[str, int]]:
        rows = await self._db.fetchall(
            "SELECT article_id, SUM(views) FROM article_views WHERE day >= ? "
            "GROUP BY article_id ORDER BY SUM(views) DESC",
            (since.isoformat(),),
        )
        return [(str(r[0]), int(r[1])) for r in rows]


async def stats_job(context: Any) -> None:
    from bot.core.services import services_of

    await services_of(context.application).stats.flush()
