"""Document-expiry reminders as plain month arithmetic: no day, no date, only year and month.

The bot keeps the month to remind, never the expiry itself: ``remind_month`` is
``year * 100 + month`` of (expiry month − lead months).
"""

from __future__ import annotations

from datetime import date

# The article each kind of document needs when its reminder fires.
KIND_ARTICLE = {
    "fp": "passport-renewal-abroad",
    "ip": "internal-passport",
    "rp": "residence-permit",
    "vi": "visa-free-countries",
}
# A document that has already run out needs an article, not a reminder: the year list
# starts at this year, and a passport that expired last spring is not on it. (No
# article covers an expired visa.)
EXPIRED_ARTICLE = {
    "fp": "passport-lost-or-expired",
    "ip": "internal-passport",
    "rp": "residence-permit",
}
YEARS_AHEAD = 10


def month_number(year: int, month: int) -> int:
    return year * 100 + month


def split_month(value: int) -> tuple[int, int]:
    return value // 100, value % 100


def this_month(today: date) -> int:
    return month_number(today.year, today.month)


def remind_month(expiry_year: int, expiry_month: int, lead_months: int, today: date) -> int:
    """The month to remind in; never before this month (a late reminder fires at once)."""
    index = expiry_year * 12 + (expiry_month - 1) - lead_months
    wanted = month_number(index // 12, index % 12 + 1)
    return max(wanted, this_month(today))


def selectable_years(today: date) -> list[int]:
    return list(range(today.year, today.year + YEARS_AHEAD + 1))


def selectable_months(year: int, today: date) -> list[int]:
    """An expiry month already past is not offered."""
    first = today.month if year == today.year else 1
    return list(range(first, 13))
