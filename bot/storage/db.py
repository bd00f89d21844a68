"""The one SQLite connection, opened in WAL mode and migrated before the bot serves anyone.

All writes go through one lock: every coroutine shares this connection, and SQLite has one
transaction per connection, so two overlapping writers would otherwise commit or roll back
each other's statements.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage.keys import Keys
from bot.storage.migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
RETRIES = 5


class Transaction:
    """Statements of one atomic write; only the holder of the write lock gets one."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        cursor = await self._connection.execute(sql, tuple(params))
        return cursor.rowcount

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        async with self._connection.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())


class Database:
    """Owns the connection; serialises writes and retries when another process holds the file."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path, keys: Keys) -> Database:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly by `transaction()`.
        connection = await aiosqlite.connect(path, isolation_level=None)
        await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await connection.execute("PRAGMA journal_mode = WAL")
        await connection.execute("PRAGMA synchronous = NORMAL")
        await connection.execute("PRAGMA foreign_keys = ON")
        database = cls(connection, path)
        try:
            await database.migrate(keys)
        except BaseException:
            await connection.close()
            raise
        return database

    async def close(self) -> None:
        async with self._write_lock:
            await self.connection.close()

    async def schema_version(self) -> int:
        async with self.connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self, keys: Keys, target: int = LATEST_VERSION) -> None:
        """Bring the file up to `target`, one migration per transaction."""
        current = await self.schema_version()
        if current > LATEST_VERSION:
            raise RuntimeError(
                f"database schema version {current} is newer than this bot ({LATEST_VERSION})"
            )
        for migration in MIGRATIONS:
            if current < migration.version <= target:
                async with self.transaction() as tx:
                    await migration.apply(tx, keys)
                    await tx.execute(f"PRAGMA user_version = {migration.version}")
                log.info("database migrated to schema version %d", migration.version)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One atomic write: commit on success, roll back on any error, one writer at a time."""
        async with self._write_lock:
            await retry_busy(lambda: self.connection.execute("BEGIN IMMEDIATE"))
            try:
                yield Transaction(self.connection)
            except BaseException:
                await self.connection.rollback()
                raise
            await self.connection.commit()

    async def write(self, sql: str, params: Iterable[Any] = ()) -> int:
        """One statement, atomic on its own in autocommit mode: one round trip, not three.

        It still takes the write lock, or it would join another coroutine's open transaction.
        """
        args = tuple(params)
        async with self._write_lock:
            cursor = await retry_busy(lambda: self.connection.execute(sql, args))
            return cursor.rowcount

    async def write_returning(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        """One statement with a RETURNING clause: the write and the read-back in one trip."""
        args = tuple(params)
        async with self._write_lock:
            rows = await retry_busy(lambda: self.connection.execute_fetchall(sql, args))
            return list(rows)

    async def write_many(self, statements: Iterable[tuple[str, Iterable[Any]]]) -> None:
        """Run several writes as one transaction: all of them happen, or none."""
        batch = [(sql, tuple(params)) for sql, params in statements]
        if not batch:
            return
        async with self.transaction() as tx:
            for sql, params in batch:
                await tx.execute(sql, params)

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        async def run() -> Any:
            async with self.connection.execute(sql, tuple(params)) as cursor:
                return await cursor.fetchone()

        result: sqlite3.Row | None = await retry_busy(run)
        return result

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        async def run() -> list[Any]:
            async with self.connection.execute(sql, tuple(params)) as cursor:
                return list(await cursor.fetchall())

        return await retry_busy(run)


async def retry_busy(operation: Callable[[], Awaitable[T]], retries: int = RETRIES) -> T:
    """Retry an operation that failed because another process held the database lock."""
    delay = 0.05
    for attempt in range(retries):
        try:
            return await operation()
        except sqlite3.OperationalError as error:
            message = str(error).lower()
            if ("locked" not in message and "busy" not in message) or attempt == retries - 1:
                raise
            log.warning("database busy, retrying (attempt %d)", attempt + 1)
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover
