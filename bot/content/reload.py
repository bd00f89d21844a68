"""Hot reload of content: detect edits cheaply, swap in only a library that checks clean.

Editors push fixes while the bot runs; a half-saved or broken file must never replace
the content readers are using, so a failed reload keeps the current library and hands
the problems to the caller to tell the admins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.content.check import check_content
from bot.content.models import Library
from bot.content.problems import Problem, error

Snapshot = frozenset[tuple[str, int, int]]


def snapshot(content_dir: Path) -> Snapshot:
    """(relative path, mtime_ns, size) of every file: stat only, no reading."""
    if not content_dir.is_dir():
        return frozenset()
    entries = set()
    for path in content_dir.rglob("*"):
        try:
            stat = path.stat()
        except FileNotFoundError:  # deleted between listing and stat
            continue
        if path.is_file():
            entries.add((path.relative_to(content_dir).as_posix(), stat.st_mtime_ns, stat.st_size))
    return frozenset(entries)


class ContentWatcher:
    """Polled from a job every few seconds; remembers what it saw last time."""

    def __init__(self, content_dir: Path) -> None:
        self._content_dir = content_dir
        self._last = snapshot(content_dir)

    def changed(self) -> bool:
        """True once per change (a file added, removed, edited) since the last call."""
        current = snapshot(self._content_dir)
        if current == self._last:
            return False
        self._last = current
        return True


@dataclass(frozen=True)
class ReloadOutcome:
    """``library`` is what to serve next: the new one, or ``current`` when it failed."""

    library: Library
    reloaded: bool
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def reload_if_valid(content_dir: Path, current: Library, today: date) -> ReloadOutcome:
    """Never raises over content: the synonyms and every article are checked as one."""
    try:
        report = check_content(content_dir, today)
    except OSError as exc:  # the folder itself vanished or was replaced mid-deploy
        problem = error(content_dir, 1, f"cannot read the content: {exc.strerror or exc}")
        return ReloadOutcome(library=current, reloaded=False, problems=[problem], summary="1 error")
    if report.library is None:
        return ReloadOutcome(
            library=current, reloaded=False, problems=report.problems, summary=report.summary()
        )
    return ReloadOutcome(
        library=report.library, reloaded=True, problems=report.problems, summary=report.summary()
    )
