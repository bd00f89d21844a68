"""Callback data of sections and article pages: ``sec:<section>``, ``art:<id>:<page>[:<CC>]``.

The optional country is the note the first page showed; later pages must be cut with the
same note, or page 2 would start somewhere else than where page 1 ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERN = r"^(sec|art):"
# ASCII only: str.isdigit() would accept "²" and int() would then raise.
_ARTICLE = re.compile(r"art:([a-z0-9-]{1,40}):([0-9]{1,4})(?::([A-Z]{2}))?", re.ASCII)
_SECTION = re.compile(r"sec:([a-z]{1,20})", re.ASCII)


@dataclass(frozen=True)
class ArticlePage:
    article_id: str
    page: int
    country: str | None = None


@dataclass(frozen=True)
class SectionPage:
    section: str


def section_data(section: str) -> str:
    return f"sec:{section}"


def article_data(article_id: str, page: int = 0, country: str | None = None) -> str:
    return f"art:{article_id}:{page}" + (f":{country}" if country else "")


def parse(data: str) -> ArticlePage | SectionPage | None:
    if match := _ARTICLE.fullmatch(data):
        return ArticlePage(match[1], int(match[2]), match[3])
    if match := _SECTION.fullmatch(data):
        return SectionPage(match[1])
    return None
