"""Health and metrics in Prometheus' text format, on localhost only, off by default.

Labels are closed sets (update kinds, exception class names, search modes, outcomes,
ticket statuses): no label can carry a user id, a chat, a name or any text a user typed.
The outbox and ticket gauges are counts read from the database by ``refresh`` (a job runs it
every half minute), never per user.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING
from wsgiref.simple_server import WSGIServer

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    generate_latest,
    start_http_server,
)

if TYPE_CHECKING:
    from bot.core.services import Services

log = logging.getLogger(__name__)

UPDATE_KINDS = frozenset(
    {"message", "edited_message", "callback_query", "inline_query", "channel_post", "other"}
)
# The search outcomes the editors' stats count ("closest": declined, closest topics offered).
SEARCH_MODES = frozenset({"answer", "choices", "none", "closest", "smalltalk"})
SEND_OUTCOMES = ("sent", "blocked", "failed")
TICKET_STATUSES = ("open", "closed")


class Metrics:
    """One registry per Application, so in-process tests never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._updates = Counter(
            "bot_updates_handled", "Updates handled, by kind", ["kind"], registry=self.registry
        )
        self._errors = Counter(
            "bot_errors", "Errors in handlers, by exception class", ["kind"], registry=self.registry
        )
        self._modes = Counter(
            "bot_search_answers",
            "Free-text questions, by search outcome (closest: no answer, closest topics offered)",
            ["mode"],
            registry=self.registry,
        )
        self._votes = Counter(
            "bot_feedback_votes", "Helpful / not helpful presses", ["vote"], registry=self.registry
        )
        self._alerts_sent = Counter(
            "bot_alerts_sent",
            "Messages the alerts sender settled, by outcome (rate() of sent is its send rate)",
            ["outcome"],
            registry=self.registry,
        )
        self._outbox = Gauge(
            "bot_outbox_queued", "Deliveries waiting in the alerts outbox", registry=self.registry
        )
        self._tickets = Gauge(
            "bot_relay_tickets", "Relay tickets, by status", ["status"], registry=self.registry
        )
        for outcome in SEND_OUTCOMES:
            self._alerts_sent.labels(outcome)
        for status in TICKET_STATUSES:
            self._tickets.labels(status)
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    def update(self, kind: str) -> None:
        self._updates.labels(kind if kind in UPDATE_KINDS else "other").inc()

    def error(self, error: BaseException | None) -> None:
        # Class names are code, not data; an unknown one is still just a name like "KeyError".
        name = type(error).__name__ if error is not None else "None"
        self._errors.labels(name if name.isidentifier() else "other").inc()

    def search(self, mode: str) -> None:
        self._modes.labels(mode if mode in SEARCH_MODES else "none").inc()

    def vote(self, vote: str) -> None:
        self._votes.labels("up" if vote == "up" else "down").inc()

    def alert_sent(self, outcome: str) -> None:
        self._alerts_sent.labels(outcome if outcome in SEND_OUTCOMES else "failed").inc()

    async def refresh(self, services: Services) -> None:
        """Read the outbox length and the ticket counts (aggregates) into the gauges."""
        self._outbox.set(await services.alerts.store.queued())
        for status, count in (await services.relay.store.status_counts()).items():
            self._tickets.labels(status).set(count)

    def text(self) -> bytes:
        return generate_latest(self.registry)

    def serve(self, port: int) -> int:
        """Listen on 127.0.0.1 only; returns the port (useful with port 0 in tests)."""
        self._server, self._thread = start_http_server(
            port, addr="127.0.0.1", registry=self.registry
        )
        bound = int(self._server.server_address[1])
        log.info("metrics on http://127.0.0.1:%d/metrics", bound)
        return bound

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
