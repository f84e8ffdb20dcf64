"""Dates that one document lends another.

An article with no date of its own (or only a loose one) that reports, as done, an event which
other articles date, was written on or after that event. This is the hook through which linked
events tighten article dates; the event linking itself lives in ``build.events``.
"""

from __future__ import annotations

import datetime as dt

from newsline.model import DateEstimate, Event, Evidence

OCCURRED = {"asserted", "reported"}


def lend_dates(
    doc_dates: dict[str, DateEstimate], events: list[Event]
) -> dict[str, DateEstimate]:
    """Return refined copies of ``doc_dates``; documents with a source date are left alone."""
    out = dict(doc_dates)
    for ev in events:
        if ev.date.basis != "stated" or ev.date.earliest is None:
            continue
        dating_docs = {e.doc for e in ev.date.evidence}
        for m in ev.mentions:
            if m.modality not in OCCURRED or m.doc in dating_docs:
                continue
            own = out.get(m.doc, DateEstimate.unknown())
            if own.basis in ("metadata", "stated"):
                continue
            lower = ev.date.earliest
            if own.earliest is not None and own.earliest >= lower:
                continue
            if own.latest is not None and own.latest < lower:
                continue  # contradiction: leave it to the checks
            evidence = [
                *own.evidence,
                Evidence(m.doc, m.start, m.end, m.quote,
                         f"reports as done an event other articles date to {ev.date.value}, "
                         f"so it was written on or after {lower.isoformat()}"),
                *ev.date.evidence[:1],
            ]
            value = own.value
            if value is None or (len(value) == 10 and dt.date.fromisoformat(value) < lower):
                value = lower.isoformat()
            out[m.doc] = DateEstimate(value, lower, own.latest, "inferred",
                                      max(own.confidence, 0.4), evidence)
    return out
