"""What the user sees, as plain data: text (Telegram HTML) and buttons.

Handlers only send or edit what these functions return, so every screen is tested without
Telegram, and the console shows exactly what a phone would.
"""

from bot.screens.base import Button, Screen

__all__ = ["Button", "Screen"]
