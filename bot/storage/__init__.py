"""SQLite storage shared by the features: one serialised connection, migrations, keys."""

from bot.storage.db import Database, Transaction
from bot.storage.keys import Keys
from bot.storage.users import UserPrefs, UserStore

__all__ = ["Database", "Keys", "Transaction", "UserPrefs", "UserStore"]
