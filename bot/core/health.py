"""`python -m bot health`: the container's HEALTHCHECK.

The running bot touches a heartbeat file from a job; if the event loop or the job queue is
stuck the file goes stale and the orchestrator restarts the container.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

HEARTBEAT_SECONDS = 30
STALE_AFTER = 180


def heartbeat_path(database_path: Path) -> Path:
    return database_path.with_suffix(".heartbeat")


def beat(database_path: Path) -> None:
    path = heartbeat_path(database_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(int(time.time())), encoding="ascii")


def check(database_path: Path, now: float | None = None) -> tuple[bool, str]:
    path = heartbeat_path(database_path)
    now = time.time() if now is None else now
    try:
        last = int(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False, f"no heartbeat at {path}"
    age = now - last
    if age > STALE_AFTER:
        return False, f"heartbeat is {age:.0f}s old"
    return True, f"ok, heartbeat {age:.0f}s old"


async def heartbeat_job(context: Any) -> None:
    from bot.core.services import services_of

    beat(services_of(context.application).settings.database_path)
