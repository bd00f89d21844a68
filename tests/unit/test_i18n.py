"""Catalog completeness, Russian plurals and locale dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.core.i18n import Translators, lang_for_client

REPO = Path(__file__).resolve().parents[2]


def code_msgids() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    for _, _, message, _, _ in extract_from_dir(
        str(REPO / "bot"),
        method_map=[("**.py", "python")],
        keywords={"gettext": None, "ngettext": (1, 2)},
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_msgid_in_code_is_translated(lang: str) -> None:
    with (REPO / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        translated[key] = all(strings) and not message.fuzzy
    missing = [m for m in code_msgids() if not translated.get(m)]
    assert not missing, f"untranslated in {lang}: {missing}"


def test_russian_plurals(translators: Translators) -> None:
    ru = translators["ru"]
    forms = {
        n: ru.ngettext("{n} article", "{n} articles", n).format(n=n)
        for n in (1, 2, 5, 11, 21, 22, 25)
    }
    assert forms == {
        1: "1 статья",
        2: "2 статьи",
        5: "5 статей",
        11: "11 статей",
        21: "21 статья",
        22: "22 статьи",
        25: "25 статей",
    }
    en = translators["en"]
    assert en.ngettext("{n} article", "{n} articles", 1).format(n=1) == "1 article"


def test_dates_and_countries_by_locale(translators: Translators) -> None:
    day = date(2026, 11, 24)
    assert translators["ru"].date(day).startswith("24 ноября 2026")
    assert translators["en"].date(day) == "November 24, 2026"
    assert translators["ru"].country("GE") == "Грузия"
    assert translators["en"].country("AM") == "Armenia"


def test_lang_for_client() -> None:
    assert lang_for_client("uk") == "ru"
    assert lang_for_client("pt-br") == "en"
    assert lang_for_client("kk-KZ") == "ru"
    assert lang_for_client(None) == "en"


def test_catalogs_load_without_compiled_files(tmp_path: Path) -> None:
    import shutil

    for lang in ("ru", "en"):
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(REPO / "locales" / lang / "LC_MESSAGES" / "messages.po", folder)
    translators = Translators(tmp_path)
    assert translators["ru"].gettext("No") == "Нет"
