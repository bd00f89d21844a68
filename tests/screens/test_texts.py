"""Texts that read wrong to editors: button names, quotes, country names, confirmations."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.content.models import COUNTRIES
from bot.core.i18n import Translators
from bot.features.menu.screens import command_list, help_screen, main_menu
from bot.features.settings.screens import country_saved, country_screen, settings_screen
from devtools.console.chat import run_console
from devtools.offline import offline_settings
from tests.screens.conftest import ScreensBot, write_library

LOCALES = Path(__file__).resolve().parents[2] / "locales"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_main_menu_has_one_help_button(translators: Translators, lang: str) -> None:
    texts = [b.text for row in main_menu(translators[lang]).rows for b in row]  # type: ignore[index]
    word = {"ru": "Помощь", "en": "Help"}[lang]
    assert sum(word in t for t in texts) == 1, texts
    expected = {"ru": "❓ Как пользоваться", "en": "❓ How to use"}[lang]
    assert expected in texts


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_help_names_the_real_username(translators: Translators, lang: str) -> None:
    text = help_screen(translators[lang], "some_help_bot").text  # type: ignore[index]
    assert "@some_help_bot" in text
    assert "@имя" not in text and "@username" not in text and "{username}" not in text


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_help_lists_every_command_of_telegrams_menu(translators: Translators, lang: str) -> None:
    """/alerts, /remind and /whatsnew were in the command menu and missing from /help."""
    tr = translators[lang]
    lines = help_screen(tr, "some_help_bot").text.splitlines()  # type: ignore[union-attr]
    listed = [line.split(" — ")[0] for line in lines if line.startswith("/")]
    assert listed == [f"/{c.command}" for c in command_list(tr)]
    assert {"/alerts", "/remind", "/whatsnew", "/forget"} <= set(listed)
    assert any(line.startswith("/remind — ") and len(line) > 12 for line in lines)
    disclaimer = {"ru": "не юридическая консультация", "en": "not legal advice"}[lang]
    assert disclaimer in lines[-1]


async def test_help_command_uses_the_bots_username(bot: ScreensBot) -> None:
    reply = await bot.offline.send(bot.offline.user("ru"), "/help")
    assert f"@{bot.offline.emulator.bot.username}" in reply.text
    user = bot.offline.user("en")
    menu = await bot.offline.send(user, "/start")
    shown = await bot.offline.press(user, "help", menu)
    assert f"@{bot.offline.emulator.bot.username}" in shown.text


def test_english_texts_use_english_quotes() -> None:
    with (LOCALES / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        for part in (*_texts(message.id), *_texts(message.string)):
            assert not re.search("[«»]", part), part
    with (LOCALES / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        russian = read_po(handle, locale="ru")
    # Russian keeps its «ёлочки».
    assert not any("“" in str(m.string) for m in russian if m.id)


def _texts(value: object) -> list[str]:
    """A catalog's id or string: one text, or a tuple/list of plural forms."""
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, tuple | list) else []


@pytest.mark.parametrize(
    ("lang", "code", "name"),
    [
        ("ru", "US", "США"),
        ("ru", "KG", "Кыргызстан"),
        ("ru", "GE", "Грузия"),
        ("ru", "AE", "ОАЭ"),
        ("en", "US", "USA"),
        ("en", "TR", "Turkey"),
        ("en", "AE", "UAE"),
        ("en", "GE", "Georgia"),
    ],
)
def test_country_names_read_naturally(
    translators: Translators, lang: str, code: str, name: str
) -> None:
    assert translators[lang].country(code) == name  # type: ignore[index]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_country_button_is_short_and_uses_the_fixed_names(
    translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    texts = [b.text for row in country_screen(tr, None).rows for b in row]
    for code in COUNTRIES:
        name = tr.country(code)
        assert name in texts and len(name) <= 14, name
    assert "Соединенные Штаты" not in texts and "United States" not in texts
    assert "США" in settings_screen(translators["ru"], "US", None).text


@pytest.mark.parametrize(
    ("lang", "expected"), [("ru", "Страна сохранена: Грузия"), ("en", "Country saved: Georgia")]
)
async def test_picking_a_country_confirms_it(bot: ScreensBot, lang: str, expected: str) -> None:
    user = bot.offline.user(lang)
    picker = await bot.offline.send(user, "/country")
    saved = await bot.offline.press(user, "cty:GE", picker)
    assert saved.text.startswith(expected)
    cleared = await bot.offline.press(user, "country", saved)
    cleared = await bot.offline.press(user, "cty:-", cleared)
    assert cleared.text.startswith(country_saved(bot.offline.services.translators[lang], None))  # type: ignore[index]


def test_console_prints_a_turned_page(tmp_path: Path) -> None:
    content = write_library(tmp_path / "content")
    article = content / "articles" / "visa-run.en.md"
    paragraphs = (f"Paragraph {i}. " + "A long sentence about visa runs. " * 20 for i in range(40))
    article.write_text(article.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(paragraphs))
    settings = offline_settings(tmp_path / "console.sqlite3", content)
    out = io.StringIO()
    # Open the article, press "›" (button 2 on the first page), then the page counter.
    run_console(settings, "en", io.StringIO("/start visa-run\n2\n2\n\n"), out)
    printed = out.getvalue()
    assert "Paragraph 0." in printed
    second = printed.split("(edited)", 1)
    assert len(second) == 2, "the turned page was not printed"
    assert "[2] 2/" in second[1]
    assert "(nothing changed)" in second[1]


def test_article_country_notes_use_the_everyday_names(translators: Translators) -> None:
    from bot.content.pages import country_note

    assert "США" in country_note(translators["ru"], "US", "Текст.")
    assert "Turkey" in country_note(translators["en"], "TR", "Text.")
