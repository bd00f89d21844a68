"""`python -m bot console`: the real handlers, offline, in a terminal."""
