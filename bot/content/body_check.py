"""Checks on article text: links must be sendable and every page must be valid HTML.

Done at check time because Telegram refuses a whole message for one bad link or tag,
and the reader would only see that nothing came back.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.loader import LoadedFile
from bot.content.paginate import DEFAULT_LIMIT
from bot.content.problems import Problem, error
from bot.content.render import (
    ARTICLE_SCHEME,
    iter_links,
    paginate,
    render,
    render_blocks,
    validate_telegram_html,
)
from bot.content.telegram_html import telegram_length
from bot.content.urls import is_link_target

TELEGRAM_MESSAGE_LIMIT = 4096


def check_bodies(files: Sequence[LoadedFile]) -> list[Problem]:
    problems: list[Problem] = []
    for loaded in files:
        problems.extend(check_body(loaded))
    return problems


def check_body(loaded: LoadedFile) -> list[Problem]:
    path, body = loaded.path, loaded.article.body
    first = loaded.parsed.body_line
    problems = [
        error(
            path,
            first + line,
            f"link {href!r} is not a full http(s):// or tg:// address, nor article:<id>",
        )
        for line, href in iter_links(body)
        if not is_link_target(href) and not href.startswith(ARTICLE_SCHEME)
    ]
    problems.extend(
        error(path, first, f"rendered text is not valid Telegram HTML: {message}")
        for message in validate_telegram_html(render(body))
    )
    for number, page in enumerate(paginate(render_blocks(body), DEFAULT_LIMIT), start=1):
        length = telegram_length(page)
        if length > TELEGRAM_MESSAGE_LIMIT:
            problems.append(
                error(path, first, f"page {number} is {length} characters, over the limit")
            )
        problems.extend(
            error(path, first, f"page {number} is not valid Telegram HTML: {message}")
            for message in validate_telegram_html(page)
        )
    return problems
