"""`python -m bot run`: polling, or a webhook when WEBHOOK_URL is set."""

from __future__ import annotations

import logging
import signal
from urllib.parse import urlparse

from bot.app import build_application, load_library, require_secret
from bot.core.config import Settings
from bot.registry import ALLOWED_UPDATES

log = logging.getLogger(__name__)


def run(settings: Settings) -> None:
    require_secret(settings)
    library = load_library(settings)
    application = build_application(settings, library=library)
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    if settings.webhook_url:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        path = urlparse(settings.webhook_url).path.lstrip("/")
        log.info("starting in webhook mode on port %d", settings.port)
        application.run_webhook(
            # The container port, published behind a TLS-terminating proxy.
            listen="0.0.0.0",  # noqa: S104  # nosec B104
            port=settings.port,
            url_path=path,
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=ALLOWED_UPDATES,
            stop_signals=stop_signals,
        )
    else:
        log.info("starting in polling mode")
        application.run_polling(allowed_updates=ALLOWED_UPDATES, stop_signals=stop_signals)
    log.info("stopped")
