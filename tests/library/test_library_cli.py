"""The command functions behind ``python -m bot content check|export``."""

from __future__ import annotations

import io
import json

from bot.content.cli import run_check, run_export
from tests.library.content_fixture import TODAY, ContentDir


def test_check_clean_library(content: ContentDir) -> None:
    out = io.StringIO()
    assert run_check(content.root, TODAY, out) == 0
    assert out.getvalue() == "3 articles in 2 languages: 0 errors, 0 warnings\n"


def test_check_prints_problems_then_summary(content: ContentDir) -> None:
    content.replace("visa-run.en.md", "section: visas", "section: nowhere")
    content.replace("legal-aid.ru.md", "reviewed: 2026-05-01", "reviewed: 2025-01-01")
    out = io.StringIO()
    assert run_check(content.root, TODAY, out) == 1
    lines = out.getvalue().splitlines()
    section_line = content.line_of("visa-run.en.md", "section:")
    reviewed_line = content.line_of("legal-aid.ru.md", "reviewed:")
    assert lines[0].startswith(f"{content.path('legal-aid.ru.md')}:{reviewed_line}: warning: ")
    assert lines[1].startswith(f"{content.path('visa-run.en.md')}:{section_line}: error: section:")
    assert lines[-1] == "3 articles in 2 languages: 1 error, 1 warning"


def test_check_warnings_only_exit_zero(content: ContentDir) -> None:
    content.replace("legal-aid.ru.md", "reviewed: 2026-05-01", "reviewed: 2025-01-01")
    assert run_check(content.root, TODAY, io.StringIO()) == 0


def test_export_writes_json(content: ContentDir) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_export(content.root, out, today=TODAY, err=err) == 0
    records = json.loads(out.getvalue())
    assert len(records) == 6
    assert "Вид на жительство" in out.getvalue()  # ensure_ascii=False
    assert out.getvalue().startswith('[\n  {\n    "id": "residence-permit"')
    assert err.getvalue() == ""


def test_export_refuses_broken_library(content: ContentDir) -> None:
    content.replace("visa-run.en.md", "section: visas", "section: nowhere")
    out, err = io.StringIO(), io.StringIO()
    assert run_export(content.root, out, today=TODAY, err=err) == 1
    assert out.getvalue() == ""
    assert "visa-run.en.md" in err.getvalue()
    assert "1 error" in err.getvalue()
