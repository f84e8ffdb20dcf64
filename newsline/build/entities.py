"""Canonical entities across documents.

A first, explainable resolver in three passes:

1. within a document, a short person name ("Castro") joins the full name it stands for when
   exactly one full name in that document ends or starts with it; an acronym joins the
   expansion it abbreviates ("IRNA" and "Islamic Republic News Agency");
2. across documents, surface forms with the same normalised key (case, diacritics, hyphens,
   titles and possessives aside) and the same kind of thing are one entity, and the knowledge
   base's aliases join their canonical name;
3. long keys one or two edits apart ("Angela Merkle") join when rapidfuzz says they are near
   identical, blocked by first letter so it never compares all pairs.

Canonical name: the knowledge base's, else the most frequent full form.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsline.build.graph import UnionFind
from newsline.build.knowledge import Knowledge
from newsline.build.names import FAMILY, initials
from newsline.build.names import entity_key as _key
from newsline.model import DocAnalysis, Entity, EntityMentionRef

FUZZY_MIN_LEN = 10
FUZZY_MIN_SCORE = 92.0

MentionKey = tuple[str, int]  # (doc id, mention index)


@dataclass(slots=True)
class EntityIndex:
    """The build's entities and where each document mention went."""

    entities: list[Entity]
    by_mention: dict[MentionKey, str]


def _local_resolution(analysis: DocAnalysis) -> dict[int, str]:
    """Within one document: the key each mention stands for (short names, acronyms)."""
    keys: dict[int, str] = {}
    full_people: dict[str, str] = {}
    orgs: list[tuple[str, str]] = []
    for i, m in enumerate(analysis.mentions):
        fam = FAMILY.get(m.type, "OTHER")
        k = _key(m.text, fam)
        keys[i] = f"{fam}:{k}"
        if fam == "PERSON" and len(k.split()) >= 2:
            full_people[k] = keys[i]
        if fam == "ORG" and len(m.text.split()) >= 2:
            orgs.append((initials(m.text), keys[i]))
    for i, m in enumerate(analysis.mentions):
        fam = FAMILY.get(m.type, "OTHER")
        k = _key(m.text, fam)
        if fam == "PERSON" and len(k.split()) == 1:
            matches = {v for full, v in full_people.items()
                       if full.split()[-1] == k or full.split()[0] == k}
            if len(matches) == 1:
                keys[i] = matches.pop()
        elif fam == "ORG" and m.text.isupper() and 2 <= len(m.text) <= 8:
            matches = {v for ini, v in orgs if ini == m.text}
            if len(matches) == 1:
                keys[i] = matches.pop()
    return keys


def _entity_id(family: str, key: str) -> str:
    return "ent-" + hashlib.sha1(f"{family}:{key}".encode()).hexdigest()[:12]


def resolve(analyses: Iterable[DocAnalysis], knowledge: Knowledge | None = None) -> EntityIndex:
    """Group every entity mention of the corpus into canonical entities."""
    kb = knowledge or Knowledge.empty()
    uf = UnionFind()
    members: dict[str, list[tuple[MentionKey, str, str]]] = defaultdict(list)
    acronyms: dict[str, set[str]] = defaultdict(set)
    long_keys: dict[str, str] = {}  # key text -> node id
    for analysis in analyses:
        local = _local_resolution(analysis)
        for i, m in enumerate(analysis.mentions):
            node = local[i]
            fam = node.split(":", 1)[0]
            uf.find(node)
            members[node].append(((analysis.doc, i), m.text, m.type))
            canonical = kb.canonical_key(node.split(":", 1)[1], fam)
            if canonical is not None:
                uf.union(node, f"{fam}:{canonical}")
            if fam == "ORG" and len(m.text.split()) >= 2:
                acronyms[initials(m.text)].add(node)
            key_text = node.split(":", 1)[1]
            if len(key_text) >= FUZZY_MIN_LEN:
                long_keys[node] = key_text
    # an acronym used alone in one article joins its only expansion elsewhere
    for node in list(members):
        fam, key_text = node.split(":", 1)
        if fam == "ORG" and key_text.isalpha() and " " not in key_text:
            expansions = acronyms.get(key_text.upper(), set())
            if len(expansions) == 1:
                uf.union(node, next(iter(expansions)))
    _fuzzy_merge(long_keys, uf)

    clusters: dict[str, list[str]] = defaultdict(list)
    for node in members:
        clusters[uf.find(node)].append(node)
    entities: list[Entity] = []
    by_mention: dict[MentionKey, str] = {}
    for nodes in clusters.values():
        refs = [ref for n in nodes for ref in members[n]]
        if not refs:
            continue  # a knowledge-base node no mention reached
        fam = nodes[0].split(":", 1)[0]
        entity = _make_entity(fam, nodes, refs, kb)
        entities.append(entity)
        for ref, _, _ in refs:
            by_mention[ref] = entity.id
    entities.sort(key=lambda e: e.id)
    return EntityIndex(entities, by_mention)


def _fuzzy_merge(long_keys: dict[str, str], uf: UnionFind) -> None:
    """Join keys that are the same words in another order, or one or two edits apart."""
    by_tokens: dict[tuple[str, str], list[str]] = defaultdict(list)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, key_text in long_keys.items():
        fam = node.split(":", 1)[0]
        by_tokens[(fam, " ".join(sorted(key_text.split())))].append(node)
        blocks[(fam, key_text[0])].append(node)
    for nodes in by_tokens.values():  # family name first or last: "Xi Jinping", "Jinping Xi"
        for other in nodes[1:]:
            uf.union(nodes[0], other)
    for nodes in blocks.values():
        nodes.sort()
        for a_i, a in enumerate(nodes):
            ka = long_keys[a]
            for b in nodes[a_i + 1:]:
                kb_ = long_keys[b]
                if abs(len(ka) - len(kb_)) > 2 or ka.split()[0] != kb_.split()[0]:
                    continue
                if fuzz.ratio(ka, kb_) >= FUZZY_MIN_SCORE:
                    uf.union(a, b)


def _make_entity(
    fam: str, nodes: list[str], refs: list[tuple[MentionKey, str, str]], kb: Knowledge
) -> Entity:
    forms = Counter(text for _, text, _ in refs)
    types = Counter(t for _, _, t in refs)
    kb_name = None
    for node in nodes:
        kb_name = kb_name or kb.canonical_name(node.split(":", 1)[1], fam)
    longest_words = max(len(f.split()) for f in forms)
    full = [f for f in forms if len(f.split()) == longest_words] if fam == "PERSON" else list(forms)
    name = kb_name or max(full, key=lambda f: (forms[f], len(f), f))
    key = _key(name, fam)
    kind = types.most_common(1)[0][0]
    aliases = sorted(forms, key=lambda f: (-forms[f], f))
    if name not in aliases:
        aliases.insert(0, name)
    mentions = [EntityMentionRef(doc, 0, 0, text) for (doc, _), text, _ in refs]
    return Entity(_entity_id(fam, key), name, kind, aliases, mentions)


def attach_offsets(index: EntityIndex, analyses: dict[str, DocAnalysis]) -> None:
    """Fill each entity mention's offsets from the analyses (kept out of the hot loop)."""
    by_entity: dict[str, list[EntityMentionRef]] = defaultdict(list)
    for (doc, i), ent_id in sorted(index.by_mention.items()):
        m = analyses[doc].mentions[i]
        by_entity[ent_id].append(EntityMentionRef(doc, m.start, m.end, m.text))
    for e in index.entities:
        e.mentions = by_entity.get(e.id, [])
