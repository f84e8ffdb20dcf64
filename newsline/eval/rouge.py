"""ROUGE-1/2 and the timeline metrics of tilse (Martschat & Markert 2017, 2018), re-implemented.

The timeline summarisation literature (news-tls, Gholipour Ghalandari & Ifrim 2020) scores with
tilse's ``TimelineRougeEvaluator`` over ROUGE-1.5.5 run with stemming and stop-word removal.
This module reproduces that without Perl:

* **Tokens** (``rouge_tokens``): ROUGE-1.5.5's preparation: lower case, every character other
  than ``a-z0-9`` becomes a space, stop words dropped, then the Porter (1980) stemmer on tokens
  longer than three characters. The stop-word list is spaCy's English list (ROUGE ships the
  SMART list, which is longer), so figures may differ from ROUGE-1.5.5's by a little.
* **Counts** (``rouge_counts``): ROUGE-N hits, peer n-grams and model n-grams ("raw" averaging),
  n-grams taken over the whole summary's token stream.
* **Date-F1** (``date_f1``): the F1 of the two timelines' date sets (news-tls ``evaluate_dates``).
* **Alignment ROUGE** (``align_rouge``): tilse's ``align_date_content_costs_many_to_one``: each
  predicted date is mapped to the reference date of least cost (for precision) and each
  reference date to the predicted date of least cost (for recall), where the cost of a pair is
  ``(1 - 1/(|days| + 1)) * (1 - approximate ROUGE-1 F1 of the two summaries)``; a mapped pair's
  hits are weighted by ``1/(|days| + 1)``; precision and recall are micro-averaged over dates.
  The approximate ROUGE-1 of the cost is tilse's: raw tokens, no stemming or stop-word removal;
  here both sides are first split PTB-style (punctuation apart) so that detokenised predictions
  and tokenised references meet on the same tokens.
* **Agreement ROUGE** (``agreement_rouge``): tilse's ``agreement``, summaries compared only on
  shared dates.

Timelines are ``{date: [sentence, ...]}``; scores are in 0..1 here (the benchmark scales them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

Timeline = Mapping[dt.date, Sequence[str]]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PTB_SPLIT = re.compile(r"\w+(?:[-'.]\w+)*|'s|n't|[^\w\s]")
_STOP = frozenset(STOP_WORDS) | {"s", "t", "nt"}


# ------------------------------------------------------------------ Porter (1980) stemmer


def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in "aeiou":
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    m, prev_vowel = 0, False
    for i in range(len(stem)):
        vowel = not _cons(stem, i)
        if prev_vowel and not vowel:
            m += 1
        prev_vowel = vowel
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    n = len(w)
    return (n >= 3 and _cons(w, n - 3) and not _cons(w, n - 2) and _cons(w, n - 1)
            and w[-1] not in "wxy")


_STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
          ("izer", "ize"), ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
          ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
          ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
          ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"))
_STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
          ("ful", ""), ("ness", ""))
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
          "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize")


def _replace_longest(w: str, rules: Sequence[tuple[str, str]], min_m: int) -> str:
    best = max((r for r in rules if w.endswith(r[0])), key=lambda r: len(r[0]), default=None)
    if best is None:
        return w
    stem = w[: len(w) - len(best[0])]
    return stem + best[1] if _measure(stem) > min_m else w


@lru_cache(maxsize=200_000)
def porter_stem(word: str) -> str:
    """The original Porter (1980) stemmer, as ROUGE-1.5.5 applies it (lower-case input)."""
    w = word
    if len(w) <= 2:
        return w
    # step 1a
    if w.endswith("sses") or w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    # step 1b
    again = False
    if w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, again = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, again = w[:-3], True
    if again:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_cons(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _measure(w) == 1 and _cvc(w):
            w += "e"
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    w = _replace_longest(w, _STEP2, 0)
    w = _replace_longest(w, _STEP3, 0)
    # step 4
    suffix = max((s for s in _STEP4 if w.endswith(s)), key=len, default=None)
    if suffix is not None:
        stem = w[: len(w) - len(suffix)]
        if _measure(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
            w = stem
    # step 5
    if w.endswith("e"):
        stem = w[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            w = stem
    if w.endswith("ll") and _measure(w) > 1:
        w = w[:-1]
    return w


# ------------------------------------------------------------------ ROUGE-N


@lru_cache(maxsize=100_000)
def _tokens_cached(text: str) -> tuple[str, ...]:
    out = []
    for tok in _NON_ALNUM.split(text.lower()):
        if not tok or tok in _STOP:
            continue
        out.append(porter_stem(tok) if len(tok) > 3 else tok)
    return tuple(out)


def rouge_tokens(text: str) -> list[str]:
    """ROUGE-1.5.5-style tokens: lower case, alphanumerics only, no stop words, Porter stems."""
    return list(_tokens_cached(text))


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class Counts:
    """ROUGE-N counts: matched n-grams, the prediction's n-grams, the reference's n-grams."""

    hits: int
    pred: int
    ref: int


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, p: float, r: float) -> PRF:
        return cls(p, r, 2 * p * r / (p + r) if p + r > 0 else 0.0)


def rouge_counts(pred: Sequence[str], ref: Sequence[str], n: int) -> Counts:
    """ROUGE-N counts of the sentences ``pred`` against the sentences ``ref``."""
    p = _ngrams([t for s in pred for t in _tokens_cached(s)], n)
    r = _ngrams([t for s in ref for t in _tokens_cached(s)], n)
    hits = sum(min(c, r[g]) for g, c in p.items() if g in r)
    return Counts(hits, sum(p.values()), sum(r.values()))


def rouge_n(pred: str | Sequence[str], ref: str | Sequence[str], n: int) -> PRF:
    """ROUGE-N precision, recall and F1 of one summary against one reference."""
    c = rouge_counts([pred] if isinstance(pred, str) else pred,
                     [ref] if isinstance(ref, str) else ref, n)
    return PRF.of(c.hits / c.pred if c.pred else 0.0, c.hits / c.ref if c.ref else 0.0)


# ------------------------------------------------------------------ timeline metrics


def date_f1(pred: Iterable[dt.date], ref: Iterable[dt.date]) -> PRF:
    """Precision, recall and F1 of the predicted date set against the reference's."""
    p, r = set(pred), set(ref)
    shared = len(p & r)
    return PRF.of(shared / len(p) if p else 0.0, shared / len(r) if r else 0.0)


def _approx_rouge1(pred: Sequence[str], ref: Sequence[str]) -> float:
    """tilse's approximate ROUGE-1 F1 (raw tokens, one reference) used inside the costs."""
    pc = Counter(t for s in pred for t in _PTB_SPLIT.findall(s))
    rc = Counter(t for s in ref for t in _PTB_SPLIT.findall(s))
    match = sum(min(c, rc[t]) for t, c in pc.items())
    p = match / sum(pc.values()) if pc else 0.0
    r = match / sum(rc.values()) if rc else 0.0
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _date_weight(a: dt.date, b: dt.date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def align_many_to_one(
    sources: Sequence[dt.date], targets: Sequence[dt.date],
    pred: Timeline, ref: Timeline, source_is_pred: bool,
) -> list[tuple[dt.date, dt.date]]:
    """Map each source date to its least-cost target date (first one on ties, as numpy's
    ``argmin``); the cost is date distance times content mismatch (tilse)."""
    out = []
    for s in sources:
        best, best_cost = None, float("inf")
        for t in targets:
            p, r = (s, t) if source_is_pred else (t, s)
            cost = (1 - _date_weight(s, t)) * (1 - _approx_rouge1(pred[p], ref[r]))
            if cost < best_cost:
                best, best_cost = t, cost
        if best is not None:
            out.append((s, best))
    return out


def align_rouge(pred: Timeline, ref: Timeline, ns: Sequence[int] = (1, 2)) -> dict[int, PRF]:
    """tilse's ``align_date_content_costs_many_to_one`` ROUGE-N for each n in ``ns``."""
    pred_dates, ref_dates = sorted(pred), sorted(ref)
    prec_pairs = align_many_to_one(pred_dates, ref_dates, pred, ref, True)
    rec_pairs = align_many_to_one(ref_dates, pred_dates, pred, ref, False)
    out = {}
    for n in ns:
        pn = pd = rn = rd = 0.0
        for p, r in prec_pairs:
            c = rouge_counts(pred[p], ref[r], n)
            pn += _date_weight(p, r) * c.hits
            pd += c.pred
        matched = {p for p, _ in prec_pairs}
        pd += sum(rouge_counts(pred[p], [], n).pred for p in pred_dates if p not in matched)
        for r, p in rec_pairs:
            c = rouge_counts(pred[p], ref[r], n)
            rn += _date_weight(p, r) * c.hits
            rd += c.ref
        matched = {r for r, _ in rec_pairs}
        rd += sum(rouge_counts([], ref[r], n).ref for r in ref_dates if r not in matched)
        out[n] = PRF.of(pn / pd if pd else 0.0, rn / rd if rd else 0.0)
    return out


def agreement_rouge(pred: Timeline, ref: Timeline, ns: Sequence[int] = (1, 2)) -> dict[int, PRF]:
    """tilse's ``agreement`` ROUGE-N: daily summaries compared on the dates both timelines have."""
    out = {}
    for n in ns:
        pn = pd = rn = rd = 0
        for d in set(pred) | set(ref):
            c = rouge_counts(pred.get(d, []), ref.get(d, []), n)
            if d in pred:
                pn, pd = pn + c.hits, pd + c.pred
            if d in ref:
                rn, rd = rn + c.hits, rd + c.ref
        out[n] = PRF.of(pn / pd if pd else 0.0, rn / rd if rd else 0.0)
    return out
