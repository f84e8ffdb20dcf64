"""Sentences and entity mentions from a parsed document.

spaCy's NER labels are mapped to the contract's entity types; numeric and temporal labels are
left to the time-expression stage. Spans are trimmed of leading determiners and trailing
possessives ("the White House's" -> "White House") so the same entity gets the same surface form
wherever it appears; offsets stay exact.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsline.analyze.roles import role_offices
from newsline.model import Mention

_QUALIFIER_TYPES = {"NORP", "GPE", "ORG", "LOC"}  # "German", "Russia's", "UN", "BP's"

LABELS: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "PRODUCT": "OTHER",
    "WORK_OF_ART": "OTHER",
    "LAW": "OTHER",
    "LANGUAGE": "OTHER",
}

_LEADING = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s*['’]s|['’])$")
_EDGE_PUNCT = " \t\n\"'“”‘’()[],.;:-–—"


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences, trimmed of surrounding whitespace."""
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip determiners, possessives and edge punctuation from ``text[start:end]``."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    m = _LEADING.match(text[start:end])  # not match(text, start): "^" holds at 0 only
    if m and start + m.end() < end:
        start += m.end()
        while start < end and text[start] in _EDGE_PUNCT:
            start += 1
    m = _TRAILING.search(text[start:end])
    if m and m.start() > 0:
        end = start + m.start()
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def entity_mentions(doc: Doc, sents: list[tuple[int, int]]) -> list[Mention]:
    """Entity mentions in reading order, with the index of their sentence."""
    text = doc.text
    out: list[Mention] = []
    sent_idx = 0
    for ent in doc.ents:
        kind = LABELS.get(ent.label_)
        if kind is None:
            continue
        start, end = trim_span(text, ent.start_char, ent.end_char)
        if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
            continue
        while sent_idx + 1 < len(sents) and sents[sent_idx][1] <= start:
            sent_idx += 1
        out.append(Mention(start, end, text[start:end], kind, sent_idx))
    return _with_roles(doc, sents, out)


def _with_roles(doc: Doc, sents: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    """Add qualified office titles ("the German chancellor") as PERSON mentions; the country
    or body word inside one ("German") is part of the title, not a mention of its own."""
    text = doc.text
    roles = []
    for chunk in doc.noun_chunks:
        if not chunk.root.text[:1].isalpha():
            continue
        start, end = trim_span(text, chunk.start_char, chunk.end_char)
        if not role_offices(text[start:end]):
            continue
        inside = [m for m in found if m.start < end and start < m.end]
        if any(m.type not in _QUALIFIER_TYPES or m.start < start or m.end > end
               for m in inside):
            continue  # "German Chancellor Angela Merkel": the name is the mention
        sent = next((i for i, (s, e) in enumerate(sents) if s <= start < e), 0)
        roles.append(Mention(start, end, text[start:end], "PERSON", sent))
    if not roles:
        return found
    kept = [m for m in found if not any(r.start <= m.start and m.end <= r.end for r in roles)]
    return sorted([*kept, *roles], key=lambda m: (m.start, m.end))
