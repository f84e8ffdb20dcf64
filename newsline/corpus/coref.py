"""Coreferent mentions in the corpus build: a pronoun or description ("he", "the company") that
the analysis linked to an antecedent (:mod:`newsline.analyze.coref`) joins the entity of that
antecedent. It never makes an entity or an alias of its own: name resolution sees the names
only (:func:`names_only`), then :func:`attach_coreferent` maps each coreferent mention to the
entity its chain of antecedents ends in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from newsline.model import DocAnalysis

if TYPE_CHECKING:
    from newsline.corpus.entities import EntityIndex


def names_only(analysis: DocAnalysis) -> DocAnalysis:
    """The analysis without its coreferent mentions (they follow the names, so every name keeps
    its index)."""
    n = sum(1 for m in analysis.mentions if m.antecedent is None)
    if n == len(analysis.mentions):
        return analysis
    return replace(analysis, mentions=analysis.mentions[:n])


def attach_coreferent(index: EntityIndex, analyses: list[DocAnalysis]) -> None:
    """Map each coreferent mention to its antecedent's entity, in place."""
    for a in analyses:
        for i, m in enumerate(a.mentions):
            j, steps = m.antecedent, 0
            while j is not None and (a.doc, j) not in index.by_mention and steps < len(
                    a.mentions):
                j, steps = a.mentions[j].antecedent, steps + 1
            if m.antecedent is not None and j is not None and (a.doc, j) in index.by_mention:
                index.by_mention[(a.doc, i)] = index.by_mention[(a.doc, j)]
