"""What alerts and reminders look like: subscriptions, notices, /whatsnew, /remind.

Plain functions of a translator and data, tested without Telegram. Admin screens (drafts,
the /broadcast preview, progress) are in English without translation, like /stats.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.content.catalog import Catalog
from bot.content.models import Lang
from bot.core.i18n import Translator
from bot.core.screens import Button, Screen, nav_row
from bot.features.alerts import data
from bot.features.alerts.changes import ArticleChange
from bot.features.alerts.reminders import EXPIRED_ARTICLE, KIND_ARTICLE, split_month
from bot.features.alerts.storage import MAX_REMINDERS, URGENT, Notice, Reminder, Subscription
from bot.features.articles.data import article_data
from bot.features.articles.screens import section_title

# ------------------------------------------------------------------------ subscriptions


def topic_title(tr: Translator, topic: str) -> str:
    if topic == URGENT:
        return tr.gettext("🚨 Urgent alerts")
    return section_title(tr, topic)


def alerts_screen(tr: Translator, sub: Subscription | None, note: str | None = None) -> Screen:
    on = sub.topics if sub else frozenset()
    lines = [escape(note), ""] if note else []
    lines.append(tr.gettext("<b>Alerts</b>"))
    lines.append("")
    lines.append(
        tr.gettext(
            "I can tell you when an article of a section changes in an important way, and send "
            "urgent alerts (new rules that hit people who left). Nothing is on until you turn "
            "it on; turning alerts on is the only thing that makes me keep a way to write to "
            "you (this chat, encrypted). Update notices arrive silently; urgent alerts ring."
        )
    )
    lines.append("")
    if on:
        names = ", ".join(topic_title(tr, t) for t in data.TOPICS if t in on)
        lines.append(tr.gettext("On: {topics}").format(topics=escape(names)))
    else:
        lines.append(tr.gettext("All alerts are off."))
    buttons = [
        Button(("✓ " if t in on else "") + topic_title(tr, t), data.toggle(t)) for t in data.TOPICS
    ]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, 6, 2)]
    rows.append((buttons[6],))
    rows.append((Button(tr.gettext("⏰ Document reminders"), data.REMINDERS),))
    rows.append(nav_row(tr))
    return Screen("\n".join(lines), tuple(rows))


def toggled_note(tr: Translator, topic: str, on: bool) -> str:
    name = topic_title(tr, topic)
    if on:
        return tr.gettext("Turned on: {topic}").format(topic=name)
    return tr.gettext("Turned off: {topic}").format(topic=name)


def unsubscribed(tr: Translator, topic: str) -> str:
    return tr.gettext("You will no longer get: {topic}").format(topic=topic_title(tr, topic))


# ------------------------------------------------------------------------------ notices


def update_text(tr: Translator, title: str, note: str) -> str:
    head = tr.gettext("🔔 Article updated: {title}").format(title=title)
    return f"<b>{escape(head)}</b>\n\n{escape(note)}"


def urgent_text(tr: Translator, text: str) -> str:
    head = tr.gettext("🚨 Urgent")
    return f"<b>{escape(head)}</b>\n\n{escape(text)}"


def reminder_text(tr: Translator, kind: str) -> str:
    texts = {
        "fp": tr.gettext(
            "⏰ Reminder: your foreign passport expires in a few months. Abroad, a new one "
            "takes time — start now."
        ),
        "ip": tr.gettext(
            "⏰ Reminder: your internal passport needs replacing soon. Check what can be done "
            "from abroad."
        ),
        "rp": tr.gettext(
            "⏰ Reminder: your residence permit expires in a few months. Extensions often "
            "must be filed well ahead."
        ),
        "vi": tr.gettext(
            "⏰ Reminder: your visa expires in a few months. Plan the next step before it does."
        ),
    }
    return texts.get(kind, "")


def kind_title(tr: Translator, kind: str) -> str:
    titles = {
        "fp": tr.gettext("Foreign passport"),
        "ip": tr.gettext("Internal passport"),
        "rp": tr.gettext("Residence permit"),
        "vi": tr.gettext("Visa"),
    }
    return titles.get(kind, kind)


def notice_screen(tr: Translator, catalog: Catalog, notice: Notice, lang: Lang) -> Screen:
    """Every notice carries a way out (Unsubscribe) and, when it has one, its article."""
    rows: list[tuple[Button, ...]] = []
    article_id = notice.article_id
    if article_id is not None and catalog.library.get(article_id) is not None:
        rows.append((Button(tr.gettext("📖 Open article"), article_data(article_id)),))
    if notice.kind == "reminder":
        rows.append((Button(tr.gettext("⏰ My reminders"), data.REMINDERS),))
    elif notice.topic in data.TOPICS:
        rows.append((Button(tr.gettext("🔕 Unsubscribe"), data.unsubscribe(notice.topic)),))
    return Screen(notice.text(lang), tuple(rows))


def progress_text(tr: Translator, notice: Notice, *, final: bool) -> str:
    """For the admin who pressed Send (English, like the other admin messages)."""
    what = {"update": "Update notice", "urgent": "Urgent alert", "reminder": "Reminders"}[
        notice.kind
    ]
    counts = (
        f"sent {notice.sent}, blocked {notice.blocked}, failed {notice.failed} of {notice.total}"
    )
    if not final:
        return f"{what}: sending… {counts}"
    end = notice.finished_at or notice.created_at
    seconds = max(end - notice.created_at, 0.0)
    return f"{what}: done — {counts}; took {seconds:.0f} s"


def draft_screen(catalog: Catalog, change: ArticleChange, subscribers: int) -> Screen:
    """For admins: a major change, the notes, and Send/Discard."""
    article = catalog.library.get(change.article_id)
    title = article.text("en").title if article else change.article_id
    text = (
        f"<b>Draft update notice</b> ({escape(change.section)}, {subscribers} subscribers now)\n"
        f"<b>{escape(title)}</b> — {change.day.isoformat()}\n\n"
        f"RU: {escape(change.note('ru'))}\nEN: {escape(change.note('en'))}"
    )
    rows = (
        (
            Button("Send", data.draft_send(change.article_id, change.compact_day)),
            Button("Discard", data.draft_discard(change.article_id, change.compact_day)),
        ),
        (Button("Open article", article_data(change.article_id)),),
    )
    return Screen(text, rows)


def broadcast_preview(text_ru: str, text_en: str, country: str | None, count: int) -> Screen:
    where = f" in {country}" if country else ""
    text = (
        f"<b>Urgent alert preview</b> — {count} recipients{where}\n\n"
        f"RU: {escape(text_ru) if text_ru else '(skipped: Russian readers get the English text)'}\n\n"
        f"EN: {escape(text_en) if text_en else '(skipped: English readers get the Russian text)'}"
    )
    rows = ((Button("Send", data.BROADCAST_SEND), Button("Cancel", data.BROADCAST_CANCEL)),)
    return Screen(text, rows)


# ---------------------------------------------------------------------------- whatsnew


def whatsnew_screen(tr: Translator, catalog: Catalog, changes: Sequence[ArticleChange]) -> Screen:
    if not changes:
        return Screen(
            tr.gettext("No important changes in the last 30 days."),
            ((Button(tr.gettext("🔔 Alerts"), data.OPEN),), nav_row(tr)),
        )
    lines = [tr.gettext("<b>What changed in the last 30 days</b>"), ""]
    rows: list[tuple[Button, ...]] = []
    for change in changes[:15]:
        article = catalog.library.get(change.article_id)
        if article is None:
            continue
        title = article.text(tr.lang).title
        lines.append(
            f"<b>{escape(tr.date(change.day))}</b> — {escape(title)}: "
            f"{escape(change.note(tr.lang))}"
        )
        if len(rows) < 8:
            rows.append((Button(title, article_data(change.article_id)),))
    rows.append((Button(tr.gettext("🔔 Alerts"), data.OPEN),))
    rows.append(nav_row(tr))
    return Screen("\n".join(lines), tuple(rows))


# --------------------------------------------------------------------------- reminders


def month_name(tr: Translator, month: int) -> str:
    names = tr.locale.months["stand-alone"]["wide"]
    return str(names[month])


def reminders_screen(
    tr: Translator, reminders: Sequence[Reminder], note: str | None = None
) -> Screen:
    lines = [escape(note), ""] if note else []
    lines.append(tr.gettext("<b>Document reminders</b>"))
    lines.append("")
    lines.append(
        tr.gettext(
            "I can remind you before a document expires, while renewing it abroad is still "
            "possible. I keep only the kind of document and the month to remind you — no "
            "date, no number. Up to five reminders."
        )
    )
    rows: list[tuple[Button, ...]] = []
    if reminders:
        lines.append("")
        for r in reminders:
            year, month = split_month(r.remind_month)
            when = f"{month_name(tr, month)} {year}"
            label = tr.gettext("{document}: reminder in {month}").format(
                document=kind_title(tr, r.kind), month=when
            )
            lines.append("• " + escape(label))
            rows.append((Button("🗑 " + label, data.reminder_delete(r.id)),))
    if len(reminders) < MAX_REMINDERS:
        rows.append((Button(tr.gettext("➕ Add a reminder"), data.REMINDER_ADD),))
    rows.append(nav_row(tr, data.OPEN))
    return Screen("\n".join(lines), tuple(rows))


def kind_screen(tr: Translator) -> Screen:
    rows = tuple((Button(kind_title(tr, k), data.reminder_kind(k)),) for k in data.KINDS)
    return Screen(tr.gettext("Which document?"), (*rows, nav_row(tr, data.REMINDERS)))


def year_screen(tr: Translator, kind: str, years: Sequence[int]) -> Screen:
    buttons = [Button(str(y), data.reminder_year(kind, y)) for y in years]
    rows = [tuple(buttons[i : i + 4]) for i in range(0, len(buttons), 4)]
    text = tr.gettext("{document}: in which year does it expire?").format(
        document=escape(kind_title(tr, kind))
    )
    expired = EXPIRED_ARTICLE.get(kind)
    if expired is not None:
        label = tr.gettext("⌛ It has already expired")
        rows.append((Button(label, article_data(expired)),))
    return Screen(text, (*rows, nav_row(tr, data.REMINDER_ADD)))


def month_screen(tr: Translator, kind: str, year: int, months: Sequence[int]) -> Screen:
    buttons = [Button(month_name(tr, m), data.reminder_month(kind, year, m)) for m in months]
    rows = [tuple(buttons[i : i + 3]) for i in range(0, len(buttons), 3)]
    text = tr.gettext("{document}: in which month of {year}?").format(
        document=escape(kind_title(tr, kind)), year=year
    )
    return Screen(text, (*rows, nav_row(tr, data.reminder_kind(kind))))


def lead_screen(tr: Translator, kind: str, year: int, month: int) -> Screen:
    buttons = tuple(
        Button(
            tr.ngettext("{n} month before", "{n} months before", lead).format(n=lead),
            data.reminder_lead(kind, year, month, lead),
        )
        for lead in data.LEADS
    )
    text = tr.gettext("How early should I remind you?")
    return Screen(text, (buttons, nav_row(tr, data.reminder_year(kind, year))))


def reminder_saved(tr: Translator, remind_month: int) -> str:
    year, month = split_month(remind_month)
    return tr.gettext("Saved: I will remind you in {month}.").format(
        month=f"{month_name(tr, month)} {year}"
    )


def too_many_reminders(tr: Translator) -> str:
    return tr.gettext("You already have five reminders; delete one first.")


def reminder_deleted(tr: Translator) -> str:
    return tr.gettext("Reminder deleted.")


def reminder_article(kind: str) -> str | None:
    return KIND_ARTICLE.get(kind)
