"""Settings: language, country of residence, disappearing messages."""

from __future__ import annotations

from html import escape

from bot.content.models import COUNTRIES
from bot.core.i18n import Translator
from bot.core.screens import Button, Screen, nav_row
from bot.features.alerts.hooks import alerts_row
from bot.features.privacy.data import CLEAN, FORGET, PRIVACY
from bot.features.settings import data

# Disappearing-conversation choices offered to the user, in seconds (0 = off).
DISAPPEAR_CHOICES = (0, 3600, 86400)


def settings_screen(
    tr: Translator, country: str | None, disappear_seconds: int | None, note: str | None = None
) -> Screen:
    """``note`` confirms the change just made, above the settings it changed."""
    lines = [escape(note), ""] if note else []
    lines += [tr.gettext("<b>Settings</b>"), ""]
    lines.append(tr.gettext("Language: English"))
    name = tr.country(country) if country else tr.gettext("not set")
    lines.append(tr.gettext("Country: {country}").format(country=escape(name)))
    lines.append(
        tr.gettext("Disappearing messages: {value}").format(
            value=disappear_label(tr, disappear_seconds or 0)
        )
    )
    lines.append("")
    lines.append(
        tr.gettext(
            "Disappearing messages delete my answers and your questions from this chat after "
            "the chosen time — useful before crossing a border where phones are checked."
        )
    )
    rows = (
        (
            Button(tr.gettext("🌐 Language"), data.LANGUAGE),
            Button(tr.gettext("📍 Country"), data.COUNTRY),
        ),
        tuple(
            Button(
                ("✓ " if (disappear_seconds or 0) == s else "") + disappear_label(tr, s),
                data.disappear_data(s),
            )
            for s in DISAPPEAR_CHOICES
        ),
        alerts_row(tr),
        (Button(tr.gettext("🧹 Clean this chat now"), CLEAN),),
        (
            Button(tr.gettext("🔒 Privacy"), PRIVACY),
            Button(tr.gettext("🗑 Delete my data"), FORGET),
        ),
        nav_row(tr),
    )
    return Screen("\n".join(lines), rows)


def disappear_label(tr: Translator, seconds: int) -> str:
    if seconds <= 0:
        return tr.gettext("off")
    hours = seconds // 3600
    if hours % 24 == 0:
        days = hours // 24
        return tr.ngettext("after {n} day", "after {n} days", days).format(n=days)
    return tr.ngettext("after {n} hour", "after {n} hours", hours).format(n=hours)


def language_screen(tr: Translator) -> Screen:
    rows = (
        (Button("Русский", data.lang_data("ru")), Button("English", data.lang_data("en"))),
        nav_row(tr),
    )
    return Screen(tr.gettext("Choose the language of the bot:"), rows)


def country_screen(tr: Translator, current: str | None) -> Screen:
    names = sorted(COUNTRIES, key=lambda code: tr.country(code))
    buttons = [
        Button(("✓ " if code == current else "") + tr.country(code), data.country_data(code))
        for code in names
    ]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 3]) for i in range(0, len(buttons), 3)]
    rows.append((Button(tr.gettext("Not set"), data.country_data(None)),))
    rows.append(nav_row(tr, data.SETTINGS))
    text = tr.gettext(
        "Where do you live now? Articles will show notes for that country first. "
        "This is optional, and /forget deletes it."
    )
    return Screen(text, tuple(rows))


def country_saved(tr: Translator, country: str | None) -> str:
    """A picked country is confirmed in words: the ✓ on a button is easy to miss."""
    if country is None:
        return tr.gettext("Country cleared: articles no longer start with a note for your country.")
    return tr.gettext("Country saved: {country}").format(country=tr.country(country))
