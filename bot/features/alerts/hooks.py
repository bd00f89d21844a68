"""What other features show of alerts: one button and one /privacy paragraph.

Kept apart from ``screens`` (which uses the articles' section titles) so that the articles
and settings screens can import it without an import cycle.
"""

from __future__ import annotations

from bot.core.i18n import Translator
from bot.core.screens import Button
from bot.features.alerts import data


def alerts_row(tr: Translator) -> tuple[Button, ...]:
    """The button that /settings and the last page of every article show."""
    return (Button(tr.gettext("🔔 Alerts"), data.OPEN),)


def privacy_note(tr: Translator) -> str:
    """/privacy's paragraph about alerts and reminders."""
    return tr.gettext(
        "• Only if you turn on alerts or add a reminder: this chat, encrypted, with the "
        "language and the topics (or the document kind and the month to remind you). "
        "Reminders are deleted once sent; notices waiting to be sent are deleted once "
        "delivered."
    )
