"""Storage: migrations from every version, WAL, forget, the privacy inventory, serialised writes."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from datetime import date
from pathlib import Path

import aiosqlite
import pytest
from cryptography.exceptions import InvalidTag

from bot.features.articles.stats import ArticleStats
from bot.features.privacy.storage import DeletionQueue
from bot.storage import Database, Keys, UserPrefs, UserStore
from bot.storage.db import retry_busy
from bot.storage.migrations import LATEST_VERSION, MIGRATIONS, STORED_FIELDS

REPO = Path(__file__).resolve().parents[2]
SECRET = b"s" * 32


def keys() -> Keys:
    return Keys(SECRET)


async def open_db(path: Path) -> Database:
    return await Database.open(path, keys())


def columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {f"{t}.{c[1]}" for t in tables for c in db.execute(f"PRAGMA table_info({t})")}


async def test_migrates_empty_file_to_latest(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "new.sqlite3")
    assert await db.schema_version() == LATEST_VERSION
    row = await db.fetchone("PRAGMA journal_mode")
    assert row is not None and row[0] == "wal"
    row = await db.fetchone("PRAGMA busy_timeout")
    assert row is not None and row[0] >= 1000
    await db.close()


@pytest.mark.parametrize("start", [m.version for m in MIGRATIONS[:-1]])
async def test_migrates_from_each_earlier_version_keeping_data(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.sqlite3"
    connection_db = await _open_at(path, start)
    await connection_db.write("INSERT INTO users (user_key, lang) VALUES ('k', 'ru')")
    await connection_db.close()
    upgraded = await open_db(path)
    assert await upgraded.schema_version() == LATEST_VERSION
    row = await upgraded.fetchone("SELECT lang FROM users WHERE user_key = 'k'")
    assert row is not None and row[0] == "ru"
    await upgraded.close()
    fresh = tmp_path / "fresh.sqlite3"
    await (await open_db(fresh)).close()
    assert columns(path) == columns(fresh)


async def test_search_outcomes_keep_their_counts_and_learn_closest(tmp_path: Path) -> None:
    path = tmp_path / "v7.sqlite3"
    old = await _open_at(path, 7)
    await old.write("INSERT INTO search_outcomes VALUES ('2026-12-01', 'ru', 'none', 3)")
    with pytest.raises(sqlite3.IntegrityError):
        await old.write("INSERT INTO search_outcomes VALUES ('2026-12-01', 'ru', 'closest', 1)")
    await old.close()
    db = await open_db(path)
    await db.write("INSERT INTO search_outcomes VALUES ('2026-12-01', 'ru', 'closest', 1)")
    rows = await db.fetchall("SELECT outcome, count FROM search_outcomes ORDER BY outcome")
    assert [tuple(r) for r in rows] == [("closest", 1), ("none", 3)]
    with pytest.raises(sqlite3.IntegrityError):
        await db.write("INSERT INTO search_outcomes VALUES ('2026-12-01', 'ru', 'other', 1)")
    await db.close()


async def _open_at(path: Path, version: int) -> Database:
    connection = await aiosqlite.connect(path, isolation_level=None)
    db = Database(connection, path)
    await db.migrate(keys(), target=version)
    assert await db.schema_version() == version
    return db


async def test_refuses_database_from_newer_bot(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        await open_db(path)


async def test_stored_fields_match_schema(tmp_path: Path) -> None:
    await (await open_db(tmp_path / "s.sqlite3")).close()
    assert columns(tmp_path / "s.sqlite3") == set(STORED_FIELDS)


def test_readme_lists_every_stored_field() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Privacy and security", 1)[1]
    for name in STORED_FIELDS:
        assert f"`{name}`" in section, name


def read_all(folder: Path, pattern: str) -> bytes:
    return b"".join(p.read_bytes() for p in folder.glob(pattern))


async def test_no_table_holds_an_id_in_clear_or_links_a_pseudonym_to_a_chat(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.sqlite3"
    db = await open_db(path)
    users = UserStore(db, keys())
    deletions = DeletionQueue(db, keys())
    user_id = 123456789
    await users.set_country(user_id, "ru", "GE")
    await users.set_disappear(user_id, "ru", 3600)
    await deletions.schedule(user_id, [10, 11], due_at=1)  # a private chat's id is the user's
    await db.close()
    raw = read_all(tmp_path, "p.sqlite3*")
    assert b"GE" in raw  # the scan would see a clear id the same way
    assert str(user_id).encode() not in raw
    with sqlite3.connect(path) as plain:
        user_keys = {r[0] for r in plain.execute("SELECT user_key FROM users")}
        chat_keys = {r[0] for r in plain.execute("SELECT chat_key FROM pending_deletions")}
    assert user_keys and chat_keys and not user_keys & chat_keys, "pseudonyms must not join"
    assert not any(c.endswith(".user_key") for c in columns(path) if c.startswith("pending"))


async def test_sealed_chats_open_only_with_the_secret(tmp_path: Path) -> None:
    sealed = keys().seal_chat(42)
    assert keys().open_chat(sealed) == 42
    assert keys().seal_chat(42) != sealed, "a fresh nonce each time"
    with pytest.raises(InvalidTag):
        Keys(b"t" * 32).open_chat(sealed)


def test_keys_refuse_a_short_secret() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        Keys(b"short")


async def test_keys_are_stable_and_secret_dependent() -> None:
    other = Keys(b"o" * 32)
    assert keys().user_key(42) == keys().user_key(42) != other.user_key(42)
    assert keys().user_key(42) != keys().chat_key(42)
    assert len(keys().log_tag(42)) == 8


async def test_a_legacy_key_file_keeps_existing_users(tmp_path: Path) -> None:
    """Databases from before SECRET_KEY keyed users with a file; their settings survive."""
    legacy = os.urandom(32)
    (tmp_path / "old.key").write_text(legacy.hex(), encoding="ascii")
    upgraded = Keys.for_database(SECRET, tmp_path / "old.sqlite3")
    assert upgraded.user_key(7) == Keys(SECRET, legacy).user_key(7) != keys().user_key(7)


async def test_migration_3_seals_pending_deletions_and_drops_the_user_link(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v2.sqlite3"
    old = await _open_at(path, 2)
    await old.write(
        "INSERT INTO pending_deletions (user_key, chat_id, message_id, due_at) "
        "VALUES ('k', 555000111, 9, 100)"
    )
    await old.close()
    db = await open_db(path)
    due = await DeletionQueue(db, keys()).due(now=200)
    assert [(d.chat_id, d.message_id, d.due_at) for d in due] == [(555000111, 9, 100)]
    await db.close()
    assert b"555000111" not in read_all(tmp_path, "v2.sqlite3*")


async def test_prefs_change_one_column_at_a_time_and_forget(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "u.sqlite3")
    users = UserStore(db, keys())
    deletions = DeletionQueue(db, keys())
    assert await users.get(7) is None
    assert await users.set_country(7, "en", "AM") == UserPrefs("en", "AM", None)
    assert await users.set_disappear(7, "en", 3600) == UserPrefs("en", "AM", 3600)
    assert await users.set_lang(7, "ru") == UserPrefs("ru", "AM", 3600)
    await deletions.schedule(7, [10, 11], due_at=0)
    await users.set_lang(8, "ru")
    await deletions.schedule(8, [5], due_at=0)
    await users.forget(7)
    await deletions.cancel_chat(7)
    assert await users.get(7) is None
    # Not only the cache: a fresh store reads the file.
    assert await UserStore(db, keys()).get(7) is None
    assert await UserStore(db, keys()).get(8) == UserPrefs("ru")
    due = await deletions.due(now=1)
    assert [(d.chat_id, d.message_id) for d in due] == [(8, 5)]
    await db.close()


async def test_two_settings_changed_at_once_both_survive(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "race.sqlite3")
    users = UserStore(db, keys())
    await asyncio.gather(users.set_country(1, "ru", "RS"), users.set_disappear(1, "ru", 86400))
    assert await UserStore(db, keys()).get(1) == UserPrefs("ru", "RS", 86400)
    await db.close()


async def test_fifty_concurrent_writers_of_every_kind_share_one_connection(
    tmp_path: Path,
) -> None:
    """Every kind of write at once on the one connection: no transaction error, no lost row."""
    db = await open_db(tmp_path / "many.sqlite3")
    users = UserStore(db, keys())
    deletions = DeletionQueue(db, keys())
    stats = ArticleStats(db)
    day = date(2026, 12, 1)

    async def writer(n: int) -> None:
        await users.set_lang(n, "en")
        await deletions.schedule(n, [n * 10, n * 10 + 1], due_at=n)
        await users.set_country(n, "en", "GE")
        stats.record("asylum", day)
        await asyncio.gather(stats.flush(), users.set_disappear(n, "en", 3600))
        if n % 5 == 0:
            await users.forget(n)
            await deletions.cancel_chat(n)

    await asyncio.gather(*(writer(n) for n in range(1, 51)))
    await stats.flush()
    assert await users.count() == 40
    assert await deletions.count() == 80
    assert await stats.totals(day) == [("asylum", 50)]
    fresh = UserStore(db, keys())
    assert await fresh.get(7) == UserPrefs("en", "GE", 3600)
    await db.close()


async def test_stats_keep_counts_when_a_write_fails(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "st.sqlite3")
    stats = ArticleStats(db)
    day = date(2026, 11, 24)
    for _ in range(3):
        stats.record("kovcheg", day)
    stats.record("asylum", day)
    real = db.write_many

    async def failing(statements: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    db.write_many = failing  # type: ignore[method-assign]
    with pytest.raises(sqlite3.OperationalError):
        await stats.flush()
    db.write_many = real  # type: ignore[method-assign]
    stats.record("kovcheg", day)
    await stats.flush()
    assert await stats.totals(date(2026, 11, 1)) == [("kovcheg", 4), ("asylum", 1)]
    await stats.flush()  # nothing pending: nothing counted twice
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


async def test_writes_survive_another_process_holding_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "lock.sqlite3"
    db = await open_db(path)
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")

    async def release() -> None:
        await asyncio.sleep(0.3)
        blocker.execute("COMMIT")

    users = UserStore(db, keys())
    await asyncio.gather(release(), users.set_lang(1, "ru"))
    assert await UserStore(db, keys()).get(1) == UserPrefs("ru")
    blocker.close()
    await db.close()


async def test_a_failed_transaction_rolls_back_only_itself(tmp_path: Path) -> None:
    """Before writes were serialised, one coroutine's rollback undid another's statements."""
    db = await open_db(tmp_path / "tx.sqlite3")
    users = UserStore(db, keys())

    async def doomed() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO users (user_key, lang) VALUES ('doomed', 'ru')")
            await asyncio.sleep(0.05)  # another writer runs meanwhile
            raise RuntimeError("boom")

    results = await asyncio.gather(doomed(), users.set_lang(2, "en"), return_exceptions=True)
    assert isinstance(results[0], RuntimeError) and not isinstance(results[1], BaseException)
    assert await UserStore(db, keys()).get(2) == UserPrefs("en")
    assert await db.fetchone("SELECT 1 FROM users WHERE user_key = 'doomed'") is None
    await db.close()
