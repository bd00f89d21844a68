"""Ask a person: an anonymous relay between a user and NGO staff in a forum supergroup."""
