"""Run pip-audit on the pinned runtime dependencies.

A found vulnerability fails. An unreachable vulnerability database fails too: "could not
check" is not "nothing found". Machines that are offline on purpose say so explicitly with
``AUDIT_OFFLINE=1``; then an unreachable database is skipped with a visible notice (a
vulnerability found while the database does answer still fails). Which mode is in force is
printed on every run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OFFLINE_ENV = "AUDIT_OFFLINE"
UNREACHABLE = (
    "ConnectionError",
    "Max retries",
    "Name or service not known",
    "timed out",
    "Temporary failure",
    "Connection refused",
    "HTTPSConnectionPool",
    "NewConnectionError",
)


@dataclass(frozen=True)
class Verdict:
    code: int  # the script's exit status
    message: str
    details: str = ""  # pip-audit's own output, when it helps


def offline_allowed(environ: Mapping[str, str]) -> bool:
    return environ.get(OFFLINE_ENV, "").strip() == "1"


def mode_line(offline: bool) -> str:
    if offline:
        return (
            f"pip-audit mode: {OFFLINE_ENV}=1, an unreachable vulnerability database is "
            "skipped, not checked"
        )
    return (
        "pip-audit mode: online, the vulnerability database must be reachable "
        f"(set {OFFLINE_ENV}=1 on machines that are offline on purpose)"
    )


def decide(returncode: int | None, output: str, *, offline: bool) -> Verdict:
    """What a pip-audit run means; ``returncode`` None: it did not finish in time."""
    if returncode == 0:
        return Verdict(0, "pip-audit: no known vulnerabilities in requirements.lock")
    if returncode is not None and "known vulnerabilit" in output.lower():
        return Verdict(1, "pip-audit: vulnerable dependencies found", output)
    if returncode is None or any(marker in output for marker in UNREACHABLE):
        if offline:
            return Verdict(
                0,
                f"pip-audit skipped: {OFFLINE_ENV}=1 and the vulnerability database is "
                "unreachable; dependencies were NOT checked",
            )
        return Verdict(
            1,
            "pip-audit failed: the vulnerability database is unreachable, so dependencies "
            f"were not checked (set {OFFLINE_ENV}=1 only where that is expected)",
            output,
        )
    return Verdict(1, "pip-audit failed for an unknown reason", output)


def run_pip_audit() -> tuple[int | None, str]:
    audit = Path(sys.executable).parent / "pip-audit"
    command = [
        str(audit),
        "--requirement",
        str(ROOT / "requirements.lock"),
        "--require-hashes",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--timeout",
        "20",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603
    except subprocess.TimeoutExpired:
        return None, "pip-audit did not finish in 180 s (vulnerability database timed out)"
    return result.returncode, result.stdout + result.stderr


def main() -> int:
    offline = offline_allowed(os.environ)
    print(mode_line(offline))
    verdict = decide(*run_pip_audit(), offline=offline)
    if verdict.details:
        print(verdict.details)
    print(verdict.message, file=sys.stderr if verdict.code else sys.stdout)
    return verdict.code


if __name__ == "__main__":
    sys.exit(main())
