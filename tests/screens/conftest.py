"""A small library of its own, and a search whose answer each test chooses.

The screens are about what the bot says for each kind of answer, not about ranking, so the
engine is replaced by one that returns the Answer the test sets; the shipped content and
the real engine change on other branches and would make these tests flaky for no reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.content.catalog import Catalog, build_catalog
from bot.content.check import check_content
from bot.content.models import Library
from bot.content.writer import format_fields
from bot.core.i18n import Translators
from bot.search.engine import Answer
from devtools.offline import OfflineBot, offline_app, offline_settings

REVIEWED = date(2026, 11, 1)

# id -> (section, Russian title, English title, country notes)
ARTICLES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "passport-renewal-abroad": (
        "documents",
        "Как продлить загранпаспорт за границей",
        "Renewing a passport abroad",
        ("GE", "TR"),
    ),
    "passport-lost": ("documents", "Потерян паспорт", "Lost passport", ()),
    "visa-run": ("visas", "Визаран", "Visa runs", ("GE",)),
    "legal-help": ("help", "Юридическая помощь", "Legal help", ()),
    "kovcheg": ("help", "Ковчег", "Kovcheg", ()),
}

NOTES = {"ru": "Заметка для {code}.", "en": "A note for {code}."}
BODIES = {
    "ru": "Короткий ответ на вопрос.\n\nПодробнее: [сайт](https://example.org/ru).",
    "en": "A short answer to the question.\n\nMore: [the site](https://example.org/en).",
}


def write_library(root: Path) -> Path:
    articles = root / "articles"
    articles.mkdir(parents=True)
    for article_id, (section, ru_title, en_title, countries) in ARTICLES.items():
        for lang, title in (("ru", ru_title), ("en", en_title)):
            fields: dict[str, Any] = {
                "id": article_id,
                "lang": lang,
                "section": section,
                "title": title,
                "reviewed": REVIEWED,
                "questions": [f"{title}?", f"{article_id} {lang}"],
                "keywords": [article_id.split("-")[0]],
                "related": [],
                "sources": [{"title": "Source", "url": "https://example.org/source"}],
                "countries": {code: NOTES[lang].format(code=code) for code in countries},
            }
            text = format_fields(fields, BODIES[lang])
            (articles / f"{article_id}.{lang}.md").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def content_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_library(tmp_path_factory.mktemp("screens") / "content")


@pytest.fixture(scope="session")
def library(content_dir: Path) -> Library:
    report = check_content(content_dir, REVIEWED)
    assert report.library is not None, [str(p) for p in report.problems]
    return report.library


@pytest.fixture(scope="session")
def catalog(library: Library, content_dir: Path) -> Catalog:
    return build_catalog(library, content_dir)


@pytest.fixture(scope="session")
def translators() -> Translators:
    return Translators()


@dataclass
class ScriptedEngine:
    """Stands in for SearchEngine: returns ``answer`` and remembers what it was asked."""

    answer: Answer = field(default_factory=lambda: Answer("ru", (), "none"))
    queries: list[str] = field(default_factory=list)

    def search(self, query: str, *, country: str | None = None, limit: int = 5) -> Answer:
        self.queries.append(query)
        return self.answer


@dataclass
class ScreensBot:
    offline: OfflineBot
    engine: ScriptedEngine


@pytest.fixture
async def bot(tmp_path: Path, library: Library, content_dir: Path) -> AsyncIterator[ScreensBot]:
    settings = offline_settings(tmp_path / "bot.sqlite3", content_dir)
    async with offline_app(settings, library=library) as offline:
        engine = ScriptedEngine()
        services = offline.services
        services.catalog = Catalog(library=services.catalog.library, engine=engine)  # type: ignore[arg-type]
        yield ScreensBot(offline, engine)
