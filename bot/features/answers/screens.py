"""Replies to a free-text question: one screen per kind of answer the search gives.

The search says how sure it is (``Answer.mode``); these screens say the same thing to the
reader, honestly: an article when it is sure, a short list when it is torn between a few,
and a plain "I don't know" with people who can help when it found nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.catalog import Catalog
from bot.content.models import COUNTRIES, HELP_ORGANISATIONS, Article, Lang
from bot.core.i18n import Translator
from bot.core.screens import Button, Screen, nav_row
from bot.features.articles.data import article_data
from bot.features.articles.screens import article_screen
from bot.features.feedback.screens import offer_button, offer_text, vote_row
from bot.features.feedback.scrub import MARKS
from bot.features.menu.screens import main_menu
from bot.features.relay.data import NOT_FOUND_ORIGIN
from bot.features.relay.screens import ask_row
from bot.features.settings.data import country_data
from bot.search.engine import Answer
from bot.search.smalltalk import Smalltalk

MAX_CHOICES = 4


def has_words(text: str) -> bool:
    """False for "👍", "???" or "❤️🙏": there is nothing to search, only a feeling to answer.

    Decided before searching, so a reaction never gets the "no answer found" reply.
    """
    return any(char.isalnum() for char in text)


def contacts_only(stored: str) -> bool:
    """``stored`` (the scrubbed question) held only a link, a phone number, an e-mail or a
    @handle: nothing to search, and nothing an editor could read if it were sent."""
    for mark in MARKS:
        stored = stored.replace(mark, " ")
    return not has_words(stored)


def contacts_reply(tr: Translator) -> Screen:
    note = tr.gettext(
        "I do not open links or look up numbers, e-mails or usernames. Tell me in words what "
        "you want to know."
    )
    return main_menu(tr, note=note)


def wordless_reply(tr: Translator) -> Screen:
    note = tr.gettext(
        "🙂 Whenever you have a question, type it in words — or choose a topic below."
    )
    return main_menu(tr, note=note)


def smalltalk_screen(tr: Translator, kind: Smalltalk) -> Screen:
    """A friendly reply in the interface language; the menu under it is the way back."""
    if kind == "thanks":
        note = tr.gettext("You are welcome! Take care of yourself.")
    elif kind == "about_bot":
        note = tr.gettext(
            "I am a bot, not a person. I answer from checked articles written by volunteers; "
            "each names its sources and the date it was checked. For your own case, the "
            "organisations in “Help and services” can talk to you in person."
        )
    elif kind == "other_language":
        note = tr.gettext(
            "I answer in Russian and English. Please write your question in one of them."
        )
    else:
        note = tr.gettext("Hello! Ask me anything about documents, visas, help or safety.")
    return main_menu(tr, note=note)


def place_screen(tr: Translator, code: str, profile: str | None) -> Screen:
    """A message that is only a country: ask what the reader wants to know about it, and
    offer to make it their country in one tap (the settings' own button), since that is
    what people mean when they type it after "Where do you live now?"."""
    country = tr.country(code)
    text = tr.gettext(
        "You wrote only a place: {country}. What would you like to know? Type your "
        "question in words, for example “how do I get a residence permit there” or “is it "
        "safe there”."
    ).format(country=country)
    rows: tuple[tuple[Button, ...], ...] = ()
    if code == profile:
        text += "\n\n" + tr.gettext("Articles already show notes for {country} first.").format(
            country=country
        )
    elif code in COUNTRIES:
        text += "\n\n" + tr.gettext(
            "If you live there, press 📍 and articles will show notes for {country} first."
        ).format(country=country)
        label = tr.gettext("📍 I live here: {country}").format(country=country)
        rows = ((Button(label, country_data(code)),),)
    menu = main_menu(tr, note=text)
    return Screen(menu.text, (*rows, *menu.rows))


def with_offered(tr: Translator, catalog: Catalog, screen: Screen, answer: Answer) -> Screen:
    """A message in a language we do not serve keeps its kind reply, and gets the
    articles the search found for it as 🔎 buttons: a Ukrainian question about a
    detention is still a detention, and the articles are one tap away."""
    rows = article_rows(tr, catalog, answer.nearest, prefix="🔎 ")
    if not rows:
        return screen
    heading = tr.gettext("🔎 These articles may be about your question:")
    return Screen(f"{screen.text}\n\n{heading}", (*rows, *screen.rows))


def note_country(answer: Answer, article: Article, lang: Lang, profile: str | None) -> str | None:
    """Whose note the page shows first: a country named in the question beats the profile.

    "паспорт в Турции" from someone who lives in Georgia is a question about Turkey. Among
    several named countries the first the article has a note for wins; if it has a note for
    none of them, the first named country is still passed, so no other country's note is
    put above an answer about a place the reader did not ask about.
    """
    if not answer.countries:
        return profile
    notes = article.text(lang).countries
    return next((code for code in answer.countries if code in notes), answer.countries[0])


def answer_screen(
    tr: Translator, catalog: Catalog, answer: Answer, profile_country: str | None
) -> Screen | None:
    """The best article; the search's other matches (``Answer.offered``) as 🔎 buttons.

    None when the search did not answer or the article is gone (a content reload).
    """
    if not answer.answered or not answer.hits:
        return None
    best = answer.hits[0]
    article = catalog.library.get(best.article_id)
    if article is None:
        return None
    country = note_country(answer, article, tr.lang, profile_country)
    return article_screen(tr, catalog, best.article_id, 0, country, other_matches=answer.offered())


def article_rows(
    tr: Translator,
    catalog: Catalog,
    ids: Sequence[str],
    prefix: str = "",
    limit: int | None = None,
) -> list[tuple[Button, ...]]:
    """A button row per article, in order: a content reload can drop an article the search
    or a constant still names, and a dead button (or the same one twice) helps nobody."""
    rows: list[tuple[Button, ...]] = []
    for article_id in dict.fromkeys(ids):
        article = catalog.library.get(article_id)
        if article is not None and (limit is None or len(rows) < limit):
            rows.append((Button(prefix + article.text(tr.lang).title, article_data(article_id)),))
    return rows


def choices_screen(tr: Translator, catalog: Catalog, choices: Sequence[str]) -> Screen | None:
    """ "Did you mean": the candidates as buttons, and no pretence of knowing which one.

    A list that holds none of what the person needs must not be a dead end: 👎 leads to
    "it did not answer my question", and (relay on) a person is one tap away, as on the
    "no answer" screen. That is why the fit may show a list where it is less sure.
    """
    rows = article_rows(tr, catalog, choices, limit=MAX_CHOICES)
    if not rows:
        return None
    rows.append(vote_row(tr, None))
    rows.extend(ask_row(tr, NOT_FOUND_ORIGIN))
    rows.append(nav_row(tr))
    return Screen(tr.gettext("I am not sure which of these you need:"), tuple(rows))


def not_found(
    tr: Translator,
    catalog: Catalog,
    question: str | None = None,
    nearest: Sequence[str] = (),
) -> Screen:
    """Says plainly there is no answer, and offers people instead of a guess.

    With ``question`` (as it would be stored), it also offers to send it to the editors.
    ``nearest`` (the search's closest articles) come last as 🔎 buttons, named for what
    they are: real questions are often a detail next to an article, and a tap to it is
    better than a dead end, but it is not an answer, so the text says none was found.
    """
    text = tr.gettext(
        "I found no answer to this in my articles. Try asking in other words, or browse the "
        "topics from the menu. These organisations give free help and can answer what I "
        "cannot:"
    )
    rows: list[tuple[Button, ...]] = []
    if question:
        text = f"{text}\n\n{offer_text(tr, question)}"
        rows.append((offer_button(tr),))
    rows += article_rows(tr, catalog, HELP_ORGANISATIONS)
    others = [article_id for article_id in nearest if article_id not in HELP_ORGANISATIONS]
    closest = article_rows(tr, catalog, others, prefix="🔎 ")
    if closest:
        text = f"{text}\n\n" + tr.gettext("🔎 The closest topics I have, in case one helps:")
        rows += closest
    rows.extend(ask_row(tr, NOT_FOUND_ORIGIN))
    rows.append(nav_row(tr))
    return Screen(text, tuple(rows))


def reply_to(
    tr: Translator,
    catalog: Catalog,
    answer: Answer,
    profile_country: str | None,
    question: str | None = None,
) -> tuple[Screen, str | None]:
    """The screen for a search answer, and the id of the article it opens (for the stats)."""
    if answer.smalltalk == "place" and answer.countries:
        return place_screen(tr, answer.countries[0], profile_country), None
    if answer.smalltalk is not None:
        return with_offered(tr, catalog, smalltalk_screen(tr, answer.smalltalk), answer), None
    if answer.mode == "answer":
        screen = answer_screen(tr, catalog, answer, profile_country)
        if screen is not None:
            return screen, answer.hits[0].article_id
    elif answer.mode == "choices":
        choices = answer.choices or tuple(hit.article_id for hit in answer.hits)
        screen = choices_screen(tr, catalog, choices)
        if screen is not None:
            return screen, None
    nearest = answer.nearest if answer.mode == "none" else ()
    return not_found(tr, catalog, question, nearest), None
