"""Property-based: arbitrary text, callback data and deep-link payloads never break the bot.

The emulator rejects what Telegram would reject (bad HTML, over-long text, bad buttons), so
"every reply is valid for Telegram" means: no call the bot made was refused.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.telegram_html import validate_telegram_html
from tests.unit.conftest import InProcessBot, start_bot, stop_bot

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

tricky = st.sampled_from(
    ["<", ">", "&", "*", "_", "`", "\u200b", "\u202e", "\x00", "\n", "🙂", "ё", "/"]
)
texts = st.lists(st.one_of(st.text(min_size=1, max_size=30), tricky), min_size=1, max_size=30).map(
    "".join
)


@pytest.fixture(scope="module")
def loop_and_bot(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[asyncio.AbstractEventLoop, InProcessBot]]:
    loop = asyncio.new_event_loop()
    folder: Path = tmp_path_factory.mktemp("props")
    bot, app = loop.run_until_complete(start_bot(folder, rate_limit_per_minute=100_000))
    yield loop, bot
    loop.run_until_complete(stop_bot(app))
    loop.close()


def refused(bot: InProcessBot) -> list[str]:
    return [f"{call.method}: {error.description}" for call, error in bot.emulator.errors]


@EXAMPLES
@given(text=texts)
def test_any_text_gets_a_valid_reply(
    loop_and_bot: tuple[asyncio.AbstractEventLoop, InProcessBot], text: str
) -> None:
    loop, bot = loop_and_bot
    user = bot.user("ru")
    update = bot.emulator.user_sends_text(user, text, deliver=False)
    loop.run_until_complete(bot.process(update))
    assert not refused(bot)
    messages = bot.emulator.messages(user.id)
    assert len(messages) == 1
    assert not validate_telegram_html(messages[0].raw_text)


# Callback data drawn from the grammar the features own (prefix, separators, ids, numbers),
# mutated where parsers go wrong: non-ASCII digits, extra fields, wrong case, huge numbers.
digits = st.one_of(
    st.integers(0, 99999).map(str),
    st.sampled_from(["²", "¹", "٣", "Ⅻ", "-1", "", "0x1", "1e3", " 1"]),
)
ids = st.one_of(
    st.sampled_from(["kovcheg", "asylum", "passport-renewal-abroad", "removed-article", "KOVCHEG"]),
    st.from_regex(r"[a-z0-9-]{0,45}", fullmatch=True),
    st.text(max_size=10),
)
words = st.sampled_from(
    [
        "home",
        "help",
        "search",
        "noop",
        "settings",
        "language",
        "country",
        "privacy",
        "forget",
        "forget:yes",
        "forget:no",
        "clean",
        "clean:yes",
    ]
)
callback_data = st.one_of(
    words,
    st.builds("art:{}:{}".format, ids, digits),
    st.builds("art:{}:{}:{}".format, ids, digits, digits),
    st.builds("sec:{}".format, st.one_of(st.sampled_from(["documents", "visas", "x"]), ids)),
    st.builds("lang:{}".format, st.sampled_from(["ru", "en", "de", "RU", "", "ru:1"])),
    st.builds("cty:{}".format, st.one_of(st.sampled_from(["GE", "AM", "-", "XX", "ge"]), ids)),
    st.builds("dis:{}".format, digits),
    st.builds("{}:{}".format, words, st.text(max_size=8)),
).filter(lambda s: 0 < len(s.encode()) <= 64)


@EXAMPLES
@given(data=callback_data)
def test_any_callback_data_gets_an_answer(
    loop_and_bot: tuple[asyncio.AbstractEventLoop, InProcessBot], data: str
) -> None:
    """The spinner always stops and the user always sees a screen with buttons."""
    loop, bot = loop_and_bot
    user = bot.user("en")
    loop.run_until_complete(
        bot.process(bot.emulator.user_sends_text(user, "/start", deliver=False))
    )
    menu = bot.last(user)
    update = bot.emulator.user_presses(user, menu.message_id, data, deliver=False, check=False)
    loop.run_until_complete(bot.process(update))
    assert not refused(bot)
    assert bot.callback_answer(update) is not None
    assert bot.last(user).buttons


@EXAMPLES
@given(payload=st.text(max_size=80))
def test_any_deep_link_payload_opens_something(
    loop_and_bot: tuple[asyncio.AbstractEventLoop, InProcessBot], payload: str
) -> None:
    loop, bot = loop_and_bot
    user = bot.user("en")
    text = "/start " + payload.replace("\n", " ")
    loop.run_until_complete(bot.process(bot.emulator.user_sends_text(user, text, deliver=False)))
    assert not refused(bot)
    assert len(bot.emulator.messages(user.id)) == 1


@EXAMPLES
@given(query=texts)
def test_any_inline_query_is_answered(
    loop_and_bot: tuple[asyncio.AbstractEventLoop, InProcessBot], query: str
) -> None:
    loop, bot = loop_and_bot
    user = bot.user("en")
    update = bot.emulator.user_inline_query(user, query[:256], deliver=False)
    loop.run_until_complete(bot.process(update))
    assert not refused(bot)
    assert update["inline_query"]["id"] in bot.emulator.inline_answers
