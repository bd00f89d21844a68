"""Hot reload: change detection and keeping the last good library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.content.check import check_content
from bot.content.models import Library
from bot.content.reload import ContentWatcher, reload_if_valid
from tests.library.content_fixture import TODAY, ContentDir


def current(content: ContentDir) -> Library:
    library = check_content(content.root, TODAY).library
    assert library is not None
    return library


def test_watcher_reports_each_change_once(content: ContentDir) -> None:
    watcher = ContentWatcher(content.root)
    assert watcher.changed() is False
    path = content.path("visa-run.en.md")
    path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert watcher.changed() is True
    assert watcher.changed() is False


def test_watcher_sees_same_size_edit_via_mtime(content: ContentDir) -> None:
    watcher = ContentWatcher(content.root)
    path = content.path("visa-run.en.md")
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Apply", "Apxly"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert watcher.changed() is True


def test_watcher_sees_added_and_removed_files(content: ContentDir) -> None:
    watcher = ContentWatcher(content.root)
    (content.root / "synonyms.yaml").write_text("- [visa, виза]\n", encoding="utf-8")
    assert watcher.changed() is True
    content.path("legal-aid.en.md").unlink()
    assert watcher.changed() is True


def test_watcher_on_missing_dir(tmp_path: Path) -> None:
    watcher = ContentWatcher(tmp_path / "later")
    assert watcher.changed() is False
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "a.md").write_text("x", encoding="utf-8")
    assert watcher.changed() is True


def test_valid_reload_returns_new_library(content: ContentDir) -> None:
    old = current(content)
    content.replace("visa-run.en.md", "title: visa-run (en)", "title: Visa runs")
    outcome = reload_if_valid(content.root, old, TODAY)
    assert outcome.reloaded
    assert outcome.library is not old
    assert outcome.library.articles["visa-run"].text("en").title == "Visa runs"
    assert outcome.library.version != old.version
    assert outcome.errors == []


def test_broken_reload_keeps_old_library_and_names_file_and_line(content: ContentDir) -> None:
    old = current(content)
    content.replace("visa-run.en.md", "title: visa-run (en)", "title: [unclosed")
    outcome = reload_if_valid(content.root, old, TODAY)
    assert not outcome.reloaded
    assert outcome.library is old
    [problem] = outcome.errors
    assert problem.path == content.path("visa-run.en.md")
    assert problem.line == content.line_of("visa-run.en.md", "title: [unclosed")
    assert problem.format().startswith(f"{content.path('visa-run.en.md')}:{problem.line}: error:")
    assert "1 error" in outcome.summary


def test_reload_survives_an_unreadable_folder(
    content: ContentDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = current(content)

    def vanished(*args: object) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr("bot.content.reload.check_content", vanished)
    outcome = reload_if_valid(content.root, old, TODAY)
    assert not outcome.reloaded and outcome.library is old
    assert "cannot read the content" in outcome.errors[0].message
