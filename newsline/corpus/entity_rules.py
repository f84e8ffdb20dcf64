"""Corpus-level name decisions of the entity resolver (:mod:`newsline.corpus.entities`).

Two rules a reader expects and that no single article can decide:

- **one family per name** (:func:`settle_families`): a name that the NER labels PERSON in one
  article and ORG (or "other": a product, a work) in another is one thing. The knowledge base
  decides when it lists the name in one of the families; else the articles vote: each mention
  counts once for its NER label and three times for what its context says ("Qaddafi, a
  retired general", "Mr Qaddafi", "Qaddafi, who ..." for a person; "Aramco, the state oil
  company", "Aramco Inc" for an organisation); a tie leaves the labels as they are;
- **a surname alone** (:func:`surname_merge`): "Merkel", "Chancellor Merkel" or "Mr Abe" in an
  article that does not give the full name joins the one full name of the corpus whose first or
  last word it is ("Angela Merkel", "Shinzo Abe", "Xi Jinping"); with no such full name in the
  corpus, the one person of the knowledge base of that surname (last word). Two full names
  sharing it in the corpus (Ed and David Miliband) or in the knowledge base keep it apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from newsline.graph import UnionFind
from newsline.knowledge import Knowledge
from newsline.model import DocAnalysis
from newsline.names import FAMILY, form_of, is_title, name_core, name_key
from newsline.names import entity_key as _key

CONTEXT_WEIGHT = 3  # a mention's context outweighs its NER label this many times
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"}
_PERSON_NOUNS = (
    "general|colonel|commander|officer|soldier|spokesman|spokeswoman|spokesperson|minister|"
    "president|chairman|chairwoman|chief|executive|director|founder|leader|analyst|economist|"
    "actor|actress|singer|rapper|musician|player|coach|striker|captain|lawyer|attorney|judge|"
    "senator|lawmaker|politician|diplomat|ambassador|envoy|governor|mayor|king|queen|prince|"
    "princess|cleric|priest|bishop|writer|author|journalist|reporter|editor|professor|scientist|"
    "doctor|man|woman|boy|girl|father|mother|son|daughter|husband|wife|widow|brother|sister|"
    "resident|student|teacher|worker|employee|banker|investor|billionaire|businessman|"
    "businesswoman|candidate|activist|suspect|victim|pilot|driver|star|veteran|dictator|"
    "ruler|head|deputy|secretary|adviser|advisor|aide|member"
)
_ORG_NOUNS = (
    "company|firm|group|carrier|maker|manufacturer|agency|airline|bank|party|team|club|"
    "organisation|organization|corporation|giant|automaker|retailer|network|union|band|"
    "conglomerate|producer|operator|broadcaster|newspaper|publisher|insurer|lender|supplier|"
    "startup|start-up|subsidiary|unit|movement|militia|charity|foundation|institute|university|"
    "association|alliance|coalition|ministry|department|council|committee|regulator|exchange"
)
_APPOSITION = r"^\s*,\s*(?:a|an|the|its|his|her|their)?\s*(?:[\w'’.-]+\s+){0,4}?(?:%s)s?\b"
_PERSON_AFTER = re.compile(
    _APPOSITION % _PERSON_NOUNS + r"|^\s*,\s*(?:who|whose)\b|^\s*,\s*\d{1,3}\s*,", re.I)
_ORG_AFTER = re.compile(
    _APPOSITION % _ORG_NOUNS
    + r"|^\s*,?\s*(?:Inc|Corp|Corporation|Ltd|LLC|plc|PLC|AG|SA|GmbH|Co)\b\.?", re.I)
_PERSON_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Prof|Sir|Dame|General|Colonel|"
    r"President|Chancellor|Minister|Senator|Governor|Mayor|King|Queen|Prince|Princess|"
    r"Pope|Sheikh|Judge|Justice)\.?\s+$")
_ORG_BEFORE = re.compile(r"\b(?:shares (?:of|in)|stake in|subsidiary of|units? of)\s+$", re.I)
_SETTLED = ("PERSON", "ORG", "OTHER")


def settle_key(text: str) -> str:
    """The key a name is settled by: the name inside the mention, a leading honorific off."""
    ws = name_key(name_core(text)).split()
    while len(ws) > 1 and ws[0] in _HONORIFICS:
        ws = ws[1:]
    return " ".join(ws)


def context_family(text: str, start: int, end: int) -> str | None:
    """What the words around a name say it is: PERSON, ORG, or None when they say nothing."""
    after, before = text[end:end + 80], text[max(0, start - 30):start]
    person = bool(_PERSON_AFTER.match(after) or _PERSON_BEFORE.search(before))
    org = bool(_ORG_AFTER.match(after) or _ORG_BEFORE.search(before))
    if person == org:
        return None
    return "PERSON" if person else "ORG"


def settle_families(docs: Iterable[DocAnalysis], kb: Knowledge,
                    texts: Mapping[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """Name key -> (the family it takes, why) for every name seen under two of PERSON, ORG and
    OTHER."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, set[str]] = defaultdict(set)
    for a in docs:
        text = texts.get(a.doc) if texts else None
        for m in a.mentions:
            fam = FAMILY.get(m.type, "OTHER")
            if fam not in _SETTLED or form_of(m.text) != "name":
                continue
            key = settle_key(m.text)
            if not key:
                continue
            labels[key].add(fam)
            votes[key][fam] += 1
            said = context_family(text, m.start, m.end) if text else None
            if said is not None:
                votes[key][said] += CONTEXT_WEIGHT
                labels[key].add(said)
    out: dict[str, tuple[str, str]] = {}
    people: dict[str, str] | None = None
    for key, fams in labels.items():
        if len(fams) < 2:
            continue
        if people is None:
            people = kb_people_names(kb)
        known = [f for f in _SETTLED if kb.canonical_name(_key(key, f), f) is not None
                 or f == "PERSON" and _key(key, f) in people]
        if len(known) == 1:
            out[key] = (known[0], "the knowledge base lists it as a "
                        + ("person" if known[0] == "PERSON" else "organisation"))
            continue
        (first, n1), *rest = votes[key].most_common()
        if not rest or rest[0][1] < n1:
            out[key] = (first, f"the articles' labels and contexts say {first} "
                               f"({n1} to {rest[0][1] if rest else 0})")
    return out


def kb_people_names(kb: Knowledge) -> dict[str, str]:
    """Person key -> the knowledge base's spelling of the name."""
    people = {name for (fam, _), name in kb.names.items() if fam == "PERSON"}
    people |= {t.holder for t in kb.terms}
    return {_key(p, "PERSON"): p for p in sorted(people)}


def _kb_surnames(kb: Knowledge) -> dict[str, set[str]]:
    """Surname (first or last word of a full name) -> the knowledge base's people of it."""
    out: dict[str, set[str]] = defaultdict(set)
    people = {name for (fam, _), name in kb.names.items() if fam == "PERSON"}
    people |= {t.holder for t in kb.terms}
    for name in people:
        ws = _key(name, "PERSON").split()
        if len(ws) >= 2 and not is_title(ws[-1]):
            out[ws[-1]].add(_key(name, "PERSON"))
    return out


def surname_merge(nodes: Iterable[tuple[str, str, str, str]], uf: UnionFind, kb: Knowledge,
                  node_of: Callable[[str, str, str], str]) -> dict[str, str]:
    """Join each lone surname node to the one full name the corpus (else the knowledge base)
    gives it. ``nodes``: (node, block, family, key) of every named node; ``node_of(block,
    family, key)`` makes a node. Returns the surname nodes joined to a knowledge base person,
    with that person's name."""
    named = [n for n in nodes if n[2] == "PERSON" and not n[3].startswith(("~", "@", "&"))]
    full_by_word: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node, block, _, key in named:
        ws = key.split()
        if len(ws) >= 2 and not is_title(ws[-1]):
            full_by_word[(block, ws[0])].add(node)
            full_by_word[(block, ws[-1])].add(node)
    kb_people: dict[str, set[str]] | None = None  # built once, when first needed
    spelled: dict[str, str] = {}
    joined: dict[str, str] = {}
    for node, block, _, key in named:
        if " " in key or len(key) < 2 or is_title(key):
            continue
        own = uf.find(node)
        roots = {uf.find(n) for n in full_by_word.get((block, key), ())}
        if own in roots:
            continue  # already its full name's
        if len(roots) == 1:
            full = min(n for n in full_by_word[(block, key)] if uf.find(n) in roots)
            uf.union(node, full, "a surname whose only full name in the corpus is this one")
        elif not roots:
            if kb_people is None:
                kb_people, spelled = _kb_surnames(kb), kb_people_names(kb)
            people = kb_people.get(key, set())
            if len(people) == 1:
                person = next(iter(people))
                uf.union(node, node_of(block, "PERSON", person),
                         "a surname whose only person in the knowledge base is this one")
                joined[node] = spelled.get(person, person.title())
    return joined
