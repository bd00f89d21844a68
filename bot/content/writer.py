"""Turn an article back into file text, in the layout editors are told to use.

Shared by the export round-trip and the test fixtures so both exercise the exact
format the loader reads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from bot.content.models import ArticleFile

# Editors read fields top to bottom in this order; it matches CONTENT.md.
FIELD_ORDER = (
    "id",
    "lang",
    "section",
    "title",
    "reviewed",
    "questions",
    "keywords",
    "related",
    "sources",
    "countries",
)


def format_article(article: ArticleFile) -> str:
    data = article.model_dump(mode="python", exclude={"body"})
    return format_fields(data, article.body)


def format_fields(fields: dict[str, Any], body: str) -> str:
    """``fields`` may hold a ``reviewed`` date or ISO string; output is identical."""
    ordered = {name: fields[name] for name in FIELD_ORDER if name in fields}
    ordered.update({k: v for k, v in fields.items() if k not in ordered})
    if isinstance(ordered.get("reviewed"), str):
        ordered["reviewed"] = date.fromisoformat(ordered["reviewed"])
    front = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body.rstrip()}\n"
