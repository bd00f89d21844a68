"""Question answering over the content library: the bot's free-text questions land here."""

from bot.search.engine import Answer, Hit, SearchEngine
from bot.search.synonyms import Synonyms, load_synonyms

__all__ = ["Answer", "Hit", "SearchEngine", "Synonyms", "load_synonyms"]
