"""synonyms.yaml: checked with the articles, located problems, and a reload that survives it."""

from __future__ import annotations

import pytest

from bot.content.catalog import build_catalog
from bot.content.check import check_content
from bot.content.models import Library
from bot.content.reload import reload_if_valid
from tests.library.content_fixture import TODAY, ContentDir


def write_synonyms(content: ContentDir, text: str) -> None:
    (content.root / "synonyms.yaml").write_text(text, encoding="utf-8")


def good_library(content: ContentDir) -> Library:
    write_synonyms(content, "# groups\n- [visa, виза]\n")
    library = check_content(content.root, TODAY).library
    assert library is not None
    return library


def test_valid_synonyms_travel_with_the_library(content: ContentDir) -> None:
    library = good_library(content)
    assert library.synonyms is not None and len(library.synonyms) == 1
    # The catalog uses the checked synonyms, not whatever the file says a moment later.
    write_synonyms(content, "- [visa\n")
    catalog = build_catalog(library, content.root)
    assert catalog.engine is not None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# groups\n- [visa, виза]\n- [asylum, убежище\n", 3, ("not closed",)),
        ("- [visa, виза]\n- [passport]\n", 2, ("at least two",)),
        ("- [visa, виза]\n- [виза, visa run]\n", 2, ("already in the group on line 1",)),
        ("just: a mapping\n", 1, ("list of groups",)),
        ("- [visa, виза]\n\t- [a, b]\n", 2, ("tab",)),
    ],
)
def test_synonyms_problem_has_file_and_line(
    content: ContentDir, text: str, line: int, words: tuple[str, ...]
) -> None:
    write_synonyms(content, text)
    report = check_content(content.root, TODAY)
    assert report.library is None
    [problem] = report.errors
    assert (problem.path, problem.line) == (content.root / "synonyms.yaml", line)
    for word in words:
        assert word in problem.message, problem.message
    assert not problem.message.startswith(str(content.root))


def test_synonyms_not_utf8(content: ContentDir) -> None:
    (content.root / "synonyms.yaml").write_bytes(b"- [a, \xff]\n")
    [problem] = check_content(content.root, TODAY).errors
    assert "UTF-8" in problem.message


def test_reload_with_broken_synonyms_keeps_the_last_good_library(content: ContentDir) -> None:
    old = good_library(content)
    write_synonyms(content, "- [visa, виза]\n- [asylum\n")
    outcome = reload_if_valid(content.root, old, TODAY)
    assert not outcome.reloaded
    assert outcome.library is old
    [problem] = outcome.errors
    assert problem.path == content.root / "synonyms.yaml"
    assert problem.line == 2


def test_catalog_of_a_bare_library_survives_a_broken_file(content: ContentDir) -> None:
    library = check_content(content.root, TODAY).library
    assert library is not None and library.synonyms is None
    write_synonyms(content, "- [visa\n")
    build_catalog(library, content.root)  # does not raise
