"""Whatever a user sends, the engine answers without raising and within its contract."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.search import SearchEngine

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.lists(
        st.sampled_from(
            ["паспорт", "visa", "внж", "\u200b", "\u0000", "🙂", "relf", ",tp", "привет", "ё", " "]
        ),
        max_size=40,
    ).map("".join),
)


def check(engine: SearchEngine, text: str, limit: int) -> None:
    answer = engine.search(text, limit=limit)
    assert len(answer.hits) <= max(limit, 0)
    assert all(math.isfinite(h.score) for h in answer.hits)
    assert answer.query_lang in ("ru", "en")
    assert not (answer.answered and not answer.hits)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, limit=st.integers(min_value=-1, max_value=10), country=st.text(max_size=3))
def test_never_raises_and_keeps_the_contract(
    tiny_engine: SearchEngine, text: str, limit: int, country: str
) -> None:
    check(tiny_engine, text, limit)
    tiny_engine.search(text, country=country or None)


def test_ten_thousand_characters(tiny_engine: SearchEngine) -> None:
    check(tiny_engine, "паспорт сербия " * 700, 5)
    check(tiny_engine, "ы" * 10_000, 5)
    check(tiny_engine, "🙂" * 10_000, 5)
    check(tiny_engine, "\u200b" * 10_000, 5)
