"""Broad event triggers, and what the cross-document event linker reads about each mention.

The typed triggers of :mod:`newsline.analyze.events` (visits, meetings, attacks, ...) say what
a timeline summarises; the linker needs more: whatever happens in a sentence may be the
happening another article reports. So every non-auxiliary verb outside :data:`SKIP_VERBS` and
every event noun (:func:`~newsline.analyze.events_lexicon.is_event_noun`) is an event mention
too, of type ``other`` and marked ``broad``, with the same time and modality as a typed one
(and the participants and places that the participants stage gives every mention). Triggers
a caller gives (a benchmark's gold mentions) are events by assertion: typed where the lexicon
types them, else ``other``, never broad.

Each mention then gets its head lemma, part of speech, concept keys and a small context window;
each sentence its content lemmas, names, numbers and the words of the people, places and
times spaCy's entities name there (:class:`~newsline.model.SentenceCues`). That is all the
learned linker (:mod:`newsline.corpus.events_link`) reads: no spaCy object leaves the analysis.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from newsline.analyze import events as typed
from newsline.analyze.events import Lookup
from newsline.analyze.events_lexicon import (
    CONCEPTS,
    EVENT_ADJECTIVES,
    STOP,
    concepts_of,
    is_event_noun,
)
from newsline.analyze.index import sent_bounds, sent_of
from newsline.analyze.nlp import doc_text
from newsline.model import EventMention, Mention, SentenceCues, Timex

# verbs that name no happening of their own ("was", "had", "made")
SKIP_VERBS = frozenset({"be", "have", "do", "get", "make", "take", "go", "come"})
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "NUM"})
# spaCy's entity labels -> the argument kind their words count as
ARGUMENT_KINDS = {"PERSON": "people", "ORG": "people", "NORP": "people", "GPE": "places",
                  "LOC": "places", "FAC": "places", "DATE": "times", "TIME": "times"}
WINDOW = 5  # tokens either side of a mention
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")
_MARKS = re.compile(r"[^a-z0-9\-]")


def numbers_of(text: str) -> list[str]:
    """Numbers written with digits, normalised: "6.1" and "6,1" read alike, "1,000" as 1000."""
    out = set()
    for n in _NUMBER.findall(text):
        if re.fullmatch(r"\d{1,3}(,\d{3})+", n):
            n = n.replace(",", "")
        out.add(n.replace(",", "."))
    return sorted(out)


def words_of(text: str) -> list[str]:
    """The lower-case words of a phrase, stop words left out."""
    return sorted({w.lower() for w in _WORD.findall(text) if w.lower() not in STOP})


# a light verb and its object make one happening: "opened fire", "took place", "paid tribute"
IDIOM_OBJECTS = frozenset({"fire", "place", "tribute", "ways", "office", "hostage"})
_INFLECTIONS = (("ies", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ied", "y"), ("ed", ""),
                ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))


def _in_headline(tok: Token) -> bool:
    """Whether the words around ``tok`` are in title case ("Actress Dies In Crash"), as in a
    headline, where spaCy tags verbs as names; a headline often shares its parsed sentence
    with the text after it, so only the neighbours count."""
    start, end = sent_bounds(tok)
    near = tok.doc[max(tok.i - 4, start):min(tok.i + 5, end)]
    words = [t for t in near if t.is_alpha and len(t) > 3 and t.i != tok.i]
    return len(words) >= 2 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def _happening_word(word: str) -> str | None:
    """The lemma of an inflected word of happening ("dies" -> "die"), if it is one."""
    for cand in [word] + [word[: -len(a)] + b for a, b in _INFLECTIONS
                          if word.endswith(a) and len(word) - len(a) + len(b) >= 3]:
        if cand in CONCEPTS or is_event_noun(cand):
            return cand
    return None


def event_lemma(tok: Token) -> str:
    """A trigger's lemma; a capitalised verb of a headline tagged as a name gets its own, and
    a name's spelling loses its marks and plural ("#Oscars", "Oscars®" -> "oscar")."""
    if tok.pos_ == "NOUN" and not is_event_noun(tok.lemma_.lower()):
        found = _headline_word(tok)
        if found:
            return found
    if tok.pos_ == "PROPN":
        word = _MARKS.sub("", tok.lower_) or tok.lower_
        found = _happening_word(word)
        if found:
            return found
        return word[:-1] if len(word) > 3 and word.endswith("s") and word[-2] not in "su" \
            else word
    return tok.lemma_.lower() or tok.lower_


def is_broad_trigger(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        if tok.dep_ in ("aux", "auxpass"):
            return False
        return lemma not in SKIP_VERBS or _idiom_object(tok) is not None
    if tok.pos_ == "NOUN" and is_event_noun(lemma):
        return True
    if tok.pos_ == "ADJ":
        return tok.lower_ in EVENT_ADJECTIVES
    return tok.pos_ in ("NOUN", "PROPN") and _headline_word(tok) is not None


def _headline_word(tok: Token) -> str | None:
    """The lemma of a word of happening in a headline that spaCy misread as a name or a noun
    ("Actress Dies In Crash": "Dies" as a name, or a noun of lemma "dy")."""
    if not tok.is_title or tok.ent_type_ in ("PERSON", "GPE") or not _in_headline(tok):
        return None
    return _happening_word(tok.lower_)


def _idiom_object(tok: Token) -> Token | None:
    """The object that makes one happening with its verb, right after it ("opened fire")."""
    if tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]
        if nxt.head.i == tok.i and nxt.dep_ == "dobj" and nxt.lower_ in IDIOM_OBJECTS:
            return nxt
    return None


def trigger_end(tok: Token) -> Token:
    """The last token of the trigger headed by ``tok``: a phrasal verb's particle ("pulled
    over"), a light verb's object ("opened fire"), the "to" of "according to"."""
    last = tok
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == last.i + 1:
            last = child
    if last is tok and tok.pos_ == "VERB":
        obj = _idiom_object(tok)
        if obj is not None:
            return obj
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) \
                and tok.doc[tok.i + 1].lower_ == "to":
            return tok.doc[tok.i + 1]
    return last


def _sentence_index(starts: list[int], char: int) -> int:
    """The sentence holding ``char`` (``starts``: the sentences' first characters)."""
    return max(bisect.bisect_right(starts, char) - 1, 0)


def _mention(tok: Token, start: int, end: int, kind: str, bounds: tuple[int, int],
             s_idx: int, look: Lookup) -> EventMention:
    """An event mention with ``tok`` as its head, the way :mod:`events` makes typed ones."""
    text = doc_text(tok.doc)
    return EventMention(
        start=bounds[0], end=bounds[1], quote=text[bounds[0]:bounds[1]],
        trigger_start=start, trigger_end=end, trigger=text[start:end], type=kind,
        modality=typed._modality(tok, look), time=typed._time(tok, bounds, look.times),
        attributed_to=typed._attribution(tok, look), sentence=s_idx)


def _bounds(sent: Span, sents: list[tuple[int, int]], starts: list[int]
            ) -> tuple[tuple[int, int], int]:
    s_idx = _sentence_index(starts, sent.start_char)
    if sents and sents[s_idx][0] >= sent.start_char and sents[s_idx][1] <= sent.end_char:
        return sents[s_idx], s_idx
    return (sent.start_char, sent.end_char), s_idx


def broad_mentions(doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention],
                   timexes: list[Timex], found: list[EventMention]) -> list[EventMention]:
    """The broad triggers that are not typed triggers already (in ``found``), as mentions of
    type ``other``."""
    taken = {m.trigger_start for m in found}
    look = Lookup(doc, mentions, timexes, sents)
    starts = look.sentences.starts
    out = []
    for tok in doc:
        if tok.idx in taken or not is_broad_trigger(tok):
            continue
        bounds, s_idx = _bounds(sent_of(tok), sents, starts)
        last = trigger_end(tok)
        m = _mention(tok, tok.idx, last.idx + len(last), "other", bounds, s_idx, look)
        m.broad = True
        out.append(m)
    return out


def head_token(span: Span) -> Token:
    """A mention's head: its verb, else its last noun, else its last token."""
    tokens = list(span)
    for t in tokens:
        if t.pos_ == "VERB":
            return t
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ")]
    return nouns[-1] if nouns else tokens[-1]


def mentions_at(doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention],
                timexes: list[Timex], spans: list[tuple[int, int]]) -> list[EventMention]:
    """Event mentions at given character spans (a benchmark's gold triggers), typed where the
    head is a typed trigger, else ``other``; everything else as for the triggers found."""
    out = []
    look = Lookup(doc, mentions, timexes, sents)
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = head_token(span)
        kind = typed._trigger_type(tok) or "other"
        bounds, s_idx = _bounds(sent_of(tok), sents, look.sentences.starts)
        out.append(_mention(tok, start, end, kind, bounds, s_idx, look))
    return out


def add_cues(doc: Doc, sents: list[tuple[int, int]], found: list[EventMention]
             ) -> list[SentenceCues]:
    """Fill each mention's lemma, part of speech, concepts and window; return each
    sentence's cues."""
    for m in found:
        span = doc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = head_token(span)
        m.lemma = event_lemma(tok)
        m.pos = tok.pos_
        m.concepts = sorted(concepts_of(m.lemma))
        sent_start, sent_end = sent_bounds(span[0])
        near = doc[max(span.start - WINDOW, sent_start):min(span.end + WINDOW, sent_end)]
        m.window = sorted({t.lemma_.lower() for t in near
                           if not (span.start <= t.i < span.end) and t.pos_ in CONTENT_POS
                           and t.lemma_.lower() not in STOP and "\n" not in t.text})
    cues = [SentenceCues() for _ in sents]
    if not sents:
        return cues
    starts = [a for a, _ in sents]
    lemmas: list[set[str]] = [set() for _ in sents]
    names: list[set[str]] = [set() for _ in sents]
    for t in doc:
        s = _sentence_index(starts, t.idx)
        low = t.lemma_.lower()
        if t.pos_ in CONTENT_POS and low not in STOP and len(low) > 1:
            lemmas[s].add(low)
        if t.pos_ == "PROPN" and len(t.text) > 1:
            names[s].add(t.text.lower())
    args: list[dict[str, set[str]]] = [{} for _ in sents]
    for ent in doc.ents:
        kind = ARGUMENT_KINDS.get(ent.label_)
        if kind:
            s = _sentence_index(starts, ent.start_char)
            args[s].setdefault(kind, set()).update(words_of(ent.text))
    text = doc_text(doc)
    for i, (a, b) in enumerate(sents):
        cues[i] = SentenceCues(sorted(lemmas[i]), sorted(names[i]), numbers_of(text[a:b]),
                               *(sorted(args[i].get(k, ())) for k in
                                 ("people", "places", "times")))
    return cues
