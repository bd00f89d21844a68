"""Telegram's HTML parse mode for the emulator: the bot's own parser, so they never disagree.

The bot's content check and the emulator used to parse HTML with opposite rules; a page
that passed one could fail the other. Both now use :mod:`bot.content.telegram_html`.
"""

from __future__ import annotations

from bot.content.telegram_html import HtmlParseError, ParsedText, parse_html, utf16_len

__all__ = ["HtmlParseError", "ParsedText", "parse_html", "utf16_len"]
