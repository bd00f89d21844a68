"""Tickets, message pairs and bans: ids, hashes and times, never text or names.

A ticket row holds the user only as a keyed hash (the ban key, so /ban needs no id) and
the chat id sealed with SECRET_KEY, which the bot must open to pass staff answers on.
"""

from __future__ import annotations

import math
import sqlite3
import time
from dataclasses import dataclass
from typing import Literal, cast

from bot.features.relay.logic import new_code
from bot.storage import Database, Keys
from bot.storage.users import Lang

Status = Literal["open", "closed"]
_COLUMNS = "code, chat, topic_id, lang, origin, status, urgent, opened_at, last_at, closed_at"


@dataclass(frozen=True)
class Ticket:
    code: str
    chat_id: int
    topic_id: int | None
    lang: Lang
    origin: str
    status: Status
    urgent: bool
    opened_at: int
    last_at: int
    closed_at: int | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Pair:
    code: str
    from_user: bool
    user_message_id: int
    staff_message_id: int


class RelayStore:
    def __init__(self, db: Database, keys: Keys) -> None:
        self._db = db
        self._keys = keys

    def _row(self, row: sqlite3.Row | tuple[object, ...]) -> Ticket:
        code, sealed, topic, lang, origin, status, urgent, opened, last, closed = tuple(row)
        return Ticket(
            str(code),
            self._keys.open_chat(cast(bytes, sealed)),
            cast(int | None, topic),
            cast(Lang, lang),
            str(origin),
            cast(Status, status),
            bool(urgent),
            cast(int, opened),
            cast(int, last),
            cast(int | None, closed),
        )

    async def open_for(self, user_id: int) -> Ticket | None:
        row = await self._db.fetchone(
            f"SELECT {_COLUMNS} FROM relay_tickets WHERE user_hash = ? AND status = 'open'",  # noqa: S608  # nosec B608
            (self._keys.ban_key(user_id),),
        )
        return None if row is None else self._row(row)

    async def last_closed_for(self, user_id: int) -> Ticket | None:
        row = await self._db.fetchone(
            f"SELECT {_COLUMNS} FROM relay_tickets WHERE user_hash = ? AND status = 'closed' "  # noqa: S608  # nosec B608 - fixed columns
            "ORDER BY closed_at DESC LIMIT 1",
            (self._keys.ban_key(user_id),),
        )
        return None if row is None else self._row(row)

    async def by_code(self, code: str) -> Ticket | None:
        row = await self._db.fetchone(
            f"SELECT {_COLUMNS} FROM relay_tickets WHERE code = ?",  # noqa: S608  # nosec B608
            (code,),
        )
        return None if row is None else self._row(row)

    async def by_topic(self, topic_id: int) -> Ticket | None:
        row = await self._db.fetchone(
            f"SELECT {_COLUMNS} FROM relay_tickets WHERE topic_id = ? "  # noqa: S608  # nosec B608 - fixed columns
            "ORDER BY opened_at DESC LIMIT 1",
            (topic_id,),
        )
        return None if row is None else self._row(row)

    async def create(self, user_id: int, lang: Lang, origin: str, now: int | None = None) -> Ticket:
        """A new open ticket, or the one already open (two presses at once make one ticket)."""
        now = int(time.time()) if now is None else now
        key = self._keys.ban_key(user_id)
        for _ in range(20):
            code = new_code()
            async with self._db.transaction() as tx:
                taken = await tx.fetchall(
                    "SELECT 1 FROM relay_tickets WHERE code = ? OR "
                    "(user_hash = ? AND status = 'open')",
                    (code, key),
                )
                if taken:
                    existing = await self.open_for(user_id)
                    if existing is not None:
                        return existing
                    continue
                await tx.execute(
                    "INSERT INTO relay_tickets (code, user_hash, chat, lang, origin, status, "
                    "opened_at, last_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
                    (code, key, self._keys.seal_chat(user_id), lang, origin, now, now),
                )
            found = await self.by_code(code)
            assert found is not None  # just written
            return found
        raise RuntimeError("no free ticket code")  # pragma: no cover - 31**4 codes

    async def set_topic(self, code: str, topic_id: int) -> None:
        await self._db.write(
            "UPDATE relay_tickets SET topic_id = ? WHERE code = ?", (topic_id, code)
        )

    async def touch(self, code: str, now: int | None = None) -> None:
        now = int(time.time()) if now is None else now
        await self._db.write("UPDATE relay_tickets SET last_at = ? WHERE code = ?", (now, code))

    async def mark_urgent(self, code: str) -> None:
        await self._db.write("UPDATE relay_tickets SET urgent = 1 WHERE code = ?", (code,))

    async def close(self, code: str, now: int | None = None) -> bool:
        now = int(time.time()) if now is None else now
        changed = await self._db.write(
            "UPDATE relay_tickets SET status = 'closed', closed_at = ? "
            "WHERE code = ? AND status = 'open'",
            (now, code),
        )
        return changed > 0

    async def reopen(self, code: str, now: int | None = None) -> bool:
        """False if the user has another ticket open meanwhile (only one may be open)."""
        now = int(time.time()) if now is None else now
        try:
            changed = await self._db.write(
                "UPDATE relay_tickets SET status = 'open', closed_at = NULL, last_at = ? "
                "WHERE code = ? AND status = 'closed'",
                (now, code),
            )
        except sqlite3.IntegrityError:
            return False
        return changed > 0

    async def add_pair(
        self,
        code: str,
        *,
        from_user: bool,
        user_message_id: int,
        staff_message_id: int,
        now: int | None = None,
    ) -> None:
        """The pair; a staff answer also stamps the ticket's first reply, once."""
        statements: list[tuple[str, tuple[object, ...]]] = [
            (
                "INSERT INTO relay_messages (code, from_user, user_message_id, staff_message_id) "
                "VALUES (?, ?, ?, ?)",
                (code, int(from_user), user_message_id, staff_message_id),
            )
        ]
        if not from_user:
            now = int(time.time()) if now is None else now
            statements.append(
                (
                    "UPDATE relay_tickets SET first_reply_at = ? "
                    "WHERE code = ? AND first_reply_at IS NULL",
                    (now, code),
                )
            )
        await self._db.write_many(statements)

    async def pair_for_user_message(self, code: str, user_message_id: int) -> Pair | None:
        row = await self._db.fetchone(
            "SELECT code, from_user, user_message_id, staff_message_id FROM relay_messages "
            "WHERE code = ? AND user_message_id = ? AND from_user = 1",
            (code, user_message_id),
        )
        return None if row is None else Pair(row[0], bool(row[1]), row[2], row[3])

    async def pair_for_staff_message(self, staff_message_id: int) -> Pair | None:
        row = await self._db.fetchone(
            "SELECT code, from_user, user_message_id, staff_message_id FROM relay_messages "
            "WHERE staff_message_id = ? AND from_user = 0 ORDER BY id DESC LIMIT 1",
            (staff_message_id,),
        )
        return None if row is None else Pair(row[0], bool(row[1]), row[2], row[3])

    async def has_message(self, code: str, user_message_id: int) -> bool:
        """Whether a message of the user's chat belongs to this conversation (either side)."""
        row = await self._db.fetchone(
            "SELECT 1 FROM relay_messages WHERE code = ? AND user_message_id = ?",
            (code, user_message_id),
        )
        return row is not None

    async def ban(self, user_hash_of: str, now: int | None = None) -> None:
        now = int(time.time()) if now is None else now
        await self._db.write(
            "INSERT OR IGNORE INTO relay_bans (ban_key, banned_at) VALUES (?, ?)",
            (user_hash_of, now),
        )

    async def user_hash(self, code: str) -> str | None:
        row = await self._db.fetchone("SELECT user_hash FROM relay_tickets WHERE code = ?", (code,))
        return None if row is None else str(row[0])

    async def is_banned(self, user_id: int) -> bool:
        row = await self._db.fetchone(
            "SELECT 1 FROM relay_bans WHERE ban_key = ?", (self._keys.ban_key(user_id),)
        )
        return row is not None

    async def tickets_of(self, user_id: int) -> list[Ticket]:
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM relay_tickets WHERE user_hash = ?",  # noqa: S608  # nosec B608 - fixed columns
            (self._keys.ban_key(user_id),),
        )
        return [self._row(r) for r in rows]

    async def expired(self, before: int) -> list[Ticket]:
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM relay_tickets WHERE status = 'closed' AND closed_at < ?",  # noqa: S608  # nosec B608 - fixed columns
            (before,),
        )
        return [self._row(r) for r in rows]

    async def purge(self, codes: list[str]) -> None:
        """Rows go with their pairs (ON DELETE CASCADE), in one transaction."""
        await self._db.write_many(
            [("DELETE FROM relay_messages WHERE code = ?", (c,)) for c in codes]
            + [("DELETE FROM relay_tickets WHERE code = ?", (c,)) for c in codes]
        )

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM relay_tickets")
        return int(row[0]) if row else 0

    # ------------------------------------------------ aggregates for /stats

    async def status_counts(self) -> dict[Status, int]:
        """Tickets now open and closed (closed ones until purged)."""
        rows = await self._db.fetchall("SELECT status, COUNT(*) FROM relay_tickets GROUP BY status")
        counts: dict[Status, int] = {"open": 0, "closed": 0}
        for status, n in rows:
            counts[cast(Status, status)] = int(n)
        return counts

    async def activity(self, since: int) -> TicketActivity:
        """Opened and closed since ``since``, and first-reply times of those opened since."""
        row = await self._db.fetchone(
            "SELECT COALESCE(SUM(opened_at >= ?), 0), COALESCE(SUM(closed_at >= ?), 0) "
            "FROM relay_tickets",
            (since, since),
        )
        waits = [
            int(r[0])
            for r in await self._db.fetchall(
                "SELECT first_reply_at - opened_at FROM relay_tickets "
                "WHERE opened_at >= ? AND first_reply_at IS NOT NULL ORDER BY 1",
                (since,),
            )
        ]
        return TicketActivity(
            opened=int(row[0]) if row else 0,
            closed=int(row[1]) if row else 0,
            replied=len(waits),
            reply_p50=_rank(waits, 50),
            reply_p90=_rank(waits, 90),
        )


@dataclass(frozen=True)
class TicketActivity:
    opened: int
    closed: int
    replied: int  # tickets with a first reply, of those opened
    reply_p50: int | None  # seconds to the first staff answer
    reply_p90: int | None


def _rank(ordered: list[int], pct: int) -> int | None:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return None
    return ordered[max(math.ceil(pct * len(ordered) / 100) - 1, 0)]
