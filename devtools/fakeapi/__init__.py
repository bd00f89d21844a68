"""A local Telegram Bot API: in-memory emulator plus an in-process PTB transport.

Used by the offline console (``python -m bot console``), the end-to-end tests and the
update benchmark, so none of them needs the network or a real bot token.
"""

from devtools.fakeapi.emulator import BotApiEmulator
from devtools.fakeapi.errors import ApiError
from devtools.fakeapi.faults import Faults, FloodControl
from devtools.fakeapi.models import BotMessage, Call, FakeChat, FakeUser
from devtools.fakeapi.request import EmulatorRequest

__all__ = [
    "ApiError",
    "BotApiEmulator",
    "BotMessage",
    "Call",
    "EmulatorRequest",
    "FakeChat",
    "FakeUser",
    "Faults",
    "FloodControl",
]
