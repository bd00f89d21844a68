"""Logging that cannot leak: secrets are redacted and HTTP client request lines are muted."""

from __future__ import annotations

import logging
import sys


class RedactingFormatter(logging.Formatter):
    """Replace secrets in the final line, tracebacks included, whatever library wrote it."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "[REDACTED]")
        return text


class QuietNetworkErrors(logging.Filter):
    """A network outage is a one-line event, not a page of traceback from the HTTP stack.

    In PTB 22 BadRequest and Forbidden are NetworkError subclasses too, but they are our
    bugs (bad HTML, a message too long, a wrong button): those keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            from telegram.error import BadRequest, Forbidden, NetworkError

            error = record.exc_info[1]
            if isinstance(error, NetworkError) and not isinstance(error, BadRequest | Forbidden):
                record.msg = f"{record.getMessage()} ({type(error).__name__})"
                record.args = None
                record.exc_info = None
                record.exc_text = None
        return True


def configure_logging(level: str, secrets: list[str]) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    handler.addFilter(QuietNetworkErrors())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and Bot API URLs contain the token.
    for noisy in ("httpx", "httpcore", "apscheduler", "tornado.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # At DEBUG, PTB logs whole updates and API parameters: message text, names, chat ids.
    # Our own modules may go to DEBUG; the library never goes below INFO.
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLevelName(level)))
