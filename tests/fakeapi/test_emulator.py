"""The emulator driven by a real ``telegram.Bot`` through EmulatorRequest (no sockets)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from devtools.fakeapi import ApiError, BotApiEmulator, EmulatorRequest, FakeUser, Faults

KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Визы", callback_data="sec:visas")],
        [InlineKeyboardButton("Home", callback_data="home")],
    ]
)


@pytest.fixture
def emu() -> BotApiEmulator:
    return BotApiEmulator()


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    request = EmulatorRequest(emu)
    async with Bot(emu.token, request=request, get_updates_request=request) as bot:
        yield bot


@pytest.fixture
def anna(emu: BotApiEmulator) -> FakeUser:
    user = emu.new_user("Анна", "ru")
    emu.user_sends_command(user, "start")  # the chat exists once the user wrote
    return user


async def test_get_me(bot: Bot, emu: BotApiEmulator) -> None:
    me = await bot.get_me()
    assert me.id == 123456 and me.is_bot and me.username == emu.bot.username


async def test_updates_are_numbered_confirmed_and_parsed(bot: Bot, emu: BotApiEmulator) -> None:
    user = emu.new_user("Ivan", "en")
    emu.user_sends_command(user, "start", "asylum")
    emu.user_sends_text(user, "как продлить паспорт")
    first = await bot.get_updates()
    assert [u.update_id for u in first] == [first[0].update_id, first[0].update_id + 1]
    assert first[0].message is not None and first[0].message.text == "/start asylum"
    assert first[0].message.entities[0].type == "bot_command"
    assert first[0].message.from_user is not None
    assert first[0].message.from_user.language_code == "en"
    assert await bot.get_updates(offset=first[-1].update_id + 1) == ()


async def test_long_poll_wakes_on_new_update(bot: Bot, emu: BotApiEmulator) -> None:
    user = emu.new_user()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not poll.done()
    emu.user_sends_text(user, "hi")
    updates = await asyncio.wait_for(poll, 1)
    assert updates[0].message is not None and updates[0].message.text == "hi"


async def test_second_poll_terminates_first_with_conflict(bot: Bot, emu: BotApiEmulator) -> None:
    first = asyncio.create_task(emu.call("getUpdates", {"timeout": "5"}))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(emu.call("getUpdates", {"timeout": "0.2"}))
    with pytest.raises(ApiError) as error:
        await first
    assert error.value.code == 409
    assert await second == []


async def test_send_edit_and_not_modified(bot: Bot, emu: BotApiEmulator, anna: FakeUser) -> None:
    sent = await bot.send_message(anna.id, "<b>Меню</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    assert sent.text == "Меню" and sent.entities[0].type == "bold"
    stored = emu.last_message(anna.id)
    assert stored is not None and stored.callback_data == ["sec:visas", "home"]
    edited = await bot.edit_message_text("Визы", anna.id, sent.message_id, reply_markup=KEYBOARD)
    assert isinstance(edited, type(sent)) and edited.edit_date is not None
    assert emu.last_message(anna.id).edited  # type: ignore[union-attr]
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("Визы", anna.id, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_reply_markup(anna.id, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", anna.id, 999)


async def test_edit_without_markup_drops_the_keyboard(
    bot: Bot, emu: BotApiEmulator, anna: FakeUser
) -> None:
    sent = await bot.send_message(anna.id, "a", reply_markup=KEYBOARD)
    await bot.edit_message_text("b", anna.id, sent.message_id)
    assert emu.last_message(anna.id).reply_markup is None  # type: ignore[union-attr]


async def test_validation_errors(bot: Bot, anna: FakeUser) -> None:
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot.send_message(anna.id, "<b>broken", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(anna.id, "я" * 4097)
    await bot.send_message(anna.id, "<b>" + "я" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(anna.id, "😀" * 2049)  # 4098 UTF-16 units
    with pytest.raises(BadRequest, match=r"(?i)empty"):
        await bot.send_message(anna.id, "<b> </b>", parse_mode="HTML")
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(anna.id, "x", reply_markup=long_data)
    many = InlineKeyboardMarkup(
        [[InlineKeyboardButton(str(i), callback_data=str(i)) for i in range(8)] for _ in range(13)]
    )
    with pytest.raises(BadRequest, match=r"(?i)reply markup is too long"):
        await bot.send_message(anna.id, "x", reply_markup=many)
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(42, "nobody here")


async def test_callback_query_round_trip(bot: Bot, emu: BotApiEmulator, anna: FakeUser) -> None:
    sent = await bot.send_message(anna.id, "menu", reply_markup=KEYBOARD)
    body = emu.user_presses(anna, sent.message_id, "sec:visas")
    update = Update.de_json(body, bot)
    assert update.callback_query is not None
    assert update.callback_query.data == "sec:visas"
    assert update.callback_query.message is not None
    assert update.callback_query.message.message_id == sent.message_id
    assert await update.callback_query.answer("ok")
    with pytest.raises(BadRequest, match=r"(?i)query ID is invalid"):
        await update.callback_query.answer("again")
    with pytest.raises(LookupError):
        emu.user_presses(anna, sent.message_id, "no-such-button")


async def test_inline_query_answer_is_validated(bot: Bot, emu: BotApiEmulator) -> None:
    user = emu.new_user()
    body = emu.user_inline_query(user, "паспорт")
    query_id = body["inline_query"]["id"]
    bad = [
        {"type": "article", "id": "1", "title": "t",
         "input_message_content": {"message_text": "<b>x", "parse_mode": "HTML"}},
    ]  # fmt: skip
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot._post("answerInlineQuery", {"inline_query_id": query_id, "results": bad})
    good = [{**bad[0], "input_message_content": {"message_text": "<b>x</b>", "parse_mode": "HTML"}}]
    assert await bot._post("answerInlineQuery", {"inline_query_id": query_id, "results": good})
    assert emu.inline_answers[query_id]["results"][0]["id"] == "1"


async def test_delete_messages(bot: Bot, emu: BotApiEmulator, anna: FakeUser) -> None:
    first = await bot.send_message(anna.id, "one")
    second = await bot.send_message(anna.id, "two")
    assert await bot.delete_message(anna.id, first.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(anna.id, first.message_id)
    assert await bot.delete_messages(anna.id, [second.message_id, 999])
    assert emu.messages(anna.id) == []
    assert len(emu.messages(anna.id, include_deleted=True)) == 2


async def test_commands_per_scope_and_language(bot: Bot, emu: BotApiEmulator) -> None:
    from telegram import BotCommand, BotCommandScopeAllPrivateChats

    await bot.set_my_commands([BotCommand("start", "Начать")], language_code="ru")
    await bot.set_my_commands([BotCommand("help", "Help")], scope=BotCommandScopeAllPrivateChats())
    assert [c.command for c in await bot.get_my_commands(language_code="ru")] == ["start"]
    assert [
        c.command for c in await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats())
    ] == ["help"]
    assert await bot.get_my_commands() == ()
    await bot.delete_my_commands(language_code="ru")
    assert await bot.get_my_commands(language_code="ru") == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_misc_methods(bot: Bot, emu: BotApiEmulator, anna: FakeUser) -> None:
    from telegram import MenuButtonCommands

    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert await bot.send_chat_action(anna.id, "typing")
    assert await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(Exception, match=r"(?i)webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).pending_update_count == 0
    with pytest.raises(InvalidToken):
        await bot._post("noSuchMethod")
    assert [c.method for c in emu.calls_to("sendChatAction")] == ["sendChatAction"]


async def test_fault_injection(bot: Bot, emu: BotApiEmulator, anna: FakeUser) -> None:
    emu.fail_next("sendMessage", ApiError.too_many_requests(7))
    with pytest.raises(RetryAfter, match="7 seconds"):
        await bot.send_message(anna.id, "x")
    emu.fail_next("sendMessage", ApiError.blocked())
    with pytest.raises(Forbidden, match=r"(?i)blocked"):
        await bot.send_message(anna.id, "x")
    emu.fail_next("sendMessage", ApiError.bad_gateway())
    with pytest.raises(NetworkError, match=r"(?i)Bad Gateway"):
        await bot.send_message(anna.id, "x")
    emu.delay_next("getMe", 0.2)
    started = asyncio.get_running_loop().time()
    await bot.get_me()
    assert asyncio.get_running_loop().time() - started >= 0.2
    assert (await bot.send_message(anna.id, "fine")).text == "fine"


async def test_faults_answer_429_with_retry_after_as_telegram_does(
    bot: Bot, emu: BotApiEmulator, anna: FakeUser
) -> None:
    emu.faults = Faults(rate_limit_every=3, retry_after=2)
    request = EmulatorRequest(emu)
    url = f"https://api.telegram.org/bot{emu.token}/sendMessage"
    answers = []
    for n in range(6):
        status, body = await request.do_request(
            url, "POST", _form({"chat_id": anna.id, "text": f"m{n}"})
        )
        answers.append((status, json.loads(body)))
    assert [status for status, _ in answers] == [200, 200, 429, 200, 200, 429]
    assert answers[2][1] == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 2",
        "parameters": {"retry_after": 2},
    }
    assert emu.faults.injected_429 == 2
    assert [m.text for m in emu.messages(anna.id)] == ["m0", "m1", "m3", "m4"]
    assert emu.errors == []  # injected, not provoked by the bot
    # Through PTB: RetryAfter with Telegram's wait; other methods are not rate-limited.
    await bot.send_message(anna.id, "m6")
    await bot.send_message(anna.id, "m7")
    with pytest.raises(RetryAfter, match="Retry in 2 seconds"):
        await bot.send_message(anna.id, "m8")
    assert (await bot.get_me()).is_bot
    emu.faults = None
    assert (await bot.send_message(anna.id, "healthy")).text == "healthy"


async def test_faults_delay_every_nth_call(bot: Bot, emu: BotApiEmulator, anna: FakeUser) -> None:
    emu.faults = Faults(delay_every=2, delay=(0.1, 0.1))
    loop = asyncio.get_running_loop()
    took = []
    for _ in range(4):
        started = loop.time()
        await bot.send_message(anna.id, "x")
        took.append(loop.time() - started)
    assert [t >= 0.1 for t in took] == [False, True, False, True]
    assert emu.faults.injected_delays == 2 and emu.faults.injected_429 == 0
    with pytest.raises(ValueError, match="delay"):
        Faults(delay=(0.05, 0.01))


async def test_errors_name_their_own_call_when_calls_overlap(
    bot: Bot, emu: BotApiEmulator, anna: FakeUser
) -> None:
    emu.delay_next("editMessageText", 0.05)
    late = asyncio.create_task(bot.edit_message_text("x", anna.id, 999))
    await asyncio.sleep(0.01)
    await bot.send_message(anna.id, "meanwhile")
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await late
    assert [(call.method, error.code) for call, error in emu.errors] == [("editMessageText", 400)]


def _form(params: dict[str, object]) -> RequestData:

    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


async def test_wrong_token_is_invalid(emu: BotApiEmulator) -> None:
    request = EmulatorRequest(emu)
    bot = Bot("123456:WRONG-token", request=request, get_updates_request=request)
    with pytest.raises(InvalidToken):
        await bot.get_me()


async def test_wait_for_bot_message_sees_earlier_and_later_messages(
    bot: Bot, emu: BotApiEmulator, anna: FakeUser
) -> None:
    await bot.send_message(anna.id, "early")
    assert (await emu.wait_for_bot_message(anna.id)).text == "early"
    later = asyncio.create_task(emu.wait_for_bot_message(anna.id, lambda m: m.edited))
    sent = await bot.send_message(anna.id, "v1")
    await bot.edit_message_text("v2", anna.id, sent.message_id)
    assert (await asyncio.wait_for(later, 1)).text == "v2"
    with pytest.raises(TimeoutError):
        await emu.wait_for_bot_message(anna.id, timeout=0.05)
