"""A local Telegram Bot API: in-memory emulator plus an in-process PTB transport.

Used by the offline console (``python -m bot console``), the end-to-end tests and the
update benchmark, so none of them needs the network or a real bot token.
"""

from bot.fakeapi.emulator import BotApiEmulator
from bot.fakeapi.errors import ApiError
from bot.fakeapi.models import BotMessage, Call, FakeChat, FakeUser
from bot.fakeapi.request import EmulatorRequest

__all__ = [
    "ApiError",
    "BotApiEmulator",
    "BotMessage",
    "Call",
    "EmulatorRequest",
    "FakeChat",
    "FakeUser",
]
