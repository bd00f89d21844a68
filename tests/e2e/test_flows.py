"""End-to-end flows: the real bot process, real HTTP, the local Bot API emulator.

The assertions follow the UI contract (which callback data exist, which message is edited
and which is new, Cyrillic or Latin text), never exact wording, so copy edits don't break
them.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest

from devtools.fakeapi import ApiError, BotMessage
from tests.e2e.driver import BotHarness, Person, is_english, is_russian
from tests.e2e.process import restart

pytestmark = pytest.mark.e2e

SECTIONS = ("documents", "visas", "help", "life", "safety", "community")
ARTICLE = re.compile(r"^art:([a-z0-9-]+):(\d+)$")
CONTENT = Path(__file__).resolve().parents[2] / "content" / "articles"


def data_of(message: BotMessage) -> list[str]:
    return message.callback_data


def article_buttons(message: BotMessage, page: int | None = 0) -> list[str]:
    """Article ids of the art:<id>:<page> buttons (page 0 = "open this article")."""
    ids = []
    for data in data_of(message):
        match = ARTICLE.match(data)
        if match and (page is None or int(match.group(2)) == page):
            ids.append(match.group(1))
    return ids


def assert_no_api_errors(bot: BotHarness) -> None:
    """The bot never provoked a refusal (bad HTML, not-modified edits, unknown chat...)."""
    errors = [
        (call.method, error.description)
        for call, error in bot.emulator.errors
        if call.method != "getUpdates"
    ]
    assert errors == [], errors


async def start(person: Person) -> BotMessage:
    menu = await person.ask("/start")
    assert not menu.edited
    return menu


async def open_article(person: Person, article_id: str) -> BotMessage:
    """Open an article by deep link: the contract's ``/start <article-id>``."""
    page = await person.ask(f"/start {article_id}")
    assert any(d.startswith(f"art:{article_id}:") or d == "home" for d in data_of(page)), page
    return page


# ------------------------------------------------------------------ start and menu


@pytest.mark.parametrize("language_code", ["ru", "uk", "kk", "hy"])
async def test_start_speaks_russian_to_russian_speaking_clients(
    bot: BotHarness, language_code: str
) -> None:
    person = bot.person("Анна", language_code)
    menu = await start(person)
    assert is_russian(menu.text), menu.text
    for section in SECTIONS:
        assert f"sec:{section}" in data_of(menu)
    assert "help" in data_of(menu)
    assert_no_api_errors(bot)


async def test_menu_has_search_button(bot: BotHarness) -> None:
    """The UI contract lists a ``search`` button next to ``help`` in the main menu."""
    menu = await start(bot.person())
    assert "search" in data_of(menu), data_of(menu)


@pytest.mark.parametrize("language_code", ["en", "de", None])
async def test_start_speaks_english_to_others(bot: BotHarness, language_code: str | None) -> None:
    person = bot.person("Alex", language_code)
    menu = await start(person)
    assert is_english(menu.text), menu.text
    assert {f"sec:{s}" for s in SECTIONS} <= set(data_of(menu))
    assert_no_api_errors(bot)


async def test_registers_commands_for_russian_clients(bot: BotHarness) -> None:
    person = bot.person()
    await start(person)
    languages = {language for _scope, language in bot.emulator.commands}
    assert "" in languages and "ru" in languages
    commands = {c["command"] for c in bot.emulator.commands[next(iter(bot.emulator.commands))]}
    assert {"start", "language", "forget"} <= commands


# ------------------------------------------------------------- navigation by edits


async def test_section_edits_the_same_message(bot: BotHarness) -> None:
    person = bot.person()
    menu = await start(person)
    section = await person.tap(data="sec:documents")
    assert section.message_id == menu.message_id and section.edited
    assert article_buttons(section), data_of(section)
    assert "home" in data_of(section)
    await person.callback_answered()
    home = await person.tap(data="home")
    assert home.message_id == menu.message_id
    assert "sec:visas" in data_of(home)
    assert len(person.messages()) == 1  # navigation never spams new messages
    assert_no_api_errors(bot)


async def test_article_page_has_navigation_share_and_sources(bot: BotHarness) -> None:
    person = bot.person()
    menu = await start(person)
    await person.tap(data="sec:visas")
    first_id = article_buttons(person.last_message())[0]
    page = await person.tap(data=f"art:{first_id}:0")
    assert page.message_id == menu.message_id and page.edited
    assert is_russian(page.text)
    assert "sec:visas" in data_of(page) and "home" in data_of(page)
    assert any("switch_inline_query" in b for b in page.buttons), page.buttons
    back = await person.tap(data="sec:visas")
    assert first_id in article_buttons(back)
    assert_no_api_errors(bot)


def _longest_article() -> str:
    """The content writers make passport-renewal-abroad long; otherwise take the biggest."""
    if (CONTENT / "passport-renewal-abroad.ru.md").exists():
        return "passport-renewal-abroad"
    files = sorted(CONTENT.glob("*.ru.md"), key=lambda p: p.stat().st_size)
    return files[-1].name.removesuffix(".ru.md")


async def test_long_article_is_paged_and_ends_with_review_date_and_sources(
    bot: BotHarness,
) -> None:
    article_id = _longest_article()
    person = bot.person()
    page = await open_article(person, article_id)
    assert f"art:{article_id}:1" in data_of(page), f"{article_id} should span several pages"
    message_id, seen = page.message_id, 0
    while f"art:{article_id}:{seen + 1}" in data_of(page):
        seen += 1
        page = await person.tap(data=f"art:{article_id}:{seen}")
        assert page.message_id == message_id  # paging edits in place
        assert f"art:{article_id}:{seen - 1}" in data_of(page)  # and can go back
    assert seen >= 1
    assert re.search(r"20\d\d", page.text), "the last page names the review date"
    assert any(e["type"] == "text_link" for e in page.entities), "the last page links sources"
    assert_no_api_errors(bot)


async def test_deep_links(bot: BotHarness) -> None:
    person = bot.person("Ivan", "en")
    page = await person.ask("/start asylum")
    assert "home" in data_of(page) and is_english(page.text)
    # An article page of the visas section (Back leads there), not the main menu.
    assert "sec:visas" in data_of(page) and "sec:documents" not in data_of(page)
    menu = await person.ask("/start no-such-article")
    assert {f"sec:{s}" for s in SECTIONS} <= set(data_of(menu))
    assert_no_api_errors(bot)


# ------------------------------------------------------------------------ free text


async def test_question_gets_best_article_and_other_matches(bot: BotHarness) -> None:
    person = bot.person()
    menu = await start(person)
    answer = await person.ask("как продлить загранпаспорт в консульстве за границей")
    assert answer.message_id != menu.message_id and not answer.edited
    assert is_russian(answer.text)
    assert article_buttons(answer), data_of(answer)
    assert_no_api_errors(bot)


async def test_answer_keyboard_lists_each_article_once(bot: BotHarness) -> None:
    """Related articles and "other matches" share one keyboard: no article twice."""
    person = bot.person()
    answer = await person.ask("как продлить загранпаспорт в консульстве за границей")
    others = article_buttons(answer)
    assert len(set(others)) == len(others), [b["text"] for b in answer.buttons]


async def test_question_without_match_offers_legal_help_and_kovcheg(bot: BotHarness) -> None:
    person = bot.person()
    answer = await person.ask("qwzx vbnm plkj trewq")
    assert {"art:legal-help:0", "art:kovcheg:0", "home"} <= set(data_of(answer)), data_of(answer)
    assert_no_api_errors(bot)


async def test_question_next_to_an_article_offers_the_closest_topic(bot: BotHarness) -> None:
    person = bot.person()
    answer = await person.ask("где сделать апостиль на свидетельство о браке")
    data = data_of(answer)
    assert "нет ответа" in answer.text and "Ближайшие темы" in answer.text, answer.text
    assert data.index("art:kovcheg:0") < data.index("art:power-of-attorney:0"), data
    assert_no_api_errors(bot)


async def test_a_ukrainian_question_is_answered_kindly_with_its_article(bot: BotHarness) -> None:
    person = bot.person()
    answer = await person.ask("мого брата затримали в Польщі за запитом росії, що робити")
    assert "на русском и английском" in answer.text and "Возможно, ваш вопрос" in answer.text
    assert data_of(answer)[0] == "art:detained-or-extradition:0", data_of(answer)
    opened = await person.tap(data="art:detained-or-extradition:0")
    assert "экстрадиц" in opened.text.lower(), opened.text
    assert_no_api_errors(bot)


async def test_non_text_message_is_answered_kindly(bot: BotHarness) -> None:
    person = bot.person()
    person.send_fragment(
        {"sticker": {"file_id": "CAAC", "file_unique_id": "u1", "type": "regular",
                     "width": 512, "height": 512, "is_animated": False, "is_video": False}}
    )  # fmt: skip
    reply = await person.wait_reply()
    assert is_russian(reply.text)
    assert_no_api_errors(bot)


# ------------------------------------------------------------------- language, forget


async def test_language_choice_is_remembered(bot: BotHarness) -> None:
    person = bot.person("Анна", "ru")
    choice = await person.ask("/language")
    assert {"lang:ru", "lang:en"} <= set(data_of(choice))
    await person.tap(data="lang:en")
    menu = await person.ask("/start")
    assert is_english(menu.text), menu.text
    answer = await person.ask("passport renewal at the consulate")
    assert is_english(answer.text)
    assert_no_api_errors(bot)


def _user_rows(database: Path, user_id: int) -> dict[str, int]:
    """Rows per table that are about a user: keyed by user/chat columns or naming the id."""
    found: dict[str, int] = {}
    with sqlite3.connect(database) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
            rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
            personal = any(
                c in {"user_key", "user_id", "chat_id", "chat_key", "chat", "user"} for c in columns
            )
            mentions = [r for r in rows if any(str(user_id) in str(v) for v in r)]
            if (personal and rows) or mentions:
                found[table] = len(rows)
    return found


async def test_forget_deletes_every_row_about_the_user(bot: BotHarness) -> None:
    person = bot.person()
    await start(person)
    await person.tap(data="sec:documents")
    await person.ask("/language")
    await person.tap(data="lang:ru")
    assert _user_rows(bot.database_path, person.user.id), "the bot stored nothing to forget"
    confirm = await person.ask("/forget")
    assert {"forget:yes", "forget:no"} <= set(data_of(confirm))
    await person.tap(data="forget:yes")
    await person.callback_answered()
    assert _user_rows(bot.database_path, person.user.id) == {}
    assert_no_api_errors(bot)


async def test_start_and_browsing_store_nothing(bot: BotHarness) -> None:
    person = bot.person()
    await start(person)
    await person.tap(data="sec:documents")
    await person.ask("как продлить загранпаспорт")
    assert _user_rows(bot.database_path, person.user.id) == {}


async def test_forget_no_keeps_the_data(bot: BotHarness) -> None:
    person = bot.person()
    await start(person)
    await person.ask("/country")
    await person.tap(data="cty:GE")
    await person.ask("/forget")
    await person.tap(data="forget:no")
    await person.callback_answered()
    assert _user_rows(bot.database_path, person.user.id)


# --------------------------------------------------------------------- resilience


async def test_survives_flood_control_and_bad_gateway(bot: BotHarness) -> None:
    person = bot.person("Flood", "en")
    bot.emulator.fail_next("sendMessage", ApiError.too_many_requests(1))
    menu = await person.ask("/start", within=20)
    assert "sec:documents" in data_of(menu)
    # A 5xx is not resent (it may have arrived): the user gets an apology, and can go on.
    bot.emulator.fail_next("editMessageText", ApiError.bad_gateway())
    apology = await person.tap(data="sec:documents", within=20)
    assert "went wrong" in apology.text and "home" in data_of(apology)
    section = await person.tap(data="sec:documents", message=menu, within=20)
    assert section.message_id == menu.message_id


async def test_user_who_blocked_the_bot_does_not_break_it(bot: BotHarness) -> None:
    blocked, other = bot.person("Blocked", "en"), bot.person("Other", "en")
    bot.emulator.block(blocked.user)
    blocked.send("/start")
    menu = await other.ask("/start")
    assert "sec:documents" in data_of(menu)


async def test_sigterm_exits_cleanly(bot: BotHarness) -> None:
    person = bot.person()
    await start(person)
    assert bot.process is not None
    bot.process.terminate()
    assert await asyncio.wait_for(bot.process.wait(), 15) == 0, bot.stderr()


async def test_language_and_chats_survive_a_restart(bot: BotHarness) -> None:
    person = bot.person("Анна", "ru")
    await person.ask("/language")
    await person.tap(data="lang:en")
    menu = await person.ask("/start")
    await restart(bot)
    assert is_english((await person.ask("/start")).text)
    # A button on a message sent before the restart still works.
    page = await person.tap(data="sec:life", message=menu)
    assert page.message_id == menu.message_id and is_english(page.text)
    assert_no_api_errors(bot)
