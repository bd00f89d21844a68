"""/stats, the weekly digest and the metrics across features: relay tickets, alert
subscribers and the outbox, as aggregates only, small figures hidden, no label naming anyone.
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from prometheus_client import generate_latest

from bot.features.alerts.storage import NoticeDraft
from bot.features.feedback.jobs import digest_job
from devtools.fakeapi import BotApiEmulator
from devtools.fakeapi.models import FakeUser
from devtools.offline import OfflineBot, offline_app
from tests.unit.conftest import make_settings, shipped_library

ADMIN = FakeUser(777_002, "Admin", "en")
STAFF_CHAT = -1_009_876_543_210
# Six tickets, first answered after 10, 20, ... 60 minutes; two of them closed.
TICKETS = 6
CLOSED = 2
SMALL_FIGURE = re.compile(r"(?<![\w<-])\d+(?![\w-])")


@asynccontextmanager
async def stats_bot(tmp_path: Path, **overrides: Any) -> AsyncIterator[OfflineBot]:
    emulator = BotApiEmulator()
    emulator.new_forum("Staff", STAFF_CHAT)
    settings = make_settings(tmp_path, admin_ids=frozenset({ADMIN.id}), **overrides)
    async with offline_app(settings, library=shipped_library(), emulator=emulator) as bot:
        yield bot


async def seed(bot: OfflineBot) -> list[FakeUser]:
    """Tickets with first replies, 6 + 2 subscribers, one notice delivered to the six."""
    services = bot.services
    relay = services.relay.store
    start = int(time.time()) - 3 * 3600
    users = [bot.user("ru") for _ in range(TICKETS)]
    for i, user in enumerate(users):
        await bot.send(user, "/start")  # the emulator delivers only to chats that began
        ticket = await relay.create(user.id, "ru", "help", now=start)
        await relay.add_pair(
            ticket.code, from_user=True, user_message_id=1, staff_message_id=10, now=start
        )
        for reply in (1, 2):  # only the first staff answer counts
            await relay.add_pair(
                ticket.code,
                from_user=False,
                user_message_id=1 + reply,
                staff_message_id=10 + reply,
                now=start + 600 * (i + 1) * reply,
            )
        if i < CLOSED:
            await relay.close(ticket.code)
    alerts = services.alerts.store
    for user in users:
        await alerts.set_topics(user.id, "ru", None, {"documents"})
    for user in (bot.user("en"), bot.user("en")):
        await alerts.set_topics(user.id, "en", None, {"visas", "urgent"})
    draft = NoticeDraft(kind="urgent", text_ru="Срочно", text_en="Urgent", silent=False)
    assert await alerts.enqueue(draft, await alerts.recipients("documents")) is not None
    return users


async def test_stats_show_tickets_subscribers_and_outbox_without_small_figures(
    tmp_path: Path,
) -> None:
    async with stats_bot(tmp_path) as bot:
        await seed(bot)
        queued = (await bot.send(ADMIN, "/stats")).text
        assert "Ask a person: tickets opened 6, closed <5" in queued, queued
        # Nearest rank of 10..60 minutes: the 3rd and the 6th.
        assert "First reply (6 answered): p50 30 min, p90 60 min" in queued
        assert (
            "Alert subscribers by section: documents 6, visas <5, help <5, life <5, "
            "safety <5, community <5, urgent <5"
        ) in queued
        assert "Outbox: notices pending <5; messages sent <5" in queued
        assert "deliveries queued 6" in queued

        sender = bot.services.alerts.sender
        assert sender is not None
        await sender.drain()
        for command in ("/stats", "/stats 30"):
            text = (await bot.send(ADMIN, command)).text
            assert "messages sent 6, blocked <5, failed <5; deliveries queued <5" in text, text
            figures = [int(n) for n in SMALL_FIGURE.findall(text)]
            assert figures and all(n >= 5 for n in figures), text


async def test_first_reply_needs_five_answered_tickets(tmp_path: Path) -> None:
    async with stats_bot(tmp_path) as bot:
        relay = bot.services.relay.store
        now = int(time.time())
        for user in [bot.user("en") for _ in range(4)]:
            ticket = await relay.create(user.id, "en", "help", now=now - 60)
            await relay.add_pair(
                ticket.code, from_user=False, user_message_id=1, staff_message_id=2, now=now
            )
        text = (await bot.send(ADMIN, "/stats")).text
        assert "Ask a person: tickets opened <5, closed <5" in text
        assert "First reply (<5 answered): n<5" in text
        assert "1 min" not in text


async def test_metrics_show_outbox_sender_and_tickets_without_ids(tmp_path: Path) -> None:
    async with stats_bot(tmp_path) as bot:
        users = await seed(bot)
        metrics = bot.services.feedback.metrics
        await metrics.refresh(bot.services)
        text = generate_latest(metrics.registry).decode()
        assert "bot_outbox_queued 6.0" in text
        assert 'bot_alerts_sent_total{outcome="sent"} 0.0' in text
        assert 'bot_relay_tickets{status="open"} 4.0' in text
        assert 'bot_relay_tickets{status="closed"} 2.0' in text

        sender = bot.services.alerts.sender
        assert sender is not None
        await sender.drain()
        await metrics.refresh(bot.services)
        text = generate_latest(metrics.registry).decode()
        assert 'bot_alerts_sent_total{outcome="sent"} 6.0' in text
        assert "bot_outbox_queued 0.0" in text

        labels = re.findall(r'(\w+)="([^"]*)"', text)
        assert labels
        for name, value in labels:
            assert name in {"kind", "mode", "vote", "outcome", "status"}, name
            assert re.fullmatch(r"[A-Za-z_]+", value), (name, value)
        codes = [t.code for u in users for t in await bot.services.relay.store.tickets_of(u.id)]
        for secret in [str(u.id) for u in users] + codes + ["Анна"]:
            assert secret not in text


async def test_the_digest_goes_to_the_staff_group_when_configured(tmp_path: Path) -> None:
    async with stats_bot(tmp_path, staff_chat_id=STAFF_CHAT) as bot:
        await seed(bot)

        await digest_job(SimpleNamespace(application=bot.app, bot=bot.app.bot))
        digest = bot.emulator.last_message(STAFF_CHAT)
        assert digest is not None
        assert digest.text.startswith("Weekly digest: the last 7 days")
        assert "Ask a person: tickets opened 6" in digest.text
        assert "documents 6" in digest.text and "deliveries queued 6" in digest.text
        assert bot.emulator.last_message(ADMIN.id) is None


async def test_the_digest_goes_to_the_admins_without_a_staff_group(tmp_path: Path) -> None:
    async with stats_bot(tmp_path) as bot:
        await bot.send(ADMIN, "/start")

        await digest_job(SimpleNamespace(application=bot.app, bot=bot.app.bot))
        digest = bot.last(ADMIN)
        assert digest.text.startswith("Weekly digest: the last 7 days")
        assert bot.emulator.last_message(STAFF_CHAT) is None
