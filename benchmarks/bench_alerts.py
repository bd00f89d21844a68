"""The alerts sender's real rate against its limit, and reply latency during a broadcast.

In-process: the real Application (devtools.offline), a real SQLite file, the emulator with
Telegram's flood limits on (``FloodControl``: 30 messages/s overall, 1/s per chat, 429
otherwise). ``--subscribers`` chats are seeded into the outbox as one urgent alert; the
sender task delivers it while ``--questions`` people ask one question each, spread evenly
over the broadcast. The same questions are also asked with no broadcast, for comparison.

Latency is per question, from hand-off to the update processor until the handler finished.

    .venv/bin/python benchmarks/bench_alerts.py [--subscribers 1000] [--questions 100]

Prints one JSON object: sent, elapsed, rate (messages/s) vs the limit, 429s, and reply
latency p50/p99 (ms) with and without the broadcast.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.content.check import check_content  # noqa: E402
from bot.features.alerts.storage import URGENT, NoticeDraft  # noqa: E402
from devtools.fakeapi import BotApiEmulator, FakeChat, FakeUser, FloodControl  # noqa: E402
from devtools.offline import OfflineBot, offline_app, offline_settings  # noqa: E402

QUESTIONS = (
    "как продлить загранпаспорт в консульстве",
    "потерял паспорт за границей что делать",
    "humanitarian visa germany",
    "вид на жительство в сербии",
    "can I open a bank account abroad",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def ask_all(bot: OfflineBot, users: list[FakeUser], spread: float) -> list[float]:
    """Each user asks one question; hand-offs spaced ``spread`` seconds apart."""
    latencies: list[float] = []

    async def one(user: FakeUser, text: str) -> None:
        update = bot.emulator.user_sends_text(user, text, deliver=False)
        started = time.perf_counter()
        await bot.process(update)
        latencies.append((time.perf_counter() - started) * 1000)

    tasks = []
    for i, user in enumerate(users):
        tasks.append(asyncio.create_task(one(user, QUESTIONS[i % len(QUESTIONS)])))
        await asyncio.sleep(spread)
    await asyncio.gather(*tasks)
    return latencies


async def main(subscribers: int, questions: int) -> dict[str, object]:
    report = check_content(REPO / "content", date.today())
    assert report.library is not None
    with tempfile.TemporaryDirectory() as tmp:
        emulator = BotApiEmulator()
        settings = offline_settings(Path(tmp) / "bench.sqlite3", REPO / "content")
        async with offline_app(settings, library=report.library, emulator=emulator) as bot:
            store = bot.services.alerts.store
            for i in range(subscribers):
                user = emulator.new_user(f"S{i}", "ru")
                emulator.transcript.register_chat(FakeChat.private(user))
                await store.set_topics(user.id, "ru", None, {URGENT})
            askers = [emulator.new_user(f"Q{i}", "ru") for i in range(questions * 2)]
            warm = [emulator.new_user(f"W{i}", "ru") for i in range(20)]
            await ask_all(bot, warm, 0.0)  # search caches warm, as in a running bot
            # Baseline first: the same questions with no broadcast.
            emulator.flood = FloodControl()
            expected = subscribers / bot.services.settings.alerts_per_second
            baseline = await ask_all(bot, askers[:questions], expected / questions)
            await asyncio.sleep(1.1)  # let the flood window empty
            emulator.flood = flood = FloodControl()
            recipients = await store.recipients(URGENT)
            await store.enqueue(
                NoticeDraft(kind="urgent", text_ru="bench", text_en="bench", silent=False),
                recipients,
            )
            sender = bot.services.alerts.sender
            assert sender is not None
            started = time.perf_counter()
            sender.start()
            during = await ask_all(bot, askers[questions:], expected / questions)
            while await store.queued():  # noqa: ASYNC110 - polls the database
                await asyncio.sleep(0.05)
            elapsed = time.perf_counter() - started
            await sender.stop()
            stats = sender.stats
            return {
                "subscribers": subscribers,
                "sent": stats.sent,
                "elapsed_s": round(elapsed, 2),
                "rate_per_s": round(stats.rate, 2),
                "limit_per_s": bot.services.settings.alerts_per_second,
                "telegram_limit_per_s": flood.overall,
                "refused_429": flood.refused,
                "questions": questions,
                "reply_ms_without_broadcast": {
                    "p50": round(statistics.median(baseline), 2),
                    "p99": round(percentile(baseline, 0.99), 2),
                },
                "reply_ms_during_broadcast": {
                    "p50": round(statistics.median(during), 2),
                    "p99": round(percentile(during, 0.99), 2),
                },
            }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    # 100 questions over a 40 s broadcast: 2.5/s, inside the 5/s the sender leaves to replies.
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(asyncio.run(main(args.subscribers, args.questions)), indent=2))
