"""Inline mode: `@bot words` in any chat offers articles to share."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update

from bot.content.telegram_html import plain_text
from bot.core.context import BotContext
from bot.features.articles.screens import article_gist, share_text

MAX_RESULTS = 10


async def on_inline_query(update: Update, context: BotContext) -> None:
    inline = update.inline_query
    if inline is None:
        return
    tr = context.tr
    catalog = context.services.catalog
    query = inline.query.strip()
    if catalog.library.get(query.lower()) is not None:
        ids = [query.lower()]
    elif query:
        answer = catalog.engine.search(query, country=context.country, limit=MAX_RESULTS)
        # A place alone ("Georgia") is no question to answer, but a fine thing to look up.
        listed = answer.smalltalk is None or answer.smalltalk == "place"
        ids = [hit.article_id for hit in answer.hits] if listed else []
    else:
        ids = catalog.ordered_ids[:MAX_RESULTS]
    results = []
    for article_id in ids:
        article = catalog.library.get(article_id)
        if article is None:
            continue
        text = article.text(tr.lang)
        description = plain_text(article_gist(catalog, article, tr.lang))[:120]
        results.append(
            InlineQueryResultArticle(
                id=article_id,
                title=text.title,
                description=description,
                input_message_content=InputTextMessageContent(
                    share_text(tr, catalog, article, context.bot.username)
                ),
            )
        )
    await inline.answer(results, cache_time=300, is_personal=True)
