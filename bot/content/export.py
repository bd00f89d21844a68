"""Flat JSON-ready records of the library, for translators' tools and other apps.

One record per article and language so a consumer never has to know about the
file layout or fall back between languages.
"""

from __future__ import annotations

from typing import Any

from bot.content.models import LANGS, SECTIONS, Library


def export_records(library: Library) -> list[dict[str, Any]]:
    """Records ordered by section menu order, then id, then language."""
    records: list[dict[str, Any]] = []
    for article in library.articles.values():
        for lang in LANGS:
            text = article.texts.get(lang)
            if text is None:
                continue
            records.append(
                {
                    "id": text.id,
                    "section": text.section,
                    "lang": text.lang,
                    "title": text.title,
                    "body": text.body,
                    "questions": list(text.questions),
                    "keywords": list(text.keywords),
                    "countries": dict(text.countries),
                    "related": list(text.related),
                    "sources": [{"title": s.title, "url": s.url} for s in text.sources],
                    "reviewed": text.reviewed.isoformat(),
                }
            )
    records.sort(key=_order)
    return records


def _order(record: dict[str, Any]) -> tuple[int, str, int]:
    section = record["section"]
    rank = SECTIONS.index(section) if section in SECTIONS else len(SECTIONS)
    return rank, record["id"], LANGS.index(record["lang"])
