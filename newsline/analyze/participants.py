"""Who did what to whom, and where: the participants of an event mention, from the parse.

For each trigger token the dependency parse gives the arguments and their roles, as PropBank
would name them:

- **agent** (Arg0): the subject of an active verb ("Apple released ..."), the "by"-phrase of a
  passive ("... was released by Apple"), the possessor of an event noun ("Apple's launch"), the
  subject a complement or a conjoined verb shares ("Apple plans to sell", "allows developers to
  create"); the subject of a verb of change of state is no agent but a patient ("shares fell");
- **patient** (Arg1): the object, the subject of a passive, "of" after an event noun ("the
  release of the iPhone");
- **place** (ArgM-LOC): a place (GPE, LOC, FAC) in a locative or directional phrase ("in
  Paris", "to Beijing"), and the destination of a visit ("visited Beijing");
- **other**: every other argument (the second object, "with", "for" ...).

An agent is never the place where the event happens: a city, a region or a building in an
agent's position is no agent; a country may act as a state when it is the subject ("China
tested a missile"). A pronoun is an argument when the coreference stage made it a mention
(:mod:`newsline.analyze.coref`); a noun phrase that no mention covers and that names
something a reader follows (a person, an organisation, a place, a product, money: "the new
iPhone", "developers", "its profits", not "difficulty" or "the speed") becomes a mention of
its own, typed by its head word, so that the build can join it to the entity it stands for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsline.analyze.events_lexicon import EVENT_NOUNS, NOUN_TRIGGERS
from newsline.analyze.index import Sentences, Spans, children
from newsline.analyze.mentions import trim_span
from newsline.analyze.nlp import doc_text
from newsline.model import EventMention, Mention, Participant
from newsline.names import country_of, name_core, name_key

PLACE_TYPES = {"GPE", "LOC", "FAC"}
ACTOR_TYPES = {"PERSON", "ORG", "NORP"}
LOCATIVE = {"in", "at", "on", "near", "inside", "outside", "across", "throughout", "within",
            "around", "beyond"}
DIRECTIONAL = {"to", "into", "toward", "towards", "onto", "from"}
# verbs whose subject undergoes the change (PropBank Arg1) when they take no object
UNACCUSATIVE = {
    "rise", "fall", "drop", "decline", "increase", "decrease", "grow", "climb", "jump", "slip",
    "slide", "plunge", "soar", "surge", "tumble", "rally", "sink", "rebound", "recover", "slump",
    "dip", "retreat", "advance", "edge", "close", "open", "end", "finish", "remain", "stay",
    "die", "happen", "occur", "arrive", "change", "collapse", "shrink", "expand", "improve",
    "worsen", "appear", "emerge", "exist", "last", "cost",
}
ALWAYS_UNACCUSATIVE = {"cost", "die", "happen", "occur", "fall", "rise", "remain", "retail",
                       "appear", "emerge", "exist", "last", "plunge", "soar", "tumble", "slump"}
# verbs of coming and going: a thing that comes undergoes it ("the iPod comes in two colours"),
# a person who comes does it ("Xi arrived in Paris")
COMING = {"come", "go", "arrive"}
# event nouns whose "of" is the doer ("the visit of the president"), not what is done
AGENTIVE_OF = {"visit", "trip", "tour", "meeting", "summit", "arrival", "departure", "speech",
               "resignation", "return", "talk", "talks", "statement", "death", "retirement"}
# event nouns whose possessor undergoes them ("his death", "the company's acquisition")
UNDERGOER_NOUNS = {"death", "arrest", "execution", "dismissal", "firing", "injury", "killing",
                   "murder", "assassination", "detention", "release", "acquisition", "takeover",
                   "election", "appointment", "nomination", "sale"}
# events whose object, when a place, is where the event goes: the destination is a place
MOTION = {"visit", "tour", "travel", "go", "come", "arrive", "fly", "return", "move", "head",
          "reach", "enter", "leave", "dispatch", "send", "deploy"}
# object control: "allows developers to create" -- the object is the complement's subject
OBJECT_CONTROL = {"allow", "ask", "force", "persuade", "enable", "permit", "urge", "tell",
                  "order", "invite", "require", "encourage", "help", "let", "lead", "cause"}

ORG_HEADS = {
    "company", "firm", "group", "carrier", "maker", "manufacturer", "agency", "airline", "bank",
    "government", "party", "team", "club", "organisation", "organization", "corporation",
    "giant", "automaker", "retailer", "network", "union", "band", "board", "court", "ministry",
    "administration", "army", "police", "regulator", "parliament", "congress", "committee",
    "council", "studio", "label", "business", "startup", "subsidiary", "unit", "division",
    "supplier", "rival", "competitor", "industry", "media", "press", "newspaper", "exchange",
    "market", "fund", "insurer", "operator", "school", "university", "commission", "navy",
}
PERSON_HEADS = {
    "people", "person", "man", "woman", "official", "executive", "analyst", "spokesman",
    "spokeswoman", "spokesperson", "president", "minister", "chief", "ceo", "founder",
    "co-founder", "leader", "director", "chairman", "developer", "customer", "user", "consumer",
    "fan", "buyer", "investor", "worker", "employee", "engineer", "lawyer", "judge", "critic",
    "expert", "member", "player", "officer", "soldier", "victim", "resident", "citizen",
    "reporter", "journalist", "student", "child", "owner", "shareholder", "trader", "staff",
    "manager", "head", "partner", "designer", "artist", "musician", "singer", "friend", "wife",
    "husband", "son", "daughter", "father", "mother", "pilot", "passenger", "driver",
}
PLACE_HEADS = {
    "headquarters", "city", "country", "town", "region", "state", "building", "airport",
    "factory", "plant", "campus", "site", "venue", "center", "centre", "area", "island",
    "capital", "province", "village", "nation", "continent", "hall", "theater", "theatre",
}
# things a news story tells of as entities: products and works, money and shares
THING_HEADS = {
    "product", "device", "phone", "handset", "smartphone", "computer", "laptop", "tablet",
    "player", "software", "application", "app", "program", "programme", "system", "service",
    "platform", "model", "version", "car", "vehicle", "truck", "plane", "aircraft", "jet",
    "airliner", "engine", "ship", "drug", "vaccine", "film", "movie", "song", "track", "album",
    "episode", "show", "music", "video", "book", "game", "brand", "trademark", "logo",
    "store", "website", "site", "network", "chip", "processor", "display", "screen", "battery",
    "antenna", "camera", "feature", "line", "range", "share", "stock", "price", "profit",
    "revenue", "sale", "earnings", "loss", "index", "market", "dollar", "euro", "currency",
    "bond", "letter", "memo", "hardware", "prototype", "recording", "data", "memory", "file",
    "document", "edition", "suite", "lineup", "collection", "section", "update", "upgrade",
    "tool", "content", "information", "case", "cover", "accessory", "component", "part", "kit",
    "package", "patent", "name", "code", "technology", "material", "equipment", "machine",
    "report", "figure", "copy", "unit", "weapon", "missile", "rocket", "fuel", "oil",
}
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "i", "me",
                   "my", "myself"}
THING_PRONOUNS = {"it", "its", "itself"}
GROUP_PRONOUNS = {"they", "them", "their", "themselves", "we", "us", "our", "ourselves"}
_ENTITY_HEADS = PERSON_HEADS | ORG_HEADS | PLACE_HEADS | THING_HEADS
VALUE_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}
RELATIVES = {"who", "whom", "whose", "which", "that"}


@dataclass(frozen=True, slots=True)
class Argument:
    """One argument of a trigger: the head word of its phrase and its role. ``subject`` says it
    is the syntactic subject (a country may act there); ``modifier`` marks a word inside the
    event noun's phrase ("the Paris visit", "an Apple deal"), whose role its entity type
    decides."""

    head: Token
    role: str  # agent, patient, place, other
    subject: bool = False
    modifier: bool = False
    locus: bool = False  # "an earthquake struck Indonesia": a place here is where it happened


def trigger_token(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the trigger span (one word, or a phrase: "media event")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _conjuncts(tok: Token) -> list[Token]:
    """``tok`` and its conjuncts, depth first in reading order (without recursion: a list of
    names can be a chain of thousands of conjuncts)."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(reversed([c for c in t.children if c.dep_ == "conj"
                               and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X")]))
    return out


def _antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("the firm, which ...")."""
    if tok.lower_ in RELATIVES and tok.pos_ in ("PRON", "DET"):
        node = tok.head
        while node.dep_ not in ("relcl", "acl") and node.head.i != node.i:
            if node.pos_ in ("NOUN", "PROPN"):
                break
            node = node.head
        if node.dep_ in ("relcl", "acl"):
            return node.head
    return tok


def _args(tok: Token, role: str, subject: bool = False) -> list[Argument]:
    return [Argument(_antecedent(t), role, subject) for t in _conjuncts(tok)]


def _subject_role(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in COMING:
        return "mover"
    has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
    if lemma in ALWAYS_UNACCUSATIVE or (lemma in UNACCUSATIVE and not has_object):
        return "patient"
    return "agent"


def _prep_args(node: Token, passive: bool) -> list[Argument]:
    out: list[Argument] = []
    for child in node.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out += _args(pobj, "agent")
        elif child.dep_ == "prep":
            word = child.lower_
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                if (word == "by" and passive) or word in ("between", "among"):
                    role = "agent"  # "an agreement between the two companies": the parties
                elif word in LOCATIVE or word in DIRECTIONAL:
                    role = "place"
                else:
                    role = "other"
                out += _args(pobj, role)
                if role == "place":  # "at the Macworld Conference in San Francisco"
                    out += [Argument(a.head, "place", modifier=True)
                            for a in _prep_args(pobj, False)
                            if a.role == "place" and a.head.head.lower_ in LOCATIVE]
    return out


_SHARED = "newsline_shared_subjects"


def _shared_subjects(tok: Token) -> list[Argument]:
    """The subject a verb without one takes from the verb it hangs from (from further up a
    chain of such verbs, "ran and jumped and swam"): found once per verb of a document, as
    each verb of a long chain would otherwise climb it again."""
    doc = tok.doc
    memo: dict[int, list[tuple[int, str, bool, bool, bool]]] = doc.user_data.setdefault(
        _SHARED, {})
    path: list[int] = []
    node = tok
    while node.i not in memo:
        step = _shared_step(node)
        if isinstance(step, list):
            memo[node.i] = [(a.head.i, a.role, a.subject, a.modifier, a.locus) for a in step]
            break
        path.append(node.i)
        node = step
    found = memo[node.i]
    for i in path:
        memo[i] = found
    return [Argument(doc[i], role, subject, modifier, locus)
            for i, role, subject, modifier, locus in found]


def _shared_step(tok: Token) -> list[Argument] | Token:
    """:func:`_shared_subjects` of ``tok``, or the verb whose shared subject is also that
    of ``tok``."""
    head = tok.head
    if head.i == tok.i:
        return []
    if tok.dep_ == "xcomp":
        objects = children(head, ("dobj", "obj"))
        if objects and head.lemma_.lower() in OBJECT_CONTROL:
            return _args(objects[0], _subject_role(tok), subject=True)
    if tok.dep_ in ("xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        for c in children(head, ("nsubj", "nsubjpass"))[:1]:
            role = _subject_role(tok)
            if tok.dep_ == "conj" and c.dep_ == "nsubjpass":
                role = "patient"
            return _args(c, role, subject=True)
        if head.dep_ in ("xcomp", "conj", "advcl"):
            return head
        if head.dep_ in ("relcl", "acl"):
            return [Argument(head.head, _subject_role(tok), True)]
    if tok.dep_ == "relcl":
        return [Argument(head, _subject_role(tok), True)]
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        role = "patient" if tok.tag_ == "VBN" else _subject_role(tok)
        return [Argument(head, role, True)]
    return []


def _copula_args(tok: Token) -> list[Argument]:
    """A copula's subject is what is described (Arg1), its complement the description;
    "there are 500 engineers": the complement is what there is."""
    there = any(c.dep_ == "expl" for c in tok.children)
    out: list[Argument] = []
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
            out += _args(child, "patient", subject=True)
        elif child.dep_ == "attr":
            out += _args(child, "patient" if there else "other")
    if not any(a.subject for a in out) and not there:
        out += [Argument(a.head, "patient", True) for a in _shared_subjects(tok)]
    return out + _prep_args(tok, passive=False)


def _verb_args(tok: Token) -> list[Argument]:
    # "Apple swamped by pre-orders": a participle with a "by"-agent is passive too
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children))
    out: list[Argument] = []
    if tok.lemma_ == "be":  # "the iPod nano is the second model": what is said of what
        return _copula_args(tok)
    for child in tok.children:
        dep = child.dep_
        if dep == "nsubj" and child.ent_type_ in ("DATE", "TIME"):
            # "Apple Inc. today has introduced": the parser took the time for the subject
            named = _name_before(child)
            if named is not None:
                out += _args(named, "patient" if passive else _subject_role(tok), True)
        elif dep == "nsubj" and passive:
            out += _args(child, "patient", subject=True)
        elif dep == "nsubj" and child.lower_ not in RELATIVES:
            out += _args(child, _subject_role(tok), subject=True)
        elif dep == "nsubj":  # "the firm, which sells ...": the firm
            out.append(Argument(_antecedent(child), _subject_role(tok), True))
        elif dep == "nsubjpass":
            out += _args(child, "patient", subject=True)
        elif dep in ("dobj", "obj"):
            out += _args(child, "patient")
        elif dep in ("dative", "iobj", "oprd"):
            out += _args(child, "other")
    if tok.dep_ == "relcl" and not any(a.role == "patient" for a in out) and any(
            c.dep_ in ("dobj", "obj") and c.lower_ in RELATIVES for c in tok.children):
        out.append(Argument(tok.head, "patient"))  # "the iPhone that Apple sold"
    for child in tok.children:  # "arrested John Smith in Oakland": the parser's attachment
        if child.dep_ in ("dobj", "obj", "nsubjpass"):
            out += [Argument(a.head, "place", modifier=True) for a in _prep_args(child, False)
                    if a.role == "place" and a.head.head.lower_ in LOCATIVE]
    if not any(a.subject for a in out):
        shared = _shared_subjects(tok)
        if passive:
            shared = [Argument(a.head, "patient", True) for a in shared]
        out += shared
    return out + _prep_args(tok, passive)


def _name_before(time: Token) -> Token | None:
    """The name written right before a time word that the parser made a subject ("Apple
    Inc. today"): the last word of a run of proper nouns that ends where the time begins."""
    k = time.left_edge.i - 1
    if k < 0 or time.doc[k].pos_ != "PROPN" or time.doc[k].is_sent_end:
        return None
    return time.doc[k]


def _noun_args(tok: Token) -> list[Argument]:
    lemma = tok.lemma_.lower()
    out: list[Argument] = []
    for child in tok.children:
        dep = child.dep_
        if dep == "poss":
            out += _args(child, "patient" if lemma in UNDERGOER_NOUNS else "agent")
        elif dep in ("compound", "nmod", "amod") and child.pos_ in ("PROPN", "NOUN", "ADJ"):
            out.append(Argument(child, "patient", modifier=True))
        elif dep == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out += _args(pobj, "agent" if lemma in AGENTIVE_OF else "patient")
    out += [a for a in _prep_args(tok, passive=True) if a.head.head.lower_ != "of"]
    # a light verb's subject does the event: "Apple held a media event"
    head = tok.head
    if tok.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX") and not any(
            a.role == "agent" for a in out):
        for c in head.children:
            if c.dep_ == "nsubj":
                out += _args(c, "agent", subject=True)
        if not any(c.dep_ == "nsubj" for c in head.children):
            out += [a for a in _shared_subjects(head) if a.role == "agent"]
    # "arrived for a state visit", "went on a trip": the verb's subject makes it
    if (tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX")
            and (lemma in AGENTIVE_OF or head.lower_ in ("in", "at", "during", "on"))
            and not any(a.role == "agent" for a in out)):
        out += [a for c in head.head.children if c.dep_ == "nsubj"
                for a in _args(c, "agent", subject=True)]
    if tok.dep_ == "nsubj" and head.pos_ == "VERB":  # the event is the subject
        out += [Argument(a.head, "patient", locus=True) for c in head.children
                if c.dep_ in ("dobj", "obj") for a in _args(c, "patient")]
    if tok.dep_ in ("nsubj", "dobj", "obj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        out += [a for a in _prep_args(head, passive=False) if a.role == "place"]
    return out


def arguments(tok: Token) -> list[Argument]:
    """The arguments of the event whose trigger is ``tok``, with their roles."""
    if tok.pos_ in ("VERB", "AUX"):
        return _verb_args(tok)
    if tok.pos_ in ("NOUN", "PROPN"):
        return _noun_args(tok)
    if tok.dep_ in ("acomp", "amod") or tok.pos_ == "ADJ":  # "the iPhone is available"
        head = tok.head if tok.dep_ == "acomp" else tok
        return [a for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                for a in _args(c, "patient", subject=True)] + _prep_args(tok, passive=False)
    return []


# ---------------------------------------------------------------- arguments to mentions


def _is_country(m: Mention) -> bool:
    return m.type == "GPE" and country_of(name_key(name_core(m.text))) is not None


def _role(arg: Argument, m: Mention, motion: bool) -> str | None:
    """The role an argument's entity plays, from its syntactic role and its type."""
    place = m.type in PLACE_TYPES
    if arg.role == "mover":
        return "agent" if m.type in ("PERSON", "NORP") else None if place else "patient"
    if arg.locus and place:
        return "place"
    if arg.modifier and arg.role == "place":  # a place near an argument: a place or nothing
        return "place" if place else None
    if arg.modifier:  # inside the event noun's phrase: its type says what it is
        if place:
            return "agent" if _is_country(m) and not motion else "place"
        return "agent" if m.type in ACTOR_TYPES else "patient"
    if arg.role == "place":
        return "place" if place else "other"
    if not place:
        return arg.role
    if arg.role == "agent":  # a country acts as a state; a city or a building never does
        return "agent" if _is_country(m) and arg.subject else None
    if arg.role == "patient" and motion:
        return "place"  # "visited Beijing": the destination
    return arg.role


def _nominal_type(head: Token) -> str:
    word = head.lemma_.lower()
    if head.lower_ in PERSON_PRONOUNS or word in PERSON_HEADS:
        return "PERSON"
    if word in ORG_HEADS:
        return "ORG"
    if word in PLACE_HEADS:
        return "LOC"
    return "OTHER"


def _phrase(head: Token, spans: Spans) -> tuple[int, int]:
    """The span of an uncovered argument: its pre-modifiers and its head, after any mention
    it holds ("Apple's new iPhone" -> "new iPhone")."""
    first = head.left_edge.i
    for c in head.lefts:  # after a possessor ("Apple's", "its") and what precedes it
        if c.dep_ in ("poss", "predet", "case") or spans.covering(c.idx):
            first = max(first, c.right_edge.i + 1)
    while first < head.i and head.doc[first].dep_ in ("case", "punct", "cc"):
        first += 1
    last = head
    for c in head.rights:  # "iPhone 4", "Mac OS X"
        if c.dep_ not in ("nummod", "compound") or c.i != last.i + 1:
            break
        last = c.right_edge
    return trim_span(doc_text(head.doc), head.doc[first].idx, last.idx + len(last))


def _covering(head: Token, mentions: list[Mention], spans: Spans) -> int | None:
    """The shortest mention over the head word (the first of the shortest)."""
    found = spans.covering(head.idx)
    return min(found, key=lambda i: mentions[i].end - mentions[i].start) if found else None


_EVENT_WORDS = EVENT_NOUNS | NOUN_TRIGGERS.keys()
_PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS


def _wanted(head: Token) -> bool:
    """An argument that can be an entity: a noun, a name or a personal pronoun; not a time,
    an amount or another event ("for a visit")."""
    lemma = head.lemma_.lower()
    if head.ent_type_ in VALUE_LABELS or (
            lemma in _EVENT_WORDS and lemma not in THING_HEADS):
        return False
    if head.pos_ == "PRON":
        low = head.lower_
        return low in _PRONOUNS and head.dep_ != "expl"
    return head.pos_ in ("NOUN", "PROPN") and any(ch.isalpha() for ch in head.text)


def _named_by_apposition(head: Token) -> bool:
    """A common noun with a name in apposition right after it: "the technology blog
    Gizmodo", "the airline Qantas" -- whatever the noun, it stands for something named."""
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == head.i + 1
               for c in head.rights)


def _sentence_of(sents: Sentences, offset: int) -> int:
    found = sents.containing(offset)
    return found if found is not None else max(len(sents.sents) - 1, 0)


def _resolve(tok: Token, args: list[Argument], mentions: list[Mention], spans: Spans,
             motion: bool) -> tuple[list[Participant], list[int]]:
    people: list[Participant] = []
    places: list[int] = []
    seen: set[int] = set()
    for a in args:
        i = _covering(a.head, mentions, spans)
        if i is None or i in seen:
            continue
        if mentions[i].start < tok.idx + len(tok) and tok.idx < mentions[i].end:
            continue  # the name holds the trigger ("the Worldwide Developers Conference")
        role = _role(a, mentions[i], motion)
        if role is None:
            continue
        seen.add(i)
        if role == "place":
            places.append(i)
        else:
            people.append(Participant(i, role))
    return people, places


def _trigger_args(tok: Token, kind: str) -> tuple[list[Argument], bool]:
    args = [a for a in arguments(tok) if _wanted(a.head) and a.head.i != tok.i]
    return args, kind in ("visit", "dispatch") or tok.lemma_.lower() in MOTION


def roles(tok: Token, kind: str, mentions: list[Mention], spans: Spans | None = None
          ) -> tuple[list[Participant], list[int]]:
    """The participants (mention index, role) and places (mention indexes) of the event whose
    trigger is ``tok``, among the given mentions (``spans``: their index, made once by a
    caller that asks for many triggers)."""
    args, motion = _trigger_args(tok, kind)
    return _resolve(tok, args, mentions, spans or Spans(mentions), motion)


def argument_mentions(doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention],
                      events: list[EventMention],
                      found: list[tuple[Token, list[Argument], bool] | None] | None = None
                      ) -> list[Mention]:
    """The mentions with every event argument that none of them covers added: a noun phrase
    ("the new iPhone", "developers"), typed by its head word, of kind "nominal" with no
    antecedent. They join the names' block, in reading order, so the coreferent mentions
    that follow it keep pointing at their antecedents (their indexes are remapped)."""
    extra: dict[tuple[int, int], Mention] = {}
    spans = Spans(mentions)
    sentences = Sentences(sents)
    for em in events:
        tok = trigger_token(doc, em.trigger_start, em.trigger_end)
        if tok is None:
            if found is not None:
                found.append(None)
            continue
        args, motion = _trigger_args(tok, em.type)
        if found is not None:  # for assign(), which resolves the same arguments
            found.append((tok, args, motion))
        for a in args:
            if a.head.pos_ == "PRON" or a.modifier or spans.covering(a.head.idx):
                continue  # a pronoun is the coreference stage's, resolved or not
            if a.head.pos_ != "PROPN" and a.head.lemma_.lower() not in _ENTITY_HEADS and not (
                    _named_by_apposition(a.head)):
                continue  # "difficulty", "the speed": nothing a reader follows as an entity
            start, end = _phrase(a.head, spans)
            if end - start < 2 or (start, end) in extra:
                continue
            extra[(start, end)] = Mention(start, end, doc_text(doc)[start:end],
                                          _nominal_type(a.head), _sentence_of(sentences, start),
                                          "nominal")
    if not extra:
        return mentions
    n = sum(1 for m in mentions if m.antecedent is None)
    first = sorted([*((m.start, m.end, i) for i, m in enumerate(mentions[:n])),
                    *((m.start, m.end, -1 - k) for k, m in enumerate(extra.values()))])
    added = list(extra.values())
    new_index: dict[int, int] = {}
    out: list[Mention] = []
    for _, _, i in first:
        if i >= 0:
            new_index[i] = len(out)
            out.append(mentions[i])
        else:
            out.append(added[-1 - i])
    for i in range(n, len(mentions)):
        new_index[i] = len(out)
        out.append(mentions[i])
    return [replace(m, antecedent=new_index[m.antecedent]) if m.antecedent is not None else m
            for m in out]


def assign(doc: Doc, sents: list[tuple[int, int]], mentions: list[Mention],
           events: list[EventMention]) -> list[Mention]:
    """Fill every event mention's participants and places from the parse, adding the
    arguments no mention covers (:func:`argument_mentions`); returns the new mention list,
    which the events' indexes point into."""
    found: list[tuple[Token, list[Argument], bool] | None] = []
    out = argument_mentions(doc, sents, mentions, events, found)
    spans = Spans(out)
    for em, got in zip(events, found, strict=True):
        em.participants, em.places = (_resolve(got[0], got[1], out, spans, got[2])
                                      if got is not None else ([], []))
    return out
