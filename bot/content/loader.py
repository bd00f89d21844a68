"""Read article files from disk into validated ``ArticleFile``s and a ``Library``.

Loading never raises on bad content: every defect becomes a ``Problem`` with a file
and line, because the same code serves the editors' checker and the live reload,
where one broken file must not take the bot down.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bot.content.frontmatter import FrontMatterError, Loc, ParsedFile, loc_name, split_file
from bot.content.models import LANGS, SECTIONS, Article, ArticleFile, Lang, Library, Source
from bot.content.problems import Problem, error, warning

if TYPE_CHECKING:
    from bot.search.synonyms import Synonyms

ARTICLES_DIR = "articles"
_FILE_NAME = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.md$")
_FRONT_MATTER_FIELDS = tuple(name for name in ArticleFile.model_fields if name != "body")
_SOURCE_FIELDS = tuple(Source.model_fields)
# 30.11.2026, 30/11/2026, 30-11-2026: day first, as in Russia and most of Europe.
_LOCAL_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


@dataclass(frozen=True)
class LoadedFile:
    """A file whose front matter validated, with its line map for later checks."""

    path: Path
    article: ArticleFile
    parsed: ParsedFile

    def line_of(self, *loc: str | int) -> int:
        return self.parsed.line_of(loc)


@dataclass(frozen=True)
class LoadResult:
    """Every readable file plus the problems of the unreadable or invalid ones."""

    files: list[LoadedFile]
    problems: list[Problem]
    version: str
    # (id, lang) from the names of files that failed to load: they exist, so cross-file
    # checks must not pile "missing translation" errors on top of the real one.
    unloaded: frozenset[tuple[str, str]] = frozenset()


def load_articles(articles_dir: Path) -> LoadResult:
    """Load every ``*.md`` file directly inside ``articles_dir``, in name order."""
    files: list[LoadedFile] = []
    problems: list[Problem] = []
    contents: list[tuple[str, bytes]] = []
    unloaded: set[tuple[str, str]] = set()
    for path in sorted(articles_dir.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix != ".md":
            problems.append(warning(path, 1, "ignored: article files must end in .md"))
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:  # e.g. removed mid-save while the bot reloads
            problems.append(error(path, 1, f"cannot read the file: {exc.strerror or exc}"))
            continue
        contents.append((path.name, raw))
        loaded, file_problems = load_file(path, raw)
        problems.extend(file_problems)
        if loaded is not None:
            files.append(loaded)
        elif (match := _FILE_NAME.match(path.name)) is not None:
            unloaded.add((match["id"], match["lang"]))
    return LoadResult(
        files=files,
        problems=problems,
        version=content_version(contents),
        unloaded=frozenset(unloaded),
    )


def load_file(path: Path, raw: bytes) -> tuple[LoadedFile | None, list[Problem]]:
    """Validate one file; the article is None when its front matter is unusable."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [error(path, line, "not UTF-8 text: save the file with UTF-8 encoding")]
    try:
        parsed = split_file(text)
    except FrontMatterError as exc:
        return None, [error(path, line, message) for line, message in exc.problems]

    problems = [error(path, line, message) for line, message in parsed.problems]
    problems.extend(_check_keys(path, parsed))
    data: dict[str, Any] = {
        key: value for key, value in parsed.data.items() if key != "body" and isinstance(key, str)
    }
    try:
        article = ArticleFile.model_validate({**data, "body": parsed.body})
    except ValidationError as exc:
        problems.extend(_validation_problems(path, parsed, exc))
        return None, problems
    loaded = LoadedFile(path=path, article=article, parsed=parsed)
    problems.extend(_check_file_name(loaded))
    return loaded, problems


def _check_keys(path: Path, parsed: ParsedFile) -> list[Problem]:
    """Keys pydantic would drop or misreport: a ``body`` field and non-text keys."""
    problems: list[Problem] = []
    for key in parsed.data:
        if key == "body":
            problems.append(
                error(
                    path,
                    parsed.line_of(("body",)),
                    "body: not a field; write the article text below the closing '---'",
                )
            )
        elif not isinstance(key, str):
            problems.append(
                error(path, parsed.line_of((str(key),)), f"{key!r}: field names must be words")
            )
    return problems


def _validation_problems(path: Path, parsed: ParsedFile, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        name = loc_name(loc)
        kind = err["type"]
        if loc == ("body",):
            problems.append(
                error(path, parsed.body_line, "body: the article text below '---' is empty")
            )
            continue
        if loc == ("reviewed",) and kind != "missing":
            line, message = parsed.line_of(loc), _date_advice(err.get("input"))
        elif kind == "string_type" and isinstance(err.get("input"), dict):
            line = parsed.line_of(loc)
            message = f"{name}: the text contains ': ', so put it in double quotes"
        elif kind == "missing":
            # A source without its url is found at that source, a missing field at the top.
            line = parsed.line_of(loc) if len(loc) > 1 else 1
            message = f"{name}: required field is missing"
        elif kind == "list_type":
            line = parsed.line_of(loc)
            message = (
                f"{name}: write a list, either [first, second] on one line or one "
                "'  - item' per line"
            )
        elif kind == "extra_forbidden":
            allowed = _SOURCE_FIELDS if len(loc) > 1 else _FRONT_MATTER_FIELDS
            line = parsed.line_of(loc)
            message = f"{name}: unknown field; allowed fields are {', '.join(allowed)}"
        else:
            line = parsed.line_of(loc)
            message = f"{name}: {_readable(err['msg'])}"
        problems.append(error(path, line, message))
    return problems


def _date_advice(value: object) -> str:
    """Editors write dates the way their country does; show them the one form we read."""
    text = str(value).strip()
    example = "2026-11-30"
    if match := _LOCAL_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            example = f"{year:04d}-{month:02d}-{day:02d}"
    return (
        f"reviewed: {text!r} is not a date we can read; write dates as {example} (year-month-day)"
    )


def _readable(message: str) -> str:
    return message.removeprefix("Value error, ")


def _check_file_name(loaded: LoadedFile) -> list[Problem]:
    """The name is how editors find a file, so it must agree with its front matter."""
    path, article = loaded.path, loaded.article
    expected = f"{article.id}.{article.lang}.md"
    match = _FILE_NAME.match(path.name)
    if match is None:
        return [error(path, 1, f"file name must be <id>.<lang>.md, here {expected}")]
    problems = []
    if match["id"] != article.id:
        problems.append(
            error(
                path,
                loaded.line_of("id"),
                f"id: {article.id!r} does not match the file name; rename the file to "
                f"{expected} or change the id",
            )
        )
    if match["lang"] != article.lang:
        problems.append(
            error(
                path,
                loaded.line_of("lang"),
                f"lang: {article.lang!r} does not match the file name "
                f"(which says {match['lang']!r})",
            )
        )
    return problems


def content_version(contents: Iterable[tuple[str, bytes]]) -> str:
    """Short digest of every file, so logs and admins can tell which content is live."""
    digest = hashlib.sha256()
    for name, raw in sorted(contents):
        digest.update(name.encode("utf-8"))
        digest.update(b"\0")
        digest.update(raw)
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def build_library(
    files: Sequence[LoadedFile], version: str, synonyms: Synonyms | None = None
) -> Library:
    """Group per-language files into articles, in menu order (section, then id)."""
    grouped: dict[str, dict[Lang, LoadedFile]] = {}
    for loaded in files:
        grouped.setdefault(loaded.article.id, {})[loaded.article.lang] = loaded
    articles: list[Article] = []
    for article_id, by_lang in grouped.items():
        langs = [lang for lang in LANGS if lang in by_lang]
        first = by_lang[langs[0]].article
        articles.append(
            Article(
                id=article_id,
                section=first.section,
                texts={lang: by_lang[lang].article for lang in langs},
                paths={lang: by_lang[lang].path for lang in langs},
            )
        )
    articles.sort(key=lambda a: (_section_rank(a.section), a.id))
    return Library(articles={a.id: a for a in articles}, version=version, synonyms=synonyms)


def _section_rank(section: str) -> int:
    return SECTIONS.index(section) if section in SECTIONS else len(SECTIONS)
