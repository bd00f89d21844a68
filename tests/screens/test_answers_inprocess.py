"""on_text through the real Application: the search's answer picks the screen."""

from __future__ import annotations

from datetime import date

from bot.search.engine import Answer, Hit
from tests.screens.conftest import ScreensBot

HITS = (Hit("passport-renewal-abroad", 9.0), Hit("passport-lost", 7.0))


async def test_emoji_only_gets_a_friendly_reply_without_searching(bot: ScreensBot) -> None:
    for lang, friendly in (("ru", "Когда появится вопрос"), ("en", "Whenever you have")):
        user = bot.offline.user(lang)
        for text in ("👍", "🙏❤️", "?!"):
            reply = await bot.offline.send(user, text)
            assert friendly in reply.text, (lang, text)
            assert "art:legal-help:0" not in reply.callback_data
    assert bot.engine.queries == []


async def test_answer_mode_opens_the_article_and_counts_it(bot: ScreensBot) -> None:
    bot.engine.answer = Answer("ru", HITS, "answer", also="visa-run", confidence=0.9)
    user = bot.offline.user("ru")
    reply = await bot.offline.send(user, "загран истекает")
    assert reply.text.startswith("Как продлить загранпаспорт за границей")
    article_buttons = [d for d in reply.callback_data if d.startswith("art:")]
    assert article_buttons[:2] == ["art:visa-run:0", "art:passport-lost:0"]
    assert reply.buttons[0]["text"] == "🔎 Визаран"
    assert bot.engine.queries == ["загран истекает"]
    stats = bot.offline.services.stats
    await stats.flush()
    assert await stats.totals(date.today()) == [("passport-renewal-abroad", 1)]


async def test_choices_and_not_found_are_not_counted_as_views(bot: ScreensBot) -> None:
    user = bot.offline.user("ru")
    bot.engine.answer = Answer("ru", HITS, "choices", choices=("passport-lost", "visa-run"))
    await bot.offline.send(user, "что-то про паспорт")
    bot.engine.answer = Answer("ru", HITS, "none")
    await bot.offline.send(user, "рецепт борща")
    stats = bot.offline.services.stats
    await stats.flush()
    assert await stats.totals(date.today()) == []


async def test_choices_mode_lists_buttons(bot: ScreensBot) -> None:
    choices = ("passport-lost", "passport-renewal-abroad")
    bot.engine.answer = Answer("en", HITS, "choices", choices=choices)
    user = bot.offline.user("en")
    reply = await bot.offline.send(user, "passport thing")
    assert reply.text == "I am not sure which of these you need:"
    assert reply.callback_data == [
        "art:passport-lost:0",
        "art:passport-renewal-abroad:0",
        "fb:c:u",
        "fb:c:d",
        "home",
    ]
    chosen = await bot.offline.press(user, "art:passport-lost:0", reply)
    assert chosen.text.startswith("Lost passport")


async def test_none_mode_offers_help_organisations(bot: ScreensBot) -> None:
    bot.engine.answer = Answer("ru", HITS, "none")
    reply = await bot.offline.send(bot.offline.user("ru"), "рецепт борща")
    assert "нет ответа" in reply.text
    assert reply.callback_data == ["fb:send", "art:legal-help:0", "art:kovcheg:0", "home"]


async def test_smalltalk_about_the_bot(bot: ScreensBot) -> None:
    bot.engine.answer = Answer("en", (), "none", smalltalk="about_bot")
    reply = await bot.offline.send(bot.offline.user("en"), "are you a human?")
    assert "I am a bot, not a person" in reply.text


async def test_named_country_note_beats_the_profile_country(bot: ScreensBot) -> None:
    user = bot.offline.user("en")
    await bot.offline.send(user, "/country")
    await bot.offline.press(user, "cty:GE")
    bot.engine.answer = Answer("en", HITS, "answer", countries=("TR",))
    named = await bot.offline.send(user, "passport in turkey")
    assert "A note for TR." in named.text and "A note for GE." not in named.text
    bot.engine.answer = Answer("en", HITS, "answer")
    profile = await bot.offline.send(user, "passport")
    assert "A note for GE." in profile.text and "A note for TR." not in profile.text
