"""Split an article file into YAML front matter and Markdown body, keeping line numbers.

PyYAML's composed node tree is walked once so that every later complaint about a
field (from pydantic or from cross-file checks) can point at the line the editor
actually has to change, not just at the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]

_DELIMITER = "---"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Front matter starts on the second line of the file, after the opening "---".
_FIRST_YAML_LINE = 2


# libyaml when installed: the library is read on every reload, and it is many times faster.
_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Repairs tried on one file before giving up: enough for every title in a long file.
_MAX_REPAIRS = 50
# `key: value` or `- key: value`, with the value unquoted; group 1 is everything up to it.
_FIELD_LINE = re.compile(r"^(\s*(?:-\s+)?([^\s:#'\"\[{][^:]*?):\s+)(\S.*?)\s*$")
_LEADING_TABS = re.compile(r"^[ \t]*\t[ \t]*")
TAB_MESSAGE = (
    "a tab character at the start of the line: indent with spaces, not tabs "
    "(fields start at the left edge, list items with two spaces)"
)
INDENT_MESSAGE = (
    "this line is indented differently from the lines around it: fields start at the "
    "left edge, list items with two spaces and '- ', the title and url of a source line "
    "up under each other, and a country note's lines with four spaces"
)


class FrontMatterError(Exception):
    """The file cannot be split or its YAML cannot be read; carries the file line.

    ``earlier`` are problems already found (and worked around) before this one, so an
    editor gets every fixable mistake of the file in one run.
    """

    def __init__(self, line: int, message: str, earlier: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.problems: list[tuple[int, str]] = [*earlier, (line, message)]


@dataclass(frozen=True)
class ParsedFile:
    """Front matter as plain data plus where each part of it sits in the file."""

    data: dict[object, object]
    body: str
    body_line: int
    lines: dict[Loc, int] = field(default_factory=dict)
    # Mistakes the reader worked around (an unquoted ': ', a tab) to check the rest.
    problems: tuple[tuple[int, str], ...] = ()

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
    root, yaml_text, repaired = _compose_repairing(lines[1:closing])
    rest = lines[closing + 1 :]
    skipped = 0
    while skipped < len(rest) and not rest[skipped].strip():
        skipped += 1
    body = "\n".join(rest[skipped:]).rstrip()
    body_line = closing + 2 + (skipped if skipped < len(rest) else 0)

    if root is None:
        raise FrontMatterError(1, "the front matter between the '---' lines is empty", repaired)
    if not isinstance(root, MappingNode):
        raise FrontMatterError(
            _line(root), "the front matter must be a list of 'field: value' lines", repaired
        )
    positions: dict[Loc, int] = {}
    try:
        _walk(root, (), positions)
        data = SafeConstructor().construct_document(root)  # the tree composed above
    except FrontMatterError as exc:
        raise FrontMatterError(exc.line, exc.message, repaired) from exc
    except yaml.YAMLError as exc:
        line, message = explain_yaml_error(exc, yaml_text.split("\n"), _FIRST_YAML_LINE)
        raise FrontMatterError(line, message, repaired) from exc
    except (ValueError, TypeError) as exc:
        raise FrontMatterError(
            _FIRST_YAML_LINE, f"cannot read the front matter: {exc}", repaired
        ) from exc
    if not isinstance(data, dict):
        raise FrontMatterError(
            1, "the front matter must be a list of 'field: value' lines", repaired
        )
    return ParsedFile(
        data=data, body=body, body_line=body_line, lines=positions, problems=tuple(repaired)
    )


def _compose_repairing(yaml_lines: list[str]) -> tuple[Node | None, str, list[tuple[int, str]]]:
    """Compose the YAML, fixing what an editor obviously meant so the rest can be checked.

    Each fix is still reported: the file stays in error, but one run lists every
    unquoted title and tab instead of stopping at the first with YAML's jargon.
    """
    lines = list(yaml_lines)
    found: list[tuple[int, str]] = []
    for attempt in range(_MAX_REPAIRS):
        yaml_text = "\n".join(lines)
        try:
            return yaml.compose(yaml_text, Loader=_FAST_LOADER), yaml_text, found
        except yaml.YAMLError:
            pass
        if attempt == 0 and _untab(lines, found):
            continue  # a tab inside a note's text is fine: only blamed once YAML fails
        try:  # again with the pure-Python reader, whose messages the advice is keyed on
            return yaml.compose(yaml_text, Loader=yaml.SafeLoader), yaml_text, found
        except yaml.YAMLError as exc:
            line, message = explain_yaml_error(exc, lines, _FIRST_YAML_LINE)
            fixed = _colon_fix(exc, lines)
            if fixed is None or (line, message) in found:
                raise FrontMatterError(line, message, found) from exc
            found.append((line, message))
            lines[line - _FIRST_YAML_LINE] = fixed
    raise FrontMatterError(_FIRST_YAML_LINE, "too many mistakes to read on", found)


def _untab(lines: list[str], found: list[tuple[int, str]]) -> bool:
    """Turn tabs in indentation into spaces, reporting each line; False when there are none."""
    untabbed = False
    for index, text in enumerate(lines):
        if tabs := _LEADING_TABS.match(text):
            found.append((index + _FIRST_YAML_LINE, TAB_MESSAGE))
            lines[index] = tabs.group().replace("\t", "  ") + text[tabs.end() :]
            untabbed = True
    return untabbed


def _colon_fix(exc: yaml.YAMLError, lines: Sequence[str]) -> str | None:
    """The line with its value quoted, when YAML failed on a ': ' inside that value."""
    if not (
        isinstance(exc, yaml.MarkedYAMLError)
        and exc.problem == "mapping values are not allowed here"
        and exc.problem_mark is not None
        and exc.problem_mark.line < len(lines)
    ):
        return None
    text = lines[exc.problem_mark.line]
    if _unquoted_colon(text, int(exc.problem_mark.column)) is None:
        return None
    return _quoted(text)


def _unquoted_colon(text: str, column: int) -> re.Match[str] | None:
    """The field line when the ': ' YAML tripped on is inside its value, not after a key."""
    match = _FIELD_LINE.match(text)
    if match is None or column < len(match.group(1)):
        return None
    return match


def _quoted(text: str) -> str | None:
    match = _FIELD_LINE.match(text)
    if match is None:
        return None
    return match.group(1) + json.dumps(match.group(3), ensure_ascii=False)


def explain_yaml_error(
    exc: yaml.YAMLError, lines: Sequence[str], first_line: int
) -> tuple[int, str]:
    """(file line, advice) for a YAML error, in the words of someone editing the file.

    ``lines`` are the YAML's lines and ``first_line`` the file line of the first of them.
    """
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return first_line, f"the file cannot be read ({exc}); compare it with another article"
    problem, context = exc.problem or "", exc.context or ""
    index = int(exc.problem_mark.line)
    context_index = int(exc.context_mark.line) if exc.context_mark is not None else index
    text = lines[index] if index < len(lines) else ""
    if problem == "mapping values are not allowed here":
        match = _unquoted_colon(text, int(exc.problem_mark.column))
        if match is not None:
            key = match.group(2)
            value = json.dumps(match.group(3), ensure_ascii=False)
            what = "the title" if key == "title" else "the whole value"
            return index + first_line, (
                f"{key}: the text contains ': ', so put {what} in double quotes: {key}: {value}"
            )
        return index + first_line, INDENT_MESSAGE
    if "cannot start any token" in problem and "\\t" in problem:
        return index + first_line, TAB_MESSAGE.replace("at the start of the line", "here")
    if "quoted scalar" in context:
        return context_index + first_line, (
            "a quote opened on this line is never closed: add the closing quote at the end "
            "of the value"
        )
    if "flow sequence" in context or "flow mapping" in context:
        return context_index + first_line, (
            "a list in [ ] (or { }) opened on this line is not closed; close it, or if this "
            "is text, put the whole value in double quotes"
        )
    if "simple key" in context and "could not find expected ':'" in problem:
        return context_index + first_line, (
            "this line is neither 'field: value' nor indented as part of the value above: "
            "add the ':' after the field name, or indent it like the lines above it"
        )
    if problem.startswith("expected <block end>") or "block" in context:
        return index + first_line, INDENT_MESSAGE
    detail = ", ".join(part for part in (context, problem) if part)
    return index + first_line, (
        f"the file cannot be read here ({detail}); compare this line with the same field "
        "in another article"
    )


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
