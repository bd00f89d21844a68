"""`python -m bot ask`: the reply mode in JSON, and the best candidate also when declined."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.content.catalog import Catalog
from bot.features.answers.ask import json_record, run_ask, text_record
from bot.search.engine import Answer, Hit

HITS = (Hit("passport-renewal-abroad", 3.21), Hit("passport-lost", 1.5))


@pytest.mark.parametrize("mode", ["answer", "choices", "none"])
def test_json_has_mode_and_answered_only_in_answer_mode(mode: str) -> None:
    record = json_record("загран", "ru", Answer("ru", HITS, mode))  # type: ignore[arg-type]
    assert record["mode"] == mode
    assert record["answered"] is (mode == "answer")
    # Results are listed best first whatever the mode.
    assert [r["id"] for r in record["results"]] == ["passport-renewal-abroad", "passport-lost"]


@pytest.mark.parametrize(
    ("mode", "lang", "first"),
    [
        ("answer", "ru", "  → passport-renewal-abroad: Как продлить загранпаспорт за границей"),
        ("choices", "en", "  → (not sure) passport-renewal-abroad: Renewing a passport abroad"),
        ("none", "en", "  → (no answer) passport-renewal-abroad: Renewing a passport abroad"),
    ],
)
def test_text_shows_the_best_candidate_in_every_mode(
    catalog: Catalog, mode: str, lang: str, first: str
) -> None:
    answer = Answer("ru", HITS, mode, confidence=0.42)  # type: ignore[arg-type]
    lines = text_record("q", lang, answer, catalog).splitlines()
    assert lines[0] == "q"
    assert lines[1].startswith(first) and lines[1].endswith("(3.21, confidence 0.42)")
    assert lines[2] == "     passport-lost (1.50)"


def test_text_names_the_second_topic_of_a_story(catalog: Catalog) -> None:
    answer = Answer("ru", HITS, "answer", also="passport-lost")
    assert (
        "     also offered: passport-lost" in text_record("q", "ru", answer, catalog).splitlines()
    )


def test_text_names_the_closest_articles_of_a_declined_question(catalog: Catalog) -> None:
    answer = Answer("ru", HITS, "none", nearest=("passport-lost", "kovcheg"))
    lines = text_record("q", "ru", answer, catalog).splitlines()
    assert "     closest offered: passport-lost, kovcheg" in lines
    assert json_record("q", "ru", answer)["nearest"] == ["passport-lost", "kovcheg"]


def test_text_for_smalltalk_and_for_no_candidates(catalog: Catalog) -> None:
    chat = text_record("привет", "ru", Answer("ru", (), "none", smalltalk="greeting"), catalog)
    assert chat == "привет\n  → (small talk: greeting)\n"
    empty = text_record("xyz", "en", Answer("en", (), "none"), catalog)
    assert empty == "xyz\n  → (no answer, no candidates)\n"


def test_run_ask_json_lines(content_dir: Path) -> None:
    out = io.StringIO()
    code = run_ask(
        content_dir, "en", as_json=True, stdin=io.StringIO("Lost passport\n\nпривет\n"), stdout=out
    )
    assert code == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["query"] for r in records] == ["Lost passport", "привет"]
    for record in records:
        assert set(record) == {
            "query",
            "lang",
            "mode",
            "answered",
            "results",
            "confidence",
            "choices",
            "also",
            "nearest",
        }
        assert record["answered"] is (record["mode"] == "answer")
