"""scripts/audit.py: an unreachable vulnerability database fails unless AUDIT_OFFLINE=1.

No network: pip-audit's run is replaced by what it prints when the database cannot be
reached.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit.py"
UNREACHABLE_OUTPUT = (
    "ERROR:pip_audit._cli:HTTPSConnectionPool(host='pypi.org', port=443): Max retries "
    "exceeded with url: /pypi/aiosqlite/0.20.0/json (Caused by NewConnectionError(...: "
    "[Errno -3] Temporary failure in name resolution'))"
)


@pytest.fixture
def audit(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "audit_script", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("returncode", [1, None], ids=["connection-error", "timeout"])
def test_unreachable_database_fails_without_the_setting(
    audit: ModuleType, returncode: int | None
) -> None:
    verdict = audit.decide(returncode, UNREACHABLE_OUTPUT, offline=False)
    assert verdict.code == 1
    assert "unreachable" in verdict.message and "AUDIT_OFFLINE=1" in verdict.message


@pytest.mark.parametrize("returncode", [1, None], ids=["connection-error", "timeout"])
def test_unreachable_database_is_skipped_with_a_notice_when_offline(
    audit: ModuleType, returncode: int | None
) -> None:
    verdict = audit.decide(returncode, UNREACHABLE_OUTPUT, offline=True)
    assert verdict.code == 0
    assert verdict.message.startswith("pip-audit skipped: AUDIT_OFFLINE=1")


def test_vulnerabilities_fail_even_offline(audit: ModuleType) -> None:
    found = "Found 1 known vulnerability in 1 package\nName Version ID Fix Versions\n"
    assert audit.decide(1, found, offline=True).code == 1
    assert audit.decide(0, "No known vulnerabilities found", offline=False).code == 0
    assert audit.decide(2, "usage: pip-audit ...", offline=True).code == 1


@pytest.mark.parametrize(
    ("environ", "code", "mode", "last_line"),
    [
        ({}, 1, "pip-audit mode: online", "pip-audit failed: the vulnerability database"),
        ({"AUDIT_OFFLINE": "1"}, 0, "pip-audit mode: AUDIT_OFFLINE=1", "pip-audit skipped:"),
        ({"AUDIT_OFFLINE": "yes"}, 1, "pip-audit mode: online", "pip-audit failed:"),
    ],
)
def test_main_prints_the_choice_it_made(
    audit: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    environ: dict[str, str],
    code: int,
    mode: str,
    last_line: str,
) -> None:
    monkeypatch.delenv("AUDIT_OFFLINE", raising=False)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(audit, "run_pip_audit", lambda: (1, UNREACHABLE_OUTPUT))
    assert audit.main() == code
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).strip().splitlines()
    assert lines[0].startswith(mode)
    assert lines[-1].startswith(last_line)
