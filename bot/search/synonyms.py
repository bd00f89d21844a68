"""Editor-maintained groups of words that mean the same thing to a reader.

``content/synonyms.yaml`` is a YAML list with one group per line, e.g.
``- [загранпаспорт, загран, zagran, foreign passport]``. A group may mix languages
and multi-word phrases: that is how an English question reaches Russian keywords.
Errors name the line, because the people editing this file are not programmers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.search.normalize import clean, tokens


@dataclass(frozen=True)
class Synonyms:
    """Groups of equivalent phrases, each phrase already split into cleaned words."""

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @classmethod
    def from_lists(cls, groups: list[list[str]]) -> Synonyms:
        """Build from plain lists (tests, fixtures); phrases are cleaned and split here."""
        built: list[tuple[tuple[str, ...], ...]] = []
        for group in groups:
            phrases = tuple(tuple(tokens(clean(p))) for p in group)
            built.append(tuple(p for p in phrases if p))
        return cls(tuple(built))

    def __len__(self) -> int:
        return len(self.groups)


def _line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def load_synonyms(path: Path) -> Synonyms:
    """Read and check ``path``; raises ValueError naming the offending line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc})") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ValueError(f"{path}:{where} not valid YAML: {exc}") from exc
    if root is None:
        return Synonyms()
    if not isinstance(root, yaml.SequenceNode):
        raise ValueError(f"{path}: line {_line_of(root)}: expected a list of groups")
    groups: list[list[str]] = []
    first_seen: dict[str, int] = {}
    for node in root.value:
        line = _line_of(node)
        if not isinstance(node, yaml.SequenceNode):
            raise ValueError(
                f"{path}: line {line}: a group must be a list like [word, other word, ...]"
            )
        group: list[str] = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise ValueError(f"{path}: line {_line_of(item)}: each entry must be a word")
            phrase = str(item.value)
            key = " ".join(tokens(clean(phrase)))
            if not key:
                raise ValueError(f"{path}: line {line}: {phrase!r} has no letters or digits")
            if first_seen.get(key) == line:
                raise ValueError(f"{path}: line {line}: {phrase!r} is listed twice")
            if key in first_seen:
                raise ValueError(
                    f"{path}: line {line}: {phrase!r} is already in the group on line "
                    f"{first_seen[key]}; merge the two groups"
                )
            first_seen[key] = line
            group.append(phrase)
        if len(group) < 2:
            raise ValueError(f"{path}: line {line}: a group needs at least two entries")
        groups.append(group)
    return Synonyms.from_lists(groups)
