"""Each kind of reply to a free-text question, as a plain function of the search answer."""

from __future__ import annotations

import pytest

from bot.content.catalog import Catalog
from bot.core.i18n import Translators
from bot.features.answers.screens import (
    answer_screen,
    choices_screen,
    contacts_only,
    has_words,
    not_found,
    note_country,
    place_screen,
    reply_to,
    smalltalk_screen,
    wordless_reply,
)
from bot.search.engine import Answer, Hit

LANGS = ("ru", "en")
PASSPORT = (Hit("passport-renewal-abroad", 9.0), Hit("passport-lost", 6.0))


def answer(mode: str = "answer", **fields: object) -> Answer:
    values: dict[str, object] = {"query_lang": "ru", "hits": PASSPORT, "mode": mode}
    values.update(fields)
    return Answer(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_answer_mode_opens_the_best_article(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    screen, opened = reply_to(translators[lang], catalog, answer(), None)  # type: ignore[index]
    title = catalog.library.articles["passport-renewal-abroad"].text(lang).title  # type: ignore[arg-type]
    assert opened == "passport-renewal-abroad"
    assert title in screen.text
    assert "art:passport-lost:0" in screen.all_data()


@pytest.mark.parametrize("lang", LANGS)
def test_also_is_the_first_search_button(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    screen = answer_screen(tr, catalog, answer(also="visa-run"), None)
    assert screen is not None
    texts = [b.text for row in screen.rows for b in row if b.data and b.data.startswith("art:")]
    visa_title = catalog.library.articles["visa-run"].text(tr.lang).title
    assert texts[0] == f"🔎 {visa_title}"
    assert screen.all_data().count("art:visa-run:0") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_choices_mode_says_it_is_not_sure_and_lists_the_choices(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    choices = ("passport-lost", "passport-renewal-abroad", "visa-run")
    screen, opened = reply_to(tr, catalog, answer("choices", choices=choices), None)
    assert opened is None
    expected = {"ru": "Я не уверен, что из этого вам нужно:", "en": "I am not sure which of"}
    assert screen.text.startswith(expected[lang])
    assert screen.all_data() == [*(f"art:{c}:0" for c in choices), "fb:c:u", "fb:c:d", "home"]


def test_choices_keep_at_most_four_existing_articles(
    catalog: Catalog, translators: Translators
) -> None:
    ids = ("gone", "passport-lost", "visa-run", "kovcheg", "legal-help", "passport-lost")
    screen = choices_screen(translators["en"], catalog, (*ids, "passport-renewal-abroad"))
    assert screen is not None
    assert screen.all_data() == [
        "art:passport-lost:0",
        "art:visa-run:0",
        "art:kovcheg:0",
        "art:legal-help:0",
        "fb:c:u",
        "fb:c:d",
        "home",
    ]
    assert choices_screen(translators["en"], catalog, ("gone",)) is None


@pytest.mark.parametrize("lang", LANGS)
def test_none_mode_says_plainly_it_found_nothing_and_offers_help(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    screen, opened = reply_to(tr, catalog, answer("none"), None)
    assert opened is None
    assert screen == not_found(tr, catalog)
    plain = {"ru": "нет ответа", "en": "I found no answer"}
    rephrase = {"ru": "другими словами", "en": "in other words"}
    assert plain[lang] in screen.text and rephrase[lang] in screen.text
    assert screen.all_data() == ["art:legal-help:0", "art:kovcheg:0", "home"]


@pytest.mark.parametrize("lang", LANGS)
def test_none_mode_offers_the_closest_articles_after_the_help(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    declined = answer("none", nearest=("visa-run", "passport-lost"))
    screen, opened = reply_to(tr, catalog, declined, None)
    assert opened is None
    # Still plainly "no answer": the closest topics are offered, not claimed.
    assert not_found(tr, catalog).text in screen.text
    closest = {"ru": "Ближайшие темы", "en": "The closest topics I have"}
    assert closest[lang] in screen.text
    assert screen.all_data() == [
        "art:legal-help:0",
        "art:kovcheg:0",
        "art:visa-run:0",
        "art:passport-lost:0",
        "home",
    ]
    titles = [b.text for row in screen.rows for b in row if b.data == "art:visa-run:0"]
    assert titles == ["🔎 " + catalog.library.articles["visa-run"].text(tr.lang).title]


def test_closest_articles_skip_help_organisations_missing_and_repeated_ids(
    catalog: Catalog, translators: Translators
) -> None:
    tr = translators["en"]
    screen = not_found(tr, catalog, nearest=("kovcheg", "gone", "visa-run", "visa-run"))
    assert screen.all_data() == ["art:legal-help:0", "art:kovcheg:0", "art:visa-run:0", "home"]
    # Nothing left to offer: the plain reply, without a heading over no buttons.
    assert not_found(tr, catalog, nearest=("legal-help", "gone")) == not_found(tr, catalog)


def test_closest_articles_are_only_offered_by_none_mode(
    catalog: Catalog, translators: Translators
) -> None:
    tr = translators["en"]
    # A reply in another mode never carries them, even if a caller filled the field.
    screen, _ = reply_to(tr, catalog, answer(nearest=("visa-run",)), None)
    assert "The closest topics" not in screen.text


def test_an_answer_whose_article_is_gone_is_not_found(
    catalog: Catalog, translators: Translators
) -> None:
    tr = translators["en"]
    gone = answer(hits=(Hit("removed-article", 5.0),))
    assert reply_to(tr, catalog, gone, None) == (not_found(tr, catalog), None)


def test_choices_without_valid_articles_fall_back_to_not_found(
    catalog: Catalog, translators: Translators
) -> None:
    tr = translators["ru"]
    missing = answer("choices", hits=(), choices=("gone", "also-gone"))
    assert reply_to(tr, catalog, missing, None) == (not_found(tr, catalog), None)


SMALLTALK = {
    "greeting": {"ru": "Здравствуйте", "en": "Hello!"},
    "thanks": {"ru": "Берегите себя", "en": "You are welcome"},
    "about_bot": {"ru": "Я бот, а не человек", "en": "I am a bot, not a person"},
    "other_language": {"ru": "на русском и английском", "en": "I answer in Russian and English"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_place_alone_asks_what_to_know_and_offers_it_as_the_readers_country(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    asked = answer("none", hits=(), smalltalk="place", countries=("GE",))
    screen, opened = reply_to(tr, catalog, asked, None)
    assert opened is None
    assert screen == place_screen(tr, "GE", None)
    assert tr.country("GE") in screen.text
    assert {"ru": "Что вы хотите узнать", "en": "What would you like to know"}[lang] in screen.text
    # The settings' own button, first; the menu under it; no "send to the editors".
    assert screen.all_data()[0] == "cty:GE"
    assert "sec:documents" in screen.all_data()
    assert not any(d.startswith("fb:") for d in screen.all_data())


def test_a_place_already_the_readers_country_is_not_offered_again(
    catalog: Catalog, translators: Translators
) -> None:
    tr = translators["en"]
    screen, _ = reply_to(tr, catalog, answer("none", smalltalk="place", countries=("GE",)), "GE")
    assert "already show notes for Georgia" in screen.text
    assert not any(d.startswith("cty:") for d in screen.all_data())
    # A country the settings do not list cannot be picked there either.
    canada = place_screen(tr, "CA", None)
    assert "Canada" in canada.text
    assert not any(d.startswith("cty:") for d in canada.all_data())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(SMALLTALK))
def test_each_smalltalk_kind_has_its_own_reply(
    catalog: Catalog, translators: Translators, lang: str, kind: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    # The search may have answer hits too; small talk still wins.
    screen, opened = reply_to(tr, catalog, answer(smalltalk=kind), None)
    assert opened is None
    assert screen == smalltalk_screen(tr, kind)  # type: ignore[arg-type]
    assert SMALLTALK[kind][lang] in screen.text
    others = [SMALLTALK[k][lang] for k in SMALLTALK if k != kind]
    assert not any(other in screen.text for other in others)
    assert "sec:documents" in screen.all_data()


def test_other_language_reply_is_in_the_interface_language(
    catalog: Catalog, translators: Translators
) -> None:
    # Someone with a Russian interface writes in German: the reply is in Russian.
    asked = answer("none", hits=(), smalltalk="other_language", query_lang="en")
    screen, _ = reply_to(translators["ru"], catalog, asked, None)
    assert "Я отвечаю на русском и английском" in screen.text


@pytest.mark.parametrize("lang", LANGS)
def test_other_language_reply_offers_the_articles_the_search_found(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    plain = smalltalk_screen(tr, "other_language")
    asked = answer("none", smalltalk="other_language", nearest=("passport-lost", "gone"))
    screen, opened = reply_to(tr, catalog, asked, None)
    assert opened is None
    # Still the kind "I answer in Russian and English", then the articles, then the menu.
    assert screen.text.startswith(plain.text)
    heading = {"ru": "Возможно, ваш вопрос", "en": "These articles may be about"}
    assert heading[lang] in screen.text
    title = catalog.library.articles["passport-lost"].text(tr.lang).title
    assert screen.rows[0][0].text == "🔎 " + title
    assert screen.all_data() == ["art:passport-lost:0", *plain.all_data()]
    # Nothing found (or only a gone article): the plain reply, no heading over no buttons.
    for nearest in ((), ("gone",)):
        bare = answer("none", smalltalk="other_language", nearest=nearest)
        assert reply_to(tr, catalog, bare, None)[0] == plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👍", False),
        ("❤️🙏", False),
        ("???", False),
        ("...!", False),
        (" 🙂 ", False),
        ("паспорт", True),
        ("visa?", True),
        ("112", True),
        ("👍 спасибо", True),
    ],
)
def test_has_words(text: str, expected: bool) -> None:
    assert has_words(text) is expected


@pytest.mark.parametrize("lang", LANGS)
def test_wordless_reply_is_friendly_not_not_found(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    screen = wordless_reply(tr)
    assert screen.text.startswith("🙂")
    assert not_found(tr, catalog).text not in screen.text
    assert "sec:documents" in screen.all_data()


def test_a_country_named_in_the_question_beats_the_profile(catalog: Catalog) -> None:
    article = catalog.library.articles["passport-renewal-abroad"]  # notes for GE and TR
    assert note_country(answer(), article, "ru", "GE") == "GE"
    assert note_country(answer(countries=("TR",)), article, "ru", "GE") == "TR"
    # The first named country the article has a note for.
    assert note_country(answer(countries=("DE", "TR", "GE")), article, "en", None) == "TR"
    # A named country without a note still beats the profile's note.
    assert note_country(answer(countries=("DE",)), article, "en", "GE") == "DE"


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_shows_the_named_countrys_note_first(
    catalog: Catalog, translators: Translators, lang: str
) -> None:
    tr = translators[lang]  # type: ignore[index]
    named = answer_screen(tr, catalog, answer(countries=("TR",)), "GE")
    profile = answer_screen(tr, catalog, answer(), "GE")
    assert named is not None and profile is not None
    note = {"ru": "Заметка для {}.", "en": "A note for {}."}[lang]
    assert note.format("TR") in named.text and note.format("GE") not in named.text
    assert note.format("GE") in profile.text and note.format("TR") not in profile.text
    body = {"ru": "Короткий ответ", "en": "A short answer"}[lang]
    assert named.text.index(note.format("TR")) < named.text.index(body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://t.me/some_channel", True),
        ("+7 999 123-45-67", True),
        ("@somebody", True),
        ("www.example.com/page", True),
        ("name@example.org, +995 555 12 34 56", True),
        ("что это за канал t.me/some_channel", False),
        ("загран истекает", False),
    ],
)
def test_contacts_only_is_a_message_with_nothing_left_to_read(text: str, expected: bool) -> None:
    from bot.features.feedback.service import Feedback

    assert contacts_only(Feedback.as_stored(text)) is expected
