"""Run pip-audit on the pinned runtime dependencies, offline-safe.

A found vulnerability fails the build. An unreachable vulnerability database does not:
CI machines may have no route to it, and that says nothing about our dependencies.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def main() -> int:
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
        print("pip-audit: vulnerability database did not answer in time; skipped (not a failure)")
        return 0
    output = result.stdout + result.stderr
    if result.returncode == 0:
        print("pip-audit: no known vulnerabilities in requirements.lock")
        return 0
    if "known vulnerabilit" in output.lower():
        print(output)
        print("pip-audit: vulnerable dependencies found", file=sys.stderr)
        return 1
    if any(marker in output for marker in UNREACHABLE):
        print("pip-audit: vulnerability database unreachable; skipped (not a failure)")
        return 0
    print(output)
    print("pip-audit failed for an unknown reason", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
