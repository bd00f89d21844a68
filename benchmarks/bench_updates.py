"""Update throughput of the whole Application with Telegram replaced by the emulator.

Why this shape: the bot's cost per update is handler logic, SQLite and PTB's own
serialisation; the network is not ours to optimise. So every Bot API call goes through
EmulatorRequest (same bytes as HTTP, no sockets), users live in a real SQLite file, and
updates enter through ``Application.process_update`` exactly as polling would feed them.

    .venv/bin/python benchmarks/bench_updates.py [--updates 5000] [--users 10000]

Prints one JSON object. Target: >= 1,000 updates/s sequentially on one core.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.app import build_application, open_services  # noqa: E402
from bot.core.config import Settings  # noqa: E402
from devtools.fakeapi import BotApiEmulator, EmulatorRequest, FakeUser  # noqa: E402
from devtools.fakeapi.emulator import TEST_TOKEN  # noqa: E402
from bot.core.services import SERVICES_KEY  # noqa: E402
from bot.storage import UserPrefs  # noqa: E402

SECTIONS = ("documents", "visas", "help", "life", "safety", "community")
QUESTIONS = (
    "как продлить загранпаспорт в консульстве",
    "потерял паспорт за границей что делать",
    "гуманитарная виза в Германию",
    "where can I get free legal help",
    "можно ли вернуться в Россию если есть повестка",
    "как открыть счёт в банке в Грузии",
    "VPN и проверка телефона на границе",
    "residence permit in Serbia",
    "иноагент что запрещено",
    "курсы языка бесплатно",
)
# Share of each update kind in the mix.
MIX = (("start", 0.15), ("section", 0.25), ("article", 0.35), ("question", 0.25))


class TimedRequest(EmulatorRequest):
    """Counts time spent inside the emulator, so the report can separate it from the bot."""

    __slots__ = ("seconds",)

    def __init__(self, emulator: BotApiEmulator) -> None:
        super().__init__(emulator)
        self.seconds = 0.0

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        started = time.perf_counter()
        try:
            return await super().do_request(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started


def pin_to_one_core() -> int | None:
    """One core makes numbers comparable between machines and runs."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


class Workload:
    """Builds realistic updates from what each user currently sees in their chat."""

    def __init__(self, emu: BotApiEmulator, users: list[FakeUser], article_ids: list[str]) -> None:
        self.emu = emu
        self.users = users
        self.article_ids = article_ids
        self.rng = random.Random(20261124)  # reproducible, not secret
        self.kinds = [k for k, _ in MIX]
        self.weights = [w for _, w in MIX]
        self.mix: dict[str, int] = {}

    def next_update(self, user: FakeUser) -> dict[str, Any]:
        last = self.emu.last_message(user.id)
        kind = self.rng.choices(self.kinds, self.weights)[0]
        if last is None:
            kind = "start"
        self.mix[kind] = self.mix.get(kind, 0) + 1
        if last is None or kind == "start":
            return self.emu.user_sends_command(user, "start", deliver=False)
        if kind == "question":
            return self.emu.user_sends_text(user, self.rng.choice(QUESTIONS), deliver=False)
        if kind == "section":
            data = f"sec:{self.rng.choice(SECTIONS)}"
        else:
            on_screen = [d for d in last.callback_data if d.startswith("art:")]
            data = self.rng.choice(on_screen) if on_screen else self._any_article()
        # Buttons of older screens stay pressable in Telegram, so no existence check here.
        return self.emu.user_presses(user, last.message_id, data, deliver=False, check=False)

    def _any_article(self) -> str:
        return f"art:{self.rng.choice(self.article_ids)}:0"


def summary(latencies: list[float], wall: float) -> dict[str, Any]:
    ordered = sorted(latencies)
    return {
        "updates_per_second": round(len(latencies) / wall, 1),
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 3),
        "n": len(latencies),
    }


async def timed(app: Any, update: Update, latencies: list[float]) -> None:
    started = time.perf_counter()
    await app.process_update(update)
    latencies.append(time.perf_counter() - started)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-updates-"))
    settings = Settings(
        bot_token=TEST_TOKEN,
        database_path=tmp / "bench.sqlite3",
        content_dir=REPO / "content",
        log_level="WARNING",
        # The per-user limiter would drop part of a synthetic burst and flatter the numbers.
        rate_limit_per_minute=1_000_000,
    )
    emu = BotApiEmulator(TEST_TOKEN)
    request = TimedRequest(emu)
    app = build_application(settings, request=request, jobs_enabled=False)
    services = await open_services(settings)
    app.bot_data[SERVICES_KEY] = services

    users = [
        FakeUser(100_000_001 + i, f"User{i}", "ru" if i % 3 else "en") for i in range(args.users)
    ]
    for user in users:
        await services.users.save(user.id, UserPrefs("ru" if user.language_code == "ru" else "en"))
    users_in_db = await services.users.count()
    article_ids = sorted(a.id for s in SECTIONS for a in services.catalog.library.in_section(s))

    try:
        return await measure(app, request, users, article_ids, users_in_db, args)
    finally:
        await services.db.close()


async def measure(
    app: Any,
    request: TimedRequest,
    users: list[FakeUser],
    article_ids: list[str],
    users_in_db: int,
    args: argparse.Namespace,
) -> dict[str, Any]:
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    emu = request.emulator
    workload = Workload(emu, users, article_ids)
    rng = random.Random(7)

    # Sessions: --active users chat now (out of --users in the database). Warm-up opens a
    # chat for each of them and fills the page cache, as in a bot that has been running.
    active = users[: args.active]
    for user in active:
        await app.process_update(Update.de_json(workload.next_update(user), app.bot))
    workload.mix.clear()

    sequential: list[float] = []
    request.seconds = 0.0
    preparing = 0.0
    started = time.perf_counter()
    for _ in range(args.updates):
        before = time.perf_counter()
        body = workload.next_update(rng.choice(active))
        update = Update.de_json(body, app.bot)
        preparing += time.perf_counter() - before
        await timed(app, update, sequential)
    sequential_wall = time.perf_counter() - started
    sequential_emulator = request.seconds

    # Concurrent: a burst of distinct users at once, at most --concurrency in flight.
    bodies = [workload.next_update(active[i % len(active)]) for i in range(args.updates)]
    gate = asyncio.Semaphore(args.concurrency)
    concurrent: list[float] = []

    async def one(body: dict[str, Any]) -> None:
        async with gate:
            await timed(app, Update.de_json(body, app.bot), concurrent)

    started = time.perf_counter()
    await asyncio.gather(*(one(b) for b in bodies))
    concurrent_wall = time.perf_counter() - started

    await app.stop()
    await app.shutdown()
    await app.bot_data[SERVICES_KEY].stats.flush()

    seq = summary(sequential, sequential_wall)
    # The emulator stands in for Telegram's servers; its own CPU time is not the bot's cost.
    seq["emulator_share"] = round(sequential_emulator / sequential_wall, 3)
    # Building the update and Update.de_json (what polling would do) outside process_update.
    seq["preparing_share"] = round(preparing / sequential_wall, 3)
    seq["updates_per_second_without_emulator"] = round(
        len(sequential) / (sequential_wall - sequential_emulator), 1
    )
    calls: dict[str, int] = {}
    for call in emu.calls:
        calls[call.method] = calls.get(call.method, 0) + 1
    return {
        **seq,
        "sequential": seq,
        "concurrent": {**summary(concurrent, concurrent_wall), "in_flight": args.concurrency},
        "users_in_db": users_in_db,
        "active_users": len(active),
        "mix": workload.mix,
        "articles": len(article_ids),
        "api_calls": calls,
        "api_errors": len(emu.errors),
        "api_error_kinds": sorted({e.description for _, e in emu.errors})[:5],
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=5000, help="updates per phase")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--active", type=int, default=1000, help="users chatting during the run")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--no-pin", action="store_true", help="use all cores")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    core = None if args.no_pin else pin_to_one_core()
    result = asyncio.run(run(args))
    result["pinned_core"] = core
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
