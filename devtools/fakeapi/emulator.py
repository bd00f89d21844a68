"""An in-memory Bot API server for tests, the offline console and benchmarks.

The emulator models what a bot can observe of Telegram: ids, long polling, message state,
edits and their refusals, validation errors and faults on demand. Transports (in-process
:class:`~devtools.fakeapi.request.EmulatorRequest`, the e2e HTTP server) only move bytes.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from devtools.fakeapi import updates
from devtools.fakeapi.errors import ApiError
from devtools.fakeapi.faults import Faults, FloodControl
from devtools.fakeapi.forums import ForumMixin
from devtools.fakeapi.html import utf16_len
from devtools.fakeapi.models import BotMessage, Call, FakeChat, FakeUser
from devtools.fakeapi.params import decode_params
from devtools.fakeapi.transcript import Predicate, Transcript
from devtools.fakeapi.update_queue import UpdateQueue
from devtools.fakeapi.validation import (
    MAX_CALLBACK_ANSWER,
    MAX_INLINE_RESULTS,
    render_text,
    validate_commands,
    validate_reply_markup,
)

# A throwaway token of the right shape: the bot id (123456) is its numeric head.
TEST_TOKEN = "123456:TEST-token"  # noqa: S105  # nosec B105

Handler = Callable[[dict[str, Any]], Awaitable[Any]]

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


class BotApiEmulator(ForumMixin):
    """Telegram as one bot sees it, with hooks for tests to act as users and inject faults."""

    def __init__(
        self,
        token: str = TEST_TOKEN,
        *,
        username: str = "emigre_help_test_bot",
        first_name: str = "Emigre Help (test)",
    ) -> None:
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456
        self.token = token
        self.bot = FakeUser(bot_id, first_name, None, username=username, is_bot=True)
        self.calls: list[Call] = []
        self.errors: list[tuple[Call, ApiError]] = []
        self.transcript = Transcript()
        self.queue = UpdateQueue()
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.blocked_by: set[int] = set()
        # A standing fault plan (429s, slow answers) for a whole run; None: healthy.
        self.faults: Faults | None = None
        # Telegram's message limits (30/s overall, 1/s per chat), off unless a test sets it.
        self.flood: FloodControl | None = None
        self._open_callbacks: set[str] = set()
        self._open_inline: set[str] = set()
        self._failures: dict[str, deque[ApiError]] = defaultdict(deque)
        self._delays: dict[str, deque[float]] = defaultdict(deque)
        self._ids = itertools.count(1)
        self._user_ids = itertools.count(100_000_001)
        self._init_forums()
        self._handlers: dict[str, Handler] = {
            name.lower(): handler for name, handler in self._method_table().items()
        }

    # ----------------------------------------------------------------- dispatch

    def _method_table(self) -> dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "setMyDescription": self._set_description("description"),
            "setMyShortDescription": self._set_description("short_description"),
            "setMyName": self._set_description("name"),
            "getMyDescription": self._get_description("description"),
            "getMyShortDescription": self._get_description("short_description"),
            "getMyName": self._get_description("name"),
            "sendChatAction": self._send_chat_action,
            "close": self._always_true,
            "logOut": self._always_true,
            **self._forum_methods(),
        }

    async def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Run one Bot API method and return its ``result``, or raise :class:`ApiError`."""
        raw = dict(params or {})
        try:
            decoded = decode_params(raw)
        except ApiError:
            self.calls.append(Call(method, raw, time.time()))
            raise
        call = Call(method, decoded, time.time())
        self.calls.append(call)
        key = method.lower()
        if self._delays[key]:
            await asyncio.sleep(self._delays[key].popleft())
        if self._failures[key]:
            raise self._failures[key].popleft()
        faults = self.faults
        if faults is not None:
            pause = faults.delay_for(key)
            if pause:
                await asyncio.sleep(pause)
            # Like the scripted failures above, injected 429s are not the bot's own errors.
            flood = faults.rate_limit_for(key)
            if flood is not None:
                raise flood
        if self.flood is not None:
            refused = self.flood.check(key, decoded)
            if refused is not None:
                self.errors.append((call, refused))
                raise refused
        handler = self._handlers.get(key)
        try:
            if handler is None:
                raise ApiError.not_found()
            self._check_group_limit(key, decoded)
            return await handler(decoded)
        except ApiError as error:
            # Refusals the bot provoked itself (not injected): tests usually assert none.
            # This call, not calls[-1]: other calls may have arrived during a delay.
            self.errors.append((call, error))
            raise

    def may_block(self, method: str) -> bool:
        """Whether a call could wait (long poll, injected delay), so transports time it out."""
        key = method.lower()
        if key == "getupdates" or self._delays[key]:
            return True
        return self.faults is not None and self.faults.delays

    # ------------------------------------------------------------ fault hooks

    def fail_next(self, method: str, error: ApiError, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``error``.

        Examples: ``ApiError.too_many_requests(3)``, ``ApiError.blocked()``,
        ``ApiError.not_modified()``, ``ApiError.bad_gateway()``.
        """
        self._failures[method.lower()].extend([error] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Hold the next ``times`` calls of ``method`` for ``seconds`` before answering."""
        self._delays[method.lower()].extend([seconds] * times)

    def block(self, user: FakeUser | int) -> None:
        """The user blocks the bot: every later send to them is 403."""
        self.blocked_by.add(user if isinstance(user, int) else user.id)

    # -------------------------------------------------------- test inspection

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[BotMessage]:
        """The bot's messages in a chat, oldest first, in their current state."""
        return [m for m in self.transcript.messages(chat_id) if include_deleted or not m.deleted]

    def last_message(self, chat_id: int) -> BotMessage | None:
        shown = self.messages(chat_id)
        return shown[-1] if shown else None

    async def wait_for_bot_message(
        self,
        chat_id: int,
        predicate: Predicate | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - a deadline is the point of this helper
    ) -> BotMessage:
        """Next unread new-or-edited bot message in the chat (a snapshot), or TimeoutError."""
        return await self.transcript.wait(chat_id, predicate, timeout)

    def skip_pending(self, chat_id: int) -> None:
        """Mark all bot messages so far as read for :meth:`wait_for_bot_message`."""
        self.transcript.skip_pending(chat_id)

    async def wait_for_poll(self, within: float = 10.0) -> None:
        """Wait until the bot is polling (has called getUpdates at least once)."""
        deadline = time.monotonic() + within
        while self.queue.poll_count == 0:
            if time.monotonic() > deadline:
                raise TimeoutError("the bot never called getUpdates")
            await asyncio.sleep(0.02)

    # ---------------------------------------------------------- acting users

    def new_user(
        self,
        first_name: str = "Анна",
        language_code: str | None = "ru",
        *,
        username: str | None = None,
        last_name: str | None = None,
    ) -> FakeUser:
        """A realistic private user with a fresh id."""
        return FakeUser(
            next(self._user_ids), first_name, language_code, last_name=last_name, username=username
        )

    def _chat_for(self, user: FakeUser, chat: FakeChat | None) -> FakeChat:
        return self.transcript.register_chat(chat or FakeChat.private(user))

    def _user_message(
        self, user: FakeUser, chat: FakeChat | None, fields: dict[str, Any], deliver: bool
    ) -> dict[str, Any]:
        target = self._chat_for(user, chat)
        message_id = self.transcript.allocate_id(target.id)
        self.remember_content(target.id, message_id, fields)
        message = updates.user_message(message_id, user, target, int(time.time()), fields)
        return self.queue.push({"message": message}, deliver=deliver)

    def user_edits(
        self,
        user: FakeUser,
        message_id: int,
        text: str,
        chat: FakeChat | None = None,
        *,
        thread_id: int | None = None,
        caption: bool = False,
        deliver: bool = True,
    ) -> dict[str, Any]:
        """The user edits their message ``message_id`` (its text, or its caption)."""
        target = self._chat_for(user, chat)
        content = self.user_contents.setdefault((target.id, message_id), {})
        key = "caption" if caption else "text"
        content[key] = text
        content.pop("entities" if key == "text" else "caption_entities", None)
        fields = {**content, **self.staff_user_fields(thread_id), "edit_date": int(time.time())}
        message = updates.user_message(message_id, user, target, int(time.time()), fields)
        return self.queue.push({"edited_message": message}, deliver=deliver)

    def staff_sends(
        self,
        user: FakeUser,
        forum: FakeChat,
        thread_id: int | None,
        text: str,
        *,
        deliver: bool = True,
    ) -> dict[str, Any]:
        """A member writes in a topic of a forum group (commands get bot_command entities)."""
        fields = {
            **updates.text_fields(text, updates.command_entities(text)),
            **self.staff_user_fields(thread_id),
        }
        return self._user_message(user, forum, fields, deliver)

    def user_sends_text(
        self, user: FakeUser, text: str, chat: FakeChat | None = None, *, deliver: bool = True
    ) -> dict[str, Any]:
        """A text message from the user; commands in it get bot_command entities."""
        fields = updates.text_fields(text, updates.command_entities(text))
        return self._user_message(user, chat, fields, deliver)

    def user_sends_command(
        self,
        user: FakeUser,
        command: str,
        argument: str | None = None,
        chat: FakeChat | None = None,
        *,
        deliver: bool = True,
    ) -> dict[str, Any]:
        """``/command [argument]``, e.g. ``user_sends_command(u, "start", "asylum")``."""
        text = "/" + command.removeprefix("/")
        if argument:
            text += " " + argument
        return self.user_sends_text(user, text, chat, deliver=deliver)

    def user_sends(
        self,
        user: FakeUser,
        fragment: dict[str, Any],
        chat: FakeChat | None = None,
        *,
        deliver: bool = True,
    ) -> dict[str, Any]:
        """Any other message content, e.g. ``{"sticker": {...}}`` or ``{"photo": [...]}``."""
        return self._user_message(user, chat, fragment, deliver)

    def user_presses(
        self,
        user: FakeUser,
        message_id: int,
        callback_data: str,
        chat: FakeChat | None = None,
        *,
        deliver: bool = True,
        check: bool = True,
    ) -> dict[str, Any]:
        """A press on an inline button of a bot message; ``check`` insists the button exists."""
        target = self._chat_for(user, chat)
        message = self.transcript.get(target.id, message_id)
        if message is None or message.deleted:
            raise LookupError(f"no bot message {message_id} in chat {target.id}")
        if check and callback_data not in message.callback_data:
            raise LookupError(
                f"message {message_id} has no button {callback_data!r}; "
                f"it has {message.callback_data}"
            )
        query_id = str(next(self._ids) * 7919 + 4_000_000_000_000)
        self._open_callbacks.add(query_id)
        body = updates.callback_query(
            query_id,
            user,
            updates.bot_message(self.bot, target, message),
            callback_data,
            chat_instance=str(-abs(hash((target.id, self.bot.id))) % 10**18),
        )
        return self.queue.push({"callback_query": body}, deliver=deliver)

    def user_inline_query(
        self, user: FakeUser, query: str, *, deliver: bool = True
    ) -> dict[str, Any]:
        """The user types ``@bot query`` in some chat."""
        query_id = str(next(self._ids) * 104729 + 5_000_000_000_000)
        self._open_inline.add(query_id)
        body = updates.inline_query(query_id, user, query, chat_type="sender")
        return self.queue.push({"inline_query": body}, deliver=deliver)

    # ------------------------------------------------------ method handlers

    async def _always_true(self, params: dict[str, Any]) -> bool:
        return True

    async def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot.to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return await self.queue.get(
            offset=params.get("offset", 0),
            limit=params.get("limit", 100),
            timeout=params.get("timeout", 0.0),
            allowed_updates=params.get("allowed_updates"),
        )

    async def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url", ""))
        if url and not url.startswith("https://"):
            raise ApiError.bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.queue.webhook_url = url
        if params.get("drop_pending_updates"):
            self.queue.drop_pending()
        self.queue.interrupt()
        return True

    async def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.queue.webhook_url = ""
        if params.get("drop_pending_updates"):
            self.queue.drop_pending()
        return True

    async def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.queue.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.queue.pending),
        }

    def _target_chat(self, params: dict[str, Any]) -> FakeChat:
        chat_id = params.get("chat_id")
        if chat_id is None:
            raise ApiError.bad_request("chat_id is empty")
        chat = self.transcript.find_chat(chat_id)
        if chat is None:
            raise ApiError.bad_request("chat not found")
        if chat.id in self.blocked_by:
            raise ApiError.blocked()
        if chat.id in self.kicked_from:
            raise ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
        return chat

    def _check_reply_target(self, chat: FakeChat, reply: dict[str, Any]) -> None:
        reply_to = reply.get("message_id")
        if reply_to is None or reply.get("allow_sending_without_reply"):
            return
        if not self.transcript.id_exists(chat.id, int(reply_to)):
            raise ApiError.bad_request("message to be replied not found")

    async def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._target_chat(params)
        parsed = render_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = validate_reply_markup(params.get("reply_markup"))
        self._check_reply_target(chat, params.get("reply_parameters") or {})
        thread = self.check_thread(chat, params)
        message = BotMessage(
            chat_id=chat.id,
            message_id=self.transcript.allocate_id(chat.id),
            text=parsed.text,
            raw_text=str(params["text"]),
            parse_mode=params.get("parse_mode"),
            entities=parsed.entities,
            reply_markup=markup,
            date=int(time.time()),
            link_preview_options=params.get("link_preview_options"),
            disable_notification=bool(params.get("disable_notification")),
            thread_id=thread,
        )
        self.transcript.add(message)
        return updates.bot_message(self.bot, chat, message)

    def _editable(self, params: dict[str, Any]) -> tuple[FakeChat, BotMessage]:
        chat = self._target_chat(params)
        message_id = params.get("message_id")
        message = self.transcript.get(chat.id, int(message_id)) if message_id else None
        if message is None or message.deleted:
            if message_id and self.transcript.id_exists(chat.id, int(message_id)):
                raise ApiError.bad_request("message can't be edited")
            raise ApiError.bad_request("message to edit not found")
        return chat, message

    def _apply_edit(self, message: BotMessage) -> None:
        message.edited = True
        message.edit_date = int(time.time())
        self.transcript.record(message, "edited")

    async def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        parsed = render_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = validate_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        chat, message = self._editable(params)
        same_text = (parsed.text, parsed.entities) == (message.text, message.entities)
        if same_text and markup == message.reply_markup:
            raise ApiError.not_modified()
        message.history.append(message.text)
        message.text, message.entities = parsed.text, parsed.entities
        message.raw_text, message.parse_mode = str(params["text"]), params.get("parse_mode")
        # Omitting reply_markup in an edit removes the inline keyboard, as on Telegram.
        message.reply_markup = markup
        if "link_preview_options" in params:
            message.link_preview_options = params["link_preview_options"]
        self._apply_edit(message)
        return updates.bot_message(self.bot, chat, message)

    async def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        markup = validate_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        chat, message = self._editable(params)
        if markup == message.reply_markup:
            raise ApiError.not_modified()
        message.reply_markup = markup
        self._apply_edit(message)
        return updates.bot_message(self.bot, chat, message)

    def _delete(self, chat: FakeChat, message_id: int) -> bool:
        message = self.transcript.get(chat.id, message_id)
        if message is None:
            # A user's message: the bot may delete it in a private chat; we keep no record.
            return self.transcript.id_exists(chat.id, message_id)
        if message.deleted:
            return False
        message.deleted = True
        self.transcript.record(message, "deleted")
        return True

    async def _delete_message(self, params: dict[str, Any]) -> bool:
        chat = self._target_chat(params)
        if not self._delete(chat, int(params.get("message_id", 0))):
            raise ApiError.bad_request("message to delete not found")
        return True

    async def _delete_messages(self, params: dict[str, Any]) -> bool:
        chat = self._target_chat(params)
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise ApiError.bad_request("message_ids must be a non-empty list of at most 100")
        for message_id in ids:
            self._delete(chat, int(message_id))
        return True

    async def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_callbacks:
            raise ApiError.bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if utf16_len(str(params.get("text", ""))) > MAX_CALLBACK_ANSWER:
            raise ApiError.bad_request("MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)
        self.callback_answers[query_id] = params
        return True

    async def _answer_inline_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        if query_id not in self._open_inline:
            raise ApiError.bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        results = params.get("results")
        if not isinstance(results, list) or len(results) > MAX_INLINE_RESULTS:
            raise ApiError.bad_request("RESULTS_TOO_MUCH")
        _check_inline_results(results)
        self._open_inline.discard(query_id)
        self.inline_answers[query_id] = params
        return True

    async def _set_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands[_scope_key(params)] = validate_commands(params.get("commands"))
        return True

    async def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        return self.commands.get(_scope_key(params), [])

    async def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(_scope_key(params), None)
        return True

    async def _set_chat_menu_button(self, params: dict[str, Any]) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        self.menu_buttons[params.get("chat_id")] = button
        return True

    async def _get_chat_menu_button(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.menu_buttons.get(params.get("chat_id"), {"type": "commands"})

    def _set_description(self, field: str) -> Handler:
        async def handler(params: dict[str, Any]) -> bool:
            self.descriptions[field, str(params.get("language_code") or "")] = str(
                params.get(field, "")
            )
            return True

        return handler

    def _get_description(self, field: str) -> Handler:
        async def handler(params: dict[str, Any]) -> dict[str, str]:
            key = (field, str(params.get("language_code") or ""))
            return {field: self.descriptions.get(key, "")}

        return handler

    async def _send_chat_action(self, params: dict[str, Any]) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError.bad_request("wrong parameter action in request")
        return True


def _check_inline_results(results: Iterable[Any]) -> None:
    """Result ids must be unique and 1-64 bytes; text contents obey message rules."""
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict) or "type" not in result:
            raise ApiError.bad_request("can't parse inline query result")
        result_id = str(result.get("id", ""))
        if not 1 <= len(result_id.encode()) <= 64:
            raise ApiError.bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise ApiError.bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        content = result.get("input_message_content") or {}
        if "message_text" in content:
            render_text(content["message_text"], content.get("parse_mode"), content.get("entities"))
        validate_reply_markup(result.get("reply_markup"))
