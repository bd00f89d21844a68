"""Session-wide guards: no test leaves global logging state behind for the next one."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

WATCHED = ("", "telegram", "httpx", "httpcore", "apscheduler", "tornado.access")


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """configure_logging() changes the root logger; a test at DEBUG must not leak DEBUG on."""
    saved = {name: logging.getLogger(name).level for name in WATCHED}
    handlers = logging.getLogger().handlers[:]
    yield
    root = logging.getLogger()
    root.handlers[:] = handlers
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)
