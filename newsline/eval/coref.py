"""Coreference metrics as the CoNLL-2012 reference scorer (v8) defines them.

A clustering is a list of clusters, each an iterable of hashable mentions. Key and response may
hold different mentions (predicted mentions): a mention missing from the other side counts
against recall or precision exactly as the reference scorer counts it, with no extra
alignment step. A mention repeated in the response is kept only where it first occurs, as the
reference scorer de-duplicates (its test cases A7-A9).

- MUC (Vilain et al. 1995): links recovered, from the partition of each cluster by the other side;
- B³ (Bagga & Baldwin 1998): per-mention overlap, singletons included;
- CEAF-e (Luo 2005): the best one-to-one alignment of clusters under
  φ4(K, R) = 2|K ∩ R| / (|K| + |R|);
- CoNLL F1: the mean of the three F1 scores.

``tests/eval/test_coref.py`` checks these against the reference scorer's published test cases.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

Clusters = Sequence[Iterable[Hashable]]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class PRF:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * p * r / (p + r) if p + r else 0.0


def _normalise(clusters: Clusters) -> list[frozenset[Hashable]]:
    """Non-empty clusters, each mention kept only in the first cluster that holds it."""
    seen: set[Hashable] = set()
    out: list[frozenset[Hashable]] = []
    for cluster in clusters:
        members = []
        for m in cluster:
            if m not in seen:
                seen.add(m)
                members.append(m)
        if members:
            out.append(frozenset(members))
    return out


def _index(clusters: list[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    """Share of the links of ``key`` that ``response`` keeps (a missing mention is its own part)."""
    where = _index(response)
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def muc(key: Clusters, response: Clusters) -> PRF:
    k, r = _normalise(key), _normalise(response)
    return PRF(_muc_side(k, r), _muc_side(r, k))


def _b3_side(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    where = _index(response)
    total = sum(len(c) for c in key)
    if not total:
        return 0.0
    score = 0.0
    for cluster in key:
        counts: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                counts[where[m]] += 1
        score += sum(n * n for n in counts.values()) / len(cluster)
    return score / total


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    k, r = _normalise(key), _normalise(response)
    return PRF(_b3_side(k, r), _b3_side(r, k))


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    k, r = _normalise(key), _normalise(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    where = _index(r)
    sims: dict[tuple[int, int], float] = {}
    for i, cluster in enumerate(k):
        counts: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                counts[where[m]] += 1
        for j, n in counts.items():
            sims[(i, j)] = 2 * n / (len(cluster) + len(r[j]))
    total = _best_alignment(sims)
    return PRF(total / len(k), total / len(r))


def _best_alignment(sims: dict[tuple[int, int], float]) -> float:
    """The largest total similarity of a one-to-one alignment, solved per connected component
    of the overlap graph (clusters that share no mention never gain from being aligned)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in sims:
        a, b = find(("k", i)), find(("r", j))
        if a != b:
            parent[a] = b
    components: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for pair in sims:
        components[find(("k", pair[0]))].append(pair)
    total = 0.0
    for pairs in components.values():
        rows = sorted({i for i, _ in pairs})
        cols = sorted({j for _, j in pairs})
        if len(rows) == 1 or len(cols) == 1:
            total += max(sims[p] for p in pairs)
            continue
        ri = {x: n for n, x in enumerate(rows)}
        ci = {x: n for n, x in enumerate(cols)}
        matrix = [[0.0] * len(cols) for _ in rows]
        for i, j in pairs:
            matrix[ri[i]][ci[j]] = sims[(i, j)]
        total += _max_assignment(matrix)
    return total


def _max_assignment(weights: list[list[float]]) -> float:
    """Hungarian algorithm (potentials, O(n²m)) for the maximum-weight assignment."""
    transpose = len(weights) > len(weights[0])
    if transpose:
        weights = [list(col) for col in zip(*weights, strict=True)]
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(weights[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def worst_errors(
    key: Sequence[Sequence[K]], response: Sequence[Sequence[K]], text: Mapping[K, str],
    shown: int = 5,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The wrong merges (a response cluster spanning several key clusters) and the missed links
    (a key cluster spread over several response clusters), each largest first, with up to
    ``shown`` surface forms of the three largest pieces."""
    def pieces(members: Sequence[K], label: dict[K, int]) -> list[list[K]]:
        groups: dict[int, list[K]] = defaultdict(list)
        for k in members:
            groups[label.get(k, -1)].append(k)
        return sorted(groups.values(), key=len, reverse=True)

    def forms(parts: list[list[K]]) -> list[list[str]]:
        return [sorted({text.get(k, "?") for k in p})[:shown] for p in parts[:3]]

    key_of = {k: i for i, c in enumerate(key) for k in c}
    response_of = {k: i for i, c in enumerate(response) for k in c}
    merges: list[dict[str, Any]] = []
    splits: list[dict[str, Any]] = []
    for members in response:
        parts = pieces(members, key_of)
        if len(parts) > 1:
            merges.append({"kind": "wrong merge", "size": len(members), "parts": forms(parts)})
    for members in key:
        parts = pieces(members, response_of)
        if len(parts) > 1:
            splits.append({"kind": "missed link", "size": len(members), "pieces": len(parts),
                           "parts": forms(parts)})
    merges.sort(key=lambda e: -int(e["size"]))
    splits.sort(key=lambda e: -int(e["size"]))
    return merges, splits


def conll_scores(key: Clusters, response: Clusters) -> dict[str, float]:
    """MUC, B³, CEAF-e F1 and their mean, in 0..100, plus each metric's recall and precision."""
    out: dict[str, float] = {}
    f1s = []
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        prf = metric(key, response)
        out[f"{name}_recall"] = round(100 * prf.recall, 2)
        out[f"{name}_precision"] = round(100 * prf.precision, 2)
        out[f"{name}_f1"] = round(100 * prf.f1, 2)
        f1s.append(prf.f1)
    out["conll_f1"] = round(100 * sum(f1s) / 3, 2)
    return out


# ---------------------------------------------------------------- gold corpora for coreference


@dataclass(slots=True)
class GoldMention:
    """A gold mention: character span in :attr:`GoldDoc.text`, annotated kind, gold cluster."""

    start: int
    end: int
    text: str
    kind: str  # the corpus's own label: HUMAN_PART_PER, LOC_GEO, PER, ORG ...
    cluster: str  # gold cluster id; a singleton gets an id of its own
    sentence: int = 0
    syntactic: str = ""  # NAM, NOM, PRO where the corpus says


@dataclass(slots=True)
class GoldDoc:
    """One annotated document rebuilt as text, with the gold mentions that are scored."""

    id: str
    topic: str
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[GoldMention]
    scored_sentences: set[int] | None = None  # None: every sentence is scored

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (-1 when none does)."""
        for i, (a, b) in enumerate(self.sentences):
            if a <= offset <= b:
                return i
        return -1


_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'",
                    "''", "'re", "'ve", "'ll", "'d", "'m", "’s"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


def detokenize(sentences: list[list[str]]) -> tuple[str, list[tuple[int, int]],
                                                   list[list[tuple[int, int]]]]:
    """Text from token lists (one sentence a line), with sentence and token character spans."""
    parts: list[str] = []
    pos = 0
    sent_spans: list[tuple[int, int]] = []
    token_spans: list[list[tuple[int, int]]] = []
    for s_i, tokens in enumerate(sentences):
        if s_i:
            parts.append("\n")
            pos += 1
        start = pos
        spans = []
        prev = ""
        for t_i, tok in enumerate(tokens):
            if t_i and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
            prev = tok
        sent_spans.append((start, pos))
        token_spans.append(spans)
    return "".join(parts), sent_spans, token_spans


def purity(response: list[list[str]], key: list[list[str]]) -> tuple[float, float]:
    """Purity and inverse purity (0..100) of a clustering against gold classes."""
    gold = {x: i for i, c in enumerate(key) for x in c}
    pred = {x: i for i, c in enumerate(response) for x in c}
    n = len(gold) or 1

    def best(clusters: list[list[str]], other: dict[str, int]) -> int:
        return sum(Counter(other[x] for x in c if x in other).most_common(1)[0][1]
                   for c in clusters if any(x in other for x in c))

    return round(100 * best(response, gold) / n, 2), round(100 * best(key, pred) / n, 2)
