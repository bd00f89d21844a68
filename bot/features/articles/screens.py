"""Article pages, search answers and inline-share texts."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.content.catalog import Catalog
from bot.content.models import SECTIONS, Article, Lang
from bot.content.paginate import paginate
from bot.content.render import render_blocks
from bot.core.i18n import Translator
from bot.core.screens import HOME, NOOP, Button, Screen, nav_row
from bot.features.articles.data import article_data, section_data
from bot.features.relay.screens import ask_row

# Room left under Telegram's 4,096 characters for what Telegram counts differently.
PAGE_LIMIT = 3800
MAX_RELATED = 3
MAX_OTHER_MATCHES = 3


def article_pages(
    tr: Translator, catalog: Catalog, article: Article, country: str | None
) -> list[str]:
    """Render once per (article, language, country) and keep it with the catalog."""
    note_country = country if country in article.text(tr.lang).countries else None
    key = ("pages", article.id, tr.lang, note_country or "")
    return catalog.rendered(key, lambda: _render_pages(tr, article, note_country))


def article_gist(catalog: Catalog, article: Article, lang: Lang) -> str:
    """The article's first block (its one-line answer), for shares and inline results."""

    def first_block() -> str:
        blocks = render_blocks(article.text(lang).body)
        return blocks[0] if blocks else ""

    return catalog.rendered(("gist", article.id, lang), first_block)


def _render_pages(tr: Translator, article: Article, note_country: str | None) -> list[str]:
    text = article.text(tr.lang)
    blocks = [f"<b>{escape(text.title)}</b>"]
    if note_country is not None:
        note = " ".join(render_blocks(text.countries[note_country]))
        label = escape(tr.gettext("For {country}").format(country=tr.country(note_country)))
        blocks.append(f"<blockquote><b>{label}:</b> {note}</blockquote>")
    blocks.extend(render_blocks(text.body))
    blocks.extend(_footer(tr, article))
    return paginate(keep_headings_with_text(blocks), PAGE_LIMIT)


def keep_headings_with_text(blocks: list[str]) -> list[str]:
    """Glue each heading to the block after it, so no page ends on a lonely heading."""
    merged: list[str] = []
    pending = ""
    for block in blocks:
        if _is_heading(block):
            pending = f"{pending}\n{block}" if pending else block
            continue
        merged.append(f"{pending}\n{block}" if pending else block)
        pending = ""
    if pending:
        merged.append(pending)
    return merged


def _is_heading(block: str) -> bool:
    return (
        block.startswith("<b>")
        and block.endswith("</b>")
        and block.count("<b>") == 1
        and "\n" not in block
    )


def _footer(tr: Translator, article: Article) -> list[str]:
    text = article.text(tr.lang)
    reviewed = escape(tr.gettext("Checked: {date}").format(date=tr.date(text.reviewed)))
    sources = "\n".join(
        f'• <a href="{escape(s.url, quote=True)}">{escape(s.title)}</a>' for s in text.sources
    )
    label = escape(tr.ngettext("Source", "Sources", len(text.sources)))
    # One block, so the date and the sources always share the last page.
    return [f"<i>{reviewed}</i>\n<b>{label}:</b>\n{sources}"]


def article_screen(
    tr: Translator,
    catalog: Catalog,
    article_id: str,
    page: int,
    country: str | None,
    other_matches: Sequence[str] = (),
) -> Screen | None:
    """A page of an article; `other_matches` (from a search) come before related articles."""
    article = catalog.library.get(article_id)
    if article is None:
        return None
    pages = article_pages(tr, catalog, article, country)
    page = min(max(page, 0), len(pages) - 1)
    rows: list[tuple[Button, ...]] = []
    if len(pages) > 1:
        nav: list[Button] = []
        if page > 0:
            nav.append(Button("‹", article_data(article_id, page - 1)))
        nav.append(Button(f"{page + 1}/{len(pages)}", NOOP))
        if page < len(pages) - 1:
            nav.append(Button("›", article_data(article_id, page + 1)))
        rows.append(tuple(nav))
    shown = {article_id}
    for prefix, ids, limit in (
        ("🔎 ", other_matches, MAX_OTHER_MATCHES),
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
    "article_gist",
    "article_pages",
    "article_screen",
    "section_screen",
    "section_title",
    "share_text",
]
