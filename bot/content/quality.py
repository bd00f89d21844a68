"""Warnings about what works but serves readers badly: too few questions, unshowable Markdown.

None of these block publishing: the article is still correct, only harder to find or
read, and an editor should be nagged rather than stopped.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.loader import LoadedFile
from bot.content.problems import Problem, warning

# Search finds an article by the ways people ask; fewer than this misses common wordings.
MIN_QUESTIONS = 30


def check_quality(files: Sequence[LoadedFile]) -> list[Problem]:
    problems: list[Problem] = []
    for loaded in files:
        problems.extend(_questions(loaded))
    return problems


def _questions(loaded: LoadedFile) -> list[Problem]:
    count = len(loaded.article.questions)
    if count >= MIN_QUESTIONS:
        return []
    line = loaded.line_of("questions") if count else 1
    return [
        warning(
            loaded.path,
            line,
            f"questions: {count} of at least {MIN_QUESTIONS}; add more ways people ask this: "
            "as they type in chats, with slang and short forms, short and long, "
            "and the worried questions too",
        )
    ]
