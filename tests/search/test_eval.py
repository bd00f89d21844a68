"""Quality gates on the shipped library: the figures docs/search.md reports.

``GATES`` maps a question set to the minimum (or, for ``wrong_answered``, maximum)
figures it must reach: the figures of the shipped engine (2026-12-04) minus a margin, but
never below an earlier gate, so a change that makes any set worse than a gate allows
fails. The dev sets (``eval*.jsonl`` without "blind"/"real") are also training data of the
topic model, so their figures are fitted figures. The frozen sets (``FROZEN``) were
written by people who never saw the code or the library and are never trained on. Each
was measured once on the engine that followed its freezing and consulted since (see the
comments below); the newest were measured on the engine before their freezing's round and
once on the shipped one. The first five real sets (real, real2 ... real5) were frozen,
consulted, and since 2026-12-04 are training data (``train-real-1`` ... ``train-real-5``):
real questions teach the topic model what no written set could, so they are no longer
measurements and are not gated here; the comments below still name them as they were.
``TARGETS`` are issue 8's targets, printed, not asserted.
Per-kind figures are printed (pytest -s) so a regression can be traced to, say,
transliteration.
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
    "eval.jsonl": {"top1": 0.95, "shown": 0.97, "wrong_answered": 0.02, "oos_not_answered": 0.97},
    "eval-holdout.jsonl": {"top1": 0.92, "shown": 0.97, "wrong_answered": 0.02},
    "eval-holdout2.jsonl": {"top1": 0.96, "shown": 0.97, "wrong_answered": 0.04},
    "eval-holdout3.jsonl": {"top1": 0.96, "shown": 0.97, "wrong_answered": 0.02},
    "eval-sample.jsonl": {"top1": 0.96, "shown": 0.97, "wrong_answered": 0.02},
    # Frozen. Their aggregate figures (never their failures) were read while the topic
    # model was built and again on 2026-12-02 while the answer threshold was chosen.
    "eval-blind.jsonl": {
        "top1": 0.93,
        "shown": 0.96,
        "wrong_answered": 0.034,
        "oos_not_answered": 0.93,
    },
    "eval-blind2.jsonl": {
        "top1": 0.92,
        "shown": 0.94,
        "wrong_answered": 0.07,
        "oos_not_answered": 0.83,
    },
    "eval-blind3.jsonl": {
        "top1": 0.93,
        "shown": 0.94,
        "wrong_answered": 0.041,
        "oos_not_answered": 0.89,
    },
    "eval-blind4.jsonl": {
        "top1": 0.94,
        "shown": 0.95,
        "wrong_answered": 0.044,
        "oos_not_answered": 0.87,
    },
    # Frozen before the 2026-12-02 changes and measured once after the first round of
    # them (top-1 0.896 and 0.524), again after the second (blind5: a fifth author;
    # real3: two more collectors, 97 questions).
    "eval-blind5.jsonl": {
        "top1": 0.93,
        "shown": 0.95,
        "wrong_answered": 0.039,
        "oos_not_answered": 0.94,
    },
    # Frozen before the second round of 2026-12-02 and measured once, after it (a sixth
    # author; commit 3583769's honest figures), consulted since.
    "eval-blind6.jsonl": {
        "top1": 0.91,
        "shown": 0.94,
        "wrong_answered": 0.056,
        "oos_not_answered": 0.9,
    },
    # Frozen on 2026-12-02 (a seventh author, 678 questions; two collectors, 70 real
    # questions, 35 of them from one Telegram-chat digest on Schengen visas from Serbia)
    # and measured on the engine of commit 3583769 (0.898 / 0.964 / 0.026 / 0.950 and
    # 0.281 / 0.526 / 0.515 / 0.692), then again on the next engine (commit 653ace9):
    # consulted since (measured again on commit 519159e's engine and on this one),
    # failures never read.
    "eval-blind7.jsonl": {
        "top1": 0.92,
        "shown": 0.94,
        "wrong_answered": 0.041,
        "oos_not_answered": 0.92,
    },
    # Frozen before commit 653ace9 (out-of-scope training sets, lists with a way out)
    # and measured once on it: blind8 0.888 / 0.959 / 0.021 / 0.981, blind9 0.938 /
    # 0.989 / 0.008 / 1.000, real5 0.385 / 0.590 / 0.625 / 0.605 (62 of its 77 questions
    # are one digest's, about Hungarian visas and travel insurance from Serbia, half of
    # them out of scope); measured again on the next engine. Failures never read.
    "eval-blind8.jsonl": {
        "top1": 0.89,
        "shown": 0.94,
        "wrong_answered": 0.036,
        "oos_not_answered": 0.96,
    },
    "eval-blind9.jsonl": {
        "top1": 0.94,
        "shown": 0.95,
        "wrong_answered": 0.028,
        "oos_not_answered": 0.96,
    },
    # Frozen before the fourth round (chat-style training sets) and measured once after
    # it (blind10 0.961 / 0.988 / 0.008 / 1.000, blind11 0.911 / 0.956 / 0.031 / 1.000),
    # again after the fifth: consulted since. Failures never read.
    "eval-blind10.jsonl": {
        "top1": 0.95,
        "shown": 0.96,
        "wrong_answered": 0.028,
        "oos_not_answered": 0.96,
    },
    "eval-blind11.jsonl": {
        "top1": 0.89,
        "shown": 0.92,
        "wrong_answered": 0.051,
        "oos_not_answered": 0.96,
    },
    # Frozen before the fifth round (synonyms for blocking, payments, appointments and
    # deferment; forum-style and follow-up training sets) and measured on the engine before
    # it (commit 0aa82af: blind12 0.942 / 0.984 / 0.012 / 1.000, real7 0.429 / 0.629 /
    # 0.545 / 0.703, real8 0.553 / 0.766 / 0.350 / 0.591), then once on it: the gates
    # below. Failures never read. real7 is half out of scope and 45 of its 72 questions
    # are the Serbia visa digest's (condensed by a language model); real8 holds some
    # questions from before 2022.
    "eval-blind12.jsonl": {
        "top1": 0.92,
        "shown": 0.94,
        "wrong_answered": 0.04,
        "oos_not_answered": 0.94,
    },
    "eval-real7.jsonl": {
        "top1": 0.54,
        "shown": 0.71,
        "wrong_answered": 0.544,
        "oos_not_answered": 0.55,
    },
    "eval-real8.jsonl": {
        "top1": 0.55,
        "shown": 0.72,
        "wrong_answered": 0.426,
        "oos_not_answered": 0.38,
    },
    # Frozen after the fifth round and measured once on it (0.956 / 0.975 / 0.026 /
    # 0.956): nothing changed between its freezing and that measurement. Failures never
    # read.
    "eval-blind13.jsonl": {
        "top1": 0.93,
        "shown": 0.94,
        "wrong_answered": 0.046,
        "oos_not_answered": 0.91,
    },
    # Frozen with blind13 and measured once (0.607 / 0.786 / 0.150 / 0.333; 28 in scope,
    # 3 out, so one question moves a figure by 4-33 points). Failures never read.
    "eval-real9.jsonl": {
        "top1": 0.61,
        "shown": 0.76,
        "wrong_answered": 0.165,
        "oos_not_answered": 0.54,
    },
    # Frozen on 2026-12-04 and measured once on commit 87aeb20, once with the closest
    # topics under "I don't know" and once with more buttons under an answer (neither
    # changes a reply's mode: the same figures; on_screen 0.983 and 0.933, then 0.983 and
    # 0.947), then on a trial of training on real questions and on the version that
    # ships it: consulted since. Failures never read. on_screen is gated here so the
    # buttons cannot quietly disappear.
    "eval-blind14.jsonl": {
        "top1": 0.94,
        "shown": 0.94,
        "on_screen": 0.96,
        "wrong_answered": 0.043,
        "oos_not_answered": 0.9,
    },
    "eval-real10.jsonl": {
        "top1": 0.72,
        "shown": 0.83,
        "on_screen": 0.88,
        "wrong_answered": 0.305,
        "oos_not_answered": 0.46,
    },
    # Frozen on 2026-12-04 before training on real questions (train-real-*), measured
    # once on the version before it (commit 3efb935: 0.949 / 0.970 / 0.034 / 0.947 and
    # 0.463 / 0.567 / 0.367 / 0.633) and once on it. Failures never read.
    "eval-blind15.jsonl": {
        "top1": 0.92,
        "shown": 0.94,
        "on_screen": 0.96,
        "wrong_answered": 0.052,
        "oos_not_answered": 0.9,
    },
    "eval-real11.jsonl": {
        "top1": 0.52,
        "shown": 0.61,
        "on_screen": 0.64,
        "wrong_answered": 0.334,
        "oos_not_answered": 0.54,
    },
    # Frozen on 2026-12-04 after this version was final (a twelfth author, 407 questions,
    # the 40 already in another set dropped) and measured once. Failures never read.
    "eval-blind16.jsonl": {
        "top1": 0.93,
        "shown": 0.94,
        "on_screen": 0.95,
        "wrong_answered": 0.04,
        "oos_not_answered": 0.89,
    },
    # Frozen on 2026-12-04 (second session) before that day's changes to the search, and
    # measured on the version before (blind17: 0.951 / 0.974 / 0.027 / 0.912, on screen
    # 0.988; blind18: 0.915 / 0.949 / 0.014 / 0.971, 0.960) and after them. blind17's
    # questions (not the engine's answers) were printed once in a format check; blind18's
    # never. Failures of neither read.
    "eval-blind17.jsonl": {
        "top1": 0.92,
        "shown": 0.95,
        "on_screen": 0.95,
        "wrong_answered": 0.046,
        "oos_not_answered": 0.85,
    },
    "eval-blind18.jsonl": {
        "top1": 0.89,
        "shown": 0.92,
        "on_screen": 0.94,
        "wrong_answered": 0.034,
        "oos_not_answered": 0.93,
    },
    # Frozen on 2026-12-04 (third session) and measured once on the search as it stood
    # (blind19: 0.970 / 0.982 / 0.027 / 0.931, on screen 0.994; blind20, posts written
    # the way forums, chats and Q&A columns read: 0.928 / 0.950 / 0.092 / 0.790, on
    # screen 0.987). Questions never printed here, failures never read.
    "eval-blind19.jsonl": {
        "top1": 0.94,
        "shown": 0.95,
        "on_screen": 0.96,
        "wrong_answered": 0.047,
        "oos_not_answered": 0.89,
    },
    "eval-blind20.jsonl": {
        "top1": 0.89,
        "shown": 0.92,
        "on_screen": 0.95,
        "wrong_answered": 0.112,
        "oos_not_answered": 0.75,
    },
    # Frozen on 2026-12-04 (third session) and measured once on the search as it stood:
    # 0.622 / 0.756 / 0.222 / 0.750, on screen 0.822. Failures never read.
    "eval-real12.jsonl": {
        "top1": 0.56,
        "shown": 0.69,
        "on_screen": 0.76,
        "wrong_answered": 0.292,
        "oos_not_answered": 0.63,
    },
}
# Where the frozen sets must get to (issue 8); printed by the gate test, not asserted.
BLIND_TARGET = {"top1": 0.90, "wrong_answered": 0.05, "oos_not_answered": 0.90}
REAL_TARGET = {"top1": 0.65, "shown": 0.85}
# Frozen set → the fewest questions it must hold (the real sets are small: the stored
# pages held few questions people asked in public, see docs/search.md).
FROZEN = {
    "eval-blind.jsonl": 300,
    "eval-blind2.jsonl": 300,
    "eval-blind3.jsonl": 300,
    "eval-blind4.jsonl": 300,
    "eval-blind5.jsonl": 500,
    "eval-blind6.jsonl": 500,
    "eval-blind7.jsonl": 600,
    # Frozen on 2026-12-02 (second day), before the change they measure: two more
    # authors (360 questions each, those already in another set dropped) and two
    # collectors (77 real questions; 62 of them are one chat digest's questions, which
    # a language model condensed from the chat, see docs/search.md).
    "eval-blind8.jsonl": 300,
    "eval-blind9.jsonl": 300,
    # Frozen on 2026-12-02 before the change after 653ace9: two more authors (360 each,
    # those already in another set dropped).
    "eval-blind10.jsonl": 300,
    "eval-blind11.jsonl": 300,
    # Frozen on 2026-12-02 (evening) before the fifth round: an eighth author (360,
    # those already in another set dropped) and two collectors (72 and 72 real questions;
    # 56 of them new questions from the Serbia visa digest, whose tool condenses the chat).
    "eval-blind12.jsonl": 300,
    "eval-real7.jsonl": 70,
    "eval-real8.jsonl": 65,
    # Frozen on 2026-12-03 after the fifth round, with no change to the engine to follow:
    # a ninth author (360, those already in another set or an article dropped), to measure
    # what ships once.
    "eval-blind13.jsonl": 300,
    # Frozen on 2026-12-03 with blind13: a collector who never saw the bot found 66 real
    # questions, 35 of which earlier collectors had already put in real … real8; the 31
    # new ones are kept: 18 about blocking and VPNs, 6 about paying from Russia, 3 out
    # of scope; too narrow to stand for real questions in general.
    "eval-real9.jsonl": 30,
    # Frozen on 2026-12-04: a tenth author (436 questions, the 76 already in another set
    # dropped) and a collector (111 real questions from 91 pages, none in an earlier set;
    # many are the question headings of FAQ pages and Q&A columns, 23 of the 36 out of
    # scope come from the Serbia visa digest).
    "eval-blind14.jsonl": 340,
    "eval-real10.jsonl": 100,
    # Frozen on 2026-12-04 before training on real questions: an eleventh author (495,
    # the 25 already in another set dropped) and a collector (101 real questions, 4
    # already in another set dropped, from pages no earlier collector used and at most 15
    # per site; 37 are about VPNs and blocking, many asked from inside Russia).
    "eval-blind15.jsonl": 450,
    "eval-real11.jsonl": 90,
    # Frozen after this version was final, to measure what ships once.
    "eval-blind16.jsonl": 340,
    # Frozen on 2026-12-04 (second session) before any change to the search that day: a
    # thirteenth author (480 questions, the 76 already in another set dropped).
    "eval-blind17.jsonl": 380,
    # Frozen on 2026-12-04 with blind17, still before any change to the search that day:
    # a fourteenth author (494 questions, the 50 already in another set dropped). Its
    # questions were never printed here (blind17's were, once, in a check; see
    # docs/search.md).
    "eval-blind18.jsonl": 420,
    # Frozen on 2026-12-04 (third session): a fifteenth author (449 questions, the 61
    # already in another set dropped) and a sixteenth, who wrote forum posts, chat lines
    # and letters to Q&A columns, a fifth of them out of scope (400, one dropped).
    "eval-blind19.jsonl": 360,
    "eval-blind20.jsonl": 380,
    # With them, a collector (57 real questions from 43 pages no earlier collector used;
    # 40 from a Serbia chat digest on GitHub, which rewords the chat; 21 about Schengen).
    "eval-real12.jsonl": 55,
}
TARGETS: dict[str, dict[str, float]] = {
    name: REAL_TARGET if "real" in name else BLIND_TARGET for name in FROZEN
}
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


@pytest.mark.parametrize("name", sorted(FROZEN))
def test_frozen_sets_are_well_formed(name: str) -> None:
    """Frozen sets are never edited to fit the engine; they must stay valid as written."""
    cases = read_cases(HERE / name)
    library = load_shipped_library()
    assert len(cases) >= FROZEN[name]
    for case in cases:
        assert all(aid in library.articles for aid in case.expected), case


def test_on_screen_counts_every_button_but_is_never_shown() -> None:
    from bot.search.engine import Answer, Hit
    from bot.search.evaluation import Case, Outcome, figures

    hits = (Hit("a", 9.0), Hit("b", 6.0), Hit("c", 1.0))
    asked = Case("q", "en", ("b",), "plain")
    outcomes = [
        Outcome(asked, Answer("en", hits, "answer")),  # b is a 🔎 button under a
        Outcome(asked, Answer("en", hits, "none", nearest=("a", "b"))),  # closest topic
        Outcome(asked, Answer("en", hits, "none")),  # declined, nothing offered
        Outcome(asked, Answer("en", hits, "choices", choices=("a", "b"))),
        Outcome(Case("q", "en", ("c",), "plain"), Answer("en", hits, "answer")),  # too weak
        Outcome(Case("q", "en", (), "oos"), Answer("en", hits, "none", nearest=("a",))),
    ]
    assert [o.on_screen for o in outcomes] == [True, True, False, True, False, False]
    assert [o.shown for o in outcomes] == [False, False, False, True, False, False]
    result = figures(outcomes)
    assert (result["on_screen"], result["shown"]) == (0.6, 0.2)
    # An out-of-scope question offered the closest topics is still not answered.
    assert result["oos_not_answered"] == 1.0
