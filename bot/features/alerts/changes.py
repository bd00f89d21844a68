"""Articles' ``changes:`` lists read as one list per article, and what is new since last time.

Editors write a change in each language's file under the same date; the two notes are one
change. Its key (article id and date) is what the bot remembers having drafted, so the draft
goes to the admins once, whatever the number of reloads and restarts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.content.models import LANGS, Article, Lang, Library

WHATSNEW_DAYS = 30


@dataclass(frozen=True)
class ArticleChange:
    article_id: str
    section: str
    day: date
    notes: dict[Lang, str]
    major: bool

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.day.isoformat()}"

    @property
    def compact_day(self) -> str:
        """``yyyymmdd``, for callback data."""
        return self.day.strftime("%Y%m%d")

    def note(self, lang: Lang) -> str:
        return self.notes.get(lang) or next(iter(self.notes.values()), "")


def article_changes(article: Article) -> list[ArticleChange]:
    """One entry per date; major if any language's file says so."""
    by_day: dict[date, tuple[dict[Lang, str], bool]] = {}
    for lang in LANGS:
        text = article.texts.get(lang)
        if text is None:
            continue
        for change in text.changes:
            notes, major = by_day.get(change.date, ({}, False))
            notes = {**notes, lang: change.note}
            by_day[change.date] = (notes, major or change.major)
    return [
        ArticleChange(article.id, article.section, day, notes, major)
        for day, (notes, major) in sorted(by_day.items())
    ]


def major_changes(library: Library) -> list[ArticleChange]:
    return [c for a in library.articles.values() for c in article_changes(a) if c.major]


def recent_major_changes(
    library: Library, today: date, days: int = WHATSNEW_DAYS
) -> list[ArticleChange]:
    """What /whatsnew shows, newest first; changes dated in the future are not news yet."""
    since = today - timedelta(days=days)
    found = [c for c in major_changes(library) if since <= c.day <= today]
    return sorted(found, key=lambda c: (c.day, c.article_id), reverse=True)


def find_change(library: Library, article_id: str, compact_day: str) -> ArticleChange | None:
    article = library.get(article_id)
    if article is None:
        return None
    return next((c for c in article_changes(article) if c.compact_day == compact_day), None)


def draft_candidates(library: Library, today: date) -> list[ArticleChange]:
    """Major changes recent enough to announce (an old change is history, not news)."""
    return recent_major_changes(library, today)
