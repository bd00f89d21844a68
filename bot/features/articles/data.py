"""Callback data of sections and article pages: ``sec:<section>``, ``art:<id>:<page>``."""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERN = r"^(sec|art):"
# ASCII only: str.isdigit() would accept "²" and int() would then raise.
_ARTICLE = re.compile(r"art:([a-z0-9-]{1,40}):([0-9]{1,4})", re.ASCII)
_SECTION = re.compile(r"sec:([a-z]{1,20})", re.ASCII)


@dataclass(frozen=True)
class ArticlePage:
    article_id: str
    page: int


@dataclass(frozen=True)
class SectionPage:
    section: str


def section_data(section: str) -> str:
    return f"sec:{section}"


def article_data(article_id: str, page: int = 0) -> str:
    return f"art:{article_id}:{page}"


def parse(data: str) -> ArticlePage | SectionPage | None:
    if match := _ARTICLE.fullmatch(data):
        return ArticlePage(match[1], int(match[2]))
    if match := _SECTION.fullmatch(data):
        return SectionPage(match[1])
    return None
