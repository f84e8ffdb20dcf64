"""Reader for the MEANTIME English corpus, cross-document layer (Minard et al. 2016).

Entity mentions point through ``REFERS_TO`` to an ENTITY; its ``instance_id`` is the
cross-document cluster. An ENTITY without one is a cluster local to its document, and a mention
that refers to nothing is a singleton.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsline.eval.coref import GoldDoc, GoldMention, detokenize

TOPICS: tuple[str, ...] = ("airbus", "apple", "gm", "stock")


def read_doc(path: Path, topic: str) -> GoldDoc:
    doc_root = ET.parse(path).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in doc_root.iter("token"):
        by_sentence[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    numbers = sorted(by_sentence)
    text, sent_spans, tok_spans = detokenize([[t for _, t in by_sentence[n]] for n in numbers])
    where: dict[str, tuple[int, int, int]] = {}
    for s_i, n in enumerate(numbers):
        for (t_id, _), (a, b) in zip(by_sentence[n], tok_spans[s_i], strict=True):
            where[t_id] = (s_i, a, b)
    markables = doc_root.find("Markables")
    mention_spans: dict[str, tuple[int, int, int, str]] = {}
    instances: dict[str, tuple[str, str]] = {}  # ENTITY m_id -> (cluster id, ent_type)
    for el in markables if markables is not None else []:
        m_id = el.get("m_id", "")
        if el.tag == "ENTITY_MENTION":
            anchors = [where[a.get("t_id", "")] for a in el.findall("token_anchor")
                       if a.get("t_id", "") in where]
            if anchors:
                mention_spans[m_id] = (anchors[0][0], min(a[1] for a in anchors),
                                       max(a[2] for a in anchors), el.get("syntactic_type", ""))
        elif el.tag == "ENTITY":
            cluster = el.get("instance_id") or f"{path.stem}:{m_id}"
            instances[m_id] = (cluster, el.get("ent_type", ""))
    refers: dict[str, str] = {}
    relations = doc_root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag != "REFERS_TO":
            continue
        target = rel.find("target")
        t_id = target.get("m_id", "") if target is not None else ""
        if t_id in instances:
            for s in rel.findall("source"):
                refers[s.get("m_id", "")] = t_id
    mentions = []
    seen: set[tuple[int, int]] = set()
    for m_id, (sent, start, end, syn) in sorted(mention_spans.items(), key=lambda kv: kv[1][1:3]):
        if (start, end) in seen:
            continue
        seen.add((start, end))
        cluster, kind = instances.get(refers.get(m_id, ""), (f"{path.stem}:m{m_id}", ""))
        mentions.append(GoldMention(start, end, text[start:end], kind or "OTHER", cluster, sent,
                                    syn))
    return GoldDoc(path.stem.split("_", 1)[0], topic, text, sent_spans, mentions)


def read(data_dir: Path) -> list[GoldDoc]:
    base = data_dir / "meantime_en" / "intra_cross-doc_annotation"
    return [read_doc(path, topic) for topic in TOPICS
            for path in sorted((base / f"corpus_{topic}").glob("*.xml"))]


# ---------------------------------------------------------------- participants (semantic roles)

ROLES: dict[str, str] = {"arg0": "agent", "arg1": "patient", "argm-loc": "place"}
"""MEANTIME's PropBank roles as the product's: Arg0 agent, Arg1 patient, ArgM-LOC place; every
other argument (Arg2-Arg4, ArgM-OTHER) is ``other``."""

# words that end a noun phrase's pre-head part: its head is the word before the first of them
_POST_HEAD = {"of", "from", "in", "on", "at", "for", "with", "by", "to", "that", "which", "who",
              "whose", "whom", "where", ",", "(", "-", "--", ":", ";", "and", "or",
              "as", "after", "before", "since", "about", "under", "over", "into", "like"}


def role_of(sem_role: str) -> str:
    return ROLES.get(sem_role.lower(), "other")


@dataclass(slots=True)
class GoldParticipant:
    """One HAS_PARTICIPANT link: the participant's span and head word, and its role."""

    start: int
    end: int
    head_start: int
    head_end: int
    text: str
    role: str  # agent, patient, place, other
    sem_role: str  # as annotated: Arg0, Arg1, Argm-LOC ...
    kind: str  # the entity's ent_type (PER, ORG, LOC, PRO, FIN, MIX), "" when unknown
    # head spans of every mention of the same gold entity in the document (this one included)
    coreferent: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class GoldEvent:
    """One EVENT_MENTION (its trigger tokens) with its participants."""

    start: int
    end: int
    text: str
    sentence: int
    pos: str
    participants: list[GoldParticipant] = field(default_factory=list)


@dataclass(slots=True)
class ParticipantDoc:
    id: str
    topic: str
    text: str
    sentences: list[tuple[int, int]]
    events: list[GoldEvent]


def head_span(tokens: list[tuple[str, int, int]]) -> tuple[int, int]:
    """The head word of a noun phrase (token text, start, end): the last word before its first
    post-modifier ("the *price* of songs", "Apple's iTunes *store*"); the last word when
    none."""
    for n, (word, _, _) in enumerate(tokens):
        if n and word.lower() in _POST_HEAD:
            return tokens[n - 1][1], tokens[n - 1][2]
    return tokens[-1][1], tokens[-1][2]


def read_participants_doc(path: Path, topic: str) -> ParticipantDoc:
    """The event mentions of one document with their HAS_PARTICIPANT links."""
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        by_sentence[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    numbers = sorted(by_sentence)
    text, sent_spans, tok_spans = detokenize([[t for _, t in by_sentence[n]] for n in numbers])
    where: dict[str, tuple[int, int, int, str]] = {}
    for s_i, n in enumerate(numbers):
        for (t_id, word), (a, b) in zip(by_sentence[n], tok_spans[s_i], strict=True):
            where[t_id] = (s_i, a, b, word)
    markables = root.find("Markables")
    spans: dict[str, list[tuple[int, int, int, str]]] = {}
    events: dict[str, GoldEvent] = {}
    entity_kind: dict[str, str] = {}
    for el in markables if markables is not None else []:
        m_id = el.get("m_id", "")
        anchors = sorted((where[a.get("t_id", "")] for a in el.findall("token_anchor")
                          if a.get("t_id", "") in where), key=lambda w: w[1])
        if el.tag == "ENTITY_MENTION" and anchors:
            spans[m_id] = anchors
        elif el.tag == "EVENT_MENTION" and anchors:
            start, end = anchors[0][1], anchors[-1][2]
            events[m_id] = GoldEvent(start, end, text[start:end], anchors[0][0],
                                     el.get("pos", ""))
        elif el.tag == "ENTITY":
            entity_kind[m_id] = el.get("ent_type", "")
    relations = root.find("Relations")
    kind_of: dict[str, str] = {}
    entity_of: dict[str, str] = {}
    for rel in relations if relations is not None else []:
        target = rel.find("target")
        t_id = target.get("m_id", "") if target is not None else ""
        if rel.tag == "REFERS_TO" and t_id in entity_kind:
            for s in rel.findall("source"):
                kind_of[s.get("m_id", "")] = entity_kind[t_id]
                entity_of[s.get("m_id", "")] = t_id
    heads_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m_id, anchors in spans.items():
        if m_id in entity_of:
            heads_of[entity_of[m_id]].append(head_span([(w, a, b) for _, a, b, w in anchors]))
    for rel in relations if relations is not None else []:
        if rel.tag != "HAS_PARTICIPANT":
            continue
        source, target = rel.find("source"), rel.find("target")
        ev = events.get(source.get("m_id", "") if source is not None else "")
        target_anchors = spans.get(target.get("m_id", "") if target is not None else "")
        if ev is None or not target_anchors:  # a participant that is no entity mention (a value)
            continue
        start, end = target_anchors[0][1], target_anchors[-1][2]
        h0, h1 = head_span([(w, a, b) for _, a, b, w in target_anchors])
        sem = rel.get("sem_role", "")
        m_id = target.get("m_id", "") if target is not None else ""
        ev.participants.append(GoldParticipant(
            start, end, h0, h1, text[start:end], role_of(sem), sem, kind_of.get(m_id, ""),
            sorted(set(heads_of.get(entity_of.get(m_id, ""), [])) | {(h0, h1)})))
    ordered = sorted(events.values(), key=lambda e: (e.start, e.end))
    return ParticipantDoc(path.stem.split("_", 1)[0], topic, text, sent_spans, ordered)


def read_participants(data_dir: Path, topics: tuple[str, ...] = TOPICS) -> list[ParticipantDoc]:
    """The documents of ``topics`` with their event mentions and participant links, from the
    document-level layer (where HAS_PARTICIPANT is annotated; the cross-document layer adds
    discontinuous event mentions spanning several words, none with participants)."""
    base = data_dir / "meantime_en" / "intra-doc_annotation"
    return [read_participants_doc(path, topic) for topic in topics
            for path in sorted((base / f"corpus_{topic}").glob("*.xml"))]
