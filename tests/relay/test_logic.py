"""The relay's rules without Telegram: data, urgency, hours, names, the pacer, settings."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.config import Settings, SettingsError, load_settings, parse_days, parse_hours
from bot.features.relay import data, logic
from bot.features.relay.pacer import GroupPacer


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("rl:ask", data.Press("ask", "help")),
        ("rl:ask:nf", data.Press("ask", "nf")),
        ("rl:go:a:passport-lost", data.Press("go", "a:passport-lost")),
        ("rl:go:s:documents", data.Press("go", "s:documents")),
        ("rl:end", data.Press("end")),
        ("rl:share", data.Press("share")),
        ("rl:again", data.Press("again")),
    ],
)
def test_callback_data_round_trips(raw: str, expected: data.Press) -> None:
    assert data.parse(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "rl:",
        "rl:ask:",
        "rl:go:a:",
        "rl:go:a:Passport",
        "rl:go:a:x²",
        "rl:end:1",
        "rl:ask:zz",
        "rl:go:a:" + "a" * 41,
        "rl:go:s:docs1",
        " rl:end",
        "rl:end\n",
    ],
)
def test_forged_callback_data_is_refused(raw: str) -> None:
    assert data.parse(raw) is None


def test_callback_data_fits_telegrams_64_bytes() -> None:
    assert len(data.go_data("a:" + "a" * 40).encode()) <= 64


@pytest.mark.parametrize(
    "text",
    [
        "Меня задержали в аэропорту",
        "пришла повестка",
        "грозит депортация из Грузии",
        "не пускают через границу",
        "I was detained at the border",
        "They want to deport me",
        "got a summons",
    ],
)
def test_urgent_words(text: str) -> None:
    assert logic.is_urgent(text)


@pytest.mark.parametrize(
    "text", ["как продлить паспорт", "where to rent a flat", "", None, "гражданство"]
)
def test_calm_words(text: str | None) -> None:
    assert not logic.is_urgent(text)


def test_topic_name_has_code_language_origin_and_fits() -> None:
    assert logic.topic_name("K7QF", "ru", "паспорт", urgent=False, closed=False) == (
        "🟡 K7QF · ru · паспорт"
    )
    assert logic.topic_name("K7QF", "en", "x", urgent=True, closed=False).startswith("🔴")
    assert logic.topic_name("K7QF", "en", "x", urgent=True, closed=True).startswith("✅")
    assert len(logic.topic_name("K7QF", "ru", "я" * 300, urgent=False, closed=False)) == 128


def test_codes_are_short_and_unambiguous() -> None:
    codes = {logic.new_code() for _ in range(500)}
    assert len(codes) > 490
    for code in codes:
        assert len(code) == 4 and not set(code) & set("0O1IL")


def test_working_hours_in_the_ngos_time_zone() -> None:
    s = settings(relay_hours="09:00-18:00", relay_days="1-5", relay_timezone="Europe/Berlin")
    # Monday 2026-11-30, 08:30 UTC = 09:30 in Berlin.
    assert logic.in_working_hours(s, datetime(2026, 11, 30, 8, 30, tzinfo=UTC))
    assert not logic.in_working_hours(s, datetime(2026, 11, 30, 7, 30, tzinfo=UTC))
    assert not logic.in_working_hours(s, datetime(2026, 11, 30, 17, 0, tzinfo=UTC))
    # Saturday.
    assert not logic.in_working_hours(s, datetime(2026, 12, 5, 10, 0, tzinfo=UTC))


def test_hours_and_days_settings_are_checked() -> None:
    assert parse_hours("09:00-18:00") == (540, 1080)
    assert parse_days("1-5,7") == frozenset({1, 2, 3, 4, 5, 7})
    for bad in (
        {"relay_hours": "18:00-09:00"},
        {"relay_hours": "9-18"},
        {"relay_days": "5-1"},
        {"relay_timezone": "Mars/Olympus"},
        {"staff_chat_id": 12345},
    ):
        with pytest.raises(SettingsError) as error:
            load_settings(_env_file=None, **bad)
        assert next(iter(bad)).upper() in str(error.value)
    assert not settings().relay_enabled
    assert settings(staff_chat_id=-100123).relay_enabled


def test_notes_and_reopening() -> None:
    assert logic.is_note("// internal")
    assert logic.is_note("   //x")
    assert not logic.is_note("/close")
    assert not logic.is_note("http://example.org")
    assert logic.can_reopen(1000, 1000 + 7 * 86400)
    assert not logic.can_reopen(1000, 1001 + 7 * 86400)
    assert not logic.can_reopen(None, 1000)


def test_canned_names_are_slugs(tmp_path: Path) -> None:
    (tmp_path / "canned").mkdir()
    (tmp_path / "canned" / "hello.ru.md").write_text("x")
    (tmp_path / "canned" / "README.md").write_text("x")
    assert logic.canned_names(tmp_path) == ["hello"]
    assert logic.canned_path(tmp_path, "../etc", "ru") is None
    assert logic.canned_path(tmp_path, "hello", "ru") == tmp_path / "canned" / "hello.ru.md"


def test_every_shipped_canned_reply_has_both_languages() -> None:
    content = Path(__file__).resolve().parents[2] / "content"
    names = logic.canned_names(content)
    assert names
    for name in names:
        for lang in ("ru", "en"):
            assert (content / "canned" / f"{name}.{lang}.md").is_file(), (name, lang)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_pacer_lets_n_posts_through_then_makes_the_next_wait() -> None:
    clock = FakeClock()
    pacer = GroupPacer(3, period=60.0, clock=clock)
    for _ in range(3):
        assert pacer.wait() == 0.0
        async with pacer.slot():
            clock.now += 1.0
    assert pacer.wait() == pytest.approx(58.0)  # the first post leaves the window at 61


async def test_pacer_hands_out_slots_in_order() -> None:
    pacer = GroupPacer(2, period=0.05)
    order: list[int] = []

    async def post(i: int) -> None:
        async with pacer.slot():
            order.append(i)

    await asyncio.gather(*(post(i) for i in range(7)))
    assert order == list(range(7))
    assert pacer.waiting == 0
