"""The relay's purge: closed conversations go, rows and topic, after RELAY_RETENTION_DAYS."""

from __future__ import annotations

from typing import Any

from bot.core.services import services_of


async def purge_job(context: Any) -> None:
    application = context.application
    await services_of(application).relay.purge_expired(application.bot)
