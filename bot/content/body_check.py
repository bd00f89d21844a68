"""Checks on article text: links must be sendable and every page the bot sends must be valid.

Done at check time because Telegram refuses a whole message for one bad link or tag,
and the reader would only see that nothing came back. The pages checked are the ones
the bot sends: :func:`bot.content.pages.article_pages` with the real footer labels, with
no country note and with each of the article's country notes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path

from bot.content.frontmatter import FrontMatterError, split_file
from bot.content.loader import LoadedFile
from bot.content.markdown_lint import unsupported
from bot.content.models import Lang
from bot.content.pages import Labels, article_pages
from bot.content.problems import Problem, error, warning
from bot.content.render import (
    ARTICLE_SCHEME,
    iter_link_nodes,
    iter_links,
    render,
    render_blocks,
    validate_telegram_html,
)
from bot.content.suggest import did_you_mean
from bot.content.telegram_html import MAX_ENTITIES, entity_count, telegram_length
from bot.content.urls import is_link_target

TELEGRAM_MESSAGE_LIMIT = 4096


@cache
def _labels(lang: Lang) -> Labels:
    """The bot's own translator, so footers are measured with the words actually sent."""
    from bot.core.i18n import Translators

    return Translators()[lang]


def check_bodies(files: Sequence[LoadedFile]) -> list[Problem]:
    problems: list[Problem] = []
    for loaded in files:
        problems.extend(check_body(loaded))
        problems.extend(check_notes(loaded, _labels(loaded.article.lang)))
        problems.extend(check_pages(loaded, _labels(loaded.article.lang)))
    return problems


def check_body(loaded: LoadedFile) -> list[Problem]:
    problems = body_problems(loaded.path, loaded.article.body, loaded.parsed.body_line)
    problems.extend(
        error(
            loaded.path, loaded.parsed.body_line, f"rendered text is not valid Telegram HTML: {m}"
        )
        for m in validate_telegram_html(render(loaded.article.body))
    )
    return problems


def body_problems(path: Path, body: str, first: int) -> list[Problem]:
    """Links and unshowable Markdown: checkable even when the front matter is broken."""
    problems = [
        error(path, first + link.line, _bad_link(link.href))
        for link in iter_link_nodes(body)
        if not is_link_target(link.href)
        and not link.href.startswith(ARTICLE_SCHEME)
        and not link.text.startswith("^")  # a footnote: warned about below
    ]
    problems.extend(warning(path, first + f.line, f.message) for f in unsupported(body))
    return problems


def check_unloaded_bodies(
    articles_dir: Path, unloaded: Collection[tuple[str, str]], known: Collection[str]
) -> list[Problem]:
    """The text of files whose front matter failed, so one run shows all their mistakes."""
    problems: list[Problem] = []
    for article_id, lang in sorted(unloaded):
        path = articles_dir / f"{article_id}.{lang}.md"
        try:
            parsed = split_file(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontMatterError):
            continue  # already reported by the loader
        problems.extend(body_problems(path, parsed.body, parsed.body_line))
        for link in iter_link_nodes(parsed.body):
            target = link.article_id
            if target is not None and target not in known:
                problems.append(
                    error(
                        path,
                        parsed.body_line + link.line,
                        f"link [{link.text}](article:{target}): no article with id "
                        f"{target!r}{did_you_mean(target, known)}",
                    )
                )
    return problems


def check_notes(loaded: LoadedFile, labels: Labels) -> list[Problem]:
    """Country notes are Markdown too, shown inside a quote under the title."""
    problems: list[Problem] = []
    for code, note in loaded.article.countries.items():
        line = loaded.line_of("countries", code)
        name = labels.country(code)
        if note.lstrip().casefold().startswith(f"{name}:".casefold()):
            problems.append(
                warning(
                    loaded.path,
                    line,
                    f"countries.{code}: the bot already starts the note with '{name}:'; "
                    "remove it from the note",
                )
            )
        problems.extend(
            error(loaded.path, line, f"countries.{code}: {_bad_link(href)}")
            for _, href in iter_links(note)
            if not is_link_target(href)
        )
        problems.extend(
            warning(loaded.path, line, f"countries.{code}: {f.message}") for f in unsupported(note)
        )
        if note.lstrip().startswith(">"):
            problems.append(
                warning(
                    loaded.path,
                    line,
                    f"countries.{code}: a note is already shown as a quote; remove the '>'",
                )
            )
    return problems


def check_pages(loaded: LoadedFile, labels: Labels) -> list[Problem]:
    """Every page, as sent: length, HTML and Telegram's 100 formatting marks per message."""
    problems = []
    article = loaded.article
    variants: list[tuple[str | None, int, str]] = [(None, loaded.parsed.body_line, "")]
    variants.extend(
        (code, loaded.line_of("countries", code), f" (with the {code} note)")
        for code in article.countries
    )
    body = render_blocks(article.body)
    for country, line, label in variants:
        pages = article_pages(labels, article, country, body=body)
        for number, page in enumerate(pages, start=1):
            where = f"page {number}{label}"
            length = telegram_length(page)
            if length > TELEGRAM_MESSAGE_LIMIT:
                problems.append(
                    error(loaded.path, line, f"{where} is {length} characters, over the limit")
                )
            messages = validate_telegram_html(page)
            problems.extend(
                error(loaded.path, line, f"{where} is not valid Telegram HTML: {message}")
                for message in messages
            )
            if not messages and (count := entity_count(page)) > MAX_ENTITIES:
                problems.append(
                    error(
                        loaded.path,
                        line,
                        f"{where} has {count} bold, italic, link and other marks; Telegram "
                        f"shows at most {MAX_ENTITIES} per message: use fewer in this part",
                    )
                )
    return problems


def _bad_link(href: str) -> str:
    return (
        f"link {href!r} is not a full http(s):// or tg:// address, nor article:<id> "
        "for another article"
    )
