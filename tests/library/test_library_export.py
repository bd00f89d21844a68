"""Export records and their round trip back through the file format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.content.check import check_content
from bot.content.export import export_records
from bot.content.models import Library
from bot.content.writer import format_fields
from tests.library.content_fixture import TODAY, ContentDir


def load(root: Path) -> Library:
    report = check_content(root, TODAY)
    assert report.library is not None, report.problems
    return report.library


def test_records_fields_and_order(content: ContentDir) -> None:
    records = export_records(load(content.root))
    assert [(r["id"], r["lang"]) for r in records] == [
        ("residence-permit", "ru"),
        ("residence-permit", "en"),
        ("visa-run", "ru"),
        ("visa-run", "en"),
        ("legal-aid", "ru"),
        ("legal-aid", "en"),
    ]
    first = records[0]
    assert set(first) == {
        "id", "section", "lang", "title", "body", "questions", "countries",
        "related", "sources", "reviewed", "keywords",
    }  # fmt: skip
    assert first["section"] == "documents"
    assert first["reviewed"] == "2026-05-01"
    assert first["sources"] == [{"title": "Agency", "url": "https://example.org/source"}]
    assert first["countries"] == {"GE": "Georgia note ru"}
    assert first["related"] == ["visa-run", "legal-aid"]
    assert first["body"].startswith("Вид на жительство — это **основание**")


def test_round_trip_through_files(content: ContentDir, tmp_path: Path) -> None:
    records = export_records(load(content.root))
    copy = tmp_path / "copy"
    (copy / "articles").mkdir(parents=True)
    for record in records:
        fields: dict[str, Any] = {k: v for k, v in record.items() if k != "body"}
        text = format_fields(fields, record["body"])
        (copy / "articles" / f"{record['id']}.{record['lang']}.md").write_text(
            text, encoding="utf-8"
        )
    assert export_records(load(copy)) == records


def test_round_trip_keeps_tricky_text(content: ContentDir, tmp_path: Path) -> None:
    tricky = "Line: with colon\n\n---\n\n> quote # not a heading\n\n```\ncode: yes\n```"
    for lang in ("ru", "en"):
        content.write("legal-aid", lang, body=tricky, title="Title: «quoted» #1", questions=["yes"])
    records = export_records(load(content.root))
    copy = tmp_path / "copy"
    (copy / "articles").mkdir(parents=True)
    for record in records:
        fields = {k: v for k, v in record.items() if k != "body"}
        path = copy / "articles" / f"{record['id']}.{record['lang']}.md"
        path.write_text(format_fields(fields, record["body"]), encoding="utf-8")
    again = export_records(load(copy))
    assert again == records
    legal = next(r for r in again if r["id"] == "legal-aid")
    assert legal["body"] == tricky
    assert legal["title"] == "Title: «quoted» #1"
