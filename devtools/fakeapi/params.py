"""Decoding of Bot API parameters as they arrive on the wire.

PTB sends every parameter as a form field: strings as-is, everything else JSON-encoded
(``"123"``, ``"true"``, ``'{"inline_keyboard": ...}'``). The emulator accepts both that and
already-decoded Python values, so tests may call it directly with natural arguments.
"""

from __future__ import annotations

import json
from typing import Any

from devtools.fakeapi.errors import ApiError

# Parameters whose value is a JSON object or array.
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "results",
        "entities",
        "caption_entities",
        "link_preview_options",
        "scope",
        "menu_button",
        "reply_parameters",
        "message_ids",
        "allowed_updates",
        "button",
    }
)
INT_FIELDS = frozenset(
    {
        "offset",
        "limit",
        "message_id",
        "cache_time",
        "max_connections",
        "message_thread_id",
        "user_id",
        "from_chat_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "is_personal",
        "drop_pending_updates",
        "for_channels",
        "allow_sending_without_reply",
        "disable_web_page_preview",
    }
)
# Fields that hold a chat id: an integer or a "@username" string.
CHAT_ID_FIELDS = frozenset({"chat_id", "from_chat_id"})


def _json(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        raise ApiError.bad_request(f"can't parse {name} JSON object") from None


def _int(name: str, value: Any) -> int:
    if isinstance(value, bool):
        raise ApiError.bad_request(f"invalid {name} specified")
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        raise ApiError.bad_request(f"invalid {name} specified") from None


def _float(name: str, value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ApiError.bad_request(f"invalid {name} specified") from None


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1"}
    return bool(value)


def _chat_id(value: Any) -> int | str:
    if isinstance(value, str) and value.startswith("@"):
        return value
    return _int("chat_id", value)


def decode_params(params: dict[str, Any]) -> dict[str, Any]:
    """Turn wire-format parameters into Python values; bad JSON is a 400 like Telegram's."""
    decoded: dict[str, Any] = {}
    for name, value in params.items():
        if value is None:
            continue
        if name in JSON_FIELDS:
            decoded[name] = _json(name, value)
        elif name in CHAT_ID_FIELDS:
            decoded[name] = _chat_id(value)
        elif name == "timeout":
            decoded[name] = _float(name, value)
        elif name in INT_FIELDS:
            decoded[name] = _int(name, value)
        elif name in BOOL_FIELDS:
            decoded[name] = _bool(value)
        else:
            decoded[name] = value
    return decoded
