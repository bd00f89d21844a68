"""Split an article file into YAML front matter and Markdown body, keeping line numbers.

PyYAML's composed node tree is walked once so that every later complaint about a
field (from pydantic or from cross-file checks) can point at the line the editor
actually has to change, not just at the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]

_DELIMITER = "---"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Front matter starts on the second line of the file, after the opening "---".
_FIRST_YAML_LINE = 2


class FrontMatterError(Exception):
    """The file cannot be split or its YAML cannot be read; carries the file line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ParsedFile:
    """Front matter as plain data plus where each part of it sits in the file."""

    data: dict[object, object]
    body: str
    body_line: int
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """Line of the most specific known part of ``loc``; line 1 when nothing matches."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return 1


def split_file(text: str) -> ParsedFile:
    """Parse a whole article file; raises FrontMatterError with the offending line."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != _DELIMITER:
        raise FrontMatterError(1, "the file must start with a line containing only '---'")
    closing = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() == _DELIMITER),
        None,
    )
    if closing is None:
        raise FrontMatterError(
            1, "the front matter is not closed: add a line containing only '---' after it"
        )
    yaml_text = "\n".join(lines[1:closing])
    rest = lines[closing + 1 :]
    skipped = 0
    while skipped < len(rest) and not rest[skipped].strip():
        skipped += 1
    body = "\n".join(rest[skipped:]).rstrip()
    body_line = closing + 2 + (skipped if skipped < len(rest) else 0)

    root = _compose(yaml_text)
    if root is None:
        raise FrontMatterError(1, "the front matter between the '---' lines is empty")
    if not isinstance(root, MappingNode):
        raise FrontMatterError(
            _line(root), "the front matter must be a list of 'field: value' lines"
        )
    positions: dict[Loc, int] = {}
    _walk(root, (), positions)
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from exc
    except (ValueError, TypeError) as exc:
        raise FrontMatterError(_FIRST_YAML_LINE, f"cannot read the front matter: {exc}") from exc
    if not isinstance(data, dict):
        raise FrontMatterError(1, "the front matter must be a list of 'field: value' lines")
    return ParsedFile(data=data, body=body, body_line=body_line, lines=positions)


def _compose(yaml_text: str) -> Node | None:
    try:
        return yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from exc


def _line(node: Node) -> int:
    return int(node.start_mark.line) + _FIRST_YAML_LINE


def _walk(node: Node, loc: Loc, positions: dict[Loc, int]) -> None:
    """Record lines for every key and list item; catch what safe_load would hide."""
    positions.setdefault(loc, _line(node))
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            if key in seen:
                raise FrontMatterError(
                    _line(key_node),
                    f"{loc_name((*loc, key))}: written twice (first on line {seen[key]}); keep one",
                )
            seen[key] = _line(key_node)
            positions[(*loc, key)] = _line(key_node)
            _walk(value_node, (*loc, key), positions)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            positions[(*loc, index)] = _line(item)
            _walk(item, (*loc, index), positions)
    elif isinstance(node, ScalarNode) and node.tag == _TIMESTAMP_TAG:
        try:
            SafeConstructor().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise FrontMatterError(
                _line(node),
                f"{loc_name(loc)}: {node.value!r} is not a real date ({exc}); use YYYY-MM-DD",
            ) from exc


def loc_name(loc: Loc) -> str:
    """``sources[0].url`` style, the way editors see the structure in the file."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "front matter"


def _yaml_error(exc: yaml.YAMLError) -> FrontMatterError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + _FIRST_YAML_LINE if mark is not None else _FIRST_YAML_LINE
        parts = [p for p in (exc.context, exc.problem) if p]
        detail = ", ".join(parts) if parts else "invalid YAML"
        return FrontMatterError(line, f"YAML syntax error: {detail}")
    return FrontMatterError(_FIRST_YAML_LINE, f"YAML syntax error: {exc}")
