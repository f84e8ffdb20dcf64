"""Mentions of a target entity in one parsed document, for the ``timeline`` benchmark.

Three sources, each a set of spaCy token indices (the heads of the mentions):

1. names: the NER mentions, runs of proper nouns and the part of each noun phrase from its
   first to its last word of the target's name ("its UK iTunes store") that
   :func:`newsline.eval.timeline.matches` accepts; a one-word part of a longer name counts only
   in a document that also names the target more fully;
2. pronouns: "he/his/him" (a person target) or "it/its" (any other target) whose antecedent is
   the target - the nearest earlier entity mention of the same kind in the sentence (its
   subject first), else the subject (else the first mention) of the nearest of the two
   sentences before that has one;
3. definite descriptions: "the company", "the plane", "the carmaker" ... - "the" and a common
   noun naming the target's kind, with no modifier naming another kind ("the computer
   company") - resolved the same way as pronouns.

A resolved pronoun or description only counts where the nearest compatible mention is the
target; any other entity of that kind in between blocks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from newsline.model import DocAnalysis

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
# common nouns that name a kind of organisation or product (general English, not corpus words)
ORG_NOUNS = {"company", "firm", "corporation", "group", "carrier", "airline", "automaker",
             "carmaker", "manufacturer", "maker", "bank", "lender", "union", "giant", "business",
             "conglomerate", "agency", "government", "administration", "organisation",
             "organization", "label", "publisher", "retailer", "insurer", "exchange"}
PRODUCT_NOUNS = {"plane", "aircraft", "jet", "airliner", "device", "phone", "handset", "player",
                 "store", "service", "product", "model", "car", "vehicle", "software", "index",
                 "gadget", "computer", "laptop", "tablet", "system", "program", "programme",
                 "currency", "benchmark", "gauge", "average", "platform"}
PERSON_NOUNS = {"president", "chairman", "executive", "chief", "founder", "ceo", "boss",
                "leader", "director", "minister", "secretary", "spokesman", "spokeswoman"}
NON_PERSON = {"ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"}


def target_kind(types: list[str]) -> str:
    """PERSON, ORG or OTHER: the majority NER type of the target's named mentions."""
    if not types:
        return "OTHER"
    best = max(set(types), key=types.count)
    return best if best in ("PERSON", "ORG") else "OTHER"


def named_heads(parsed: Any, analysis: DocAnalysis, target: str,
                matches: Callable[[str, str, str], bool]) -> tuple[set[int], list[str]]:
    """Heads of the mentions that name the target, and the NER types of those mentions.

    A one-word part of a longer name ("Jobs", "Apple" of "Beatles Apple Corps") only counts in
    a document that also names the target more fully: a short form is an alias of a full name
    told before, and alone it is as likely another entity's ("Apple" for Apple Inc.)."""
    target_words = set(_words(target))
    full: list[tuple[int, str]] = []
    short: list[tuple[int, str]] = []
    spans = []
    for m in analysis.mentions:
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            spans.append((span, m.text, m.type))
    runs = _name_runs(parsed)
    runs += _chunk_parts(parsed, target_words)
    for start, end in runs:
        span = parsed[start:end]
        spans.append((span, span.text, "PERSON" if span.root.ent_type_ == "PERSON" else "OTHER"))
    for span, text, kind in spans:
        if not matches(text, target, kind):
            continue
        shared = target_words & set(_words(text))
        (full if len(shared) > 1 or len(target_words) == 1 else short).append((span.root.i, kind))
    if full:
        full += short
    return {i for i, _ in full}, [k for _, k in full if k != "OTHER"]


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w.\-]+", name.lower()) if w not in ("the", "of", "inc.")]


def _name_runs(parsed: Any) -> list[tuple[int, int]]:
    """Maximal runs of proper nouns (with the numbers and capitalised words inside them)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(parsed)
    while i < n:
        if parsed[i].pos_ == "PROPN":
            j = i + 1
            while j < n and (parsed[j].pos_ in ("PROPN", "NUM") or parsed[j].text[:1].isupper()
                             ) and not parsed[j].is_sent_start and not parsed[j].is_punct:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _chunk_parts(parsed: Any, words: set[str]) -> list[tuple[int, int]]:
    """In each noun phrase, the tokens from its first word of the target's name to its last
    ("its United Kingdom iTunes store" -> "iTunes store", "the 3G iPhone" -> "3G iPhone")."""
    out = []
    for chunk in parsed.noun_chunks:
        hits = [t.i for t in chunk if t.lower_ in words]
        if hits:
            out.append((hits[0], hits[-1] + 1))
    return out


def _is_subject(tok: Any) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass")


def resolved_heads(parsed: Any, analysis: DocAnalysis, heads: set[int], kind: str) -> set[int]:
    """Pronouns and definite descriptions whose antecedent is one of ``heads``."""
    if not heads:
        return set()
    person = kind == "PERSON"
    # every entity mention head of the target's class, with whether it is the target
    entities: dict[int, bool] = {}
    for m in analysis.mentions:
        if (m.type == "PERSON") != person:
            continue
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            entities[span.root.i] = span.root.i in heads
    for h in heads:
        entities[h] = True
    nouns = PERSON_NOUNS if person else ORG_NOUNS if kind == "ORG" else PRODUCT_NOUNS
    pronouns = PERSON_PRONOUNS if person else THING_PRONOUNS
    out: set[int] = set()
    for tok in parsed:
        if tok.i in entities:
            continue
        if tok.lower_ in pronouns and tok.pos_ == "PRON":
            if tok.lower_ == "it" and _expletive(tok):
                continue
        elif not (tok.pos_ == "NOUN" and tok.lemma_.lower() in nouns and tok.tag_ == "NN"
                  and _definite(tok)):
            continue
        ante = _antecedent(tok, entities)
        if ante is not None and entities[ante]:
            out.add(tok.i)
            entities[tok.i] = True  # a resolved mention is itself an antecedent later on
    return out


def _definite(tok: Any) -> bool:
    """"the company", "the new plane" - not "a company", "the computer company" (a modifier
    that names a kind may be another entity's), "the company's" or "the company that ..."."""
    dets = [c for c in tok.children if c.dep_ == "det"]
    return bool(dets) and dets[0].lower_ == "the" and not any(
        c.dep_ in ("relcl", "acl", "compound", "nmod", "poss") or (
            c.dep_ == "prep" and c.lower_ == "of") for c in tok.children)


def _expletive(tok: Any) -> bool:
    """"it is expected that", "it was not disclosed whether", "it feels great to": a subject
    "it" of a copula, a passive or a verb of seeming with a clause; "it said that" refers."""
    head = tok.head
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)
    return tok.dep_ == "expl" or (clause and (
        tok.dep_ == "nsubjpass" or head.lemma_ in (
            "be", "seem", "appear", "take", "feel", "look", "remain", "become", "mean", "imply")))


def _antecedent(tok: Any, entities: dict[int, bool]) -> int | None:
    """The nearest earlier mention in the sentence (a subject first), else the subject (else
    the first mention) of one of the two sentences before."""
    sent = tok.sent
    here = [i for i in entities if sent.start <= i < tok.i]
    if here:
        subj = [i for i in here if _is_subject(tok.doc[i]) and tok.doc[i].head != tok.head]
        # a mention in the same clause as a non-reflexive pronoun is not its antecedent
        # ("Jobs praised him"): prefer a subject, else the nearest
        return max(subj) if subj else max(here)
    start = sent.start
    for _ in range(2):
        if start == 0:
            return None
        prev = tok.doc[start - 1].sent
        there = sorted(i for i in entities if prev.start <= i < prev.end)
        if there:
            subj = [i for i in there if _is_subject(tok.doc[i])]
            return subj[0] if subj else there[0]
        start = prev.start
    return None
