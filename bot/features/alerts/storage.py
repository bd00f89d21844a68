"""Subscriptions, the outbox, reminders and the notified changes, in SQLite.

Every row that lets the bot write to someone holds the chat sealed with SECRET_KEY and a
keyed hash (``Keys.chat_key``) to find it again; nothing here links to the users table.
A notice and all its deliveries are written in one transaction, and a delivery row is
deleted in the same transaction that counts it, so a crash can neither lose a recipient nor
count one twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast

from cryptography.exceptions import InvalidTag

from bot.content.models import Lang
from bot.storage import Database, Keys

log = logging.getLogger(__name__)

URGENT = "urgent"
MAX_REMINDERS = 5
NoticeKind = Literal["update", "urgent", "reminder"]


@dataclass(frozen=True)
class Subscription:
    lang: Lang
    country: str | None
    topics: frozenset[str]


@dataclass(frozen=True)
class Recipient:
    chat_key: str
    chat: bytes
    lang: Lang


@dataclass(frozen=True)
class NoticeDraft:
    """What "Send" writes: the texts, where they go, and who watches the progress."""

    kind: NoticeKind
    text_ru: str
    text_en: str
    silent: bool
    topic: str | None = None
    article_id: str | None = None
    change_key: str | None = None
    admin_chat: int | None = None
    progress_message: int | None = None


@dataclass(frozen=True)
class Notice:
    id: int
    kind: NoticeKind
    topic: str | None
    article_id: str | None
    text_ru: str
    text_en: str
    silent: bool
    admin_chat: int | None
    progress_message: int | None
    total: int
    sent: int
    blocked: int
    failed: int
    created_at: float
    finished_at: float | None

    def text(self, lang: Lang) -> str:
        """Each recipient in their language; an empty one (``-`` at /broadcast) falls back."""
        if lang == "ru":
            return self.text_ru or self.text_en
        return self.text_en or self.text_ru

    @property
    def settled(self) -> int:
        return self.sent + self.blocked + self.failed


@dataclass(frozen=True)
class Delivery:
    id: int
    notice_id: int
    chat_key: str
    chat: bytes
    lang: Lang
    attempts: int


@dataclass(frozen=True)
class Reminder:
    id: int
    kind: str
    remind_month: int  # year * 100 + month


@dataclass(frozen=True)
class OutboxState:
    pending_notices: int  # not finished yet
    sent: int  # messages delivered, of the notices in the period
    blocked: int
    failed: int
    queued: int  # deliveries waiting in the outbox now


def _topics(raw: str) -> frozenset[str]:
    return frozenset(t for t in raw.split(",") if t)


class AlertStore:
    def __init__(self, db: Database, keys: Keys) -> None:
        self._db = db
        self._keys = keys

    # ------------------------------------------------------------ subscriptions

    async def subscription(self, chat_id: int) -> Subscription | None:
        row = await self._db.fetchone(
            "SELECT lang, country, topics FROM alert_subscribers WHERE chat_key = ?",
            (self._keys.chat_key(chat_id),),
        )
        if row is None:
            return None
        return Subscription(cast(Lang, row[0]), row[1], _topics(row[2]))

    async def set_topics(
        self, chat_id: int, lang: Lang, country: str | None, topics: Iterable[str]
    ) -> Subscription | None:
        """Write the whole set; an empty set deletes the row and with it the sealed chat."""
        key = self._keys.chat_key(chat_id)
        wanted = ",".join(sorted(set(topics)))
        if not wanted:
            await self._db.write("DELETE FROM alert_subscribers WHERE chat_key = ?", (key,))
            return None
        await self._db.write(
            "INSERT INTO alert_subscribers (chat_key, chat, lang, country, topics) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_key) DO UPDATE SET "
            "lang = excluded.lang, country = excluded.country, topics = excluded.topics",
            (key, self._keys.seal_chat(chat_id), lang, country, wanted),
        )
        return Subscription(lang, country, _topics(wanted))

    async def remove_topic(self, chat_key: str, topic: str) -> None:
        async with self._db.transaction() as tx:
            rows = await tx.fetchall(
                "SELECT topics FROM alert_subscribers WHERE chat_key = ?", (chat_key,)
            )
            if not rows:
                return
            left = _topics(rows[0][0]) - {topic}
            if left:
                await tx.execute(
                    "UPDATE alert_subscribers SET topics = ? WHERE chat_key = ?",
                    (",".join(sorted(left)), chat_key),
                )
            else:
                await tx.execute("DELETE FROM alert_subscribers WHERE chat_key = ?", (chat_key,))

    async def recipients(self, topic: str, country: str | None = None) -> list[Recipient]:
        sql = (
            "SELECT chat_key, chat, lang FROM alert_subscribers WHERE ',' || topics || ',' LIKE ? "
        )
        params: list[object] = [f"%,{topic},%"]
        if country is not None:
            sql += "AND country = ? "
            params.append(country)
        rows = await self._db.fetchall(sql + "ORDER BY chat_key", params)
        return [Recipient(r[0], r[1], cast(Lang, r[2])) for r in rows]

    async def subscriber_count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM alert_subscribers")
        return int(row[0]) if row else 0

    # ------------------------------------------------------------------ outbox

    async def enqueue(self, draft: NoticeDraft, recipients: list[Recipient]) -> int | None:
        """The notice and every delivery in one transaction; None if this change was queued."""
        admin = self._keys.seal_chat(draft.admin_chat) if draft.admin_chat is not None else None
        async with self._db.transaction() as tx:
            if draft.change_key is not None:
                taken = await tx.fetchall(
                    "SELECT id FROM outbox_notices WHERE change_key = ?", (draft.change_key,)
                )
                if taken:
                    return None
            await tx.execute(
                "INSERT INTO outbox_notices (kind, change_key, topic, article_id, text_ru, "
                "text_en, silent, admin_chat, progress_message, total, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.kind,
                    draft.change_key,
                    draft.topic,
                    draft.article_id,
                    draft.text_ru,
                    draft.text_en,
                    int(draft.silent),
                    admin,
                    draft.progress_message,
                    len(recipients),
                    time.time(),
                ),
            )
            notice_id = int((await tx.fetchall("SELECT last_insert_rowid()"))[0][0])
            for r in recipients:
                await tx.execute(
                    "INSERT INTO outbox_deliveries (notice_id, chat_key, chat, lang) "
                    "VALUES (?, ?, ?, ?)",
                    (notice_id, r.chat_key, r.chat, r.lang),
                )
        return notice_id

    async def notice(self, notice_id: int) -> Notice | None:
        row = await self._db.fetchone(
            "SELECT id, kind, topic, article_id, text_ru, text_en, silent, admin_chat, "
            "progress_message, total, sent, blocked, failed, created_at, finished_at "
            "FROM outbox_notices WHERE id = ?",
            (notice_id,),
        )
        if row is None:
            return None
        admin: int | None = None
        if row[7] is not None:
            try:
                admin = self._keys.open_chat(row[7])
            except InvalidTag:
                admin = None
        return Notice(
            row[0],
            cast(NoticeKind, row[1]),
            row[2],
            row[3],
            row[4],
            row[5],
            bool(row[6]),
            admin,
            row[8],
            *row[9:15],
        )

    async def next_deliveries(self, now: float, limit: int = 200) -> list[Delivery]:
        """Oldest notices first, so a broadcast finishes before the next one starts."""
        rows = await self._db.fetchall(
            "SELECT id, notice_id, chat_key, chat, lang, attempts FROM outbox_deliveries "
            "WHERE not_before <= ? ORDER BY notice_id, id LIMIT ?",
            (now, limit),
        )
        return [Delivery(r[0], r[1], r[2], r[3], cast(Lang, r[4]), r[5]) for r in rows]

    async def next_retry_at(self) -> float | None:
        row = await self._db.fetchone("SELECT MIN(not_before) FROM outbox_deliveries")
        return float(row[0]) if row and row[0] is not None else None

    async def settle(
        self, delivery: Delivery, outcome: Literal["sent", "blocked", "failed"]
    ) -> None:
        """Delete the delivery and count it, atomically (a blocked chat also unsubscribes)."""
        column = {"sent": "sent", "blocked": "blocked", "failed": "failed"}[outcome]
        async with self._db.transaction() as tx:
            changed = await tx.execute("DELETE FROM outbox_deliveries WHERE id = ?", (delivery.id,))
            if changed:
                await tx.execute(
                    f"UPDATE outbox_notices SET {column} = {column} + 1 WHERE id = ?",  # noqa: S608  # nosec B608
                    (delivery.notice_id,),
                )
            if outcome == "blocked":
                await tx.execute(
                    "DELETE FROM alert_subscribers WHERE chat_key = ?", (delivery.chat_key,)
                )

    async def retry_later(self, delivery: Delivery, not_before: float) -> None:
        await self._db.write(
            "UPDATE outbox_deliveries SET attempts = attempts + 1, not_before = ? WHERE id = ?",
            (not_before, delivery.id),
        )

    async def unfinished_notices(self) -> list[int]:
        rows = await self._db.fetchall(
            "SELECT id FROM outbox_notices WHERE finished_at IS NULL ORDER BY id"
        )
        return [int(r[0]) for r in rows]

    async def pending_of(self, notice_id: int) -> int:
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM outbox_deliveries WHERE notice_id = ?", (notice_id,)
        )
        return int(row[0]) if row else 0

    async def finish(self, notice_id: int, now: float, keep_seconds: float) -> None:
        """Mark it done; finished notices older than ``keep_seconds`` are deleted."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE outbox_notices SET finished_at = ? WHERE id = ?", (now, notice_id)
            )
            await tx.execute(
                "DELETE FROM outbox_notices WHERE finished_at IS NOT NULL AND finished_at < ? "
                "AND kind != 'update'",
                (now - keep_seconds,),
            )

    async def queued(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM outbox_deliveries")
        return int(row[0]) if row else 0

    # ------------------------------------------------ aggregates for /stats

    async def subscribers_by_topic(self) -> dict[str, int]:
        """How many chats follow each section (or urgent alerts); counts only."""
        counts: dict[str, int] = {}
        for topics, n in await self._db.fetchall(
            "SELECT topics, COUNT(*) FROM alert_subscribers GROUP BY topics"
        ):
            for topic in _topics(topics):
                counts[topic] = counts.get(topic, 0) + int(n)
        return counts

    async def outbox_state(self, since: float) -> OutboxState:
        """Notices not finished; outcomes of the notices created since ``since``; queue length."""
        row = await self._db.fetchone(
            "SELECT COALESCE(SUM(finished_at IS NULL), 0), "
            "COALESCE(SUM(CASE WHEN created_at >= ? THEN sent END), 0), "
            "COALESCE(SUM(CASE WHEN created_at >= ? THEN blocked END), 0), "
            "COALESCE(SUM(CASE WHEN created_at >= ? THEN failed END), 0) FROM outbox_notices",
            (since, since, since),
        )
        pending, sent, blocked, failed = (int(v) for v in row) if row else (0, 0, 0, 0)
        return OutboxState(pending, sent, blocked, failed, await self.queued())

    # --------------------------------------------------------- notified changes

    async def claim_changes(self, change_keys: Iterable[str], now: int) -> list[str]:
        """The keys never claimed before, claimed now: a change is drafted once, ever."""
        fresh: list[str] = []
        async with self._db.transaction() as tx:
            for key in change_keys:
                changed = await tx.execute(
                    "INSERT OR IGNORE INTO alert_notified (change_key, notified_at) VALUES (?, ?)",
                    (key, now),
                )
                if changed:
                    fresh.append(key)
        return fresh

    # ---------------------------------------------------------------- reminders

    async def reminders(self, chat_id: int) -> list[Reminder]:
        rows = await self._db.fetchall(
            "SELECT id, kind, remind_month FROM reminders WHERE chat_key = ? "
            "ORDER BY remind_month, id",
            (self._keys.chat_key(chat_id),),
        )
        return [Reminder(r[0], r[1], r[2]) for r in rows]

    async def add_reminder(
        self, chat_id: int, lang: Lang, kind: str, remind_month: int
    ) -> Reminder | None:
        """None when the chat already has MAX_REMINDERS (checked inside the write)."""
        key = self._keys.chat_key(chat_id)
        async with self._db.transaction() as tx:
            count = (
                await tx.fetchall("SELECT COUNT(*) FROM reminders WHERE chat_key = ?", (key,))
            )[0][0]
            if count >= MAX_REMINDERS:
                return None
            await tx.execute(
                "INSERT INTO reminders (chat_key, chat, lang, kind, remind_month) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, self._keys.seal_chat(chat_id), lang, kind, remind_month),
            )
            row_id = int((await tx.fetchall("SELECT last_insert_rowid()"))[0][0])
        return Reminder(row_id, kind, remind_month)

    async def delete_reminder(self, chat_id: int, row_id: int) -> bool:
        changed = await self._db.write(
            "DELETE FROM reminders WHERE id = ? AND chat_key = ?",
            (row_id, self._keys.chat_key(chat_id)),
        )
        return changed > 0

    async def queue_due_reminders(
        self, month: int, texts: dict[str, tuple[str, str, str | None]]
    ) -> int:
        """Move every reminder due by ``month`` into the outbox (one notice per document kind)
        and delete those rows, in one transaction; returns how many were queued.

        ``texts`` maps a kind to (Russian text, English text, article id).
        """
        queued = 0
        async with self._db.transaction() as tx:
            rows = await tx.fetchall(
                "SELECT id, chat_key, chat, lang, kind FROM reminders WHERE remind_month <= ? "
                "ORDER BY id",
                (month,),
            )
            by_kind: dict[str, list[tuple[int, str, bytes, str]]] = {}
            for row_id, chat_key, chat, lang, kind in rows:
                by_kind.setdefault(kind, []).append((row_id, chat_key, chat, lang))
            for kind, items in by_kind.items():
                text_ru, text_en, article_id = texts.get(kind, ("", "", None))
                if not text_ru and not text_en:
                    continue
                await tx.execute(
                    "INSERT INTO outbox_notices (kind, topic, article_id, text_ru, text_en, "
                    "silent, total, created_at) VALUES ('reminder', ?, ?, ?, ?, 0, ?, ?)",
                    (kind, article_id, text_ru, text_en, len(items), time.time()),
                )
                notice_id = int((await tx.fetchall("SELECT last_insert_rowid()"))[0][0])
                for row_id, chat_key, chat, lang in items:
                    await tx.execute(
                        "INSERT INTO outbox_deliveries (notice_id, chat_key, chat, lang) "
                        "VALUES (?, ?, ?, ?)",
                        (notice_id, chat_key, chat, lang),
                    )
                    await tx.execute("DELETE FROM reminders WHERE id = ?", (row_id,))
                    queued += 1
        return queued

    # ------------------------------------------------------------------ forget

    async def forget_chat(self, chat_id: int) -> None:
        """Subscriptions, reminders and queued notices of the chat, in one transaction."""
        key = self._keys.chat_key(chat_id)
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM alert_subscribers WHERE chat_key = ?", (key,))
            await tx.execute("DELETE FROM reminders WHERE chat_key = ?", (key,))
            notices = await tx.fetchall(
                "SELECT notice_id, COUNT(*) FROM outbox_deliveries WHERE chat_key = ? "
                "GROUP BY notice_id",
                (key,),
            )
            await tx.execute("DELETE FROM outbox_deliveries WHERE chat_key = ?", (key,))
            for notice_id, count in notices:
                # The recipient left: the notice needs that many fewer to finish.
                await tx.execute(
                    "UPDATE outbox_notices SET total = total - ? WHERE id = ?", (count, notice_id)
                )
