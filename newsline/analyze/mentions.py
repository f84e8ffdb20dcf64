"""Sentences and entity mentions from a parsed document.

spaCy's NER labels are mapped to the contract's entity types; numeric and temporal labels are
left to the time-expression stage. Spans are trimmed of leading determiners and trailing
possessives ("the White House's" -> "White House") so the same entity gets the same surface form
wherever it appears; offsets stay exact. The NER's spans are first mended where it cuts a
name (:mod:`newsline.analyze.name_spans`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsline.analyze.index import Sentences, Spans
from newsline.analyze.name_spans import repaired_entities
from newsline.analyze.nlp import doc_text
from newsline.analyze.roles import role_offices
from newsline.model import Mention
from newsline.names import is_title

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
        text = doc_text(doc)
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
    text = doc_text(doc)
    out: list[Mention] = []
    sent_idx = 0
    for ent in repaired_entities(doc):
        kind = LABELS.get(ent.label_)
        if kind is None:
            continue
        start, end = trim_span(text, ent.start_char, ent.end_char)
        end = _with_model_number(doc, ent, end)
        if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
            continue
        while sent_idx + 1 < len(sents) and sents[sent_idx][1] <= start:
            sent_idx += 1
        out.append(Mention(start, end, text[start:end], kind, sent_idx))
    out += _brand_names(doc, sents, out)
    out += _repeated_names(doc, sents, out)
    out.sort(key=lambda m: (m.start, m.end))
    return _with_roles(doc, sents, out)


def _repeated_names(doc: Doc, sents: list[tuple[int, int]], found: list[Mention]
                    ) -> list[Mention]:
    """The other occurrences of a name the NER found once, written the same way, which it did
    not mark ("Gazprom said ..." unmarked where "a spokesman for Gazprom" is marked): a
    document names one thing one way, so each takes the name's type. An occurrence counts
    only where it is whole tokens, no mention covers it, the NER gave its words no other
    label ("May" the month beside Theresa May), and it is not part of a longer name (no
    capitalised proper noun right before or after it, no model number after it: "Boeing
    787")."""
    forms: dict[tuple[str, ...], str] = {}
    for m in found:
        span = doc.char_span(m.start, m.end)
        if span is None or not m.text[:1].isupper():
            continue
        forms.setdefault(tuple(t.text for t in span), m.type)
    if not forms:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(forms, key=len, reverse=True):
        by_first.setdefault(key[0], []).append(key)
    taken = {i for m in found for i in range(m.start, m.end)}
    sentences = Sentences(sents)
    text = doc_text(doc)
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        for key in by_first.get(doc[i].text, ()):
            j = i + len(key)
            if (j > len(doc) or tuple(t.text for t in doc[i:j]) != key
                    or any(t.ent_type_ or t.idx in taken for t in doc[i:j])
                    or not _alone(doc, i, j)):
                continue
            start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
            out.append(Mention(start, end, text[start:end], forms[key],
                               sentences.containing(start) or 0))
            i = j - 1
            break
        i += 1
    return out


def _alone(doc: Doc, i: int, j: int) -> bool:
    """Tokens ``i:j`` are not joined to a capitalised proper noun other than a title on either
    side (by a space or a hyphen) within their sentence: not a piece of a longer name."""
    def joined(k: int, step: int) -> bool:
        if not 0 <= k < len(doc) or doc[i if step < 0 else j].is_sent_start:
            return False
        if doc[k].text == "-" and k > 0 and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
            k += step
            if not 0 <= k < len(doc):
                return False
        return (doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()
                and not is_title(doc[k].lower_.rstrip(".")))
    model = j < len(doc) and not doc[j].is_sent_start and bool(_MODEL.match(doc[j].text))
    return not joined(i - 1, -1) and not joined(j, 1) and not model  # "S&P 500", "Boeing 787"


_BRAND = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]+$")  # iPhone, iPod, iTunes, eBay, iOS


def _brand_names(doc: Doc, sents: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    """Names written with a small first letter ("iPhone 4", "iPod", "eBay"), which the NER
    mostly misses, with the model number or name that follows ("iPhone 3G", "iOS 5"): typed
    OTHER, where no mention covers them."""
    taken = {i for m in found for i in range(m.start, m.end)}
    sentences = Sentences(sents)
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not _BRAND.match(tok.text) or tok.idx in taken:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (_MODEL.match(doc[j].text) or doc[j].pos_ == "PROPN") and (
                doc[j].idx not in taken and doc[j].ent_type_ in ("", "CARDINAL", "PRODUCT")
                and not doc[j].is_sent_start):
            j += 1
        first = i  # a model written before the name: "the 3G iPhone" (spaCy splits "3G")
        for k in (i - 1, i - 2):
            if k < 0 or (k == i - 2 and doc[k].whitespace_):
                break
            word = doc_text(doc)[doc[k].idx:doc[i - 1].idx + len(doc[i - 1])]
            if (_MODEL.match(word) and any(c.isdigit() for c in word)
                    and any(c.isalpha() for c in word)
                    and not taken & set(range(doc[k].idx, tok.idx))):
                first = k
        start, end = doc[first].idx, doc[j - 1].idx + len(doc[j - 1])
        sent = sentences.containing(start)
        out.append(Mention(start, end, doc_text(doc)[start:end], "OTHER", sent or 0))
        i = j
    return out


_MODEL = re.compile(r"^[A-Z]{0,2}\d{1,4}[A-Za-z]{0,2}$")  # 4, 787, A380, 225, 3G


def _with_model_number(doc: Doc, ent: Span, end: int) -> int:
    """A name's end moved past the model number or index figure that the NER left out of it
    ("iPhone 4", "Boeing 787", "Airbus A380", "CAC 40"): the next token, a bare number-like
    word attached to the name, that the NER gave no type of its own or called a cardinal."""
    if ent.label_ not in ("ORG", "PRODUCT") or ent.end >= len(doc) or end != ent.end_char:
        return end
    nxt = doc[ent.end]
    if not _MODEL.match(nxt.text) or nxt.ent_type_ not in ("", "CARDINAL"):
        return end
    if ent.end + 1 < len(doc) and doc[ent.end + 1].pos_ == "NOUN" and (
            doc[ent.end + 1].lemma_.lower() not in _MODEL_NOUNS):
        return end  # "Apple 2 percent", "Toyota 10 cars": a quantity, not a model
    attached = nxt.head.i in range(ent.start, ent.end) or any(
        t.head.i == nxt.i for t in ent)
    return nxt.idx + len(nxt) if attached and nxt.idx == end + 1 else end


_MODEL_NOUNS = {"index", "plane", "jet", "aircraft", "airliner", "phone", "handset", "model",
                "device", "series"}


_NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr",
            "ROOT")


def noun_chunks(doc: Doc) -> list[Span]:
    """``doc.noun_chunks``, in linear time: spaCy's English iterator climbs a chain of
    conjuncts from each of its words ("Apple, Google, Microsoft, ..."), quadratic in the
    chain's length; here each word's climb is remembered. The same spans, in the same order
    (another language's iterator is left as it is)."""
    from spacy.lang.en.syntax_iterators import noun_chunks as english

    if getattr(doc, "noun_chunks_iterator", None) is not english:
        return list(doc.noun_chunks)
    if not doc.has_annotation("DEP"):
        raise ValueError("noun chunks need a dependency parse")
    top: dict[int, str] = {}  # token -> the dependency of the head its conjunct chain ends in

    def chain_dep(head: Token) -> str:
        path = []
        while head.dep_ == "conj" and head.head.i < head.i and head.i not in top:
            path.append(head.i)
            head = head.head
        dep = top.get(head.i, head.dep_)
        for i in path:
            top[i] = dep
        return dep

    out = []
    prev_end = -1
    for word in doc:
        if word.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        if word.left_edge.i <= prev_end:  # no nested chunks
            continue
        if word.dep_ in _NP_DEPS or word.dep_ == "conj" and chain_dep(word.head) in _NP_DEPS:
            prev_end = word.i
            out.append(Span(doc, word.left_edge.i, word.i + 1, label="NP"))
    return out


def _with_roles(doc: Doc, sents: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    """Add qualified office titles ("the German chancellor") as PERSON mentions; the country
    or body word inside one ("German") is part of the title, not a mention of its own."""
    text = doc_text(doc)
    roles = []
    spans, sentences = Spans(found), Sentences(sents)
    for chunk in noun_chunks(doc):
        if not chunk.root.text[:1].isalpha():
            continue
        start, end = trim_span(text, chunk.start_char, chunk.end_char)
        if not role_offices(text[start:end]):
            continue
        inside = [found[i] for i in spans.overlapping(start, end)]
        if any(m.type not in _QUALIFIER_TYPES or m.start < start or m.end > end
               for m in inside):
            continue  # "German Chancellor Angela Merkel": the name is the mention
        sent = sentences.containing(start)
        roles.append(Mention(start, end, text[start:end], "PERSON", sent or 0))
    if not roles:
        return found
    within = Spans(roles)
    kept = [m for m in found if not any(r.start <= m.start and m.end <= r.end
                                        for r in (roles[i] for i in within.covering(m.start)))]
    return sorted([*kept, *roles], key=lambda m: (m.start, m.end))
