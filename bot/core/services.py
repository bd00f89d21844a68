"""Long-lived services shared by all handlers, opened once in post_init.

Kept in ``application.bot_data`` under one key and read only through ``services_of`` /
``BotContext.services``: no other module puts anything in bot_data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import Application

from bot.content.catalog import Catalog
from bot.content.reload import ContentWatcher
from bot.core.config import Settings
from bot.core.i18n import Translators
from bot.core.ratelimit import RateLimiter
from bot.features.alerts.service import Alerts
from bot.features.articles.stats import ArticleStats
from bot.features.feedback.service import Feedback
from bot.features.privacy.storage import DeletionQueue
from bot.features.relay.service import Relay
from bot.storage import Database, Keys, UserStore

SERVICES_KEY = "services"


@dataclass
class Services:
    settings: Settings
    db: Database
    keys: Keys
    users: UserStore
    deletions: DeletionQueue
    stats: ArticleStats
    translators: Translators
    limiter: RateLimiter
    feedback: Feedback
    relay: Relay
    # The only field that changes: a content reload swaps in a new catalog whole.
    catalog: Catalog
    alerts: Alerts
    watcher: ContentWatcher | None = None


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    services: Services = application.bot_data[SERVICES_KEY]
    return services
