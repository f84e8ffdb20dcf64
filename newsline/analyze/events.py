"""Event mentions from the dependency parse: trigger, type, time, modality and attribution.

A first, transparent version: a trigger lexicon per event type (lemma and part of speech),
then the words that govern it (will, plans to, is expected to, did not, reportedly, said)
decide the modality. Who did what where is the participants stage's
(:func:`newsline.analyze.participants.assign`), once every event mention is known.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from newsline.analyze.events_lexicon import (
    DISPATCHED,
    NAMED_ROLES,
    NOUN_TRIGGERS,
    PLURAL_ONLY,
    SIGNED,
    VERB_TRIGGERS,
    WEAPON_TEST_NOUNS,
    WEAPON_TEST_VERBS,
    WEAPONS,
)
from newsline.analyze.index import Sentences, Spans, sent_bounds
from newsline.analyze.nlp import doc_text
from newsline.model import EventMention, Mention, Timex

PLACE_TYPES = {"GPE", "LOC", "FAC"}
AGENT_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
SPEECH_VERBS = {
    "say", "tell", "report", "state", "claim", "confirm", "add", "announce", "write",
    "quote", "insist", "note", "explain", "according",
}
PLAN_GOVERNORS = {"plan", "schedule", "intend", "set", "due", "prepare", "aim", "agree", "decide"}
EXPECT_GOVERNORS = {"expect", "likely", "anticipate", "predict", "hope"}
RUMOUR_WORDS = {"reportedly", "allegedly", "rumour", "rumor", "rumoured", "rumored",
                "speculation", "purportedly", "supposedly"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PLANNED_MODIFIERS = {"planned", "upcoming", "scheduled", "proposed", "forthcoming", "future"}
NEGATIONS = {"not", "n't", "never", "no"}
# "has yet to visit", "failed to meet", "called off the visit": it has not happened
NEGATING_GOVERNORS = {"fail", "refuse", "decline", "cancel", "scrap", "postpone", "delay",
                      "call", "abandon", "skip", "avoid"}


# how the event (or the phrase holding it) hangs on a negating governor for the governor to
# undo it: its complement ("refused to meet", "cancelled the visit", "the visit was
# postponed"), or the subject of "fail" ("the bid failed"); never a clause beside it ("sales
# declined 8%, as the company faced a recall")
_UNDONE = frozenset({"xcomp", "ccomp", "dobj", "obj", "nsubjpass"})
# two steps up, only what a plan or attempt is for ("cancelled plans to visit", "a plot to
# kill him failed"), never what was not predicted ("declined to predict when it would return")
_CONTENT = frozenset({"acl", "xcomp", "compound"})


def _not_yet(tok: Token, look: Lookup) -> bool:
    """"has yet to visit" / "is yet to meet", and governors that undo the event."""
    path = [tok, *_governors(tok)[:2]]
    for k, g in enumerate(path):
        if g.i > 0 and g.doc[g.i - 1].lower_ == "to" and g.i > 1 and (
                g.doc[g.i - 2].lower_ == "yet"):
            return True
        lemma = g.lemma_.lower()
        if (k and lemma in NEGATING_GOVERNORS and g.pos_ == "VERB"
                and (lemma != "call" or look.kids(g).off)
                and (path[k - 1].dep_ in _UNDONE or lemma == "fail"
                     and path[k - 1].dep_ == "nsubj")
                and (k == 1 or path[0].dep_ in _CONTENT)):
            return True
    return False


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]


def _mentions_weapon(tok: Token) -> bool:
    words = {t.lemma_.lower() for o in _objects(tok) for t in o.subtree}
    words |= {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
    return bool(words & WEAPONS)


def _trigger_type(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        if lemma in WEAPON_TEST_VERBS and _mentions_weapon(tok):
            return "weapons-test"
        kind = VERB_TRIGGERS.get(lemma)
        objs = _objects(tok)
        objects = {o.lemma_.lower() for o in objs}
        if lemma == "send" and not objects & DISPATCHED:
            return None
        if lemma == "name" and not any(c.dep_ in NAMED_ROLES for c in tok.children):
            return None
        if lemma == "sign" and not objects & SIGNED:
            return None
        return kind
    if tok.pos_ in ("NOUN", "PROPN"):
        if lemma in WEAPON_TEST_NOUNS and _mentions_weapon(tok):
            return "weapons-test"
        if lemma in PLURAL_ONLY and tok.tag_ != "NNS":
            return None
        return NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(tok.lower_)
    return None


_HEAD_VERBS = "newsline_head_verbs"


def _head_verb(tok: Token) -> Token:
    """The verb that governs a noun trigger ("held talks", "made a visit", "the trip was ..."):
    the nearest verb above it, else the root. Each climb is remembered for the document, as
    every noun of a long chain ("the friend of the son of the ...") would climb it again."""
    doc = tok.doc
    memo: dict[int, int] = doc.user_data.setdefault(_HEAD_VERBS, {})
    path = []
    node = tok
    while node.i not in memo and node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        path.append(node.i)
        node = node.head
    top = memo.get(node.i, node.i)
    for i in path:
        memo[i] = top
    return doc[top]


def _governors(tok: Token) -> list[Token]:
    out = []
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def _modality(tok: Token, look: Lookup) -> str:
    kids = list(tok.children)
    verb = tok if tok.pos_ == "VERB" else _head_verb(tok)

    if look.kids(tok).negated or (verb is not tok and look.kids(verb).negated):
        return "negated"
    if _not_yet(tok, look):
        return "negated"
    if any(c.lower_ == "no" and c.dep_ == "det" for c in kids):
        return "negated"
    if look.rumoured(tok):
        return "rumoured"
    govs = [tok, *_governors(tok)]
    if tok.pos_ != "VERB" and any(c.lower_ in PLANNED_MODIFIERS for c in kids):
        return "planned"
    for g in govs[:4]:
        g_kids = look.kids(g)
        if g_kids.if_mark or g_kids.hypothetical:
            return "hypothetical"
        lemma = g.lemma_.lower()
        if lemma in EXPECT_GOVERNORS:
            return "expected"
        if lemma in PLAN_GOVERNORS and g is not tok:
            return "planned"
        if g_kids.future:
            return "planned"
        # "is to visit", "are due to meet"
        if g is not tok and g.lemma_ == "be" and tok.dep_ == "xcomp":
            return "planned"
        if lemma in SPEECH_VERBS and g is not tok:
            return "reported"
        if g.pos_ == "VERB" and g is not tok and g.dep_ == "ROOT":
            break
    return "asserted"


def _attribution(tok: Token, look: Lookup) -> str | None:
    found = look.according(tok)
    if found is not None:
        return found
    for g in _governors(tok):
        if g.lemma_.lower() in SPEECH_VERBS:
            for child in g.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return look.describe(child)
    return None


def _according(sent: list[Token], look: Lookup) -> str | None:
    """Who the sentence's "according to" names, if it has one."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            for pobj in to.children:
                if pobj.dep_ == "pobj":
                    return look.describe(pobj)
    return None


DESCRIPTION_CHARS = 80


def _describe(tok: Token, mentions: list[Mention], spans: Spans) -> str:
    """The entity named in a subtree, else the subtree's words ("Japanese media")."""
    left = tok.left_edge.idx
    right = tok.right_edge.idx + len(tok.right_edge)
    head = [i for i in spans.covering(tok.idx)
            if mentions[i].start >= left and mentions[i].end <= right]
    if head:  # the subject is a name ("Xinhua"), not a phrase around one ("Japanese media")
        return mentions[head[0]].text
    # the first words only: a subtree can be a whole (very long) sentence
    text = ""
    for t in tok.subtree:
        text += t.text_with_ws
        rest = text.lstrip()
        if len(rest) > DESCRIPTION_CHARS and not rest[DESCRIPTION_CHARS:].isspace():
            break
    return text.strip()[:DESCRIPTION_CHARS]


class Kids(NamedTuple):
    """What the modality reads in a word's dependents."""

    negated: bool  # "not", "never", a negation
    if_mark: bool  # "if"
    hypothetical: bool  # "would", "could", ...
    future: bool  # "will", "shall"
    off: bool  # "called off"


def _kids(tok: Token) -> Kids:
    kids = list(tok.children)
    return Kids(
        any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in kids),
        any(c.lower_ == "if" and c.dep_ == "mark" for c in kids),
        any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in kids),
        any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids),
        any(c.lower_ == "off" for c in kids))


class Lookup:
    """What the event stages look up for the triggers of one document, made once: the
    mentions and time expressions by position, and what a sentence says for all its triggers
    (a rumour word, an "according to"), so that no trigger scans the document or its
    sentence (a 40,000-word "sentence" of a text without full stops)."""

    def __init__(self, doc: Doc, mentions: list[Mention], timexes: list[Timex],
                 sents: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.spans = Spans(mentions)
        self.times = Times(doc, timexes)
        self.sentences = Sentences(sents)
        self._rumoured: dict[int, bool] = {}
        self._according: dict[int, str | None] = {}
        self._described: dict[int, str] = {}
        self._kids: dict[int, Kids] = {}

    def kids(self, tok: Token) -> Kids:
        """What the dependents of ``tok`` say, read once per word (a governor can have
        thousands in a text without full stops)."""
        got = self._kids.get(tok.i)
        if got is None:
            got = self._kids[tok.i] = _kids(tok)
        return got

    def rumoured(self, tok: Token) -> bool:
        """Whether the sentence of ``tok`` holds a rumour word ("reportedly")."""
        start, end = sent_bounds(tok)
        got = self._rumoured.get(start)
        if got is None:
            got = any(t.lower_ in RUMOUR_WORDS for t in self.doc[start:end])
            self._rumoured[start] = got
        return got

    def according(self, tok: Token) -> str | None:
        start, end = sent_bounds(tok)
        if start not in self._according:
            self._according[start] = _according(list(self.doc[start:end]), self)
        return self._according[start]

    def describe(self, tok: Token) -> str:
        got = self._described.get(tok.i)
        if got is None:
            got = _describe(tok, self.mentions, self.spans)
            self._described[tok.i] = got
        return got


# how many time expressions either side of a trigger in its sentence may be its time
TIME_WINDOW = 16


class Times:
    """The DATE and TIME expressions of a document, by position, and the tokens each may
    modify (read once per expression, not once per event near it)."""

    def __init__(self, doc: Doc, timexes: list[Timex]) -> None:
        self.doc = doc
        self.timexes = timexes
        self._ids = [i for i, t in enumerate(timexes) if t.type in ("DATE", "TIME")]
        self._spans = Spans([timexes[i] for i in self._ids])
        self._phrases: dict[int, tuple[int, int, tuple[int, ...]] | None] = {}

    def phrase(self, i: int) -> tuple[int, int, tuple[int, ...]] | None:
        """The token range of expression ``i`` and what its head may modify
        (:func:`_climb`); None where it covers no token."""
        if i not in self._phrases:
            t = self.timexes[i]
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            self._phrases[i] = (None if span is None or len(span) == 0
                                else (span.start, span.end, _climb(span.root)))
        return self._phrases[i]

    def near(self, char: int, sent: tuple[int, int]) -> list[int]:
        """Indexes of the DATE and TIME expressions inside ``sent``, at most
        :data:`TIME_WINDOW` either side of ``char``, in order."""
        items = self._spans.items
        return [self._ids[j] for j in self._spans.nearest(char, sent[0], sent[1], TIME_WINDOW)
                if items[j].end <= sent[1]]


TIME_PREPS = {"on", "in", "at", "during", "by", "since", "until", "till", "from", "before",
              "after", "throughout", "over", "between", "around", "within", "for", "as", "of"}
# links a time phrase may climb to reach the event: modifiers and prepositional phrases
TIME_LINKS = {"npadvmod", "tmod", "obl", "advmod", "prep", "pobj", "nmod", "compound", "appos",
              "amod", "nummod", "conj", "cc", "poss", "quantmod", "det", "case"}


def _anchors(tok: Token) -> set[int]:
    """Tokens a time phrase must hang from to be the event's time: the trigger, the verb that
    governs a noun trigger, the verb whose complement it is ("plans to visit next week")."""
    out = {tok.i}
    if tok.pos_ != "VERB":
        verb = _head_verb(tok)
        if verb is not tok and tok.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr"):
            out.add(verb.i)
    if tok.dep_ in ("xcomp", "aux") or (tok.dep_ == "ccomp" and tok.head.lemma_ == "be"):
        out.add(tok.head.i)
    return out


_CLIMB_DEPS = TIME_LINKS | {"dobj", "obj"}


def _climb(root: Token) -> tuple[int, ...]:
    """The tokens from ``root`` up that the time phrase headed by it may modify: it climbs
    five links at most, along modifiers and prepositional phrases only."""
    tested = []
    node = root
    for _ in range(5):
        tested.append(node.i)
        if node.head.i == node.i or node.dep_ not in _CLIMB_DEPS:
            return tuple(tested)
        if node.dep_ == "prep" and node.lower_ not in TIME_PREPS:
            return tuple(tested)
        # an object's modifiers are not the event's time, except a proper name's, which is a
        # parser's misattachment ("visited Washington on Tuesday")
        if node.dep_ in ("dobj", "obj") and node is not root and node.pos_ != "PROPN":
            return tuple(tested)
        node = node.head
    tested.append(node.i)
    return tuple(tested)


def _attached(root: Token, anchors: set[int]) -> bool:
    """True when the time phrase headed by ``root`` modifies an anchor, not an object."""
    return any(i in anchors for i in _climb(root))


def _time(tok: Token, sent: tuple[int, int], times: Times) -> int | None:
    """The time expression that is syntactically the event's time, else None (the article's
    date then stands for it): "met on Tuesday", "will visit next week", "last week's summit",
    never "announced it lost $6 billion in the first quarter". The nearest that is attached,
    of the :data:`TIME_WINDOW` either side of the trigger in its sentence."""
    anchors = _anchors(tok)
    best: tuple[int, int] | None = None
    for i in times.near(tok.idx, sent):
        t = times.timexes[i]
        phrase = times.phrase(i)
        if phrase is None:
            continue
        start, end, climb = phrase
        if start <= tok.i < end:
            continue
        if any(j in anchors for j in climb):
            dist = abs(t.start - tok.idx)
            if best is None or dist < best[1]:
                best = (i, dist)
    return best[0] if best else None


def event_mentions(
    doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention], timexes: list[Timex]
) -> list[EventMention]:
    out: list[EventMention] = []
    text = doc_text(doc)
    look = Lookup(doc, mentions, timexes, sents)
    for s_idx, sent_span in enumerate(doc.sents):
        bounds = (sent_span.start_char, sent_span.end_char)
        idx = look.sentences.first_within(*bounds)
        if idx is not None:
            bounds, s_idx = sents[idx], idx
        for tok in sent_span:
            kind = _trigger_type(tok)
            if kind is None:
                continue
            out.append(
                EventMention(
                    start=bounds[0], end=bounds[1], quote=text[bounds[0]:bounds[1]],
                    trigger_start=tok.idx, trigger_end=tok.idx + len(tok), trigger=tok.text,
                    type=kind, modality=_modality(tok, look),
                    time=_time(tok, bounds, look.times),
                    attributed_to=_attribution(tok, look), sentence=s_idx,
                )
            )
    return out
