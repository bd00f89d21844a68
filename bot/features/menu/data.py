"""Callback data of the menu feature: plain words, matched whole."""

from bot.core.screens import HOME, NOOP

HELP = "help"
SEARCH = "search"
PATTERN = rf"^({HOME}|{HELP}|{SEARCH}|{NOOP})$"
