"""Claims that cannot hold at the article's own date.

A first check of the anachronism family: an article that reports, as already done, something
dated after the article itself was written (a day-level date at least two days past its own
date) contradicts its dateline: either the date is wrong or the claim is.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from newsline.model import DateEstimate, DocAnalysis, Evidence, Flag

SLACK_DAYS = 1
PAST = {"asserted", "reported"}


def future_claims(
    analyses: dict[str, DocAnalysis], doc_dates: dict[str, DateEstimate]
) -> list[Flag]:
    flags = []
    for doc in sorted(analyses):
        estimate = doc_dates.get(doc)
        if estimate is None or estimate.basis not in ("metadata", "stated"):
            continue  # only a date the source itself gives can be contradicted this way
        own = estimate.latest
        if own is None:
            continue
        analysis = analyses[doc]
        for m in analysis.events:
            if m.modality not in PAST or m.time is None:
                continue
            t = analysis.timexes[m.time]
            if t.anchored or t.earliest is None or t.earliest != t.latest:
                continue
            if t.earliest - own <= dt.timedelta(days=SLACK_DAYS):
                continue
            fid = "flag-ana-" + hashlib.sha1(f"{doc}|{t.start}".encode()).hexdigest()[:12]
            evidence = [
                Evidence(doc, m.start, m.end, m.quote, f"reported as done, dated {t.value}"),
                *[Evidence(e.doc, e.start, e.end, e.quote, "the article's own date")
                  for e in estimate.evidence],
            ]
            flags.append(Flag(
                fid, "anachronism", "warning",
                f"The article, dated {own.isoformat()}, reports as already done a "
                f"{m.type} dated {t.value}, after it was written.",
                [doc], evidence,
            ))
    return flags
