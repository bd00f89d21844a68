"""The one task that delivers the outbox, at Telegram's limits, exactly once per recipient.

Telegram allows a bot about 30 messages a second overall and one a second per chat. The
sender takes ``ALERTS_PER_SECOND`` (25) of them, evenly spaced, and leaves the rest to
replies, so someone asking a question during a broadcast is answered as fast as without one.

Exactly once: a delivery row is deleted (and counted) in one transaction right after
Telegram accepts the message, one message at a time. A ``kill -9`` can therefore repeat at
most the one message that was in flight, and never lose one. A 429 stops the sender for the
whole ``retry_after``; Forbidden (blocked, deactivated) ends that chat's subscriptions; other
errors are retried a bounded number of times with a growing delay, then counted as failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.core.sending import to_markup
from bot.core.services import Services
from bot.features.alerts import screens
from bot.features.alerts.storage import AlertStore, Delivery, Notice

log = logging.getLogger(__name__)

# Finished broadcasts' counters are kept this long for the admins, then deleted.
KEEP_FINISHED_SECONDS = 30 * 86400
IDLE_SECONDS = 30.0


@dataclass
class SenderStats:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0
    paused_429: int = 0
    first_send: float | None = None
    last_send: float | None = None

    @property
    def rate(self) -> float:
        """Messages per second between the first and the last send."""
        if self.first_send is None or self.last_send is None or self.sent < 2:
            return 0.0
        return (self.sent - 1) / max(self.last_send - self.first_send, 1e-9)


class Sender:
    def __init__(
        self,
        services: Services,
        store: AlertStore,
        bot: Bot,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        settings = services.settings
        self._services = services
        self._store = store
        self._bot = bot
        self._clock = clock
        self._sleep = sleep
        self._interval = 1.0 / settings.alerts_per_second
        self._per_chat = settings.alerts_per_chat_seconds
        self._max_attempts = settings.alerts_max_attempts
        self._progress_every = settings.alerts_progress_seconds
        # First retry delay after an error other than 429/Forbidden; doubles each time.
        self.retry_base = 2.0
        self._next_slot = 0.0
        self._last_by_chat: dict[str, float] = {}
        self._last_progress: dict[int, float] = {}
        self._notices: dict[int, Notice] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.stats = SenderStats()

    # ------------------------------------------------------------ life cycle

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="alerts-sender")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake(self) -> None:
        """Something was queued: look now instead of at the next idle timeout."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            try:
                worked = await self.step()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("alerts sender step failed; retrying shortly")
                await self._sleep(1.0)
                continue
            if not worked:
                await self._idle()

    async def _idle(self) -> None:
        retry_at = await self._store.next_retry_at()
        timeout = IDLE_SECONDS
        if retry_at is not None:
            timeout = min(timeout, max(retry_at - time.time(), 0.05))
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)

    async def drain(self, max_wait: float = 60.0) -> None:
        """Deliver until the outbox is empty (tests and benchmarks); waits out retry delays."""
        deadline = time.time() + max_wait
        while True:
            if await self.step():
                continue
            if not await self._store.queued():
                return
            if time.time() > deadline:
                raise TimeoutError("the outbox did not drain")
            retry_at = await self._store.next_retry_at()
            await self._sleep(max((retry_at or 0.0) - time.time(), 0.01))

    # ---------------------------------------------------------------- work

    async def step(self) -> bool:
        """Deliver one batch; False when nothing was ready (finished notices are closed)."""
        batch = await self._store.next_deliveries(time.time())
        if not batch:
            await self._close_finished()
            return False
        worked = False
        cooling: list[float] = []
        for delivery in batch:
            now = self._clock()
            last = self._last_by_chat.get(delivery.chat_key)
            if last is not None and now - last < self._per_chat:
                cooling.append(last + self._per_chat - now)
                continue
            await self._deliver(delivery)
            worked = True
        if not worked and cooling:
            await self._sleep(min(cooling))
            worked = True
        self._forget_cool_chats()
        return worked

    async def _deliver(self, delivery: Delivery) -> None:
        notice = await self._notice(delivery.notice_id)
        if notice is None:
            await self._store.settle(delivery, "failed")
            return
        try:
            chat_id = self._services.keys.open_chat(delivery.chat)
        except InvalidTag:
            # Sealed with another SECRET_KEY: nobody can ever write to that chat again.
            await self._settle(delivery, notice, "failed")
            return
        await self._pace()
        self._last_by_chat[delivery.chat_key] = self._clock()
        tr = self._services.translators[delivery.lang]
        screen = screens.notice_screen(tr, self._services.catalog, notice, delivery.lang)
        try:
            await self._bot.send_message(
                chat_id,
                screen.text,
                reply_markup=to_markup(screen),
                disable_notification=notice.silent,
            )
        except RetryAfter as error:
            pause = _seconds(error)
            self.stats.paused_429 += 1
            log.warning("alerts: Telegram asked to wait %.0f s; the sender pauses", pause)
            self._next_slot = self._clock() + pause
            await self._sleep(pause)
            return
        except Forbidden:
            await self._settle(delivery, notice, "blocked")
            return
        except TelegramError as error:
            await self._failed_attempt(delivery, notice, error)
            return
        # Right after Telegram accepted it: a crash from here on repeats nothing.
        await self._settle(delivery, notice, "sent")

    async def _pace(self) -> None:
        """Evenly spaced sends; a send that started a little late (a busy event loop) may be
        made up by the next one, so there is at most one extra message in any second."""
        now = self._clock()
        if self._next_slot > now:
            await self._sleep(self._next_slot - now)
        elif now - self._next_slot > self._interval:
            self._next_slot = now  # idle or far behind: start afresh, no burst
        self._next_slot += self._interval

    async def _failed_attempt(self, delivery: Delivery, notice: Notice, error: Exception) -> None:
        attempts = delivery.attempts + 1
        kind = type(error).__name__
        if attempts >= self._max_attempts or (
            isinstance(error, BadRequest) and "chat not found" in str(error).lower()
        ):
            log.info("alerts: delivery failed for good (%s)", kind)
            await self._settle(delivery, notice, "failed")
            return
        self.stats.retried += 1
        delay = min(self.retry_base * 2.0 ** (attempts - 1), 300.0)
        log.info("alerts: delivery failed (%s), retry %d in %.0f s", kind, attempts, delay)
        await self._store.retry_later(delivery, time.time() + delay)

    async def _settle(self, delivery: Delivery, notice: Notice, outcome: str) -> None:
        assert outcome in ("sent", "blocked", "failed")
        await self._store.settle(delivery, outcome)  # type: ignore[arg-type]
        self._services.feedback.metrics.alert_sent(outcome)
        now = self._clock()
        if outcome == "sent":
            self.stats.sent += 1
            self.stats.first_send = self.stats.first_send or now
            self.stats.last_send = now
        elif outcome == "blocked":
            self.stats.blocked += 1
        else:
            self.stats.failed += 1
        if await self._store.pending_of(notice.id) == 0:
            await self._finish(notice.id)
        elif notice.progress_message is not None:
            last = self._last_progress.get(notice.id)
            if last is None or now - last >= self._progress_every:
                self._last_progress[notice.id] = now
                await self._report(notice.id, final=False)

    async def _close_finished(self) -> None:
        for notice_id in await self._store.unfinished_notices():
            if await self._store.pending_of(notice_id) == 0:
                await self._finish(notice_id)

    async def _finish(self, notice_id: int) -> None:
        await self._store.finish(notice_id, time.time(), KEEP_FINISHED_SECONDS)
        await self._report(notice_id, final=True)
        self._notices.pop(notice_id, None)
        self._last_progress.pop(notice_id, None)

    async def _report(self, notice_id: int, *, final: bool) -> None:
        notice = await self._store.notice(notice_id)
        if notice is None or notice.admin_chat is None:
            return
        tr = self._services.translators["en"]
        text = screens.progress_text(tr, notice, final=final)
        try:
            if notice.progress_message is not None:
                await self._bot.edit_message_text(
                    text, chat_id=notice.admin_chat, message_id=notice.progress_message
                )
            elif final:
                await self._bot.send_message(notice.admin_chat, text)
        except TelegramError as error:
            if final and "not modified" not in str(error).lower():
                with contextlib.suppress(TelegramError):
                    await self._bot.send_message(notice.admin_chat, text)

    async def _notice(self, notice_id: int) -> Notice | None:
        if notice_id not in self._notices:
            notice = await self._store.notice(notice_id)
            if notice is None:
                return None
            self._notices[notice_id] = notice
        return self._notices[notice_id]

    def _forget_cool_chats(self) -> None:
        if len(self._last_by_chat) < 1000:
            return
        now = self._clock()
        self._last_by_chat = {
            k: t for k, t in self._last_by_chat.items() if now - t < self._per_chat
        }


def _seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return float(value.total_seconds() if hasattr(value, "total_seconds") else value)
