from __future__ import annotations

from bot.search.analyzer import GROUP_PREFIX, Analyzer
from bot.search.normalize import clean, tokens
from bot.search.synonyms import Synonyms

SYNONYMS = Synonyms.from_lists(
    [
        ["загранпаспорт", "загран", "zagran", "foreign passport"],
        ["вид на жительство", "внж", "residence permit"],
        ["паспорт", "passport"],
    ]
)


def terms(analyzer: Analyzer, text: str) -> list[str]:
    return analyzer.terms(tokens(clean(text)))


def test_russian_word_forms_share_a_stem() -> None:
    analyzer = Analyzer()
    forms = {analyzer.stem(w) for w in ("консульство", "консульства", "консульстве")}
    assert len(forms) == 1


def test_english_word_forms_share_a_stem() -> None:
    analyzer = Analyzer()
    assert analyzer.stem("permits") == analyzer.stem("permit")


def test_stop_words_are_dropped() -> None:
    assert terms(Analyzer(), "как мне получить что-то") == [Analyzer().stem("получить")]


def test_synonyms_collapse_to_one_group_across_languages_and_forms() -> None:
    analyzer = Analyzer(SYNONYMS)
    a = terms(analyzer, "загранпаспорта")
    b = terms(analyzer, "foreign passport")
    c = terms(analyzer, "zagran")
    assert a == b == c
    assert a[0].startswith(GROUP_PREFIX)


def test_phrases_win_over_their_single_words() -> None:
    analyzer = Analyzer(SYNONYMS)
    assert terms(analyzer, "foreign passport") != terms(analyzer, "passport")
    assert terms(analyzer, "вида на жительство в сербии")[0] == terms(analyzer, "ВНЖ")[0]


def test_phrase_positions_protect_phrase_words_from_rewriting() -> None:
    analyzer = Analyzer(SYNONYMS)
    assert analyzer.phrase_positions(["мой", "вид", "на", "жительство"]) == {1, 2, 3}


def test_phrase_words_match_by_synonym_group() -> None:
    """A phrase matches when one of its words is typed as another member of its group."""
    synonyms = Synonyms.from_lists([["гуманитарная виза", "humvisa"], ["виза", "viza", "visa"]])
    analyzer = Analyzer(synonyms)
    assert terms(analyzer, "гуманитарная viza") == terms(analyzer, "humvisa")
    assert analyzer.in_phrase("гуманитарную")
    assert not analyzer.in_phrase("паспорт")


def test_the_engine_keeps_no_memory_of_the_words_users_type() -> None:
    from bot.search import SearchEngine

    from .library_files import load_shipped_library

    engine = SearchEngine.build(load_shipped_library())
    analyzer = engine._analyzer  # the memo is private; this checks exactly that memory
    before = len(analyzer._memo)
    engine.search("zzqx уникальноеслово приватныйвопрос", limit=5)
    assert len(analyzer._memo) == before
    assert "приватныйвопрос" not in analyzer._memo
