"""Builds small, valid content folders for the library tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bot.content.quality import MIN_QUESTIONS
from bot.content.writer import format_fields

TODAY = date(2026, 6, 1)
REVIEWED = date(2026, 5, 1)

ARTICLES: dict[str, dict[str, Any]] = {
    "residence-permit": {"section": "documents", "related": ["visa-run", "legal-aid"]},
    "visa-run": {"section": "visas", "related": ["residence-permit"]},
    "legal-aid": {"section": "help", "related": []},
}

BODIES = {
    "ru": "Вид на жительство — это **основание** жить в стране.\n\n"
    "- Соберите документы\n- Подайте заявление\n\n"
    "Подробнее: [сайт ведомства](https://example.org/ru).",
    "en": "A residence permit is the **legal basis** to live in a country.\n\n"
    "- Gather documents\n- Apply\n\n"
    "More: [the agency site](https://example.org/en).",
}


def questions_for(article_id: str, lang: str, count: int = MIN_QUESTIONS) -> list[str]:
    return [f"{article_id} question {n} {lang}" for n in range(1, count + 1)]


def title_of(article_id: str, lang: str) -> str:
    return f"{article_id} ({lang})"


def fields_for(article_id: str, lang: str, **overrides: Any) -> dict[str, Any]:
    base = ARTICLES.get(article_id, {"section": "life", "related": []})
    fields: dict[str, Any] = {
        "id": article_id,
        "lang": lang,
        "section": base["section"],
        "title": title_of(article_id, lang),
        "reviewed": REVIEWED,
        "questions": questions_for(article_id, lang),
        "keywords": [article_id.split("-")[0]],
        "related": list(base["related"]),
        "sources": [{"title": "Agency", "url": "https://example.org/source"}],
        "countries": {"GE": f"Georgia note {lang}"},
    }
    fields.update(overrides)
    return fields


class ContentDir:
    """A content folder under tmp_path; ``write`` replaces one file at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.articles = root / "articles"
        self.articles.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.articles / name

    def write(self, article_id: str, lang: str, body: str | None = None, **overrides: Any) -> Path:
        text = format_fields(fields_for(article_id, lang, **overrides), body or BODIES[lang])
        return self.write_raw(f"{article_id}.{lang}.md", text)

    def write_raw(self, name: str, text: str) -> Path:
        path = self.path(name)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> Path:
        """Edit a file the way an editor would, keeping every other line where it was."""
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        return self.write_raw(name, text.replace(old, new, 1))

    def line_of(self, name: str, needle: str) -> int:
        """1-based line of the first line containing ``needle``."""
        for number, line in enumerate(self.read(name).splitlines(), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {name}")

    def line_equal(self, name: str, wanted: str) -> int:
        """1-based line of the first line that is exactly ``wanted``."""
        for number, line in enumerate(self.read(name).splitlines(), start=1):
            if line == wanted:
                return number
        raise AssertionError(f"no line {wanted!r} in {name}")

    def write_valid_library(self) -> ContentDir:
        for article_id in ARTICLES:
            for lang in ("ru", "en"):
                self.write(article_id, lang)
        return self
