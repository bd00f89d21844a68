"""SIGTERM loses nothing: buffered statistics reach the database before the process exits."""

from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.driver import BotHarness
from tests.e2e.process import launch, stop

pytestmark = pytest.mark.e2e


async def test_sigterm_flushes_pending_writes(bot: BotHarness) -> None:
    person = bot.person("Ivan", "en")
    await person.ask("/start kovcheg")
    await person.ask("/start asylum")
    assert await stop(bot) == 0
    with sqlite3.connect(bot.database_path) as db:
        views = dict(db.execute("SELECT article_id, views FROM article_views").fetchall())
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert views == {"kovcheg": 1, "asylum": 1}
    assert "storage closed cleanly" in bot.stderr()
    await launch(bot)  # the fixture's teardown expects a running bot to stop
