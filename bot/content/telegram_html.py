"""Telegram's ``parse_mode=HTML`` dialect: one parser for the bot's checks and the emulator.

Telegram does not use a browser-grade HTML parser: it accepts a handful of tags, needs them
balanced, and rejects anything else with "can't parse entities". The bot only learns that at
send time, when the reader gets nothing; so the content check, the article pages and the
offline emulator all parse with this one model of TDLib's ``parse_html``, and a page the
check passed is a page the emulator (and Telegram) accepts.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from typing import Any

from bot.content.urls import is_link_target

# Tag name -> entity type. ``span`` is only allowed with class="tg-spoiler".
_TAG_ENTITY: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED_ENTITIES: dict[str, str] = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_SPECIAL = re.compile(r"[<&]")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]*);")
_TAG_NAME = re.compile(r"[a-zA-Z0-9-]*")
_ATTRIBUTE = re.compile(
    r"\s*([a-zA-Z0-9_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?\s*"
)


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's explanation."""


@dataclass
class ParsedText:
    """Plain text plus MessageEntity dicts with UTF-16 offsets, as Telegram returns them."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _OpenTag:
    name: str
    offset: int  # UTF-16 offset of the entity start in the plain text
    attributes: dict[str, str]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit Telegram counts message length and offsets in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(match: re.Match[str]) -> str | None:
    body = match.group(1)
    if body.startswith(("#x", "#X")):
        code = int(body[2:], 16)
    elif body.startswith("#"):
        code = int(body[1:])
    else:
        return _NAMED_ENTITIES.get(body)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HtmlParseError(f"Invalid numeric HTML entity {match.group(0)!r}")
    return chr(code)


class _Parser:
    """One pass over the text; keeps the open-tag stack and the UTF-16 output position."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.pos16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []
        # (inner tag, outer tag) for every tag opened inside another, for the bot's checks.
        self.nested: list[tuple[str, str]] = []

    def emit(self, chunk: str) -> None:
        if chunk:
            self.out.append(chunk)
            self.pos16 += utf16_len(chunk)

    def run(self) -> ParsedText:
        src, i = self.source, 0
        while True:
            match = _SPECIAL.search(src, i)
            if match is None:
                self.emit(src[i:])
                break
            self.emit(src[i : match.start()])
            i = match.start()
            i = self.entity(i) if src[i] == "&" else self.tag(i)
        if self.stack:
            raise HtmlParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), self.entities)

    def entity(self, i: int) -> int:
        match = _ENTITY.match(self.source, i)
        if match is None:  # a bare "&" is just a character for Telegram
            self.emit("&")
            return i + 1
        decoded = _decode_entity(match)
        if decoded is None:
            # Telegram would show "&nbsp;" literally, which is always a bot bug: be strict.
            raise HtmlParseError(
                f"Unsupported HTML entity {match.group(0)!r} at byte offset "
                f"{_byte_offset(self.source, i)}"
            )
        self.emit(decoded)
        return match.end()

    def tag(self, i: int) -> int:
        src = self.source
        if src.startswith("</", i):
            return self.end_tag(i)
        name_match = _TAG_NAME.match(src, i + 1)
        assert name_match is not None  # the pattern matches the empty string
        name = name_match.group(0).lower()
        if name not in _TAG_ENTITY:
            raise HtmlParseError(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(src, i)}'
            )
        j, attributes = name_match.end(), {}
        while True:
            if j >= len(src):
                raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(src, i)}")
            if src[j] == ">":
                break
            attr = _ATTRIBUTE.match(src, j)
            if attr is None or attr.end() == j:
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}" '
                    f"at byte offset {_byte_offset(src, j)}"
                )
            value = next((g for g in attr.groups()[1:] if g is not None), "")
            attributes[attr.group(1).lower()] = value
            j = attr.end()
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(src, i)}'
            )
        self.nested.extend((name, outer.name) for outer in self.stack)
        self.stack.append(_OpenTag(name, self.pos16, attributes))
        return j + 1

    def end_tag(self, i: int) -> int:
        src = self.source
        name_match = _TAG_NAME.match(src, i + 2)
        assert name_match is not None
        name = name_match.group(0).lower()
        j = name_match.end()
        while j < len(src) and src[j].isspace():
            j += 1
        if j >= len(src) or src[j] != ">":
            raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(src, i)}")
        if not self.stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {_byte_offset(src, i)}")
        top = self.stack.pop()
        if name and name != top.name:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {_byte_offset(src, i)}, "
                f'expected "</{top.name}>", found "</{name}>"'
            )
        self.close(top)
        return j + 1

    def close(self, tag: _OpenTag) -> None:
        length = self.pos16 - tag.offset
        if length <= 0:
            return
        kind = _TAG_ENTITY[tag.name]
        entity: dict[str, Any] = {"type": kind, "offset": tag.offset, "length": length}
        if kind == "text_link":
            href = tag.attributes.get("href", "")
            if not href:
                return
            if href.startswith("tg://user?id="):
                entity = {**entity, "type": "text_mention"}
            entity["url"] = href
        elif kind == "blockquote" and "expandable" in tag.attributes:
            entity["type"] = "expandable_blockquote"
        elif kind == "code" and self.stack and self.stack[-1].name == "pre":
            language = tag.attributes.get("class", "")
            if language.startswith("language-"):
                # Telegram folds <pre><code class="language-x"> into one pre entity.
                self.stack[-1].attributes["language"] = language.removeprefix("language-")
                return
        elif kind == "pre" and tag.attributes.get("language"):
            entity["language"] = tag.attributes["language"]
        self.entities.append(entity)


def parse_html(source: str) -> ParsedText:
    """Parse Telegram HTML into plain text and entities, or raise :class:`HtmlParseError`."""
    return _Parser(source).run()


# Telegram's limit per message; entities after the 100th lose their formatting.
MAX_ENTITIES = 100
_QUOTES = frozenset({"blockquote"})
_CODE = frozenset({"code", "pre"})


def telegram_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits; never under ``len``."""
    return utf16_len(text)


def validate_telegram_html(html: str) -> list[str]:
    """Reasons Telegram would refuse or mangle ``html``; empty when it is safe to send.

    Beyond what Telegram refuses outright, formatting Telegram would silently drop (inside
    code, a quote in a quote) and links it cannot open are reported too: each one means
    the reader sees something other than what the editor wrote.
    """
    parser = _Parser(html)
    try:
        parsed = parser.run()
    except HtmlParseError as exc:
        return [str(exc)]
    errors = [
        f"<a> needs an http(s) or tg:// href, got {entity['url']!r}"
        for entity in parsed.entities
        if "url" in entity and not is_link_target(entity["url"])
    ]
    for inner, outer in parser.nested:
        if outer in _CODE and not (inner == "code" and outer == "pre"):
            errors.append(f"<{inner}> inside <{outer}>: Telegram drops formatting in code")
        elif inner in _QUOTES and outer in _QUOTES:
            errors.append("<blockquote> inside <blockquote>")
    return errors


def entity_count(html: str) -> int:
    """How many formatting entities Telegram makes of ``html`` (it keeps the first 100)."""
    return len(parse_html(html).entities)


def plain_text(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded (for snippets and the console)."""
    try:
        return parse_html(html).text
    except HtmlParseError:
        return _html.unescape(re.sub(r"<[^>]*>", "", html))
