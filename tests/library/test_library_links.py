"""Cross-references ``[Title](article:id)``: checked, shown as bold text and as buttons."""

from __future__ import annotations

import pytest

from bot.content.catalog import build_catalog
from bot.content.check import CheckReport, check_content
from bot.content.render import render
from bot.core.i18n import Translators
from bot.features.articles.screens import article_screen
from tests.library.content_fixture import BODIES, TODAY, ContentDir, title_of

EN = "legal-aid.en.md"


def check(content: ContentDir) -> CheckReport:
    return check_content(content.root, TODAY)


def link_body(text: str, target: str) -> str:
    return f"{BODIES['en']}\n\nAlso read [{text}](article:{target}) first."


def test_article_link_is_bold_text_not_an_anchor() -> None:
    assert render("See [Visa runs](article:visa-run).") == "See <b>Visa runs</b>."


def test_valid_link_passes_and_is_exposed_on_the_text(content: ContentDir) -> None:
    content.write("legal-aid", "en", body=link_body(title_of("visa-run", "en"), "visa-run"))
    report = check(content)
    assert report.problems == []
    assert report.library is not None
    assert report.library.articles["legal-aid"].text("en").links == ("visa-run",)
    assert report.library.articles["legal-aid"].text("ru").links == ()


def test_unknown_link_target_names_line_and_closest_id(content: ContentDir) -> None:
    content.write("legal-aid", "en", body=link_body("Visa runs", "visa-rum"))
    report = check(content)
    [problem] = report.errors
    assert (problem.path, problem.line) == (content.path(EN), content.line_of(EN, "Also read"))
    assert "no article with id 'visa-rum'" in problem.message
    assert "did you mean 'visa-run'?" in problem.message


def test_link_text_that_is_not_the_title_is_a_warning(content: ContentDir) -> None:
    content.write("legal-aid", "en", body=link_body("Visa trips", "visa-run"))
    report = check(content)
    assert report.errors == []
    [problem] = report.warnings
    assert problem.line == content.line_of(EN, "Also read")
    assert f"[{title_of('visa-run', 'en')}](article:visa-run)" in problem.message


def test_title_comparison_ignores_case_and_spacing(content: ContentDir) -> None:
    content.write("legal-aid", "en", body=link_body("VISA-RUN   (EN)", "visa-run"))
    assert check(content).problems == []


def test_misspelled_related_id_gets_did_you_mean(content: ContentDir) -> None:
    for lang in ("ru", "en"):
        content.write("visa-run", lang, related=["residense-permit"])
    report = check(content)
    assert len(report.errors) == 2
    assert all("did you mean 'residence-permit'?" in p.message for p in report.errors)


def test_no_suggestion_when_nothing_is_close(content: ContentDir) -> None:
    content.write("legal-aid", "en", body=link_body("X", "zzzzzz"))
    [problem] = check(content).errors
    assert "did you mean" not in problem.message


@pytest.fixture
def translators() -> Translators:
    return Translators()


def test_screen_shows_linked_articles_before_related_without_duplicates(
    content: ContentDir, translators: Translators
) -> None:
    # residence-permit relates to visa-run and legal-aid; its text links to legal-aid
    # (twice) and visa-run: linked come first, in text order, each once.
    body = (
        f"{BODIES['en']}\n\nSee [{title_of('legal-aid', 'en')}](article:legal-aid), "
        f"[{title_of('visa-run', 'en')}](article:visa-run) and "
        f"[{title_of('legal-aid', 'en')}](article:legal-aid)."
    )
    content.write("residence-permit", "en", body=body)
    report = check(content)
    assert report.library is not None, report.problems
    catalog = build_catalog(report.library, content.root)
    tr = translators["en"]
    screen = article_screen(tr, catalog, "residence-permit", 0, None)
    assert screen is not None
    targets = [b.data for row in screen.rows for b in row if b.data and b.data.startswith("art:")]
    assert targets == ["art:legal-aid:0", "art:visa-run:0"]
    # The Russian text has no links: related order applies there.
    ru = article_screen(translators["ru"], catalog, "residence-permit", 0, None)
    assert ru is not None
    ru_targets = [b.data for row in ru.rows for b in row if b.data and b.data.startswith("art:")]
    assert ru_targets == ["art:visa-run:0", "art:legal-aid:0"]


def test_links_follow_the_body_of_a_copy(content: ContentDir) -> None:
    content.write("legal-aid", "en", body=link_body(title_of("visa-run", "en"), "visa-run"))
    report = check(content)
    assert report.library is not None
    text = report.library.articles["legal-aid"].text("en")
    assert text.links == ("visa-run",)
    assert text.model_copy(update={"body": "No links."}).links == ()


def test_no_title_warning_when_the_target_file_is_broken(content: ContentDir) -> None:
    content.write("legal-aid", "en", body=link_body(title_of("visa-run", "en"), "visa-run"))
    content.replace("visa-run.en.md", "section: visas", "section: nowhere")
    report = check(content)
    assert report.warnings == []
    assert all(p.path.name == "visa-run.en.md" for p in report.errors)
