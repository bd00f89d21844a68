from __future__ import annotations

from pathlib import Path

import pytest

from bot.search.synonyms import load_synonyms

from .library_files import SYNONYMS


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "synonyms.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_group_per_line(tmp_path: Path) -> None:
    path = write(tmp_path, "- [загран, zagran, foreign passport]\n- [внж, vnzh]\n")
    synonyms = load_synonyms(path)
    assert synonyms.groups[0] == (("загран",), ("zagran",), ("foreign", "passport"))
    assert len(synonyms) == 2


def test_empty_file_means_no_synonyms(tmp_path: Path) -> None:
    assert len(load_synonyms(write(tmp_path, "# nothing yet\n"))) == 0


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- [a, b]\n- just a word\n", 2, "must be a list"),
        ("- [загран, zagran]\n- [zagran, загранник]\n", 2, "already in the group on line 1"),
        ("- [внж, внж]\n", 1, "listed twice"),
        ("- [одно]\n", 1, "at least two"),
        ("- [a, b]\n- [c, [d]]\n", 2, "must be a word"),
        ("- [a, b]\n- [c, '!!!']\n", 2, "no letters"),
        ("- [a, b\n", 2, "not valid YAML"),
        ("key: value\n", 1, "list of groups"),
    ],
)
def test_errors_name_the_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    with pytest.raises(ValueError, match=rf"line {line}\b.*{fragment}"):
        load_synonyms(write(tmp_path, text))


def test_the_shipped_file_loads_with_at_least_40_groups() -> None:
    assert len(load_synonyms(SYNONYMS)) >= 40
