"""Test-only helpers: the shipped library read straight from disk, and tiny fixtures.

The search tests must not depend on the loader's error handling, so they parse the
article files themselves (front matter between the first two ``---`` lines).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import yaml

from bot.content.models import Article, ArticleFile, Lang, Library

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "content" / "articles"
SYNONYMS = ROOT / "content" / "synonyms.yaml"


def parse_article_file(path: Path) -> ArticleFile:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    for key in ("questions", "keywords"):
        # YAML reads a bare 112 as a number; editors mean the text.
        meta[key] = [str(item) for item in meta.get(key) or []]
    return ArticleFile(**meta, body=body.strip())


def load_shipped_library(articles: Path = ARTICLES) -> Library:
    """Every valid article file; one being edited into an invalid state is skipped
    (the coverage test then names the missing article instead of a YAML error)."""
    files: dict[str, dict[Lang, ArticleFile]] = {}
    for path in sorted(articles.glob("*.md")):
        try:
            article = parse_article_file(path)
        except (ValueError, TypeError, yaml.YAMLError) as exc:
            warnings.warn(f"{path.name}: skipped, {exc}", stacklevel=2)
            continue
        files.setdefault(article.id, {})[article.lang] = article
    return Library(
        {
            aid: Article(id=aid, section=next(iter(texts.values())).section, texts=texts)
            for aid, texts in files.items()
        }
    )


def make_file(
    article_id: str,
    lang: Lang,
    title: str,
    body: str,
    *,
    questions: list[str] | None = None,
    keywords: list[str] | None = None,
    countries: dict[str, str] | None = None,
) -> ArticleFile:
    return ArticleFile(
        id=article_id,
        lang=lang,
        section="documents",
        title=title,
        reviewed="2026-01-01",
        questions=questions or [],
        keywords=keywords or [],
        countries=countries or {},
        sources=[{"title": "t", "url": "https://example.org/"}],
        body=body,
    )


def make_library(*files: ArticleFile) -> Library:
    grouped: dict[str, dict[Lang, ArticleFile]] = {}
    for f in files:
        grouped.setdefault(f.id, {})[f.lang] = f
    return Library(
        {aid: Article(id=aid, section="documents", texts=t) for aid, t in grouped.items()}
    )
