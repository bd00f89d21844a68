"""Mistakes editors really make, each reported at its line with the fix in plain words."""

from __future__ import annotations

from bot.content.check import CheckReport, check_content
from bot.content.problems import Problem
from tests.library.content_fixture import TODAY, ContentDir

EN = "residence-permit.en.md"
RU = "residence-permit.ru.md"


def check(content: ContentDir) -> CheckReport:
    return check_content(content.root, TODAY)


def errors_at(report: CheckReport, content: ContentDir, name: str) -> list[Problem]:
    return [p for p in report.errors if p.path == content.path(name)]


def test_unquoted_colon_in_title_says_put_the_title_in_quotes(content: ContentDir) -> None:
    content.replace(EN, "title: residence-permit (en)", "title: Meduza: asylum in France")
    report = check(content)
    [problem] = report.errors
    assert problem.line == content.line_of(EN, "title: Meduza")
    assert "put the title in double quotes" in problem.message
    assert 'title: "Meduza: asylum in France"' in problem.message
    assert "YAML" not in problem.message
    assert report.library is None


def test_unquoted_colon_does_not_hide_the_files_other_errors(content: ContentDir) -> None:
    content.replace(EN, "title: residence-permit (en)", "title: Meduza: asylum in France")
    content.replace(EN, "- title: Agency", "- title: Agency: the page")
    content.replace(EN, "section: documents", "section: paperwork")
    content.replace(RU, "lang: ru", "lang: ru\nauthor: Anna")
    report = check(content)
    en = errors_at(report, content, EN)
    messages = " | ".join(p.message for p in en)
    assert messages.count("put the title in double quotes") == 2  # article's and source's
    assert "unknown section 'paperwork'" in messages  # checked although the YAML was broken
    assert {p.line for p in en} >= {
        content.line_of(EN, "title: Meduza"),
        content.line_of(EN, "Agency: the page"),
        content.line_of(EN, "section:"),
    }
    assert any("author: unknown field" in p.message for p in errors_at(report, content, RU))
    # The broken file does not also produce "missing translation" noise.
    assert not any("has no" in p.message for p in report.errors)


def test_unquoted_colon_in_a_question_says_quotes(content: ContentDir) -> None:
    content.replace(EN, "- residence-permit question 1 en", "- what now: a question")
    report = check(content)
    [problem] = report.errors
    assert problem.line == content.line_of(EN, "what now: a question")
    assert "double quotes" in problem.message


def test_tab_in_front_matter(content: ContentDir) -> None:
    content.replace(EN, "  url: https://example.org/source", "\turl: https://example.org/source")
    report = check(content)
    problems = errors_at(report, content, EN)
    assert problems, report.problems
    tab = problems[0]
    assert tab.line == content.line_of(EN, "\turl:")
    assert "tab" in tab.message and "spaces" in tab.message


def test_tab_used_consistently_is_reported_but_the_rest_is_checked(content: ContentDir) -> None:
    text = content.read(EN).replace("\n  GE: ", "\n\tGE: ")
    content.write_raw(EN, text.replace("section: documents", "section: paperwork"))
    report = check(content)
    messages = [p.message for p in errors_at(report, content, EN)]
    assert any("tab" in m for m in messages)
    assert any("unknown section" in m for m in messages)


def test_bad_indentation_in_a_source(content: ContentDir) -> None:
    content.replace(EN, "  url: https://example.org/source", " url: https://example.org/source")
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, " url: https://example.org/source")
    assert "indented differently" in problem.message


def test_field_indented_under_another(content: ContentDir) -> None:
    content.replace(EN, "section: documents", "  section: documents")
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, "  section: documents")
    assert "indented differently" in problem.message


def test_country_note_line_not_indented(content: ContentDir) -> None:
    content.replace(EN, "  GE: Georgia note en", "  GE: |\n    one\n  two\n  AM: x")
    [problem] = check(content).errors
    assert problem.line == content.line_equal(EN, "  two")
    assert "indent" in problem.message


def test_missing_colon_after_field_name(content: ContentDir) -> None:
    content.replace(EN, "section: documents", "section documents")
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, "section documents")
    assert "add the ':'" in problem.message


def test_day_first_date_shows_the_iso_form(content: ContentDir) -> None:
    content.replace(EN, "reviewed: 2026-05-01", "reviewed: 30.11.2026")
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, "reviewed:")
    assert "write dates as 2026-11-30" in problem.message


def test_unreadable_date_shows_an_example(content: ContentDir) -> None:
    content.replace(EN, "reviewed: 2026-05-01", "reviewed: May 2026")
    [problem] = check(content).errors
    assert "write dates as" in problem.message and "year-month-day" in problem.message


def test_unclosed_list_points_where_it_opens(content: ContentDir) -> None:
    content.replace(EN, "title: residence-permit (en)", "title: [draft")
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, "title: [draft")
    assert "not closed" in problem.message


def test_missing_language_still_reported(content: ContentDir) -> None:
    content.path(EN).unlink()
    [problem] = check(content).errors
    assert "no en version" in problem.message


def test_single_value_where_a_list_is_needed(content: ContentDir) -> None:
    content.replace(EN, "keywords:\n- residence", "keywords: residence")
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, "keywords: residence")
    assert "write a list" in problem.message


def test_source_without_url_points_at_the_source(content: ContentDir) -> None:
    content.replace(EN, "  url: https://example.org/source\n", "")
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, "- title: Agency")
    assert problem.message == "sources[0].url: required field is missing"


def test_tab_inside_a_note_text_is_not_an_error(content: ContentDir) -> None:
    content.replace(EN, "  GE: Georgia note en", "  GE: |\n    one\n    \ttwo, indented by a tab")
    assert check(content).errors == []


def test_text_of_a_file_with_broken_fields_is_still_checked(content: ContentDir) -> None:
    body = "Intro.\n\nSee [Visa runs](article:visa-rn) and [the form](www.example.org).\n\n| a |\n|---|"
    content.write("residence-permit", "en", body=body)
    content.replace(EN, "reviewed: 2026-05-01", "reviewed: 30.11.2026")
    report = check(content)
    messages = " | ".join(p.message for p in report.problems if p.path == content.path(EN))
    assert "write dates as 2026-11-30" in messages
    assert "did you mean 'visa-run'?" in messages
    assert "'www.example.org' is not a full" in messages
    assert "a table cannot be shown" in messages
