"""The tense of the sentence that holds each time expression, read once per sentence.

:func:`sentence_tenses` gives what ``newsline.analyze.sentence_tense`` gives for each
character, but reads a sentence once however many time expressions it holds: a long
"sentence" (a text without full stops) holding thousands of them made the per-timex reading
quadratic (issue 13).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from newsline.analyze.dating_clues import Tense
from newsline.analyze.index import sent_bounds


def tense_of(sent: Span) -> Tense:
    """Future, past or present: a future auxiliary ("will", "going to") anywhere in the
    sentence, else the tense of its root verb and the root's auxiliaries (past without one)."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ in ("will", "'ll", "shall") and tok.dep_ == "aux":
            return "future"
        if tok.lower_ == "going" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            return "future"
    root = sent.root
    verbs = [root, *[c for c in root.children if c.dep_ in ("aux", "auxpass")]]
    if any("Past" in v.morph.get("Tense", []) for v in verbs):
        return "past"
    if any("Pres" in v.morph.get("Tense", []) for v in verbs):
        return "present"
    return "past"


def sentence_tenses(doc: Doc, chars: Iterable[int]) -> list[Tense]:
    """The tense of the sentence holding each character (past where none holds it)."""
    memo: dict[int, Tense] = {}
    out: list[Tense] = []
    for char in chars:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            out.append("past")
            continue
        start, end = sent_bounds(span[0])
        got = memo.get(start)
        if got is None:
            got = memo[start] = tense_of(doc[start:end])
        out.append(got)
    return out
