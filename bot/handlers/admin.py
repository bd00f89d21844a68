"""Commands for the bot's maintainers (ADMIN_IDS only; others never learn they exist)."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update

from bot.context import BotContext
from bot.handlers.common import send
from bot.jobs import reload_content
from bot.screens import Screen


async def reload_command(update: Update, context: BotContext) -> None:
    outcome = await reload_content(context.application, force=True)
    await send(update, context, Screen(outcome))


async def stats_command(update: Update, context: BotContext) -> None:
    services = context.services
    await services.stats.flush()
    since = date.today() - timedelta(days=30)
    totals = await services.stats.totals(since)
    users = await services.users.count()
    lines = [f"Users with saved settings: {users}", "Article views, last 30 days:"]
    lines += [f"{views:>6}  {article_id}" for article_id, views in totals[:30]]
    await send(update, context, Screen("<pre>" + "\n".join(lines) + "</pre>"))
