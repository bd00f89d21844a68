"""Section lists and article pages, opened from buttons."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.core.context import BotContext
from bot.core.screens import Screen
from bot.core.sending import answer_query, edit
from bot.features.articles import data
from bot.features.articles.screens import article_screen, section_screen
from bot.features.menu.handlers import on_stale_button


def article_or_section(context: BotContext, raw: str) -> Screen | None:
    parsed = data.parse(raw)
    services = context.services
    if isinstance(parsed, data.SectionPage):
        return section_screen(context.tr, services.catalog, parsed.section)
    if isinstance(parsed, data.ArticlePage):
        country = parsed.country or context.country
        screen = article_screen(
            context.tr, services.catalog, parsed.article_id, parsed.page, country
        )
        if screen is not None and parsed.page == 0:
            services.stats.record(parsed.article_id, date.today())
        return screen
    return None


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    screen = article_or_section(context, query.data or "")
    if screen is None:
        await on_stale_button(update, context)
        return
    await answer_query(update)
    await edit(update, context, screen)
