"""Event mentions from the dependency parse: trigger, type, participants, place, time,
modality and attribution.

A first, transparent version: a trigger lexicon per event type (lemma and part of speech),
then the trigger's syntactic neighbourhood decides who did what where, and the words that
govern it (will, plans to, is expected to, did not, reportedly, said) decide the modality.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsline.analyze import participants
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
from newsline.analyze.nlp import doc_text
from newsline.model import EventMention, Mention, Participant, Timex

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


def _not_yet(tok: Token) -> bool:
    """"has yet to visit" / "is yet to meet", and governors that undo the event."""
    for g in [tok, *_governors(tok)[:2]]:
        if g.i > 0 and g.doc[g.i - 1].lower_ == "to" and g.i > 1 and (
                g.doc[g.i - 2].lower_ == "yet"):
            return True
        if (g is not tok and g.lemma_.lower() in NEGATING_GOVERNORS and g.pos_ == "VERB"
                and (g.lemma_.lower() != "call" or any(c.lower_ == "off" for c in g.children))):
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


def _span_mentions(tok: Token, mentions: list[Mention]) -> list[int]:
    """Indexes of mentions inside the subtree of ``tok`` (conjuncts included)."""
    left = tok.left_edge.idx
    right = tok.right_edge.idx + len(tok.right_edge)
    # a participant's subtree can hold a relative clause; keep the mentions near its head
    return [i for i, m in enumerate(mentions) if m.start >= left and m.end <= right]


def _head_verb(tok: Token) -> Token:
    """The verb that governs a noun trigger ("held talks", "made a visit", "the trip was ...")."""
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _participants(
    tok: Token, kind: str, mentions: list[Mention]
) -> tuple[list[Participant], list[int]]:
    """Who did what to whom, where (:func:`newsline.analyze.participants.roles`)."""
    return participants.roles(tok, kind, mentions)


def _governors(tok: Token) -> list[Token]:
    out = []
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def _modality(tok: Token, sent_tokens: list[Token]) -> str:
    kids = list(tok.children)
    verb = tok if tok.pos_ == "VERB" else _head_verb(tok)
    verb_kids = list(verb.children) if verb is not tok else kids
    lowers = {t.lower_ for t in sent_tokens}

    if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in kids + verb_kids):
        return "negated"
    if _not_yet(tok):
        return "negated"
    if any(c.lower_ == "no" and c.dep_ == "det" for c in kids):
        return "negated"
    if lowers & RUMOUR_WORDS:
        return "rumoured"
    govs = [tok, *_governors(tok)]
    if tok.pos_ != "VERB" and any(c.lower_ in PLANNED_MODIFIERS for c in kids):
        return "planned"
    for g in govs[:4]:
        g_kids = list(g.children)
        if any(c.lower_ == "if" and c.dep_ == "mark" for c in g_kids):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in g_kids):
            return "hypothetical"
        lemma = g.lemma_.lower()
        if lemma in EXPECT_GOVERNORS:
            return "expected"
        if lemma in PLAN_GOVERNORS and g is not tok:
            return "planned"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in g_kids):
            return "planned"
        # "is to visit", "are due to meet"
        if g is not tok and g.lemma_ == "be" and tok.dep_ == "xcomp":
            return "planned"
        if lemma in SPEECH_VERBS and g is not tok:
            return "reported"
        if g.pos_ == "VERB" and g is not tok and g.dep_ == "ROOT":
            break
    return "asserted"


def _attribution(tok: Token, sent_tokens: list[Token], mentions: list[Mention]) -> str | None:
    for t in sent_tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            for pobj in to.children:
                if pobj.dep_ == "pobj":
                    return _describe(pobj, mentions)
    for g in _governors(tok):
        if g.lemma_.lower() in SPEECH_VERBS:
            for child in g.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return _describe(child, mentions)
    return None


def _describe(tok: Token, mentions: list[Mention]) -> str:
    """The entity named in a subtree, else the subtree's words ("Japanese media")."""
    idx = _span_mentions(tok, mentions)
    head = [i for i in idx if mentions[i].start <= tok.idx < mentions[i].end]
    if head:  # the subject is a name ("Xinhua"), not a phrase around one ("Japanese media")
        return mentions[head[0]].text
    words = [t.text_with_ws for t in tok.subtree]
    return "".join(words).strip()[:80]


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


def _attached(root: Token, anchors: set[int]) -> bool:
    """True when the time phrase headed by ``root`` modifies an anchor, not an object."""
    node = root
    for _ in range(5):
        if node.i in anchors:
            return True
        if node.head.i == node.i or node.dep_ not in TIME_LINKS | {"dobj", "obj"}:
            return False
        if node.dep_ == "prep" and node.lower_ not in TIME_PREPS:
            return False
        # an object's modifiers are not the event's time, except a proper name's, which is a
        # parser's misattachment ("visited Washington on Tuesday")
        if node.dep_ in ("dobj", "obj") and node is not root and node.pos_ != "PROPN":
            return False
        node = node.head
    return node.i in anchors


def _time(tok: Token, sent: tuple[int, int], timexes: list[Timex]) -> int | None:
    """The time expression that is syntactically the event's time, else None (the article's
    date then stands for it): "met on Tuesday", "will visit next week", "last week's summit",
    never "announced it lost $6 billion in the first quarter"."""
    doc = tok.doc
    anchors = _anchors(tok)
    best: tuple[int, int] | None = None
    for i, t in enumerate(timexes):
        if not (t.start >= sent[0] and t.end <= sent[1] and t.type in ("DATE", "TIME")):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if tok.i in range(span.start, span.end):
            continue
        if _attached(span.root, anchors):
            dist = abs(t.start - tok.idx)
            if best is None or dist < best[1]:
                best = (i, dist)
    return best[0] if best else None


def event_mentions(
    doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention], timexes: list[Timex]
) -> list[EventMention]:
    out: list[EventMention] = []
    text = doc_text(doc)
    for s_idx, sent_span in enumerate(doc.sents):
        tokens = list(sent_span)
        bounds = (sent_span.start_char, sent_span.end_char)
        for idx, (s0, s1) in enumerate(sents):
            if s0 >= bounds[0] and s1 <= bounds[1]:
                bounds, s_idx = (s0, s1), idx
                break
        for tok in tokens:
            kind = _trigger_type(tok)
            if kind is None:
                continue
            people, places = _participants(tok, kind, mentions)
            out.append(
                EventMention(
                    start=bounds[0], end=bounds[1], quote=text[bounds[0]:bounds[1]],
                    trigger_start=tok.idx, trigger_end=tok.idx + len(tok), trigger=tok.text,
                    type=kind, modality=_modality(tok, tokens),
                    participants=people, places=places,
                    time=_time(tok, bounds, timexes),
                    attributed_to=_attribution(tok, tokens, mentions), sentence=s_idx,
                )
            )
    return out
