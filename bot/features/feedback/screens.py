"""What the user sees of the feedback: the vote row, the follow-ups, the consent screens.

Every text that will be stored is shown here exactly as it will be stored (already
scrubbed), inside a quote, so that consent is given to that text and nothing else.
"""

from __future__ import annotations

from html import escape

from bot.core.i18n import Translator
from bot.core.screens import Button, Screen
from bot.features.feedback import data


def vote_row(tr: Translator, article_id: str | None) -> tuple[Button, ...]:
    """👍/👎 under an article's last page, or (``article_id`` None) a "did you mean" list."""
    return (
        Button(tr.gettext("👍 Helpful"), data.vote_data(article_id, "up")),
        Button(tr.gettext("👎 Not really"), data.vote_data(article_id, "down")),
    )


def follow_up_rows(tr: Translator, article_id: str | None) -> tuple[tuple[Button, ...], ...]:
    """After 👎: what went wrong. A "did you mean" list has no article to correct."""
    rows = [(Button(tr.gettext("It did not answer my question"), data.MISS),)]
    if article_id is not None and article_id != data.CHOICES:
        rows.append(
            (
                Button(
                    tr.gettext("Something here is wrong or outdated"), data.wrong_data(article_id)
                ),
            )
        )
    return tuple(rows)


def quoted(text: str) -> str:
    return f"<blockquote>{escape(text, quote=False)}</blockquote>"


def offer_text(tr: Translator, question: str) -> str:
    return (
        tr.gettext(
            "Send this question to the editors, without your name, so they can add an answer?"
        )
        + "\n"
        + quoted(question)
    )


def offer_button(tr: Translator) -> Button:
    return Button(tr.gettext("📨 Send to the editors"), data.SEND)


def offer_screen(tr: Translator, question: str) -> Screen:
    """The offer on its own (after "It did not answer my question")."""
    return Screen(
        offer_text(tr, question),
        ((offer_button(tr), Button(tr.gettext("No, thanks"), data.DROP)),),
    )


def ask_again(tr: Translator) -> Screen:
    """After "It did not answer my question" when the question is no longer in memory."""
    return Screen(
        tr.gettext(
            "Please type your question in your own words. If I have no answer, I will offer "
            "to send it to the editors."
        )
    )


def note_prompt(tr: Translator) -> Screen:
    return Screen(
        tr.gettext(
            "In one line, what is wrong or outdated? Please leave out names and contacts. "
            "I will show you the note before it is sent."
        ),
        ((Button(tr.gettext("Cancel"), data.NO_NOTE),),),
    )


def note_confirm(tr: Translator, note: str) -> Screen:
    return Screen(
        tr.gettext("The editors will see this note, without your name:") + "\n" + quoted(note),
        (
            (
                Button(tr.gettext("📨 Send to the editors"), data.NOTE),
                Button(tr.gettext("Don't send"), data.NO_NOTE),
            ),
        ),
    )


def thanks(tr: Translator) -> str:
    return tr.gettext("Thank you! This helps the editors.")


def thanks_down(tr: Translator) -> str:
    return tr.gettext("Thank you. What was wrong?")


def sent(tr: Translator) -> str:
    return tr.gettext("Sent to the editors. Thank you!")


def not_sent(tr: Translator) -> str:
    return tr.gettext("Not sent. Nothing was stored.")


def expired(tr: Translator) -> str:
    return tr.gettext("This has expired, nothing was stored. You can ask again.")
