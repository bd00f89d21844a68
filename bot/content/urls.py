"""Which link targets the bot can send: Telegram only accepts http(s) and tg:// links."""

from __future__ import annotations

import re

# Same shape as ``Source.url``'s rule, so body links and sources are judged alike.
_HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_TG_URL = re.compile(r"^tg://\S+$")


def is_http_url(url: str) -> bool:
    return bool(_HTTP_URL.match(url))


def is_link_target(url: str) -> bool:
    return is_http_url(url) or bool(_TG_URL.match(url))
