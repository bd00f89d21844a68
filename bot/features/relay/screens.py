"""What the relay says to the user and to staff.

``ask_button`` is the one hook other screens call: it returns the "✍️ Ask a person" button,
or None while the feature is off (no STAFF_CHAT_ID), so no screen offers what is not there.
"""

from __future__ import annotations

from html import escape

from babel.dates import get_day_names
from telegram import BotCommand

from bot.content.catalog import Catalog
from bot.core.config import Settings, parse_days
from bot.core.i18n import Translator
from bot.core.screens import HOME, Button, Screen, nav_row
from bot.features.articles.data import article_data
from bot.features.relay import data

# Articles the emergency card and the consent screen point to, when the library has them.
EMERGENCY_ARTICLES = ("detained-or-extradition", "legal-help")


class _Switch:
    """Whether the running bot has a staff group; set at start-up, cleared at shutdown."""

    enabled = False
    retention_days = 90


def set_enabled(enabled: bool, retention_days: int = 90) -> None:
    _Switch.enabled = enabled
    _Switch.retention_days = retention_days


def ask_button(tr: Translator, origin: str = data.DEFAULT_ORIGIN) -> Button | None:
    if not _Switch.enabled:
        return None
    return Button(tr.gettext("✍️ Ask a person"), data.ask_data(origin))


def ask_row(tr: Translator, origin: str = data.DEFAULT_ORIGIN) -> tuple[tuple[Button, ...], ...]:
    """Zero or one keyboard row, so a caller adds it with ``*ask_row(...)``."""
    button = ask_button(tr, origin)
    return ((button,),) if button is not None else ()


def relay_commands(tr: Translator) -> list[BotCommand]:
    """/human in Telegram's command menu, only while the feature is on."""
    if not _Switch.enabled:
        return []
    return [BotCommand("human", tr.gettext("Ask a person from the NGO"))]


def privacy_note(tr: Translator) -> str:
    """What /privacy adds while the feature is on: what a conversation with staff keeps."""
    if not _Switch.enabled:
        return ""
    return "\n\n" + tr.gettext(
        "If you write to staff (“Ask a person”): a random code of the conversation, a keyed "
        "hash of your id, this chat's id encrypted, the numbers of the messages passed on "
        "(never their text), the language, the article it came from and the times. Staff "
        "see only what you send, never your name, username or id. Closed conversations are "
        "deleted after {days} days; /forget deletes them at once."
    ).format(days=_Switch.retention_days)


def _emergency_rows(tr: Translator, catalog: Catalog) -> list[tuple[Button, ...]]:
    rows: list[tuple[Button, ...]] = []
    for article_id in EMERGENCY_ARTICLES:
        article = catalog.library.get(article_id)
        if article is not None:
            rows.append((Button("🆘 " + article.text(tr.lang).title, article_data(article_id)),))
    return rows


def days_label(tr: Translator, days: frozenset[int]) -> str:
    """ISO weekdays as "Mon–Fri" (or "Mon, Wed") in the reader's language."""
    names = get_day_names("abbreviated", locale=tr.locale)
    ordered = sorted(days)
    parts: list[str] = []
    start = prev = ordered[0]
    for day in [*ordered[1:], 99]:
        if day == prev + 1:
            prev = day
            continue
        parts.append(names[start - 1] if start == prev else f"{names[start - 1]}–{names[prev - 1]}")
        start = prev = day
    return ", ".join(parts)


def hours_label(tr: Translator, settings: Settings) -> str:
    days = days_label(tr, parse_days(settings.relay_days))
    return f"{days} {settings.relay_hours.replace('-', '–')} ({settings.relay_timezone})"


def response_label(tr: Translator, hours: int) -> str:
    if hours % 24 == 0:
        days = hours // 24
        return tr.ngettext("{n} day", "{n} days", days).format(n=days)
    return tr.ngettext("{n} hour", "{n} hours", hours).format(n=hours)


def consent_screen(tr: Translator, settings: Settings, catalog: Catalog, origin: str) -> Screen:
    """Said before the first message: who reads, what they see, when, and what it is not."""
    text = tr.gettext(
        "<b>✍️ Ask a person</b>\n\n"
        "Your messages will be read by the staff of {ngo}. They see only the text and files "
        "you send here — not your name, username, phone number or Telegram id.\n\n"
        "They usually answer within {response}. Working hours: {hours}; outside them you get "
        "an automatic reply and the answer comes later.\n\n"
        "⚠️ This is not an emergency service. If you are detained or in trouble at a border, "
        "contact the lawyers and emergency contacts below at once.\n\n"
        "📎 A photo sent as a file keeps its location data. Send photos as photos, or remove "
        "the location first.\n\n"
        "Press the button, then write your question."
    ).format(
        ngo=escape(settings.ngo_name),
        response=escape(response_label(tr, settings.relay_response_hours)),
        hours=escape(hours_label(tr, settings)),
    )
    rows: list[tuple[Button, ...]] = [
        (Button(tr.gettext("✍️ Write to a person"), data.go_data(origin)),)
    ]
    rows.extend(_emergency_rows(tr, catalog))
    rows.append(nav_row(tr))
    return Screen(text, tuple(rows))


def conversation_rows(tr: Translator) -> tuple[tuple[Button, ...], ...]:
    return (
        (Button(tr.gettext("🚪 End conversation"), data.END),),
        (Button(tr.gettext("👤 Share my @username with staff"), data.SHARE),),
    )


def started_screen(tr: Translator, settings: Settings) -> Screen:
    text = tr.gettext(
        "You are writing to the staff of {ngo}. Send your question: text, photos, files and "
        "voice messages go to them, and their answers come here. Press “End conversation” "
        "when you are done."
    ).format(ngo=escape(settings.ngo_name))
    return Screen(text, conversation_rows(tr))


def reopened_screen(tr: Translator) -> Screen:
    text = tr.gettext("The conversation is open again. Write your message.")
    return Screen(text, conversation_rows(tr))


def sent_note(tr: Translator) -> Screen:
    text = tr.gettext("✅ Sent. The answer will come here, in this chat.")
    return Screen(text, conversation_rows(tr))


def queued_note(tr: Translator, seconds: float) -> Screen:
    n = max(1, round(seconds))
    text = tr.ngettext(
        "⏳ Many messages are going to staff right now. Yours is waiting in line and will be "
        "delivered in about {n} second. Nothing is lost.",
        "⏳ Many messages are going to staff right now. Yours is waiting in line and will be "
        "delivered in about {n} seconds. Nothing is lost.",
        n,
    ).format(n=n)
    return Screen(text)


def off_hours_note(tr: Translator, settings: Settings) -> Screen:
    text = tr.gettext(
        "🌙 Staff are not at work now (working hours: {hours}). Your message is delivered; "
        "they will answer when they are back."
    ).format(hours=escape(hours_label(tr, settings)))
    return Screen(text)


def failed_screen(tr: Translator, catalog: Catalog) -> Screen:
    text = tr.gettext(
        "⚠️ Your message did not reach anyone: the staff group cannot be reached right now. "
        "The bot's admins have been told. Please try again later. If it is urgent, use the "
        "contacts below."
    )
    return Screen(text, (*_emergency_rows(tr, catalog), nav_row(tr)))


def emergency_card(tr: Translator, catalog: Catalog) -> Screen:
    text = tr.gettext(
        "🚨 <b>If you are detained, facing deportation, stopped at a border or have received a "
        "summons</b>, do not wait for an answer here: contact a lawyer now. Your message has "
        "been marked urgent for staff."
    )
    return Screen(text, tuple(_emergency_rows(tr, catalog)))


def closed_by_staff(tr: Translator) -> Screen:
    text = tr.gettext(
        "The staff closed this conversation. If you need to add something within 7 days, "
        "press “Write again”. Your messages now go to the bot's search again."
    )
    return Screen(text, ((Button(tr.gettext("↩️ Write again"), data.AGAIN),), nav_row(tr)))


def ended_screen(tr: Translator) -> Screen:
    text = tr.gettext(
        "The conversation is ended. Thank you for writing. Your messages now go to the bot's "
        "search again."
    )
    return Screen(text, (nav_row(tr),))


def banned_screen(tr: Translator, catalog: Catalog) -> Screen:
    text = tr.gettext(
        "I am sorry: you can no longer write to staff through this bot. The articles and the "
        "help contacts are still here for you."
    )
    return Screen(text, (*_emergency_rows(tr, catalog), nav_row(tr)))


def unavailable_screen(tr: Translator) -> Screen:
    text = tr.gettext("Asking a person is not available right now. Here is the menu.")
    return Screen(text, ((Button(tr.gettext("🏠 Home"), HOME),),))


def cannot_reopen_screen(tr: Translator) -> Screen:
    text = tr.gettext(
        "This conversation can no longer be reopened. You can start a new one with /human."
    )
    return Screen(text, (nav_row(tr),))


def unsupported_kind(tr: Translator) -> Screen:
    text = tr.gettext(
        "Staff can receive text, photos, files and voice messages. This message was not sent."
    )
    return Screen(text, conversation_rows(tr))


def username_shared(tr: Translator) -> Screen:
    text = tr.gettext("Your @username was shown to staff: they may write to you directly.")
    return Screen(text, conversation_rows(tr))


def no_username(tr: Translator) -> Screen:
    text = tr.gettext("You have no @username in Telegram, so there is nothing to share.")
    return Screen(text, conversation_rows(tr))


def no_conversation(tr: Translator) -> Screen:
    text = tr.gettext("There is no open conversation with staff. /human starts one.")
    return Screen(text, (nav_row(tr),))


# ------------------------------------------------------------------ staff side


def origin_label(tr: Translator, catalog: Catalog, origin: str) -> str:
    """What the question was about, in the conversation's language; never about the user."""
    if origin.startswith("a:"):
        article = catalog.library.get(origin[2:])
        return article.text(tr.lang).title if article is not None else origin[2:]
    if origin.startswith("s:"):
        # Imported here: article screens import this module for their ask button.
        from bot.features.articles.screens import section_title

        return section_title(tr, origin[2:])
    if origin == data.NOT_FOUND_ORIGIN:
        return tr.gettext("no answer found")
    return tr.gettext("general question")


def pinned_text(staff: Translator, code: str, lang: str, label: str) -> str:
    return staff.gettext(
        "Ticket {code} · language: {lang} · asked about: {label}\n\n"
        "Every message you write here is copied to the person (not forwarded: your name is not "
        "shown). Lines starting with // are notes for staff only. Commands: /close, /ban, "
        "/urgent, /r &lt;name&gt; (canned reply)."
    ).format(code=escape(code), lang=escape(lang), label=escape(label))


def staff_note(staff: Translator, kind: str, **values: str) -> str:
    """The bot's notes in a topic; plain facts about the conversation, nothing about the user."""
    notes = {
        "closed": staff.gettext("Closed. The person was told; they can reopen within 7 days."),
        "ended": staff.gettext("The person ended the conversation."),
        "reopened": staff.gettext("The person reopened the conversation."),
        "banned": staff.gettext("Banned: this person can no longer write to staff."),
        "blocked": staff.gettext("The person blocked the bot: this message was not delivered."),
        "urgent": staff.gettext("🔴 Marked urgent."),
        "recreated": staff.gettext(
            "The previous topic of this conversation was deleted; it continues here."
        ),
        "unknown": staff.gettext("This topic is not an open conversation (it may be purged)."),
        "closed_already": staff.gettext("This conversation is closed; the person was not sent it."),
        "canned_missing": staff.gettext("No canned reply “{name}” in {lang}. Available: {names}"),
        "canned_sent": staff.gettext("↪️ Sent the canned reply “{name}”:"),
        "username": staff.gettext("The person chose to share their username: {username}"),
        "failed": staff.gettext("This message could not be delivered to the person."),
    }
    return notes[kind].format(**{k: escape(v) for k, v in values.items()})


def admin_alert(staff: Translator, reason: str) -> str:
    return staff.gettext(
        "⚠️ Ask a person: the staff group cannot be reached ({reason}). People's messages are "
        "not getting through; they were told."
    ).format(reason=escape(reason))
