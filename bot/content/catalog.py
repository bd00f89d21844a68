"""The library, its search index and rendered pages as one immutable unit.

A content reload builds a new Catalog and swaps the reference: a request that started on the
old one finishes on it, and nobody ever sees a library paired with another library's index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from bot.content.models import SECTIONS, Library
from bot.content.synonyms_check import SYNONYMS_FILE, check_synonyms
from bot.search.engine import SearchEngine

__all__ = ["SYNONYMS_FILE", "Catalog", "build_catalog"]

V = TypeVar("V")


@dataclass(frozen=True)
class Catalog:
    library: Library
    engine: SearchEngine
    # Rendered pages and gists, computed on first use; they live and die with this library.
    _rendered: dict[tuple[str, ...], object] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def version(self) -> str:
        return self.library.version

    def rendered(self, key: tuple[str, ...], render: Callable[[], V]) -> V:
        if key not in self._rendered:
            self._rendered[key] = render()
        return cast(V, self._rendered[key])

    @cached_property
    def ordered_ids(self) -> list[str]:
        """Menu order: by section, then id; what inline mode offers for an empty query."""
        order = {section: i for i, section in enumerate(SECTIONS)}
        articles = sorted(self.library.articles.values(), key=lambda a: (order[a.section], a.id))
        return [a.id for a in articles]


def build_catalog(library: Library, content_dir: Path) -> Catalog:
    """Uses the synonyms checked with ``library``; reads the file only for a bare library.

    Never raises over a broken synonyms file: the search then runs without synonyms,
    which is worse but far better than a bot that cannot start or reload.
    """
    synonyms = library.synonyms
    if synonyms is None:
        synonyms, _ = check_synonyms(content_dir)
    return Catalog(library=library, engine=SearchEngine.build(library, synonyms))
