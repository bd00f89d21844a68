"""The feature's one service object: storage, in-memory holds and metrics, and the rules.

The rules live here as plain methods, tested without Telegram; handlers only translate
presses and messages into these calls.
"""

from __future__ import annotations

import time
from datetime import date

from bot.content.models import Lang
from bot.features.feedback.data import Vote
from bot.features.feedback.memory import (
    Clock,
    FeedbackMemory,
    HeldQuestion,
    MessageRef,
    PendingNote,
)
from bot.features.feedback.metrics import Metrics
from bot.features.feedback.scrub import scrub, scrub_note
from bot.features.feedback.storage import FeedbackStore
from bot.search.engine import Answer
from bot.storage import Database, Keys


def outcome(answer: Answer) -> str:
    """The counted outcome: the mode, with a declined question next to an article apart."""
    if answer.mode == "none" and answer.nearest:
        return "closest"
    return answer.mode


class Feedback:
    def __init__(
        self, db: Database, keys: Keys, hold_seconds: float, clock: Clock = time.monotonic
    ) -> None:
        self.store = FeedbackStore(db)
        self.memory = FeedbackMemory(hold_seconds, clock=clock)
        self.metrics = Metrics()
        self._keys = keys

    def ref(self, chat_id: int, message_id: int) -> MessageRef:
        return (self._keys.chat_key(chat_id), message_id)

    # ---------------------------------------------------------------- questions

    @staticmethod
    def as_stored(question: str) -> str:
        """The question exactly as it would be stored, and so as it is shown for consent."""
        return scrub(question)

    def answered(
        self,
        chat_id: int,
        message_id: int | None,
        question: str,
        answer: Answer,
        lang: Lang,
        day: date,
    ) -> None:
        """After a reply to a question: count its outcome; hold it (scrubbed) for consent."""
        if answer.smalltalk is not None:
            self.metrics.search("smalltalk")
            return
        counted = outcome(answer)
        self.metrics.search(counted)
        self.store.count_outcome(day, lang, counted)
        if message_id is None:
            return
        considered = tuple(dict.fromkeys(h.article_id for h in answer.hits))
        held = HeldQuestion(self.as_stored(question), lang, considered)
        if held.text:
            self.memory.questions.put(self.ref(chat_id, message_id), held)

    def held(self, chat_id: int, message_id: int) -> HeldQuestion | None:
        return self.memory.questions.get(self.ref(chat_id, message_id))

    def move_held(self, chat_id: int, old_id: int, new_id: int) -> None:
        held = self.memory.questions.pop(self.ref(chat_id, old_id))
        if held is not None:
            self.memory.questions.put(self.ref(chat_id, new_id), held)

    async def consent(self, chat_id: int, message_id: int, day: date) -> bool:
        """The user pressed "send": store the held question; False if it expired."""
        held = self.memory.questions.pop(self.ref(chat_id, message_id))
        if held is None:
            return False
        await self.store.add_question(day, held.lang, held.text, held.considered)
        return True

    def decline(self, chat_id: int, message_id: int) -> None:
        self.memory.questions.pop(self.ref(chat_id, message_id))

    # ---------------------------------------------------------------- votes

    async def vote(
        self, chat_id: int, message_id: int, article_id: str, lang: Lang, vote: Vote, day: date
    ) -> bool:
        """Count a press once per message; False for a second press on the same message."""
        ref = self.ref(chat_id, message_id)
        if self.memory.voted.get(ref):
            return False
        self.memory.voted.put(ref, True)
        await self.store.add_vote(day, article_id, lang, vote)
        self.metrics.vote(vote)
        return True

    # ---------------------------------------------------------------- notes

    def await_note(self, chat_id: int, article_id: str) -> None:
        self.memory.notes.put(self._keys.chat_key(chat_id), PendingNote(article_id))

    def awaiting_note(self, chat_id: int) -> bool:
        pending = self.memory.notes.get(self._keys.chat_key(chat_id))
        return pending is not None and pending.text is None

    def typed_note(self, chat_id: int, text: str) -> str | None:
        """The note as it would be stored, kept for the user's confirmation; None if empty."""
        key = self._keys.chat_key(chat_id)
        pending = self.memory.notes.get(key)
        note = scrub_note(text)
        if pending is None or not note:
            return None
        self.memory.notes.put(key, PendingNote(pending.article_id, note))
        return note

    async def send_note(self, chat_id: int, day: date) -> bool:
        pending = self.memory.notes.pop(self._keys.chat_key(chat_id))
        if pending is None or pending.text is None:
            return False
        await self.store.add_note(day, pending.article_id, pending.text)
        return True

    def drop_note(self, chat_id: int) -> None:
        self.memory.notes.pop(self._keys.chat_key(chat_id))

    def forget_chat(self, chat_id: int) -> None:
        """/forget: drop whatever this chat has in memory (nothing stored links to it)."""
        self.memory.forget_chat(self._keys.chat_key(chat_id))
