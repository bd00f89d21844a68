"""Bot API errors as the emulator raises them.

Transports turn an :class:`ApiError` into Telegram's error envelope, so PTB sees the same
status codes and descriptions it would see from api.telegram.org and raises the same
exceptions (``BadRequest``, ``Forbidden``, ``RetryAfter``, ``NetworkError``...).
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A failed Bot API call: HTTP-like ``code`` plus Telegram's ``description``."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def to_payload(self) -> dict[str, Any]:
        """Return the JSON body Telegram answers with for this error."""
        payload: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            payload["parameters"] = {"retry_after": self.retry_after}
        return payload

    # Factories for the errors bots meet in practice; the wording is Telegram's own, because
    # bots (and PTB) match on it.

    @classmethod
    def bad_request(cls, detail: str) -> ApiError:
        return cls(400, f"Bad Request: {detail}")

    @classmethod
    def not_modified(cls) -> ApiError:
        return cls.bad_request(
            "message is not modified: specified new message content and reply markup are "
            "exactly the same as a current content and reply markup of the message"
        )

    @classmethod
    def blocked(cls) -> ApiError:
        return cls(403, "Forbidden: bot was blocked by the user")

    @classmethod
    def too_many_requests(cls, retry_after: int) -> ApiError:
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)

    @classmethod
    def bad_gateway(cls) -> ApiError:
        return cls(502, "Bad Gateway")

    @classmethod
    def not_found(cls) -> ApiError:
        return cls(404, "Not Found")

    @classmethod
    def unauthorized(cls) -> ApiError:
        return cls(401, "Unauthorized")

    @classmethod
    def conflict(cls, detail: str) -> ApiError:
        return cls(409, f"Conflict: {detail}")
