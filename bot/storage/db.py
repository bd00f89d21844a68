"""The one SQLite connection, opened in WAL mode and migrated before the bot serves anyone."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage.migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
RETRIES = 5


class Database:
    """A thin wrapper that owns the connection and retries when SQLite is busy."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    async def open(cls, path: Path) -> Database:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly where several writes belong together.
        connection = await aiosqlite.connect(path, isolation_level=None)
        await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await connection.execute("PRAGMA journal_mode = WAL")
        await connection.execute("PRAGMA synchronous = NORMAL")
        await connection.execute("PRAGMA foreign_keys = ON")
        database = cls(connection, path)
        try:
            await database.migrate()
        except BaseException:
            await connection.close()
            raise
        return database

    async def close(self) -> None:
        await self.connection.close()

    async def schema_version(self) -> int:
        async with self.connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self, target: int = LATEST_VERSION) -> None:
        """Bring the file up to `target`, one migration per transaction."""
        current = await self.schema_version()
        if current > LATEST_VERSION:
            raise RuntimeError(
                f"database schema version {current} is newer than this bot ({LATEST_VERSION})"
            )
        for version, script in MIGRATIONS:
            if current < version <= target:
                # executescript would commit on its own; run statements inside one transaction.
                await self.connection.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _statements(script):
                        await self.connection.execute(statement)
                    await self.connection.execute(f"PRAGMA user_version = {version}")
                    await self.connection.commit()
                except BaseException:
                    await self.connection.rollback()
                    raise
                log.info("database migrated to schema version %d", version)

    async def write(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one write and commit it; returns the number of rows changed."""

        async def run() -> int:
            cursor = await self.connection.execute(sql, tuple(params))
            await self.connection.commit()
            return cursor.rowcount

        return await retry_busy(run)

    async def write_many(self, statements: Iterable[tuple[str, Iterable[Any]]]) -> None:
        """Run several writes as one transaction: all of them happen, or none."""
        batch = [(sql, tuple(params)) for sql, params in statements]

        async def run() -> None:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in batch:
                    await self.connection.execute(sql, params)
                await self.connection.commit()
            except BaseException:
                await self.connection.rollback()
                raise

        await retry_busy(run)

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


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
