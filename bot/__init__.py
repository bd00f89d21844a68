"""A Telegram bot with sourced answers for Russian emigres about documents, visas, help and safety."""

__version__ = "0.1.0"
