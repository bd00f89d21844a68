"""The library, its search index and rendered pages as one immutable unit.

A content reload builds a new Catalog and swaps the reference: a request that started on the
old one finishes on it, and nobody ever sees a library paired with another library's index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bot.library.models import SECTIONS, Lang, Library
from bot.search.engine import SearchEngine
from bot.search.synonyms import load_synonyms

SYNONYMS_FILE = "synonyms.yaml"


@dataclass(frozen=True)
class Catalog:
    library: Library
    engine: SearchEngine
    _pages: dict[tuple[str, Lang, str | None], list[str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def version(self) -> str:
        return self.library.version

    def cached_pages(self, key: tuple[str, Lang, str | None]) -> list[str] | None:
        return self._pages.get(key)

    def store_pages(self, key: tuple[str, Lang, str | None], pages: list[str]) -> None:
        self._pages[key] = pages

    @cached_property
    def ordered_ids(self) -> list[str]:
        """Menu order: by section, then id; what inline mode offers for an empty query."""
        order = {section: i for i, section in enumerate(SECTIONS)}
        articles = sorted(self.library.articles.values(), key=lambda a: (order[a.section], a.id))
        return [a.id for a in articles]


def build_catalog(library: Library, content_dir: Path) -> Catalog:
    synonyms_path = content_dir / SYNONYMS_FILE
    synonyms = load_synonyms(synonyms_path) if synonyms_path.exists() else None
    return Catalog(library=library, engine=SearchEngine.build(library, synonyms))
