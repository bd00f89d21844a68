"""What the bot stores, deleting it, and cleaning the chat."""

from __future__ import annotations

from bot.core.i18n import Translator
from bot.core.screens import HOME, Button, Screen, nav_row
from bot.features.alerts.hooks import privacy_note as alerts_note
from bot.features.privacy import data
from bot.features.relay.screens import privacy_note as relay_note
from bot.features.settings.data import SETTINGS


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
        "name or username, and keep no log of questions — except a question or note you choose to "
        "send to the editors: then only the text shown to you, without your name, for 90 days. "
        "Statistics are only counts per day (article views, 👍/👎, questions without an answer), "
        "not linked to anyone.\n\n"
        "/forget deletes everything about you at once."
    )
    text += "\n\n" + alerts_note(tr) + relay_note(tr)
    rows = (
        (Button(tr.gettext("🗑 Delete my data"), data.FORGET),),
        nav_row(tr),
    )
    return Screen(text, rows)


def forget_confirm(tr: Translator) -> Screen:
    text = tr.gettext(
        "Delete everything I store about you: language, country, settings, alerts, reminders "
        "and everything else /privacy lists? This cannot be undone."
    )
    rows = (
        (
            Button(tr.gettext("Yes, delete"), data.FORGET_YES),
            Button(tr.gettext("No, keep"), data.FORGET_NO),
        ),
    )
    return Screen(text, rows)


def forgotten(tr: Translator) -> Screen:
    text = tr.gettext(
        "Done: everything I stored about you is deleted. If you write again, I will only "
        "remember your language. To also remove this conversation from your phone, delete the "
        "chat in Telegram."
    )
    return Screen(text, ((Button(tr.gettext("🏠 Home"), HOME),),))


def clean_confirm(tr: Translator) -> Screen:
    text = tr.gettext(
        "Delete the messages of this chat that I still can (Telegram lets bots delete "
        "messages for up to 48 hours)? To remove everything, also delete the chat in Telegram."
    )
    rows = ((Button(tr.gettext("Yes, clean"), data.CLEAN_YES), Button(tr.gettext("No"), SETTINGS)),)
    return Screen(text, rows)
