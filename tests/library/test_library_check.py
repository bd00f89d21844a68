"""One test per kind of content problem: right file, right line, and no library."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.content import body_check
from bot.content.check import CheckReport, check_content
from bot.content.problems import Problem
from tests.library.content_fixture import TODAY, ContentDir

EN = "residence-permit.en.md"
RU = "residence-permit.ru.md"


def check(content: ContentDir) -> CheckReport:
    return check_content(content.root, TODAY)


def only_error(report: CheckReport) -> Problem:
    assert report.library is None
    assert len(report.errors) == 1, report.errors
    return report.errors[0]


def assert_error(report: CheckReport, path: Path, line: int, *words: str) -> Problem:
    matches = [p for p in report.errors if p.path == path and p.line == line]
    assert matches, f"no error at {path.name}:{line}; got {report.problems}"
    assert report.library is None
    text = " | ".join(p.message for p in matches)
    for word in words:
        assert word in text, text
    return matches[0]


def test_valid_library_loads_in_menu_order(content: ContentDir) -> None:
    report = check(content)
    assert report.problems == []
    assert report.library is not None
    assert list(report.library.articles) == ["residence-permit", "visa-run", "legal-aid"]
    article = report.library.articles["visa-run"]
    assert set(article.texts) == {"ru", "en"}
    assert article.paths["en"] == content.path("visa-run.en.md")
    assert article.text("ru").body.startswith("Вид на жительство")
    assert report.summary() == "3 articles in 2 languages: 0 errors, 0 warnings"


def test_version_is_stable_and_tracks_content(content: ContentDir) -> None:
    first = check(content).library
    again = check(content).library
    assert first is not None and again is not None
    assert first.version == again.version
    assert len(first.version) == 12
    content.replace(EN, "Apply", "Apply online")
    changed = check(content).library
    assert changed is not None
    assert changed.version != first.version


def test_yaml_syntax_error_points_at_line(content: ContentDir) -> None:
    content.replace(EN, "title: residence-permit (en)", 'title: "unterminated')
    problem = only_error(check(content))
    assert problem.path == content.path(EN)
    assert "quote opened on this line is never closed" in problem.message
    assert problem.line == content.line_of(EN, "title:")
    # The broken file still counts: it exists, it just does not load.
    assert check(content).summary() == "3 articles in 2 languages: 1 error, 0 warnings"


def test_yaml_bad_indentation_points_at_line(content: ContentDir) -> None:
    content.replace(EN, "  url: https://example.org/source", " url: https://example.org/source")
    problem = only_error(check(content))
    assert problem.path == content.path(EN)
    assert problem.line == content.line_of(EN, " url: https://example.org/source")


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("title: residence-permit (en)", 'title: ""', "title:", ("title", "at least 1")),
        ("title: residence-permit (en)", "title: " + "x" * 121, "title:", ("title", "120")),
        ("section: documents", "section: paperwork", "section:", ("unknown section",)),
        ("lang: en", "lang: de", "lang:", ("lang",)),
        ("id: residence-permit", "id: Residence_Permit", "id:", ("id must be",)),
        ("reviewed: 2026-05-01", "reviewed: last week", "reviewed:", ("reviewed", "date")),
        ("GE: Georgia note en", "XX: Nowhere", "countries:", ("unknown country code 'XX'",)),
        (
            "keywords:\n- residence",
            "keywords:\n- {a: b}",
            "- {a: b}",
            ("keywords[0]", "double quotes"),
        ),
        (
            "  url: https://example.org/source",
            "  url: example.org/source",
            "url: example.org",
            ("sources[0].url", "not a well-formed"),
        ),
        (
            "- title: Agency",
            "- title: ''",
            "- title: ''",
            ("sources[0].title",),
        ),
    ],
)
def test_schema_errors_name_field_and_line(
    content: ContentDir, old: str, new: str, needle: str, words: tuple[str, ...]
) -> None:
    content.replace(EN, old, new)
    report = check(content)
    assert_error(report, content.path(EN), content.line_of(EN, needle), *words)


def test_empty_sources_is_an_error_at_sources(content: ContentDir) -> None:
    content.write("residence-permit", "en", sources=[])
    report = check(content)
    assert_error(report, content.path(EN), content.line_of(EN, "sources:"), "sources")


def test_impossible_date_points_at_reviewed(content: ContentDir) -> None:
    content.replace(EN, "reviewed: 2026-05-01", "reviewed: 2026-13-01")
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "reviewed:"))
    assert "not a real date" in problem.message


def test_unknown_field(content: ContentDir) -> None:
    content.replace(EN, "section: documents", "section: documents\nauthor: Anna")
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "author:"))
    assert "author: unknown field" in problem.message


def test_unknown_field_inside_source(content: ContentDir) -> None:
    content.replace(EN, "  url: https://example.org/source", "  url: https://e.org/x\n  page: 4")
    problem = only_error(check(content))
    assert problem.line == content.line_of(EN, "page: 4")
    assert "sources[0].page: unknown field" in problem.message


def test_missing_field_is_reported_at_line_one(content: ContentDir) -> None:
    content.replace(EN, "title: residence-permit (en)\n", "")
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), 1)
    assert problem.message == "title: required field is missing"


def test_duplicate_key(content: ContentDir) -> None:
    content.replace(EN, "reviewed: 2026", "title: Again\nreviewed: 2026")
    problem = only_error(check(content))
    assert problem.line == content.line_of(EN, "title: Again")
    assert "written twice" in problem.message


def test_body_written_as_field(content: ContentDir) -> None:
    content.replace(EN, "section: documents", "section: documents\nbody: text")
    problem = only_error(check(content))
    assert problem.line == content.line_of(EN, "body: text")
    assert "below the closing" in problem.message


def test_empty_body_is_reported_after_front_matter(content: ContentDir) -> None:
    text = content.read(EN)
    head = text[: text.index("---\n", 4) + 4]
    content.write_raw(EN, head + "\n   \n")
    problem = only_error(check(content))
    assert problem.line == head.count("\n") + 1
    assert "body" in problem.message


def test_file_must_start_with_front_matter(content: ContentDir) -> None:
    content.write_raw(EN, "Just text\n")
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), 1)
    assert "must start with" in problem.message


def test_unclosed_front_matter(content: ContentDir) -> None:
    content.write_raw(EN, content.read(EN).replace("---\n\n", "\n", 1))
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), 1)
    assert "not closed" in problem.message


def test_front_matter_not_a_mapping(content: ContentDir) -> None:
    content.write_raw(EN, "---\n- a list\n---\n\nText\n")
    problem = only_error(check(content))
    assert problem.line == 2


def test_not_utf8(content: ContentDir) -> None:
    text = content.read(EN)
    content.path(EN).write_bytes(text.encode("utf-8") + b"\n\xff\xfe broken\n")
    problem = only_error(check(content))
    assert problem.path == content.path(EN)
    assert problem.line == text.count("\n") + 2
    assert "UTF-8" in problem.message


def test_file_name_must_match_id(content: ContentDir) -> None:
    text = content.read(EN)
    content.path(EN).unlink()
    content.write_raw("residence.en.md", text)
    report = check(content)
    path = content.path("residence.en.md")
    assert_error(report, path, content.line_of("residence.en.md", "id:"), "does not match")


def test_file_name_must_match_lang(content: ContentDir) -> None:
    content.replace(RU, "lang: ru", "lang: en")
    report = check(content)
    assert_error(report, content.path(RU), content.line_of(RU, "lang:"), "does not match")


def test_file_name_shape(content: ContentDir) -> None:
    content.write_raw("residence-permit.md", content.read(EN))
    report = check(content)
    assert_error(report, content.path("residence-permit.md"), 1, "<id>.<lang>.md")


def test_missing_language(content: ContentDir) -> None:
    content.path(EN).unlink()
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(RU), 1)
    assert "no en version" in problem.message


def test_section_differs_between_languages(content: ContentDir) -> None:
    content.replace(EN, "section: documents", "section: life")
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "section:"))
    assert RU in problem.message


def test_related_differs_between_languages(content: ContentDir) -> None:
    content.write("residence-permit", "en", related=["legal-aid", "visa-run"])
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "related:"))
    assert "same order" in problem.message


def test_duplicate_id(content: ContentDir) -> None:
    content.write_raw("copy.en.md", content.read(EN))
    report = check(content)
    copy = content.path("copy.en.md")
    assert_error(report, copy, content.line_of("copy.en.md", "id:"), "already used by", EN)


def test_related_to_unknown_article(content: ContentDir) -> None:
    for lang in ("ru", "en"):
        content.write("visa-run", lang, related=["residence-permit", "no-such"])
    report = check(content)
    name = "visa-run.en.md"
    assert_error(report, content.path(name), content.line_equal(name, "- no-such"), "no-such")
    assert len(report.errors) == 2  # once per language file


def test_related_to_itself(content: ContentDir) -> None:
    for lang in ("ru", "en"):
        content.write("legal-aid", lang, related=["legal-aid"])
    report = check(content)
    name = "legal-aid.ru.md"
    assert_error(report, content.path(name), content.line_equal(name, "- legal-aid"), "itself")


def test_malformed_link_in_body(content: ContentDir) -> None:
    body = "First paragraph.\n\nSecond line\nsee [the form](https//example.org/form) here."
    content.write("residence-permit", "en", body=body)
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "the form"))
    assert "https//example.org/form" in problem.message


def test_relative_link_in_body(content: ContentDir) -> None:
    content.write("residence-permit", "en", body="See [visa run](visa-run.en.md).")
    problem = only_error(check(content))
    assert problem.line == content.line_of(EN, "See [visa run]")


def test_invalid_rendering_is_reported_at_body_start(
    content: ContentDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The renderer is valid by construction, so break it to prove the check runs.
    monkeypatch.setattr(body_check, "render", lambda markdown: "<marquee>x</marquee>")
    report = check(content)
    problem = report.errors[0]
    assert problem.line == content.line_of(problem.path.name, "**")
    assert any("marquee" in p.message for p in report.errors)


def test_page_over_limit_is_reported(content: ContentDir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body_check, "article_pages", lambda *args, **kwargs: ["x" * 5000])
    report = check(content)
    assert report.library is None
    assert any("over the limit" in p.message for p in report.errors)


def test_review_date_of_tomorrow_is_fine(content: ContentDir) -> None:
    """An editor east of UTC is already on the next day while the server is not."""
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    content.replace(EN, "reviewed: 2026-05-01", f"reviewed: {tomorrow}")
    assert check(content).problems == []


def test_review_date_in_future(content: ContentDir) -> None:
    future = (TODAY + timedelta(days=2)).isoformat()
    content.replace(EN, "reviewed: 2026-05-01", f"reviewed: {future}")
    problem = only_error(check(content))
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "reviewed:"))
    assert "future" in problem.message


def test_stale_review_is_only_a_warning(content: ContentDir) -> None:
    content.replace(EN, "reviewed: 2026-05-01", "reviewed: 2025-12-01")  # 182 days
    report = check(content)
    assert report.errors == []
    assert report.library is not None
    [problem] = report.warnings
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "reviewed:"))
    assert problem.severity == "warning"
    assert report.summary() == "3 articles in 2 languages: 0 errors, 1 warning"


def test_review_exactly_180_days_ago_is_fine(content: ContentDir) -> None:
    content.replace(EN, "reviewed: 2026-05-01", f"reviewed: {TODAY - timedelta(days=180)}")
    assert check(content).problems == []


def test_missing_content_dir(tmp_path: Path) -> None:
    report = check_content(tmp_path / "nowhere", TODAY)
    [problem] = report.problems
    assert report.library is None
    assert problem.path == tmp_path / "nowhere"
    assert "does not exist" in problem.message


def test_empty_content_dir(tmp_path: Path) -> None:
    report = check_content(tmp_path, TODAY)
    assert report.library is None
    assert "empty" in report.problems[0].message


def test_missing_articles_dir(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text("- [a, b]\n", encoding="utf-8")
    report = check_content(tmp_path, TODAY)
    [problem] = report.problems
    assert problem.path == tmp_path / "articles"


def test_empty_articles_dir(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "notes.txt").write_text("draft", encoding="utf-8")
    report = check_content(tmp_path, TODAY)
    assert report.library is None
    assert any("no article files" in p.message for p in report.errors)
    assert any(p.severity == "warning" and "notes.txt" in str(p.path) for p in report.problems)


def test_problems_are_sorted_and_formatted(content: ContentDir) -> None:
    content.replace(EN, "section: documents", "section: paperwork")
    content.replace(RU, "title: residence-permit (ru)", 'title: ""')
    report = check(content)
    assert [p.path.name for p in report.problems] == [EN, RU]
    assert report.problems[0].format().startswith(f"{content.path(EN)}:")
    assert ": error: section:" in report.problems[0].format()
    assert str(report.problems[0]) == report.problems[0].format()
