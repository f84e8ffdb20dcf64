"""Reader for the MEANTIME English corpus, cross-document layer (Minard et al. 2016).

Entity mentions point through ``REFERS_TO`` to an ENTITY; its ``instance_id`` is the
cross-document cluster. An ENTITY without one is a cluster local to its document, and a mention
that refers to nothing is a singleton.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
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
