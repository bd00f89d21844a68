"""Ask a person, in process: the real Application, the emulator's forum staff group."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.features.answers.screens import choices_screen, not_found
from devtools.fakeapi import ApiError, FakeChat
from tests.relay.conftest import ADMIN, STAFF_CHAT, RelayBot, relay_bot
from tests.unit.conftest import running_bot

PHOTO = {"photo": [{"file_id": "AgAD-photo", "file_unique_id": "p1", "width": 90, "height": 90}]}
DOCUMENT = {"document": {"file_id": "BQAD-doc", "file_unique_id": "d1", "file_name": "a.pdf"}}
VOICE = {"voice": {"file_id": "AwAD-voice", "file_unique_id": "v1", "duration": 3}}
STICKER = {
    "sticker": {
        "file_id": "CAAD",
        "file_unique_id": "s1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}


def read_files(folder: Path, pattern: str) -> bytes:
    return b"".join(p.read_bytes() for p in folder.glob(pattern))


def no_api_errors(relay: RelayBot) -> None:
    """No refusals, except "not modified" when a test presses one button twice."""
    errors = [
        (c.method, e.description)
        for c, e in relay.emulator.errors
        if "not modified" not in e.description
    ]
    assert errors == [], errors


# --------------------------------------------------------------- off by default


async def test_without_staff_chat_no_screen_offers_a_person(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        user = bot.user("ru")
        tr = bot.services.translators["ru"]
        assert not any(d.startswith("rl:") for d in not_found(tr, bot.services.catalog).all_data())
        listed = choices_screen(tr, bot.services.catalog, ("kovcheg", "legal-help"))
        assert listed is not None
        assert not any(d.startswith("rl:") for d in listed.all_data())
        help_screen = await bot.send(user, "/help")
        assert not any(d.startswith("rl:") for d in help_screen.callback_data)
        assert "/human" not in help_screen.text and "/remind" in help_screen.text
        article = await bot.send(user, "/start kovcheg")
        assert not any(d.startswith("rl:") for d in article.callback_data)
        unknown = await bot.send(user, "/human")
        assert "rl:go:help" not in unknown.callback_data


# ----------------------------------------------------------- the user's way in


async def test_ask_buttons_on_not_found_help_and_the_end_of_articles(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("en")
    tr = bot.services.translators["en"]
    assert "rl:ask:nf" in not_found(tr, bot.services.catalog).all_data()
    # A "did you mean" list may hold none of what the person needs: a person is offered.
    listed = choices_screen(tr, bot.services.catalog, ("kovcheg", "legal-help"))
    assert listed is not None
    assert listed.all_data()[-2:] == ["rl:ask:nf", "home"]
    help_screen = await bot.send(user, "/help")
    assert "rl:ask:help" in help_screen.callback_data
    assert "/human — Ask a person from the NGO" in help_screen.text
    page = await bot.send(user, "/start kovcheg")
    last_page = page
    while any(b.get("text") == "›" for b in last_page.buttons):
        after = next(b["callback_data"] for b in last_page.buttons if b.get("text") == "›")
        assert "rl:ask:a:kovcheg" not in last_page.callback_data
        last_page = await bot.press(user, after, last_page)
    assert "rl:ask:a:kovcheg" in last_page.callback_data


async def test_consent_says_who_reads_what_they_see_when_and_what_it_is_not(
    relay: RelayBot,
) -> None:
    bot = relay.bot
    user = bot.user("en")
    consent = await bot.send(user, "/human")
    text = consent.text
    assert "Kovcheg" in text
    assert "username" in text and "phone" in text
    assert "not an emergency service" in text
    assert "location" in text
    assert "2 days" in text  # RELAY_RESPONSE_HOURS=48
    assert "00:00–24:00" in text
    assert "rl:go:help" in consent.callback_data
    # The legal-help and emergency pointers are buttons to the articles.
    assert "art:legal-help:0" in consent.callback_data
    assert "art:detained-or-extradition:0" in consent.callback_data
    russian = await bot.send(bot.user("ru"), "/human")
    assert "Ваши сообщения прочитают сотрудники Kovcheg" in russian.text
    # Nothing is opened, and nothing is posted to staff, before the user agrees.
    assert await bot.services.relay.store.count() == 0
    assert relay.staff_posts() == []


async def test_first_message_opens_a_topic_named_by_code_language_and_article(
    relay: RelayBot,
) -> None:
    bot = relay.bot
    user = bot.user("ru", name="Пётр")
    consent = await bot.press(user, "rl:ask:a:kovcheg", await bot.send(user, "/start"), check=False)
    assert "rl:go:a:kovcheg" in consent.callback_data
    await bot.press(user, "rl:go:a:kovcheg", consent)
    assert relay.topics() == []  # no topic for a conversation that has no message yet
    reply = await bot.send(user, "Где сделать загранпаспорт?")
    assert "Отправлено" in reply.text
    [topic] = relay.topics()
    ticket = await bot.services.relay.store.open_for(user.id)
    assert ticket is not None and ticket.topic_id == topic.thread_id
    title = bot.services.catalog.library.get("kovcheg").text("ru").title  # type: ignore[union-attr]
    assert topic.name == f"🟡 {ticket.code} · ru · {title}"
    messages = relay.emulator.topic_messages(STAFF_CHAT, topic.thread_id)
    pinned, copy = messages
    assert pinned.pinned and ticket.code in pinned.text and title in pinned.text
    assert copy.text == "Где сделать загранпаспорт?"
    assert copy.copied_from is not None  # copyMessage, never forwardMessage
    assert relay.emulator.calls_to("forwardMessage") == []
    no_api_errors(relay)


async def test_staff_answers_are_copied_and_notes_stay_in_the_topic(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Вопрос")
    topic = relay.topic_of()
    await relay.staff_says(topic, "// проверить, есть ли юрист в Тбилиси")
    await relay.staff_says(topic, "Здравствуйте, мы поможем")
    texts = [m.text for m in relay.emulator.messages(user.id)]
    assert "Здравствуйте, мы поможем" in texts
    assert not any("юрист в Тбилиси" in t for t in texts)
    answer = bot.last(user)
    assert answer.copied_from is not None and answer.copied_from[0] == STAFF_CHAT
    # The user answers back, into the same topic.
    await bot.send(user, "Спасибо, а что с визой?")
    assert relay.topic_texts(topic)[-1] == "Спасибо, а что с визой?"
    assert len(relay.topics()) == 1
    no_api_errors(relay)


async def test_photos_documents_and_voice_are_copied_stickers_are_refused(
    relay: RelayBot,
) -> None:
    bot = relay.bot
    user = bot.user("en")
    await relay.open_ticket(user)
    await bot.send(user, "Here are my papers")
    topic = relay.topic_of()
    for fragment in (PHOTO, DOCUMENT, VOICE):
        await relay.user_sends(user, fragment)
    media = [m.media for m in relay.emulator.topic_messages(STAFF_CHAT, topic.thread_id)]
    kinds = [next(iter(m)) for m in media if m]
    assert kinds == ["photo", "document", "voice"]
    before = len(relay.topic_texts(topic))
    await relay.user_sends(user, STICKER)
    assert len(relay.topic_texts(topic)) == before
    assert "not sent" in bot.last(user).text


async def test_edits_are_mirrored_both_ways(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    sent = relay.emulator.user_sends_text(user, "Мой паспорт истёк", deliver=False)
    await bot.process(sent)
    topic = relay.topic_of()
    await bot.process(
        relay.emulator.user_edits(
            user, sent["message"]["message_id"], "Мой паспорт истекает", deliver=False
        )
    )
    assert relay.topic_texts(topic)[-1] == "Мой паспорт истекает"
    staff = await relay.staff_says(topic, "Когда?")
    await bot.process(
        relay.emulator.user_edits(
            relay.staff,
            staff["message"]["message_id"],
            "Когда именно?",
            relay.forum,
            thread_id=topic.thread_id,
            deliver=False,
        )
    )
    answer = bot.last(user)
    assert answer.text == "Когда именно?" and answer.edited
    no_api_errors(relay)


# ---------------------------------------------------------------- staff commands


async def test_close_tells_the_user_and_writing_again_reopens(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Вопрос про визу")
    topic = relay.topic_of()
    await relay.staff_says(topic, "/close")
    notice = bot.last(user)
    assert "закрыли" in notice.text and "rl:again" in notice.callback_data
    assert topic.closed and topic.name.startswith("✅")
    # Closed: the next question goes to the search, not to staff.
    count = len(relay.topic_texts(topic))
    await bot.send(user, "гуманитарная виза")
    assert len(relay.topic_texts(topic)) == count
    reopened = await bot.press(user, "rl:again", notice)
    assert "снова открыт" in reopened.text
    assert not topic.closed and topic.name.startswith("🟡")
    await bot.send(user, "Ещё вопрос")
    assert relay.topic_texts(topic)[-1] == "Ещё вопрос"
    assert len(relay.topics()) == 1
    no_api_errors(relay)


async def test_a_reply_to_a_closed_conversation_reopens_it(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("en")
    await relay.open_ticket(user)
    await bot.send(user, "Question")
    topic = relay.topic_of()
    await relay.staff_says(topic, "Answer")
    answer = bot.last(user)
    await relay.staff_says(topic, "/close")
    fragment = {
        "text": "One more thing",
        "reply_to_message": {
            "message_id": answer.message_id,
            "date": 0,
            "chat": {"id": user.id, "type": "private"},
        },
    }
    await relay.user_sends(user, fragment)
    assert relay.topic_texts(topic)[-1] == "One more thing"
    assert not topic.closed


async def test_user_ends_the_conversation(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("en")
    started = await relay.open_ticket(user)
    await bot.send(user, "Question")
    topic = relay.topic_of()
    ended = await bot.press(user, "rl:end", started)
    assert "ended" in ended.text
    assert topic.closed
    assert "завершил разговор" in relay.topic_texts(topic)[-1]
    assert await bot.services.relay.store.open_for(user.id) is None


async def test_ban_by_keyed_hash(relay: RelayBot, tmp_path: Path) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Вопрос")
    await relay.staff_says(relay.topic_of(), "/ban")
    assert "больше не можете" in bot.last(user).text
    again = await bot.send(user, "/human")
    assert "больше не можете" in again.text and "rl:go:help" not in again.callback_data
    assert await bot.services.relay.store.is_banned(user.id)
    with sqlite3.connect(tmp_path / "bot.sqlite3") as raw:
        [(key,)] = raw.execute("SELECT ban_key FROM relay_bans").fetchall()
    assert key == bot.services.keys.ban_key(user.id) and str(user.id) not in key


async def test_canned_replies_in_the_conversation_language(relay: RelayBot) -> None:
    bot = relay.bot
    ru, en = bot.user("ru"), bot.user("en")
    for user, text in ((ru, "Вопрос"), (en, "Question")):
        await relay.open_ticket(user)
        await bot.send(user, text)
    ru_topic, en_topic = relay.topics()
    await relay.staff_says(ru_topic, "/r documents-needed")
    await relay.staff_says(en_topic, "/r documents-needed")
    assert "не присылайте" in bot.last(ru).text
    assert "do not send" in bot.last(en).text
    assert "documents-needed" in relay.topic_texts(ru_topic)[-1]
    before = bot.last(en).message_id
    await relay.staff_says(en_topic, "/r no-such-reply")
    assert bot.last(en).message_id == before
    assert "documents-needed" in relay.topic_texts(en_topic)[-1]  # lists what exists
    await relay.staff_says(en_topic, "/r ../../secret")
    assert bot.last(en).message_id == before


async def test_urgent_words_and_the_urgent_command(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Меня задержали на границе в аэропорту")
    card = bot.last(user)
    assert "🚨" in card.text and "art:detained-or-extradition:0" in card.callback_data
    topic = relay.topic_of()
    assert topic.name.startswith("🔴")
    urgent_notes = [
        m for m in relay.emulator.topic_messages(STAFF_CHAT, topic.thread_id) if "🔴" in m.text
    ]
    assert urgent_notes and urgent_notes[0].pinned
    calm = bot.user("en")
    await relay.open_ticket(calm)
    await bot.send(calm, "How do I renew a passport?")
    calm_topic = relay.topic_of()
    assert calm_topic.name.startswith("🟡") and "🚨" not in bot.last(calm).text
    await relay.staff_says(calm_topic, "/urgent")
    assert calm_topic.name.startswith("🔴")
    ticket = await bot.services.relay.store.open_for(calm.id)
    assert ticket is not None and ticket.urgent


async def test_username_reaches_staff_only_when_the_user_shares_it(relay: RelayBot) -> None:
    bot = relay.bot
    user = relay.emulator.new_user("Ольга", "ru", username="olga_secret_name")
    started = await relay.open_ticket(user)
    await bot.send(user, "Вопрос")
    topic = relay.topic_of()
    assert not any("olga_secret_name" in t for t in relay.topic_texts(topic))
    shared = await bot.press(user, "rl:share", started)
    assert "показан" in shared.text
    assert "@olga_secret_name" in relay.topic_texts(topic)[-1]
    nameless = bot.user("en")
    started = await relay.open_ticket(nameless)
    assert "no @username" in (await bot.press(nameless, "rl:share", started)).text


# -------------------------------------------------------------------- failures


async def test_a_deleted_topic_is_replaced_and_the_new_one_says_so(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Первое")
    old = relay.topic_of()
    relay.emulator.delete_topic(STAFF_CHAT, old.thread_id)
    await bot.send(user, "Второе")
    [new] = relay.topics()
    assert new.thread_id != old.thread_id
    texts = relay.topic_texts(new)
    assert any("удалена" in t for t in texts) and texts[-1] == "Второе"
    ticket = await bot.services.relay.store.open_for(user.id)
    assert ticket is not None and ticket.topic_id == new.thread_id
    await relay.staff_says(new, "Ответ в новой теме")
    assert bot.last(user).text == "Ответ в новой теме"


async def test_unreachable_staff_group_is_told_to_user_and_admins(relay: RelayBot) -> None:
    bot = relay.bot
    admin_chat = relay.emulator.transcript.register_chat(FakeChat(ADMIN))
    user = bot.user("en")
    await relay.open_ticket(user)
    relay.emulator.kick_bot(STAFF_CHAT)
    reply = await bot.send(user, "Is anyone there?")
    assert "did not reach anyone" in reply.text
    [alert] = relay.emulator.messages(admin_chat.id)
    assert "недоступна" in alert.text and "anyone there" not in alert.text
    # The conversation stays open: the next message tries again once the group is back.
    relay.emulator.kicked_from.clear()
    await bot.send(user, "Trying again")
    assert relay.topic_texts(relay.topic_of())[-1] == "Trying again"


async def test_a_user_who_blocked_the_bot_gets_a_note_in_the_topic(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Вопрос")
    topic = relay.topic_of()
    relay.emulator.block(user)
    await relay.staff_says(topic, "Ответ")
    assert "заблокировал" in relay.topic_texts(topic)[-1]


async def test_off_hours_get_an_automatic_reply(tmp_path: Path) -> None:
    today = datetime.now(ZoneInfo("Europe/Berlin")).isoweekday()
    other_day = str(today % 7 + 1)
    async with relay_bot(tmp_path, relay_days=other_day) as relay:
        user = relay.bot.user("en")
        await relay.open_ticket(user)
        await relay.bot.send(user, "Hello")
        assert "not at work now" in relay.bot.last(user).text
        await relay.bot.send(user, "Hello again")
        notes = [m for m in relay.emulator.messages(user.id) if "not at work" in m.text]
        assert len(notes) == 1  # once, not after every message


# ---------------------------------------------------------- pace and concurrency


async def test_copies_wait_under_the_group_limit_and_none_is_lost(relay: RelayBot) -> None:
    relay.emulator.group_limit = 4
    relay.emulator.group_window = 0.4
    pacer = relay.bot.services.relay.pacer
    pacer.per_period, pacer.period = 4, 0.45
    bot = relay.bot
    user = bot.user("en")
    await relay.open_ticket(user)
    texts = [f"part {i}" for i in range(9)]
    for text in texts:
        await bot.send(user, text)
    topic = relay.topic_of()
    assert [t for t in relay.topic_texts(topic) if t.startswith("part")] == texts
    assert relay.emulator.group_429 == 0
    notices = [m for m in relay.emulator.messages(user.id) if "waiting in line" in m.text]
    # Told when the queue began, not after every message.
    assert 1 <= len(notices) < len(texts)


async def test_ten_users_at_once_get_ten_topics_and_one_user_never_two(relay: RelayBot) -> None:
    # Fifty posts: under a 20-a-minute limit shrunk to half a second.
    relay.emulator.group_window = 0.5
    relay.bot.services.relay.pacer.period = 0.55
    bot = relay.bot
    users = [bot.user("ru", name=f"U{i}") for i in range(10)]
    for user in users:
        await relay.open_ticket(user)
    updates = []
    for user in users:
        updates += [
            relay.emulator.user_sends_text(user, f"вопрос {user.id % 1000}", deliver=False),
            relay.emulator.user_sends_text(user, "и ещё", deliver=False),
        ]
    await asyncio.gather(*(bot.process(u) for u in updates))
    topics = relay.topics()
    assert len(topics) == 10
    assert len({t.name.split(" ")[1] for t in topics}) == 10
    for topic in topics:
        texts = relay.topic_texts(topic)
        assert texts[-1] == "и ещё" and texts[-2].startswith("вопрос")
    # A user's two presses and a message at the same moment still make one ticket.
    racer = bot.user("en")
    consent = await bot.send(racer, "/human")
    press = [
        relay.emulator.user_presses(racer, consent.message_id, "rl:go:help", deliver=False)
        for _ in range(2)
    ]
    await asyncio.gather(*(bot.process(u) for u in press))
    await bot.send(racer, "hi")
    assert len(await bot.services.relay.store.tickets_of(racer.id)) == 1
    no_api_errors(relay)


# --------------------------------------------------------- privacy and storage


async def test_disappearing_messages_cover_the_conversation(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await bot.send(user, "/settings")
    await bot.press(user, "dis:3600")
    await relay.open_ticket(user)
    deletions = bot.services.deletions
    before = len(await deletions.for_chat(user.id))
    await bot.send(user, "Первое")  # the message and the "sent" note
    await bot.send(user, "Второе")  # the message
    await relay.staff_says(relay.topic_of(), "Ответ")  # the copy in the user's chat
    pending = {p.message_id for p in await deletions.for_chat(user.id)}
    assert len(pending) == before + 4
    assert bot.last(user).message_id in pending


async def test_forget_closes_and_purges_at_once(relay: RelayBot, tmp_path: Path) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Вопрос")
    topic = relay.topic_of()
    other = bot.user("en")
    await relay.open_ticket(other)
    await bot.send(other, "Mine stays")
    confirm = await bot.send(user, "/forget")
    await bot.press(user, "forget:yes", confirm)
    assert topic.deleted
    assert await bot.services.relay.store.tickets_of(user.id) == []
    assert len(await bot.services.relay.store.tickets_of(other.id)) == 1
    with sqlite3.connect(tmp_path / "bot.sqlite3") as raw:
        assert raw.execute("SELECT COUNT(*) FROM relay_messages").fetchone()[0] == 1


async def test_closed_tickets_are_purged_after_the_retention_period(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("ru")
    await relay.open_ticket(user)
    await bot.send(user, "Вопрос")
    topic = relay.topic_of()
    await relay.staff_says(topic, "/close")
    service = bot.services.relay
    now = int(time.time())
    assert await service.purge_expired(bot.app.bot, now + 89 * 86400) == 0
    assert await service.purge_expired(bot.app.bot, now + 91 * 86400) == 1
    assert topic.deleted and await service.store.count() == 0


async def test_the_database_holds_no_id_and_no_text(relay: RelayBot, tmp_path: Path) -> None:
    bot = relay.bot
    user = relay.emulator.new_user("Zinaida", "en", username="zina_hidden")
    await relay.open_ticket(user)
    await bot.send(user, "my secret question text")
    await relay.staff_says(relay.topic_of(), "secret staff answer")
    await bot.services.db.connection.execute("PRAGMA wal_checkpoint(FULL)")
    raw = read_files(tmp_path, "bot.sqlite3*")
    for needle in (str(user.id), "secret question", "secret staff", "zina_hidden", "Zinaida"):
        assert needle.encode() not in raw, needle


async def test_failure_answers_from_the_emulator_are_telegrams_wording(relay: RelayBot) -> None:
    """The emulator refuses a deleted thread the way Telegram does; the bot matches it."""
    topic_id = (
        await relay.emulator.call("createForumTopic", {"chat_id": STAFF_CHAT, "name": "x"})
    )["message_thread_id"]
    relay.emulator.delete_topic(STAFF_CHAT, topic_id)
    try:
        await relay.emulator.call(
            "sendMessage", {"chat_id": STAFF_CHAT, "text": "x", "message_thread_id": topic_id}
        )
    except ApiError as error:
        assert error.description == "Bad Request: message thread not found"
    else:
        raise AssertionError("a deleted topic accepted a message")


async def test_privacy_screen_tells_what_a_conversation_keeps(relay: RelayBot) -> None:
    screen = await relay.bot.send(relay.bot.user("en"), "/privacy")
    assert "Ask a person" in screen.text and "90 days" in screen.text


async def test_privacy_screen_says_nothing_of_it_while_off(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        screen = await bot.send(bot.user("en"), "/privacy")
        assert "Ask a person" not in screen.text


async def test_forged_origins_do_not_name_a_topic(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("en")
    consent = await bot.send(user, "/human")
    await bot.press(user, "rl:go:a:my-name-is-ivan-petrov", consent, check=False)
    await bot.send(user, "Question")
    assert "ivan" not in relay.topic_of().name
    assert "general question" in relay.topic_of().name


async def test_caption_edits_are_mirrored(relay: RelayBot) -> None:
    bot = relay.bot
    user = bot.user("en")
    await relay.open_ticket(user)
    sent = await relay.user_sends(user, {**PHOTO, "caption": "my permit"})
    await bot.process(
        relay.emulator.user_edits(
            user, sent["message"]["message_id"], "my residence permit", caption=True, deliver=False
        )
    )
    copy = relay.emulator.topic_messages(STAFF_CHAT, relay.topic_of().thread_id)[-1]
    assert copy.media is not None and copy.text == "my residence permit" and copy.edited
    no_api_errors(relay)


async def test_the_bot_stays_quiet_in_the_staff_group_outside_tickets(relay: RelayBot) -> None:
    """The General topic and topics staff made themselves are theirs: no copies, no replies."""
    bot = relay.bot
    before = len(relay.staff_posts())
    await bot.process(
        relay.emulator.staff_sends(
            relay.staff, relay.forum, None, "@emigre_help_test_bot hello", deliver=False
        )
    )
    own = await relay.emulator.call("createForumTopic", {"chat_id": STAFF_CHAT, "name": "Rules"})
    topic = relay.emulator.topic(STAFF_CHAT, own["message_thread_id"])
    await relay.staff_says(topic, "Shift plan for Monday")
    await relay.staff_says(topic, "/close")
    assert len(relay.staff_posts()) == before
    assert not topic.closed


async def test_human_is_in_the_command_menu_only_while_on(relay: RelayBot, tmp_path: Path) -> None:
    commands = {c["command"] for c in relay.emulator.commands[next(iter(relay.emulator.commands))]}
    assert "human" in commands
    async with running_bot(tmp_path / "off") as bot:
        listed = bot.emulator.commands[next(iter(bot.emulator.commands))]
        assert "human" not in {c["command"] for c in listed}
