"""An in-process bot: the real Application and handlers, Telegram replaced by the emulator.

Fast enough for many small behaviour tests; the e2e suite runs the real process instead.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.content.catalog import Catalog, build_catalog
from bot.content.check import check_content
from bot.content.models import Library
from bot.core.config import Settings
from bot.core.context import BotApplication
from bot.core.i18n import Translators
from devtools.offline import OfflineBot, offline_app, offline_settings

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return build_catalog(shipped_library(), CONTENT)


@pytest.fixture(scope="session")
def translators() -> Translators:
    return Translators()


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    return offline_settings(
        tmp_path / "bot.sqlite3", overrides.pop("content_dir", CONTENT), **overrides
    )


InProcessBot = OfflineBot


@functools.cache
def shipped_library() -> Library:
    """Checked once per session: the check renders every article, which takes a moment."""
    report = check_content(CONTENT, date.today())
    assert report.library is not None, [str(p) for p in report.problems]
    return report.library


@asynccontextmanager
async def running_bot(tmp_path: Path, **overrides: Any) -> AsyncIterator[OfflineBot]:
    settings = make_settings(tmp_path, **overrides)
    library = shipped_library() if settings.content_dir == CONTENT else None
    async with offline_app(settings, library=library) as harness:
        yield harness


_STACKS: dict[int, AsyncExitStack] = {}


async def start_bot(tmp_path: Path, **overrides: Any) -> tuple[OfflineBot, BotApplication]:
    """For tests that restart the bot mid-test; pair with stop_bot."""
    stack = AsyncExitStack()
    harness = await stack.enter_async_context(running_bot(tmp_path, **overrides))
    _STACKS[id(harness.app)] = stack
    return harness, harness.app


async def stop_bot(app: BotApplication) -> None:
    await _STACKS.pop(id(app)).aclose()


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[OfflineBot]:
    async with running_bot(tmp_path) as harness:
        yield harness
