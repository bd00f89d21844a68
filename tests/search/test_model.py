"""The fitted decision: read from model.json, evaluated without scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.search.fit import MIN_ANSWERS, TARGET_PRECISION, answer_threshold, choice_ids
from bot.search.model import FEATURES, MODEL_PATH, Logistic, load_model

ROOT = Path(__file__).resolve().parents[2]


def test_the_bot_never_imports_scikit_learn() -> None:
    code = (
        "import sys\n"
        "from tests.search.library_files import load_shipped_library, SYNONYMS\n"
        "from bot.search import SearchEngine, load_synonyms\n"
        "e = SearchEngine.build(load_shipped_library(), load_synonyms(SYNONYMS))\n"
        "e.search('как продлить загранпаспорт')\n"
        "assert 'sklearn' not in sys.modules and 'numpy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_probability_is_a_sigmoid_of_standardised_features() -> None:
    model = Logistic((2.0, -1.0), 0.5)
    p = model.probability([3.0, 1.0], [1.0, 1.0], [2.0, 1.0])
    assert p == pytest.approx(1 / (1 + np.exp(-(0.5 + 2.0 * 1.0))))
    assert model.probability([-1e9, 0.0], [0.0, 0.0], [1.0, 1.0]) == 0.0


def test_a_model_for_other_features_is_refused(tmp_path: Path) -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    raw["features"] = [*FEATURES[:-1], "something_else"]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="make fit"):
        load_model(path)


def _counted_threshold(p: np.ndarray, right: np.ndarray) -> float:
    """The rule before recalibration: precision counted answer by answer."""
    order = np.argsort(-p, kind="stable")
    precision = np.cumsum(right[order]) / np.arange(1, len(p) + 1)
    ok = [i for i in range(MIN_ANSWERS - 1, len(p)) if precision[i] >= TARGET_PRECISION]
    return float(p[order[max(ok)]]) if ok else 1.0


def test_the_answer_threshold_keeps_the_precision_and_holds_still() -> None:
    # Confidences that are right exactly as often as they say: answering from t up is
    # right (1 + t) / 2 of the time, so the threshold that keeps the target is known.
    known = 2 * TARGET_PRECISION - 1
    thresholds, counted = [], []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        p = rng.uniform(0.0, 1.0, 2000)
        right = rng.uniform(0.0, 1.0, 2000) < p
        thresholds.append(answer_threshold(p, right, np.ones(2000)))
        counted.append(_counted_threshold(p, right))
    assert abs(float(np.median(thresholds)) - known) < 0.03
    # Read from the recalibrated curve, a dozen wrong answers do not swing it.
    assert np.std(thresholds) < 0.7 * np.std(counted)


def test_a_set_without_wrong_answers_answers_everything_it_can() -> None:
    p = np.linspace(1.0, 0.0, 200)
    assert answer_threshold(p, np.ones(200, dtype=bool), np.ones(200)) == 0.0
    assert answer_threshold(p, np.zeros(200, dtype=bool), np.ones(200)) == 1.0


def test_choices_are_two_to_four_leaders_close_to_the_best() -> None:
    ranked = ("a", "b", "c", "d", "e")
    assert choice_ids(ranked, (10, 9, 8, 7, 6.5), 0.6) == ["a", "b", "c", "d"]
    assert choice_ids(ranked, (10, 2, 1, 1, 1), 0.6) == ["a", "b"]
    assert choice_ids(ranked, (10, 7, 5, 1, 1), 0.6) == ["a", "b"]
