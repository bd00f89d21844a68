"""Callback data of the privacy feature: plain words, matched whole."""

PRIVACY = "privacy"
FORGET = "forget"
FORGET_YES = "forget:yes"
FORGET_NO = "forget:no"
CLEAN = "clean"
CLEAN_YES = "clean:yes"
PATTERN = r"^(privacy|forget|forget:yes|forget:no|clean|clean:yes)$"
