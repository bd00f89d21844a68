"""Alerts and reminders: subscriptions, update notices, urgent broadcasts, expiry reminders.

Everything outgoing that the bot starts on its own goes through one persistent outbox and
one sender task, so Telegram's limits are respected in one place and a crash loses nothing.
"""
