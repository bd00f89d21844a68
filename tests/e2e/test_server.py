"""The HTTP face of the emulator: bodies in every encoding PTB or curl might use."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, InvalidToken
from telegram.request import HTTPXRequest

from tests.e2e.process import TOKEN
from tests.e2e.server import FakeBotApiServer


@pytest.fixture
async def client(bot_api: FakeBotApiServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=bot_api.url, trust_env=False) as client:
        yield client


async def test_get_post_form_json_multipart(
    bot_api: FakeBotApiServer, client: httpx.AsyncClient
) -> None:
    user = bot_api.emulator.new_user()
    bot_api.emulator.user_sends_text(user, "hi")
    assert (await client.get(f"/bot{TOKEN}/getMe")).json()["result"]["is_bot"] is True
    form = await client.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": user.id, "text": "a"})
    assert form.json()["result"]["text"] == "a"
    body = {"chat_id": user.id, "text": "b", "reply_markup": {"inline_keyboard": [[]]}}
    as_json = await client.post(f"/bot{TOKEN}/sendMessage", json=body)
    assert as_json.json()["ok"] is True
    multipart = await client.post(
        f"/bot{TOKEN}/sendMessage",
        data={"chat_id": str(user.id), "text": "c"},
        files={"thumbnail": ("t.jpg", b"\xff\xd8", "image/jpeg")},
    )
    assert multipart.json()["result"]["text"] == "c"
    query = await client.get(f"/bot{TOKEN}/sendMessage", params={"chat_id": user.id, "text": "d"})
    assert query.json()["result"]["text"] == "d"
    assert [m.text for m in bot_api.emulator.messages(user.id)] == ["a", "b", "c", "d"]


async def test_errors_have_telegram_shape(client: httpx.AsyncClient) -> None:
    wrong = await client.post("/bot1:wrong/getMe")
    assert wrong.status_code == 401 and wrong.json() == {
        "ok": False,
        "error_code": 401,
        "description": "Unauthorized",
    }
    assert (await client.get(f"/file/bot{TOKEN}/photos/1.jpg")).status_code == 404
    assert (await client.post(f"/bot{TOKEN}/noSuchMethod")).status_code == 404
    bad = await client.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": "1", "text": "x"})
    assert bad.status_code == 400 and "chat not found" in bad.json()["description"]


async def test_ptb_over_http_long_poll_does_not_block_the_loop(bot_api: FakeBotApiServer) -> None:
    emu = bot_api.emulator
    local = {"trust_env": False}  # never route 127.0.0.1 through a proxy from the environment
    async with Bot(
        TOKEN,
        base_url=f"{bot_api.url}/bot",
        request=HTTPXRequest(httpx_kwargs=local),
        get_updates_request=HTTPXRequest(httpx_kwargs=local),
    ) as bot:
        user = emu.new_user()
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.1)  # the server holds the poll; this loop keeps running
        emu.user_sends_text(user, "привет")
        updates = await asyncio.wait_for(poll, 2)
        assert updates[0].message is not None and updates[0].message.text == "привет"
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="sec:life")]])
        sent = await bot.send_message(
            user.id, "<i>ok</i>", parse_mode="HTML", reply_markup=keyboard
        )
        assert json.loads(json.dumps(sent.to_dict()))["reply_markup"]
        with pytest.raises(BadRequest):
            await bot.send_message(user.id, "<i>broken", parse_mode="HTML")
    other = Bot(
        "123456:other", base_url=f"{bot_api.url}/bot", request=HTTPXRequest(httpx_kwargs=local)
    )
    with pytest.raises(InvalidToken):
        async with other:
            pass
