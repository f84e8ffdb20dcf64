"""Reader for ECB+ (Cybulska & Vossen 2014): CAT XML documents with cross-document coreference.

Each mention's gold cluster is the ``note`` of the ``CROSS_DOC_COREF`` relation it is a source
of; ``INTRA_DOC_COREF`` links join mentions within a document; a mention in neither is a
singleton. Only the sentences listed in ``ECBplus_coreference_sentences.csv`` are scored, as is
standard (Cybulska & Vossen 2015); the other sentences stay in the text for context.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from newsline.eval.coref import GoldDoc, GoldMention, detokenize
from newsline.graph import UnionFind

TEST_TOPICS: tuple[int, ...] = tuple(range(36, 46))
DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
TRAIN_TOPICS: tuple[int, ...] = tuple(t for t in range(1, 36) if t not in DEV_TOPICS)
# preprocessors since Cybulska & Vossen skip these malformed tokens
_SKIP_TOKENS = {("31_10ecbplus.xml", "979"), ("9_3ecbplus.xml", "30"), ("9_4ecbplus.xml", "32")}
EVENT_PREFIXES = ("ACTION", "NEG_ACTION")


def is_entity_kind(kind: str) -> bool:
    """Entity mentions as Barhom et al. (2019) take them: every kind that is not an action."""
    return not kind.startswith(EVENT_PREFIXES) and kind != "UNKNOWN_INSTANCE_TAG"


def root(data_dir: Path) -> Path:
    return data_dir / "ecbplus" / "ECB+_LREC2014"


def validated_sentences(base: Path) -> dict[str, set[int]]:
    """Document file name -> the sentence numbers that were validated."""
    out: dict[str, set[int]] = defaultdict(set)
    with (base / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}.xml"].add(int(row["Sentence Number"]))
    return out


def read_doc(path: Path, scored: set[int] | None, kinds: str = "entity") -> GoldDoc:
    """One ECB+ file; ``kinds`` "entity", "event" or "all" picks the mentions kept."""
    tree = ET.parse(path)
    doc_root = tree.getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in doc_root.iter("token"):
        if (path.name, tok.get("t_id", "")) in _SKIP_TOKENS:
            continue
        by_sentence[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    numbers = sorted(by_sentence)
    text, sent_spans, tok_spans = detokenize([[t for _, t in by_sentence[n]] for n in numbers])
    where: dict[str, tuple[int, int, int]] = {}  # t_id -> (sentence number, start, end)
    for s_i, n in enumerate(numbers):
        for (t_id, _), (a, b) in zip(by_sentence[n], tok_spans[s_i], strict=True):
            where[t_id] = (n, a, b)
    want = {"entity": is_entity_kind, "event": lambda k: k.startswith(EVENT_PREFIXES),
            "all": lambda k: k != "UNKNOWN_INSTANCE_TAG"}[kinds]
    raw: dict[str, tuple[int, int, int, str]] = {}
    markables = doc_root.find("Markables")
    for el in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in el.findall("token_anchor")]
        anchors = [a for a in anchors if a in where]
        if not anchors or not want(el.tag):
            continue
        spans = [where[a] for a in anchors]
        raw[el.get("m_id", "")] = (spans[0][0], min(s[1] for s in spans),
                                   max(s[2] for s in spans), el.tag)
    uf = UnionFind()
    relations = doc_root.find("Relations")
    for rel in relations if relations is not None else []:
        sources = [s.get("m_id", "") for s in rel.findall("source")]
        if rel.tag == "CROSS_DOC_COREF":
            for m in sources:
                uf.union(f"m:{m}", f"c:{rel.get('note', '')}")
        elif rel.tag == "INTRA_DOC_COREF":
            target = rel.find("target")
            for m in sources:
                if target is not None:
                    uf.union(f"m:{m}", f"m:{target.get('m_id', '')}")
    mentions = []
    seen: set[tuple[int, int]] = set()
    for m_id, (sent, start, end, kind) in sorted(raw.items(), key=lambda kv: kv[1][1:3]):
        if (scored is not None and sent not in scored) or (start, end) in seen:
            continue
        seen.add((start, end))
        node = uf.find(f"m:{m_id}")
        cluster = node[2:] if node.startswith("c:") else f"{path.name}:{node[2:]}"
        mentions.append(GoldMention(start, end, text[start:end], kind, cluster,
                                    numbers.index(sent)))
    topic = path.name.split("_", 1)[0]
    scored_idx = None if scored is None else {numbers.index(n) for n in scored if n in numbers}
    return GoldDoc(path.stem, topic, text, sent_spans, mentions, scored_idx)


def read(data_dir: Path, topics: tuple[int, ...] = TEST_TOPICS,
         kinds: str = "entity") -> list[GoldDoc]:
    """The ECB+ documents of ``topics``, validated sentences scored."""
    base = root(data_dir)
    valid = validated_sentences(base)
    docs = []
    for topic in topics:
        folder = base / "ECB+" / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            docs.append(read_doc(path, valid.get(path.name, set()), kinds))
    return docs
