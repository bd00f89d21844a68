"""Content reload in the running bot, and admin-only commands."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.content.reload import ContentWatcher
from bot.features.admin.jobs import reload_content
from devtools.fakeapi.models import FakeUser
from tests.unit.conftest import CONTENT, start_bot, stop_bot

ADMIN = 4242


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


async def test_valid_edit_is_swapped_in_and_stale_buttons_still_work(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    bot, app = await start_bot(tmp_path, content_dir=content, admin_ids=frozenset({ADMIN}))
    try:
        bot.services.watcher = ContentWatcher(content)
        user = bot.user("en")
        page = await bot.send(user, "/start kovcheg")
        old_version = bot.services.catalog.version
        path = content / "articles" / "kovcheg.en.md"
        text = path.read_text(encoding="utf-8")
        title_line = next(line for line in text.splitlines() if line.startswith("title:"))
        path.write_text(
            text.replace(title_line, "title: Kovcheg, renamed for the test"), encoding="utf-8"
        )
        outcome = await reload_content(app)
        assert "reloaded" in outcome.lower()
        assert bot.services.catalog.version != old_version
        # The keyboard from before the reload still resolves, now with the new text.
        fresh = await bot.press(user, "art:kovcheg:0", page, check=False)
        assert "renamed for the test" in fresh.text
        assert await reload_content(app) == "unchanged"
    finally:
        await stop_bot(app)


async def test_broken_edit_keeps_last_good_library_and_tells_admins(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    bot, app = await start_bot(tmp_path, content_dir=content, admin_ids=frozenset({ADMIN}))
    try:
        bot.services.watcher = ContentWatcher(content)
        await bot.send(FakeUser(ADMIN, "Admin", "en"), "/start")
        old_version = bot.services.catalog.version
        broken = content / "articles" / "asylum.ru.md"
        broken.write_text(
            broken.read_text(encoding="utf-8").replace("section:", "sectoin:", 1), encoding="utf-8"
        )
        outcome = await reload_content(app)
        assert "NOT reloaded" in outcome and "asylum.ru.md" in outcome
        assert bot.services.catalog.version == old_version
        notices = bot.emulator.messages(ADMIN)
        assert notices and "asylum.ru.md" in notices[-1].text
        user = bot.user("ru")
        assert "sec:documents" in (await bot.send(user, "/start")).callback_data
    finally:
        await stop_bot(app)


async def test_admin_messages_escape_file_names_and_checker_lines(tmp_path: Path) -> None:
    """A checker line like `kovcheg_en.md: <b>` must reach the admin, not break the HTML."""
    content = copy_content(tmp_path)
    bot, app = await start_bot(tmp_path, content_dir=content, admin_ids=frozenset({ADMIN}))
    try:
        bot.services.watcher = ContentWatcher(content)
        (content / "articles" / "kovcheg_en.md").write_text("stray <b>draft</b>", encoding="utf-8")
        broken = content / "articles" / "asylum.ru.md"
        broken.write_text(broken.read_text(encoding="utf-8").replace("section:", "sectoin:", 1))
        reply = await bot.send(FakeUser(ADMIN, "Admin", "en"), "/reload")
        assert "NOT reloaded" in reply.text and "asylum.ru.md" in reply.text
        assert not any("went wrong" in m.text for m in bot.emulator.messages(ADMIN))
    finally:
        await stop_bot(app)


async def test_admin_commands_only_for_admins(tmp_path: Path) -> None:
    bot, app = await start_bot(tmp_path, admin_ids=frozenset({ADMIN}))
    try:
        admin = FakeUser(ADMIN, "Admin", "en")
        stats = await bot.send(admin, "/stats")
        assert "Articles read" in stats.text
        reload = await bot.send(admin, "/reload")
        assert "reloaded" in reload.text.lower()
        stranger = bot.user("en")
        reply = await bot.send(stranger, "/reload")
        assert "sec:documents" in reply.callback_data and "reloaded" not in reply.text.lower()
    finally:
        await stop_bot(app)
