"""Event mentions from the dependency parse: trigger, type, participants, place, time,
modality and attribution.

A first, transparent version: a trigger lexicon per event type (lemma and part of speech),
then the trigger's syntactic neighbourhood decides who did what where, and the words that
govern it (will, plans to, is expected to, did not, reportedly, said) decide the modality.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from newsline.model import EventMention, Mention, Participant, Timex

# lemma -> event type, by part of speech.
VERB_TRIGGERS: dict[str, str] = {
    "visit": "visit", "tour": "visit", "travel": "visit",
    "meet": "meeting", "confer": "meeting",
    "invite": "invitation",
    "announce": "announcement", "unveil": "announcement",
    "dispatch": "dispatch", "deploy": "dispatch", "send": "dispatch",
}
NOUN_TRIGGERS: dict[str, str] = {
    "visit": "visit", "trip": "visit", "tour": "visit",
    "meeting": "meeting", "summit": "meeting", "talk": "meeting", "talks": "meeting",
    "invitation": "invitation",
    "announcement": "announcement",
    "dispatch": "dispatch", "deployment": "dispatch",
}
# "send" only counts as a dispatch when what is sent is people or forces.
DISPATCHED = {
    "troop", "troops", "soldier", "force", "envoy", "delegation", "ship", "warship", "team",
    "mission", "aid", "jet", "aircraft", "marine", "police", "peacekeeper", "minister",
    "official", "representative", "diplomat", "unit", "battalion", "navy", "army",
}
# "talk" is a meeting only in the plural noun sense ("held talks").
PLURAL_ONLY = {"talk"}

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


def _trigger_type(tok: Token) -> str | None:
    if tok.pos_ == "VERB":
        kind = VERB_TRIGGERS.get(tok.lemma_.lower())
        if kind == "dispatch" and tok.lemma_.lower() == "send":
            objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
            if not any(o.lemma_.lower() in DISPATCHED for o in objs):
                return None
        return kind
    if tok.pos_ in ("NOUN", "PROPN"):
        lemma = tok.lemma_.lower()
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
    while node.pos_ not in ("VERB", "AUX") and node.head is not node:
        node = node.head
    return node


def _participants(
    tok: Token, kind: str, mentions: list[Mention]
) -> tuple[list[Participant], list[int]]:
    people: list[Participant] = []
    places: list[int] = []
    seen: set[int] = set()

    def add(idx: Iterable[int], role: str) -> None:
        for i in idx:
            if i in seen:
                continue
            seen.add(i)
            if mentions[i].type in PLACE_TYPES and role in ("place", "destination", "patient"):
                places.append(i)
            elif mentions[i].type in AGENT_TYPES or mentions[i].type == "OTHER":
                people.append(Participant(i, role))

    def preps(node: Token) -> None:
        for child in node.children:
            if child.dep_ == "prep":
                word = child.lower_
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if word in ("to", "in", "at", "into", "on"):
                        add(_span_mentions(pobj, mentions), "place")
                    elif word in ("with", "between", "among"):
                        add(_span_mentions(pobj, mentions), "partner")
                    elif word == "by":
                        add(_span_mentions(pobj, mentions), "agent")
            elif child.dep_ == "agent":
                for pobj in child.children:
                    add(_span_mentions(pobj, mentions), "agent")

    if tok.pos_ == "VERB":
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                add(_span_mentions(child, mentions), "agent")
            elif child.dep_ == "nsubjpass":
                role = "invitee" if kind == "invitation" else "patient"
                add(_span_mentions(child, mentions), role)
            elif child.dep_ in ("dobj", "obj"):
                role = {"visit": "destination", "meeting": "partner", "invitation": "invitee",
                        "dispatch": "dispatched"}.get(kind, "patient")
                add(_span_mentions(child, mentions), role)
        preps(tok)
        # "X and Y agreed to meet": the subject sits on the governing verb
        if not any(p.role == "agent" for p in people) and tok.dep_ in ("xcomp", "advcl"):
            for child in tok.head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    add(_span_mentions(child, mentions), "agent")
    else:
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                add(_span_mentions(child, mentions), "agent")
        preps(tok)
        verb = _head_verb(tok)
        if verb is not tok and tok.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr"):
            for child in verb.children:
                if child.dep_ in ("nsubj",) and child is not tok:
                    add(_span_mentions(child, mentions), "agent")
            preps(verb)
    return people, places


def _governors(tok: Token) -> list[Token]:
    out = []
    node = tok
    for _ in range(6):
        if node.head is node:
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
    if idx:
        return mentions[idx[0]].text
    words = [t.text_with_ws for t in tok.subtree]
    return "".join(words).strip()[:80]


def _time(tok: Token, sent: tuple[int, int], timexes: list[Timex]) -> int | None:
    verb = tok if tok.pos_ == "VERB" else _head_verb(tok)
    left, right = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
    in_sent = [
        (i, t) for i, t in enumerate(timexes)
        if t.start >= sent[0] and t.end <= sent[1] and t.type in ("DATE", "TIME")
    ]
    if not in_sent:
        return None
    inside = [(i, t) for i, t in in_sent if t.start >= left and t.end <= right]
    pool = inside or in_sent
    return min(pool, key=lambda it: abs(it[1].start - tok.idx))[0]


def event_mentions(
    doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention], timexes: list[Timex]
) -> list[EventMention]:
    out: list[EventMention] = []
    text = doc.text
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
