"""Settings, start-up errors and the command-line entry points."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.config import SettingsError, load_settings
from bot.core.health import beat, check
from bot.features.answers.ask import run_ask

REPO = Path(__file__).resolve().parents[2]


def run_bot(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("BOT_", "WEBHOOK_", "ADMIN_", "PORT", "LOG_", "DATABASE_", "CONTENT_", "SECRET_")
        )
    }
    base.update(PYTHONPATH=str(REPO), CONTENT_DIR=str(REPO / "content"))
    base.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO / "tests",  # no .env here, whatever a developer keeps in the repo root
        env=base,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN"),
        ({"PORT": "eighty"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"ADMIN_IDS": "alice"}, "ADMIN_IDS"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL"),
        ({"BOT_API_URL": "ftp://x"}, "BOT_API_URL"),
        ({"WEBHOOK_URL": "http://insecure.example"}, "WEBHOOK_URL"),
        ({"WEBHOOK_URL": "https://bot.example/hook"}, "WEBHOOK_SECRET"),
    ],
)
def test_bad_setting_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], names: str
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert names in message and "\n" not in message


def test_token_never_in_error_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "12345:secret value with spaces")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert "secret value" not in str(caught.value)


def test_settings_parse_lists_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "1, 2;3")
    monkeypatch.setenv("BOT_API_URL", "http://127.0.0.1:8081/")
    settings = load_settings(_env_file=None)
    assert settings.admin_ids == frozenset({1, 2, 3})
    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert str(settings.database_path) == "data/bot.sqlite3"
    assert "12345" not in repr(load_settings(_env_file=None, bot_token="12345:abcdef"))


def test_run_without_token_explains_botfather_and_console() -> None:
    result = run_bot("run")
    assert result.returncode == 2
    assert "@BotFather" in result.stderr and "make console" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_malformed_setting_prints_one_line() -> None:
    result = run_bot("run", env={"BOT_TOKEN": "123:abcd", "PORT": "x"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_broken_content_stops_with_one_line(tmp_path: Path) -> None:
    result = run_bot(
        "run",
        env={
            "BOT_TOKEN": "123:abcd",
            "CONTENT_DIR": str(tmp_path),
            "BOT_API_URL": "http://127.0.0.1:9",
        },
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


SECRET = "0123456789abcdef0123456789abcdef-test"


def test_run_without_secret_key_says_how_to_make_one() -> None:
    result = run_bot("run", env={"BOT_TOKEN": "123:abcd", "BOT_API_URL": "http://127.0.0.1:9"})
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "new-secret" in result.stderr
    assert "Traceback" not in result.stderr


def test_secret_key_file_is_read_and_a_short_key_refused(tmp_path: Path) -> None:
    short = tmp_path / "short"
    short.write_text("too-short\n", encoding="utf-8")
    result = run_bot("run", env={"BOT_TOKEN": "123:abcd", "SECRET_KEY_FILE": str(short)})
    assert result.returncode == 2 and "at least 32" in result.stderr
    assert "too-short" not in result.stderr
    missing = run_bot("run", env={"BOT_TOKEN": "123:abcd", "SECRET_KEY_FILE": str(tmp_path / "x")})
    assert missing.returncode == 2 and "SECRET_KEY_FILE" in missing.stderr


def test_new_secret_prints_a_usable_key() -> None:
    result = run_bot("new-secret", env={})
    key = result.stdout.strip()
    assert (
        result.returncode == 0
        and len(key) >= 32
        and key != run_bot("new-secret", env={}).stdout.strip()
    )


def test_unreachable_bot_api_is_one_line_without_traceback() -> None:
    result = run_bot(
        "run",
        env={"BOT_TOKEN": "123:abcd", "BOT_API_URL": "http://127.0.0.1:9", "SECRET_KEY": SECRET},
    )
    assert result.returncode == 1
    assert "unreachable" in result.stderr and "Traceback" not in result.stderr
    assert "123:abcd" not in result.stderr


def test_ask_json_format() -> None:
    out = io.StringIO()
    questions = "потерял паспорт в стамбуле\nрецепт борща\n\nhumanitarian visa germany\n"
    code = run_ask(REPO / "content", "ru", as_json=True, stdin=io.StringIO(questions), stdout=out)
    assert code == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 3
    first, borsch, visa = lines
    assert set(first) == {
        "query",
        "lang",
        "mode",
        "answered",
        "results",
        "confidence",
        "choices",
        "also",
        "nearest",
    }
    assert first["answered"] is True and first["results"][0]["id"] == "passport-lost-or-expired"
    assert len(first["results"]) <= 5
    scores = [r["score"] for r in first["results"]]
    assert scores == sorted(scores, reverse=True)
    assert borsch["answered"] is False and borsch["nearest"] == []
    assert visa["results"][0]["id"] == "humanitarian-visa"


def test_ask_command_line() -> None:
    result = run_bot("ask", "--json", "--lang", "en", stdin="lost my passport\n")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    assert record["lang"] == "en" and record["results"]


def test_console_browses_and_asks_offline(tmp_path: Path) -> None:
    # /start, then press 1 (first section), then 1 (first article), ask a question, switch language.
    script = "1\n1\n\n"
    result = run_bot(
        "console", "--lang", "en", stdin=script, env={"DATABASE_PATH": str(tmp_path / "x.sqlite3")}
    )
    assert result.returncode == 0, result.stderr
    assert "Choose a topic" in result.stdout
    assert "[1]" in result.stdout
    assert "Checked:" in result.stdout or "›" in result.stdout
    ru = run_bot("console", "--lang", "ru", stdin="потерял паспорт\n/language\n2\n\n")
    assert ru.returncode == 0, ru.stderr
    assert "Выберите тему" in ru.stdout
    assert "Паспорт" in ru.stdout or "паспорт" in ru.stdout
    assert "Choose a topic" in ru.stdout  # after switching to English
    assert not (tmp_path / "x.sqlite3").exists(), "console keeps no database"


def test_content_check_command() -> None:
    result = run_bot("content", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "28 articles" in result.stdout


def test_content_export_command() -> None:
    result = run_bot("content", "export", "--json")
    assert result.returncode == 0
    records = json.loads(result.stdout)
    assert len(records) == 56
    assert {
        "id",
        "section",
        "lang",
        "title",
        "body",
        "questions",
        "countries",
        "related",
        "sources",
        "reviewed",
    } <= set(records[0])


def test_health(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    assert check(database)[0] is False
    beat(database)
    assert check(database)[0] is True
    assert check(database, now=10**11)[0] is False
    result = run_bot("health", env={"DATABASE_PATH": str(database)})
    assert result.returncode == 0, result.stdout
    stale = run_bot("health", env={"DATABASE_PATH": str(tmp_path / "none.sqlite3")})
    assert stale.returncode == 1


def test_blank_secret_key_in_env_file_lets_the_file_apply(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("f" * 40 + "\n", encoding="utf-8")
    settings = load_settings(_env_file=None, secret_key="", secret_key_file=secret_file)
    assert settings.secret == b"f" * 40
