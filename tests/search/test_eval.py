"""Quality gates on the shipped library: the figures docs/search.md reports.

``GATES`` maps a question set to the minimum (or, for ``wrong_answered``, maximum)
figures it must reach. The dev sets gate at the figures reached minus a margin. Frozen
sets written by people who never saw the code are added to the same table when they
land (``eval-blind.jsonl``, ``eval-real.jsonl``); a listed file that does not exist
yet is skipped, so the hook is ready before the files are. Per-kind figures are
printed (pytest -s) so a regression can be traced to, say, transliteration.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.search import SearchEngine
from bot.search.evaluation import read_cases, run, summarise

from .library_files import load_shipped_library

HERE = Path(__file__).parent
KINDS = {"plain", "colloquial", "short", "typo", "translit", "layout", "story", "crosslang", "oos"}

# Figure → bound. "wrong_answered" is a ceiling, every other figure a floor.
GATES: dict[str, dict[str, float]] = {
    "eval.jsonl": {"top1": 0.75, "shown": 0.90, "wrong_answered": 0.03, "oos_not_answered": 0.95},
    "eval-holdout.jsonl": {"top1": 0.50, "shown": 0.80, "wrong_answered": 0.05},
    "eval-holdout2.jsonl": {"top1": 0.60, "shown": 0.80, "wrong_answered": 0.10},
    "eval-holdout3.jsonl": {"top1": 0.75, "shown": 0.88, "wrong_answered": 0.10},
    "eval-sample.jsonl": {"top1": 0.80, "shown": 0.95, "wrong_answered": 0.03},
    # Frozen sets (written by people who never saw the code or the library; never tuned
    # on). Their floors are the figures first measured (2026-12-01) minus a margin, so a
    # change that makes them worse fails; the targets, not yet reached, are TARGETS.
    "eval-blind.jsonl": {
        "top1": 0.67,
        "shown": 0.82,
        "wrong_answered": 0.05,
        "oos_not_answered": 0.95,
    },
    "eval-real.jsonl": {"top1": 0.22, "shown": 0.48, "oos_not_answered": 0.90},
    # A second blind set by another author, first measured after the engine was final.
    "eval-blind2.jsonl": {
        "top1": 0.59,
        "shown": 0.77,
        "wrong_answered": 0.08,
        "oos_not_answered": 0.93,
    },
}
# Where the frozen sets must get to (issue 8); printed by the gate test, not asserted yet.
TARGETS: dict[str, dict[str, float]] = {
    "eval-blind.jsonl": {"top1": 0.90, "wrong_answered": 0.05, "oos_not_answered": 0.90},
    "eval-real.jsonl": {"top1": 0.65, "shown": 0.85},
    "eval-blind2.jsonl": {"top1": 0.90, "wrong_answered": 0.05, "oos_not_answered": 0.90},
}
FROZEN = ("eval-blind.jsonl", "eval-blind2.jsonl", "eval-real.jsonl")
CEILINGS = {"wrong_answered"}


@pytest.mark.parametrize("name", sorted(GATES))
def test_quality_gate(shipped_engine: SearchEngine, name: str) -> None:
    path = HERE / name
    assert path.exists(), f"{name} is missing: frozen and dev sets are part of the suite"
    report = summarise(run(shipped_engine, read_cases(path)))
    print(name, json.dumps(report, ensure_ascii=False, indent=1))
    for figure, target in TARGETS.get(name, {}).items():
        print(f"{name}: {figure} = {report[figure]} (target {target})")  # type: ignore[literal-required]
    for figure, bound in GATES[name].items():
        value = report[figure]  # type: ignore[literal-required]
        if figure in CEILINGS:
            assert value <= bound, (name, figure, value)
        else:
            assert value >= bound, (name, figure, value)


def test_the_evaluation_set_covers_every_article_and_kind() -> None:
    cases = read_cases(HERE / "eval.jsonl")
    assert len(cases) >= 250
    assert {c.kind for c in cases} >= KINDS
    assert sum(not c.expected for c in cases) >= 40
    library = load_shipped_library()
    per_article = {aid: 0 for aid in library.articles}
    for case in cases:
        for aid in case.expected:
            assert aid in library.articles, aid
        if case.expected:
            per_article[case.expected[0]] += 1
    assert min(per_article.values()) >= 6, per_article


def test_the_training_negatives_are_out_of_scope() -> None:
    cases = read_cases(HERE / "train-oos.jsonl")
    assert len(cases) >= 100
    assert all(not c.expected and c.kind == "oos" for c in cases)


def test_the_evaluate_command_prints_per_kind_json(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.search.evaluate import main

    assert main(["--file", str(HERE / "eval-sample.jsonl"), "--threshold", "0.6"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["answer_threshold"] == 0.6
    assert set(report["kinds"]) >= {"plain", "oos", "translit", "layout"}
    assert {"top1", "shown", "wrong_answered", "oos_not_answered", "reliability"} <= set(report)


def test_the_fitted_model_matches_the_engine() -> None:
    from bot.search.model import FEATURES, load_model

    model = load_model()
    assert model.features == FEATURES
    assert 0.0 < model.choices_threshold <= 1.0
    assert 0.0 < model.answer_threshold <= 1.0


@pytest.mark.parametrize("name", FROZEN)
def test_frozen_sets_are_well_formed(name: str) -> None:
    """Frozen sets are never edited to fit the engine; they must stay valid as written."""
    cases = read_cases(HERE / name)
    library = load_shipped_library()
    assert len(cases) >= 100
    for case in cases:
        assert all(aid in library.articles for aid in case.expected), case
