"""Within-document coreference: pronouns and definite descriptions that refer back to a name.

A pronoun ("he", "his", "it", "its", "they") or a definite description ("the company", "the
plane", "the carmaker", "the new index") becomes a mention of its own, of kind "pronoun" or
"nominal", linked to its antecedent; so does a person's last name that the NER did not mark
("Jobs attributed ..." after "Steve Jobs"), of kind "name", linked to the full name. The
antecedent of a pronoun or description is the nearest earlier compatible mention

- in its own sentence (a subject first, but not one of its own clause: "Jobs praised him"),
- else the subject (else the compatible mention the article has named most so far) of the
  nearest of the two sentences before that has one.

Compatible: "he/she" and a person noun ("the chairman") take a PERSON; "it/its" a thing (an
organisation, a place, a product), never a person or a nationality; "they/their" an
organisation or a group; "the company" (and other words for a kind of organisation) an
organisation; "the plane" (and other words for a kind of product) a product, or any name whose
own head word it repeats ("the index" for "the FTSE 100 Index"). A resolved mention is itself an
antecedent later on, and any other compatible mention in between blocks the link, so "it"
after "Apple sued Cisco" goes to the nearer one the rules pick, never to both.

However long a sentence (a text without full stops can be one 100,000-word "sentence"), the
search reads the mentions of :data:`REACH_TOKENS` tokens at most in each sentence it looks at
(the last before the word in its own, the last of an earlier one), so that it costs the same
for every word; no news sentence is that long.

Nothing here adds an entity: the corpus build joins each coreferent mention to the entity of
its antecedent (:mod:`newsline.corpus.coref`).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsline.analyze.events import SPEECH_VERBS
from newsline.analyze.index import Sentences, sent_bounds
from newsline.analyze.nlp import doc_text
from newsline.analyze.participants import RELATIVES
from newsline.model import Mention

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
# common nouns that name a kind of organisation, product or person (general English)
ORG_NOUNS = frozenset({
    "company", "firm", "corporation", "group", "carrier", "airline", "automaker", "carmaker",
    "manufacturer", "maker", "bank", "lender", "union", "giant", "business", "conglomerate",
    "agency", "government", "administration", "organisation", "organization", "label",
    "publisher", "retailer", "insurer", "exchange", "club", "team", "party", "network",
    "broadcaster", "newspaper", "court", "ministry", "department"})
PRODUCT_NOUNS = frozenset({
    "plane", "aircraft", "jet", "airliner", "device", "phone", "handset", "player", "store",
    "service", "product", "model", "car", "vehicle", "software", "index", "gadget", "computer",
    "laptop", "tablet", "system", "program", "programme", "currency", "benchmark", "gauge",
    "average", "platform", "ship", "vessel", "drug", "vaccine", "film", "album", "book", "game"})
PERSON_NOUNS = frozenset({
    "president", "chairman", "chairwoman", "executive", "chief", "founder", "ceo", "boss",
    "leader", "director", "minister", "secretary", "spokesman", "spokeswoman", "premier",
    "chancellor", "senator", "governor", "mayor", "king", "queen", "prince", "princess"})
THING_TYPES = frozenset({"ORG", "GPE", "LOC", "FAC", "OTHER", "EVENT"})
GROUP_TYPES = frozenset({"ORG", "NORP"})
ORG_TYPES = frozenset({"ORG"})
STATE_NOUNS = frozenset({"government", "administration"})  # "the government" of a country
PRODUCT_TYPES = frozenset({"OTHER", "FAC", "EVENT"})
SENTENCES_BACK = 2  # how many sentences before its own a mention looks for its antecedent
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "take", "feel", "look", "remain", "become",
                             "mean", "imply"})


def coreferent_mentions(doc: Doc, sents: list[tuple[int, int]],
                        names: list[Mention]) -> list[Mention]:
    """The pronouns and definite descriptions of ``doc`` that refer back to one of ``names``
    (or to an earlier one of these), each with the index of its antecedent in
    ``names + result``; in reading order."""
    heads = _Heads()
    covered: set[int] = set()
    name_heads: list[tuple[int, int]] = []
    for i, m in enumerate(names):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        name_heads.append((span.root.i, i))
        covered.update(range(span.start, span.end))
    mentions = list(names)
    heads.start(name_heads, mentions)
    sentences = Sentences(sents)
    out: list[Mention] = []
    named = {h: j for h, j in name_heads if _full_person(mentions[j])}
    surnames: dict[str, int] = {}  # a person's last name -> the mention that named them fully
    for tok in doc:
        if tok.i in covered:
            if tok.i in named:
                surnames[mentions[named[tok.i]].text.split()[-1]] = named[tok.i]
            continue
        if tok.text in surnames and tok.pos_ in ("PROPN", "NOUN") and (
                tok.i + 1 == len(doc) or doc[tok.i + 1].pos_ != "PROPN"):
            # the surname again, where the NER missed it ("Jobs attributed the increase")
            m = Mention(tok.idx, tok.idx + len(tok), tok.text, "PERSON",
                        _sentence(sentences, tok.idx), "name", surnames[tok.text])
            heads.add(tok.i, m)
            out.append(m)
            continue
        rel = _relative_antecedent(tok, heads)
        if rel is not None:  # "Apple Computer, which makes the iPod"
            m = Mention(tok.idx, tok.idx + len(tok), tok.text, mentions[rel].type,
                        _sentence(sentences, tok.idx), "pronoun", rel)
            heads.add(tok.i, m)
            out.append(m)
            continue
        found = _referring(tok)
        if found is None:
            continue
        kind, start = found
        j = _antecedent(tok, heads, _fits(tok, kind))
        if j is None:
            continue
        s0, s1 = doc[start].idx, tok.idx + len(tok)
        m = Mention(s0, s1, doc_text(doc)[s0:s1], mentions[j].type, _sentence(sentences, s0),
                    kind, j)
        heads.add(tok.i, m)
        out.append(m)
    return _with_speakers(doc, sentences, heads, len(names), out)


FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_HANGING = frozenset({"advcl", "acl", "xcomp", "pobj", "prep", "dobj"})  # "in a letter stating"
QUOTE_REACH = 2000  # characters: a quotation left open longer than this ends there


def quotations(text: str) -> list[tuple[int, int]]:
    """The quoted stretches of ``text``: between straight or curly double quotes (or ``...''),
    a quotation left open ending at the next blank line (news continues a quote across
    paragraphs by opening it again)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        two = text[i:i + 2]
        if two in ("``", "''"):
            width = 2
        elif ch in '"“”':
            width = 1
        elif two == "\n\n" and start is not None:
            out.append((start, i))
            start = None
            i += 2
            continue
        else:
            i += 1
            continue
        opening = ch == "“" or two == "``" or (ch == '"' and start is None)
        if start is None and opening:
            start = i + width
        elif start is not None and not (ch == "“" or two == "``"):
            out.append((start, i))
            start = None
        i += width
        if start is not None and i - start > QUOTE_REACH:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out


def _speaker(doc: Doc, quote: tuple[int, int], heads: _Heads) -> int | None:
    """The person a quotation is attributed to: the subject of a speech verb outside it in the
    sentence where it ends or begins ("'...,' Jobs said", "Jobs said: '...'"), or of the verb
    a subjectless speech verb hangs on ("Jobs resigned in a letter stating, '...'"); the
    name its mention chain ends in, when that is a person."""
    text_len = len(doc_text(doc))
    for char in (quote[1], quote[0] - 1):
        if not 0 <= char < text_len:
            continue
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            continue
        lo, hi = sent_bounds(span[0])
        for verb in doc[lo:hi]:
            if verb.lemma_.lower() not in SPEECH_VERBS or quote[0] <= verb.idx < quote[1]:
                continue
            subject, up = None, verb
            for _ in range(4):  # a participle's subject is its clause's: climb to it
                subject = next((c for c in up.children if c.dep_ == "nsubj"), None)
                if subject is not None or up.dep_ not in _HANGING or up.head is up:
                    break
                up = up.head
            if subject is None:
                continue
            for _h, j in heads.between(subject.i, subject.i + 1):
                root = heads.root(j)
                if heads.mentions[root].type == "PERSON":
                    return root
    return None


def _with_speakers(doc: Doc, sentences: Sentences, heads: _Heads, n_names: int,
                   found: list[Mention]) -> list[Mention]:
    """``found`` with each first-person pronoun inside a quotation ("I", "my") added as a
    mention of the quotation's speaker (:func:`_speaker`), in reading order; the other
    mentions' antecedents follow their moves."""
    text = doc_text(doc)
    quotes = quotations(text)
    if not quotes:
        return found
    taken = {m.start for m in found}
    added: list[Mention] = []
    speakers: dict[tuple[int, int], int | None] = {}
    starts = [q[0] for q in quotes]
    for tok in doc:
        if tok.lower_ not in FIRST_PERSON or tok.pos_ != "PRON" or tok.idx in taken:
            continue
        k = bisect.bisect_right(starts, tok.idx) - 1
        if k < 0 or tok.idx >= quotes[k][1]:
            continue
        if quotes[k] not in speakers:
            speakers[quotes[k]] = _speaker(doc, quotes[k], heads)
        who = speakers[quotes[k]]
        if who is not None:
            added.append(Mention(tok.idx, tok.idx + len(tok), tok.text, "PERSON",
                                 _sentence(sentences, tok.idx), "pronoun", who))
    if not added:
        return found
    order = sorted(range(len(found) + len(added)), key=lambda k: (
        found[k] if k < len(found) else added[k - len(found)]).start)
    moved = {n_names + old: n_names + new for new, old in enumerate(order)}
    out: list[Mention] = []
    for k in order:
        m = found[k] if k < len(found) else added[k - len(found)]
        if m.antecedent is not None and m.antecedent in moved:
            m = replace(m, antecedent=moved[m.antecedent])
        out.append(m)
    return out


# How far a mention looks for its antecedent inside one sentence, and for the mentions of
# its own clause: no news sentence is this long, a text without full stops can be.
REACH_TOKENS = 150


class _Heads:
    """The mentions found so far, by the token that heads each (``(token, mention index)``),
    for the antecedent search: those of a stretch of tokens, how often each named thing has
    been mentioned before a token, and the name a chain of antecedents ends in."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self._names: list[tuple[int, int]] = []  # the names' heads, by token
        self._found: list[tuple[int, int]] = []  # then those found, in reading order
        self._roots: list[int] = []
        self._seen: dict[str, int] = {}  # surname -> mentions headed before _counted
        self._counted = 0  # the names' heads counted in _seen
        self._before = -1

    def start(self, name_heads: list[tuple[int, int]], mentions: list[Mention]) -> None:
        self.mentions = mentions
        self._names = sorted(name_heads)
        self._roots = [_root(j, mentions) for j in range(len(mentions))]

    def add(self, tok: int, m: Mention) -> None:
        """A mention found at token ``tok`` (after every token asked about so far)."""
        j = len(self.mentions)
        self.mentions.append(m)
        self._roots.append(j if m.antecedent is None else self._roots[m.antecedent])
        self._found.append((tok, j))
        key = _surname(self.mentions[self._roots[j]])
        self._seen[key] = self._seen.get(key, 0) + 1

    def root(self, j: int) -> int:
        """The name a chain of antecedents ends in (:func:`_root`, kept as they are made)."""
        return self._roots[j]

    def between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The heads at tokens ``lo <= h < hi``."""
        out = []
        for heads in (self._names, self._found):
            a = bisect.bisect_left(heads, (lo, -1))
            b = bisect.bisect_left(heads, (hi, -1))
            out += heads[a:b]
        return out

    def salience(self, before: int) -> dict[str, int]:
        """How often each named thing is mentioned before token ``before`` (asked for
        tokens in reading order)."""
        if before < self._before:
            raise ValueError("salience is asked for tokens in reading order")
        self._before = before
        while self._counted < len(self._names) and self._names[self._counted][0] < before:
            key = _surname(self.mentions[self._roots[self._names[self._counted][1]]])
            self._seen[key] = self._seen.get(key, 0) + 1
            self._counted += 1
        return self._seen


def _full_person(m: Mention) -> bool:
    """A person named with a first and a last name ("Steve Jobs"), whose last name alone
    later names them."""
    words = m.text.split()
    return m.type == "PERSON" and m.kind == "name" and len(words) >= 2 and all(
        w[:1].isupper() for w in words) and words[-1].isalpha()


_PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS
_KIND_NOUNS = ORG_NOUNS | PRODUCT_NOUNS | PERSON_NOUNS


def _referring(tok: Token) -> tuple[str, int] | None:
    """("pronoun" or "nominal", the first token of the mention) when ``tok`` may refer back."""
    low = tok.lower_
    if tok.pos_ == "PRON" and low in _PRONOUNS:
        if low == "it" and _expletive(tok):
            return None
        return "pronoun", tok.i
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and tok.tag_ == "NN" and lemma in _KIND_NOUNS and _definite(tok):
        det = next(c for c in tok.children if c.dep_ == "det")
        return "nominal", det.i
    return None


def _relative_antecedent(tok: Token, heads: _Heads) -> int | None:
    """The mention a relative pronoun stands for: the one headed by the noun its clause
    modifies ("Apple Computer, which ...", "Jobs, who ..."), or by the noun that noun is in
    apposition to ("the iPod touch, a media player which ..."); "who" only for a person,
    "which" never for one."""
    low = tok.lower_
    if low not in RELATIVES or tok.tag_ not in ("WDT", "WP", "WP$"):
        return None
    clause = tok.head.head if tok.dep_ == "poss" else tok.head  # "whose shares fell"
    if clause.dep_ != "relcl":
        return None
    noun: Token | None = clause.head
    for _ in range(2):
        if noun is None:
            break
        for _h, j in heads.between(noun.i, noun.i + 1):
            kind = heads.mentions[j].type
            if (low in ("who", "whom") and kind != "PERSON") or (low == "which"
                                                                   and kind == "PERSON"):
                return None
            return j
        noun = noun.head if noun.dep_ == "appos" else None
    return None


def _fits(tok: Token, kind: str):  # noqa: ANN202 - (Mention) -> bool
    """Which mentions ``tok`` may refer to."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    if kind == "pronoun":
        types = (frozenset({"PERSON"}) if low in PERSON_PRONOUNS else THING_TYPES
                 if low in THING_PRONOUNS else GROUP_TYPES)
        return lambda m: m.type in types
    if lemma in PERSON_NOUNS:
        return lambda m: m.type == "PERSON"
    types = ORG_TYPES | ({"GPE"} if lemma in STATE_NOUNS else set())
    if lemma in PRODUCT_NOUNS:
        types = PRODUCT_TYPES
    # a name whose own head word the description repeats ("the index": "FTSE 100 Index")
    return lambda m: m.type in types or (
        m.type != "PERSON" and m.kind == "name" and m.text.split()[-1].lower().rstrip("s")
        == lemma)


def _definite(tok: Token) -> bool:
    """"the company", "the new plane" - not "a company", "the computer company" (a modifier
    that names a kind may be another entity's), "the company's" or "the company that ..."."""
    dets = [c for c in tok.children if c.dep_ == "det"]
    return bool(dets) and dets[0].lower_ == "the" and not any(
        c.dep_ in ("relcl", "acl", "compound", "nmod", "poss", "case") or (
            c.dep_ == "prep" and c.lower_ == "of") for c in tok.children)


def _expletive(tok: Token) -> bool:
    """"it is expected that", "it was not disclosed whether", "it feels great to": a subject
    "it" of a copula, a passive or a verb of seeming with a clause; "it said that" refers."""
    head = tok.head
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    return tok.dep_ == "expl" or (clause and (
        tok.dep_ == "nsubjpass" or head.lemma_ in EXPLETIVE_HEADS))


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass")


def _antecedent(tok: Token, heads: _Heads, fits) -> int | None:  # noqa: ANN001
    """The nearest earlier compatible mention in the sentence (a subject first), else the
    subject (else the first compatible mention) of one of the two sentences before."""
    doc = tok.doc
    mentions = heads.mentions
    sent_start, sent_end = sent_bounds(tok)
    # a non-reflexive pronoun never stands for a co-argument of its own clause ("Merkel
    # praised him", "She praised him"), nor for what that co-argument stands for
    blocked: set[int] = set()
    if not tok.lower_.endswith(("self", "selves")):
        blocked = {heads.root(j) for h, j in heads.between(
            max(sent_start, tok.i - REACH_TOKENS), min(sent_end, tok.i + REACH_TOKENS))
            if h != tok.i and doc[h].head == tok.head}

    def ok(j: int) -> bool:
        return fits(mentions[j]) and heads.root(j) not in blocked

    here = [(h, j) for h, j in heads.between(max(sent_start, tok.i - REACH_TOKENS), tok.i)
            if ok(j)]
    if here:
        subj = [(h, j) for h, j in here if _is_subject(doc[h])]  # a subject first
        return max(subj or here)[1]
    start = sent_start
    for _ in range(SENTENCES_BACK):
        if start == 0:
            return None
        prev_start, prev_end = sent_bounds(doc[start - 1])
        there = sorted((h, j) for h, j in heads.between(
            max(prev_start, prev_end - REACH_TOKENS), prev_end) if ok(j))
        if there:
            subj = [(h, j) for h, j in there if _is_subject(doc[h])]
            if subj:
                return subj[0][1]
            # no subject: the one the article has named most so far ("Jobs", not the
            # "Martin Luther King" of a holiday), the first of them on a tie
            seen = heads.salience(tok.i)
            return max(there, key=lambda x: (
                seen.get(_surname(mentions[heads.root(x[1])]), 0), -x[0]))[1]
        start = prev_start
    return None


def _surname(m: Mention) -> str:
    """What identifies a named thing across its mentions: its last word ("Jobs")."""
    words = m.text.split()
    return words[-1].lower().rstrip("'s") if words else ""


def _root(j: int, mentions: list[Mention]) -> int:
    """The name a chain of antecedents ends in."""
    while mentions[j].antecedent is not None:
        j = mentions[j].antecedent  # type: ignore[assignment]
    return j


def _sentence(sents: Sentences, char: int) -> int:
    found = sents.containing(char)
    return found if found is not None else max(0, len(sents.sents) - 1)
