"""Plain records the emulator keeps: people, chats, the bot's messages and the call log.

They are dataclasses rather than PTB objects so that tests can assert on them without a
``Bot`` instance and so that the emulator stays independent of any client library.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user as it appears in ``from`` fields."""

    id: int
    first_name: str
    language_code: str | None = "en"
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class FakeChat:
    """A chat; private chats share their id with the user, groups have negative ids."""

    id: int
    type: str = "private"
    title: str | None = None
    first_name: str | None = None
    username: str | None = None
    is_forum: bool = False

    @classmethod
    def private(cls, user: FakeUser) -> FakeChat:
        return cls(id=user.id, first_name=user.first_name, username=user.username)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "first_name", "username"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass
class ForumTopic:
    """A topic of a forum supergroup; its id is the id of the service message that began it."""

    thread_id: int
    name: str
    icon_color: int = 7322096
    closed: bool = False
    deleted: bool = False
    history: list[str] = field(default_factory=list)


@dataclass
class BotMessage:
    """One message the bot sent, in its current state (edits overwrite, history is kept).

    ``text`` is the text after entity parsing, exactly as a user sees it; ``raw_text`` is
    what the bot sent.
    """

    chat_id: int
    message_id: int
    text: str
    raw_text: str
    parse_mode: str | None
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    date: int
    edited: bool = False
    deleted: bool = False
    edit_date: int | None = None
    link_preview_options: dict[str, Any] | None = None
    # Sent silently (``disable_notification``): the phone does not ring.
    disable_notification: bool = False
    history: list[str] = field(default_factory=list)
    # Forum topic the message is in; what copyMessage copied (chat id, message id); the
    # media of a copy (photo, document, voice...), whose caption is ``text``.
    thread_id: int | None = None
    copied_from: tuple[int, int] | None = None
    media: dict[str, Any] | None = None
    pinned: bool = False

    @property
    def callback_data(self) -> list[str]:
        """All callback_data values of the inline keyboard, row by row."""
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """All inline keyboard buttons, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def snapshot(self) -> BotMessage:
        """A copy as of now, so a waiting test sees the message as it was at that event.

        Shallow on purpose: edits replace ``entities``/``reply_markup`` wholesale and never
        mutate them, and a deep copy per event cost the benchmark ~8 % of its time.
        """
        return dataclasses.replace(self, history=list(self.history))


@dataclass(frozen=True)
class Call:
    """One Bot API call as the emulator received it (params already decoded)."""

    method: str
    params: dict[str, Any]
    at: float


@dataclass(frozen=True)
class MessageEvent:
    """A bot message appeared or changed; what ``wait_for_bot_message`` hands out."""

    seq: int
    kind: str  # "new" | "edited" | "deleted"
    message: BotMessage
