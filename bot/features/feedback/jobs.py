"""The feature's jobs: flush counts, purge old texts, the weekly digest; the metrics server
and the job that refreshes its outbox and ticket gauges."""

from __future__ import annotations

import logging
from datetime import date, time, timedelta
from typing import Any

from telegram.error import TelegramError
from telegram.ext import JobQueue

from bot.core.services import Services, services_of

log = logging.getLogger(__name__)

# Monday, 09:00 UTC (PTB counts days from Sunday = 0).
DIGEST_DAYS = (1,)
DIGEST_TIME = time(9, 0)


def schedule(queue: JobQueue[Any]) -> None:
    queue.run_repeating(flush_job, interval=timedelta(seconds=60), first=60, name="feedback-flush")
    queue.run_repeating(purge_job, interval=timedelta(hours=6), first=30, name="feedback-purge")
    queue.run_repeating(
        metrics_job, interval=timedelta(seconds=30), first=1, name="feedback-metrics"
    )
    queue.run_daily(digest_job, time=DIGEST_TIME, days=DIGEST_DAYS, name="feedback-digest")


def start_metrics(services: Services) -> None:
    port = services.settings.metrics_port
    if port is not None:
        services.feedback.metrics.serve(port)


async def stop(services: Services) -> None:
    services.feedback.metrics.stop()
    await services.feedback.store.flush()


async def flush_job(context: Any) -> None:
    await services_of(context.application).feedback.store.flush()


async def metrics_job(context: Any) -> None:
    services = services_of(context.application)
    if services.settings.metrics_port is not None:
        await services.feedback.metrics.refresh(services)


async def purge(services: Services, today: date) -> int:
    """Texts (notes, consented questions) older than FEEDBACK_KEEP_DAYS go."""
    before = today - timedelta(days=services.settings.feedback_keep_days)
    removed = await services.feedback.store.purge(before)
    if removed:
        log.info("feedback: purged %d texts older than %s", removed, before.isoformat())
    return removed


async def purge_job(context: Any) -> None:
    await purge(services_of(context.application), date.today())


def digest_chats(services: Services) -> list[int]:
    """The staff group when STAFF_CHAT_ID is set, else each admin."""
    staff = services.settings.staff_chat_id
    if staff is not None:
        return [staff]
    return sorted(services.settings.admin_ids)


async def digest_job(context: Any) -> None:
    from bot.features.feedback.report import build_report, report_html

    services = services_of(context.application)
    report = await build_report(services, 7, date.today())
    text = report_html(report, title="Weekly digest")
    for chat_id in digest_chats(services):
        try:
            await context.bot.send_message(chat_id, text)
        except TelegramError as error:
            log.warning("digest not delivered: %s", type(error).__name__)
