from __future__ import annotations

from pathlib import Path

import pytest

from tests.library.content_fixture import ContentDir


@pytest.fixture
def content(tmp_path: Path) -> ContentDir:
    """A valid three-article library in both languages."""
    return ContentDir(tmp_path / "content").write_valid_library()
