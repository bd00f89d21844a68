"""Feedback end to end: the real bot process, real HTTP, then the raw database and the log.

What is asserted is what a copy of the data volume (or of the log) would tell someone:
nothing about who pressed, asked or wrote, and no text the user did not agree to send.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3
import sys
from collections.abc import Callable
from typing import Any

import pytest

from devtools.fakeapi import BotMessage, FakeUser
from tests.e2e.driver import BotHarness, Person
from tests.e2e.process import ADMIN_ID, REPO, bot_env, stop

pytestmark = pytest.mark.e2e

LONG = "passport-lost-or-expired"  # two pages: the vote row is on the second
FEEDBACK_TABLES = ("feedback_votes", "feedback_notes", "unanswered_questions", "search_outcomes")
# "did you mean" in the shipped library (choices mode), and no answer at all (none mode).
CHOICES_QUESTIONS = ("как перевезти кошку в Грузию", "можно ли перевезти кошку через границу")
NONE_QUESTIONS = ("перевозка кошки в Грузию", "рецепт борща", "как сварить борщ")
NUMBER = re.compile(r"(?<![\w<-])\d+(?![\w-])")


def person(bot: BotHarness, name: str, lang: str, username: str | None = None) -> Person:
    return Person(bot.emulator, bot.emulator.new_user(name, lang, username=username))


def table_rows(bot: BotHarness, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{bot.database_path}?mode=ro", uri=True) as raw:
        return list(raw.execute(f"SELECT * FROM {table}"))


def every_cell(bot: BotHarness) -> list[tuple[str, str, Any]]:
    """(table, column, value) for every cell of every table."""
    cells = []
    with sqlite3.connect(f"file:{bot.database_path}?mode=ro", uri=True) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            cursor = raw.execute(f"SELECT * FROM {table}")
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                cells.extend(
                    (table, column, value) for column, value in zip(columns, row, strict=True)
                )
    return cells


def raw_bytes(bot: BotHarness) -> bytes:
    folder = bot.database_path.parent
    return b"".join(p.read_bytes() for p in folder.glob(bot.database_path.name + "*"))


async def eventually(check: Callable[[], bool], within: float = 10.0) -> None:
    """Wait for the process to have written something; fails after ``within`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():
        if loop.time() > deadline:
            raise AssertionError("the bot did not get there")
        await asyncio.sleep(0.05)


async def last_page(someone: Person, article_id: str) -> BotMessage:
    page = await someone.ask(f"/start {article_id}")
    while any(b.get("text") == "›" for b in page.buttons):
        page = await someone.tap(text="›", message=page)
    assert f"fb:a:u:{article_id}" in page.callback_data, page.callback_data
    return page


async def press_and_wait_new(someone: Person, data: str, message: BotMessage) -> BotMessage:
    """A press that edits ``message`` and then sends a new message; returns the new one."""
    someone.press(data=data, message=message)
    return await someone.wait_reply(lambda m: m.message_id != message.message_id)


async def consent(someone: Person, question: str) -> None:
    """Ask, and send the question to the editors by the route the bot's reply offers."""
    reply = await someone.ask(question)
    if "fb:send" in reply.callback_data:
        done = await someone.tap(data="fb:send", message=reply)
        assert "fb:send" not in done.callback_data
        return
    assert "fb:c:d" in reply.callback_data, (question, reply.callback_data)
    reply = await someone.tap(data="fb:c:d", message=reply)
    offer = await press_and_wait_new(someone, "fb:miss", reply)
    assert "fb:send" in offer.callback_data
    await someone.tap(data="fb:send", message=offer)


async def test_a_vote_is_counted_once_however_often_it_is_pressed(bot: BotHarness) -> None:
    anna = person(bot, "Анна", "ru")
    page = await last_page(anna, LONG)
    anna.emulator.skip_pending(anna.chat_id)
    taps = [
        bot.emulator.user_presses(anna.user, page.message_id, f"fb:a:u:{LONG}")
        for _ in range(5)  # five quick taps, all on the message with its buttons
    ]
    ids = [t["callback_query"]["id"] for t in taps]
    await eventually(lambda: all(i in bot.emulator.callback_answers for i in ids))
    after = bot.emulator.transcript.get(anna.chat_id, page.message_id)
    assert after is not None and not any(d.startswith("fb:") for d in after.callback_data)
    assert [r[1:] for r in table_rows(bot, "feedback_votes")] == [(LONG, "ru", "up", 1)]
    # Pressed again later (an old keyboard in another client): still one.
    late = bot.emulator.user_presses(anna.user, page.message_id, f"fb:a:d:{LONG}", check=False)
    late_id = late["callback_query"]["id"]
    await eventually(lambda: late_id in bot.emulator.callback_answers)
    assert [r[3:] for r in table_rows(bot, "feedback_votes")] == [("up", 1)]


async def test_the_raw_database_holds_no_id_name_or_username_and_no_join_to_a_user(
    bot: BotHarness,
) -> None:
    people = [
        person(bot, "Зинаида", "ru", username="zinaida_from_tver"),
        person(bot, "Bartholomew", "en", username="bart_in_tbilisi"),
    ]
    stored_questions = []
    for someone in people:
        # Settings, so that users and pending_deletions hold rows a join could use.
        settings = await someone.ask("/settings")
        await someone.tap(data="dis:3600", message=settings)
        page = await last_page(someone, LONG)
        page = await someone.tap(data=f"fb:a:d:{LONG}", message=page)
        prompt = await press_and_wait_new(someone, f"fb:wrong:{LONG}", page)
        assert "fb:nonote" in prompt.callback_data
        confirm = await someone.ask(
            f"fee changed, ask @{someone.user.username} or +995 555 12 34 56"
        )
        assert "[@]" in confirm.text and "[phone]" in confirm.text
        await someone.tap(data="fb:note", message=confirm)
    await consent(people[0], "рецепт борща, пишите @zinaida_from_tver 89161234567")
    stored_questions.append("рецепт борща, пишите [@] [phone]")
    await consent(people[1], CHOICES_QUESTIONS[0])
    stored_questions.append(CHOICES_QUESTIONS[0])
    await eventually(lambda: len(table_rows(bot, "unanswered_questions")) == 2)
    code = await stop(bot)  # everything flushed, as a copy of the volume would be
    assert code == 0

    raw = raw_bytes(bot)
    for someone in people:
        user = someone.user
        for secret in (str(user.id), user.first_name, user.username or "-"):
            assert secret.encode() not in raw, secret
    cells = every_cell(bot)
    ids = {p.user.id for p in people}
    assert not [c for c in cells if c[2] in ids or str(c[2]) in {str(i) for i in ids}]
    # Question texts only in the consent table, and only scrubbed.
    for question in stored_questions:
        where = {(t, c) for t, c, v in cells if isinstance(v, str) and question in v}
        assert where == {("unanswered_questions", "question")}, (question, where)
    assert {v for t, c, v in cells if (t, c) == ("unanswered_questions", "question")} == set(
        stored_questions
    )
    assert not [
        v for _, _, v in cells if isinstance(v, str) and ("9161234567" in v or "555 12" in v)
    ]

    # No table can be joined to a user: no pseudonym column, and no value of the tables
    # that do know a user or a chat (users, pending_deletions) appears in the feedback.
    with sqlite3.connect(f"file:{bot.database_path}?mode=ro", uri=True) as db:
        for table in FEEDBACK_TABLES:
            columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            assert not columns & {
                "user_key",
                "chat_key",
                "chat",
                "user_id",
                "chat_id",
                "message_id",
            }
    key_columns = {
        ("users", "user_key"),
        ("pending_deletions", "chat_key"),
        ("pending_deletions", "chat"),
    }
    keyed = {v for t, c, v in cells if (t, c) in key_columns}
    assert table_rows(bot, "users") and table_rows(bot, "pending_deletions")
    feedback_values = {v for t, _, v in cells if t in FEEDBACK_TABLES}
    assert keyed and not keyed & feedback_values


async def test_a_question_the_user_did_not_send_appears_nowhere(bot: BotHarness) -> None:
    secret = "кактусовыйсекрет"
    anna = person(bot, "Анна", "ru")
    await anna.ask(f"{secret} рецепт борща")  # the offer is shown, never pressed
    choices = await anna.ask(f"{secret} how do I sell my car in russia while living in georgia")
    assert "fb:c:d" in choices.callback_data, choices.callback_data
    choices = await anna.tap(data="fb:c:d", message=choices)
    offer = await press_and_wait_new(anna, "fb:miss", choices)
    assert secret in offer.text  # shown to the user, so that they can decline
    done = await anna.tap(data="fb:drop", message=offer)
    assert "fb:send" not in done.callback_data
    await anna.ask("/start")
    assert await stop(bot) == 0
    assert secret.encode() not in raw_bytes(bot)
    assert secret not in bot.stderr()
    assert table_rows(bot, "unanswered_questions") == []


async def test_gaps_groups_paraphrases_together(bot: BotHarness) -> None:
    for number, question in enumerate(CHOICES_QUESTIONS + NONE_QUESTIONS):
        await consent(person(bot, f"P{number}", "ru"), question)
    total = len(CHOICES_QUESTIONS + NONE_QUESTIONS)
    await eventually(lambda: len(table_rows(bot, "unanswered_questions")) == total)
    assert await stop(bot) == 0
    env = bot_env(bot.api_url, bot.database_path)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "gaps", "--days", "7", "--format", "csv",
        cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    rows = [r for r in csv.DictReader(io.StringIO(out.decode())) if r["kind"] == "question"]
    group = {r["text"]: r["group"] for r in rows}
    cats = {group[q] for q in (*CHOICES_QUESTIONS, "перевозка кошки в Грузию")}
    soups = {group["рецепт борща"], group["как сварить борщ"]}
    assert len(cats) == 1 and len(soups) == 1 and cats != soups, group
    assert {r["count"] for r in rows if r["group"] in cats} == {"3"}


async def test_stats_never_show_a_figure_under_five(bot: BotHarness) -> None:
    for number in range(3):
        someone = person(bot, f"V{number}", "en")
        page = await last_page(someone, LONG)
        await someone.tap(data=f"fb:a:u:{LONG}", message=page)
    for number in range(6):
        await person(bot, f"Q{number}", "ru").ask("рецепт борща")
    settings_person = person(bot, "S", "ru")
    settings = await settings_person.ask("/settings")
    await settings_person.tap(data="dis:3600", message=settings)
    admin = Person(bot.emulator, FakeUser(ADMIN_ID, "Admin", "en"))
    for command in ("/stats", "/stats 7", "/stats 30"):
        text = (await admin.ask(command)).text
        assert "Helpful" in text, text
        figures = [int(n) for n in NUMBER.findall(text)]
        assert figures and all(n >= 5 for n in figures), text
        assert "<5" in text
