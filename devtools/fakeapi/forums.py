"""Forum supergroups for the emulator: topics, copyMessage, pins and the per-group limit.

What a bot relaying to a staff group observes of Telegram: ``createForumTopic`` and its
siblings, ``message_thread_id`` on sends ("message thread not found" once a topic is
deleted), ``copyMessage`` (a copy carries content only, never who wrote it) and about 20
messages a minute into one group, beyond which Telegram answers 429.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict, deque
from typing import TYPE_CHECKING, Any

from devtools.fakeapi import updates
from devtools.fakeapi.errors import ApiError
from devtools.fakeapi.models import BotMessage, FakeChat, FakeUser, ForumTopic
from devtools.fakeapi.validation import render_text, validate_reply_markup

if TYPE_CHECKING:
    from devtools.fakeapi.transcript import Transcript

# Content a copy keeps; ``from``, ``chat``, forward and reply fields are never copied.
COPIED_FIELDS = ("text", "entities", "caption", "caption_entities")
MEDIA_FIELDS = ("photo", "document", "voice", "video", "audio", "animation", "sticker")
# Methods that post a message into a group and so count against its per-minute limit.
GROUP_POSTS = frozenset({"sendmessage", "copymessage", "createforumtopic"})
_forum_ids = itertools.count(1)


class ForumMixin:
    """Mixed into :class:`BotApiEmulator`; keeps topics, user messages and group send times."""

    transcript: Transcript
    bot: FakeUser

    def _init_forums(self) -> None:
        self.topics: dict[int, dict[int, ForumTopic]] = defaultdict(dict)
        # Content of users' messages, so that copyMessage can copy them.
        self.user_contents: dict[tuple[int, int], dict[str, Any]] = {}
        self.kicked_from: set[int] = set()
        self.no_topic_rights: set[int] = set()
        # Telegram's per-group limit: None turns it off.
        self.group_limit: int | None = 20
        self.group_window: float = 60.0
        self._group_posts: dict[int, deque[float]] = defaultdict(deque)
        self.group_429: int = 0

    def _forum_methods(self) -> dict[str, Any]:
        return {
            "createForumTopic": self._create_forum_topic,
            "editForumTopic": self._edit_forum_topic,
            "closeForumTopic": self._close_forum_topic,
            "reopenForumTopic": self._reopen_forum_topic,
            "deleteForumTopic": self._delete_forum_topic,
            "copyMessage": self._copy_message,
            "pinChatMessage": self._pin_chat_message,
            "unpinChatMessage": self._unpin_chat_message,
            "editMessageCaption": self._edit_message_caption,
        }

    # ------------------------------------------------------------ test hooks

    def new_forum(self, title: str = "Staff", chat_id: int | None = None) -> FakeChat:
        """A supergroup with topics on, where the bot is an admin allowed to manage topics."""
        chat_id = chat_id if chat_id is not None else -1_001_000_000_000 - next(_forum_ids)
        return self.transcript.register_chat(
            FakeChat(chat_id, type="supergroup", title=title, is_forum=True)
        )

    def kick_bot(self, chat_id: int) -> None:
        """The bot is removed from the group: every call into it is 403 from now on."""
        self.kicked_from.add(chat_id)

    def topic(self, chat_id: int, thread_id: int) -> ForumTopic:
        return self.topics[chat_id][thread_id]

    def live_topics(self, chat_id: int) -> list[ForumTopic]:
        return [t for t in self.topics[chat_id].values() if not t.deleted]

    def topic_messages(self, chat_id: int, thread_id: int) -> list[BotMessage]:
        return [
            m
            for m in self.transcript.messages(chat_id)
            if m.thread_id == thread_id and not m.deleted
        ]

    def staff_user_fields(self, thread_id: int | None) -> dict[str, Any]:
        if thread_id is None:
            return {}
        return {"message_thread_id": thread_id, "is_topic_message": True}

    def remember_content(self, chat_id: int, message_id: int, fields: dict[str, Any]) -> None:
        self.user_contents[chat_id, message_id] = {
            k: v for k, v in fields.items() if k in COPIED_FIELDS or k in MEDIA_FIELDS
        }

    # ---------------------------------------------------------------- checks

    def _check_group_limit(self, method_key: str, params: dict[str, Any]) -> None:
        chat_id = params.get("chat_id")
        if (
            self.group_limit is None
            or method_key not in GROUP_POSTS
            or not isinstance(chat_id, int)
            or chat_id >= 0
        ):
            return
        now = time.monotonic()
        posts = self._group_posts[chat_id]
        while posts and posts[0] <= now - self.group_window:
            posts.popleft()
        if len(posts) >= self.group_limit:
            self.group_429 += 1
            wait = max(1, int(posts[0] + self.group_window - now + 0.999))
            raise ApiError.too_many_requests(wait)
        posts.append(now)

    def _forum_chat(self, params: dict[str, Any]) -> FakeChat:
        chat = self._target_chat(params)  # type: ignore[attr-defined]
        if not isinstance(chat, FakeChat) or not chat.is_forum:
            raise ApiError.bad_request("the chat is not a forum")
        return chat

    def _live_topic(self, chat: FakeChat, params: dict[str, Any]) -> ForumTopic:
        thread = params.get("message_thread_id")
        topic = self.topics[chat.id].get(int(thread)) if thread is not None else None
        if topic is None or topic.deleted:
            raise ApiError.bad_request("message thread not found")
        return topic

    def check_thread(self, chat: FakeChat, params: dict[str, Any]) -> int | None:
        """The thread a send goes to; deleted or unknown topics are refused as on Telegram."""
        if params.get("message_thread_id") is None or not chat.is_forum:
            return None
        return self._live_topic(chat, params).thread_id

    # --------------------------------------------------------------- methods

    async def _create_forum_topic(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._forum_chat(params)
        if chat.id in self.no_topic_rights:
            raise ApiError.bad_request("not enough rights to create a topic")
        name = str(params.get("name", ""))
        if not 1 <= len(name) <= 128:
            raise ApiError.bad_request("TOPIC_NAME_INVALID")
        thread_id = self.transcript.allocate_id(chat.id)
        topic = ForumTopic(thread_id, name)
        self.topics[chat.id][thread_id] = topic
        return {"message_thread_id": thread_id, "name": name, "icon_color": topic.icon_color}

    async def _edit_forum_topic(self, params: dict[str, Any]) -> bool:
        chat = self._forum_chat(params)
        topic = self._live_topic(chat, params)
        name = params.get("name")
        if name is not None:
            if not 1 <= len(str(name)) <= 128:
                raise ApiError.bad_request("TOPIC_NAME_INVALID")
            if str(name) == topic.name:
                raise ApiError.bad_request("TOPIC_NOT_MODIFIED")
            topic.history.append(topic.name)
            topic.name = str(name)
        return True

    async def _close_forum_topic(self, params: dict[str, Any]) -> bool:
        topic = self._live_topic(self._forum_chat(params), params)
        if topic.closed:
            raise ApiError.bad_request("TOPIC_NOT_MODIFIED")
        topic.closed = True
        return True

    async def _reopen_forum_topic(self, params: dict[str, Any]) -> bool:
        topic = self._live_topic(self._forum_chat(params), params)
        if not topic.closed:
            raise ApiError.bad_request("TOPIC_NOT_MODIFIED")
        topic.closed = False
        return True

    async def _delete_forum_topic(self, params: dict[str, Any]) -> bool:
        chat = self._forum_chat(params)
        topic = self._live_topic(chat, params)
        topic.deleted = True
        for message in self.topic_messages(chat.id, topic.thread_id):
            message.deleted = True
            self.transcript.record(message, "deleted")
        return True

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """Staff delete a topic in the Telegram app (no update reaches the bot)."""
        topic = self.topics[chat_id][thread_id]
        topic.deleted = True
        for message in self.topic_messages(chat_id, thread_id):
            message.deleted = True
            self.transcript.record(message, "deleted")

    async def _copy_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._target_chat(params)  # type: ignore[attr-defined]
        source_chat = params.get("from_chat_id")
        source_id = params.get("message_id")
        if source_chat is None or source_id is None:
            raise ApiError.bad_request("message to copy not found")
        source = self.transcript.find_chat(source_chat)
        if source is None:
            raise ApiError.bad_request("chat not found")
        content = self.user_contents.get((source.id, int(source_id)))
        if content is None:
            bot_message = self.transcript.get(source.id, int(source_id))
            if bot_message is None or bot_message.deleted:
                raise ApiError.bad_request("message to copy not found")
            content = {"text": bot_message.text, "entities": bot_message.entities}
            if bot_message.media:
                content = {**bot_message.media, "caption": bot_message.text}
        thread = self.check_thread(chat, params)
        markup = validate_reply_markup(params.get("reply_markup"))
        media = {k: v for k, v in content.items() if k in MEDIA_FIELDS} or None
        text = str(content.get("text") or content.get("caption") or "")
        entities = content.get("entities") or content.get("caption_entities") or []
        message = BotMessage(
            chat_id=chat.id,
            message_id=self.transcript.allocate_id(chat.id),
            text=text,
            raw_text=text,
            parse_mode=None,
            entities=list(entities),
            reply_markup=markup,
            date=int(time.time()),
            thread_id=thread,
            copied_from=(source.id, int(source_id)),
            media=media,
        )
        self.transcript.add(message)
        return {"message_id": message.message_id}

    async def _pin_chat_message(self, params: dict[str, Any]) -> bool:
        chat = self._target_chat(params)  # type: ignore[attr-defined]
        message = self.transcript.get(chat.id, int(params.get("message_id", 0)))
        if message is None or message.deleted:
            raise ApiError.bad_request("message to pin not found")
        message.pinned = True
        return True

    async def _unpin_chat_message(self, params: dict[str, Any]) -> bool:
        chat = self._target_chat(params)  # type: ignore[attr-defined]
        message = self.transcript.get(chat.id, int(params.get("message_id", 0)))
        if message is not None:
            message.pinned = False
        return True

    async def _edit_message_caption(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        caption = params.get("caption") or ""
        parsed = render_text(
            caption or " ", params.get("parse_mode"), params.get("caption_entities")
        )
        chat, message = self._editable(params)  # type: ignore[attr-defined]
        if message.media is None:
            raise ApiError.bad_request("there is no caption in the message to edit")
        if parsed.text == message.text:
            raise ApiError.not_modified()
        message.history.append(message.text)
        message.text = parsed.text if caption else ""
        message.entities = parsed.entities
        self._apply_edit(message)  # type: ignore[attr-defined]
        return updates.bot_message(self.bot, chat, message)
