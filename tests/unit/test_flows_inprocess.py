"""The user-facing flows, driven through the real Application in one process."""

from __future__ import annotations

import re
import sqlite3

from bot.content.catalog import Catalog
from bot.core.i18n import Translators
from devtools.fakeapi.models import BotMessage
from tests.unit.conftest import InProcessBot

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def russian(text: str) -> bool:
    return len(CYRILLIC.findall(text)) > len(re.findall(r"[A-Za-z]", text))


def data_of(message: BotMessage) -> list[str]:
    return message.callback_data


async def test_start_greets_in_russian_for_ru_group_clients(bot: InProcessBot) -> None:
    for code in ("ru", "uk", "kk", "hy", "ka", "az", "be", "ky", "uz"):
        user = bot.user(code)
        message = await bot.send(user, "/start")
        assert russian(message.text), code
        assert "sec:documents" in data_of(message)


async def test_start_greets_in_english_otherwise(bot: InProcessBot) -> None:
    for code in ("en", "de", "fr", None):
        user = bot.user(code)
        message = await bot.send(user, "/start")
        assert not russian(message.text), code
        assert {
            f"sec:{s}" for s in ("documents", "visas", "help", "life", "safety", "community")
        } <= set(data_of(message))


async def test_start_remembers_language_and_menu_edits_same_message(bot: InProcessBot) -> None:
    user = bot.user("en")
    menu = await bot.send(user, "/start")
    section = await bot.press(user, "sec:documents", menu)
    assert section.message_id == menu.message_id and section.edited
    assert any(d.startswith("art:") for d in data_of(section))
    assert "home" in data_of(section)
    article_button = next(d for d in data_of(section) if d.startswith("art:"))
    article = await bot.press(user, article_button, section)
    assert article.message_id == menu.message_id
    assert "sec:documents" in data_of(article) and "home" in data_of(article)
    assert any(b.get("switch_inline_query") for b in article.buttons), "share button"
    home = await bot.press(user, "home", article)
    assert home.message_id == menu.message_id and "sec:visas" in data_of(home)
    # Browsing stores nothing: a row exists only for someone who changed a setting.
    assert (await bot.services.users.get(user.id)) is None
    assert await bot.services.users.count() == 0


async def test_long_article_pages_and_footer(bot: InProcessBot) -> None:
    user = bot.user("ru")
    await bot.send(user, "/start")
    page1 = await bot.send(user, "/start passport-renewal-abroad")
    assert "art:passport-renewal-abroad:1" in data_of(page1)
    assert len(page1.text) <= 4096
    assert "Проверено" not in page1.text
    page, number = page1, 0
    while f"art:passport-renewal-abroad:{number + 1}" in data_of(page):
        number += 1
        page = await bot.press(user, f"art:passport-renewal-abroad:{number}", page)
        assert page.message_id == page1.message_id
        assert f"art:passport-renewal-abroad:{number - 1}" in data_of(page)
        assert len(page.text) <= 4096
    assert number >= 1
    assert "Проверено" in page.text and "Источник" in page.text
    assert "https://" in page.raw_text


async def last_page(bot: InProcessBot, lang: str, article_id: str) -> BotMessage:
    user = bot.user(lang)
    page = await bot.send(user, f"/start {article_id}")
    number = 0
    while f"art:{article_id}:{number + 1}" in data_of(page):
        number += 1
        page = await bot.press(user, f"art:{article_id}:{number}", page)
    return page


async def test_review_date_is_formatted_for_locale(bot: InProcessBot) -> None:
    en = await last_page(bot, "en", "kovcheg")
    ru = await last_page(bot, "ru", "kovcheg")
    assert re.search(r"Checked: [A-Z][a-z]+ \d{1,2}, \d{4}", en.text)
    assert re.search(r"Проверено: \d{1,2} [а-я]+ \d{4}", ru.text)


async def test_free_text_question_shows_best_article_and_alternatives(bot: InProcessBot) -> None:
    user = bot.user("ru")
    message = await bot.send(user, "потерял паспорт в стамбуле что делать")
    title = bot.services.catalog.library.get("passport-lost-or-expired")
    assert title is not None
    assert title.text("ru").title in message.text
    others = [b for b in message.buttons if b["text"].startswith("🔎")]
    assert len(others) <= 3


async def test_answer_comes_in_users_language_whatever_the_question_language(
    bot: InProcessBot,
) -> None:
    user = bot.user("en")
    await bot.send(user, "/start")
    message = await bot.send(user, "потерял паспорт")
    article = bot.services.catalog.library.get("passport-lost-or-expired")
    assert article is not None
    assert article.text("en").title in message.text


async def test_not_found_offers_help_organisations(bot: InProcessBot) -> None:
    user = bot.user("ru")
    message = await bot.send(user, "рецепт борща с пампушками")
    assert "art:legal-help:0" in data_of(message)
    assert "art:kovcheg:0" in data_of(message)
    assert "home" in data_of(message)


async def test_not_found_next_to_an_article_offers_it_after_the_help(bot: InProcessBot) -> None:
    user = bot.user("ru")
    message = await bot.send(user, "где сделать апостиль на свидетельство о браке")
    assert "Ближайшие темы" in message.text and "нет ответа" in message.text
    data = data_of(message)
    assert data.index("art:kovcheg:0") < data.index("art:power-of-attorney:0"), data
    # The closest topic's button opens its article.
    opened = await bot.press(user, "art:power-of-attorney:0", message)
    article = bot.services.catalog.library.get("power-of-attorney")
    assert article is not None and article.text("ru").title in opened.text


async def test_greeting_gets_short_reply_and_menu(bot: InProcessBot) -> None:
    user = bot.user("ru")
    message = await bot.send(user, "привет")
    assert "sec:documents" in data_of(message)
    assert "art:legal-help:0" not in data_of(message)
    thanks = await bot.send(user, "спасибо большое")
    assert "sec:documents" in data_of(thanks)


async def test_deep_link_to_unknown_id_opens_menu_with_note(bot: InProcessBot) -> None:
    message = await bot.send(bot.user("en"), "/start no-such-article")
    assert "sec:documents" in data_of(message)
    assert "link" in message.text.lower()
    junk = await bot.send(bot.user("en"), "/start <script>&amp;")
    assert "sec:documents" in data_of(junk)


async def test_language_switch(bot: InProcessBot) -> None:
    user = bot.user("ru")
    await bot.send(user, "/start")
    chooser = await bot.send(user, "/language")
    assert {"lang:ru", "lang:en"} <= set(data_of(chooser))
    after = await bot.press(user, "lang:en", chooser)
    assert not russian(after.text)
    again = await bot.send(user, "/help")
    assert not russian(again.text)
    prefs = await bot.services.users.get(user.id)
    assert prefs is not None and prefs.lang == "en"


async def test_country_notes_come_first(bot: InProcessBot) -> None:
    library = bot.services.catalog.library
    article = next(a for a in library.articles.values() if "AM" in a.text("en").countries)
    user = bot.user("en")
    await bot.send(user, "/start")
    chooser = await bot.send(user, "/country")
    assert "cty:AM" in data_of(chooser)
    await bot.press(user, "cty:AM", chooser)
    message = await bot.send(user, f"/start {article.id}")
    assert "📍 Armenia:" in message.text
    title_at = message.text.index(article.text("en").title)
    assert message.text.index("📍 Armenia:") > title_at
    body_start = message.text.index("📍 Armenia:")
    assert body_start < len(message.text) // 2


async def test_a_country_typed_instead_of_pressed_is_one_tap_from_saved(
    bot: InProcessBot,
) -> None:
    user = bot.user("ru")
    await bot.send(user, "/country")
    reply = await bot.send(user, "Грузия")
    assert "Грузия" in reply.text and "cty:GE" in data_of(reply)
    saved = await bot.press(user, "cty:GE", reply)
    assert "Страна сохранена: Грузия" in saved.text
    prefs = await bot.services.users.get(user.id)
    assert prefs is not None and prefs.country == "GE"
    again = await bot.send(user, "грузия")
    assert "cty:GE" not in data_of(again)


async def test_a_link_or_a_number_alone_is_asked_for_words_not_sent_to_the_editors(
    bot: InProcessBot,
) -> None:
    user = bot.user("en")
    for text in ("https://t.me/some_channel", "+995 555 123 456"):
        reply = await bot.send(user, text)
        assert "Tell me in words what you want to know" in reply.text
        assert not any(d.startswith("fb:") for d in data_of(reply))
        assert "sec:documents" in data_of(reply)
    asked = await bot.send(user, "is this channel safe t.me/some_channel")
    assert "Tell me in words" not in asked.text


async def test_forget_deletes_every_row(bot: InProcessBot) -> None:
    user = bot.user("ru")
    await bot.send(user, "/start")
    await bot.send(user, "/settings")
    await bot.press(user, "dis:3600")
    await bot.send(user, "вопрос про паспорт")
    assert await bot.services.deletions.count() > 0
    confirm = await bot.send(user, "/forget")
    assert {"forget:yes", "forget:no"} <= set(data_of(confirm))
    # It deletes subscriptions and reminders too (tests/unit/test_alerts.py): it says so.
    assert "оповещения, напоминания" in confirm.text and "/privacy" in confirm.text
    done = await bot.press(user, "forget:yes", confirm)
    assert russian(done.text)
    path = bot.services.settings.database_path
    await bot.services.stats.flush()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM pending_deletions").fetchone()[0] == 0
    assert await bot.services.users.get(user.id) is None


async def test_forget_no_keeps_data(bot: InProcessBot) -> None:
    user = bot.user("ru")
    chooser = await bot.send(user, "/country")
    await bot.press(user, "cty:GE", chooser)
    confirm = await bot.send(user, "/forget")
    await bot.press(user, "forget:no", confirm)
    prefs = await bot.services.users.get(user.id)
    assert prefs is not None and prefs.country == "GE"


async def test_forget_carries_out_pending_deletions_first(bot: InProcessBot) -> None:
    """The messages the user wanted gone leave the phone before their rows leave the table."""
    user = bot.user("ru")
    await bot.send(user, "/settings")
    await bot.press(user, "dis:86400")
    answer = await bot.send(user, "потерял паспорт")
    confirm = await bot.send(user, "/forget")
    await bot.press(user, "forget:yes", confirm)
    deleted = {i for c in bot.emulator.calls_to("deleteMessages") for i in c.params["message_ids"]}
    assert answer.message_id in deleted and answer.message_id - 1 in deleted
    assert await bot.services.deletions.count() == 0


async def test_stale_and_forged_buttons_get_clear_answer(bot: InProcessBot) -> None:
    user = bot.user("en")
    menu = await bot.send(user, "/start")
    for data in (
        "art:removed-article:0",
        "sec:nothing",
        "x" * 64,
        "art:kovcheg:99999",
        "lang:de",
        "cty:XX",
        "dis:²",
        "dis:7",
        "art:kovcheg:¹",
        "art:kovcheg:0:0",
        "forget:maybe",
    ):
        update = bot.emulator.user_presses(user, menu.message_id, data, deliver=False, check=False)
        await bot.process(update)
        answer = bot.callback_answer(update)
        assert answer is not None, data
        message = bot.last(user)
        assert message.buttons, data


async def test_page_number_out_of_range_clamps(bot: InProcessBot) -> None:
    user = bot.user("en")
    menu = await bot.send(user, "/start")
    update = bot.emulator.user_presses(
        user, menu.message_id, "art:kovcheg:7", deliver=False, check=False
    )
    await bot.process(update)
    last = await last_page(bot, "en", "kovcheg")
    assert bot.last(user).text == last.text


async def test_non_text_messages_get_kind_answer(bot: InProcessBot) -> None:
    user = bot.user("en")
    fragments = [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
        {"location": {"latitude": 41.7, "longitude": 44.8}},
        {"contact": {"phone_number": "0", "first_name": "x"}},
        {"document": {"file_id": "d", "file_unique_id": "d"}},
        {"video": {"file_id": "v", "file_unique_id": "v", "width": 1, "height": 1, "duration": 1}},
        {"video_note": {"file_id": "n", "file_unique_id": "n", "length": 1, "duration": 1}},
        {
            "animation": {
                "file_id": "a",
                "file_unique_id": "a",
                "width": 1,
                "height": 1,
                "duration": 1,
            }
        },
        {"dice": {"emoji": "🎲", "value": 3}},
        {
            "poll": {
                "id": "1",
                "question": "?",
                "options": [
                    {"persistent_id": "1", "text": "a", "voter_count": 0},
                    {"persistent_id": "2", "text": "b", "voter_count": 0},
                ],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
                "allows_revoting": False,
                "members_only": False,
            }
        },
    ]
    for fragment in fragments:
        before = len(bot.emulator.messages(user.id))
        message = await bot.send_fragment(user, fragment)
        assert len(bot.emulator.messages(user.id)) == before + 1, fragment
        assert "sec:documents" in data_of(message)


async def test_unknown_command_and_admin_commands_hidden(bot: InProcessBot) -> None:
    user = bot.user("en")
    confirm = await bot.send(user, "/forget now please")
    assert "forget:yes" in data_of(confirm), "junk arguments are ignored"
    for command in ("/nonsense", "/reload", "/stats", "/start@other junk"):
        message = await bot.send(user, command)
        assert "sec:documents" in data_of(message), command


async def test_html_in_questions_is_never_echoed_unsafely(bot: InProcessBot) -> None:
    user = bot.user("en")
    for text in (
        "<b>passport</b> & <i>",
        "*_`passport`_*",
        "&lt;&amp;",
        "\u200b\u200b",
        "🙂🙂🙂",
        "a" * 5000,
    ):
        before = len(bot.emulator.messages(user.id))
        await bot.send(user, text)
        assert len(bot.emulator.messages(user.id)) == before + 1, text


async def test_commands_registered_per_language(bot: InProcessBot) -> None:
    commands = bot.emulator.commands
    by_lang = {lang: cmds for (_, lang), cmds in commands.items()}
    assert "" in by_lang and "ru" in by_lang and "uk" in by_lang
    assert {c["command"] for c in by_lang[""]} >= {
        "start",
        "help",
        "language",
        "country",
        "forget",
        "privacy",
    }
    assert russian(" ".join(c["description"] for c in by_lang["ru"]))
    assert not russian(" ".join(c["description"] for c in by_lang[""]))


async def test_menus_list_every_article(bot: InProcessBot) -> None:
    user = bot.user("en")
    menu = await bot.send(user, "/start")
    listed: set[str] = set()
    for data in [d for d in data_of(menu) if d.startswith("sec:")]:
        section = await bot.press(user, data, menu)
        listed |= {d.split(":")[1] for d in data_of(section) if d.startswith("art:")}
        menu = await bot.press(user, "home", section)
    assert listed == set(bot.services.catalog.library.articles)
    assert len(listed) >= 28


async def test_inline_query_offers_articles(bot: InProcessBot) -> None:
    user = bot.user("en")
    update = bot.emulator.user_inline_query(user, "lost passport", deliver=False)
    await bot.process(update)
    answer = bot.emulator.inline_answers[update["inline_query"]["id"]]
    ids = [r["id"] for r in answer["results"]]
    assert "passport-lost-or-expired" in ids
    text = answer["results"][0]["input_message_content"]["message_text"]
    assert "?start=" in text
    empty = bot.emulator.user_inline_query(user, "", deliver=False)
    await bot.process(empty)
    assert bot.emulator.inline_answers[empty["inline_query"]["id"]]["results"]
    # A country alone is no question in a chat, but in inline mode a fine thing to look up.
    place = bot.emulator.user_inline_query(user, "Georgia", deliver=False)
    await bot.process(place)
    assert bot.emulator.inline_answers[place["inline_query"]["id"]]["results"]


def test_headings_stay_with_their_text() -> None:
    from bot.features.articles.screens import keep_headings_with_text

    blocks = ["<b>Title</b>", "para", "<b>Risks</b>", "<b>Ban</b>", "text", "<b>Tail</b>"]
    assert keep_headings_with_text(blocks) == [
        "<b>Title</b>\npara",
        "<b>Risks</b>\n<b>Ban</b>\ntext",
        "<b>Tail</b>",
    ]
    assert keep_headings_with_text(["<b>In short:</b> text"]) == ["<b>In short:</b> text"]


async def test_no_page_ends_with_a_heading(bot: InProcessBot) -> None:
    from bot.features.articles.screens import article_pages

    catalog = bot.services.catalog
    for lang in ("ru", "en"):
        tr = bot.services.translators[lang]
        for article in catalog.library.articles.values():
            pages = article_pages(tr, catalog, article, None)
            for page in pages[:-1]:
                last_line = page.rstrip().splitlines()[-1]
                assert not (last_line.startswith("<b>") and last_line.endswith("</b>")), (
                    article.id,
                    lang,
                )


def test_other_matches_must_be_close_to_the_best(
    catalog: Catalog, translators: Translators
) -> None:
    from bot.features.answers.screens import answer_screen
    from bot.search.engine import Answer, Hit

    answer = Answer(
        query_lang="ru",
        hits=(Hit("asylum", 10.0), Hit("kovcheg", 6.0), Hit("banking-abroad", 2.9)),
        mode="answer",
    )
    screen = answer_screen(translators["en"], catalog, answer, None)
    assert screen is not None
    data = screen.all_data()
    assert "art:kovcheg:0" in data and "art:banking-abroad:0" not in data


async def test_user_text_never_reaches_telegram_as_html(bot: InProcessBot) -> None:
    """A reply that echoed the question as HTML would be refused (or render the user's tags).

    Counting replies is not enough: the apology after a refused message is a reply too.
    """
    user = bot.user("ru")
    for text in ("<b>потерял</b> паспорт & <i>", "виза <a href='x'>", "</blockquote> повестка"):
        reply = await bot.send(user, text)
        assert "went wrong" not in reply.text and "пошло не так" not in reply.text
        assert "<b>потерял</b>" not in reply.raw_text and "<a href='x'>" not in reply.raw_text
    assert not bot.emulator.errors, [e.description for _, e in bot.emulator.errors]


async def test_every_command_in_telegrams_menu_has_a_handler(bot: InProcessBot) -> None:
    """The menu Telegram shows must not offer a command the bot would call unknown."""
    from telegram.ext import CommandHandler

    from bot.features.menu.screens import command_list

    handled = {
        command
        for group in bot.app.handlers.values()
        for handler in group
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    for lang in ("ru", "en"):
        offered = {c.command for c in command_list(bot.services.translators[lang])}
        assert {"alerts", "remind", "whatsnew"} <= offered
        assert offered <= handled, offered - handled
