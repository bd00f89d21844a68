"""All configuration in one pydantic-settings class, read from the environment and `.env`."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org"


class Settings(BaseSettings):
    """Deployment settings; the token is a SecretStr so that it never shows in reprs or logs."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    bot_token: SecretStr | None = None
    # Keys every pseudonym and sealed chat id; kept off the data volume (env or Docker secret).
    secret_key: SecretStr | None = None
    secret_key_file: Path | None = None
    bot_api_url: str = TELEGRAM_API_URL
    database_path: Path = Path("data/bot.sqlite3")
    content_dir: Path = Path("content")
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8080, ge=1, le=65535)
    log_level: str = "INFO"
    content_poll_seconds: float = Field(default=5.0, gt=0)
    rate_limit_per_minute: int = Field(default=30, ge=1)
    # Updates handled at once across chats; one chat's updates always run one after another.
    max_concurrent_updates: int = Field(default=64, ge=1, le=1024)
    # Feedback: the metrics endpoint on 127.0.0.1 (off when unset), how long consented texts
    # are kept, and how long a question waits in memory for the user's "send".
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    feedback_keep_days: int = Field(default=90, ge=1, le=90)
    question_hold_minutes: float = Field(default=30.0, gt=0, le=1440)
    # Alerts (bot/features/alerts): the sender's share of Telegram's ~30 messages/s, leaving
    # the rest to replies; one message per chat per second; bounded retries.
    alerts_per_second: float = Field(default=25.0, gt=0, le=30)
    alerts_per_chat_seconds: float = Field(default=1.0, ge=0)
    alerts_max_attempts: int = Field(default=5, ge=1, le=50)
    alerts_progress_seconds: float = Field(default=5.0, gt=0)
    reminder_scan_seconds: float = Field(default=3600.0, gt=0)
    # "Ask a person" (bot/features/relay): off unless STAFF_CHAT_ID names a forum supergroup.
    staff_chat_id: int | None = None
    ngo_name: str = Field(default="Kovcheg", min_length=1, max_length=80)
    relay_response_hours: int = Field(default=48, ge=1, le=24 * 30)
    # Working hours in RELAY_TIMEZONE, e.g. "09:00-18:00", on ISO weekdays "1-5" (Mon-Fri).
    relay_hours: str = "10:00-18:00"
    relay_days: str = "1-5"
    relay_timezone: str = "Europe/Berlin"
    relay_retention_days: int = Field(default=90, ge=1, le=3650)
    # Telegram accepts about 20 messages a minute into one group; copies wait their turn.
    relay_staff_per_minute: int = Field(default=20, ge=1, le=60)
    relay_staff_lang: Literal["ru", "en"] = "ru"

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        token = value.get_secret_value().strip()
        head, sep, tail = token.partition(":")
        if not sep or not head.isdigit() or len(tail) < 4 or any(c.isspace() for c in token):
            # The message must not echo the token: the user may paste a real one.
            raise ValueError("does not look like a token from @BotFather (digits:letters)")
        return SecretStr(token)

    @field_validator("secret_key")
    @classmethod
    def _blank_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        """`SECRET_KEY=` left empty in .env means "not set", so SECRET_KEY_FILE can apply."""
        if value is None or not value.get_secret_value().strip():
            return None
        return SecretStr(value.get_secret_value().strip())

    @field_validator("bot_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.removesuffix("/bot")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
            ids = set()
            for part in parts:
                if not part.lstrip("-").isdigit():
                    raise ValueError(f"{part!r} is not a numeric Telegram user id")
                ids.add(int(part))
            return frozenset(ids)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _metrics_off_when_empty(cls, value: object) -> object:
        # `METRICS_PORT=` as in .env.example means off, not a malformed number.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith("https://"):
            raise ValueError("must be an https:// URL (Telegram only calls webhooks over HTTPS)")
        return value

    @field_validator("staff_chat_id")
    @classmethod
    def _staff_chat(cls, value: int | None) -> int | None:
        if value is not None and value >= 0:
            raise ValueError("must be a supergroup id (negative, usually -100...)")
        return value

    @field_validator("relay_hours")
    @classmethod
    def _relay_hours(cls, value: str) -> str:
        parse_hours(value)
        return value.strip()

    @field_validator("relay_days")
    @classmethod
    def _relay_days(cls, value: str) -> str:
        parse_days(value)
        return value.strip()

    @field_validator("relay_timezone")
    @classmethod
    def _relay_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Europe/Berlin") from None
        return value.strip()

    @property
    def relay_enabled(self) -> bool:
        return self.staff_chat_id is not None

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        name = value.strip().upper()
        if name not in logging.getLevelNamesMapping():
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return name

    @model_validator(mode="after")
    def _secret_key(self) -> Settings:
        if self.secret_key is None and self.secret_key_file is not None:
            try:
                text = self.secret_key_file.read_text(encoding="utf-8").strip()
            except OSError as error:
                raise ValueError(
                    f"SECRET_KEY_FILE: cannot read {self.secret_key_file} ({error.strerror})"
                ) from None
            self.secret_key = SecretStr(text)
        if self.secret_key is not None and len(self.secret_key.get_secret_value()) < 32:
            raise ValueError(
                "SECRET_KEY must be at least 32 characters (make one: python -m bot new-secret)"
            )
        return self

    @property
    def secret(self) -> bytes | None:
        return self.secret_key.get_secret_value().encode() if self.secret_key else None

    def log_secrets(self) -> list[str]:
        """Values that must never appear in a log line."""
        values = [self.bot_token, self.webhook_secret, self.secret_key]
        return [v.get_secret_value() for v in values if v is not None]

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError(
                "WEBHOOK_SECRET is required when WEBHOOK_URL is set "
                "(Telegram sends it back so the bot can reject forged requests)"
            )
        if self.webhook_secret:
            secret = self.webhook_secret.get_secret_value()
            ok = 1 <= len(secret) <= 256 and all(c.isalnum() or c in "_-" for c in secret)
            if not ok:
                raise ValueError("WEBHOOK_SECRET: 1-256 characters A-Z, a-z, 0-9, _ and - only")
        return self

    @property
    def base_url(self) -> str:
        return f"{self.bot_api_url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.bot_api_url}/file/bot"


_HOURS = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])", re.ASCII)
_DAYS = re.compile(r"([1-7])(?:-([1-7]))?", re.ASCII)


def parse_hours(value: str) -> tuple[int, int]:
    """ "09:00-18:00" as minutes after midnight (start, end); start before end."""
    match = _HOURS.fullmatch(value.strip())
    if match is None:
        raise ValueError("must look like 09:00-18:00")
    start = int(match[1]) * 60 + int(match[2])
    end = int(match[3]) * 60 + int(match[4])
    if not start < end <= 24 * 60:
        raise ValueError("the start must be before the end, within one day")
    return start, end


def parse_days(value: str) -> frozenset[int]:
    """ "1-5" or "1-5,7": ISO weekdays, Monday = 1."""
    days: set[int] = set()
    for part in value.replace(" ", "").split(","):
        match = _DAYS.fullmatch(part)
        if match is None:
            raise ValueError("must be ISO weekdays such as 1-5 or 1-5,7 (Monday = 1)")
        low, high = int(match[1]), int(match[2] or match[1])
        if low > high:
            raise ValueError("a range of days must go from low to high, such as 1-5")
        days.update(range(low, high + 1))
    return frozenset(days)


class SettingsError(Exception):
    """Raised with a one-line, human message naming the setting that is wrong."""


def describe_validation_error(error: ValidationError) -> str:
    """One line per problem, naming the environment variable, never its value."""
    lines = []
    for item in error.errors():
        loc = ".".join(str(part) for part in item["loc"])
        name = loc.upper() if loc else "settings"
        message = str(item["msg"]).removeprefix("Value error, ")
        lines.append(f"{name}: {message}")
    return "; ".join(lines)


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None
