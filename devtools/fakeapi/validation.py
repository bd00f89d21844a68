"""The checks Telegram applies to what a bot sends, for the fields this bot uses.

Only checks that change behaviour in production are modelled: a message too long, broken
HTML, oversized callback data or keyboards. Each failure is a 400 with Telegram's wording.
"""

from __future__ import annotations

from typing import Any

from devtools.fakeapi.errors import ApiError
from devtools.fakeapi.html import HtmlParseError, ParsedText, parse_html, utf16_len

MAX_TEXT_UTF16 = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100
MAX_CALLBACK_ANSWER = 200
MAX_INLINE_RESULTS = 50
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_SCHEMES = ("http://", "https://", "tg://", "ton://")


def _strip(parsed: ParsedText) -> ParsedText:
    """Telegram trims surrounding whitespace and shifts/clips entities to match."""
    lead_text = parsed.text[: len(parsed.text) - len(parsed.text.lstrip())]
    text = parsed.text.strip()
    shift, end = utf16_len(lead_text), utf16_len(text)
    entities = []
    for entity in parsed.entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            entities.append({**entity, "offset": start, "length": stop - start})
    return ParsedText(text, entities)


def render_text(
    text: Any, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> ParsedText:
    """Apply parse_mode like Telegram and enforce the 1-4096 UTF-16 unit length."""
    if not isinstance(text, str):
        raise ApiError.bad_request("message text is empty")
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            parsed = parse_html(text)
        except HtmlParseError as exc:
            raise ApiError.bad_request(f"can't parse entities: {exc}") from None
    elif mode in {"", "none"}:
        parsed = ParsedText(text, list(entities or []))
    elif mode in {"markdown", "markdownv2"}:
        # This bot speaks HTML; Markdown is passed through unparsed rather than half-emulated.
        parsed = ParsedText(text, [])
    else:
        raise ApiError.bad_request(f"unsupported parse_mode {parse_mode!r}")
    parsed = _strip(parsed)
    if not parsed.text:
        raise ApiError.bad_request("message text is empty")
    if utf16_len(parsed.text) > MAX_TEXT_UTF16:
        raise ApiError.bad_request("message is too long")
    return parsed


def _validate_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise ApiError.bad_request("can't parse inline keyboard button: Text must be a string")
    if not button["text"].strip():
        raise ApiError.bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if not actions:
        raise ApiError.bad_request("text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else 0
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise ApiError.bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not str(button["url"]).startswith(_URL_SCHEMES):
        raise ApiError.bad_request("BUTTON_URL_INVALID")


def validate_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Check an inline keyboard the way Telegram does; other markups pass through."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError.bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError.bad_request(
            'can\'t parse inline keyboard markup: Field "inline_keyboard" must be of type Array'
        )
    count = 0
    for row in rows:
        for button in row:
            _validate_button(button)
            count += 1
    if count > MAX_INLINE_BUTTONS:
        raise ApiError.bad_request("reply markup is too long")
    return markup


def validate_commands(commands: Any) -> list[dict[str, str]]:
    """setMyCommands: 1-32 chars of a-z, 0-9 and _, description 1-256 chars, at most 100."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError.bad_request("can't parse commands JSON object")
    result = []
    for item in commands:
        name = str(item.get("command", "")) if isinstance(item, dict) else ""
        description = str(item.get("description", "")) if isinstance(item, dict) else ""
        valid_name = 1 <= len(name) <= 32 and all(
            c.isascii() and (c.isalnum() or c == "_") for c in name
        )
        if not valid_name or name != name.lower():
            raise ApiError.bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise ApiError.bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        result.append({"command": name, "description": description})
    return result
