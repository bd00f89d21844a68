"""Builds the Application and owns its life cycle: services up in post_init, down in post_shutdown."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any, cast

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot import registry
from bot.content.catalog import build_catalog
from bot.content.check import check_content
from bot.content.models import Library
from bot.content.reload import ContentWatcher
from bot.core.config import Settings
from bot.core.context import BotApplication, BotContext
from bot.core.health import HEARTBEAT_SECONDS, heartbeat_job
from bot.core.i18n import RU_CLIENT_LANGS, Translators
from bot.core.processor import PerChatUpdateProcessor
from bot.core.ratelimit import RateLimiter
from bot.core.services import SERVICES_KEY, Services, services_of
from bot.core.telegram_request import RetryingRequest
from bot.features.admin.jobs import content_job
from bot.features.alerts import jobs as alerts_jobs
from bot.features.alerts.service import Alerts
from bot.features.alerts.storage import AlertStore
from bot.features.articles.stats import ArticleStats, stats_job
from bot.features.feedback import jobs as feedback_jobs
from bot.features.feedback.service import Feedback
from bot.features.menu.screens import command_list
from bot.features.privacy.jobs import deletion_job
from bot.features.privacy.storage import DeletionQueue
from bot.features.relay import screens as relay_screens
from bot.features.relay.jobs import purge_job
from bot.features.relay.pacer import GroupPacer
from bot.features.relay.service import Relay
from bot.features.relay.storage import RelayStore
from bot.storage import Database, Keys, UserStore

log = logging.getLogger(__name__)

# Console and tests use a token of this shape when there is no real one (not a secret).
OFFLINE_TOKEN = "1:offline"  # noqa: S105  # nosec B105


class StartupError(Exception):
    """A problem that stops start-up, told in one line."""


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    library: Library | None = None,
    jobs_enabled: bool = True,
    rate_limiter: AIORateLimiter | None = None,
) -> BotApplication:
    """The one Application: `run`, and through devtools.offline the tests, console and benchmarks."""
    token = settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN
    secret = require_secret(settings)

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        services = await open_services(settings, secret, library)
        application.bot_data[SERVICES_KEY] = services
        await _register_commands(application, services.translators)
        if jobs_enabled and application.job_queue is not None:
            services.watcher = ContentWatcher(settings.content_dir)
            queue = application.job_queue
            queue.run_repeating(
                content_job,
                interval=settings.content_poll_seconds,
                first=settings.content_poll_seconds,
                name="content",
            )
            queue.run_repeating(
                deletion_job, interval=timedelta(seconds=15), first=1, name="deletions"
            )
            queue.run_repeating(
                heartbeat_job, interval=HEARTBEAT_SECONDS, first=0, name="heartbeat"
            )
            queue.run_repeating(stats_job, interval=timedelta(seconds=60), first=60, name="stats")
            feedback_jobs.schedule(queue)
            queue.run_repeating(purge_job, interval=timedelta(hours=1), first=30, name="relay")
        feedback_jobs.start_metrics(services)
        await alerts_jobs.start(application, jobs=jobs_enabled)
        log.info(
            "bot ready: %d articles, content version %s",
            len(services.catalog.library),
            services.catalog.version,
        )

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
        .concurrent_updates(PerChatUpdateProcessor(settings.max_concurrent_updates))
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
        .post_init(post_init)
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
    registry.register(application, settings.admin_ids, settings.staff_chat_id)
    return application


def require_secret(settings: Settings) -> bytes:
    if settings.secret is None:
        raise StartupError(
            "SECRET_KEY is not set: it keys every pseudonym and sealed chat id. Make one with "
            "`python -m bot new-secret` and pass it as SECRET_KEY or SECRET_KEY_FILE "
            "(keep it off the data volume)"
        )
    return settings.secret


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


async def open_services(
    settings: Settings, secret: bytes, library: Library | None = None
) -> Services:
    """Everything the handlers need, opened once in post_init."""
    catalog = build_catalog(library or load_library(settings), settings.content_dir)
    keys = Keys.for_database(secret, settings.database_path)
    database = await Database.open(settings.database_path, keys)
    translators = Translators()
    relay_screens.set_enabled(settings.relay_enabled, settings.relay_retention_days)
    return Services(
        settings=settings,
        db=database,
        keys=keys,
        users=UserStore(database, keys),
        deletions=DeletionQueue(database, keys),
        stats=ArticleStats(database),
        translators=translators,
        limiter=RateLimiter(settings.rate_limit_per_minute),
        feedback=Feedback(database, keys, settings.question_hold_minutes * 60),
        relay=Relay(
            settings,
            RelayStore(database, keys),
            keys,
            translators,
            GroupPacer(settings.relay_staff_per_minute),
        ),
        catalog=catalog,
        alerts=Alerts(AlertStore(database, keys)),
    )


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    relay_screens.set_enabled(False)
    if SERVICES_KEY not in application.bot_data:
        return
    services = services_of(application)
    await alerts_jobs.stop(application)
    await services.stats.flush()
    await feedback_jobs.stop(services)
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
