from __future__ import annotations

import pytest

from bot.content.models import Library
from bot.search import SearchEngine, Synonyms, load_synonyms
from bot.search.topics import TopicModel

from .library_files import SYNONYMS, load_shipped_library, make_file, make_library


@pytest.fixture(scope="session")
def shipped_library() -> Library:
    return load_shipped_library()


@pytest.fixture(scope="session")
def shipped_engine(shipped_library: Library) -> SearchEngine:
    return SearchEngine.build(shipped_library, load_synonyms(SYNONYMS))


FIXTURE_SYNONYMS = Synonyms.from_lists(
    [
        ["загранпаспорт", "загран", "zagran", "foreign passport"],
        ["паспорт", "passport"],
        ["вид на жительство", "внж", "residence permit", "vnzh"],
        ["безвиз", "без визы", "visa-free"],
    ]
)


@pytest.fixture(scope="session")
def tiny_library() -> Library:
    """Four articles, in both languages, written so each query below has one right answer."""
    return make_library(
        make_file(
            "lost-passport",
            "ru",
            "Потерян паспорт за границей",
            "Если паспорт украли или потеряли, обратитесь в консульство за свидетельством "
            "на возвращение.",
            keywords=["утеря паспорта", "кража"],
        ),
        make_file(
            "lost-passport",
            "en",
            "Passport lost abroad",
            "If your passport was stolen or lost, the consulate issues a certificate of return.",
        ),
        make_file(
            "residence",
            "ru",
            "Вид на жительство",
            "ВНЖ в Грузии, Сербии и Турции: документы и сроки.",
            countries={"RS": "В Сербии ВНЖ дают по работе."},
        ),
        make_file(
            "residence",
            "en",
            "Residence permits",
            "Residence permits in Georgia, Serbia and Turkey: papers and timing.",
        ),
        make_file(
            "visa-free",
            "ru",
            "Страны без визы",
            "Куда можно поехать без визы с российским загранпаспортом: Сербия, Грузия, Турция.",
            countries={"GE": "Грузия: год без визы."},
        ),
        make_file(
            "visa-free",
            "en",
            "Visa-free countries",
            "Where Russians can go visa-free with a foreign passport: Serbia, Georgia, Turkey.",
        ),
        make_file(
            "banking",
            "ru",
            "Банковский счёт за границей",
            "Как открыть счёт в банке в Сербии или Грузии с российским паспортом.",
            countries={"RS": "Сербские банки открывают счета.", "GE": "В Грузии тоже."},
        ),
        make_file(
            "banking",
            "en",
            "Bank accounts abroad",
            "Opening a bank account in Serbia or Georgia with a Russian passport.",
        ),
    )


def fitted_engine(library: Library, synonyms: Synonyms | None = None) -> SearchEngine:
    """An engine whose topic model was fitted on ``library``, as ``make fit`` would do.

    The shipped topic model knows only the shipped articles; a test library needs its own.
    """
    from bot.search.fit import Terms, article_examples, fit_topics

    plain = SearchEngine.build(library, synonyms, topics=TopicModel.empty())
    topics = fit_topics(article_examples(library), Terms(plain))
    return SearchEngine.build(library, synonyms, topics=topics)


@pytest.fixture(scope="session")
def tiny_engine(tiny_library: Library) -> SearchEngine:
    return fitted_engine(tiny_library, FIXTURE_SYNONYMS)
