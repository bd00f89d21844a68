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
from bot.content.paginate import MIN_LIMIT, paginate
from bot.content.render import render_blocks
from bot.content.telegram_html import telegram_length

# Room left under Telegram's 4,096 characters for what Telegram counts differently.
PAGE_LIMIT = 3800
# Below this much room next to the footer, re-cutting the last page is not worth it.
_MIN_TAIL = 200


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
    pages = paginate(keep_headings_with_text(blocks), limit)
    return attach_footer(pages, footer(tr, text), limit)


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


def attach_footer(pages: list[str], footer_block: str, limit: int) -> list[str]:
    """Put the footer on the last page, never on a page of its own.

    A last page of nothing but the date and sources reads as if the article had been cut
    off. When the last page is too full to take the footer, its end moves over to the
    footer's page instead: about half of the room the footer leaves, cut at a break.
    """
    if not pages:
        return paginate([footer_block], limit)
    last = pages[-1]
    glued = f"{last}\n\n{footer_block}"
    if telegram_length(glued) <= limit:
        return [*pages[:-1], glued]
    room = limit - telegram_length(footer_block) - 2
    size = telegram_length(last)
    for head_limit in (size - room // 2, size - 1):
        if room < _MIN_TAIL or head_limit < MIN_LIMIT:
            break
        halves = paginate([last], head_limit)
        if len(halves) == 2:
            head, tail = _heading_goes_with_its_text(*halves)
            if head and telegram_length(tail) <= room:
                return [*pages[:-1], head, f"{tail}\n\n{footer_block}"]
    # Sources too long to share a page: they start under the text and run on.
    space = limit - size - 2
    if space < _MIN_TAIL:
        return [*pages, *paginate([footer_block], limit)]
    first, *rest = paginate([footer_block], space)
    # The footer is one source per line, so its pieces were cut at line breaks.
    more = paginate(["\n".join(rest)], limit) if rest else []
    return [*pages[:-1], f"{last}\n\n{first}", *more]


def _heading_goes_with_its_text(head: str, tail: str) -> tuple[str, str]:
    """A cut inside a page may fall between a heading and its text: move the heading over."""
    lines = head.rstrip().splitlines()
    while lines and _is_heading(lines[-1]):
        tail = f"{lines.pop()}\n{tail}"
    return "\n".join(lines).rstrip(), tail


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
