"""Ask a person: time from a user's message to its copy in the staff topic, limit in force.

The real Application (handlers, SQLite, the relay's group pacer and PTB's AIORateLimiter
with its default 20-a-minute group limit) against the in-process Bot API emulator, whose
staff forum answers 429 beyond ``--per-minute`` posts per ``--window`` seconds, as Telegram
does. Latency is per message: from handing the update to the processor until the emulator
holds the copy in the topic.

Phases:

* ``calm``: one open conversation, ``--calm`` messages one after another (under the limit);
* ``burst``: ``--users`` people open conversations and send ``--messages`` each at the same
  moment, so the group limit queues them (a new topic costs three posts: topic, pinned
  first message, pin).

    .venv/bin/python benchmarks/bench_relay.py [--users 10] [--messages 2] [--window 60]

``--window 6`` runs the same workload with Telegram's minute shrunk to six seconds (the
pacer and the emulator both), for a quick look; figures then scale by ten. Prints one JSON
object; ``lost`` (messages that never reached the topic) and ``group_429`` must be 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram.ext import AIORateLimiter

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from devtools.fakeapi import BotApiEmulator, BotMessage, FakeUser  # noqa: E402
from devtools.offline import OfflineBot, offline_app, offline_settings  # noqa: E402

STAFF_CHAT = -1_001_999_000_111


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(latencies: list[float]) -> dict[str, Any]:
    if not latencies:
        return {"messages": 0}
    return {
        "messages": len(latencies),
        "p50_s": round(statistics.median(latencies), 4),
        "p99_s": round(percentile(latencies, 0.99), 4),
        "max_s": round(max(latencies), 4),
    }


class CopyClock:
    """Notes when each user message's copy lands in the staff chat."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        self.landed: dict[tuple[int, int], float] = {}
        add = emulator.transcript.add

        def timed_add(message: BotMessage) -> None:
            add(message)
            if message.chat_id == STAFF_CHAT and message.copied_from is not None:
                self.landed[message.copied_from] = time.perf_counter()

        emulator.transcript.add = timed_add  # type: ignore[method-assign]


async def open_ticket(bot: OfflineBot, user: FakeUser) -> None:
    consent = await bot.send(user, "/human")
    await bot.press(user, "rl:go:help", consent)


async def send_all(
    bot: OfflineBot, clock: CopyClock, batch: list[tuple[FakeUser, str]]
) -> tuple[list[float], int]:
    updates = [bot.emulator.user_sends_text(u, text, deliver=False) for u, text in batch]
    started: dict[tuple[int, int], float] = {}

    async def one(update: dict[str, Any]) -> None:
        key = (update["message"]["chat"]["id"], update["message"]["message_id"])
        started[key] = time.perf_counter()
        await bot.process(update)

    await asyncio.gather(*(one(u) for u in updates))
    latencies = [clock.landed[k] - t for k, t in started.items() if k in clock.landed]
    return latencies, len(started) - len(latencies)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    emulator = BotApiEmulator()
    emulator.new_forum("Staff", STAFF_CHAT)
    emulator.group_limit = args.per_minute
    emulator.group_window = args.window
    clock = CopyClock(emulator)
    with tempfile.TemporaryDirectory() as folder:
        settings = offline_settings(
            Path(folder) / "bench.sqlite3",
            REPO / "content",
            staff_chat_id=STAFF_CHAT,
            relay_hours="00:00-24:00",
            relay_days="1-7",
            relay_staff_per_minute=args.per_minute,
        )
        # PTB's limiter as `run` builds it: 20 posts a minute per group (scaled with --window).
        limiter = AIORateLimiter(
            group_max_rate=args.per_minute, group_time_period=args.window, max_retries=3
        )
        async with offline_app(settings, emulator=emulator, rate_limiter=limiter) as bot:
            bot.services.relay.pacer.period = args.window
            calm_user = bot.user("ru", name="Calm")
            await open_ticket(bot, calm_user)
            calm: list[float] = []
            lost = 0
            for i in range(args.calm):
                latencies, missing = await send_all(bot, clock, [(calm_user, f"вопрос {i}")])
                calm += latencies
                lost += missing
            # Let the calm phase's posts leave the window before the burst.
            await asyncio.sleep(args.window)
            users = [bot.user("ru", name=f"U{i}") for i in range(args.users)]
            for user in users:
                await open_ticket(bot, user)
            batch = [(u, f"сообщение {m}") for m in range(args.messages) for u in users]
            began = time.perf_counter()
            burst, missing = await send_all(bot, clock, batch)
            lost += missing
            wall = time.perf_counter() - began
    return {
        "benchmark": "relay",
        "python": platform.python_version(),
        "limit": f"{args.per_minute} posts per {args.window:g} s per group",
        "calm": summary(calm),
        "burst": {
            **summary(burst),
            "users": args.users,
            "posts_into_group": args.users * (3 + args.messages),
            "wall_s": round(wall, 2),
        },
        "lost": lost,
        "group_429": emulator.group_429,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--messages", type=int, default=2)
    parser.add_argument("--calm", type=int, default=10)
    parser.add_argument("--per-minute", type=int, default=20)
    parser.add_argument("--window", type=float, default=60.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(asyncio.run(run(args)), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
