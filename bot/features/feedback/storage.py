"""The feature's tables: counts without a user column, and texts only by consent.

Votes and consented texts are rare and written at once; search outcomes (one per question)
are counted in memory and written in one batch by the flush job, off the hot path.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bot.content.models import Lang
from bot.features.feedback.data import Vote
from bot.storage import Database

Outcome = str  # "answer", "choices", "none" or "closest" (none, with closest topics)


@dataclass(frozen=True)
class StoredQuestion:
    day: str
    lang: str
    question: str
    considered: tuple[str, ...]


@dataclass(frozen=True)
class StoredNote:
    day: str
    article_id: str
    note: str


@dataclass(frozen=True)
class VoteCount:
    article_id: str
    up: int
    down: int


class FeedbackStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._outcomes: Counter[tuple[str, str, str]] = Counter()
        self._flushing = asyncio.Lock()

    async def add_vote(self, day: date, article_id: str, lang: Lang, vote: Vote) -> None:
        await self._db.write(
            "INSERT INTO feedback_votes (day, article_id, lang, vote, count) VALUES (?, ?, ?, ?, 1) "
            "ON CONFLICT (day, article_id, lang, vote) DO UPDATE SET count = count + 1",
            (day.isoformat(), article_id, lang, vote),
        )

    async def add_note(self, day: date, article_id: str, note: str) -> None:
        await self._db.write(
            "INSERT INTO feedback_notes (id, day, article_id, note) VALUES (?, ?, ?, ?)",
            (secrets.token_hex(8), day.isoformat(), article_id, note),
        )

    async def add_question(
        self, day: date, lang: Lang, question: str, considered: tuple[str, ...]
    ) -> None:
        await self._db.write(
            "INSERT INTO unanswered_questions (id, day, lang, question, considered) "
            "VALUES (?, ?, ?, ?, ?)",
            (secrets.token_hex(8), day.isoformat(), lang, question, json.dumps(list(considered))),
        )

    def count_outcome(self, day: date, lang: Lang, outcome: Outcome) -> None:
        self._outcomes[(day.isoformat(), lang, outcome)] += 1

    async def flush(self) -> None:
        """Write the buffered counts; on failure they stay for the next flush."""
        async with self._flushing:
            if not self._outcomes:
                return
            batch = Counter(self._outcomes)
            await self._db.write_many(
                (
                    "INSERT INTO search_outcomes (day, lang, outcome, count) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (day, lang, outcome) DO UPDATE SET count = count + excluded.count",
                    (day, lang, outcome, count),
                )
                for (day, lang, outcome), count in batch.items()
            )
            self._outcomes.subtract(batch)
            self._outcomes = +self._outcomes

    async def purge(self, before: date) -> int:
        """Delete the texts older than the keeping period; returns how many went."""
        cutoff = before.isoformat()
        async with self._db.transaction() as tx:
            notes = await tx.execute("DELETE FROM feedback_notes WHERE day < ?", (cutoff,))
            questions = await tx.execute(
                "DELETE FROM unanswered_questions WHERE day < ?", (cutoff,)
            )
        return notes + questions

    async def questions(self, since: date) -> list[StoredQuestion]:
        rows = await self._db.fetchall(
            "SELECT day, lang, question, considered FROM unanswered_questions WHERE day >= ? "
            "ORDER BY day, question",
            (since.isoformat(),),
        )
        return [
            StoredQuestion(str(r[0]), str(r[1]), str(r[2]), tuple(json.loads(r[3]))) for r in rows
        ]

    async def notes(self, since: date) -> list[StoredNote]:
        rows = await self._db.fetchall(
            "SELECT day, article_id, note FROM feedback_notes WHERE day >= ? "
            "ORDER BY article_id, day, note",
            (since.isoformat(),),
        )
        return [StoredNote(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    async def votes(self, since: date) -> list[VoteCount]:
        rows = await self._db.fetchall(
            "SELECT article_id, "
            " SUM(CASE WHEN vote = 'up' THEN count ELSE 0 END),"
            " SUM(CASE WHEN vote = 'down' THEN count ELSE 0 END) "
            "FROM feedback_votes WHERE day >= ? GROUP BY article_id ORDER BY article_id",
            (since.isoformat(),),
        )
        return [VoteCount(str(r[0]), int(r[1]), int(r[2])) for r in rows]

    async def outcomes(self, since: date) -> dict[str, int]:
        """Questions by outcome over the period, all languages together."""
        await self.flush()
        rows = await self._db.fetchall(
            "SELECT outcome, SUM(count) FROM search_outcomes WHERE day >= ? GROUP BY outcome",
            (since.isoformat(),),
        )
        return {str(r[0]): int(r[1]) for r in rows}
