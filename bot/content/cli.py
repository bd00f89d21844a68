"""The ``content check`` and ``content export`` commands, as testable functions.

They take streams instead of printing so the lead's ``python -m bot`` wiring and the
tests share the exact same output.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.content.check import check_content
from bot.content.export import export_records


def run_check(content_dir: Path, today: date, out: TextIO) -> int:
    """Print every problem and a summary; exit code 1 when any problem is an error."""
    report = check_content(content_dir, today)
    for problem in report.problems:
        print(problem.format(), file=out)
    print(report.summary(), file=out)
    return 0 if report.ok else 1


def run_export(
    content_dir: Path,
    out: TextIO,
    *,
    today: date | None = None,
    err: TextIO | None = None,
) -> int:
    """Write the JSON array of records; on errors write nothing to ``out`` and return 1."""
    report = check_content(content_dir, today or date.today())
    if report.library is None:
        stream = err if err is not None else sys.stderr
        for problem in report.problems:
            print(problem.format(), file=stream)
        print(report.summary(), file=stream)
        return 1
    json.dump(export_records(report.library), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0
