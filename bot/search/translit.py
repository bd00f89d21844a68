"""Russian typed in Latin letters ("pasport poteryal", "vnzh", "zagranpasport").

People mix several schemes (passport-style ICAO, scholarly, chat habits: "sh" or
"sch" for щ, "ja" or "ya" for я, "h" or "kh" for х, "c" or "ts" for ц, an
apostrophe for ь), so one Latin word yields several Cyrillic spellings; the caller
keeps the first spelling that the library's vocabulary knows.
"""

from __future__ import annotations

from itertools import islice, product

# Longest Latin sequences first; each maps to the Cyrillic spellings it may stand for,
# the most common reading first.
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("щ",)),
    ("s4", ("щ", "сч")),
    ("sch", ("щ", "ш")),
    ("zh", ("ж",)),
    ("kh", ("х",)),
    ("ch", ("ч",)),
    ("sh", ("ш",)),
    ("ts", ("ц", "тс")),
    ("tz", ("ц",)),
    ("ya", ("я",)),
    ("ja", ("я",)),
    ("ia", ("ия", "я")),
    ("yu", ("ю",)),
    ("ju", ("ю",)),
    ("iu", ("ию", "ю")),
    ("yo", ("е", "йо")),
    ("jo", ("е",)),
    ("ye", ("е", "ые")),
    ("je", ("е",)),
    ("iy", ("ий",)),
    ("yy", ("ый",)),
    ("ey", ("ей",)),
    ("ay", ("ай",)),
    ("oy", ("ой",)),
    ("uy", ("уй",)),
    ("a", ("а",)),
    ("b", ("б",)),
    ("c", ("ц", "к")),
    ("d", ("д",)),
    ("e", ("е", "э")),
    ("f", ("ф",)),
    ("g", ("г",)),
    ("h", ("х",)),
    ("i", ("и", "й")),
    ("j", ("й", "ж")),
    ("k", ("к",)),
    ("l", ("л",)),
    ("m", ("м",)),
    ("n", ("н",)),
    ("o", ("о",)),
    ("p", ("п",)),
    ("q", ("к",)),
    ("r", ("р",)),
    ("s", ("с",)),
    ("t", ("т",)),
    ("u", ("у",)),
    ("v", ("в",)),
    ("w", ("в", "ш")),
    ("x", ("кс", "х")),
    ("y", ("ы", "й", "у")),
    ("z", ("з",)),
    ("'", ("ь", "ъ")),
    # Chat habit: digits that look or sound like letters ("4to", "s4et", "ve6i", "3a").
    ("4", ("ч",)),
    ("6", ("ш",)),
    ("3", ("з",)),
    ("`", ("ь",)),
)

# Bounds the cartesian product of alternatives so a long word cannot explode.
MAX_VARIANTS = 24


def _segments(word: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        for latin, cyrillic in _RULES:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append((word[i],))
            i += 1
    return out


def to_cyrillic(word: str) -> list[str]:
    """Cyrillic spellings ``word`` may stand for, most likely first, without duplicates."""
    variants: list[str] = []
    seen: set[str] = set()
    for combo in islice(product(*_segments(word)), MAX_VARIANTS):
        text = "".join(combo)
        if text not in seen:
            seen.add(text)
            variants.append(text)
    return variants
