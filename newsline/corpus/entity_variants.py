"""Name variants for the entity resolver (:mod:`newsline.corpus.entities`, pass 3): the same
name in another word order, one word a typo or a romanisation of the other, a middle initial
or a particle left out. Blocked by shape, never all pairs.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz.distance import OSA

from newsline.graph import UnionFind
from newsline.names import skeleton

VARIANT_MIN_LEN = 10  # keys shorter than this are not matched by word order
TYPO_MIN_WORD = 6  # a one-edit typo is only trusted in a word this long


def _split(node: str) -> tuple[str, str, str]:
    block, rest = node.split("\x1f", 1)
    fam, key = rest.split(":", 1)
    return block, fam, key


def same_name(a: str, b: str) -> bool:
    """Two normalised name keys that are one name spelled differently: one word a typo or a
    romanisation of the other, all other words equal."""
    wa, wb = _particles(a).split(), _particles(b).split()
    if len(wa) != len(wb) or wa == wb:
        return wa == wb or (len(a) >= 8 and a.replace(" ", "") == b.replace(" ", ""))
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) > 1:  # every differing word romanised otherwise: Sergei/Sergey Shoigu/Shoygu
        return all(_romanised(x, y) for x, y in diff)
    x, y = diff[0]
    if len(wa) >= 2 and x != wa[0] and _short_typo(x, y):
        return True
    if _romanised(x, y) or len(wa) >= 2 and _vowel_variant(x, y):
        return True
    if min(len(x), len(y)) < TYPO_MIN_WORD - 1:
        return False
    return min(len(x), len(y)) >= TYPO_MIN_WORD and x[0] == y[0] and OSA.distance(x, y) <= 1


def _short_typo(x: str, y: str) -> bool:
    """A short surname with one letter dropped inside it ("Abas", "Arden", "Anan"), never at
    its end ("Rutte"/"Rutter") nor a letter changed ("Bruni"/"Bruno")."""
    short, long_ = sorted((x, y), key=len)
    if len(short) < 4 or len(long_) != len(short) + 1 or x[0] != y[0]:
        return False
    return any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_) - 1))


def _vowel_variant(x: str, y: str) -> bool:
    """One inner vowel written otherwise ("Hamid"/"Hamed", "Yasser"/"Yasir", "Ebrahim"/
    "Ibrahim"), never the last letter ("Bruni"/"Bruno") nor two vowels ("Hassan"/"Hussein")."""
    a, b = skeleton(x), skeleton(y)
    if len(a) != len(b) or len(a) < 4:
        return False
    diff = [i for i, (p, q) in enumerate(zip(a, b, strict=True)) if p != q]
    return (len(diff) == 1 and diff[0] < len(a) - 1 and a[diff[0]] in "aeiou"
            and b[diff[0]] in "aeiou")


def _particles(key: str) -> str:
    return " ".join("al" if w in ("el", "al", "ul") else w for w in key.split())


def _romanised(x: str, y: str) -> bool:
    if len(x) >= 5 and len(y) >= 5 and ("y" + x == y or "y" + y == x):  # Yevgeny/Evgeny
        return True
    return min(len(x), len(y)) >= 4 and skeleton(x) == skeleton(y) and len(skeleton(x)) >= 4


_NAME_FAMILIES = ("PERSON", "ORG", "OTHER", "PLACE")  # labels the NER confuses on a name


def _variant_family(fam: str, key: str) -> str:
    """The family variants are matched within: a name of two or more words the NER labelled a
    person, an organisation, a place or "other" is matched across those labels ("Volodymyr
    Zelensky" PERSON, "Volodymyr Zelenskyy" ORG); a one-word name only within its own."""
    return "NAME" if fam in _NAME_FAMILIES and " " in key else fam


def variant_merge(nodes: list[str], uf: UnionFind) -> None:
    """Join names in another word order, or one word spelled differently (blocked, no all-pairs)."""
    by_tokens: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    by_shape: dict[tuple[str, str, int, str], list[str]] = defaultdict(list)
    for node in nodes:
        block, fam, key = _split(node)
        if fam == "PRO" or not key:
            continue
        ws = key.split()
        two_word_person = fam == "PERSON" and len(ws) == 2 and len(key) >= 8  # "Hu Jintao"
        fam = _variant_family(fam, key)
        if len(key) >= VARIANT_MIN_LEN or two_word_person:
            by_tokens[(block, fam, " ".join(sorted(ws)))].append(node)
        by_shape[(block, fam, 0, key.replace(" ", ""))].append(node)
        by_shape[(block, fam, -1, " ".join(skeleton(w) for w in _particles(key).split()))].append(
            node)
        # candidate pairs share every word but one: index by each word left out
        for i in range(len(ws)):
            rest = " ".join(ws[:i] + ["_"] + ws[i + 1:])
            by_shape[(block, fam, len(ws), rest)].append(node)
    # a middle initial or an "al-" particle left out: "Donald J. Trump", "Bashar Assad"
    loose: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for node in nodes:
        block, fam, key = _split(node)
        ws = key.split()
        kept = [w for n, w in enumerate(ws) if not (0 < n < len(ws) - 1 and len(w) == 1)
                and w not in ("al", "el")]
        if fam == "PERSON" and len(kept) >= 2:
            loose[(block, fam, " ".join(kept))].add(node)
    for (_, _, plain), variants in loose.items():
        fuller = {_split(n)[2] for n in variants} - {plain}
        if len(variants) >= 2 and len(fuller) == 1:  # never George H. W. / George W. Bush
            ordered = sorted(variants)
            for other in ordered[1:]:
                uf.union(ordered[0], other,
                         "the same name with a middle initial or particle left out")
    for group in by_tokens.values():  # family name first or last: "Xi Jinping", "Jinping Xi"
        for other in group[1:]:
            uf.union(group[0], other, "the same words in another order")
    for group in by_shape.values():
        if len(group) < 2 or len(group) > 50:
            continue
        group.sort()
        for a_i, a in enumerate(group):
            for b in group[a_i + 1:]:
                if same_name(_split(a)[2], _split(b)[2]):
                    uf.union(a, b, "the same name spelled differently (spacing, a typo or "
                                   "another romanisation)")
