"""Numbered schema migrations, applied in order at start-up.

Each entry moves the schema from version N-1 to N; `PRAGMA user_version` records where a
file stands, so an old database is brought forward and a new one is built the same way.
Never edit a released migration: add a new one. Most are SQL; one that must re-encode rows
(sealing chat ids) is Python, and runs in the same transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.storage.db import Transaction
    from bot.storage.keys import Keys


@dataclass(frozen=True)
class Migration:
    version: int
    sql: str = ""
    step: Callable[[Transaction, Keys], Awaitable[None]] | None = None

    async def apply(self, tx: Transaction, keys: Keys) -> None:
        for statement in (s.strip() for s in self.sql.split(";")):
            if statement:
                await tx.execute(statement)
        if self.step is not None:
            await self.step(tx, keys)


async def _seal_pending_deletions(tx: Transaction, keys: Keys) -> None:
    """Version 3: pending deletions lose their link to a user; chat ids are sealed."""
    rows = await tx.fetchall("SELECT chat_id, message_id, due_at FROM pending_deletions")
    await tx.execute("DROP TABLE pending_deletions")
    await tx.execute(
        "CREATE TABLE pending_deletions ("
        " id INTEGER PRIMARY KEY,"
        " chat_key TEXT NOT NULL,"
        " chat BLOB NOT NULL,"
        " message_id INTEGER NOT NULL,"
        " due_at INTEGER NOT NULL,"
        " UNIQUE (chat_key, message_id))"
    )
    await tx.execute("CREATE INDEX pending_deletions_due ON pending_deletions (due_at)")
    for chat_id, message_id, due_at in rows:
        await tx.execute(
            "INSERT OR IGNORE INTO pending_deletions (chat_key, chat, message_id, due_at) "
            "VALUES (?, ?, ?, ?)",
            (keys.chat_key(chat_id), keys.seal_chat(chat_id), message_id, due_at),
        )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        """
        CREATE TABLE users (
            user_key TEXT PRIMARY KEY,
            lang     TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            country  TEXT
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        2,
        """
        ALTER TABLE users ADD COLUMN disappear_seconds INTEGER;
        CREATE TABLE pending_deletions (
            id         INTEGER PRIMARY KEY,
            user_key   TEXT NOT NULL,
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            due_at     INTEGER NOT NULL,
            UNIQUE (chat_id, message_id)
        );
        CREATE INDEX pending_deletions_due ON pending_deletions (due_at);
        CREATE INDEX pending_deletions_user ON pending_deletions (user_key);
        CREATE TABLE article_views (
            day        TEXT NOT NULL,
            article_id TEXT NOT NULL,
            views      INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, article_id)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(3, step=_seal_pending_deletions),
    # Versions 4 and 5 belong to other features; keep this one last.
    Migration(
        6,
        """
        CREATE TABLE relay_tickets (
            code       TEXT PRIMARY KEY,
            user_hash  TEXT NOT NULL,
            chat       BLOB NOT NULL,
            topic_id   INTEGER,
            lang       TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            origin     TEXT NOT NULL,
            status     TEXT NOT NULL CHECK (status IN ('open', 'closed')),
            urgent     INTEGER NOT NULL DEFAULT 0,
            opened_at  INTEGER NOT NULL,
            last_at    INTEGER NOT NULL,
            closed_at  INTEGER
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX relay_tickets_one_open ON relay_tickets (user_hash)
            WHERE status = 'open';
        CREATE INDEX relay_tickets_user ON relay_tickets (user_hash);
        CREATE INDEX relay_tickets_topic ON relay_tickets (topic_id);
        CREATE INDEX relay_tickets_closed ON relay_tickets (closed_at);
        CREATE TABLE relay_messages (
            id               INTEGER PRIMARY KEY,
            code             TEXT NOT NULL REFERENCES relay_tickets (code) ON DELETE CASCADE,
            from_user        INTEGER NOT NULL CHECK (from_user IN (0, 1)),
            user_message_id  INTEGER NOT NULL,
            staff_message_id INTEGER NOT NULL
        );
        CREATE INDEX relay_messages_user ON relay_messages (code, user_message_id);
        CREATE INDEX relay_messages_staff ON relay_messages (staff_message_id);
        CREATE TABLE relay_bans (
            ban_key   TEXT PRIMARY KEY,
            banned_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

# Every stored column and why it is needed. README's privacy table and /privacy say the same;
# tests compare this with the real schema so that the three cannot drift apart.
STORED_FIELDS: dict[str, str] = {
    "users.user_key": "keyed hash (HMAC-SHA256) of the Telegram user id; the row's key",
    "users.lang": "interface language, only once you choose one",
    "users.country": "country of residence, only if set with /country, to show its notes first",
    "users.disappear_seconds": "disappearing-messages delay, only if turned on",
    "pending_deletions.id": "row number",
    "pending_deletions.chat_key": "keyed hash of the chat id (another key than users'), for /forget",
    "pending_deletions.chat": "the chat id, encrypted (AES-GCM) with SECRET_KEY; Telegram needs it to delete",
    "pending_deletions.message_id": "message to delete (a number, never the text)",
    "pending_deletions.due_at": "when to delete it",
    "article_views.day": "date of the views (no time of day)",
    "article_views.article_id": "which article was opened",
    "article_views.views": "how many times; not linked to any user",
    "relay_tickets.code": "random short code of an “Ask a person” conversation; names its topic",
    "relay_tickets.user_hash": "keyed hash of the user id (the ban key), to find the open ticket",
    "relay_tickets.chat": "the chat id, encrypted (AES-GCM); needed to pass staff answers on",
    "relay_tickets.topic_id": "the staff group's forum topic of the conversation",
    "relay_tickets.lang": "language of the conversation",
    "relay_tickets.origin": "the article or section the question came from",
    "relay_tickets.status": "open or closed",
    "relay_tickets.urgent": "whether the ticket is marked urgent",
    "relay_tickets.opened_at": "when the conversation began",
    "relay_tickets.last_at": "when its last message passed",
    "relay_tickets.closed_at": "when it was closed; purged a set time after",
    "relay_messages.id": "row number",
    "relay_messages.code": "which conversation",
    "relay_messages.from_user": "which side wrote the message",
    "relay_messages.user_message_id": "the message's number in the user's chat (never its text)",
    "relay_messages.staff_message_id": "its number in the staff group (never its text)",
    "relay_bans.ban_key": "keyed hash of a user banned from “Ask a person” (never the id)",
    "relay_bans.banned_at": "when",
}
