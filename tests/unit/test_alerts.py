"""Alerts and reminders in-process: subscriptions, drafts, broadcasts, the sender, reminders.

The real Application and handlers against the emulator; the sender is drained by hand
(``jobs_enabled=False`` in offline apps), so each test decides when delivery happens.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.content.catalog import build_catalog
from bot.content.models import Change, Library
from bot.features.alerts import data
from bot.features.alerts.changes import recent_major_changes
from bot.features.alerts.jobs import check_changes, scan_reminders
from bot.features.alerts.reminders import remind_month, this_month
from bot.features.alerts.sender import Sender
from devtools.fakeapi import ApiError, FakeUser, FloodControl
from devtools.offline import OfflineBot, offline_app
from tests.unit.conftest import CONTENT, make_settings, shipped_library

ADMIN_ID = 777_000_001
TODAY = date.today()


def with_changes(
    library: Library, article_id: str, *changes: tuple[date, bool], version: str
) -> Library:
    """The shipped library with ``changes`` (date, major) on one article, in both languages."""
    article = library.articles[article_id]
    texts = {
        lang: text.model_copy(
            update={
                "changes": [
                    Change(date=day, note=f"{lang} note {day.isoformat()}", major=major)
                    for day, major in changes
                ]
            }
        )
        for lang, text in article.texts.items()
    }
    updated = dataclasses.replace(article, texts=texts)
    return Library({**library.articles, article_id: updated}, version=version)


def read_all(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.glob("bot.sqlite3*"))


def admin_user(bot: OfflineBot) -> FakeUser:
    return FakeUser(ADMIN_ID, "Admin", "en")


async def start_alerts_bot(tmp_path: Path, library: Library | None = None, **overrides: object):  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, admin_ids=frozenset({ADMIN_ID}), **overrides)
    return offline_app(settings, library=library or shipped_library())


def sender_of(bot: OfflineBot) -> Sender:
    sender = bot.services.alerts.sender
    assert sender is not None
    return sender


async def subscribe(bot: OfflineBot, user: FakeUser, *topics: str) -> None:
    await bot.send(user, "/alerts")
    for topic in topics:
        await bot.press(user, data.toggle(topic))


def notices(bot: OfflineBot, user: FakeUser) -> list[str]:
    return [
        m.text
        for m in bot.emulator.messages(user.id)
        if any(d.startswith("al:u:") or d == data.REMINDERS for d in m.callback_data)
        and ("🔔" in m.text or "🚨" in m.text or "⏰" in m.text)
    ]


# ----------------------------------------------------------------------- subscriptions


async def test_nothing_is_stored_until_a_topic_is_turned_on_and_all_off_deletes_it(
    tmp_path: Path,
) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        user = bot.user("ru")
        screen = await bot.send(user, "/alerts")
        assert data.toggle("urgent") in screen.callback_data
        store = bot.services.alerts.store
        assert await store.subscription(user.id) is None
        screen = await bot.press(user, data.toggle("visas"))
        assert "✓" in next(b["text"] for b in screen.buttons if b["callback_data"] == "al:t:visas")
        sub = await store.subscription(user.id)
        assert sub is not None and sub.topics == {"visas"} and sub.lang == "ru"
        await bot.press(user, data.toggle("visas"))
        assert await store.subscription(user.id) is None
        await bot.press(user, data.toggle("urgent"))
    raw = read_all(tmp_path)
    assert str(user.id).encode() not in raw, "the chat id is sealed, never in clear"
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        assert db.execute("SELECT topics FROM alert_subscribers").fetchall() == [("urgent",)]


async def test_settings_and_the_last_page_of_an_article_offer_alerts(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        user = bot.user("en")
        assert data.OPEN in (await bot.send(user, "/settings")).callback_data
        page = await bot.send(user, "/start residence-permit")
        while not any(d == data.OPEN for d in page.callback_data):
            forward = [b for b in page.buttons if b["text"] == "›"]
            assert forward, "the last page must offer alerts"
            page = await bot.press(user, forward[0]["callback_data"])
        opened = await bot.press(user, data.OPEN)
        assert data.toggle("documents") in opened.callback_data


# -------------------------------------------------------------------- drafts and notices


async def test_a_major_change_is_drafted_once_across_reloads_and_restarts(tmp_path: Path) -> None:
    recent = TODAY - timedelta(days=2)
    library = with_changes(shipped_library(), "residence-permit", (recent, True), version="v1")
    async with await start_alerts_bot(tmp_path, library) as bot:
        admin = admin_user(bot)
        await bot.send(admin, "/start")
        drafted = await check_changes(bot.app, TODAY)
        assert [c.key for c in drafted] == [f"residence-permit:{recent.isoformat()}"]
        draft = bot.last(admin)
        assert "Draft" in draft.text and any(d.startswith("al:ds:") for d in draft.callback_data)
        # A reload with another version but the same change: no second draft.
        bot.services.catalog = build_catalog(
            with_changes(shipped_library(), "residence-permit", (recent, True), version="v2"),
            CONTENT,
        )
        assert await check_changes(bot.app, TODAY) == []
    async with await start_alerts_bot(tmp_path, library) as bot:
        assert await check_changes(bot.app, TODAY) == []


async def test_minor_and_old_changes_never_draft(tmp_path: Path) -> None:
    library = with_changes(
        shipped_library(),
        "residence-permit",
        (TODAY - timedelta(days=1), False),
        (TODAY - timedelta(days=90), True),
        version="v1",
    )
    async with await start_alerts_bot(tmp_path, library) as bot:
        await bot.send(admin_user(bot), "/start")
        assert await check_changes(bot.app, TODAY) == []
        assert recent_major_changes(library, TODAY) == []


async def test_send_queues_an_update_to_the_section_in_each_language_silently(
    tmp_path: Path,
) -> None:
    recent = TODAY - timedelta(days=1)
    library = with_changes(shipped_library(), "residence-permit", (recent, True), version="v1")
    async with await start_alerts_bot(tmp_path, library) as bot:
        admin = admin_user(bot)
        await bot.send(admin, "/start")
        ru, en, other = bot.user("ru"), bot.user("en"), bot.user("ru")
        await subscribe(bot, ru, "visas")
        await subscribe(bot, en, "visas", "urgent")
        await subscribe(bot, other, "documents")
        await check_changes(bot.app, TODAY)
        draft = bot.last(admin)
        send = next(d for d in draft.callback_data if d.startswith("al:ds:"))
        await bot.press(admin, send, draft)
        assert "queued for 2" in bot.emulator.transcript.get(admin.id, draft.message_id).text  # type: ignore[union-attr]
        await sender_of(bot).drain()
        for user, word in ((ru, "ru note"), (en, "en note")):
            got = [m for m in bot.emulator.messages(user.id) if word in m.text]
            assert len(got) == 1
            notice = got[0]
            assert notice.disable_notification, "update notices are silent"
            assert "art:residence-permit:0" in notice.callback_data
            assert "al:u:visas" in notice.callback_data
        assert not any("note" in m.text for m in bot.emulator.messages(other.id))
        report = bot.emulator.transcript.get(admin.id, draft.message_id)
        assert report is not None and "done" in report.text and "sent 2" in report.text
        # Send pressed again (or by a second admin): nothing is queued twice.
        await bot.press(admin, send, draft, check=False)
        assert await bot.services.alerts.store.queued() == 0
        # Unsubscribe from the notice.
        notice = next(m for m in bot.emulator.messages(ru.id) if "ru note" in m.text)
        await bot.press(ru, "al:u:visas", notice)
        assert await bot.services.alerts.store.subscription(ru.id) is None


async def test_broadcast_previews_counts_and_rings_with_a_language_fallback(
    tmp_path: Path,
) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        admin = admin_user(bot)
        await bot.send(admin, "/start")
        ru, en, georgia = bot.user("ru"), bot.user("en"), bot.user("en")
        for user in (ru, en):
            await subscribe(bot, user, "urgent")
        await bot.send(georgia, "/country")
        await bot.press(georgia, "cty:GE")
        await subscribe(bot, georgia, "urgent")
        await bot.send(admin, "/broadcast")
        await bot.send(admin, "Срочно: ТЕСТ-42")
        preview = await bot.send(admin, "-")
        assert "3 recipients" in preview.text and data.BROADCAST_SEND in preview.callback_data
        await bot.press(admin, data.BROADCAST_SEND, preview)
        await sender_of(bot).drain()
        for user in (ru, en, georgia):
            got = [m for m in bot.emulator.messages(user.id) if "ТЕСТ-42" in m.text]
            assert len(got) == 1, "English readers get the Russian text when English is skipped"
            assert not got[0].disable_notification, "urgent alerts ring"
            assert "al:u:urgent" in got[0].callback_data
        # Limited to one country.
        await bot.send(admin, "/broadcast GE")
        await bot.send(admin, "-")
        preview = await bot.send(admin, "Georgia only")
        assert "1 recipients in GE" in preview.text
        await bot.press(admin, data.BROADCAST_SEND, preview)
        await sender_of(bot).drain()
        assert [m for m in bot.emulator.messages(georgia.id) if "Georgia only" in m.text]
        assert not [m for m in bot.emulator.messages(en.id) if "Georgia only" in m.text]


async def test_broadcast_is_for_admins_only(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        user = bot.user("en")
        await subscribe(bot, user, "urgent")
        reply = await bot.send(user, "/broadcast")
        assert "Russian" not in reply.text
        assert await bot.services.alerts.store.queued() == 0


async def test_broadcast_cancel_sends_nothing(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        admin = admin_user(bot)
        await bot.send(admin, "/start")
        await subscribe(bot, bot.user("en"), "urgent")
        await bot.send(admin, "/broadcast")
        await bot.send(admin, "текст")
        preview = await bot.send(admin, "text")
        await bot.press(admin, data.BROADCAST_CANCEL, preview)
        assert await bot.services.alerts.store.queued() == 0
        # After a cancel, admin text is a question again, not alert text.
        answer = await bot.send(admin, "residence permit")
        assert "preview" not in answer.text.lower()


# --------------------------------------------------------------------------- the sender


async def queue_urgent(bot: OfflineBot, text: str, users: list[FakeUser]) -> None:
    for user in users:
        await subscribe(bot, user, "urgent")
    admin = admin_user(bot)
    await bot.send(admin, "/start")
    await bot.send(admin, "/broadcast")
    await bot.send(admin, text)
    preview = await bot.send(admin, "-")
    await bot.press(admin, data.BROADCAST_SEND, preview)


def received(bot: OfflineBot, users: list[FakeUser], text: str) -> Counter[int]:
    return Counter({u.id: sum(text in m.text for m in bot.emulator.messages(u.id)) for u in users})


async def test_the_sender_keeps_telegrams_limits_with_no_429(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        users = [bot.user("ru") for _ in range(40)]
        await queue_urgent(bot, "лимиты", users)
        bot.emulator.flood = FloodControl()
        await sender_of(bot).drain()
        assert bot.emulator.flood.refused == 0
        assert set(received(bot, users, "лимиты").values()) == {1}
        sends = [c.at for c in bot.emulator.calls_to("sendMessage") if "лимиты" in str(c.params)]
        # No second of the run holds more than 25 (+1 for a window's two edges) of them.
        assert max(sum(1 for t in sends if s <= t < s + 1) for s in sends) <= 26


async def test_progress_is_edited_at_most_every_few_seconds_then_reported(
    tmp_path: Path,
) -> None:
    async with await start_alerts_bot(tmp_path, alerts_progress_seconds=3600) as bot:
        users = [bot.user("en") for _ in range(15)]
        await queue_urgent(bot, "progress", users)
        progress = bot.last(admin_user(bot))
        await sender_of(bot).drain()
        final = bot.emulator.transcript.get(ADMIN_ID, progress.message_id)
        assert final is not None and "done" in final.text and "sent 15" in final.text
        # "queued" (the button's own edit), one progress edit, the final report.
        assert len(final.history) <= 3, final.history


async def test_a_command_while_composing_is_not_taken_as_alert_text(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        admin = admin_user(bot)
        await bot.send(admin, "/start")
        await bot.send(admin, "/broadcast")
        menu = await bot.send(admin, "/start")
        assert "sec:documents" in menu.callback_data
        cancelled = await bot.send(admin, "/cancel")
        assert "Cancelled" in cancelled.text


async def test_a_429_pauses_the_sender_for_the_whole_retry_after(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        users = [bot.user("en") for _ in range(3)]
        await queue_urgent(bot, "pause", users)
        bot.emulator.fail_next("sendMessage", ApiError.too_many_requests(1))
        await sender_of(bot).drain()
        ids = {u.id for u in users}
        calls = [
            c
            for c in bot.emulator.calls_to("sendMessage")
            if c.params["chat_id"] in ids and "al:u:urgent" in str(c.params)
        ]
        assert len(calls) == 4  # the refused one, then three deliveries
        assert calls[1].at - calls[0].at >= 1.0
        assert set(received(bot, users, "pause").values()) == {1}


async def test_blocked_users_are_unsubscribed_and_counted(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        users = [bot.user("en") for _ in range(3)]
        await queue_urgent(bot, "blocked?", users)
        bot.emulator.block(users[1])
        await sender_of(bot).drain()
        store = bot.services.alerts.store
        assert await store.subscription(users[1].id) is None
        assert await store.subscription(users[0].id) is not None
        report = bot.last(admin_user(bot))
        assert "sent 2, blocked 1, failed 0" in report.text


async def test_other_errors_are_retried_a_bounded_number_of_times(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path, alerts_max_attempts=3) as bot:
        users = [bot.user("en")]
        await queue_urgent(bot, "flaky", users)
        sender_of(bot).retry_base = 0.05
        bot.emulator.fail_next("sendMessage", ApiError.bad_gateway(), times=10)
        await sender_of(bot).drain()
        assert received(bot, users, "flaky")[users[0].id] == 0
        assert "failed 1" in bot.last(admin_user(bot)).text
        assert await bot.services.alerts.store.queued() == 0


async def test_one_message_per_chat_per_second(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        user = bot.user("en")
        await queue_urgent(bot, "first", [user])
        admin = admin_user(bot)
        await bot.send(admin, "/broadcast")
        await bot.send(admin, "-")
        preview = await bot.send(admin, "second")
        await bot.press(admin, data.BROADCAST_SEND, preview)
        await sender_of(bot).drain()
        at = [
            c.at
            for c in bot.emulator.calls_to("sendMessage")
            if c.params.get("chat_id") == user.id and "al:u:urgent" in str(c.params)
        ]
        assert len(at) == 2 and at[1] - at[0] >= 1.0


async def test_a_crash_mid_broadcast_resumes_without_loss(tmp_path: Path) -> None:
    """The sender is cancelled between sends (what a kill does); a restart delivers the rest."""
    async with await start_alerts_bot(tmp_path) as bot:
        users = [bot.user("ru") for _ in range(30)]
        await queue_urgent(bot, "resume", users)
        emulator = bot.emulator
        sender = sender_of(bot)
        sender.start()
        while sum(received(bot, users, "resume").values()) < 10:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        await sender.stop()
        assert await bot.services.alerts.store.queued() > 0
    async with offline_app(
        make_settings(tmp_path, admin_ids=frozenset({ADMIN_ID})),
        library=shipped_library(),
        emulator=emulator,
    ) as bot:
        await sender_of(bot).drain()
        counts = received(bot, users, "resume")
        assert all(n >= 1 for n in counts.values())
        assert sum(n - 1 for n in counts.values()) <= 1


# ---------------------------------------------------------------------------- reminders


async def add_reminder(
    bot: OfflineBot, user: FakeUser, kind: str, year: int, month: int, lead: int
) -> None:
    await bot.send(user, "/remind")
    await bot.press(user, data.REMINDER_ADD)
    await bot.press(user, data.reminder_kind(kind))
    await bot.press(user, data.reminder_year(kind, year))
    await bot.press(user, data.reminder_month(kind, year, month))
    await bot.press(user, data.reminder_lead(kind, year, month, lead))


async def test_a_document_already_expired_opens_its_article_instead_of_a_year(
    tmp_path: Path,
) -> None:
    """The years start at this one: for a passport that ran out last spring the year
    screen offers the article on what to do now, and for a visa (no article) nothing."""
    from bot.features.alerts.reminders import EXPIRED_ARTICLE

    library = shipped_library()
    assert set(EXPIRED_ARTICLE.values()) <= set(library.articles)
    async with await start_alerts_bot(tmp_path, rate_limit_per_minute=1000) as bot:
        user = bot.user("en")
        await bot.send(user, "/remind")
        await bot.press(user, data.REMINDER_ADD)
        years = await bot.press(user, data.reminder_kind("fp"))
        expired = "art:passport-lost-or-expired:0"
        assert expired in years.callback_data
        page = await bot.press(user, expired, years)
        assert library.articles["passport-lost-or-expired"].text("en").title in page.text
        assert await bot.services.alerts.store.reminders(user.id) == []
        await bot.send(user, "/remind")
        await bot.press(user, data.REMINDER_ADD)
        visa = await bot.press(user, data.reminder_kind("vi"))
        assert not any(d.startswith("art:") for d in visa.callback_data)


async def test_reminders_store_only_kind_and_month_and_stop_at_five(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path, rate_limit_per_minute=1000) as bot:
        user = bot.user("ru")
        year = TODAY.year + 2
        await add_reminder(bot, user, "fp", year, 5, 6)
        screen = bot.last(user)
        assert "ноябр" in screen.text.lower() or "Напомню" in screen.text
        store = bot.services.alerts.store
        found = await store.reminders(user.id)
        assert [(r.kind, r.remind_month) for r in found] == [("fp", (year - 1) * 100 + 11)]
        for _ in range(4):
            await add_reminder(bot, user, "rp", year, 1, 3)
        assert len(await store.reminders(user.id)) == 5
        assert data.REMINDER_ADD not in bot.last(user).callback_data
        await bot.press(user, data.reminder_lead("vi", year, 1, 3), check=False)
        assert len(await store.reminders(user.id)) == 5
        await bot.press(user, data.reminder_delete(found[0].id))
        assert len(await store.reminders(user.id)) == 4
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        columns = [r[1] for r in db.execute("PRAGMA table_info(reminders)")]
    assert columns == ["id", "chat_key", "chat", "lang", "kind", "remind_month"]


def test_remind_month_arithmetic() -> None:
    today = date(2026, 12, 1)
    assert remind_month(2027, 6, 3, today) == 202703
    assert remind_month(2028, 1, 12, today) == 202701
    assert remind_month(2027, 1, 6, today) == 202612, "a late reminder is due now"
    assert this_month(today) == 202612


async def test_due_reminders_are_sent_once_with_their_article_even_after_downtime(
    tmp_path: Path,
) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        user, later = bot.user("en"), bot.user("en")
        year = TODAY.year + 1
        await add_reminder(bot, user, "fp", year, TODAY.month, 12)
        await add_reminder(bot, later, "rp", year + 5, TODAY.month, 3)
        # The bot was down for months: the scan catches up on everything due by now.
        months_later = TODAY + timedelta(days=120)
        assert await scan_reminders(bot.app, months_later) == 1
        assert await scan_reminders(bot.app, months_later) == 0
        await sender_of(bot).drain()
        got = [m for m in bot.emulator.messages(user.id) if "⏰ Reminder" in m.text]
        assert len(got) == 1
        assert "art:passport-renewal-abroad:0" in got[0].callback_data
        assert await bot.services.alerts.store.reminders(user.id) == []
        assert len(await bot.services.alerts.store.reminders(later.id)) == 1


# ------------------------------------------------------------------------ forget, whatsnew


async def test_forget_removes_subscriptions_reminders_and_queued_notices(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        user, stays = bot.user("en"), bot.user("en")
        await add_reminder(bot, user, "ip", TODAY.year + 3, 6, 3)
        await queue_urgent(bot, "forget me", [user, stays])
        store = bot.services.alerts.store
        assert await store.queued() == 2
        await bot.send(user, "/forget")
        await bot.press(user, "forget:yes")
        assert await store.subscription(user.id) is None
        assert await store.reminders(user.id) == []
        assert await store.queued() == 1
        await sender_of(bot).drain()
        assert received(bot, [user, stays], "forget me") == Counter({stays.id: 1, user.id: 0})
        assert "of 1" in bot.last(admin_user(bot)).text


async def test_whatsnew_lists_recent_major_changes_newest_first(tmp_path: Path) -> None:
    library = with_changes(
        shipped_library(),
        "residence-permit",
        (TODAY - timedelta(days=3), True),
        (TODAY - timedelta(days=1), False),
        (TODAY - timedelta(days=40), True),
        version="w",
    )
    library = with_changes(
        library, "internal-passport", (TODAY - timedelta(days=1), True), version="w"
    )
    async with await start_alerts_bot(tmp_path, library) as bot:
        screen = await bot.send(bot.user("en"), "/whatsnew")
        assert screen.text.index("Internal") < screen.text.index("Residence")
        assert "art:internal-passport:0" in screen.callback_data
        assert screen.text.count("en note") == 2


# ------------------------------------------------------------------------- callback data


@pytest.mark.parametrize(
    "raw",
    [
        "al:t:weather",
        "al:t:visas:x",
        "al:ry:fp:２０２７",
        "al:rl:fp:2027:13:3",
        "al:rl:fp:2027:05:4",
        "al:rd:",
        "al:ds:Bad_Id:20260101",
        "al:",
    ],
)
def test_callback_data_is_parsed_strictly(raw: str) -> None:
    assert data.parse(raw) is None


def test_every_built_callback_parses_and_fits() -> None:
    built = [
        data.OPEN,
        data.toggle("urgent"),
        data.unsubscribe("visas"),
        data.draft_send("a" * 40, "20261201"),
        data.reminder_lead("fp", 2030, 12, 12),
        data.reminder_delete(123456789012),
    ]
    for raw in built:
        assert data.parse(raw) is not None, raw
        assert len(raw.encode()) <= 64


# ------------------------------------------------------------------------------ emulator


async def test_emulator_flood_control_is_opt_in_and_records_silence(tmp_path: Path) -> None:
    async with await start_alerts_bot(tmp_path) as bot:
        user = bot.user("en")
        await bot.send(user, "/start")
        await bot.send(user, "/help")  # no limits by default
        assert not bot.emulator.errors
        bot.emulator.flood = FloodControl()
        await bot.app.bot.send_message(user.id, "one", disable_notification=True)
        await bot.app.bot.send_message(user.id, "two")  # 429 at once; PTB waits and retries
        assert bot.emulator.flood.refused == 1
        silent = [m.disable_notification for m in bot.emulator.messages(user.id)[-2:]]
        assert silent == [True, False]
