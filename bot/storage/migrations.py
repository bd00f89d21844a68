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
    # Feedback (bot/features/feedback): counts without a user column; texts only by consent,
    # scrubbed, with random ids so that not even the order of rows tells when they came.
    Migration(
        4,
        """
        CREATE TABLE feedback_votes (
            day        TEXT NOT NULL,
            article_id TEXT NOT NULL,
            lang       TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
            count      INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, article_id, lang, vote)
        ) WITHOUT ROWID;
        CREATE TABLE feedback_notes (
            id         TEXT PRIMARY KEY,
            day        TEXT NOT NULL,
            article_id TEXT NOT NULL,
            note       TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE unanswered_questions (
            id         TEXT PRIMARY KEY,
            day        TEXT NOT NULL,
            lang       TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            question   TEXT NOT NULL,
            considered TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE search_outcomes (
            day     TEXT NOT NULL,
            lang    TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            outcome TEXT NOT NULL CHECK (outcome IN ('answer', 'choices', 'none')),
            count   INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, lang, outcome)
        ) WITHOUT ROWID;
        """,
    ),
    # Alerts and reminders (bot/features/alerts): every chat is sealed, found by chat_key.
    Migration(
        5,
        """
        CREATE TABLE alert_subscribers (
            chat_key TEXT PRIMARY KEY,
            chat     BLOB NOT NULL,
            lang     TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            country  TEXT,
            topics   TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE alert_notified (
            change_key  TEXT PRIMARY KEY,
            notified_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE outbox_notices (
            id               INTEGER PRIMARY KEY,
            kind             TEXT NOT NULL CHECK (kind IN ('update', 'urgent', 'reminder')),
            change_key       TEXT UNIQUE,
            topic            TEXT,
            article_id       TEXT,
            text_ru          TEXT NOT NULL,
            text_en          TEXT NOT NULL,
            silent           INTEGER NOT NULL,
            admin_chat       BLOB,
            progress_message INTEGER,
            total            INTEGER NOT NULL,
            sent             INTEGER NOT NULL DEFAULT 0,
            blocked          INTEGER NOT NULL DEFAULT 0,
            failed           INTEGER NOT NULL DEFAULT 0,
            created_at       REAL NOT NULL,
            finished_at      REAL
        );
        CREATE TABLE outbox_deliveries (
            id         INTEGER PRIMARY KEY,
            notice_id  INTEGER NOT NULL REFERENCES outbox_notices (id) ON DELETE CASCADE,
            chat_key   TEXT NOT NULL,
            chat       BLOB NOT NULL,
            lang       TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            attempts   INTEGER NOT NULL DEFAULT 0,
            not_before REAL NOT NULL DEFAULT 0
        );
        CREATE INDEX outbox_deliveries_notice ON outbox_deliveries (notice_id);
        CREATE INDEX outbox_deliveries_chat ON outbox_deliveries (chat_key);
        CREATE TABLE reminders (
            id           INTEGER PRIMARY KEY,
            chat_key     TEXT NOT NULL,
            chat         BLOB NOT NULL,
            lang         TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            kind         TEXT NOT NULL,
            remind_month INTEGER NOT NULL
        );
        CREATE INDEX reminders_due ON reminders (remind_month);
        CREATE INDEX reminders_chat ON reminders (chat_key);
        """,
    ),
    # Versions 4 and 5 belong to other features.
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
    # Relay: when staff first answered, for the first-reply times in /stats (a time, no text).
    Migration(7, "ALTER TABLE relay_tickets ADD COLUMN first_reply_at INTEGER;"),
    # "No answer, closest topics offered" is its own outcome, so editors see how often a
    # declined question had an article next to it. SQLite cannot change a CHECK in place.
    Migration(
        8,
        """
        CREATE TABLE search_outcomes_v8 (
            day     TEXT NOT NULL,
            lang    TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            outcome TEXT NOT NULL CHECK (outcome IN ('answer', 'choices', 'none', 'closest')),
            count   INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, lang, outcome)
        ) WITHOUT ROWID;
        INSERT INTO search_outcomes_v8 (day, lang, outcome, count)
            SELECT day, lang, outcome, count FROM search_outcomes;
        DROP TABLE search_outcomes;
        ALTER TABLE search_outcomes_v8 RENAME TO search_outcomes;
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
    "feedback_votes.day": "date of the 👍/👎 presses (no time of day)",
    "feedback_votes.article_id": "which article (or the did-you-mean list) was rated",
    "feedback_votes.lang": "interface language of the reply rated",
    "feedback_votes.vote": "helpful or not",
    "feedback_votes.count": "how many presses; no user column",
    "feedback_notes.id": "random row id (not in order of arrival)",
    "feedback_notes.day": "date the note was sent",
    "feedback_notes.article_id": "the article the note is about",
    "feedback_notes.note": "the one-line note, scrubbed of phones, e-mails, @handles and links",
    "unanswered_questions.id": "random row id (not in order of arrival)",
    "unanswered_questions.day": "date the question was sent, by the user's press",
    "unanswered_questions.lang": "interface language",
    "unanswered_questions.question": "the question, scrubbed, exactly as shown before sending",
    "unanswered_questions.considered": "ids of the articles the bot considered",
    "search_outcomes.day": "date (no time of day)",
    "search_outcomes.lang": "interface language",
    "search_outcomes.outcome": "answered, did-you-mean, no answer, or no answer with closest topics",
    "search_outcomes.count": "how many questions; no text",
    "alert_subscribers.chat_key": "keyed hash of the chat id, to find a subscription again",
    "alert_subscribers.chat": "the chat id, encrypted (AES-GCM); the only way alerts can reach you",
    "alert_subscribers.lang": "language of the notices",
    "alert_subscribers.country": "your /country when you last changed alerts, for country alerts",
    "alert_subscribers.topics": "the sections and urgent alerts you turned on",
    "alert_notified.change_key": "article id and date of a major change already drafted",
    "alert_notified.notified_at": "when that draft went to the admins",
    "outbox_notices.id": "row number",
    "outbox_notices.kind": "update notice, urgent alert or reminder",
    "outbox_notices.change_key": "the article change a notice announces",
    "outbox_notices.topic": "the section or urgent list it went to",
    "outbox_notices.article_id": "the article its button opens",
    "outbox_notices.text_ru": "the notice in Russian (written by admins, not by users)",
    "outbox_notices.text_en": "the notice in English",
    "outbox_notices.silent": "whether it arrives without a sound",
    "outbox_notices.admin_chat": "the admin's chat, encrypted, for the progress message",
    "outbox_notices.progress_message": "the progress message to edit",
    "outbox_notices.total": "how many recipients",
    "outbox_notices.sent": "how many were delivered",
    "outbox_notices.blocked": "how many had blocked the bot",
    "outbox_notices.failed": "how many failed",
    "outbox_notices.created_at": "when Send was pressed",
    "outbox_notices.finished_at": "when the last delivery settled",
    "outbox_deliveries.id": "row number",
    "outbox_deliveries.notice_id": "which notice",
    "outbox_deliveries.chat_key": "keyed hash of the chat id, for /forget",
    "outbox_deliveries.chat": "the chat id, encrypted (AES-GCM), to deliver to",
    "outbox_deliveries.lang": "which language to send",
    "outbox_deliveries.attempts": "failed attempts so far",
    "outbox_deliveries.not_before": "when to try again after an error",
    "reminders.id": "row number",
    "reminders.chat_key": "keyed hash of the chat id, to list, count and delete your reminders",
    "reminders.chat": "the chat id, encrypted (AES-GCM), to remind you",
    "reminders.lang": "language of the reminder",
    "reminders.kind": "which document (foreign or internal passport, residence permit, visa)",
    "reminders.remind_month": "the month to remind you (year and month, no day)",
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
    "relay_tickets.first_reply_at": "when staff first answered, for the first-reply times in /stats",
    "relay_messages.id": "row number",
    "relay_messages.code": "which conversation",
    "relay_messages.from_user": "which side wrote the message",
    "relay_messages.user_message_id": "the message's number in the user's chat (never its text)",
    "relay_messages.staff_message_id": "its number in the staff group (never its text)",
    "relay_bans.ban_key": "keyed hash of a user banned from “Ask a person” (never the id)",
    "relay_bans.banned_at": "when",
}
