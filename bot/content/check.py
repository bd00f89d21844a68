"""One entry point for "is this content good enough to serve?".

Used by the editors' checker, CI and the live reload alike, so the bot never serves
content that the checker would have rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.content.body_check import check_bodies, check_unloaded_bodies
from bot.content.consistency import check_consistency
from bot.content.freshness import check_freshness
from bot.content.loader import ARTICLES_DIR, LoadedFile, build_library, load_articles
from bot.content.models import LANGS, Library
from bot.content.problems import Problem, error, warning
from bot.content.quality import check_quality
from bot.content.synonyms_check import check_synonyms
from bot.search.topics import load_topics


@dataclass(frozen=True)
class CheckReport:
    """Problems in file/line order; ``library`` is set only when there is no error."""

    library: Library | None
    problems: list[Problem] = field(default_factory=list)
    article_count: int = 0
    language_count: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """E.g. ``28 articles in 2 languages: 0 errors, 1 warning``."""
        return (
            f"{_count(self.article_count, 'article')} in "
            f"{_count(self.language_count, 'language')}: "
            f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def check_content(content_dir: Path, today: date) -> CheckReport:
    articles_dir = content_dir / ARTICLES_DIR
    missing = _missing_dirs(content_dir, articles_dir)
    if missing:
        return CheckReport(library=None, problems=missing)
    loaded = load_articles(articles_dir)
    problems = list(loaded.problems)
    if not any(articles_dir.glob("*.md")):
        problems.append(error(articles_dir, 1, "no article files (*.md) in this folder"))
    problems.extend(check_consistency(loaded.files, loaded.unloaded))
    problems.extend(check_bodies(loaded.files))
    known = {f.article.id for f in loaded.files} | {i for i, _ in loaded.unloaded}
    problems.extend(check_unloaded_bodies(articles_dir, loaded.unloaded, known))
    problems.extend(check_freshness(loaded.files, today))
    problems.extend(check_quality(loaded.files))
    synonyms, synonym_problems = check_synonyms(content_dir)
    problems.extend(synonym_problems)
    problems.extend(_unlearnt(loaded.files))
    problems.sort(key=lambda p: (str(p.path), p.line, p.severity, p.message))
    is_ok = not any(p.severity == "error" for p in problems)
    return CheckReport(
        library=build_library(loaded.files, loaded.version, synonyms) if is_ok else None,
        problems=problems,
        article_count=len({f.article.id for f in loaded.files} | {i for i, _ in loaded.unloaded}),
        language_count=len(
            {f.article.lang for f in loaded.files}
            | {lang for _, lang in loaded.unloaded if lang in LANGS}
        ),
    )


def _unlearnt(files: Sequence[LoadedFile]) -> list[Problem]:
    """Articles the search's topic model has not learnt (added since the last fit)."""
    learnt = set(load_topics().classes)
    first: dict[str, LoadedFile] = {}
    for f in sorted(files, key=lambda f: str(f.path)):
        first.setdefault(f.article.id, f)
    # A model that knows fewer than half of the articles was fitted on another library
    # (a test's, a fork's): one warning per article would be noise there.
    if 2 * len(learnt & first.keys()) < len(first):
        return []
    return [
        warning(
            f.path,
            1,
            f"the search has not learnt '{aid}' yet: it finds it by its words only, and "
            "answers questions about it with choices at best; ask a maintainer to run "
            "`make fit` and commit bot/search/topics.json and model.json",
        )
        for aid, f in sorted(first.items())
        if aid not in learnt
    ]


def _missing_dirs(content_dir: Path, articles_dir: Path) -> list[Problem]:
    if not content_dir.is_dir():
        return [error(content_dir, 1, "content folder does not exist")]
    if not any(content_dir.iterdir()):
        return [error(content_dir, 1, "content folder is empty")]
    if not articles_dir.is_dir():
        return [error(articles_dir, 1, f"no {ARTICLES_DIR}/ folder inside the content folder")]
    return []
