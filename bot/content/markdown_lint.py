"""Warnings for Markdown the bot cannot show in Telegram: it would appear literally or vanish.

Editors preview in a git host that renders tables, pictures and HTML; the bot sends
Telegram's few formats, so an editor must be told before readers see stray ``|`` or
``**`` or miss a footnote. The renderer never fails on these, so they are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.content.render import make_parser

# What a git host would also recognise: found with a parser that knows it, then reported.
_WIDE = MarkdownIt("commonmark", {"html": True}).enable(["strikethrough", "table"])
# The bot's own parser, but keeping escaped characters (``\*``) apart from plain text.
_BOT = make_parser().disable("text_join")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_UNCLOSED = (
    ("**", "**bold**"),
    ("__", "__bold__"),
    ("~~", "~~struck out~~"),
    ("`", "`code`"),
)

TABLE = (
    "a table cannot be shown in Telegram (readers would see rows of | characters); "
    "write it as a list instead"
)
HTML = (
    "HTML tags are shown as plain text in the bot; use Markdown instead: **bold**, "
    "*italic*, [text](https://…)"
)
IMAGE = (
    "pictures are not shown in the bot, only their description; link to the picture "
    "instead: [what it shows](https://…)"
)
NESTED_QUOTE = "a quote inside a quote is shown as one quote; use a single '>'"
FOOTNOTE = (
    "footnotes are not supported: the [^…] marks show as they are and the note itself "
    "is dropped; write the note in the text, and put its source in sources"
)


@dataclass(frozen=True)
class Finding:
    line: int  # 0-based, within the Markdown given
    message: str


def unsupported(markdown: str) -> list[Finding]:
    """Everything in ``markdown`` the bot would show literally or drop, once per line."""
    found = [
        *_constructs(markdown),
        *_unclosed(markdown),
        *_footnotes(markdown),
    ]
    return sorted(set(found), key=lambda f: (f.line, f.message))


def _constructs(markdown: str) -> Iterator[Finding]:
    quote_depth = 0
    for token in _WIDE.parse(markdown):
        line = token.map[0] if token.map else 0
        if token.type == "table_open":
            yield Finding(line, TABLE)
        elif token.type == "html_block":
            yield Finding(line, HTML)
        elif token.type == "blockquote_open":
            quote_depth += 1
            if quote_depth == 2:
                yield Finding(line, NESTED_QUOTE)
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "inline":
            for child_line, child in _inline_children(token):
                if child.type == "html_inline":
                    yield Finding(child_line, HTML)
                elif child.type == "image":
                    yield Finding(child_line, IMAGE)


def _unclosed(markdown: str) -> Iterator[Finding]:
    """Delimiters the bot's parser left as text: they would show as typed."""
    for token in _BOT.parse(markdown):
        if token.type != "inline":
            continue
        for line, child in _inline_children(token):
            if child.type != "text":
                continue
            for mark, example in _UNCLOSED:
                if mark in child.content:
                    yield Finding(
                        line,
                        f"{mark} is not closed, so it would show as typed: write {example}, "
                        f"or put a backslash before it (\\{mark[0]}) to show the character",
                    )
                    break


def _footnotes(markdown: str) -> Iterator[Finding]:
    fenced = False
    for number, text in enumerate(markdown.split("\n")):
        if _FENCE.match(text):
            fenced = not fenced
        elif not fenced and _FOOTNOTE.search(text):
            yield Finding(number, FOOTNOTE)


def _inline_children(token: Token) -> Iterator[tuple[int, Token]]:
    line = token.map[0] if token.map else 0
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        yield line, child
