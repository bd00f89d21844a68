"""`kill -9` in the middle of writes leaves a consistent database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

WRITER = """
import asyncio, sys
from pathlib import Path
from bot.features.privacy.storage import DeletionQueue
from bot.storage import Database, Keys, UserStore

async def main(path):
    keys = Keys(b"k" * 32)
    db = await Database.open(Path(path), keys)
    users, deletions = UserStore(db, keys), DeletionQueue(db, keys)
    i = 0
    while True:
        i += 1
        await asyncio.gather(
            users.set_country(i, "ru", "GE"),
            users.set_disappear(i, "ru", 3600),
            deletions.schedule(i, [1, 2, 3], due_at=i),
        )
        if i % 50 == 0:
            await users.forget(i - 25)
            print(i, flush=True)

asyncio.run(main(sys.argv[1]))
"""


def test_kill_during_writes_leaves_consistent_database(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    progress = 0
    while progress < 200 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            progress = int(line)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert progress >= 200, "the writer made no progress"

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA user_version").fetchone()[0] >= 2
        users = db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
        assert users >= 150
        # Each batch of deletions was written as one transaction: all three or none.
        partial = db.execute(
            "SELECT COUNT(*) FROM (SELECT chat_key FROM pending_deletions GROUP BY chat_key HAVING COUNT(*) != 3)"
        ).fetchone()[0]
        assert partial == 0
