"""The main menu, welcome, help and the short replies that are not articles."""

from __future__ import annotations

from html import escape

from telegram import BotCommand

from bot.content.models import SECTIONS
from bot.core.i18n import Translator
from bot.core.screens import Button, Screen, nav_row
from bot.features.articles.data import section_data
from bot.features.articles.screens import section_title
from bot.features.menu import data
from bot.features.relay.screens import ask_row, relay_commands
from bot.features.settings.data import SETTINGS


def main_menu(tr: Translator, note: str | None = None) -> Screen:
    text = tr.gettext("Choose a topic, or just type your question in your own words.")
    if note:
        text = f"{note}\n\n{text}"
    buttons = [Button(section_title(tr, s), section_data(s)) for s in SECTIONS]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    # "How to use", not "Help": the 🤝 section above is already called help (in Russian
    # both would read «Помощь»), and that section is where people find help.
    rows.append(
        (
            Button(tr.gettext("🔎 Ask"), data.SEARCH),
            Button(tr.gettext("❓ How to use"), data.HELP),
        )
    )
    rows.append((Button(tr.gettext("⚙️ Settings"), SETTINGS),))
    return Screen(text, tuple(rows))


def welcome(tr: Translator) -> Screen:
    intro = tr.gettext(
        "Hello! I answer questions of people who left Russia: passports and documents, visas "
        "and residence, legal and psychological help, safety. Every answer names its sources "
        "and the date it was checked. I store only your language, your country if you choose "
        "one, and your privacy settings — never your messages or your name. /privacy tells "
        "more; /forget deletes everything."
    )
    menu = main_menu(tr, note=intro)
    # Offered right away: some readers are about to cross a border where phones are checked.
    offer = (Button(tr.gettext("🕶 Disappearing messages"), SETTINGS),)
    return Screen(menu.text, (*menu.rows, offer))


def ask_screen(tr: Translator) -> Screen:
    text = tr.gettext(
        "Type your question in your own words, as you would ask a friend. For example:\n"
        "• “загранник истекает, я в Тбилиси”\n"
        "• “lost my passport in Istanbul”\n"
        "• “повестка пришла на адрес прописки”\n\n"
        "Typos, slang and the wrong keyboard layout are fine."
    )
    return Screen(text, (nav_row(tr),))


def help_screen(tr: Translator, bot_username: str) -> Screen:
    """``bot_username`` is the real one, so the sharing tip can be copied as it is. The
    commands are Telegram's command menu itself, so /help never forgets one of them."""
    intro = tr.gettext(
        "<b>How to use this bot</b>\n\n"
        "• Type a question in your own words, in Russian or English: "
        "“загран истекает”, “lost my passport in Istanbul”.\n"
        "• Or browse the topics with the buttons.\n"
        "• In any chat, type {username} and a few words to share an article."
    ).format(username=escape(f"@{bot_username}"))
    commands = "\n".join(f"/{c.command} — {escape(c.description)}" for c in command_list(tr))
    outro = tr.gettext(
        "This is information, not legal advice. For your own case, contact the "
        "organisations in the “Help and services” section."
    )
    return Screen(f"{intro}\n\n{commands}\n\n{outro}", (*ask_row(tr, "help"), nav_row(tr)))


def unsupported_message(tr: Translator) -> Screen:
    text = tr.gettext(
        "I can only read text. Please type your question in words, or choose a topic."
    )
    return main_menu(tr, note=text)


def unknown_command(tr: Translator) -> Screen:
    return main_menu(tr, note=tr.gettext("I do not know this command. /help lists what I can do."))


def group_reply(tr: Translator, bot_username: str) -> Screen:
    text = tr.gettext(
        "I answer questions in a private chat, so that nobody else sees what you ask."
    )
    url = f"https://t.me/{bot_username}"
    return Screen(text, ((Button(tr.gettext("Open a private chat"), url=url),),))


def command_list(tr: Translator) -> list[BotCommand]:
    """The command menu Telegram shows, registered per language at start-up."""
    return [
        BotCommand("start", tr.gettext("Main menu")),
        BotCommand("help", tr.gettext("How to use the bot")),
        BotCommand("language", tr.gettext("Change language")),
        BotCommand("country", tr.gettext("Set your country of residence")),
        BotCommand("settings", tr.gettext("Privacy settings")),
        BotCommand("alerts", tr.gettext("Alerts when articles change")),
        BotCommand("remind", tr.gettext("Reminders before a document expires")),
        BotCommand("whatsnew", tr.gettext("What changed in the last 30 days")),
        BotCommand("privacy", tr.gettext("What the bot stores")),
        BotCommand("forget", tr.gettext("Delete your data")),
        *relay_commands(tr),
    ]
