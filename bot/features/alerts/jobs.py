"""Start and stop the sender; the change watch and the reminder scan, as plain functions.

``start`` runs in post_init: the sender task and two jobs (new major changes after each
content reload, due reminders at start-up and every hour). Both jobs are idempotent and
catch up on their own: a change is drafted once (``alert_notified``), and a reminder
whose month has come is sent at the first scan after it, however long the bot was down.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application

from bot.core.sending import to_markup
from bot.core.services import Services, services_of
from bot.features.alerts import screens
from bot.features.alerts.changes import ArticleChange, draft_candidates
from bot.features.alerts.reminders import KIND_ARTICLE, this_month
from bot.features.alerts.sender import Sender
from bot.features.alerts.storage import NoticeDraft

log = logging.getLogger(__name__)

AnyApp = Application[Any, Any, Any, Any, Any, Any]


def attach_sender(application: AnyApp) -> Sender:
    services = services_of(application)
    sender = Sender(services, services.alerts.store, application.bot)
    services.alerts.sender = sender
    return sender


async def start(application: AnyApp, *, jobs: bool) -> None:
    """Always make the sender (tests drain it by hand); run it and the jobs when ``jobs``."""
    sender = attach_sender(application)
    if not jobs or application.job_queue is None:
        return
    settings = services_of(application).settings
    sender.start()
    queue = application.job_queue
    queue.run_repeating(
        changes_job, interval=settings.content_poll_seconds, first=1, name="alert-changes"
    )
    queue.run_repeating(
        reminders_job,
        interval=timedelta(seconds=settings.reminder_scan_seconds),
        first=1,
        name="reminders",
    )


async def stop(application: AnyApp) -> None:
    services = services_of(application)
    if services.alerts.sender is not None:
        await services.alerts.sender.stop()


# ---------------------------------------------------------------------- new changes


async def check_changes(application: AnyApp, today: date) -> list[ArticleChange]:
    """Draft each new major change to every admin, once ever; returns the drafted ones."""
    services = services_of(application)
    alerts = services.alerts
    catalog = services.catalog
    if alerts.seen_version == catalog.version:
        return []
    alerts.seen_version = catalog.version
    candidates = {c.key: c for c in draft_candidates(catalog.library, today)}
    if not candidates:
        return []
    # Claimed before sending: a crash between the two loses a draft rather than repeating it;
    # the change still shows in /whatsnew.
    fresh = await alerts.store.claim_changes(candidates, int(today.toordinal()))
    drafted = [candidates[k] for k in fresh]
    for change in drafted:
        count = len(await alerts.store.recipients(change.section))
        screen = screens.draft_screen(catalog, change, count)
        for admin_id in sorted(services.settings.admin_ids):
            try:
                await application.bot.send_message(
                    admin_id, screen.text, reply_markup=to_markup(screen)
                )
            except TelegramError as error:
                log.warning("could not send a draft to an admin: %s", type(error).__name__)
    if drafted:
        log.info("alerts: %d new major change(s) drafted to the admins", len(drafted))
    return drafted


async def changes_job(context: Any) -> None:
    await check_changes(context.application, date.today())


def update_draft(
    services: Services, change: ArticleChange, admin_chat: int, message_id: int
) -> NoticeDraft:
    """The notice Send queues for a change: title and note in each language."""
    article = services.catalog.library.get(change.article_id)
    texts = {}
    for lang in ("ru", "en"):
        tr = services.translators[lang]
        title = article.text(tr.lang).title if article else change.article_id
        texts[lang] = screens.update_text(tr, title, change.note(tr.lang))
    return NoticeDraft(
        kind="update",
        text_ru=texts["ru"],
        text_en=texts["en"],
        silent=True,
        topic=change.section,
        article_id=change.article_id,
        change_key=change.key,
        admin_chat=admin_chat,
        progress_message=message_id,
    )


# ------------------------------------------------------------------------ reminders


async def scan_reminders(application: AnyApp, today: date) -> int:
    """Queue every reminder due by this month (catching up after downtime)."""
    services = services_of(application)
    texts: dict[str, tuple[str, str, str | None]] = {}
    for kind, article_id in KIND_ARTICLE.items():
        ru = screens.reminder_text(services.translators["ru"], kind)
        en = screens.reminder_text(services.translators["en"], kind)
        texts[kind] = (ru, en, article_id)
    queued = await services.alerts.store.queue_due_reminders(this_month(today), texts)
    # One line an hour: says the scan ran (a count, never who).
    log.info("reminder scan: %d due, queued", queued)
    if queued:
        services.alerts.wake()
    return queued


async def reminders_job(context: Any) -> None:
    await scan_reminders(context.application, date.today())
