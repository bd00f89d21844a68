"""👍/👎 presses, their follow-ups, consent to send a question or a note; thin on purpose."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.core.context import BotContext
from bot.core.screens import Button, Screen
from bot.core.sending import answer_query, edit, reply, send, to_markup
from bot.features.answers import handlers as answers
from bot.features.feedback import data, screens
from bot.features.feedback.service import Feedback
from bot.features.menu.handlers import on_stale_button


def feedback_of(context: BotContext) -> Feedback:
    return context.services.feedback


def without_feedback(
    markup: InlineKeyboardMarkup | None, extra: tuple[tuple[InlineKeyboardButton, ...], ...] = ()
) -> InlineKeyboardMarkup:
    """The keyboard with the feedback buttons removed (the rest stays), plus ``extra`` rows."""
    rows: list[tuple[InlineKeyboardButton, ...]] = []
    for row in markup.inline_keyboard if markup else ():
        kept = tuple(
            b
            for b in row
            if not (isinstance(b.callback_data, str) and b.callback_data.startswith(data.PREFIX))
        )
        if kept:
            rows.append(kept)
    rows.extend(extra)
    return InlineKeyboardMarkup(rows)


def buttons(rows: tuple[tuple[Button, ...], ...]) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
    markup = to_markup(Screen("", rows))
    return tuple(tuple(row) for row in markup.inline_keyboard) if markup else ()


async def on_text(update: Update, context: BotContext) -> None:
    """A note the user was asked to type, or else an ordinary question."""
    chat = update.effective_chat
    message = update.message  # an edited message is never a note
    feedback = feedback_of(context)
    if (
        chat is not None
        and message is not None
        and message.text
        and feedback.awaiting_note(chat.id)
    ):
        note = feedback.typed_note(chat.id, message.text)
        if note is not None:
            await send(update, context, screens.note_confirm(context.tr, note))
            return
    await answers.on_text(update, context)


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    press = data.parse(query.data or "")
    message = query.message
    chat = update.effective_chat
    if press is None or not isinstance(message, Message) or chat is None:
        await on_stale_button(update, context)
        return
    tr = context.tr
    feedback = feedback_of(context)
    today = date.today()
    if isinstance(press, data.VotePress):
        counted = await feedback.vote(
            chat.id, message.message_id, press.article_id, context.lang, press.vote, today
        )
        if press.vote == "down" and counted:
            await answer_query(update, screens.thanks_down(tr))
            extra = buttons(screens.follow_up_rows(tr, press.article_id))
            await _set_keyboard(context, message, without_feedback(message.reply_markup, extra))
        else:
            await answer_query(update, screens.thanks(tr))
            await _set_keyboard(context, message, without_feedback(message.reply_markup))
        return
    if isinstance(press, data.WrongPress):
        await answer_query(update)
        await _set_keyboard(context, message, without_feedback(message.reply_markup))
        feedback.await_note(chat.id, press.article_id)
        await reply(context, chat.id, screens.note_prompt(tr))
        return
    name = press.name
    if name == "miss":
        await answer_query(update)
        await _set_keyboard(context, message, without_feedback(message.reply_markup))
        held = feedback.held(chat.id, message.message_id)
        if held is None:
            await reply(context, chat.id, screens.ask_again(tr))
            return
        new_id = await reply(context, chat.id, screens.offer_screen(tr, held.text))
        if new_id is not None:
            feedback.move_held(chat.id, message.message_id, new_id)
        return
    if name in ("send", "drop"):
        if name == "send":
            ok = await feedback.consent(chat.id, message.message_id, today)
            text = screens.sent(tr) if ok else screens.expired(tr)
        else:
            feedback.decline(chat.id, message.message_id)
            text = screens.not_sent(tr)
        await answer_query(update, text)
        await _finish(update, context, message, text)
        return
    if name == "note":
        ok = await feedback.send_note(chat.id, today)
        text = screens.sent(tr) if ok else screens.expired(tr)
    else:
        feedback.drop_note(chat.id)
        text = screens.not_sent(tr)
    await answer_query(update, text)
    await _finish(update, context, message, text)


async def _finish(update: Update, context: BotContext, message: Message, text: str) -> None:
    """Remove the feedback buttons; a message that held nothing else says the outcome."""
    remaining = without_feedback(message.reply_markup)
    if remaining.inline_keyboard:
        await _set_keyboard(context, message, remaining)
    else:
        await edit(update, context, Screen(text))


async def _set_keyboard(
    context: BotContext, message: Message, markup: InlineKeyboardMarkup
) -> None:
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=message.chat.id,
            message_id=message.message_id,
            reply_markup=markup if markup.inline_keyboard else None,
        )
    except BadRequest as error:
        text = str(error).lower()
        if "not modified" not in text and "not found" not in text:
            raise


async def count_update(update: Update, context: BotContext) -> None:
    """Metrics: one more update handled, by kind (never who sent it)."""
    from bot.core.errors import update_kind

    feedback_of(context).metrics.update(update_kind(update))
