"""Replies to a free-text question."""

from __future__ import annotations

from bot.content.catalog import Catalog
from bot.core.i18n import Translator
from bot.core.screens import Button, Screen, nav_row
from bot.features.articles.data import article_data
from bot.features.articles.screens import article_screen
from bot.search.engine import Answer

OTHER_MATCH_RATIO = 0.5


def not_found(tr: Translator, catalog: Catalog) -> Screen:
    text = tr.gettext(
        "I could not find a confident answer to this. Try other words, or browse the topics. "
        "If your situation is urgent, these organisations give free help:"
    )
    rows: list[tuple[Button, ...]] = []
    for article_id in ("legal-help", "kovcheg"):
        article = catalog.library.get(article_id)
        if article is not None:
            rows.append((Button(article.text(tr.lang).title, article_data(article_id)),))
    rows.append(nav_row(tr))
    return Screen(text, tuple(rows))


def answer_screen(
    tr: Translator, catalog: Catalog, answer: Answer, country: str | None
) -> Screen | None:
    """The best match with up to three others as buttons, or None when not answered."""
    if not answer.answered or not answer.hits:
        return None
    best, *rest = answer.hits
    # Far weaker matches are noise ("Tbilisi" alone matching a housing article), not help.
    others = [hit.article_id for hit in rest if hit.score >= OTHER_MATCH_RATIO * best.score]
    return article_screen(tr, catalog, best.article_id, 0, country, other_matches=others)
