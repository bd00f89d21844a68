from __future__ import annotations

import dataclasses

import pytest

from bot.content.models import Library
from bot.search import SearchEngine
from bot.search.engine import Answer

from .conftest import FIXTURE_SYNONYMS
from .library_files import make_file, make_library


def top(answer: Answer) -> str | None:
    return answer.hits[0].article_id if answer.hits else None


@pytest.mark.parametrize(
    ("query", "article", "lang"),
    [
        ("украли паспорт", "lost-passport", "ru"),
        ("my passport was stolen", "lost-passport", "en"),
        ("внж в сербии", "residence", "ru"),
        ("residence permit serbia", "residence", "en"),
        ("vnzh v serbii", "residence", "ru"),  # synonym in Latin letters + translit
        ("куда без визы", "visa-free", "ru"),
        ("relf ,tp dbps", "visa-free", "ru"),  # Russian typed on the English layout
        ("ыукишф мшыф акуу", "visa-free", "en"),  # English typed on the Russian layout
        ("откыть счет в банке", "banking", "ru"),  # typo
        ("pasport ukrali", "lost-passport", "ru"),  # transliteration
    ],
)
def test_finds_the_article_in_either_language(
    tiny_engine: SearchEngine, query: str, article: str, lang: str
) -> None:
    answer = tiny_engine.search(query)
    assert top(answer) == article
    # The decision is fitted on the shipped library; on four articles it may offer choices.
    assert answer.mode in ("answer", "choices")
    assert answer.query_lang == lang
    assert answer.smalltalk is None


def test_a_question_in_one_language_finds_an_article_written_only_in_the_other(
    tiny_library: Library,
) -> None:
    only_russian = Library(
        {
            aid: dataclasses.replace(a, texts={"ru": a.texts["ru"]})
            for aid, a in tiny_library.articles.items()
        }
    )
    engine = SearchEngine.build(only_russian, FIXTURE_SYNONYMS)
    assert top(engine.search("foreign passport visa-free")) == "visa-free"


@pytest.mark.parametrize(
    ("text", "kind", "lang"),
    [
        ("Привет!", "greeting", "ru"),
        ("добрый день", "greeting", "ru"),
        ("hello there", "greeting", "en"),
        ("спасибо большое 🙏", "thanks", "ru"),
        ("thanks a lot", "thanks", "en"),
        ("ghbdtn", "greeting", "ru"),
        ("spasibo", "thanks", "ru"),
    ],
)
def test_small_talk_gets_no_search(
    tiny_engine: SearchEngine, text: str, kind: str, lang: str
) -> None:
    answer = tiny_engine.search(text)
    assert (answer.smalltalk, answer.query_lang, answer.answered, answer.hits) == (
        kind,
        lang,
        False,
        (),
    )


def test_a_greeting_before_a_question_is_still_a_question(tiny_engine: SearchEngine) -> None:
    answer = tiny_engine.search("привет, как получить внж в сербии?")
    assert answer.smalltalk is None
    assert top(answer) == "residence"


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🙂", "\u200b\u0000"])
def test_empty_text_has_no_hits(tiny_engine: SearchEngine, text: str) -> None:
    answer = tiny_engine.search(text)
    assert answer.mode == "none"
    assert answer.hits == ()


@pytest.mark.parametrize("text", ["asdfgh qwerty", "ыфвфыв", "qwrtp zxcvb mnbvc"])
def test_gibberish_is_not_answered(shipped_engine: SearchEngine, text: str) -> None:
    assert shipped_engine.search(text).mode == "none"


def test_uncovered_questions_are_not_answered(tiny_engine: SearchEngine) -> None:
    assert not tiny_engine.search("рецепт борща со сметаной").answered
    assert not tiny_engine.search("who will win the champions league").answered


def test_country_breaks_near_ties() -> None:
    # Two articles that score exactly alike; only the second has a note on Serbia.
    library = make_library(
        make_file("a-housing", "ru", "Жильё", "Аренда квартиры. Аренда квартиры."),
        make_file(
            "b-housing", "ru", "Жильё", "Аренда квартиры.", countries={"RS": "Аренда квартиры."}
        ),
        *(make_file(f"other-{n}", "ru", "Визы", "Визы и паспорта.") for n in range(4)),
    )
    engine = SearchEngine.build(library)
    assert top(engine.search("аренда квартиры")) == "a-housing"
    assert top(engine.search("аренда квартиры", country="RS")) == "b-housing"
    assert top(engine.search("аренда квартиры", country="rs")) == "b-housing"
    assert top(engine.search("аренда квартиры", country="GE")) == "a-housing"


def test_country_does_not_override_a_clear_answer(tiny_engine: SearchEngine) -> None:
    assert top(tiny_engine.search("украли паспорт", country="RS")) == "lost-passport"


def test_limit_bounds_the_hits(tiny_engine: SearchEngine) -> None:
    assert len(tiny_engine.search("паспорт сербия грузия", limit=2).hits) <= 2
    assert tiny_engine.search("паспорт", limit=0).hits == ()


def test_hits_are_sorted_best_first(tiny_engine: SearchEngine) -> None:
    scores = [h.score for h in tiny_engine.search("паспорт сербия грузия банк").hits]
    assert scores == sorted(scores, reverse=True)


def test_answers_are_immutable(tiny_engine: SearchEngine) -> None:
    answer = tiny_engine.search("внж")
    with pytest.raises(dataclasses.FrozenInstanceError):
        answer.answered = False  # type: ignore[misc]


def test_an_empty_library_answers_nothing() -> None:
    engine = SearchEngine.build(Library({}))
    assert engine.search("паспорт") == Answer("ru", (), "none")


def test_place_names_are_recognised_in_any_case() -> None:
    from bot.search.analyzer import Analyzer

    analyzer = Analyzer()
    for word in ("ереван", "ереване", "еревана", "тбилиси", "грузии", "belgrade", "istanbul"):
        (term,) = analyzer.terms([word])
        assert analyzer.is_place(term), word
    (term,) = analyzer.terms(["паспорт"])
    assert not analyzer.is_place(term)


@pytest.mark.parametrize(
    "question",
    ["what is the weather like in yerevan", "где погулять в белграде", "ресторан в стамбуле"],
)
def test_a_place_name_alone_is_not_a_topic(shipped_engine: SearchEngine, question: str) -> None:
    assert not shipped_engine.search(question).answered


def test_a_place_name_does_not_outweigh_the_topic(shipped_engine: SearchEngine) -> None:
    answer = shipped_engine.search("открыть счёт в банке в тбилиси")
    assert answer.answered and top(answer) == "banking-abroad"
