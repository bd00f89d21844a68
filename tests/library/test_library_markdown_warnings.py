"""Markdown the bot cannot show: a warning at the right line, and the article still loads."""

from __future__ import annotations

import pytest

from bot.content.check import check_content
from bot.content.markdown_lint import unsupported
from tests.library.content_fixture import TODAY, ContentDir

EN = "residence-permit.en.md"
INTRO = "First paragraph.\n\n"


@pytest.mark.parametrize(
    ("snippet", "needle", "words"),
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |", ("table",)),
        ("![map of the border](https://e.org/m.png)", "![map", ("pictures",)),
        ("<div>boxed</div>", "<div>", ("HTML",)),
        ("text with <b>tags</b> inline", "<b>tags", ("HTML",)),
        ("> quote\n> > inner quote", "> > inner", ("quote inside a quote",)),
        ("this is **not closed", "**not closed", ("** is not closed",)),
        ("this is __not closed", "__not closed", ("__ is not closed",)),
        ("run `make check", "`make check", ("` is not closed",)),
        ("old ~~rule here", "~~rule", ("~~ is not closed",)),
        ("a claim[^1]\n\n[^1]: the source", "a claim[^1]", ("footnotes",)),
    ],
)
def test_unshowable_markdown_is_a_warning_at_its_line(
    content: ContentDir, snippet: str, needle: str, words: tuple[str, ...]
) -> None:
    content.write("residence-permit", "en", body=INTRO + snippet)
    report = check_content(content.root, TODAY)
    assert report.errors == [], report.errors
    assert report.library is not None
    line = content.line_of(EN, needle)
    at_line = [p for p in report.warnings if p.line == line and p.path == content.path(EN)]
    assert at_line, report.warnings
    for word in words:
        assert any(word in p.message for p in at_line), at_line


def test_unshowable_markdown_in_a_country_note(content: ContentDir) -> None:
    content.write("residence-permit", "en", countries={"GE": "see <i>this</i>"})
    report = check_content(content.root, TODAY)
    [problem] = report.warnings
    assert problem.line == content.line_of(EN, "GE:")
    assert problem.message.startswith("countries.GE: HTML")


@pytest.mark.parametrize(
    "markdown",
    [
        "**bold** *it* _it_ __b__ ~~s~~ `code` [a](https://e.org) <https://e.org>",
        "# h1\n\n###### h6\n\nSetext\n---",
        "- a\n  - b\n\n1. c\n\n> one quote",
        "```\n| not | a table |\n**raw**\n[^1]\n```",
        "escaped \\*\\* and \\` and a_snake_case word, 2 * 3 = 6, a ~ b",
        "[ref link][r]\n\n[r]: https://e.org",
        "See [Title](article:other-id).",
    ],
)
def test_what_the_bot_shows_is_not_warned_about(markdown: str) -> None:
    assert unsupported(markdown) == []
