"""Menus, help, settings and the other screens that are not articles."""

from __future__ import annotations

from html import escape

from bot.catalog import Catalog
from bot.i18n import Translator
from bot.library.models import COUNTRIES, SECTIONS
from bot.screens import base
from bot.screens.base import Button, Screen

# Disappearing-conversation choices offered to the user, in seconds (0 = off).
DISAPPEAR_CHOICES = (0, 3600, 86400)


def section_title(tr: Translator, section: str) -> str:
    titles = {
        "documents": tr.gettext("📄 Documents"),
        "visas": tr.gettext("🛂 Visas and status"),
        "help": tr.gettext("🤝 Help and services"),
        "life": tr.gettext("🏠 Life abroad"),
        "safety": tr.gettext("🛡 Safety"),
        "community": tr.gettext("🌍 Community"),
    }
    return titles.get(section, section)


def nav_row(tr: Translator, back: str | None = None) -> tuple[Button, ...]:
    home = Button(tr.gettext("🏠 Home"), base.HOME)
    if back is None:
        return (home,)
    return (Button(tr.gettext("← Back"), back), home)


def main_menu(tr: Translator, note: str | None = None) -> Screen:
    text = tr.gettext("Choose a topic, or just type your question in your own words.")
    if note:
        text = f"{note}\n\n{text}"
    buttons = [Button(section_title(tr, s), base.section_data(s)) for s in SECTIONS]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append(
        (
            Button(tr.gettext("🔎 Ask"), base.SEARCH),
            Button(tr.gettext("❓ Help"), base.HELP),
            Button(tr.gettext("⚙️ Settings"), base.SETTINGS),
        )
    )
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
    offer = (Button(tr.gettext("🕶 Disappearing messages"), base.SETTINGS),)
    return Screen(menu.text, (*menu.rows, offer))


def section_screen(tr: Translator, catalog: Catalog, section: str) -> Screen | None:
    if section not in SECTIONS:
        return None
    articles = sorted(catalog.library.in_section(section), key=lambda a: a.text(tr.lang).title)
    rows: list[tuple[Button, ...]] = [
        (Button(a.text(tr.lang).title, base.article_data(a.id)),) for a in articles
    ]
    rows.append(nav_row(tr, base.HOME))
    count = len(articles)
    text = "<b>{}</b>\n{}".format(
        escape(section_title(tr, section)),
        tr.ngettext("{n} article", "{n} articles", count).format(n=count),
    )
    return Screen(text, tuple(rows))


def ask_screen(tr: Translator) -> Screen:
    text = tr.gettext(
        "Type your question in your own words, as you would ask a friend. For example:\n"
        "• «загранник истекает, я в Тбилиси»\n"
        "• «lost my passport in Istanbul»\n"
        "• «повестка пришла на адрес прописки»\n\n"
        "Typos, slang and the wrong keyboard layout are fine."
    )
    return Screen(text, (nav_row(tr),))


def help_screen(tr: Translator) -> Screen:
    text = tr.gettext(
        "<b>How to use this bot</b>\n\n"
        "• Type a question in your own words, in Russian or English: "
        "«загран истекает», «lost my passport in Istanbul».\n"
        "• Or browse the topics with the buttons.\n"
        "• In any chat, type my @username and a few words to share an article.\n\n"
        "/start — main menu\n/language — language\n/country — your country of residence\n"
        "/settings — privacy settings\n/privacy — what I store\n/forget — delete your data\n\n"
        "This is information, not legal advice. For your own case, contact the "
        "organisations in the «Help and services» section."
    )
    return Screen(text, (nav_row(tr),))


def privacy_screen(tr: Translator) -> Screen:
    text = tr.gettext(
        "<b>What I store and why</b>\n\n"
        "• Your language — to answer in it.\n"
        "• Your country of residence, only if you set it — to show notes for that country first.\n"
        "• Your disappearing-messages setting, if you turn it on — to delete messages on time.\n"
        "• While disappearing messages are on: the numbers of messages waiting to be deleted "
        "(not their text) and of this chat, which Telegram needs to delete them, until they "
        "are deleted.\n\n"
        "Otherwise your Telegram id is stored only as a keyed hash. I never store what you write, your "
        "name or username, and keep no log of questions. Statistics are only counts of article "
        "views per day, not linked to anyone.\n\n"
        "/forget deletes everything about you at once."
    )
    rows = (
        (Button(tr.gettext("🗑 Delete my data"), base.FORGET),),
        nav_row(tr),
    )
    return Screen(text, rows)


def settings_screen(tr: Translator, country: str | None, disappear_seconds: int | None) -> Screen:
    lines = [tr.gettext("<b>Settings</b>"), ""]
    lines.append(tr.gettext("Language: English"))
    country_name = tr.country(country) if country else tr.gettext("not set")
    lines.append(tr.gettext("Country: {country}").format(country=escape(country_name)))
    lines.append(
        tr.gettext("Disappearing messages: {value}").format(
            value=disappear_label(tr, disappear_seconds or 0)
        )
    )
    lines.append("")
    lines.append(
        tr.gettext(
            "Disappearing messages delete my answers and your questions from this chat after "
            "the chosen time — useful before crossing a border where phones are checked."
        )
    )
    rows = (
        (
            Button(tr.gettext("🌐 Language"), base.LANGUAGE),
            Button(tr.gettext("📍 Country"), base.COUNTRY),
        ),
        tuple(
            Button(
                ("✓ " if (disappear_seconds or 0) == s else "") + disappear_label(tr, s),
                base.disappear_data(s),
            )
            for s in DISAPPEAR_CHOICES
        ),
        (Button(tr.gettext("🧹 Clean this chat now"), base.CLEAN),),
        (
            Button(tr.gettext("🔒 Privacy"), base.PRIVACY),
            Button(tr.gettext("🗑 Delete my data"), base.FORGET),
        ),
        nav_row(tr),
    )
    return Screen("\n".join(lines), rows)


def disappear_label(tr: Translator, seconds: int) -> str:
    if seconds <= 0:
        return tr.gettext("off")
    hours = seconds // 3600
    if hours % 24 == 0:
        days = hours // 24
        return tr.ngettext("after {n} day", "after {n} days", days).format(n=days)
    return tr.ngettext("after {n} hour", "after {n} hours", hours).format(n=hours)


def language_screen(tr: Translator) -> Screen:
    rows = (
        (Button("Русский", base.lang_data("ru")), Button("English", base.lang_data("en"))),
        nav_row(tr),
    )
    return Screen(tr.gettext("Choose the language of the bot:"), rows)


def country_screen(tr: Translator, current: str | None) -> Screen:
    names = sorted(COUNTRIES, key=lambda code: tr.country(code))
    buttons = [
        Button(("✓ " if code == current else "") + tr.country(code), base.country_data(code))
        for code in names
    ]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 3]) for i in range(0, len(buttons), 3)]
    rows.append((Button(tr.gettext("Not set"), base.country_data(None)),))
    rows.append(nav_row(tr, base.SETTINGS))
    text = tr.gettext(
        "Where do you live now? Articles will show notes for that country first. "
        "This is optional, and /forget deletes it."
    )
    return Screen(text, tuple(rows))


def forget_confirm(tr: Translator) -> Screen:
    text = tr.gettext(
        "Delete everything I store about you: language, country, settings and pending "
        "deletions? This cannot be undone."
    )
    rows = (
        (
            Button(tr.gettext("Yes, delete"), base.FORGET_YES),
            Button(tr.gettext("No, keep"), base.FORGET_NO),
        ),
    )
    return Screen(text, rows)


def forgotten(tr: Translator) -> Screen:
    text = tr.gettext(
        "Done: everything I stored about you is deleted. If you write again, I will only "
        "remember your language. To also remove this conversation from your phone, delete the "
        "chat in Telegram."
    )
    return Screen(text, ((Button(tr.gettext("🏠 Home"), base.HOME),),))


def clean_confirm(tr: Translator) -> Screen:
    text = tr.gettext(
        "Delete the messages of this chat that I still can (Telegram lets bots delete "
        "messages for up to 48 hours)? To remove everything, also delete the chat in Telegram."
    )
    rows = (
        (Button(tr.gettext("Yes, clean"), base.CLEAN_YES), Button(tr.gettext("No"), base.SETTINGS)),
    )
    return Screen(text, rows)


def not_found(tr: Translator, catalog: Catalog) -> Screen:
    text = tr.gettext(
        "I could not find a confident answer to this. Try other words, or browse the topics. "
        "If your situation is urgent, these organisations give free help:"
    )
    rows: list[tuple[Button, ...]] = []
    for article_id in ("legal-help", "kovcheg"):
        article = catalog.library.get(article_id)
        if article is not None:
            rows.append((Button(article.text(tr.lang).title, base.article_data(article_id)),))
    rows.append(nav_row(tr))
    return Screen(text, tuple(rows))


def smalltalk(tr: Translator, kind: str) -> Screen:
    if kind == "thanks":
        note = tr.gettext("You are welcome! Take care of yourself.")
    else:
        note = tr.gettext("Hello! Ask me anything about documents, visas, help or safety.")
    return main_menu(tr, note=note)


def unsupported_message(tr: Translator) -> Screen:
    text = tr.gettext(
        "I can only read text. Please type your question in words, or choose a topic."
    )
    return main_menu(tr, note=text)


def rate_limited(tr: Translator) -> str:
    return tr.gettext("You are sending messages very fast. Please wait a minute and try again.")


def unknown_command(tr: Translator) -> Screen:
    return main_menu(tr, note=tr.gettext("I do not know this command. /help lists what I can do."))


def group_reply(tr: Translator, bot_username: str) -> Screen:
    text = tr.gettext(
        "I answer questions in a private chat, so that nobody else sees what you ask."
    )
    url = f"https://t.me/{bot_username}"
    return Screen(text, ((Button(tr.gettext("Open a private chat"), url=url),),))


def error_screen(tr: Translator) -> Screen:
    return main_menu(
        tr, note=tr.gettext("Sorry, something went wrong on my side. Please try again.")
    )
