"""Checks that need more than one file: translations must describe the same article.

The bot shows one menu and one "related" row whatever the reader's language, so the
two files of an article must agree on everything that is not text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.content.loader import LoadedFile
from bot.content.models import LANGS, Lang
from bot.content.problems import Problem, error


def check_consistency(
    files: Sequence[LoadedFile], unloaded: Collection[tuple[str, str]] = ()
) -> list[Problem]:
    """``unloaded`` are (id, lang) of files that exist but failed to load on their own."""
    problems = _duplicates(files)
    by_id: dict[str, dict[Lang, LoadedFile]] = {}
    for loaded in files:
        by_id.setdefault(loaded.article.id, {}).setdefault(loaded.article.lang, loaded)
    for article_id, by_lang in by_id.items():
        problems.extend(_languages(article_id, by_lang, unloaded))
        problems.extend(_agreement(by_lang))
    for loaded in files:
        problems.extend(_related(loaded, set(by_id) | {i for i, _ in unloaded}))
    return problems


def _duplicates(files: Sequence[LoadedFile]) -> list[Problem]:
    """The file whose name matches its id keeps it; the copy gets the error."""
    first: dict[tuple[str, Lang], LoadedFile] = {}
    problems = []
    for loaded in sorted(files, key=lambda f: (not _named_after_id(f), f.path)):
        key = (loaded.article.id, loaded.article.lang)
        if key in first:
            problems.append(
                error(
                    loaded.path,
                    loaded.line_of("id"),
                    f"id: {key[0]!r} in {key[1]} is already used by {first[key].path.name}",
                )
            )
        else:
            first[key] = loaded
    return problems


def _named_after_id(loaded: LoadedFile) -> bool:
    return loaded.path.name == f"{loaded.article.id}.{loaded.article.lang}.md"


def _languages(
    article_id: str, by_lang: dict[Lang, LoadedFile], unloaded: Collection[tuple[str, str]]
) -> list[Problem]:
    present = next(iter(by_lang.values()))
    return [
        error(
            present.path,
            1,
            f"article {article_id!r} has no {lang} version: add {article_id}.{lang}.md",
        )
        for lang in LANGS
        if lang not in by_lang and (article_id, lang) not in unloaded
    ]


def _agreement(by_lang: dict[Lang, LoadedFile]) -> list[Problem]:
    """Report on the later language's file, naming the file it disagrees with."""
    langs = [lang for lang in LANGS if lang in by_lang]
    if len(langs) < 2:
        return []
    reference = by_lang[langs[0]]
    problems = []
    for lang in langs[1:]:
        other = by_lang[lang]
        if other.article.section != reference.article.section:
            problems.append(
                error(
                    other.path,
                    other.line_of("section"),
                    f"section: {other.article.section!r} differs from "
                    f"{reference.article.section!r} in {reference.path.name}",
                )
            )
        if other.article.related != reference.article.related:
            problems.append(
                error(
                    other.path,
                    other.line_of("related"),
                    f"related: {other.article.related} differs from "
                    f"{reference.article.related} in {reference.path.name}; "
                    "use the same ids in the same order",
                )
            )
    return problems


def _related(loaded: LoadedFile, known: set[str]) -> list[Problem]:
    problems = []
    for index, target in enumerate(loaded.article.related):
        line = loaded.line_of("related", index)
        if target == loaded.article.id:
            problems.append(error(loaded.path, line, f"related: {target!r} points to itself"))
        elif target not in known:
            problems.append(error(loaded.path, line, f"related: no article with id {target!r}"))
    return problems
