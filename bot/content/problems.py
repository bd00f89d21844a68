"""Problems found in content files.

Every problem names a file and a line so that an editor can jump straight to it from
the checker's output, the admin notification or a CI log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding; errors block a (re)load, warnings only nag."""

    path: Path
    line: int
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """The ``path:line: severity: message`` form editors' tools understand."""
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    def __str__(self) -> str:
        return self.format()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def error(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, message, "error")


def warning(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, message, "warning")
