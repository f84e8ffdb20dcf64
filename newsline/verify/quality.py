"""Signs of machine-written or low-quality text, needing no downloaded model.

Signals: listicle scaffolding (numbered lines, "Here are five ..."), generic hedging and filler
("it is important to note", "in conclusion"), no named source anywhere (no "said", "according
to", no quotation), and many claims with no attribution. They are weak: an ordinary article
can show one. So the check only ever writes an ``info`` flag, and only beside other evidence:
for an article that another check already flagged as a warning or an error.
"""

from __future__ import annotations

import re

from newsline.model import DocAnalysis, Evidence, Flag
from newsline.verify.common import flag_id, quote

MIN_SCORE = 2
_HEDGES = re.compile(
    r"\b(?:it is (?:important|worth|crucial|essential) to (?:note|mention|remember)|"
    r"in conclusion|in today's (?:fast-paced|digital) world|it goes without saying|"
    r"some experts (?:say|believe|argue)|many (?:people|experts) (?:believe|say|agree)|"
    r"studies have shown|it is (?:widely|generally) (?:believed|accepted)|"
    r"at the end of the day|needless to say|as an ai(?: language model)?|"
    r"plays? a (?:crucial|vital|pivotal) role|a testament to|delve into|"
    r"navigat\w+ the (?:complex|ever-changing)|in the realm of)\b", re.IGNORECASE)
_LISTICLE = re.compile(r"(?m)^\s*(?:\d{1,2}[.)]|[-•*])\s+\S")
_HERE_ARE = re.compile(r"\bhere are (?:the )?(?:\d+|three|four|five|six|seven|eight|nine|ten)\b",
                       re.IGNORECASE)
_SOURCE = re.compile(r"\b(?:said|says|told|according to|stated|reported|announced)\b|[\"“]",
                     re.IGNORECASE)


def signals(doc: str, text: str) -> tuple[int, list[Evidence], list[str]]:
    """(score, quotes, reasons) of the low-quality signals in one text."""
    score, evidence, reasons = 0, [], []
    hedges = list(_HEDGES.finditer(text))
    if hedges:
        score += min(2, len(hedges))
        reasons.append(f"{len(hedges)} generic hedging phrase(s)")
        evidence += [quote(doc, text, m.start(), m.end(), "generic hedging")
                     for m in hedges[:3]]
    items = list(_LISTICLE.finditer(text))
    here = _HERE_ARE.search(text)
    if len(items) >= 3 or here:
        score += 1
        reasons.append("listicle scaffolding")
        if here:
            evidence.append(quote(doc, text, here.start(), here.end(), "listicle scaffolding"))
        else:
            end = text.find("\n", items[0].start())
            evidence.append(quote(doc, text, items[0].start(), len(text) if end < 0 else end,
                                  "listicle scaffolding"))
    if not _SOURCE.search(text):
        score += 1
        reasons.append("no named source or quotation")
    return score, evidence, reasons


def low_quality(texts: dict[str, str], analyses: dict[str, DocAnalysis],
                flags: list[Flag]) -> list[Flag]:
    """Info flags for already-flagged articles that also read as machine-written."""
    suspect = {d for f in flags if f.severity in ("warning", "error") for d in f.documents}
    out = []
    for doc in sorted(suspect):
        if doc not in texts or doc not in analyses:
            continue
        score, evidence, reasons = signals(doc, texts[doc])
        if score < MIN_SCORE:
            continue
        if not evidence:
            s, e = analyses[doc].sentences[0] if analyses[doc].sentences else (0, 0)
            evidence = [quote(doc, texts[doc], s, e, "opening, with no source named")]
        out.append(Flag(
            flag_id("quality", doc), "machine-written", "info",
            "Besides the other flags on this article, its text shows signs of machine-written "
            "or low-quality writing: " + ", ".join(reasons) + ". A weak signal, not proof.",
            [doc], evidence))
    return out
