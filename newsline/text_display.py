"""Article text as a reader sees it where room is short: one line, cut at a word boundary
(:func:`shorten`), and a title for a document that has none (:func:`text_title`).

Plain strings in, plain strings out: no markup and no escaping, so the terminal, the HTML
export and the web pages can share one rule (each escapes for its own medium). Widths count
characters unless a ``cell_width`` (a terminal's cells per character) is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ELLIPSIS = "…"
TITLE_WIDTH = 70  # the longest title made from a text
OPENING = 200  # a title is made from this many first characters of a text (as the store's
# ``opening`` columns give them), so every reader of the store makes the same title

# the end of a sentence: ., ! or ? with any closing quotes or brackets, then a space and
# what can start a sentence
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_MIN_SENTENCE_WORDS = 4  # "U.S. officials said": a shorter "sentence" is an abbreviation
_TRAILING = " ,;:-–—"  # not left dangling before an ellipsis


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) made one space."""
    return " ".join(text.split())


def _prefix(text: str, room: int, cell_width: Callable[[str], int] | None) -> int:
    """How many first characters of ``text`` fit in ``room``."""
    if cell_width is None:
        return min(len(text), max(room, 0))
    used = 0
    for i, ch in enumerate(text):
        used += cell_width(ch)
        if used > room:
            return i
    return len(text)


def shorten(text: str, width: int, ellipsis: str = ELLIPSIS,
            cell_width: Callable[[str], int] | None = None) -> str:
    """``text`` on one line in at most ``width`` characters (or cells): whole when it fits,
    else cut at the last word boundary that leaves room for ``ellipsis`` (a trailing comma
    or dash goes too). Only a first word longer than the room is cut inside the word."""
    text = one_line(text)
    measure = len if cell_width is None else (lambda s: sum(map(cell_width, s)))
    if measure(text) <= width:
        return text
    room = width - measure(ellipsis)
    if room <= 0:
        return ellipsis[:_prefix(ellipsis, width, cell_width)]
    n = _prefix(text, room, cell_width)
    if text[n] == " ":  # the cut falls between two words
        head = text[:n]
    else:
        space = text.rfind(" ", 0, n)
        head = text[:space] if space > 0 else text[:n]  # one word longer than the room
    head = head.rstrip(_TRAILING) or head
    return head + ellipsis


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when no sentence end is found), on one
    line; an abbreviation ("U.S.", "Mr.") within its first few words does not end it."""
    text = one_line(text)
    for m in _SENTENCE_END.finditer(text):
        if len(text[:m.end()].split()) >= _MIN_SENTENCE_WORDS:
            return text[:m.end()]
    return text


def text_title(text: str, width: int = TITLE_WIDTH) -> str:
    """A title for an untitled document: the first sentence of its first non-empty line, cut
    at a word boundary with an ellipsis when longer than ``width``. Only the first
    :data:`OPENING` characters are read (a line that fills them loses its last word, which
    may go on beyond); "" for a text with no words."""
    opening = text[:OPENING]
    lines = opening.splitlines(keepends=True)
    i = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if i is None:
        return ""
    line = lines[i]
    if len(opening) == OPENING and i == len(lines) - 1 and line == line.rstrip("\r\n"):
        # the line may go on past the opening, its last word cut there: drop that word
        line = line.rstrip()
        space = line.rfind(" ")
        line = (line[:space] if space > 0 else line) + ELLIPSIS
    sentence = first_sentence(line)
    return shorten(sentence, width)


def doc_title(title: str | None, text: str | None, fallback: str) -> str:
    """What names a document for a reader: its title, else a title made from its text
    (:func:`text_title`), else ``fallback`` (its id); never a file path."""
    if title and title.strip():
        return one_line(title)
    return text_title(text or "") or fallback


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word``, plural unless ``n`` is one: "1 article", "2 articles"."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"
