"""The real articles in content/articles: complete, valid, and sendable.

These fail (rather than skip) while the writers have not delivered all files, so an
incomplete library can never pass CI unnoticed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.content.check import check_content
from bot.content.loader import load_file
from bot.content.render import paginate, render, render_blocks, validate_telegram_html
from bot.content.telegram_html import telegram_length

CONTENT = Path(__file__).resolve().parents[2] / "content"
EXPECTED_FILES = 56  # 28 articles in ru and en
SHIPPED = sorted((CONTENT / "articles").glob("*.md"))


def test_every_article_is_shipped_in_both_languages() -> None:
    assert len(SHIPPED) >= EXPECTED_FILES, (
        f"{len(SHIPPED)} article files in {CONTENT / 'articles'}, expected {EXPECTED_FILES}"
    )


def test_shipped_library_has_no_errors() -> None:
    report = check_content(CONTENT, date.today())
    assert report.errors == [], "\n".join(p.format() for p in report.errors)
    assert report.library is not None
    assert report.article_count >= EXPECTED_FILES // 2
    assert report.language_count == 2


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_article_renders_and_paginates(path: Path) -> None:
    loaded, problems = load_file(path, path.read_bytes())
    assert loaded is not None, "\n".join(p.format() for p in problems)
    body = loaded.article.body
    assert validate_telegram_html(render(body)) == []
    pages = paginate(render_blocks(body))
    assert pages
    for page in pages:
        assert telegram_length(page) < 4096
        assert validate_telegram_html(page) == []
