"""Entity mentions as arguments of event words, for the per-entity timeline.

Every verb and event noun (:func:`newsline.analyze.events_lexicon.is_event_noun`; speech verbs
and "have" included, copulas and support verbs not) that has an entity mention - a name, or a
pronoun or description resolved to one (:mod:`newsline.analyze.coref`) - as an argument:

- subject, object, agent, possessor, compound or prepositional object of the word (the
  object of "with", "against" or "between" as the partner: "a dispute with Apple Corps"); a
  conjunct or an apposition takes its head's role ("Apple and Cisco sued");
- the verbs that share the argument: ``xcomp`` ("plans to build"), a ``conj`` with no subject
  of its own ("won and delivered"), a subjectless participle adjunct ("unveiled it, saying"), a
  gerund after a preposition ("started by hinting");
- the relative and participial clauses on the mention ("Jobs, who left", "Jobs, born in");
- the event noun that "be" predicates of a subject ("he would be on leave");
- the event noun that a support verb takes as object ("made an appearance", "gave a speech"),
  in the verb's place, told with the verb's tense and time.

Each argument keeps how the event is told (tense, a modal) and the time expression that is
syntactically its own (:func:`newsline.analyze.events._time`), so that the build can date it
without the parse (:mod:`newsline.entity_timeline`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from newsline.analyze.coref import PRODUCT_NOUNS
from newsline.analyze.events import Times, _head_verb, _time
from newsline.analyze.events_lexicon import is_event_noun
from newsline.analyze.index import Sentences
from newsline.analyze.nlp import doc_text
from newsline.model import Argument, Mention, Timex

ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "agent", "poss", "compound", "iobj", "attr",
            "appos", "npadvmod", "nmod"}
ROLES = {"nsubj": "agent", "agent": "agent", "poss": "agent", "nsubjpass": "patient",
         "dobj": "patient", "obj": "patient", "iobj": "patient", "attr": "patient"}
# verbs never told as an entity's event on their own (copula, support and attribution verbs)
SKIP_LEMMAS = {"be", "do", "include", "base", "know", "accord"}
# support verbs: with an event noun as object the noun is the event ("made an appearance",
# "gave a speech", "took a decision"), the verb only tells when and how it is told
LIGHT_VERBS = {"make", "take", "give", "pay"}
# the other side of what two parties do together: "a dispute with", "a lawsuit against"
PARTNER_PREPS = {"with", "against", "between"}
MODALS = {"would", "could", "may", "might", "should", "must", "can"}
FUTURE = {"will", "'ll", "shall", "wo"}


def mention_arguments(doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention],
                      timexes: list[Timex]) -> list[Argument]:
    """Every (mention, event word) pair where the mention is an argument of the word."""
    out: list[Argument] = []
    seen: set[tuple[int, int]] = set()
    sentences, times = Sentences(sents), Times(doc, timexes)
    tops: dict[int, int] = {}
    governed: dict[tuple[int, bool], list[Token]] = {}
    for i, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        for ev, role in events_of(span.root, tops, governed):
            if (i, ev.i) in seen:
                continue
            seen.add((i, ev.i))
            s = sentences.containing(ev.idx)
            time = _time(ev, sents[s], times) if s is not None else None
            told = _support(ev) or _clause_verb(ev) or ev  # "made an appearance in March"
            if time is None and told is not ev and s is not None:
                time = _time(told, sents[s], times)
            last = _particle(ev) or ev  # a phrasal verb is one event word: "took off"
            end = last.idx + len(last)
            out.append(Argument(i, role, ev.idx, end, doc_text(doc)[ev.idx:end], ev.lemma_.lower(),
                                tense(told), time, s or 0))
    out.sort(key=lambda a: (a.trigger_start, a.mention))
    return out


def _support(noun: Token) -> Token | None:
    """The support verb whose object the event noun is ("took medical leave"), if any."""
    head = noun.head
    if noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() in LIGHT_VERBS:
        return head
    return None


def _clause_verb(noun: Token) -> Token | None:
    """The verb of the clause an event noun sits in ("moved on to talk about", "in his
    speech, Jobs said"): the noun is told as its clause is."""
    if noun.pos_ != "NOUN":
        return None
    tok = _head_verb(noun.head)
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _light(verb: Token) -> bool:
    """A support verb with an event noun as its object: the noun is the event."""
    return verb.lemma_.lower() in LIGHT_VERBS and any(
        c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN" and is_event(c) for c in verb.children)


def _particle(tok: Token) -> Token | None:
    """The particle right after a phrasal verb ("took off", "step down", "showed off")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == tok.i else None


def tense(tok: Token) -> str:
    """How the event is told: past, perfect ("has sued": some time before, not said when),
    present, future, modal, or none (a noun)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return "none"
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE:
        return "future"
    if aux & MODALS:
        return "modal"
    if tok.tag_ == "VBN" and aux & {"has", "have", "'ve", "'s"} and not any(
            c.dep_ == "auxpass" for c in tok.children):
        return "perfect"
    if tok.tag_ in ("VBD", "VBN", "VBG"):
        return "past"
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    return "none"


def _chain_top(node: Token, tops: dict[int, int]) -> Token:
    """The first of the conjuncts and appositions ``node`` is one of ("Apple" for "Cisco" in
    "Apple and Cisco"); ``tops`` remembers each climb, as every member of a long list would
    otherwise climb it again."""
    doc = node.doc
    path = []
    while node.i not in tops and node.dep_ in ("conj", "appos") and node.head.pos_ in (
            "NOUN", "PROPN", "PRON"):
        path.append(node.i)
        node = node.head
    top = tops.get(node.i, node.i)
    for i in path:
        tops[i] = top
    return doc[top]


def events_of(head: Token, tops: dict[int, int] | None = None,
              governed: dict[tuple[int, bool], list[Token]] | None = None
              ) -> list[tuple[Token, str]]:
    """Event words that the mention headed by ``head`` is an argument of, with its role
    (``tops`` and ``governed``: what :func:`_chain_top` and :func:`_governed` found so far
    in the document)."""
    # a name that says which product a noun is stands for the noun phrase: "an iPod portable
    # music player, which is made by", "Apple's iPod digital music players"
    while head.dep_ == "compound" and head.head.pos_ == "NOUN" and (
            head.head.lemma_.lower() in PRODUCT_NOUNS):
        head = head.head
    # "Apple and Cisco sued", "the newest iPhone, iPhone 4, was": its role
    node = _chain_top(head, {} if tops is None else tops)
    # "Jobs, who left", "Jobs, born in 1955"
    out = [(c, "agent" if c.dep_ == "relcl" else "patient") for c in head.children
           if c.dep_ in ("relcl", "acl") and is_event(c)]
    role = ROLES.get(node.dep_, "other")
    if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent"):
        role = "agent" if node.head.dep_ == "agent" else "partner" if (
            node.head.lower_ in PARTNER_PREPS) else "other"
        node = node.head
    elif node.dep_ not in ARG_DEPS:
        return out
    ev = node.head
    if node.dep_ in ("nsubj", "nsubjpass") and ev.dep_ == "relcl":
        return out  # "the company that Jobs founded" is told of the company, not of Jobs
    subject = node.dep_ in ("nsubj", "nsubjpass", "agent")
    if is_event(ev) and not (subject and _light(ev)):
        out.append((ev, role))
    if subject and ev.lemma_ == "be":  # "he would be on medical leave"
        out += [(g, role) for c in ev.children for g in (
            [c] if c.dep_ == "attr" else
            [x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" else [])
            if g.pos_ == "NOUN" and is_event(g)]
    if ev.pos_ in ("VERB", "AUX"):
        verbs = [ev, *_governed(ev, subject, governed)]
        out += [(g, role) for g in verbs[1:] if not (subject and _light(g))]
        if subject:  # "took a medical leave", "gave a keynote", "made an appearance"
            out += [(o, role) for v in verbs for o in v.children
                    if o.dep_ in ("dobj", "obj") and o.pos_ == "NOUN" and is_event(o)]
    return out


def _governed(ev: Token, subject: bool, memo: dict[tuple[int, bool], list[Token]] | None = None
              ) -> list[Token]:
    """Verbs that share the argument: "plans to build" (xcomp), "won and delivered" (conj with no
    subject of its own), "unveiled it, saying" (a participle adjunct with no subject, for the
    subject), "started by hinting" (a gerund after a preposition); and those that share it
    with them, depth first. ``memo`` keeps the answers for a document (every argument of a
    verb asks for the same ones); no recursion, as a chain of such verbs can be long."""
    key = (ev.i, subject)
    if memo is not None and key in memo:
        return memo[key]
    out: list[Token] = []
    stack = [_sharing(ev, subject)]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
            continue
        out.append(nxt)
        stack.append(_sharing(nxt, subject))
    if memo is not None:
        memo[key] = out
    return out


def _sharing(ev: Token, subject: bool) -> Iterator[Token]:
    """The verbs right under ``ev`` that share its argument, in order."""
    for c in ev.children:
        own_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        shares = c.dep_ == "xcomp" or (c.dep_ == "conj" and not own_subject) or (
            subject and c.dep_ == "advcl" and c.tag_ == "VBG" and not own_subject)
        if shares and is_event(c):
            yield c
        if subject and c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pcomp" and g.tag_ == "VBG" and is_event(g):
                    yield g


def is_event(tok: Token) -> bool:
    """A verb (not a copula or support verb) or a noun that names something that happens."""
    lemma = tok.lemma_.lower()
    if lemma in SKIP_LEMMAS:
        return False
    if tok.pos_ == "VERB":
        return True
    return tok.pos_ == "NOUN" and is_event_noun(lemma)
