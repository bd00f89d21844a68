"""The figures admins see in /stats and the weekly digest: aggregates only.

Any count below 5 is shown as "<5" (and so is a percentage of fewer than 5 cases or below
5 %), so that nobody can be singled out by a figure of one or two.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import escape

from bot.core.services import Services
from bot.features.alerts.data import TOPICS
from bot.features.alerts.storage import OutboxState
from bot.features.feedback.gaps import analyzer_for, group_questions
from bot.features.relay.storage import TicketActivity

MIN_SHOWN = 5
TOP = 10


def figure(n: int) -> str:
    return "<5" if n < MIN_SHOWN else str(n)


def percent(part: int, whole: int) -> str:
    """A share of at least 5 cases; "<5" for fewer cases or for less than 5 %."""
    if whole < MIN_SHOWN:
        return "n<5"
    value = round(100 * part / whole)
    return "<5%" if value < MIN_SHOWN else f"{value}%"


def duration(seconds: int) -> str:
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


@dataclass(frozen=True)
class Report:
    days: int
    views: list[tuple[str, int]]
    helpful: list[tuple[str, int, int]]  # article, 👍, 👎
    outcomes: dict[str, int]
    groups: list[tuple[int, str]]  # size, one example
    users_with_settings: int
    tickets: TicketActivity = field(default_factory=lambda: TicketActivity(0, 0, 0, None, None))
    subscribers: dict[str, int] = field(default_factory=dict)  # section -> chats
    outbox: OutboxState = field(default_factory=lambda: OutboxState(0, 0, 0, 0, 0))


async def build_report(services: Services, days: int, today: date) -> Report:
    since = today - timedelta(days=days - 1)
    since_ts = datetime(since.year, since.month, since.day, tzinfo=UTC).timestamp()
    await services.stats.flush()
    store = services.feedback.store
    questions = await store.questions(since)
    pairs = [(q.question, q.considered) for q in questions]
    # Off the event loop: other chats are served while the questions are grouped.
    groups = await asyncio.to_thread(
        lambda: group_questions(analyzer_for(services.settings.content_dir), pairs)
    )
    return Report(
        days=days,
        views=(await services.stats.totals(since))[:TOP],
        helpful=[(v.article_id, v.up, v.down) for v in await store.votes(since)],
        outcomes=await store.outcomes(since),
        groups=[(g.count, g.questions[0]) for g in groups[:5]],
        users_with_settings=await services.users.count(),
        tickets=await services.relay.store.activity(int(since_ts)),
        subscribers=await services.alerts.store.subscribers_by_topic(),
        outbox=await services.alerts.store.outbox_state(since_ts),
    )


def _other_features(report: Report) -> list[str]:
    t, o = report.tickets, report.outbox
    if t.replied < MIN_SHOWN or t.reply_p50 is None or t.reply_p90 is None:
        first_reply = "n<5"
    else:
        first_reply = f"p50 {duration(t.reply_p50)}, p90 {duration(t.reply_p90)}"
    sections = ", ".join(f"{topic} {figure(report.subscribers.get(topic, 0))}" for topic in TOPICS)
    return [
        "",
        f"Ask a person: tickets opened {figure(t.opened)}, closed {figure(t.closed)}",
        f"First reply ({figure(t.replied)} answered): {first_reply}",
        "",
        f"Alert subscribers by section: {sections}",
        f"Outbox: notices pending {figure(o.pending_notices)}; messages sent {figure(o.sent)}, "
        f"blocked {figure(o.blocked)}, failed {figure(o.failed)}; "
        f"deliveries queued {figure(o.queued)}",
    ]


def report_text(report: Report, title: str = "Stats") -> str:
    lines = [f"{title}: the last {report.days} days", ""]
    lines.append(f"Users who changed a setting: {figure(report.users_with_settings)}")
    asked = sum(report.outcomes.values())
    closest = report.outcomes.get("closest", 0)
    unanswered = report.outcomes.get("none", 0) + closest
    unsure = report.outcomes.get("choices", 0)
    lines.append(
        f"Questions: {figure(asked)}; no answer {percent(unanswered, asked)} "
        f"(closest topics offered: {percent(closest, asked)}), "
        f"did-you-mean {percent(unsure, asked)}"
    )
    lines += ["", "Articles read:"]
    lines += [f"{figure(views):>6}  {article_id}" for article_id, views in report.views] or ["  -"]
    lines += ["", "Helpful (👍 share of votes):"]
    ranked = sorted(report.helpful, key=lambda h: -(h[1] + h[2]))[:TOP]
    lines += [
        f"{percent(up, up + down):>6}  {'did-you-mean lists' if a.startswith('*') else a} "
        f"({figure(up + down)} votes)"
        for a, up, down in ranked
    ] or ["  -"]
    lines += ["", "Largest groups of unanswered questions (sent by consent):"]
    shown = [(size, example) for size, example in report.groups if size >= MIN_SHOWN]
    lines += [f"{figure(size):>6}  e.g. {example[:80]}" for size, example in shown] or [
        "  none with 5 or more questions"
    ]
    lines += _other_features(report)
    lines += ["", "Details for editors: python -m bot gaps"]
    return "\n".join(lines)


def report_html(report: Report, title: str = "Stats") -> str:
    return "<pre>" + escape(report_text(report, title)[:3900], quote=False) + "</pre>"
