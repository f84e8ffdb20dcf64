"""Dates that one document lends another.

An article whose text gives no clue to its date at all, that reports as done an event which
other articles date, was written on or after that event: it takes that lower bound, with the
quotes of both sides as evidence. An article with an estimate of its own keeps it. Measured on
T17 development articles undated among dated ones of the same stories
(``benchmarks/dating/lend.py``), lending to every article whose own bounds allowed it made 46
of 200 estimates worse (the truth inside before, outside after) and 15 better: the linked
events it leans on are too often two happenings of one kind (two speeches, two protests)
weeks apart, so a linked event's date overrules nothing the article says itself. Requiring
two or three dating documents, a specific event type, or agreement with the article's own
likeliest day still made more estimates worse than better.
"""

from __future__ import annotations

from newsline.model import DateEstimate, Event, Evidence

OCCURRED = {"asserted", "reported"}


def lend_dates(
    doc_dates: dict[str, DateEstimate], events: list[Event]
) -> dict[str, DateEstimate]:
    """Return ``doc_dates`` with a lent lower bound for each document that had no estimate
    of its own and reports as done an event dated by other documents' own words; the latest
    such bound when several events lend one. Every other document is left alone."""
    out = dict(doc_dates)
    for ev in events:
        if ev.date.basis != "stated" or ev.date.earliest is None:
            continue
        dating_docs = {e.doc for e in ev.date.evidence}
        lower = ev.date.earliest
        for m in ev.mentions:
            if m.modality not in OCCURRED or m.doc in dating_docs:
                continue
            own = doc_dates.get(m.doc, DateEstimate.unknown())
            if own.is_known or own.basis in ("metadata", "stated"):
                continue  # its own reading of its text stands
            lent = out.get(m.doc, own)
            if lent.earliest is not None and lent.earliest >= lower:
                continue
            evidence = [
                Evidence(m.doc, m.start, m.end, m.quote,
                         f"reports as done an event other articles date to {ev.date.value}, "
                         f"so it was written on or after {lower.isoformat()}"),
                *ev.date.evidence[:1],
            ]
            out[m.doc] = DateEstimate(lower.isoformat(), lower, None, "inferred", 0.2,
                                      evidence)
    return out


__all__ = ["OCCURRED", "lend_dates"]
