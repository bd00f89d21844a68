"""The real articles in content/: complete, valid, sendable, and open to new articles.

Nothing here counts the articles: every number is derived from the files, so adding a
valid article (the editors' everyday job) can never break the suite.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.content.check import check_content
from bot.content.loader import load_file
from bot.content.models import LANGS
from bot.content.pages import article_pages
from bot.content.quality import MIN_QUESTIONS
from bot.core.i18n import Translators
from devtools.fakeapi.html import parse_html

CONTENT = Path(__file__).resolve().parents[2] / "content"
SHIPPED = sorted((CONTENT / "articles").glob("*.md"))
_NAME = re.compile(r"^(?P<id>[a-z0-9-]+)\.(?P<lang>[a-z]+)\.md$")
IDS = sorted({m["id"] for p in SHIPPED if (m := _NAME.match(p.name))})


def test_there_are_articles() -> None:
    assert IDS, f"no article files in {CONTENT / 'articles'}"


@pytest.mark.parametrize("article_id", IDS)
def test_every_article_is_shipped_in_every_language(article_id: str) -> None:
    for lang in LANGS:
        assert (CONTENT / "articles" / f"{article_id}.{lang}.md").is_file()


def test_shipped_library_has_no_errors() -> None:
    report = check_content(CONTENT, date.today())
    assert report.errors == [], "\n".join(p.format() for p in report.errors)
    assert report.library is not None
    assert report.article_count == len(IDS) == len(report.library)
    assert report.language_count == len(LANGS)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_page_sent_is_accepted_by_the_emulator(path: Path) -> None:
    loaded, problems = load_file(path, path.read_bytes())
    assert loaded is not None, "\n".join(p.format() for p in problems)
    text = loaded.article
    tr = Translators()[text.lang]
    for country in (None, *text.countries):
        pages = article_pages(tr, text, country)
        assert pages
        for page in pages:
            parsed = parse_html(page)  # raises where Telegram would refuse
            assert len(parsed.text.encode("utf-16-le")) // 2 <= 4096
            assert len(parsed.entities) <= 100


def _new_article(lang: str, neighbour: str, neighbour_title: str, reviewed: date) -> str:
    """A pair written the way CONTENT.md tells an editor to, by hand, not by our writer."""
    title = "Рабочая виза" if lang == "ru" else "Work visa"
    questions = "\n".join(f"  - {lang} how do i get a work visa {n}" for n in range(MIN_QUESTIONS))
    return f"""---
id: work-visa
lang: {lang}
section: visas
title: {title}
reviewed: {reviewed.isoformat()}
related: [{neighbour}]
questions:
{questions}
keywords: [visa, work]
countries:
  DE: |
    The work visa is applied for at the embassy.
sources:
  - title: "Example: the official page (2026-11-30)"
    url: https://example.org/work-visa
---
**{title}:** apply before you travel.

## Steps

1. Find an employer.
2. See [{neighbour_title}](article:{neighbour}).
"""


def test_adding_a_valid_article_pair_grows_the_library_by_one(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    today = date.today()
    before = check_content(content, today)
    assert before.library is not None, before.errors
    neighbour = before.library.articles[IDS[0]]
    for lang in LANGS:
        title = neighbour.text(lang).title
        (content / "articles" / f"work-visa.{lang}.md").write_text(
            _new_article(lang, neighbour.id, title, today), encoding="utf-8"
        )
    after = check_content(content, today)
    assert after.errors == [], "\n".join(p.format() for p in after.errors)
    assert after.library is not None
    assert len(after.library) == len(before.library) + 1
    assert after.article_count == before.article_count + 1
    added = [p for p in after.problems if p.path.name.startswith("work-visa")]
    # Only the reminder that search has not learnt the new article yet (make fit).
    assert [p.severity for p in added] == ["warning"], added
    assert "make fit" in added[0].message and "'work-visa'" in added[0].message
    assert after.library.articles["work-visa"].text("en").links == (neighbour.id,)
