"""Was it helpful, what was not answered: the editors' loop, with nothing that names a user."""
