"""The fitted decision: read from model.json, evaluated without scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.search.fit import answer_threshold, choice_ids
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


def test_the_answer_threshold_keeps_the_precision() -> None:
    p = np.linspace(1.0, 0.0, 200)
    right = np.array([i < 120 or i % 2 == 0 for i in range(200)])
    t = answer_threshold(p, right, np.ones(200))
    chosen = p >= t
    assert right[chosen].mean() >= 0.97
    assert chosen.sum() >= 120


def test_choices_are_two_to_four_leaders_close_to_the_best() -> None:
    ranked = ("a", "b", "c", "d", "e")
    assert choice_ids(ranked, (10, 9, 8, 7, 6.5), 0.6) == ["a", "b", "c", "d"]
    assert choice_ids(ranked, (10, 2, 1, 1, 1), 0.6) == ["a", "b"]
    assert choice_ids(ranked, (10, 7, 5, 1, 1), 0.6) == ["a", "b"]
