"""The review-date rule: facts for émigrés go stale, so every article needs a recent check."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from bot.content.loader import LoadedFile
from bot.content.problems import Problem, error, warning

MAX_REVIEW_AGE_DAYS = 180
# The server runs on UTC; an editor in Tbilisi or Almaty publishing "today" after midnight
# local time is a day ahead of it. One day of slack covers every time zone.
CLOCK_SLACK = timedelta(days=1)


def check_freshness(files: Sequence[LoadedFile], today: date) -> list[Problem]:
    problems = []
    for loaded in files:
        reviewed = loaded.article.reviewed
        line = loaded.line_of("reviewed")
        if reviewed > today + CLOCK_SLACK:
            problems.append(
                error(
                    loaded.path,
                    line,
                    f"reviewed: {reviewed.isoformat()} is in the future; write the day the "
                    "facts were last checked",
                )
            )
        elif (today - reviewed).days > MAX_REVIEW_AGE_DAYS:
            problems.append(
                warning(
                    loaded.path,
                    line,
                    f"reviewed: last checked {reviewed.isoformat()}, "
                    f"{(today - reviewed).days} days ago (more than {MAX_REVIEW_AGE_DAYS}); "
                    "re-check the facts and update the date",
                )
            )
    return problems
