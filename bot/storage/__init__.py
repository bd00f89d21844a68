"""SQLite storage: the minimum a feature needs, keyed by a pseudonymous user key."""

from bot.storage.db import Database
from bot.storage.deletions import DeletionQueue, PendingDeletion
from bot.storage.keys import UserKeys
from bot.storage.stats import ArticleStats
from bot.storage.users import UserPrefs, UserStore

__all__ = [
    "ArticleStats",
    "Database",
    "DeletionQueue",
    "PendingDeletion",
    "UserKeys",
    "UserPrefs",
    "UserStore",
]
