"""The content library's data model.

Editors write one Markdown file per article and language; pydantic validates each
file's front matter so that a wrong field gets a precise message naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.content.render import article_links

if TYPE_CHECKING:
    from bot.search.synonyms import Synonyms

Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = ("ru", "en")

# Menu order of the sections; their titles live in the gettext catalogs.
SECTIONS: tuple[str, ...] = ("documents", "visas", "help", "life", "safety", "community")

# The free organisations every "I don't know" reply lists: a person can help when the
# bot cannot. The search's closest topics skip them, so they are never offered twice.
HELP_ORGANISATIONS: tuple[str, ...] = ("legal-help", "kovcheg")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Countries an article may carry notes for: ISO 3166-1 alpha-2 codes, so that
# editors never have to agree on a spelling ("Kyrgyzstan" / "Kirghizia").
COUNTRIES: tuple[str, ...] = (
    "GE", "AM", "KZ", "KG", "UZ", "RS", "ME", "TR", "IL", "AE",
    "DE", "LV", "LT", "EE", "PL", "FI", "FR", "NL", "CZ", "ES",
    "PT", "CY", "TH", "ID", "AR", "US", "GB", "AZ", "TJ", "MN",
)  # fmt: skip


class Source(BaseModel):
    """A source an article's statements come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    url: str = Field(min_length=1)

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
            raise ValueError(f"not a well-formed http(s) URL: {value!r}")
        return value


class Change(BaseModel):
    """One entry of an article's ``changes:`` list; a major one may notify subscribers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: date
    note: str = Field(min_length=1, max_length=300)
    major: bool = False


class ArticleFile(BaseModel):
    """One article in one language, exactly as an editor writes it in a file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    lang: Lang
    section: str
    title: str = Field(min_length=1, max_length=120)
    reviewed: date
    questions: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    countries: dict[str, str] = Field(default_factory=dict)
    changes: list[Change] = Field(default_factory=list)
    body: str = Field(min_length=1)

    @property
    def links(self) -> tuple[str, ...]:
        """Ids of the articles the text links to with ``[Title](article:id)``, in order.

        Derived from the body (cached by body text) rather than stored, so a copy with a
        new body can never carry the old links.
        """
        return article_links(self.body)

    @field_validator("questions", "keywords", mode="before")
    @classmethod
    def _numbers_as_text(cls, value: object) -> object:
        # YAML reads an unquoted `330.2` (an article of a code) as a number; editors mean text.
        if isinstance(value, list):
            return [
                str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                for v in value
            ]
        return value

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not ID_PATTERN.match(value) or len(value) > 40:
            raise ValueError("id must be lowercase latin letters, digits and dashes, at most 40")
        return value

    @field_validator("section")
    @classmethod
    def _known_section(cls, value: str) -> str:
        if value not in SECTIONS:
            raise ValueError(f"unknown section {value!r}; use one of {', '.join(SECTIONS)}")
        return value

    @field_validator("countries")
    @classmethod
    def _known_countries(cls, value: dict[str, str]) -> dict[str, str]:
        for code in value:
            if code not in COUNTRIES:
                raise ValueError(
                    f"unknown country code {code!r}; use one of {', '.join(COUNTRIES)}"
                )
        return value


@dataclass(frozen=True)
class Article:
    """An article with its text in every language; ids and section agree across languages."""

    id: str
    section: str
    texts: dict[Lang, ArticleFile]
    paths: dict[Lang, Path] = field(default_factory=dict)

    def text(self, lang: Lang) -> ArticleFile:
        """The text in ``lang``, or in the other language when that one is missing."""
        if lang in self.texts:
            return self.texts[lang]
        return next(iter(self.texts.values()))

    @property
    def related(self) -> list[str]:
        return self.text("en").related


@dataclass(frozen=True)
class Library:
    """An immutable snapshot of the content; a reload builds a new one and swaps it in."""

    articles: dict[str, Article]
    version: str = ""
    # The synonyms checked together with the articles, so a reload never pairs a checked
    # library with a synonyms file read (and maybe broken) a moment later.
    synonyms: Synonyms | None = field(default=None, compare=False, repr=False)

    def get(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def in_section(self, section: str) -> list[Article]:
        return [a for a in self.articles.values() if a.section == section]

    def __len__(self) -> int:
        return len(self.articles)
