"""Pack rendered blocks into Telegram messages under the length limit.

Whole blocks are kept together when they fit so pages break between paragraphs; a
block that alone is too long is cut at a line break, else a space, else anywhere, with
open tags closed before the cut and reopened after it, so every page stays valid HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.content.telegram_html import plain_text, telegram_length

DEFAULT_LIMIT = 3900
MIN_LIMIT = 32
_ATOM = re.compile(r"<[^>]*>|&#?[0-9A-Za-z]{1,10};|.", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z]+)")


@dataclass(frozen=True)
class _Atom:
    text: str
    opens: str = ""
    closes: str = ""


@dataclass(frozen=True)
class _Cut:
    end: int  # atoms[start:end] go on this page
    resume: int  # next page starts at this atom
    stack: tuple[_Atom, ...]


def paginate(blocks: list[str], limit: int = DEFAULT_LIMIT) -> list[str]:
    """Pages of ``blocks`` joined by blank lines; none empty, none longer than ``limit``."""
    if limit < MIN_LIMIT:
        raise ValueError(f"limit must be at least {MIN_LIMIT}")
    pieces: list[str] = []
    for block in blocks:
        parts = _split(block, limit) if telegram_length(block) > limit else [block]
        pieces.extend(part for part in parts if plain_text(part).strip())
    pages: list[str] = []
    current = ""
    for piece in pieces:
        if not current:
            current = piece
        elif telegram_length(current) + 2 + telegram_length(piece) <= limit:
            current += "\n\n" + piece
        else:
            pages.append(current)
            current = piece
    if current:
        pages.append(current)
    return pages


def _atoms(block: str) -> list[_Atom]:
    atoms = []
    for match in _ATOM.finditer(block):
        text = match.group()
        tag = _TAG.match(text)
        if tag is None:
            atoms.append(_Atom(text))
        elif tag.group(1):
            atoms.append(_Atom(text, closes=tag.group(2).lower()))
        else:
            atoms.append(_Atom(text, opens=tag.group(2).lower()))
    return atoms


def _push(stack: tuple[_Atom, ...], atom: _Atom) -> tuple[_Atom, ...]:
    if atom.opens:
        return (*stack, atom)
    if atom.closes and stack and stack[-1].opens == atom.closes:
        return stack[:-1]
    return stack


def _closers(stack: tuple[_Atom, ...]) -> str:
    return "".join(f"</{atom.opens}>" for atom in reversed(stack))


def _split(block: str, limit: int) -> list[str]:
    atoms = _atoms(block)
    pieces: list[str] = []
    stack: tuple[_Atom, ...] = ()
    start = 0
    while start < len(atoms):
        prefix = "".join(atom.text for atom in stack)
        cut = _find_cut(atoms, start, stack, telegram_length(prefix), limit)
        if cut is None:
            # Even one character plus its tags does not fit (a huge href): drop the markup.
            return _split(html.escape(plain_text(block), quote=False), limit)
        body = "".join(atom.text for atom in atoms[start : cut.end])
        pieces.append(prefix + body + _closers(cut.stack))
        stack, start = cut.stack, cut.resume
    return pieces


def _find_cut(
    atoms: list[_Atom], start: int, stack: tuple[_Atom, ...], size: int, limit: int
) -> _Cut | None:
    """Best place to end the page that starts at ``atoms[start]``."""
    newline: _Cut | None = None
    newline_size = 0
    space: _Cut | None = None
    has_text = False
    index = start
    while index < len(atoms):
        atom = atoms[index]
        after = _push(stack, atom)
        if size + telegram_length(atom.text) + telegram_length(_closers(after)) > limit:
            break
        if has_text and atom.text == "\n":
            newline, newline_size = _Cut(index, index + 1, stack), size
        elif has_text and atom.text == " ":
            space = _Cut(index, index + 1, stack)
        size += telegram_length(atom.text)
        stack = after
        has_text = has_text or (not atom.opens and not atom.closes and not atom.text.isspace())
        index += 1
    if index == len(atoms):
        return _Cut(index, index, stack)
    # A line break early on (after a heading) would leave a near-empty page: a later
    # space reads better then.
    if newline is not None and (space is None or newline_size >= limit // 2):
        return newline
    if space is not None:
        return space
    if index > start and (has_text or not stack):
        return _Cut(index, index, stack)
    return None
