"""Storage: migrations from every version, WAL, forget, the privacy inventory, busy retries."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest

from bot.storage import Database, DeletionQueue, UserKeys, UserPrefs, UserStore
from bot.storage.db import retry_busy
from bot.storage.migrations import FORGET_STATEMENTS, LATEST_VERSION, MIGRATIONS, STORED_FIELDS
from bot.features.articles.stats import ArticleStats

REPO = Path(__file__).resolve().parents[2]


def columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {f"{t}.{c[1]}" for t in tables for c in db.execute(f"PRAGMA table_info({t})")}


async def test_migrates_empty_file_to_latest(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "new.sqlite3")
    assert await db.schema_version() == LATEST_VERSION
    row = await db.fetchone("PRAGMA journal_mode")
    assert row is not None and row[0] == "wal"
    row = await db.fetchone("PRAGMA busy_timeout")
    assert row is not None and row[0] >= 1000
    await db.close()


@pytest.mark.parametrize("start", [version for version, _ in MIGRATIONS[:-1]])
async def test_migrates_from_each_earlier_version_keeping_data(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.sqlite3"
    connection_db = await _open_at(path, start)
    await connection_db.write("INSERT INTO users (user_key, lang) VALUES ('k', 'ru')")
    await connection_db.close()
    upgraded = await Database.open(path)
    assert await upgraded.schema_version() == LATEST_VERSION
    row = await upgraded.fetchone("SELECT lang FROM users WHERE user_key = 'k'")
    assert row is not None and row[0] == "ru"
    await upgraded.close()
    fresh = tmp_path / "fresh.sqlite3"
    await (await Database.open(fresh)).close()
    assert columns(path) == columns(fresh)


async def _open_at(path: Path, version: int) -> Database:
    import aiosqlite

    connection = await aiosqlite.connect(path, isolation_level=None)
    db = Database(connection, path)
    await db.migrate(target=version)
    assert await db.schema_version() == version
    return db


async def test_refuses_database_from_newer_bot(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        await Database.open(path)


async def test_stored_fields_match_schema(tmp_path: Path) -> None:
    await (await Database.open(tmp_path / "s.sqlite3")).close()
    assert columns(tmp_path / "s.sqlite3") == set(STORED_FIELDS)


def test_readme_lists_every_stored_field() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Privacy and security", 1)[1]
    for name in STORED_FIELDS:
        assert f"`{name}`" in section, name


async def test_user_tables_are_all_tables_with_user_key(tmp_path: Path) -> None:
    await (await Database.open(tmp_path / "s.sqlite3")).close()
    with_key = {
        name.split(".")[0] for name in columns(tmp_path / "s.sqlite3") if name.endswith(".user_key")
    }
    forgotten = {
        re.match(r"DELETE FROM (\w+) WHERE user_key = \?$", s).group(1) for s in FORGET_STATEMENTS
    }  # type: ignore[union-attr]
    assert with_key == forgotten


def read_all(folder: Path, pattern: str) -> bytes:
    return b"".join(p.read_bytes() for p in folder.glob(pattern))


async def test_user_ids_are_never_stored_in_clear(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "p.sqlite3")
    keys = UserKeys.from_file(tmp_path / "p.key")
    users = UserStore(db, keys)
    await users.save(123456789, UserPrefs("ru", "GE", 3600))
    raw = read_all(tmp_path, "p.sqlite3*")
    assert b"GE" in raw  # the check would see a clear id the same way
    await db.close()
    raw += read_all(tmp_path, "p.sqlite3")
    assert b"123456789" not in raw
    assert oct((tmp_path / "p.key").stat().st_mode & 0o777) == "0o600"


async def test_keys_are_stable_and_secret_dependent(tmp_path: Path) -> None:
    first = UserKeys.from_file(tmp_path / "a.key")
    again = UserKeys.from_file(tmp_path / "a.key")
    other = UserKeys.from_file(tmp_path / "b.key")
    assert first.user_key(42) == again.user_key(42) != other.user_key(42)
    assert re.fullmatch(r"[0-9a-f]{8}", first.log_tag(42))


async def test_prefs_roundtrip_and_forget(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "u.sqlite3")
    keys = UserKeys.from_file(tmp_path / "u.key")
    users = UserStore(db, keys)
    deletions = DeletionQueue(db, keys)
    assert await users.get(7) is None
    prefs = await users.update(7, "en", country="AM")
    assert prefs == UserPrefs("en", "AM", None)
    await deletions.schedule(7, 7, [10, 11], due_at=0)
    await users.update(8, "ru")
    await deletions.schedule(8, 8, [5], due_at=0)
    await users.forget(7)
    assert await users.get(7) is None
    # Not only the cache: a fresh store reads the file.
    assert await UserStore(db, keys).get(7) is None
    assert await UserStore(db, keys).get(8) == UserPrefs("ru")
    due = await deletions.due(now=1)
    assert [(d.chat_id, d.message_id) for d in due] == [(8, 5)]
    await db.close()


async def test_stats_are_anonymous_counts(tmp_path: Path) -> None:
    from datetime import date

    db = await Database.open(tmp_path / "st.sqlite3")
    stats = ArticleStats(db)
    for _ in range(3):
        stats.record("kovcheg", date(2026, 11, 24))
    stats.record("asylum", date(2026, 11, 24))
    await stats.flush()
    stats.record("kovcheg", date(2026, 11, 24))
    await stats.flush()
    assert await stats.totals(date(2026, 11, 1)) == [("kovcheg", 4), ("asylum", 1)]
    await db.close()


async def test_retry_busy_retries_locked_then_succeeds() -> None:
    attempts = 0

    async def flaky() -> str:
        nonlocal attempts
        attempts += 1
        if attempts < 3:
            raise sqlite3.OperationalError("database is locked")
        return "ok"

    assert await retry_busy(flaky) == "ok"
    assert attempts == 3


async def test_retry_busy_does_not_hide_other_errors() -> None:
    async def broken() -> None:
        raise sqlite3.OperationalError("no such table: x")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await retry_busy(broken)


async def test_writes_survive_a_concurrent_writer_holding_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "lock.sqlite3"
    db = await Database.open(path)
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")

    async def release() -> None:
        await asyncio.sleep(0.3)
        blocker.execute("COMMIT")

    users = UserStore(db, UserKeys(b"k" * 32))
    await asyncio.gather(release(), users.save(1, UserPrefs("ru")))
    assert await UserStore(db, UserKeys(b"k" * 32)).get(1) == UserPrefs("ru")
    blocker.close()
    await db.close()
