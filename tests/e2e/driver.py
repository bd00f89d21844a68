"""What a test holds while the real bot runs: people who chat with it, and the process.

A ``Person`` acts through the emulator exactly as a Telegram client would (sending text,
pressing buttons of messages it can see) and waits for the bot's answers. Every action
first marks earlier bot output as read, so ``wait_reply`` returns the reaction to that
action and not some older message.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devtools.fakeapi import BotApiEmulator, BotMessage, FakeUser

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def is_russian(text: str) -> bool:
    """Mostly Cyrillic letters: the structural way to tell the RU interface from the EN one."""
    cyr = len(CYRILLIC.findall(text))
    lat = len(re.findall(r"[A-Za-z]", text))
    return cyr > lat


def is_english(text: str) -> bool:
    return not is_russian(text) and bool(LATIN_WORD.search(text))


@dataclass
class Person:
    """A Telegram user in a private chat with the bot."""

    emulator: BotApiEmulator
    user: FakeUser
    last_update: dict[str, Any] = field(default_factory=dict)

    @property
    def chat_id(self) -> int:
        return self.user.id

    def send(self, text: str) -> dict[str, Any]:
        self.emulator.skip_pending(self.chat_id)
        self.last_update = self.emulator.user_sends_text(self.user, text)
        return self.last_update

    def send_fragment(self, fragment: dict[str, Any]) -> dict[str, Any]:
        self.emulator.skip_pending(self.chat_id)
        self.last_update = self.emulator.user_sends(self.user, fragment)
        return self.last_update

    def press(
        self, *, text: str | None = None, data: str | None = None, message: BotMessage | None = None
    ) -> dict[str, Any]:
        """Press a button of ``message`` (default: the last bot message) by label or data."""
        target = message or self.last_message()
        button = find_button(target, text=text, data=data)
        self.emulator.skip_pending(self.chat_id)
        self.last_update = self.emulator.user_presses(
            self.user, target.message_id, button["callback_data"]
        )
        return self.last_update

    def last_message(self) -> BotMessage:
        message = self.emulator.last_message(self.chat_id)
        if message is None:
            raise AssertionError(f"the bot has not written to {self.user.first_name} yet")
        return message

    def messages(self) -> list[BotMessage]:
        return self.emulator.messages(self.chat_id)

    async def wait_reply(
        self, predicate: Callable[[BotMessage], bool] | None = None, within: float = 10.0
    ) -> BotMessage:
        """The next new or edited bot message after the last action."""
        return await self.emulator.wait_for_bot_message(self.chat_id, predicate, within)

    async def ask(self, text: str, within: float = 10.0) -> BotMessage:
        self.send(text)
        return await self.wait_reply(within=within)

    async def tap(
        self,
        *,
        text: str | None = None,
        data: str | None = None,
        message: BotMessage | None = None,
        within: float = 10.0,
    ) -> BotMessage:
        """Press a button and wait for the bot's reaction (usually an edit of that message)."""
        self.press(text=text, data=data, message=message)
        return await self.wait_reply(within=within)

    async def callback_answered(self, within: float = 10.0) -> dict[str, Any]:
        """The bot's answerCallbackQuery for the last press (Telegram clients spin until then)."""
        query_id = self.last_update["callback_query"]["id"]
        deadline = asyncio.get_running_loop().time() + within
        while query_id not in self.emulator.callback_answers:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"callback query {query_id} was never answered")
            await asyncio.sleep(0.02)
        return self.emulator.callback_answers[query_id]


def find_button(
    message: BotMessage, *, text: str | None = None, data: str | None = None
) -> dict[str, Any]:
    """A callback button by exact data, or by label substring (case-insensitive)."""
    for button in message.buttons:
        if "callback_data" not in button:
            continue
        if data is not None and button["callback_data"] == data:
            return button
        if text is not None and text.lower() in button["text"].lower():
            return button
    labels = [(b["text"], b.get("callback_data")) for b in message.buttons]
    raise AssertionError(f"no button text={text!r} data={data!r} in message; buttons: {labels}")


@dataclass
class BotHarness:
    """The running bot plus its emulator; ``person()`` makes new chat partners."""

    emulator: BotApiEmulator
    database_path: Path
    stderr_path: Path
    api_url: str
    process: asyncio.subprocess.Process | None = None

    def person(self, first_name: str = "Анна", language_code: str | None = "ru") -> Person:
        return Person(self.emulator, self.emulator.new_user(first_name, language_code))

    def stderr(self) -> str:
        if not self.stderr_path.exists():
            return ""
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")
