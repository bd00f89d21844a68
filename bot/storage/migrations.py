"""Numbered schema migrations, applied in order at start-up.

Each entry moves the schema from version N-1 to N; `PRAGMA user_version` records where a
file stands, so an old database is brought forward and a new one is built the same way.
Never edit a released migration: add a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE users (
            user_key TEXT PRIMARY KEY,
            lang     TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            country  TEXT
        ) WITHOUT ROWID;
        """,
    ),
    (
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
)

LATEST_VERSION = MIGRATIONS[-1][0]

# What /forget runs, in one transaction: one statement per table that holds anything derived
# from a user. A test checks this covers every table with a user_key column.
FORGET_STATEMENTS: tuple[str, ...] = (
    "DELETE FROM users WHERE user_key = ?",
    "DELETE FROM pending_deletions WHERE user_key = ?",
)

# Every stored column and why it is needed. README's privacy table and /privacy say the same;
# tests compare this with the real schema so that the three cannot drift apart.
STORED_FIELDS: dict[str, str] = {
    "users.user_key": "keyed hash (HMAC-SHA256) of the Telegram user id; the row's key",
    "users.lang": "interface language, to answer in it",
    "users.country": "country of residence, only if set with /country, to show its notes first",
    "users.disappear_seconds": "disappearing-messages delay, only if turned on",
    "pending_deletions.id": "row number",
    "pending_deletions.user_key": "keyed hash of the user id, so /forget can delete the rows",
    "pending_deletions.chat_id": "chat to delete from (Telegram needs it); kept until deleted",
    "pending_deletions.message_id": "message to delete (a number, never the text)",
    "pending_deletions.due_at": "when to delete it",
    "article_views.day": "date of the views (no time of day)",
    "article_views.article_id": "which article was opened",
    "article_views.views": "how many times; not linked to any user",
}
