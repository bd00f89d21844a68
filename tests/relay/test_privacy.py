"""Randomized: whoever the user is, nothing the bot posts to staff says so.

Random names, usernames and ids go through every relay path (consent, first message, more
messages, media, edits, staff answers and commands, close and reopen, a deleted topic, the
end), and every text and topic name in the staff chat is searched for them. Sharing the
username by its button is the one path meant to reveal it, so it is not taken here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtools.fakeapi import FakeUser
from tests.relay.conftest import STAFF_CHAT, relay_bot

# At least 8 letters: a shorter random name can occur by chance inside the bot's own texts.
NAME = st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=8, max_size=16).filter(
    lambda s: s.strip() == s
)
USERNAME = st.from_regex(r"[a-z][a-z0-9_]{5,20}", fullmatch=True)
USER_ID = st.integers(min_value=10_000_000, max_value=8_999_999_999)
PHOTO = {"photo": [{"file_id": "AgAD", "file_unique_id": "p", "width": 9, "height": 9}]}


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=NAME, last=NAME, username=USERNAME, user_id=USER_ID, lang=st.sampled_from(["ru", "en"])
)
def test_staff_never_see_who_wrote(
    tmp_path_factory: pytest.TempPathFactory,
    first: str,
    last: str,
    username: str,
    user_id: int,
    lang: str,
) -> None:
    import asyncio

    folder = tmp_path_factory.mktemp("privacy")
    asyncio.run(_journey(folder, FakeUser(user_id, first, lang, last, username)))


async def _journey(folder: Path, user: FakeUser) -> None:
    async with relay_bot(folder) as relay:
        bot, emulator = relay.bot, relay.emulator
        # The journey posts more than 20 messages; the limit's window shrinks to keep it quick.
        emulator.group_window = 0.2
        bot.services.relay.pacer.period = 0.25
        await relay.open_ticket(user)
        sent = emulator.user_sends_text(user, "Меня задержали на границе", deliver=False)
        await bot.process(sent)
        await relay.user_sends(user, PHOTO)
        await bot.process(
            emulator.user_edits(user, sent["message"]["message_id"], "edited", deliver=False)
        )
        topic = relay.topic_of()
        for line in ("Ответ", "// note", "/urgent", "/r documents-needed", "/close"):
            await relay.staff_says(topic, line)
        await bot.press(user, "rl:again")
        emulator.delete_topic(STAFF_CHAT, topic.thread_id)
        await bot.send(user, "after the topic was deleted")
        started = await bot.send(user, "/human")
        await bot.press(user, "rl:end", started, check=False)
        posted = [m.text for m in emulator.messages(STAFF_CHAT, include_deleted=True)]
        posted += [
            h for m in emulator.messages(STAFF_CHAT, include_deleted=True) for h in m.history
        ]
        for t in emulator.topics[STAFF_CHAT].values():
            posted += [t.name, *t.history]
        for call in emulator.calls:
            if call.params.get("chat_id") == STAFF_CHAT:
                # from_chat_id tells Telegram where to copy from; staff never see it.
                shown = {k: v for k, v in call.params.items() if k != "from_chat_id"}
                # Values as sent, not the dict's repr (whose "True" would contain "Tru").
                posted += [
                    v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                    for v in shown.values()
                ]
        secrets = [user.first_name, user.last_name or "", user.username or ""]
        # The id as a whole number: its digits may well occur inside the staff chat's own id.
        id_pattern = re.compile(rf"(?<!\d){user.id}(?!\d)")
        for text in posted:
            for secret in secrets:
                assert secret not in text, (secret, text)
            assert not id_pattern.search(text), (user.id, text)
        assert len(posted) > 10  # the journey did reach staff
