"""Check and strip the HTML subset Telegram accepts with ``parse_mode=HTML``.

Telegram rejects a whole message over one stray ``<`` or an unknown tag, and the bot
only finds out at send time; validating at check time turns that into an editor's
error message instead of a user's missing answer.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.content.urls import is_link_target

ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote"})
# Telegram forbids any formatting inside code, and blockquotes inside blockquotes.
_NO_CHILDREN = frozenset({"code", "pre"})
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


class _Validator(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.errors: list[str] = []
        self.stack: list[str] = []
        self._source = source
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"unknown tag <{tag}>")
            return
        if (
            self.stack
            and self.stack[-1] in _NO_CHILDREN
            and not (tag == "code" and self.stack[-1] == "pre")
        ):
            self.errors.append(f"<{tag}> inside <{self.stack[-1]}>")
        if tag == "blockquote" and "blockquote" in self.stack:
            self.errors.append("<blockquote> inside <blockquote>")
        self._check_attrs(tag, dict(attrs))
        self.stack.append(tag)

    def _check_attrs(self, tag: str, attrs: dict[str, str | None]) -> None:
        allowed = {"a": {"href"}, "code": {"class"}, "blockquote": {"expandable"}}.get(tag, set())
        for name in attrs:
            if name not in allowed:
                self.errors.append(f"attribute {name!r} not allowed on <{tag}>")
        if tag == "a":
            href = attrs.get("href")
            if not href or not is_link_target(href):
                self.errors.append(f"<a> needs an http(s) or tg:// href, got {href!r}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing tag <{tag}/> is not allowed")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"unknown closing tag </{tag}>")
        elif not self.stack:
            self.errors.append(f"closing </{tag}> without an opening tag")
        elif self.stack[-1] != tag:
            self.errors.append(f"misnested tags: </{tag}> closes <{self.stack[-1]}>")
            if tag in self.stack:
                del self.stack[self.stack.index(tag) :]
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                self.errors.append(f"bare {char!r} must be written as an entity")

    def handle_entityref(self, name: str) -> None:
        self._check_entity()

    def handle_charref(self, name: str) -> None:
        self._check_entity()

    def _check_entity(self) -> None:
        match = _ENTITY.match(self._source, self._offset())
        if match is None:
            end = self._source.find(";", self._offset(), self._offset() + 12)
            text = self._source[self._offset() : end + 1 if end >= 0 else self._offset() + 8]
            self.errors.append(f"{text!r} is not an entity Telegram knows; write &amp;")

    def handle_comment(self, data: str) -> None:
        self.errors.append("HTML comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.errors.append("declarations are not allowed")

    def handle_pi(self, data: str) -> None:
        self.errors.append("processing instructions are not allowed")

    def unknown_decl(self, data: str) -> None:
        self.errors.append("unknown markup declaration")


def validate_telegram_html(html: str) -> list[str]:
    """Reasons Telegram would refuse ``html``; empty when it is safe to send."""
    validator = _Validator(html)
    validator.feed(html)
    validator.close()
    errors = validator.errors
    errors.extend(f"<{tag}> is never closed" for tag in reversed(validator.stack))
    return errors


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded (for snippets and the console)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


def telegram_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits; never under ``len``."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
