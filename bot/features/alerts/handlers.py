"""/alerts, /whatsnew, /remind, /broadcast and the ``al:`` buttons; thin over the store."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import Message, Update
from telegram.ext import filters

from bot.content.models import COUNTRIES
from bot.core.context import BotContext
from bot.core.screens import Screen
from bot.core.sending import answer_query, edit, send
from bot.features.alerts import data, reminders, screens
from bot.features.alerts.changes import find_change, recent_major_changes
from bot.features.alerts.jobs import update_draft
from bot.features.alerts.service import BroadcastDraft
from bot.features.alerts.storage import MAX_REMINDERS, URGENT, NoticeDraft
from bot.features.menu.handlers import on_stale_button

# Admins' /broadcast in progress, by admin user id. In memory on purpose: a restart
# cancels a half-written alert rather than sending it.
COMPOSING: dict[int, BroadcastDraft] = {}


class Composing(filters.MessageFilter):
    """Text from an admin who is writing a /broadcast goes to the composer, not to search."""

    def filter(self, message: Message) -> bool:
        user = message.from_user
        return user is not None and user.id in COMPOSING


COMPOSING_FILTER = Composing()


async def _alerts(context: BotContext, chat_id: int, note: str | None = None) -> Screen:
    sub = await context.services.alerts.store.subscription(chat_id)
    return screens.alerts_screen(context.tr, sub, note)


async def alerts_command(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    assert chat is not None
    await send(update, context, await _alerts(context, chat.id))


async def whatsnew_command(update: Update, context: BotContext) -> None:
    catalog = context.services.catalog
    changes = recent_major_changes(catalog.library, date.today())
    await send(update, context, screens.whatsnew_screen(context.tr, catalog, changes))


async def remind_command(update: Update, context: BotContext) -> None:
    chat = update.effective_chat
    assert chat is not None
    found = await context.services.alerts.store.reminders(chat.id)
    await send(update, context, screens.reminders_screen(context.tr, found))


async def broadcast_command(update: Update, context: BotContext) -> None:
    """``/broadcast [CC]``: the Russian text, then the English one (``-`` skips one)."""
    user = update.effective_user
    assert user is not None
    country = None
    if context.args:
        code = context.args[0].strip().upper()
        if code not in COUNTRIES:
            await send(
                update,
                context,
                Screen(
                    f"Unknown country code {escape(code[:8])}. Use one of: {', '.join(COUNTRIES)}"
                ),
            )
            return
        country = code
    COMPOSING[user.id] = BroadcastDraft(country)
    await send(
        update,
        context,
        Screen("Urgent alert: send the <b>Russian</b> text (or - to skip it). /cancel stops."),
    )


async def on_composing_text(update: Update, context: BotContext) -> None:
    user = update.effective_user
    message = update.message or update.edited_message
    assert user is not None and message is not None
    draft = COMPOSING.get(user.id)
    if draft is None:
        return
    text = (message.text or "").strip()
    if text.lower() in ("/cancel", "cancel"):
        COMPOSING.pop(user.id, None)
        await send(update, context, Screen("Cancelled."))
        return
    value = "" if text == "-" else text
    if draft.step == "ru":
        draft.text_ru, draft.step = value, "en"
        await send(update, context, Screen("Now the <b>English</b> text (or - to skip it)."))
        return
    draft.text_en, draft.step = value, "preview"
    if not draft.text_ru and not draft.text_en:
        COMPOSING.pop(user.id, None)
        await send(update, context, Screen("Both texts skipped: nothing to send. Cancelled."))
        return
    count = len(await context.services.alerts.store.recipients(URGENT, draft.country))
    await send(
        update,
        context,
        screens.broadcast_preview(draft.text_ru, draft.text_en, draft.country, count),
    )


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    chat = update.effective_chat
    user = update.effective_user
    assert query is not None and chat is not None and user is not None
    action = data.parse(query.data or "")
    if action is None:
        await on_stale_button(update, context)
        return
    verb, args = action.verb, action.args
    store = context.services.alerts.store
    tr = context.tr
    today = date.today()
    screen: Screen | None = None
    if verb == "open":
        screen = await _alerts(context, chat.id)
    elif verb == "toggle":
        screen = await _toggle(context, chat.id, args[0])
    elif verb == "unsubscribe":
        await store.remove_topic(context.services.keys.chat_key(chat.id), args[0])
        await answer_query(update, screens.unsubscribed(tr, args[0]), alert=True)
        return
    elif verb in ("draft_send", "draft_discard", "broadcast_send", "broadcast_cancel"):
        await _admin_button(update, context, verb, args)
        return
    elif verb == "reminders":
        screen = screens.reminders_screen(tr, await store.reminders(chat.id))
    elif verb == "reminder_add":
        if len(await store.reminders(chat.id)) >= MAX_REMINDERS:
            found = await store.reminders(chat.id)
            screen = screens.reminders_screen(tr, found, screens.too_many_reminders(tr))
        else:
            screen = screens.kind_screen(tr)
    elif verb == "reminder_kind":
        screen = screens.year_screen(tr, args[0], reminders.selectable_years(today))
    elif verb == "reminder_year":
        year = int(args[1])
        if year in reminders.selectable_years(today):
            months = reminders.selectable_months(year, today)
            screen = screens.month_screen(tr, args[0], year, months)
    elif verb == "reminder_month":
        year, month = int(args[1]), int(args[2])
        if month in reminders.selectable_months(year, today):
            screen = screens.lead_screen(tr, args[0], year, month)
    elif verb == "reminder_lead":
        screen = await _save_reminder(context, chat.id, args, today)
    elif verb == "reminder_delete":
        await store.delete_reminder(chat.id, int(args[0]))
        found = await store.reminders(chat.id)
        screen = screens.reminders_screen(tr, found, screens.reminder_deleted(tr))
    if screen is None:
        await on_stale_button(update, context)
        return
    await answer_query(update)
    await edit(update, context, screen)


async def _toggle(context: BotContext, chat_id: int, topic: str) -> Screen:
    store = context.services.alerts.store
    sub = await store.subscription(chat_id)
    topics = set(sub.topics) if sub else set()
    on = topic not in topics
    topics = topics | {topic} if on else topics - {topic}
    # The country is copied here, so urgent alerts for one country need no link to /country.
    sub = await store.set_topics(chat_id, context.lang, context.country, topics)
    return screens.alerts_screen(context.tr, sub, screens.toggled_note(context.tr, topic, on))


async def _save_reminder(
    context: BotContext, chat_id: int, args: tuple[str, ...], today: date
) -> Screen | None:
    kind, year, month, lead = args[0], int(args[1]), int(args[2]), int(args[3])
    if year not in reminders.selectable_years(today) or month not in reminders.selectable_months(
        year, today
    ):
        return None
    store = context.services.alerts.store
    when = reminders.remind_month(year, month, lead, today)
    saved = await store.add_reminder(chat_id, context.lang, kind, when)
    tr = context.tr
    note = screens.reminder_saved(tr, when) if saved else screens.too_many_reminders(tr)
    return screens.reminders_screen(tr, await store.reminders(chat_id), note)


async def _admin_button(
    update: Update, context: BotContext, verb: str, args: tuple[str, ...]
) -> None:
    """Drafts and broadcasts: only ADMIN_IDS; for anyone else the button is stale."""
    user = update.effective_user
    chat = update.effective_chat
    query = update.callback_query
    assert user is not None and chat is not None and query is not None
    services = context.services
    if user.id not in services.settings.admin_ids:
        await on_stale_button(update, context)
        return
    message = query.message
    message_id = message.message_id if message is not None else None
    alerts = services.alerts
    text: str
    queued = False
    if verb == "draft_discard":
        text = "Draft discarded: nothing was sent."
    elif verb == "draft_send":
        change = find_change(services.catalog.library, args[0], args[1])
        if change is None:
            text = "This change is no longer in the content: nothing was sent."
        else:
            recipients = await alerts.store.recipients(change.section)
            draft = update_draft(services, change, chat.id, message_id or 0)
            notice_id = await alerts.store.enqueue(draft, recipients)
            if notice_id is None:
                text = "This change was already sent."
            else:
                text = f"Update notice queued for {len(recipients)} subscribers."
                queued = True
    elif verb == "broadcast_cancel":
        COMPOSING.pop(user.id, None)
        text = "Cancelled: nothing was sent."
    else:
        composed = COMPOSING.pop(user.id, None)
        if composed is None or composed.step != "preview":
            text = "This preview is no longer open: nothing was sent."
        else:
            recipients = await alerts.store.recipients(URGENT, composed.country)
            tr = {lang: services.translators[lang] for lang in ("ru", "en")}
            draft = NoticeDraft(
                kind="urgent",
                text_ru=screens.urgent_text(tr["ru"], composed.text_ru) if composed.text_ru else "",
                text_en=screens.urgent_text(tr["en"], composed.text_en) if composed.text_en else "",
                silent=False,
                topic=URGENT,
                admin_chat=chat.id,
                progress_message=message_id,
            )
            await alerts.store.enqueue(draft, recipients)
            text = f"Urgent alert queued for {len(recipients)} recipients."
            queued = True
    await answer_query(update)
    await edit(update, context, Screen(text))
    if queued:
        # After the edit: the sender's progress edits of this message must come later.
        alerts.wake()
