"""Claims that cannot hold at the article's own date: things told as done, dated after it.

An article that reports, as already done, something dated after the article itself was written
contradicts its dateline: either the date is wrong or the claim is. Two readings:

- an event mention reported as done (asserted or reported) whose own time is a day at least
  :data:`SLACK_DAYS` past the article's date;
- any absolute date (one that names its year, so it does not lean on the article's date) at
  the day or month level lying wholly after the article's date, in a sentence with no word of
  the future or of a plan ("will", "is due", "scheduled", "until" ...).

Only a date the source itself gives (metadata or a dateline) can be contradicted this way.
"""

from __future__ import annotations

import datetime as dt
import re

from newsline.model import DateEstimate, DocAnalysis, Evidence, Flag
from newsline.verify.common import date_quotes, flag_id, own_day

SLACK_DAYS = 1
PAST = {"asserted", "reported"}
_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|could|(?-i:may)|might|must|should|to be|is to|are to|plans?|"
    r"planned|planning|schedul\w*|expect\w*|due|set to|next|until|till|upcoming|"
    r"forthcoming|intend\w*|deadline|forecast\w*|predict\w*|projected|target\w*)\b",
    re.IGNORECASE)


def future_claims(
    analyses: dict[str, DocAnalysis], doc_dates: dict[str, DateEstimate],
    texts: dict[str, str] | None = None,
) -> list[Flag]:
    flags = []
    for doc in sorted(analyses):
        estimate = doc_dates.get(doc)
        if estimate is None or estimate.basis not in ("metadata", "stated"):
            continue
        own = estimate.latest
        if own is None:
            continue
        analysis = analyses[doc]
        flagged: set[int] = set()
        for m in analysis.events:
            if m.modality not in PAST or m.time is None or m.type == "other":
                continue
            t = analysis.timexes[m.time]
            if t.anchored or t.earliest is None or t.earliest != t.latest:
                continue
            if t.earliest - own <= dt.timedelta(days=SLACK_DAYS):
                continue
            flagged.add(t.start)
            evidence = [Evidence(doc, m.start, m.end, m.quote,
                                 f"reported as done, dated {t.value}"),
                        *date_quotes(estimate)]
            flags.append(Flag(
                flag_id("ana", doc, t.start), "anachronism", "warning",
                f"The article, dated {own.isoformat()}, reports as already done a "
                f"{m.type} dated {t.value}, after it was written.",
                [doc], evidence,
            ))
        if texts is not None and doc in texts and own_day(estimate) is not None:
            flags.extend(_dated_after(doc, texts[doc], analysis, estimate, own, flagged))
    return flags


def _dated_after(doc: str, text: str, analysis: DocAnalysis, estimate: DateEstimate,
                 own: dt.date, flagged: set[int]) -> list[Flag]:
    out = []
    for t in analysis.timexes:
        if t.type != "DATE" or t.anchored or t.start in flagged or t.earliest is None:
            continue
        if t.latest is None or (t.latest - t.earliest).days > 31:
            continue  # a day or a month, not a year or a season
        if (t.earliest - own).days <= (SLACK_DAYS if t.earliest == t.latest else 31):
            continue  # a month-level date must lie a whole month after the article
        s0, s1 = _sentence(analysis, t.start)
        if _FUTURE.search(text[s0:s1]):
            continue
        flagged.add(t.start)
        out.append(Flag(
            flag_id("ana", doc, t.start), "anachronism", "warning",
            f"The article, dated {own.isoformat()}, tells as past or present something dated "
            f"{t.value}, after it was written.",
            [doc], [Evidence(doc, s0, s1, text[s0:s1], f"dated {t.value}, with no word of "
                             "the future or of a plan"), *date_quotes(estimate)]))
        break  # one such claim is enough to question the article's date
    return out


def _sentence(analysis: DocAnalysis, pos: int) -> tuple[int, int]:
    for s, e in analysis.sentences:
        if s <= pos < e:
            return s, e
    return pos, pos
