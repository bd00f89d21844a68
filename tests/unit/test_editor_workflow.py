"""CONTENT.md's "Adding a new article, step by step", done the way an editor would."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from bot.content.catalog import build_catalog
from bot.content.check import check_content
from tests.unit.conftest import CONTENT

REPO = Path(__file__).resolve().parents[2]


def set_field(text: str, name: str, value: str) -> str:
    return re.sub(rf"^{name}:.*$", f"{name}: {value}", text, count=1, flags=re.MULTILINE)


def test_an_editor_can_add_an_article_by_following_content_md(tmp_path: Path) -> None:
    guide = (REPO / "CONTENT.md").read_text(encoding="utf-8")
    assert "Adding a new article, step by step" in guide and "make check-content" in guide
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    articles = content / "articles"
    titles = {"ru": "Визаран: выезд и повторный въезд", "en": "Visa runs: leaving and coming back"}
    for lang, title in titles.items():
        # 1-2. Copy a pair from the same section and change the id.
        text = (articles / f"residence-permit.{lang}.md").read_text(encoding="utf-8")
        text = set_field(text, "id", "visa-run")
        # 5. Title; 6. questions and keywords replaced; 9. related.
        text = set_field(text, "title", f'"{title}"')  # quoted: it contains ": "
        text = set_field(text, "keywords", "[визаран, visa run, бордер-ран, border run]")
        text = set_field(text, "related", "[residence-permit, visa-free-countries]")
        text = re.sub(
            r"^questions:\n(  - .*\n)+",
            "questions:\n  - как сделать визаран\n",
            text,
            flags=re.MULTILINE,
        )
        # 8. Reviewed today.
        text = set_field(text, "reviewed", date.today().isoformat())
        (articles / f"visa-run.{lang}.md").write_text(text, encoding="utf-8")
        # 10. Add the new id to a neighbour's related list, in both languages.
        neighbour = articles / f"residence-permit.{lang}.md"
        neighbour_text = neighbour.read_text(encoding="utf-8")
        neighbour_text = re.sub(
            r"^related: \[", "related: [visa-run, ", neighbour_text, count=1, flags=re.MULTILINE
        )
        neighbour.write_text(neighbour_text, encoding="utf-8")

    # 11. make check-content passes.
    report = check_content(content, date.today())
    assert report.library is not None, [str(p) for p in report.problems if p.severity == "error"]
    article = report.library.get("visa-run")
    assert article is not None and article.section == "visas"
    assert article.text("en").title == titles["en"]
    catalog = build_catalog(report.library, content)
    assert catalog.engine.search("визаран").hits[0].article_id == "visa-run"
    assert "visa-run" in report.library.articles["residence-permit"].related


def test_a_forgotten_step_is_named_with_file_and_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    articles = content / "articles"
    # Only the Russian file was copied and renamed: the English one is missing.
    text = (articles / "asylum.ru.md").read_text(encoding="utf-8")
    (articles / "new-topic.ru.md").write_text(set_field(text, "id", "new-topic"), encoding="utf-8")
    report = check_content(content, date.today())
    assert report.library is None
    messages = [str(p) for p in report.problems if p.severity == "error"]
    assert any("new-topic" in m and re.search(r":\d+: ", m) for m in messages), messages
