"""Chat with the bot in a terminal: the same Application, handlers and texts as in Telegram.

Telegram is replaced by the in-process Bot API emulator, so no token and no network are
needed; buttons are shown as numbered choices. The database lives in a temporary folder and
disappears when the console closes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from pydantic import SecretStr
from telegram import Update

from bot.content.telegram_html import plain_text
from bot.core.config import Settings
from bot.core.context import BotApplication
from devtools.fakeapi.emulator import BotApiEmulator
from devtools.fakeapi.models import BotMessage, FakeUser
from devtools.offline import offline_app

HELP = (
    "Type a question or a command (/start, /help, /language, /country, /settings, /forget).\n"
    "Type a number to press that button. Empty line or Ctrl-D to quit.\n"
    "Наберите вопрос или команду; цифра нажимает кнопку. Пустая строка или Ctrl-D — выход.\n"
)


class Console:
    """Drives the emulator as one user and prints what changed in the chat after each step."""

    def __init__(
        self, application: BotApplication, emulator: BotApiEmulator, user: FakeUser, out: TextIO
    ) -> None:
        self.application = application
        self.emulator = emulator
        self.user = user
        self.out = out
        self._seen: dict[int, str] = {}
        self._buttons: list[dict[str, Any]] = []
        self._button_message: int | None = None

    async def send_text(self, text: str) -> None:
        update = self.emulator.user_sends_text(self.user, text, deliver=False)
        await self._process(update)

    async def press(self, number: int) -> None:
        if not 1 <= number <= len(self._buttons) or self._button_message is None:
            self.out.write("(no such button)\n")
            return
        button = self._buttons[number - 1]
        if "url" in button:
            self.out.write(f"(opens {button['url']})\n")
            return
        if "switch_inline_query" in button:
            await self._inline(button["switch_inline_query"])
            return
        update = self.emulator.user_presses(
            self.user, self._button_message, button["callback_data"], deliver=False
        )
        query_id = update["callback_query"]["id"]
        await self._process(update, show=False)
        # A press answers in up to two ways: a notice (toast or alert) and a changed screen.
        # Both are printed, and a press that changed nothing says so: a silent console
        # after a press looks like a hang.
        notice = self.emulator.callback_answers.get(query_id, {}).get("text")
        if notice:
            self.out.write(f"({notice})\n")
        if not self.show_changes() and not notice:
            self.out.write("(nothing changed)\n")
            self.out.flush()

    async def _inline(self, query: str) -> None:
        update = self.emulator.user_inline_query(self.user, query, deliver=False)
        await self._process(update, show=False)
        answers = list(self.emulator.inline_answers.values())
        results = answers[-1].get("results", []) if answers else []
        self.out.write(f"(sharing: @{self.emulator.bot.username} {query})\n")
        for result in results[:5]:
            content = result.get("input_message_content", {}).get("message_text", "")
            self.out.write(plain_text(content) + "\n")

    async def _process(self, update: dict[str, Any], *, show: bool = True) -> None:
        parsed = Update.de_json(update, self.application.bot)
        await self.application.update_processor.process_update(
            parsed, self.application.process_update(parsed)
        )
        if show:
            self.show_changes()

    def show_changes(self) -> int:
        """Print every message that is new or edited since the last call; return how many.

        An edited message (a page turned, a menu opened in place) is printed again in full,
        marked as edited, so the console shows what Telegram would show in its place.
        """
        printed = 0
        for message in self.emulator.messages(self.user.id, include_deleted=True):
            state = (
                f"{message.deleted}|{message.edit_date}|{len(message.history)}|"
                f"{message.raw_text}|{message.reply_markup}"
            )
            known = message.message_id in self._seen
            if self._seen.get(message.message_id) == state:
                continue
            self._seen[message.message_id] = state
            if message.deleted:
                continue
            self._print(message, edited=known)
            printed += 1
        return printed

    def _print(self, message: BotMessage, *, edited: bool = False) -> None:
        self.out.write("\n" + "─" * 60 + (" (edited)" if edited else "") + "\n")
        self.out.write(plain_text(message.raw_text) if message.parse_mode else message.text)
        self.out.write("\n")
        if message.buttons:
            self._buttons = message.buttons
            self._button_message = message.message_id
            for number, button in enumerate(message.buttons, start=1):
                self.out.write(f"  [{number}] {button['text']}\n")
        self.out.flush()


async def _main(settings: Settings, lang: str | None, stdin: TextIO, out: TextIO) -> int:
    # The console is for reading the bot; start-up chatter would get in the way.
    logging.getLogger().setLevel(logging.WARNING)
    emulator = BotApiEmulator()
    user = emulator.new_user("Console", language_code=lang or "ru")
    async with offline_app(settings, emulator=emulator) as bot:
        console = Console(bot.app, emulator, user, out)
        out.write(HELP)
        await console.send_text("/start")
        while True:
            out.write("\n> ")
            out.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line or not line.strip():
                break
            text = line.strip()
            if text.isdigit() and len(text) <= 3:
                await console.press(int(text))
            else:
                await console.send_text(text)
    return 0


def run_console(
    settings: Settings, lang: str | None, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    with tempfile.TemporaryDirectory(prefix="bot-console-") as folder:
        # The console's database is thrown away on exit, so a throwaway key is right for it.
        local = settings.model_copy(
            update={
                "database_path": Path(folder) / "console.sqlite3",
                "secret_key": settings.secret_key or SecretStr(os.urandom(32).hex()),
            }
        )
        return asyncio.run(_main(local, lang, stdin, out))
