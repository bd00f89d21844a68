"""Commands for the bot's maintainers (ADMIN_IDS only; others never learn they exist)."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.core.context import BotContext
from bot.core.screens import Screen
from bot.core.sending import send
from bot.features.admin.jobs import admin_html, reload_content
from bot.features.feedback.report import build_report, report_html


async def reload_command(update: Update, context: BotContext) -> None:
    outcome = await reload_content(context.application, force=True)
    await send(update, context, Screen(admin_html(outcome)))


async def stats_command(update: Update, context: BotContext) -> None:
    """`/stats [7|30]`: aggregates only, any figure under 5 shown as "<5"."""
    days = 7 if context.args and context.args[0] == "7" else 30
    report = await build_report(context.services, days, date.today())
    await send(update, context, Screen(report_html(report)))
