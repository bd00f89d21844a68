"""The pages the bot sends, and the check measuring exactly those pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.catalog import build_catalog
from bot.content.check import CheckReport, check_content
from bot.content.models import ArticleFile
from bot.content.pages import article_pages, attach_footer, footer
from bot.content.telegram_html import telegram_length, validate_telegram_html
from bot.core.i18n import Translator, Translators
from bot.features.articles import data
from bot.features.articles.screens import article_screen
from tests.library.content_fixture import BODIES, TODAY, ContentDir

EN = "residence-permit.en.md"


@pytest.fixture(scope="module")
def en() -> Translator:
    return Translators()["en"]


def check(content: ContentDir) -> CheckReport:
    return check_content(content.root, TODAY)


def text_of(report: CheckReport, article_id: str = "residence-permit") -> ArticleFile:
    assert report.library is not None, report.problems
    return report.library.articles[article_id].text("en")


def test_country_note_is_a_labelled_quote_without_double_colon(
    content: ContentDir, en: Translator
) -> None:
    text = text_of(check(content))
    first = article_pages(en, text, "GE")[0]
    assert "<blockquote>📍 <b>Georgia:</b> Georgia note en</blockquote>" in first
    assert "For " not in first
    assert first.index("<blockquote>") > first.index(text.title)  # right under the title


def test_note_starting_with_quote_mark_stays_valid_and_warns(
    content: ContentDir, en: Translator
) -> None:
    content.write("residence-permit", "en", countries={"GE": "> quoted note"})
    report = check(content)
    assert report.errors == []
    [problem] = report.warnings
    assert problem.line == content.line_of(EN, "GE:")
    assert "remove the '>'" in problem.message
    for page in article_pages(en, text_of(report), "GE"):
        assert validate_telegram_html(page) == []


def test_bad_link_in_country_note_is_an_error(content: ContentDir) -> None:
    content.write("residence-permit", "en", countries={"GE": "see [this](www.example.org)"})
    [problem] = check(content).errors
    assert problem.line == content.line_of(EN, "GE:")
    assert "countries.GE" in problem.message


def test_more_than_100_marks_on_a_page_is_an_error(content: ContentDir) -> None:
    body = " ".join(f"**w{n}**" for n in range(120))
    content.write("residence-permit", "en", body=body)
    report = check(content)
    assert any("at most 100" in p.message for p in report.errors), report.problems
    assert report.library is None


def test_each_country_note_variant_is_checked(
    content: ContentDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.content import body_check

    seen: list[str | None] = []

    def spy(tr: object, text: ArticleFile, country: str | None, **kwargs: object) -> list[str]:
        seen.append(country)
        return ["ok"]

    monkeypatch.setattr(body_check, "article_pages", spy)
    content.write("residence-permit", "en", countries={"GE": "g", "AM": "a"})
    check(content)
    assert seen.count(None) == 6  # every file, without a note
    assert sorted(c for c in seen if c) == ["AM", "GE", "GE", "GE", "GE", "GE", "GE"]


def test_screen_sends_exactly_the_checked_pages(content: ContentDir, en: Translator) -> None:
    long_body = "\n\n".join(f"Paragraph {n}. " + "word " * 120 for n in range(12))
    content.write("residence-permit", "en", body=long_body)
    report = check(content)
    assert report.library is not None
    catalog = build_catalog(report.library, content.root)
    text = text_of(report)
    for country in (None, "GE"):
        pages = article_pages(en, text, country)
        assert len(pages) > 1
        for number, page in enumerate(pages):
            screen = article_screen(en, catalog, "residence-permit", number, country)
            assert screen is not None
            assert screen.text == page


def test_page_buttons_carry_the_country_shown(content: ContentDir, en: Translator) -> None:
    long_body = "\n\n".join("word " * 150 for _ in range(12))
    content.write("residence-permit", "en", body=long_body)
    report = check(content)
    assert report.library is not None
    catalog = build_catalog(report.library, content.root)
    screen = article_screen(en, catalog, "residence-permit", 0, "GE")
    assert screen is not None
    assert "art:residence-permit:1:GE" in screen.all_data()
    parsed = data.parse("art:residence-permit:1:GE")
    assert parsed == data.ArticlePage("residence-permit", 1, "GE")
    assert data.parse("art:residence-permit:1") == data.ArticlePage("residence-permit", 1)
    # No note for that country: nothing to carry, the reader's own country applies.
    plain = article_screen(en, catalog, "residence-permit", 0, "FR")
    assert plain is not None
    assert "art:residence-permit:1" in plain.all_data()


def test_footer_goes_on_the_last_page() -> None:
    assert attach_footer(["a", "b"], "F", 300) == ["a", "b\n\nF"]
    assert attach_footer([], "F", 300) == ["F"]
    long_footer = "\n".join(["source line"] * 60)  # longer than a page itself
    pages = attach_footer(["a"], long_footer, 300)
    assert len(pages) > 2 and all(len(p) <= 300 for p in pages)
    full = " ".join(["word"] * 59)  # 294 characters: no room for the footer
    pages = attach_footer(["a", full], "F" * 20, 300)
    assert pages[0] == "a"
    assert pages[-1].endswith("\n\n" + "F" * 20)
    assert pages[-1] != "F" * 20
    assert " ".join(p.removesuffix("\n\n" + "F" * 20) for p in pages[1:]) == full
    assert all(len(p) <= 300 for p in pages)


def test_last_page_is_never_only_the_footer(content: ContentDir, en: Translator) -> None:
    text = text_of(check(content))
    foot = footer(en, text)
    # Fill the first page almost completely: without gluing, the footer alone would follow.
    for size in range(200, 900, 37):
        body = f"{'x ' * size}\n\n{'y ' * 40}"
        pages = article_pages(en, text.model_copy(update={"body": body}), None, limit=1000)
        assert pages[-1] != foot
        assert foot in pages[-1]


def test_body_alone_fitting_is_not_enough(content: ContentDir, en: Translator) -> None:
    """The old check paginated the body at 3,900; the bot adds title and footer at 3,800."""
    body = "word " * 770  # 3,850 characters: one page alone, two with title and footer
    content.write("residence-permit", "en", body=body.strip(), title="A title")
    text = text_of(check(content))
    pages = article_pages(en, text, None)
    assert len(pages) == 2
    assert all(len(page) <= 3800 for page in pages)


def test_fixture_bodies_render(en: Translator, content: ContentDir) -> None:
    assert article_pages(en, text_of(check(content)), None)[0].startswith("<b>")
    assert BODIES


def test_note_repeating_the_country_label_is_a_warning(content: ContentDir) -> None:
    content.write("residence-permit", "en", countries={"GE": "Georgia: notaries need a translator"})
    report = check(content)
    [problem] = report.warnings
    assert problem.line == content.line_of(EN, "GE:")
    assert "already starts the note with 'Georgia:'" in problem.message


_PIECES = st.sampled_from(
    ["**", "*", "`", "> ", "- ", "# ", "\n", "\n\n", "[l](https://e.org)", "[t](article:x)",
     "&", "<", "word ", "слово ", "😀", "Georgia: ", "    "]
)  # fmt: skip
_MARKDOWN = st.lists(st.one_of(_PIECES, st.text(max_size=6)), min_size=1, max_size=80).map("".join)


@settings(max_examples=150, deadline=None)
@given(_MARKDOWN, _MARKDOWN, st.integers(min_value=120, max_value=900))
def test_every_page_is_valid_fits_and_ends_with_the_footer(
    en: Translator, body: str, note: str, limit: int
) -> None:
    text = ArticleFile.model_validate(
        {
            "id": "x",
            "lang": "en",
            "section": "life",
            "title": "Title",
            "reviewed": "2026-05-01",
            "sources": [{"title": "Agency", "url": "https://example.org/source"}],
            "countries": {"GE": note},
            "body": body or "x",
        }
    )
    for country in (None, "GE"):
        pages = article_pages(en, text, country, limit)
        assert pages
        for page in pages:
            assert telegram_length(page) <= limit
            assert validate_telegram_html(page) == []
        assert pages[-1].endswith(footer(en, text).rsplit("\n", 1)[-1])


def test_a_full_last_page_hands_its_end_to_the_footer_page() -> None:
    paragraphs = "\n\n".join(" ".join(["word"] * 10) for _ in range(20))  # 20 x 49 characters
    pages = attach_footer([paragraphs[:980]], "F" * 300, 1000)
    assert len(pages) == 2
    assert len(pages[0]) >= 500  # not cut into crumbs
    assert pages[1].endswith("F" * 300) and "word" in pages[1]


def test_sources_longer_than_a_page_start_under_the_text() -> None:
    sources = "\n".join(f"• source number {n:03d}" for n in range(40))  # 879 characters
    pages = attach_footer(["short text"], sources, 300)
    assert pages[0].startswith("short text\n\n• source number 000")
    assert all(len(p) <= 300 for p in pages)
    assert "\n".join(pages).count("• source number") == 40
