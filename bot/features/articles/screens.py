"""Article pages, search answers and inline-share texts."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.content.catalog import Catalog
from bot.content.models import SECTIONS, Article, Lang
from bot.content.pages import PAGE_LIMIT, keep_headings_with_text
from bot.content.pages import article_pages as render_pages
from bot.content.render import render_blocks
from bot.core.i18n import Translator
from bot.core.screens import HOME, NOOP, Button, Screen, nav_row
from bot.features.alerts.hooks import alerts_row
from bot.features.articles.data import article_data, section_data
from bot.features.feedback.screens import vote_row
from bot.features.relay.screens import ask_row
from bot.search.engine import OTHER_MATCHES

MAX_RELATED = 3
# Articles the text links to: the reader was just told to read them, so offer (nearly) all.
MAX_LINKED = 6
# The search decides how many other matches it offers (``Answer.offered``); one number.
MAX_OTHER_MATCHES = OTHER_MATCHES


def note_country(article: Article, lang: Lang, country: str | None) -> str | None:
    """``country`` when the article has a note for it in ``lang``, else None."""
    return country if country is not None and country in article.text(lang).countries else None


def article_pages(
    tr: Translator, catalog: Catalog, article: Article, country: str | None
) -> list[str]:
    """Render once per (article, language, country) and keep it with the catalog."""
    shown = note_country(article, tr.lang, country)
    key = ("pages", article.id, tr.lang, shown or "")
    return catalog.rendered(key, lambda: render_pages(tr, article.text(tr.lang), shown))


def article_gist(catalog: Catalog, article: Article, lang: Lang) -> str:
    """The article's first block (its one-line answer), for shares and inline results."""

    def first_block() -> str:
        blocks = render_blocks(article.text(lang).body)
        return blocks[0] if blocks else ""

    return catalog.rendered(("gist", article.id, lang), first_block)


def article_screen(
    tr: Translator,
    catalog: Catalog,
    article_id: str,
    page: int,
    country: str | None,
    other_matches: Sequence[str] = (),
) -> Screen | None:
    """A page of an article; buttons: `other_matches` (from a search), linked, related.

    ``country`` is the country whose note to show under the title: the caller decides
    (the one named in the question, else the reader's own). The page buttons carry it,
    so every page of the article is cut the same way.
    """
    article = catalog.library.get(article_id)
    if article is None:
        return None
    note = note_country(article, tr.lang, country)
    pages = article_pages(tr, catalog, article, note)
    page = min(max(page, 0), len(pages) - 1)
    rows: list[tuple[Button, ...]] = []
    if len(pages) > 1:
        nav: list[Button] = []
        if page > 0:
            nav.append(Button("‹", article_data(article_id, page - 1, note)))
        nav.append(Button(f"{page + 1}/{len(pages)}", NOOP))
        if page < len(pages) - 1:
            nav.append(Button("›", article_data(article_id, page + 1, note)))
        rows.append(tuple(nav))
    shown = {article_id}
    for prefix, ids, limit in (
        ("🔎 ", other_matches, MAX_OTHER_MATCHES),
        ("→ ", article.text(tr.lang).links, MAX_LINKED),
        ("→ ", article.related, MAX_RELATED),
    ):
        added = 0
        for other_id in ids:
            other = catalog.library.get(other_id)
            if other is None or other_id in shown or added == limit:
                continue
            shown.add(other_id)
            added += 1
            rows.append((Button(prefix + other.text(tr.lang).title, article_data(other_id)),))
    if page == len(pages) - 1:
        rows.append(vote_row(tr, article_id))
        rows.append(alerts_row(tr))
        rows.extend(ask_row(tr, f"a:{article_id}"))
    rows.append((Button(tr.gettext("↗️ Share"), switch_inline=article_id),))
    rows.append(nav_row(tr, section_data(article.section)))
    return Screen(pages[page], tuple(rows))


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


def section_screen(tr: Translator, catalog: Catalog, section: str) -> Screen | None:
    if section not in SECTIONS:
        return None
    articles = sorted(catalog.library.in_section(section), key=lambda a: a.text(tr.lang).title)
    rows: list[tuple[Button, ...]] = [
        (Button(a.text(tr.lang).title, article_data(a.id)),) for a in articles
    ]
    rows.append(nav_row(tr, HOME))
    count = len(articles)
    text = "<b>{}</b>\n{}".format(
        escape(section_title(tr, section)),
        tr.ngettext("{n} article", "{n} articles", count).format(n=count),
    )
    return Screen(text, tuple(rows))


def share_text(tr: Translator, catalog: Catalog, article: Article, bot_username: str) -> str:
    """What a shared article looks like in someone else's chat: title, gist, link to the bot."""
    text = article.text(tr.lang)
    gist = article_gist(catalog, article, tr.lang)
    if len(gist) > 1500:
        gist = ""
    link = f"https://t.me/{bot_username}?start={article.id}"
    more = escape(tr.gettext("Read the whole article in the bot"))
    return f'<b>{escape(text.title)}</b>\n\n{gist}\n\n<a href="{link}">{more}</a>'


__all__ = [
    "PAGE_LIMIT",
    "article_gist",
    "article_pages",
    "article_screen",
    "keep_headings_with_text",
    "note_country",
    "section_screen",
    "section_title",
    "share_text",
]
