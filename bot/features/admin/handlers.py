"""Commands for the bot's maintainers (ADMIN_IDS only; others never learn they exist)."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update

from bot.core.context import BotContext
from bot.core.screens import Screen
from bot.core.sending import send
from bot.features.admin.jobs import admin_html, reload_content


async def reload_command(update: Update, context: BotContext) -> None:
    outcome = await reload_content(context.application, force=True)
    await send(update, context, Screen(admin_html(outcome)))


async def stats_command(update: Update, context: BotContext) -> None:
    services = context.services
    await services.stats.flush()
    since = date.today() - timedelta(days=30)
    totals = await services.stats.totals(since)
    users = await services.users.count()
    lines = [f"Users with saved settings: {users}", "Article views, last 30 days:"]
    lines += [f"{views:>6}  {article_id}" for article_id, views in totals[:30]]
    await send(update, context, Screen("<pre>" + admin_html("\n".join(lines)) + "</pre>"))
