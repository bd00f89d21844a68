"""Update throughput and latency of the whole bot, Telegram replaced by the in-process emulator.

The Application is the one devtools.offline builds (real handlers, PTB's Defaults and
AIORateLimiter, a real SQLite file); the network is the emulator behind EmulatorRequest
(same bytes as HTTP, no sockets). Updates enter as polling hands them over: one asyncio
task per update calling ``update_processor.process_update(update, app.process_update(..))``,
so the per-chat ordering of PerChatUpdateProcessor is part of what is measured.

The whole workload (update dicts) is generated before anything is timed. Phases:

* ``sequential``: one update in flight;
* ``concurrent``: ``--concurrency`` in flight;
* ``faults``: ``--concurrency`` in flight while the emulator answers every Nth sendMessage
  with 429 (``retry_after`` seconds, which PTB's rate limiter honours for all requests) and
  holds every Mth call 20-50 ms.

A share of users has disappearing messages on (every reply writes pending-deletion rows)
and a share changes settings. Latency is per update, from hand-off to the processor until
the handler finished. ``lost`` counts updates without a reply or whose handler failed, and
pending-deletion rows missing from SQLite: it must be 0.

    .venv/bin/python benchmarks/bench_updates.py [--updates 5000] [--fault-updates 1500]

Prints one JSON object. Target: >= 1,000 updates/s on one core in the clean phases.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import dataclasses
import json
import logging
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Update

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.content.loader import build_library, load_articles  # noqa: E402
from bot.content.models import COUNTRIES, Lang, Library  # noqa: E402
from devtools.fakeapi import BotApiEmulator, FakeUser, Faults  # noqa: E402
from devtools.offline import OfflineBot, offline_app, offline_settings  # noqa: E402

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
# Share of each update kind; "setting" updates come from the settings-changing users only.
MIX = (
    ("start", 0.12),
    ("section", 0.22),
    ("article", 0.30),
    ("question", 0.24),
    ("setting", 0.12),
)
DISAPPEAR_SECONDS = 3600
ERRORS_LOGGER = "bot.core.errors"


@dataclass(frozen=True)
class Config:
    users: int = 10_000  # users with a settings row in the database
    active: int = 1_000  # users chatting during the run
    updates: int = 5_000  # per clean phase
    fault_updates: int = 1_500
    concurrency: int = 32
    disappearing_share: float = 0.2  # of active users
    writer_share: float = 0.1  # of active users
    rate_limit_every: int = 100  # every Nth sendMessage is answered 429 in the faults phase
    retry_after: int = 1
    delay_every: int = 5  # every Mth call is held in the faults phase
    delay: tuple[float, float] = (0.02, 0.05)
    seed: int = 20261201
    database: Path | None = None  # default: a fresh temporary file


@dataclass(frozen=True)
class Phase:
    name: str
    in_flight: int
    faults: bool


@dataclass
class Item:
    """One update of the workload and what is known about it before it runs."""

    body: dict[str, Any]
    user: FakeUser
    kind: str
    incoming: int | None  # the user's message id (message updates)


@dataclass
class Outcome:
    latency: float = 0.0
    replied: bool = False
    failed: bool = False  # the error handler ran
    new_messages: list[int] = field(default_factory=list)


# The update whose handler is running in this task; the error handler runs in the same task.
_CURRENT: contextvars.ContextVar[Outcome | None] = contextvars.ContextVar("outcome", default=None)


class _FailureLog(logging.Handler):
    """Marks the running update as failed when bot.core.errors reports it."""

    def emit(self, record: logging.LogRecord) -> None:
        outcome = _CURRENT.get()
        if outcome is not None:
            outcome.failed = True


class TimedEmulator(BotApiEmulator):
    """Counts time spent inside the emulator (Telegram's side, not the bot's cost)."""

    seconds = 0.0

    async def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        started = time.perf_counter()
        try:
            return await super().call(method, params)
        finally:
            self.seconds += time.perf_counter() - started


def pin_to_one_core() -> int | None:
    """One core makes numbers comparable between machines and runs (SQLite's thread too)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


class Workload:
    """Generates every phase's updates up front, against the screens warm-up left."""

    def __init__(
        self,
        emu: BotApiEmulator,
        config: Config,
        active: list[FakeUser],
        article_ids: list[str],
    ) -> None:
        self.emu = emu
        self.rng = random.Random(config.seed)  # reproducible, not secret
        self.active = active
        # Drawn independently, so some writers also have disappearing messages on.
        self.writers = self.rng.sample(active, max(1, round(len(active) * config.writer_share)))
        share = config.disappearing_share
        self.disappearing = {u.id for u in self.rng.sample(active, round(len(active) * share))}
        self.article_ids = article_ids
        self.anchor: dict[int, int] = {}  # user -> message the buttons are pressed on
        # What each writer's settings must be once every update ran (lang, country).
        self.expected_prefs: dict[int, tuple[Lang, str | None]] = {
            u.id: (initial_lang(u), None) for u in self.writers
        }
        self.kinds = [k for k, _ in MIX]
        self.weights = [w for _, w in MIX]
        self.mix: dict[str, int] = {}

    def warm_up(self) -> list[Item]:
        return [self._message(u, "start", "/start") for u in self.active]

    def phase(self, n: int) -> list[Item]:
        return [self.next_item() for _ in range(n)]

    def next_item(self) -> Item:
        kind = self.rng.choices(self.kinds, self.weights)[0]
        self.mix[kind] = self.mix.get(kind, 0) + 1
        if kind == "setting":
            user = self.rng.choice(self.writers)
            lang, country = self.expected_prefs[user.id]
            if self.rng.random() < 0.3:
                lang = "ru" if self.rng.random() < 0.5 else "en"
                data = f"lang:{lang}"
            else:
                country = self.rng.choice(COUNTRIES)
                data = f"cty:{country}"
            self.expected_prefs[user.id] = (lang, country)
            return self._press(user, kind, data)
        user = self.rng.choice(self.active)
        if kind == "start":
            return self._message(user, kind, "/start")
        if kind == "question":
            return self._message(user, kind, self.rng.choice(QUESTIONS))
        if kind == "section":
            return self._press(user, kind, f"sec:{self.rng.choice(SECTIONS)}")
        return self._press(user, kind, f"art:{self.rng.choice(self.article_ids)}:0")

    def _message(self, user: FakeUser, kind: str, text: str) -> Item:
        body = self.emu.user_sends_text(user, text, deliver=False)
        return Item(body, user, kind, body["message"]["message_id"])

    def _press(self, user: FakeUser, kind: str, data: str) -> Item:
        # Buttons of older screens stay pressable in Telegram, so no existence check here.
        body = self.emu.user_presses(user, self.anchor[user.id], data, deliver=False, check=False)
        return Item(body, user, kind, None)


def shipped_library() -> Library:
    """The shipped articles as the loader reads them; `bot content check` judges them, not this."""
    result = load_articles(REPO / "content" / "articles")
    return build_library(result.files, result.version)


def initial_lang(user: FakeUser) -> Lang:
    return "ru" if user.language_code == "ru" else "en"


class Runner:
    """Hands updates to the Application's update processor and records what came of them."""

    def __init__(self, bot: OfflineBot) -> None:
        self.bot = bot
        self.app = bot.app
        self.emu = bot.emulator
        self.outcomes: list[tuple[Item, Outcome]] = []

    async def run(self, items: list[Item], in_flight: int) -> tuple[float, list[Outcome]]:
        """Feed ``items`` with at most ``in_flight`` handed over at once; the wall time."""
        slots = asyncio.Semaphore(in_flight)
        tasks: list[asyncio.Task[None]] = []
        outcomes: list[Outcome] = []
        started = time.perf_counter()
        for item in items:
            await slots.acquire()
            # Polling parses a batch before handing it over; counted in the wall time only.
            update = Update.de_json(item.body, self.app.bot)
            outcome = Outcome()
            outcomes.append(outcome)
            self.outcomes.append((item, outcome))
            task = asyncio.create_task(self._hand_off(update, item, outcome))
            task.add_done_callback(lambda _: slots.release())
            tasks.append(task)
        await asyncio.gather(*tasks)
        return time.perf_counter() - started, outcomes

    async def _hand_off(self, update: Update, item: Item, outcome: Outcome) -> None:
        handed = time.perf_counter()
        await self.app.update_processor.process_update(
            update, self._observed(update, item, outcome)
        )
        outcome.latency = time.perf_counter() - handed

    async def _observed(self, update: Update, item: Item, outcome: Outcome) -> None:
        """Runs once the chat's turn came: nothing else touches this chat meanwhile."""
        chat = item.user.id
        transcript = self.emu.transcript
        events_before = transcript.event_count(chat)
        errors_before = len(self.emu.errors)
        token = _CURRENT.set(outcome)
        try:
            await self.app.process_update(update)
        finally:
            _CURRENT.reset(token)
        events = transcript.events_since(chat, events_before)
        outcome.new_messages = [e.message.message_id for e in events if e.kind == "new"]
        # "Not modified" means Telegram already shows exactly this screen: a reply too.
        outcome.replied = any(e.kind in ("new", "edited") for e in events) or any(
            call.params.get("chat_id") == chat and "not modified" in error.description
            for call, error in self.emu.errors[errors_before:]
        )


async def rows_in_sqlite(bot: OfflineBot, chats: Iterable[int]) -> dict[int, set[int]]:
    deletions = bot.services.deletions
    return {chat: {p.message_id for p in await deletions.for_chat(chat)} for chat in chats}


def expected_rows(
    outcomes: list[tuple[Item, Outcome]], disappearing: set[int]
) -> set[tuple[int, int]]:
    """Every message of a disappearing chat: the user's and each bot message sent in reply."""
    rows: set[tuple[int, int]] = set()
    for item, outcome in outcomes:
        chat = item.user.id
        if chat not in disappearing:
            continue
        if item.incoming is not None:
            rows.add((chat, item.incoming))
        rows.update((chat, m) for m in outcome.new_messages)
    return rows


def percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def populate(
    bot: OfflineBot, config: Config, active: list[FakeUser], disappearing: set[int]
) -> int:
    """Settings rows for --users people (the active ones first), through the bot's own store."""
    users = bot.services.users
    for i in range(config.users):
        user_id = active[i].id if i < len(active) else 200_000_001 + i
        lang: Lang = initial_lang(active[i]) if i < len(active) else ("ru" if i % 3 else "en")
        if user_id in disappearing:
            await users.set_disappear(user_id, lang, DISAPPEAR_SECONDS)
        else:
            await users.set_lang(user_id, lang)
    return await users.count()


async def run(config: Config) -> dict[str, Any]:
    total_started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="bench-updates-"))
    settings = offline_settings(
        config.database or tmp / "bench.sqlite3",
        REPO / "content",
        log_level="WARNING",
        # The per-user limiter would drop part of a synthetic burst and flatter the numbers.
        rate_limit_per_minute=1_000_000,
    )
    failures = _FailureLog(logging.INFO)
    errors_logger = logging.getLogger(ERRORS_LOGGER)
    errors_logger.addHandler(failures)
    previous_level = errors_logger.level
    errors_logger.setLevel(logging.INFO)
    emu = TimedEmulator()
    try:
        async with offline_app(settings, library=shipped_library(), emulator=emu) as bot:
            return await measure(bot, emu, config, total_started)
    finally:
        errors_logger.removeHandler(failures)
        errors_logger.setLevel(previous_level)


async def measure(
    bot: OfflineBot, emu: TimedEmulator, config: Config, total_started: float
) -> dict[str, Any]:
    active = [
        emu.new_user(f"User{i}", "ru" if i % 3 else "en")
        for i in range(min(config.active, config.users))
    ]
    library = bot.services.catalog.library
    article_ids = sorted(a.id for s in SECTIONS for a in library.in_section(s))
    workload = Workload(emu, config, active, article_ids)
    users_in_db = await populate(bot, config, active, workload.disappearing)
    runner = Runner(bot)

    # Warm-up (not timed): every active user opens the chat; its menu is where they press.
    await runner.run(workload.warm_up(), config.concurrency)
    for item, outcome in runner.outcomes:
        workload.anchor[item.user.id] = outcome.new_messages[-1]

    phases = [
        Phase("sequential", 1, False),
        Phase("concurrent", config.concurrency, False),
        Phase("faults", config.concurrency, True),
    ]
    sizes = {"sequential": config.updates, "concurrent": config.updates}
    plan = {p.name: workload.phase(sizes.get(p.name, config.fault_updates)) for p in phases}

    report: dict[str, Any] = {}
    missing_before = 0
    disappearing = sorted(workload.disappearing)
    for phase in phases:
        faults = None
        if phase.faults:
            faults = Faults(
                rate_limit_every=config.rate_limit_every,
                retry_after=config.retry_after,
                delay_every=config.delay_every,
                delay=config.delay,
                seed=config.seed,
            )
        emu.faults = faults
        emu.seconds = 0.0
        wall, outcomes = await runner.run(plan[phase.name], phase.in_flight)
        emulator_seconds = emu.seconds
        emu.faults = None

        actual = await rows_in_sqlite(bot, disappearing)
        expected = expected_rows(runner.outcomes, workload.disappearing)
        missing = sum(1 for chat, m in expected if m not in actual[chat])
        no_reply = sum(1 for o in outcomes if not o.replied)
        failed = sum(1 for o in outcomes if o.failed)
        ordered = sorted(o.latency for o in outcomes)
        by_kind: dict[str, list[float]] = {}
        for item, outcome in zip(plan[phase.name], outcomes, strict=True):
            by_kind.setdefault(item.kind, []).append(outcome.latency)
        report[phase.name] = {
            "updates": len(outcomes),
            "in_flight": phase.in_flight,
            "updates_per_second": round(len(outcomes) / wall, 1),
            "p50_ms": round(percentile(ordered, 0.50) * 1000, 3),
            "p99_ms": round(percentile(ordered, 0.99) * 1000, 3),
            "max_ms": round(ordered[-1] * 1000, 3),
            "p99_ms_by_kind": {
                kind: round(percentile(sorted(values), 0.99) * 1000, 1)
                for kind, values in sorted(by_kind.items())
            },
            "seconds": round(wall, 2),
            "emulator_share": round(emulator_seconds / wall, 3) if not phase.faults else None,
            "injected_429": faults.injected_429 if faults else 0,
            "injected_delays": faults.injected_delays if faults else 0,
            "no_reply": no_reply,
            "handler_errors": failed,
            "rows_missing": missing - missing_before,
            "lost": no_reply + failed + missing - missing_before,
        }
        missing_before = missing

    actual = await rows_in_sqlite(bot, disappearing)
    expected = expected_rows(runner.outcomes, workload.disappearing)
    actual_rows = sum(len(ids) for ids in actual.values())
    total_rows = await bot.services.deletions.count()
    settings_wrong = await wrong_settings(bot, workload.expected_prefs)
    calls: dict[str, int] = {}
    for call in emu.calls:
        calls[call.method] = calls.get(call.method, 0) + 1
    return {
        "phases": report,
        "lost": sum(p["lost"] for p in report.values()) + settings_wrong,
        "pending_deletion_rows": {
            "expected": len(expected),
            "actual": actual_rows,
            # Rows of chats without disappearing messages would be a bug as well.
            "other_chats": total_rows - actual_rows,
        },
        "settings_writers": len(workload.writers),
        "settings_changes": workload.mix.get("setting", 0),
        "settings_wrong": settings_wrong,
        "disappearing_users": len(workload.disappearing),
        "users_in_db": users_in_db,
        "active_users": len(active),
        "mix": workload.mix,
        "articles": len(article_ids),
        "api_calls": calls,
        "api_errors": sorted({e.description for _, e in emu.errors})[:5],
        "total_seconds": round(time.perf_counter() - total_started, 1),
        "python": platform.python_version(),
    }


async def wrong_settings(bot: OfflineBot, expected: dict[int, tuple[Lang, str | None]]) -> int:
    """Writers whose row in SQLite (not the cache) differs from their last choices."""
    services = bot.services
    wrong = 0
    for user_id, (lang, country) in expected.items():
        row = await services.db.fetchone(
            "SELECT lang, country FROM users WHERE user_key = ?",
            (services.keys.user_key(user_id),),
        )
        if row is None or (row[0], row[1]) != (lang, country):
            wrong += 1
    return wrong


def main() -> None:
    defaults = Config()
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--updates", type=int, default=defaults.updates, help="per clean phase")
    parser.add_argument("--fault-updates", type=int, default=defaults.fault_updates)
    parser.add_argument("--users", type=int, default=defaults.users)
    parser.add_argument("--active", type=int, default=defaults.active)
    parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
    parser.add_argument("--no-pin", action="store_true", help="use all cores")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    # Retried 429s are expected here; PTB logs each at INFO, the rest of the bot at WARNING.
    logging.getLogger("telegram").setLevel(logging.WARNING)
    core = None if args.no_pin else pin_to_one_core()
    config = dataclasses.replace(
        defaults,
        updates=args.updates,
        fault_updates=args.fault_updates,
        users=args.users,
        active=args.active,
        concurrency=args.concurrency,
    )
    result = asyncio.run(run(config))
    result["pinned_core"] = core
    print(json.dumps(result, ensure_ascii=False, indent=2))
    sys.exit(1 if result["lost"] else 0)


if __name__ == "__main__":
    main()
