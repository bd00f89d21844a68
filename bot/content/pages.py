"""The messages an article is sent as: title, country note, text and footer, paginated.

The content check and the article screen both call :func:`article_pages`, so the check
measures exactly the pages the bot sends (same parts, same limit, same labels) and an
article that passes can never be refused by Telegram for its length or its HTML.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Protocol

from bot.content.models import ArticleFile
from bot.content.paginate import paginate
from bot.content.render import render_blocks
from bot.content.telegram_html import telegram_length

# Room left under Telegram's 4,096 characters for what Telegram counts differently.
PAGE_LIMIT = 3800


class Labels(Protocol):
    """What the pages need from a translator: the footer's words, dates and country names."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...

    def date(self, value: date) -> str: ...

    def country(self, code: str) -> str: ...


def article_pages(
    tr: Labels,
    text: ArticleFile,
    country: str | None,
    limit: int = PAGE_LIMIT,
    *,
    body: list[str] | None = None,
) -> list[str]:
    """Pages of ``text``; ``country``'s note comes right under the title when it has one.

    ``body`` is ``render_blocks(text.body)`` when the caller already has it.
    """
    blocks = [f"<b>{escape(text.title)}</b>"]
    if country is not None and country in text.countries:
        blocks.append(country_note(tr, country, text.countries[country]))
    blocks.extend(render_blocks(text.body) if body is None else body)
    blocks = keep_headings_with_text(blocks)
    return paginate(with_footer(blocks, footer(tr, text), limit), limit)


def country_note(tr: Labels, country: str, note: str) -> str:
    """``📍 Georgia: …`` as one quote; a ``>`` in the note adds no second (refused) quote."""
    inner = "\n".join(render_blocks(note, in_quote=True))
    return f"<blockquote>📍 <b>{escape(tr.country(country))}:</b> {inner}</blockquote>"


def footer(tr: Labels, text: ArticleFile) -> str:
    """One block, so the review date and the sources always share a page."""
    reviewed = escape(tr.gettext("Checked: {date}").format(date=tr.date(text.reviewed)))
    sources = "\n".join(
        f'• <a href="{escape(s.url, quote=True)}">{escape(s.title)}</a>' for s in text.sources
    )
    label = escape(tr.ngettext("Source", "Sources", len(text.sources)))
    return f"<i>{reviewed}</i>\n<b>{label}:</b>\n{sources}"


def with_footer(blocks: list[str], footer_block: str, limit: int) -> list[str]:
    """Glue the footer to the last block when both fit one page.

    Otherwise a page break just before the footer leaves a last page of nothing but the
    date and sources, which reads as if the article had been cut off.
    """
    if blocks:
        glued = f"{blocks[-1]}\n\n{footer_block}"
        if telegram_length(glued) <= limit:
            return [*blocks[:-1], glued]
    return [*blocks, footer_block]


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
