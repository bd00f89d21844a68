"""``content/synonyms.yaml`` checked like an article: file:line problems, never an exception.

The search module reads the file and raises on the first mistake; here that becomes a
``Problem`` so ``content check`` shows it with the others and a reload keeps serving the
last good library instead of failing.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.content.frontmatter import explain_yaml_error
from bot.content.problems import Problem, error
from bot.search.synonyms import Synonyms, load_synonyms

SYNONYMS_FILE = "synonyms.yaml"
_LINE = re.compile(r"^line (\d+):?\s*")


def check_synonyms(content_dir: Path) -> tuple[Synonyms | None, list[Problem]]:
    """The synonyms and no problem, or None and what is wrong; (None, []) without a file."""
    path = content_dir / SYNONYMS_FILE
    if not path.is_file():
        return None, []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [error(path, 1, "not UTF-8 text: save the file with UTF-8 encoding")]
    except OSError as exc:
        return None, [error(path, 1, f"cannot read the file: {exc.strerror or exc}")]
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        line, message = explain_yaml_error(exc, text.split("\n"), 1)
        return None, [error(path, line, message)]
    try:
        return load_synonyms(path), []
    except ValueError as exc:
        return None, [_problem(path, str(exc))]
    except OSError as exc:  # replaced between the two reads
        return None, [error(path, 1, f"cannot read the file: {exc.strerror or exc}")]


def _problem(path: Path, message: str) -> Problem:
    """Turn ``<path>: line 12: why`` from the search module into a located problem."""
    rest = message.removeprefix(f"{path}:").strip()
    match = _LINE.match(rest)
    if match is None:
        return error(path, 1, rest)
    return error(path, int(match.group(1)), rest[match.end() :])
