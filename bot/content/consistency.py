"""Checks that need more than one file: translations must describe the same article.

The bot shows one menu and one "related" row whatever the reader's language, so the
two files of an article must agree on everything that is not text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.content.loader import LoadedFile
from bot.content.models import LANGS, Lang
from bot.content.problems import Problem, error, warning
from bot.content.render import iter_link_nodes
from bot.content.suggest import did_you_mean


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
    known = set(by_id) | {i for i, _ in unloaded}
    for loaded in files:
        problems.extend(_related(loaded, known))
        problems.extend(_article_links(loaded, known, by_id, unloaded))
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
            problems.append(
                error(
                    loaded.path,
                    line,
                    f"related: no article with id {target!r}{did_you_mean(target, known)}",
                )
            )
    return problems


def _article_links(
    loaded: LoadedFile,
    known: set[str],
    by_id: dict[str, dict[Lang, LoadedFile]],
    unloaded: Collection[tuple[str, str]] = (),
) -> list[Problem]:
    """``[Title](article:id)``: the id must exist, and the words should be its real title."""
    problems = []
    article = loaded.article
    for link in iter_link_nodes(article.body):
        target = link.article_id
        if target is None:
            continue
        line = loaded.parsed.body_line + link.line
        if target == article.id:
            problems.append(warning(loaded.path, line, f"link to {target!r} points to itself"))
        elif target not in known:
            problems.append(
                error(
                    loaded.path,
                    line,
                    f"link [{link.text}](article:{target}): no article with id {target!r}"
                    f"{did_you_mean(target, known)}",
                )
            )
        elif target in by_id and (target, article.lang) not in unloaded:
            # A broken target file has its own error; comparing with the other language
            # would only add noise.
            other = by_id[target].get(article.lang) or next(iter(by_id[target].values()))
            title = other.article.title
            if _normal(link.text) != _normal(title):
                problems.append(
                    warning(
                        loaded.path,
                        line,
                        f"link [{link.text}](article:{target}): the words in [ ] should be "
                        f"the title of that article in {other.article.lang}; write "
                        f"[{title}](article:{target})",
                    )
                )
    return problems


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
