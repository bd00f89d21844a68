"""A tiny run of the update benchmark's workload: nothing may be lost. Correctness only.

The benchmark's own figures are never asserted (shared CI machines are noisy); what is
checked is what the benchmark reports as "lost": updates without a reply, failed handlers,
pending-deletion rows missing from SQLite and settings that did not stick, including while
the emulator answers sendMessage with 429 and holds calls.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_updates.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_updates", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_updates", module)
    spec.loader.exec_module(module)
    return module


async def test_tiny_workload_loses_nothing(bench: ModuleType, tmp_path: Path) -> None:
    config = bench.Config(
        users=120,
        active=30,
        updates=60,  # per clean phase: 60 sequential, 60 concurrent, then 80 with faults
        fault_updates=80,
        concurrency=8,
        disappearing_share=0.2,
        writer_share=0.2,
        rate_limit_every=8,
        retry_after=1,
        delay_every=4,
        delay=(0.005, 0.01),
        database=tmp_path / "bench.sqlite3",
    )
    result: dict[str, Any] = await bench.run(config)

    phases = result["phases"]
    assert sum(p["updates"] for p in phases.values()) == 200
    for name, phase in phases.items():
        assert (phase["no_reply"], phase["handler_errors"], phase["rows_missing"]) == (0, 0, 0), (
            name,
            phase,
        )
    assert phases["faults"]["injected_429"] >= 1
    assert phases["faults"]["injected_delays"] >= 1
    assert phases["sequential"]["injected_429"] == phases["concurrent"]["injected_429"] == 0
    rows = result["pending_deletion_rows"]
    assert rows["expected"] > 0 and rows["actual"] == rows["expected"]
    assert rows["other_chats"] == 0
    assert result["disappearing_users"] == 6
    assert result["settings_changes"] > 0 and result["settings_wrong"] == 0
    assert result["lost"] == 0


async def test_losses_are_counted(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check itself can fail: rows that are never written and replies that never arrive."""
    from bot.features.privacy.storage import DeletionQueue

    async def forget_to_schedule(*_: object) -> None:
        return None

    monkeypatch.setattr(DeletionQueue, "schedule", forget_to_schedule)
    config = bench.Config(
        users=40,
        active=20,
        updates=30,
        fault_updates=4,
        concurrency=4,
        disappearing_share=0.5,
        writer_share=0.2,
        rate_limit_every=1,  # every sendMessage, retries included: the replies never arrive
        delay_every=0,
        database=tmp_path / "bench.sqlite3",
    )
    result: dict[str, Any] = await bench.run(config)
    phases = result["phases"]
    assert phases["sequential"]["rows_missing"] > 0
    assert phases["sequential"]["no_reply"] == phases["sequential"]["handler_errors"] == 0
    # The seeded workload's four faulty updates include messages, whose replies all get 429.
    assert phases["faults"]["injected_429"] >= 4
    assert phases["faults"]["handler_errors"] + phases["faults"]["no_reply"] > 0
    assert result["pending_deletion_rows"]["actual"] == 0
    assert result["lost"] > 0
