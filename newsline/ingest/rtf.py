"""RTF files (``.rtf``): the text through striprtf, then read as a ``.txt`` is (a Factiva or
Nexis download split into its articles, any other text one article).

striprtf turns a table row into "cell|cell|"; a row's closing "|" is dropped here, so a
Factiva download (a two-column table of field codes and values) reads as its text save
does. Two guards keep striprtf's regular expressions in linear time: the hyperlink rewrite
(quadratic on a long line of field instructions; 36 KB took 17 s) is turned off by a space
after each ``\\fldinst`` (the same RTF: a control word ends at a space), so a link's address
is not added after its text; and a font table over ``MAX_FONT_TABLE_CHARS`` is refused
(striprtf's font pattern is quadratic in a table's lines; Word's are a few KB). Limits: a
file over ``MAX_RTF_BYTES`` is not read (striprtf reads about 2 MB a second).
"""

from __future__ import annotations

import re
from pathlib import Path

from striprtf.striprtf import font_table_group, rtf_to_text

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, over_limit
from newsline.ingest.text import looks_garbled, normalise_newlines
from newsline.ingest.txt import parse_text

MAX_RTF_BYTES = 16 * 2**20
MAX_FONT_TABLE_CHARS = 65_536
_MAX_FONT_LINE = 4_096
_FLDINST = re.compile(r"\\fldinst\{", re.IGNORECASE)
_RTF_FIX = "give an RTF file (save it again from the program that made it)"


def rtf_plain_text(data: bytes, source: str) -> str:
    """The text of an RTF file's bytes; raises InputError when it is no RTF or unreadable."""
    raw = data.decode("cp1252", errors="replace")
    if not raw.lstrip("\ufeff \t\r\n").startswith("{\\rtf"):
        raise InputError("not an RTF file (no {\\rtf header)", source, _RTF_FIX)
    fonts = font_table_group(raw)
    longest = max((len(line) for line in fonts.split("\n")), default=0)
    if len(fonts) > MAX_FONT_TABLE_CHARS or longest > _MAX_FONT_LINE:
        raise InputError(f"RTF font table of {len(fonts):,} characters is too large to read",
                         source, _RTF_FIX)
    raw = _FLDINST.sub(r"\\fldinst {", raw)
    try:
        text = rtf_to_text(raw, errors="replace")
    except Exception as err:  # striprtf on damaged RTF: bad \\u values, unknown code pages
        raise InputError(f"RTF could not be read: {type(err).__name__}: {err}"[:300], source,
                         _RTF_FIX) from None
    lines = [line.rstrip().removesuffix("|") for line in normalise_newlines(text).split("\n")]
    return "\n".join(lines)


def read_rtf(path: Path, source: str) -> ReadResult:
    """Read one .rtf file: one article, or the articles of a Factiva or Nexis download."""
    size = path.stat().st_size
    if size > MAX_RTF_BYTES:
        return ReadResult([], [over_limit("RTF file", size, MAX_RTF_BYTES, "byte", source)])
    data = path.read_bytes()
    if not data.strip():
        return ReadResult([], [InputError("file is empty", source, _RTF_FIX)])
    try:
        text = rtf_plain_text(data, source)
    except InputError as err:
        return ReadResult([], [err])
    if looks_garbled(text):
        return ReadResult([], [InputError("binary data, not RTF text", source, _RTF_FIX)])
    return parse_text(text, source)
