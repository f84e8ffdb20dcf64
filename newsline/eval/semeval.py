"""SemEval-2015 Task 4 (TimeLine, Minard et al. 2015): readers and the Track A scorer.

Readers: the CAT XML texts (tokens, sentences, document creation time), rebuilt as text with a
map from character offset to the task's mention id ``docid-sentence-word``, and the gold
timeline files (``order<TAB>date<TAB>mention[<TAB>mention...]``).

Scorer, re-implemented from the task's description: each timeline becomes a TimeML-like
graph - the mentions on one line are SIMULTANEOUS (one event), a line with a date is
IS_INCLUDED in a TIMEX3 node of that value (``2008-XX-XX`` included: equal values are one
node), the lines of successive positions (order >= 1) are BEFORE, lines sharing a position are
SIMULTANEOUS; position 0 (events that cannot be placed) takes no order relation. Graphs are
compared with the temporal-awareness metric of UzZaman & Allen (2011) as TempEval-3 uses it:
precision = |reduced(system) ∩ closure(gold)| / |reduced(system)|, recall the other way round.
Closure and reduction are computed exactly in the point algebra (an interval is a start and
an end point; BEFORE: a.end < b.start; SIMULTANEOUS: equal ends; INCLUDES: a.start <= b.start
and b.end <= a.end). Figures are micro-averaged over the timelines of a corpus, as the task did.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsline.eval.coref import detokenize

Relation = tuple[str, str, str]  # (a, BEFORE|SIMULTANEOUS|INCLUDES, b)
Line = tuple[int, str, list[str]]  # (order, date, mention ids)


@dataclass(slots=True)
class CatDoc:
    """One task document rebuilt as text, with the mention id of every token."""

    id: str
    name: str
    text: str
    dct: str  # YYYY-MM-DD
    sentences: list[tuple[int, int]]
    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, mention id)

    def mention_id(self, start: int) -> str | None:
        """The task id of the token starting at (or holding) character ``start``."""
        for a, b, mid in self.tokens:
            if a <= start < b:
                return mid
        return None


def read_cat(path: Path) -> CatDoc:
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id", path.name.split("_", 1)[0].split("-", 1)[0])
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        by_sentence[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    numbers = sorted(by_sentence)
    text, sent_spans, tok_spans = detokenize([[t for _, t in by_sentence[n]] for n in numbers])
    tokens = []
    for s_i, n in enumerate(numbers):
        for (_, word), (a, b) in zip(by_sentence[n], tok_spans[s_i], strict=True):
            tokens.append((a, b, f"{doc_id}-{n}-{word}"))
    dct = ""
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            dct = _iso(el.get("value", ""))
    return CatDoc(doc_id, root.get("doc_name", path.stem), text, dct, sent_spans, tokens)


def _iso(value: str) -> str:
    """YYYY-MM-DD from a TIMEX3 value (one corpus file writes MM-DD-YYYY)."""
    m = re.match(r"(\d{2})-(\d{2})-(\d{4})$", value)
    return f"{m.group(3)}-{m.group(1)}-{m.group(2)}" if m else value[:10]


def read_timeline(path: Path) -> tuple[str, list[Line]]:
    """The target entity and the lines of one timeline file."""
    lines = path.read_text("utf-8").splitlines()
    out: list[Line] = []
    for line in lines[1:]:
        parts = line.strip().split("\t")
        if len(parts) >= 3:
            out.append((int(parts[0]), padded(parts[1]), parts[2:]))
    return lines[0].strip() if lines else path.stem, out


def padded(date: str) -> str:
    """A timeline date in the one form the task writes most: "1968" and "2006-03" (as the
    trial files write some) as "1968-XX-XX" and "2006-03-XX", "XXX-XX-XX" as "XXXX-XX-XX"."""
    if re.fullmatch(r"X+-XX-XX", date):
        return "XXXX-XX-XX"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", date)
    if m:
        return f"{m.group(1)}-{m.group(2) or 'XX'}-XX"
    return date


def write_timeline(entity: str, lines: list[Line]) -> str:
    return "\n".join([entity, *("\t".join([str(o), d, *ms]) for o, d, ms in lines)]) + "\n"


# ---------------------------------------------------------------- timeline -> relations


def relations(lines: list[Line]) -> set[Relation]:
    """The TimeML-like graph of one timeline (see the module docstring)."""
    rels: set[Relation] = set()
    reps: dict[int, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for order, date, mentions in lines:
        ms = [m for m in mentions if m not in seen]
        seen.update(ms)
        if not ms:
            continue
        rep = ms[0]
        for m in ms[1:]:
            rels.add(_sim(rep, m))
        if date and not date.startswith("XXXX"):
            rels.add((f"T:{date}", "INCLUDES", rep))
        if order > 0:
            reps[order].append(rep)
    orders = sorted(reps)
    for o in orders:
        for r in reps[o][1:]:
            rels.add(_sim(reps[o][0], r))
    for a, b in zip(orders, orders[1:], strict=False):
        rels.add((reps[a][0], "BEFORE", reps[b][0]))
    return rels


def _sim(a: str, b: str) -> Relation:
    return (a, "SIMULTANEOUS", b) if a < b else (b, "SIMULTANEOUS", a)


# ---------------------------------------------------------------- point-algebra closure

Edge = tuple[str, str, bool]  # p <= q, strict when True


def _edges(rel: Relation) -> list[Edge]:
    a, kind, b = rel
    if kind == "BEFORE":
        return [(a + "+", b + "-", True)]
    if kind == "SIMULTANEOUS":
        return [(a + "-", b + "-", False), (b + "-", a + "-", False),
                (a + "+", b + "+", False), (b + "+", a + "+", False)]
    return [(a + "-", b + "-", False), (b + "+", a + "+", False)]  # a INCLUDES b


def _entails(rel: Relation) -> list[Edge]:
    """The point constraints that must all hold for ``rel`` to hold."""
    return _edges(rel)


class PointGraph:
    """Order constraints between interval end points; answers "is p <= q (p < q) entailed?"."""

    def __init__(self, rels: set[Relation]) -> None:
        self.out: dict[str, list[tuple[str, bool, Relation]]] = defaultdict(list)
        nodes = {x for a, _, b in rels for x in (a, b)}
        for n in nodes:  # an interval starts no later than it ends
            self.out[n + "-"].append((n + "+", False, ("", "", "")))
        for r in rels:
            for p, q, strict in _edges(r):
                self.out[p].append((q, strict, r))

    def holds(self, p: str, q: str, strict: bool, without: Relation | None = None) -> bool:
        """Whether a path p -> q exists (through a strict edge when ``strict``)."""
        if p == q:
            return not strict
        seen: set[tuple[str, bool]] = {(p, False)}
        stack = [(p, False)]
        while stack:
            node, s = stack.pop()
            for nxt, e_strict, rel in self.out.get(node, ()):
                if rel == without:
                    continue
                state = (nxt, s or e_strict)
                if nxt == q and (state[1] or not strict):
                    return True
                if state not in seen:
                    seen.add(state)
                    stack.append(state)
        return False

    def entailed(self, rel: Relation, without: Relation | None = None) -> bool:
        return all(self.holds(p, q, s, without) for p, q, s in _entails(rel))


def reduce(rels: set[Relation]) -> set[Relation]:
    """The relations not entailed by the others (removed one at a time, in a fixed order)."""
    graph = PointGraph(rels)
    kept = set(rels)
    for r in sorted(rels):
        if graph.entailed(r, without=r):
            kept.discard(r)
            graph = PointGraph(kept)
    return kept


@dataclass(slots=True)
class Counts:
    """Temporal-awareness counts of one or more timelines."""

    sys_hit: int = 0
    sys_total: int = 0
    ref_hit: int = 0
    ref_total: int = 0

    def add(self, other: Counts) -> None:
        self.sys_hit += other.sys_hit
        self.sys_total += other.sys_total
        self.ref_hit += other.ref_hit
        self.ref_total += other.ref_total

    def prf(self) -> dict[str, float]:
        p = self.sys_hit / self.sys_total if self.sys_total else 0.0
        r = self.ref_hit / self.ref_total if self.ref_total else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(100 * p, 2), "recall": round(100 * r, 2),
                "f1": round(100 * f, 2)}


def compare(system: list[Line], gold: list[Line]) -> Counts:
    """Temporal awareness of one system timeline against its gold timeline."""
    sys_rels, ref_rels = relations(system), relations(gold)
    sys_red, ref_red = reduce(sys_rels), reduce(ref_rels)
    sys_graph, ref_graph = PointGraph(sys_rels), PointGraph(ref_rels)
    return Counts(sum(1 for r in sys_red if ref_graph.entailed(r)), len(sys_red),
                  sum(1 for r in ref_red if sys_graph.entailed(r)), len(ref_red))
