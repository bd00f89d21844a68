"""Builds the Application and owns its life cycle: services up in post_init, down in post_shutdown."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any, cast

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot import handlers, jobs
from bot.catalog import build_catalog
from bot.config import Settings
from bot.context import BotApplication, BotContext
from bot.handlers.commands import command_list
from bot.health import HEARTBEAT_SECONDS
from bot.i18n import RU_CLIENT_LANGS, Translators
from bot.library.check import check_content
from bot.library.models import Library
from bot.library.reload import ContentWatcher
from bot.services import SERVICES_KEY, RateLimiter, Services
from bot.storage import ArticleStats, Database, DeletionQueue, UserKeys, UserStore
from bot.telegram_request import RetryingRequest

log = logging.getLogger(__name__)

# Console and tests use a token of this shape when there is no real one (not a secret).
JOBS_KEY = "jobs_enabled"
LIBRARY_KEY = "preloaded_library"
OFFLINE_TOKEN = "1:offline"  # noqa: S105  # nosec B105


class StartupError(Exception):
    """A problem that stops start-up, told in one line."""


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    jobs_enabled: bool = True,
) -> BotApplication:
    token = settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN
    builder = (
        Application.builder()
        .token(token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .context_types(ContextTypes(context=BotContext))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(32)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(RetryingRequest(request)).get_updates_request(request)
    else:
        builder = builder.request(
            RetryingRequest(HTTPXRequest(connection_pool_size=16))
        ).get_updates_request(RetryingRequest(HTTPXRequest(read_timeout=40)))
    if not jobs_enabled:
        builder = builder.job_queue(None)  # type: ignore[arg-type]
    application = cast(BotApplication, builder.build())
    application.bot_data["settings"] = settings
    application.bot_data[JOBS_KEY] = jobs_enabled
    handlers.register(application, settings.admin_ids)
    return application


def load_library(settings: Settings) -> Library:
    """The library at start-up; a broken one stops the bot with one line, before any network."""
    report = check_content(settings.content_dir, date.today())
    if report.library is None:
        errors = report.errors
        raise StartupError(
            f"content in {settings.content_dir} has {len(errors)} error(s), first: "
            + (str(errors[0]) if errors else "unknown")
            + " (run: python -m bot content check)"
        )
    return report.library


async def open_services(settings: Settings, library: Library | None = None) -> Services:
    """Everything the handlers need, opened once in post_init."""
    catalog = build_catalog(library or load_library(settings), settings.content_dir)
    database = await Database.open(settings.database_path)
    keys = UserKeys.from_file(settings.database_path.with_suffix(".key"))
    return Services(
        settings=settings,
        db=database,
        keys=keys,
        users=UserStore(database, keys),
        deletions=DeletionQueue(database, keys),
        stats=ArticleStats(database),
        translators=Translators(),
        catalog=catalog,
        limiter=RateLimiter(settings.rate_limit_per_minute),
    )


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    settings: Settings = application.bot_data["settings"]
    if SERVICES_KEY not in application.bot_data:
        library = application.bot_data.pop(LIBRARY_KEY, None)
        application.bot_data[SERVICES_KEY] = await open_services(settings, library)
    services: Services = application.bot_data[SERVICES_KEY]
    await _register_commands(application, services.translators)
    if application.bot_data.get(JOBS_KEY) and application.job_queue is not None:
        application.bot_data[jobs.WATCHER_KEY] = ContentWatcher(settings.content_dir)
        queue = application.job_queue
        queue.run_repeating(
            jobs.content_job,
            interval=settings.content_poll_seconds,
            first=settings.content_poll_seconds,
            name="content",
        )
        queue.run_repeating(
            jobs.deletion_job, interval=timedelta(seconds=15), first=1, name="deletions"
        )
        queue.run_repeating(
            jobs.heartbeat_job, interval=HEARTBEAT_SECONDS, first=0, name="heartbeat"
        )
        queue.run_repeating(jobs.stats_job, interval=timedelta(seconds=60), first=60, name="stats")
    log.info(
        "bot ready: %d articles, content version %s",
        len(services.catalog.library),
        services.catalog.version,
    )


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    services: Services | None = application.bot_data.get(SERVICES_KEY)
    if services is None:
        return
    await services.stats.flush()
    await services.db.close()
    log.info("storage closed cleanly")


async def _register_commands(
    application: Application[Any, Any, Any, Any, Any, Any], translators: Translators
) -> None:
    """Telegram shows each user the command list in their app's language."""
    await application.bot.set_my_commands(command_list(translators["en"]))
    russian = command_list(translators["ru"])
    for code in sorted(RU_CLIENT_LANGS):
        await application.bot.set_my_commands(russian, language_code=code)
