"""Markdown article bodies → the HTML subset Telegram accepts.

Walks markdown-it's token tree directly instead of post-processing its HTML output:
every character of text passes through ``html.escape`` exactly once and only tags
this module emits can appear, so the output is valid by construction.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from bot.content.paginate import paginate
from bot.content.telegram_html import plain_text, validate_telegram_html
from bot.content.urls import is_link_target

__all__ = [
    "ARTICLE_SCHEME",
    "Link",
    "article_links",
    "iter_link_nodes",
    "iter_links",
    "make_parser",
    "paginate",
    "plain_text",
    "render",
    "render_blocks",
    "validate_telegram_html",
]

# `[Exact title](article:other-id)`: a cross-reference, shown as bold text plus a button.
ARTICLE_SCHEME = "article:"
_INLINE_TAGS = {"em": "i", "strong": "b", "s": "s"}
_INDENT = "   "
_RULE = "———"


def make_parser() -> MarkdownIt:
    """CommonMark without raw HTML (it would be escaped text), plus ~~strikethrough~~."""
    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def render_blocks(markdown: str, *, in_quote: bool = False) -> list[str]:
    """One balanced HTML string per top-level block; pagination never splits between tags.

    ``in_quote`` is for text the caller wraps in a quote itself (country notes): a ``>`` in
    it then adds no second quote, which Telegram would refuse.
    """
    tree = SyntaxTreeNode(make_parser().parse(markdown))
    renderer = _Renderer(in_quote=in_quote)
    blocks = (renderer.block(node) for node in tree.children)
    return [block for block in blocks if block.strip()]


def render(markdown: str) -> str:
    return "\n\n".join(render_blocks(markdown))


@dataclass(frozen=True)
class Link:
    """A link as written: where it is, where it goes and the words it shows."""

    line: int  # 0-based, within the Markdown given
    href: str
    text: str

    @property
    def article_id(self) -> str | None:
        """The target of an ``article:`` cross-reference, else None."""
        if not self.href.startswith(ARTICLE_SCHEME):
            return None
        return self.href.removeprefix(ARTICLE_SCHEME).strip()


def iter_link_nodes(markdown: str) -> Iterator[Link]:
    """Every link with its line, so the checker can point at the one to fix."""
    tree = SyntaxTreeNode(make_parser().parse(markdown))
    for node in tree.walk():
        if node.type != "inline" or node.map is None:
            continue
        line = node.map[0]
        for child in node.walk():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link":
                yield Link(line, str(child.attrs.get("href", "")), _alt_text(child))


def iter_links(markdown: str) -> Iterator[tuple[int, str]]:
    """(0-based line, href) of every link."""
    for link in iter_link_nodes(markdown):
        yield link.line, link.href


@lru_cache(maxsize=1024)
def article_links(markdown: str) -> tuple[str, ...]:
    """Ids of the articles a body links to, first mention first, each once."""
    ids = (link.article_id for link in iter_link_nodes(markdown))
    return tuple(dict.fromkeys(i for i in ids if i))


class _Renderer:
    """Stateful only for the inline tag stack, so a format is never nested in itself."""

    def __init__(self, *, in_quote: bool = False) -> None:
        self._open: list[str] = []
        self._in_quote = in_quote

    def block(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "paragraph":
            return self._children(node)
        if kind == "heading":
            return self._format("b", node)
        if kind in ("bullet_list", "ordered_list"):
            return self._list(node)
        if kind == "blockquote":
            return self._blockquote(node)
        if kind in ("fence", "code_block"):
            return f"<pre>{_escape(node.content.rstrip(chr(10)))}</pre>"
        if kind == "hr":
            return _RULE
        if kind == "inline":
            return self.inline(node)
        # Anything else (html_block can't occur with html off): keep the source as text.
        return _escape(node.content)

    def _blockquote(self, node: SyntaxTreeNode) -> str:
        nested = self._in_quote
        self._in_quote = True
        inner = "\n\n".join(b for b in (self.block(c) for c in node.children) if b.strip())
        self._in_quote = nested
        # Telegram rejects nested blockquotes; an inner quote just stays inside the outer.
        return inner if nested else f"<blockquote>{inner}</blockquote>"

    def _list(self, node: SyntaxTreeNode) -> str:
        ordered = node.type == "ordered_list"
        number = int(str(node.attrs.get("start", 1))) if ordered else 0
        lines: list[str] = []
        for item in node.children:
            marker = f"{number}. " if ordered else "• "
            number += 1
            parts = [b for b in (self.block(child) for child in item.children) if b.strip()]
            item_lines = "\n".join(parts).split("\n") if parts else [""]
            lines.append(marker + item_lines[0])
            lines.extend(_INDENT + line if line else line for line in item_lines[1:])
        return "\n".join(lines)

    def inline(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind in ("text", "text_special"):
            return _escape(node.content)
        if kind in ("softbreak", "hardbreak"):
            return "\n"
        if kind == "code_inline":
            return f"<code>{_escape(node.content)}</code>"
        if kind == "image":
            return _escape(_alt_text(node))
        if kind in _INLINE_TAGS:
            return self._format(_INLINE_TAGS[kind], node)
        if kind == "link":
            return self._link(node)
        if kind == "inline":
            return self._children(node)
        return _escape(node.content)

    def _children(self, node: SyntaxTreeNode) -> str:
        return "".join(self.inline(child) for child in node.children)

    def _format(self, tag: str, node: SyntaxTreeNode) -> str:
        """Wrap in ``tag`` unless already inside it (``# **x**`` would nest <b> twice)."""
        if tag in self._open:
            return self._children(node)
        self._open.append(tag)
        inner = self._children(node)
        self._open.pop()
        return f"<{tag}>{inner}</{tag}>" if inner else ""

    def _link(self, node: SyntaxTreeNode) -> str:
        href = str(node.attrs.get("href", ""))
        if href.startswith(ARTICLE_SCHEME):
            # The button under the article opens it; inline it only names it.
            return self._format("b", node)
        if "a" in self._open or not is_link_target(href):
            return self._children(node)
        self._open.append("a")
        inner = self._children(node)
        self._open.pop()
        return f'<a href="{html.escape(href, quote=True)}">{inner}</a>' if inner else ""


def _alt_text(node: SyntaxTreeNode) -> str:
    return "".join(
        child.content
        for child in node.walk()
        if child.type in ("text", "text_special", "code_inline")
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
