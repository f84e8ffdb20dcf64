"""Timeline fixtures for the exporters and the web app: a realistic one and a hostile one.

Both are plain dicts in the ``newsline.timeline/1`` shape of SPEC.md, built with offsets that
hold (``text[start:end] == quote``). ``demo_timeline()`` follows a real news story (Kim Jong Un's
September 2023 trip to Russia and North Korea's spy-satellite launches) and uses every event
status; ``adversarial_timeline()`` puts script, attribute and template injections into every
field a renderer might print.
"""

from __future__ import annotations

import re
from typing import Any

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
XSS_CLOSE = "</script>"
TEMPLATE = "{{ 7*7 }}"
PAYLOADS = (XSS_SCRIPT, XSS_ATTR, XSS_CLOSE, TEMPLATE)


class TimelineBuilder:
    """Builds a timeline dict whose offsets are computed from the quotes, never typed by hand."""

    def __init__(self, generated_at: str = "2026-11-23T10:00:00Z") -> None:
        self.generated_at = generated_at
        self.texts: dict[str, str] = {}
        self.documents: list[dict[str, Any]] = []
        self.entities: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.stories: list[dict[str, Any]] = []
        self.flags: list[dict[str, Any]] = []

    def span(self, doc: str, quote: str) -> tuple[int, int]:
        start = self.texts[doc].index(quote)
        return start, start + len(quote)

    def evidence(self, doc: str, quote: str, reason: str) -> dict[str, Any]:
        start, end = self.span(doc, quote)
        return {"doc": doc, "start": start, "end": end, "quote": quote, "reason": reason}

    def date(
        self,
        value: str | None,
        earliest: str | None = None,
        latest: str | None = None,
        basis: str = "stated",
        confidence: float = 0.8,
        evidence: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        if value and len(value) == 10:
            earliest = earliest or value
            latest = latest or value
        return {
            "value": value,
            "earliest": earliest,
            "latest": latest,
            "basis": basis,
            "confidence": confidence,
            "evidence": evidence or [],
        }

    def document(
        self,
        id: str,
        text: str,
        *,
        title: str | None,
        outlet: str | None,
        source: str,
        date: dict[str, Any] | None = None,
        url: str | None = None,
    ) -> None:
        self.texts[id] = text
        self.documents.append(
            {
                "id": id,
                "source": source,
                "title": title,
                "outlet": outlet,
                "url": url,
                "text": text,
                "date": date or self.date(None, basis="unknown", confidence=0.0),
            }
        )

    def entity(self, id: str, name: str, type: str, aliases: list[str]) -> None:
        mentions = []
        for doc, text in self.texts.items():
            for alias in aliases:
                for m in re.finditer(re.escape(alias), text):
                    mentions.append({"doc": doc, "start": m.start(), "end": m.end(), "text": alias})
        mentions.sort(key=lambda m: (m["doc"], m["start"]))
        self.entities.append(
            {"id": id, "name": name, "type": type, "aliases": aliases, "mentions": mentions}
        )

    def mention(
        self, doc: str, quote: str, modality: str, attributed_to: str | None = None
    ) -> dict[str, Any]:
        start, end = self.span(doc, quote)
        return {
            "doc": doc,
            "start": start,
            "end": end,
            "quote": quote,
            "modality": modality,
            "attributed_to": attributed_to,
        }

    def event(
        self,
        id: str,
        type: str,
        summary: str,
        status: str,
        date: dict[str, Any],
        participants: list[tuple[str, str]],
        places: list[str],
        mentions: list[dict[str, Any]],
    ) -> None:
        self.events.append(
            {
                "id": id,
                "type": type,
                "summary": summary,
                "participants": [{"entity": e, "role": r} for e, r in participants],
                "places": places,
                "date": date,
                "status": status,
                "mentions": mentions,
            }
        )

    def story(
        self,
        id: str,
        title: str,
        documents: list[str],
        events: list[str],
        earliest: str | None,
        latest: str | None,
    ) -> None:
        self.stories.append(
            {
                "id": id,
                "title": title,
                "documents": documents,
                "events": events,
                "earliest": earliest,
                "latest": latest,
            }
        )

    def flag(
        self,
        id: str,
        kind: str,
        severity: str,
        message: str,
        documents: list[str],
        evidence: list[dict[str, Any]],
    ) -> None:
        self.flags.append(
            {
                "id": id,
                "kind": kind,
                "severity": severity,
                "message": message,
                "documents": documents,
                "evidence": evidence,
            }
        )

    def build(self) -> dict[str, Any]:
        return {
            "schema": "newsline.timeline/1",
            "generated_at": self.generated_at,
            "documents": self.documents,
            "entities": self.entities,
            "events": self.events,
            "stories": self.stories,
            "flags": self.flags,
        }


DEMO_TEXTS = {
    "d-reuters-0905": (
        "WASHINGTON, Sept 5 (Reuters) - North Korean leader Kim Jong Un is expected to travel "
        "to Russia this month to meet President Vladimir Putin, U.S. officials said on Monday. "
        "The two leaders plan to meet in Vladivostok, where Putin will attend the Eastern "
        "Economic Forum. U.S. officials said arms negotiations between Russia and North Korea "
        "were actively advancing, and some reports say Pyongyang is already shipping artillery "
        "shells to Russia by rail."
    ),
    "d-ap-0912": (
        "SEOUL, South Korea (AP) - Kim Jong Un arrived in Russia on Tuesday, September 12, "
        "2023, aboard his armoured train, North Korea's state media said. Kim will not attend "
        "the Eastern Economic Forum in Vladivostok, the Kremlin said, and the summit with "
        "Putin will take place elsewhere."
    ),
    "d-kcna-0914": (
        "Pyongyang, September 14 (KCNA) - Kim Jong Un and Vladimir Putin held talks at the "
        "Vostochny Cosmodrome on 13 September. Kim Jong Un invited Putin to visit Pyongyang "
        "at a convenient time, and Putin accepted the invitation with pleasure, KCNA said. "
        "Kim Jong Un returned home on 17 September after visiting factories in Komsomolsk."
    ),
    "d-tass-0914": (
        "MOSCOW, Sept 14 (TASS) - Kremlin spokesman Dmitry Peskov said no agreements on "
        "military-technical cooperation were signed during the visit. Peskov said Foreign "
        "Minister Sergei Lavrov is expected to visit Pyongyang in October to continue the talks."
    ),
    "d-yonhap-0825": (
        "SEOUL, Aug. 25 (Yonhap) - North Korea's second attempt to put a military spy satellite "
        "into orbit failed on Thursday, August 24, when the rocket's third stage malfunctioned. "
        "KCNA said the country will carry out a third launch in October."
    ),
    "d-nhk-1122": (
        "TOKYO, November 22 (NHK) - North Korea launched a military reconnaissance satellite "
        "on the night of 21 November, its third attempt this year. The launch North Korea had "
        "announced for October did not take place. Japan lodged a protest through diplomatic "
        "channels in Beijing."
    ),
    "d-blog-undated": (
        "Kim Jong-un's train is reported to be heading for Vladivostok, and analysts say a "
        "meeting with Putin could come as soon as next week. Some sources claim a senior "
        "official was executed after the failed satellite launch, which nobody could confirm."
    ),
}


# The two builders below are data tables: kept compact on purpose.
# fmt: off
def demo_timeline() -> dict[str, Any]:
    """A realistic timeline: two stories, other events, all eight statuses, three flags."""
    b = TimelineBuilder()
    t = DEMO_TEXTS

    def doc(id: str, title: str | None, outlet: str | None, source: str, **date: Any) -> None:
        b.texts[id] = t[id]
        evidence = [b.evidence(id, q, r) for q, r in date.pop("evidence", [])]
        b.document(id, t[id], title=title, outlet=outlet, source=source,
                   date=b.date(evidence=evidence, **date))

    doc("d-reuters-0905", "North Korea's Kim to visit Russia for talks with Putin, U.S. says",
        "Reuters", "https://www.reuters.com/world/asia-pacific/kim-putin-2023-09-05/",
        value="2023-09-05", basis="metadata", confidence=0.97,
        evidence=[("Sept 5 (Reuters)", "dateline")])
    doc("d-ap-0912", "Kim Jong Un arrives in Russia by armoured train", "AP",
        "https://apnews.com/article/kim-jong-un-russia-train",
        value="2023-09-12", basis="stated", confidence=0.9,
        evidence=[("Tuesday, September 12, 2023", "absolute date stated in the lead")])
    doc("d-kcna-0914", "Respected Comrade Kim Jong Un holds talks with Putin", "KCNA",
        "corpus/kcna/2023-09-14.txt",
        value="2023-09-14", basis="stated", confidence=0.85,
        evidence=[("September 14 (KCNA)", "dateline")])
    doc("d-tass-0914", "Kremlin: no military agreements signed during Kim visit", "TASS",
        "http://tass.com/politics/kremlin-kim-visit",
        value="2023-09-14", basis="metadata", confidence=0.95,
        evidence=[("Sept 14 (TASS)", "dateline")])
    doc("d-yonhap-0825", "N. Korea's second spy satellite launch fails", "Yonhap",
        "https://en.yna.co.kr/view/AEN20230825000000315",
        value="2023-08-25", basis="metadata", confidence=0.96,
        evidence=[("Aug. 25 (Yonhap)", "dateline")])
    doc("d-nhk-1122", "North Korea launches spy satellite on third attempt", "NHK",
        "https://www3.nhk.or.jp/nhkworld/en/news/20231122_01/",
        value="2023-11-22", basis="metadata", confidence=0.95,
        evidence=[("November 22 (NHK)", "dateline")])
    doc("d-blog-undated", None, None, "file:///home/analyst/notes/kim-train.txt",
        value="2023-09", earliest="2023-09-01", latest="2023-09-11", basis="inferred",
        confidence=0.4,
        evidence=[("heading for Vladivostok", "the trip began on 10 September 2023"),
                  ("failed satellite launch", "after the failed launch of 24 August 2023")])

    urls = {"d-reuters-0905": b.documents[0]["source"],
            "d-kcna-0914": "https://kcnawatch.org/newstream/kim-putin-talks/"}
    for document in b.documents:
        document["url"] = urls.get(document["id"])

    b.entity("e-kim", "Kim Jong Un", "PERSON", ["Kim Jong Un", "Kim Jong-un", "Kim"])
    b.entity("e-putin", "Vladimir Putin", "PERSON", ["Vladimir Putin", "Putin"])
    b.entity("e-nk", "North Korea", "GPE", ["North Korea", "Pyongyang"])
    b.entity("e-russia", "Russia", "GPE", ["Russia"])
    b.entity("e-vostochny", "Vostochny Cosmodrome", "FAC", ["Vostochny Cosmodrome"])
    b.entity("e-vladivostok", "Vladivostok", "GPE", ["Vladivostok"])
    b.entity("e-kremlin", "Kremlin", "ORG", ["Kremlin"])
    b.entity("e-peskov", "Dmitry Peskov", "PERSON", ["Dmitry Peskov", "Peskov"])
    b.entity("e-lavrov", "Sergei Lavrov", "PERSON", ["Sergei Lavrov"])
    b.entity("e-kcna", "Korean Central News Agency", "ORG", ["KCNA"])
    b.entity("e-japan", "Japan", "GPE", ["Japan"])
    b.entity("e-eef", "Eastern Economic Forum", "EVENT", ["Eastern Economic Forum"])

    m = b.mention
    d = b.date
    b.event("ev-visit", "visit", "Kim Jong Un travels to Russia by armoured train", "occurred",
            d("2023-09-12", "2023-09-12", "2023-09-17", confidence=0.9,
              evidence=[b.evidence("d-ap-0912", "Tuesday, September 12, 2023", "arrival")]),
            [("e-kim", "visitor")], ["e-russia"],
            [m("d-reuters-0905", "Kim Jong Un is expected to travel to Russia this month",
               "expected", "U.S. officials"),
             m("d-blog-undated", "Kim Jong-un's train is reported to be heading for Vladivostok",
               "reported"),
             m("d-ap-0912", "Kim Jong Un arrived in Russia", "asserted", "e-nk")])
    b.event("ev-summit", "meeting", "Kim and Putin hold talks at the Vostochny Cosmodrome",
            "occurred", d("2023-09-13", confidence=0.95),
            [("e-kim", "participant"), ("e-putin", "participant")], ["e-vostochny"],
            [m("d-reuters-0905", "The two leaders plan to meet in Vladivostok", "planned"),
             m("d-kcna-0914", "Kim Jong Un and Vladimir Putin held talks at the Vostochny "
               "Cosmodrome on 13 September", "asserted", "e-kcna")])
    b.event("ev-eef", "visit", "Kim attends the Eastern Economic Forum in Vladivostok",
            "cancelled", d("2023-09", "2023-09-10", "2023-09-13", confidence=0.5),
            [("e-kim", "visitor")], ["e-vladivostok"],
            [m("d-ap-0912", "Kim will not attend the Eastern Economic Forum in Vladivostok",
               "negated", "e-kremlin")])
    b.event("ev-arms", "agreement", "Russia and North Korea sign an arms agreement", "denied",
            d("2023-09-13", confidence=0.6), [("e-russia", "party"), ("e-nk", "party")], [],
            [m("d-reuters-0905", "arms negotiations between Russia and North Korea were actively "
               "advancing", "reported", "U.S. officials"),
             m("d-tass-0914", "no agreements on military-technical cooperation were signed",
               "negated", "e-peskov")])
    b.event("ev-invite", "invitation", "Kim invites Putin to visit Pyongyang", "occurred",
            d("2023-09-13", confidence=0.8), [("e-kim", "host"), ("e-putin", "guest")],
            ["e-vostochny"],
            [m("d-kcna-0914", "Kim Jong Un invited Putin to visit Pyongyang", "reported",
               "e-kcna")])
    b.event("ev-putin-visit", "visit", "Putin visits Pyongyang", "planned",
            d(None, "2023-09-14", None, confidence=0.3), [("e-putin", "visitor")], ["e-nk"],
            [m("d-kcna-0914", "Putin accepted the invitation with pleasure", "planned",
               "e-kcna")])
    b.event("ev-lavrov", "visit", "Sergei Lavrov visits Pyongyang to continue the talks",
            "expected", d("2023-10", "2023-10-01", "2023-10-31", confidence=0.6),
            [("e-lavrov", "visitor")], ["e-nk"],
            [m("d-tass-0914", "Sergei Lavrov is expected to visit Pyongyang in October",
               "expected", "e-peskov")])
    b.event("ev-shells", "dispatch", "North Korea ships artillery shells to Russia by rail",
            "rumoured", d("2023-09", "2023-08-01", "2023-09-05", confidence=0.3),
            [("e-nk", "sender"), ("e-russia", "recipient")], [],
            [m("d-reuters-0905", "Pyongyang is already shipping artillery shells to Russia by "
               "rail", "rumoured", "some reports")])
    b.event("ev-sat2", "weapons-test", "Second North Korean spy satellite launch fails",
            "occurred", d("2023-08-24", confidence=0.95), [("e-nk", "launcher")], [],
            [m("d-yonhap-0825", "North Korea's second attempt to put a military spy satellite "
               "into orbit failed", "asserted")])
    b.event("ev-sat-oct", "weapons-test", "Third satellite launch attempt in October",
            "did-not-occur", d("2023-10", "2023-10-01", "2023-10-31", confidence=0.7),
            [("e-nk", "launcher")], [],
            [m("d-yonhap-0825", "the country will carry out a third launch in October",
               "planned", "e-kcna"),
             m("d-nhk-1122", "The launch North Korea had announced for October did not take "
               "place", "negated")])
    b.event("ev-sat3", "weapons-test", "North Korea puts a reconnaissance satellite into orbit",
            "occurred", d("2023-11-21", confidence=0.9), [("e-nk", "launcher")], [],
            [m("d-nhk-1122", "North Korea launched a military reconnaissance satellite on the "
               "night of 21 November", "asserted")])
    b.event("ev-protest", "statement", "Japan protests the satellite launch", "occurred",
            d("2023-11-21", "2023-11-21", "2023-11-22", confidence=0.7),
            [("e-japan", "speaker")], [],
            [m("d-nhk-1122", "Japan lodged a protest through diplomatic channels", "asserted")])
    b.event("ev-execution", "execution", "A senior North Korean official is executed",
            "unknown", d(None, "2023-08-24", None, confidence=0.1), [("e-nk", "agent")], [],
            [m("d-blog-undated", "a senior official was executed after the failed satellite "
               "launch", "rumoured", "Some sources")])

    b.story("s-kim-russia", "Kim Jong Un's trip to Russia",
            ["d-reuters-0905", "d-ap-0912", "d-kcna-0914", "d-tass-0914", "d-blog-undated"],
            ["ev-visit", "ev-summit", "ev-eef", "ev-arms", "ev-invite", "ev-putin-visit",
             "ev-lavrov"], "2023-09-05", "2023-10-31")
    b.story("s-satellite", "North Korea's spy satellite launches",
            ["d-yonhap-0825", "d-nhk-1122"], ["ev-sat2", "ev-sat-oct", "ev-sat3"],
            "2023-08-24", "2023-11-21")

    b.flag("f-contradiction-arms", "contradiction", "error",
           "U.S. officials describe advancing arms negotiations; the Kremlin says no military "
           "agreement was signed.", ["d-reuters-0905", "d-tass-0914"],
           [b.evidence("d-reuters-0905", "arms negotiations between Russia and North Korea "
                       "were actively advancing", "claim"),
            b.evidence("d-tass-0914", "no agreements on military-technical cooperation were "
                       "signed", "contradicting claim")])
    b.flag("f-unsupported-execution", "unsupported", "warning",
           "Claim of an execution rests on unnamed sources and is not reported elsewhere.",
           ["d-blog-undated"],
           [b.evidence("d-blog-undated", "Some sources claim a senior official was executed",
                       "unnamed sources")])
    b.flag("f-name-variant-kim", "name-variant", "info",
           "'Kim Jong-un' and 'Kim Jong Un' are treated as the same person.",
           ["d-blog-undated", "d-ap-0912"],
           [b.evidence("d-blog-undated", "Kim Jong-un", "variant"),
            b.evidence("d-ap-0912", "Kim Jong Un", "canonical")])
    return b.build()


def adversarial_timeline() -> dict[str, Any]:
    """Every printable field carries an injection: script, attribute break-out, template."""
    b = TimelineBuilder(generated_at=f"2026-11-23T10:00:00Z{XSS_SCRIPT}")
    hostile = " ".join(PAYLOADS)
    text1 = (f"Breaking {XSS_SCRIPT} The minister {XSS_ATTR} said {TEMPLATE} talks "
             f"will happen {XSS_CLOSE}<script>alert(2)</script> on 4 May 2024.")
    text2 = f"Follow-up {TEMPLATE} by {XSS_ATTR} {XSS_CLOSE} {{% raw %}} and \u2028 line."
    text3 = (f'Third <b>bold</b> &amp; {XSS_SCRIPT}\r\nsecond line, "quoted", '
             f'=HYPERLINK("http://x") +1 -1 @SUM(A1)')
    b.texts["a1"] = text1
    b.document("a1", text1, title=f"{XSS_SCRIPT} Breaking", outlet=XSS_ATTR,
               source="javascript:alert(1)",
               date=b.date("2024-05-03", basis="metadata", confidence=0.9,
                           evidence=[b.evidence("a1", XSS_SCRIPT, XSS_ATTR)]))
    a2 = f"a2{XSS_ATTR}"
    b.document(a2, text2, title=f"{TEMPLATE} {{% raw %}}", outlet=XSS_CLOSE,
               source=f'https://example.org/a?x="><svg/onload=alert(1)>{XSS_SCRIPT}',
               date=b.date(XSS_SCRIPT, earliest=XSS_ATTR, latest=TEMPLATE, basis=XSS_ATTR,
                           confidence=0.5))
    b.document("a3", text3, title=XSS_CLOSE, outlet=TEMPLATE,
               source=f"  JavaScript:alert(1)//{XSS_SCRIPT}", url="https://example.net/ok")
    b.document("a4", "Plain text.", title=None, outlet=None,
               source=f"data:text/html,{XSS_SCRIPT}", url="javascript:alert(3)")
    b.document("a5", "Scheme-relative.", title="//evil", outlet=None, source="//evil.example/x")

    b.entity(f"ent{XSS_ATTR}", XSS_SCRIPT, "PERSON", [XSS_SCRIPT, XSS_ATTR])
    b.entity("ent-2", TEMPLATE, XSS_ATTR, [TEMPLATE, XSS_CLOSE])
    b.entity("ent-3", XSS_CLOSE, "ORG", [XSS_CLOSE])

    m = b.mention
    b.event(f"ev{XSS_ATTR}", XSS_ATTR, f"Summary {hostile}", "occurred",
            b.date("2024-05-04", "2024-05-01", "2024-05-09",
                   evidence=[b.evidence("a1", "4 May 2024", XSS_SCRIPT)]),
            [(f"ent{XSS_ATTR}", XSS_ATTR), ("ent-2", TEMPLATE), ("missing-id", "ghost")],
            ["ent-3", XSS_SCRIPT],
            [m("a1", XSS_SCRIPT, "asserted", XSS_ATTR),
             m("a1", TEMPLATE, XSS_SCRIPT, f"ent{XSS_ATTR}"),
             m(a2, XSS_CLOSE, "reported", TEMPLATE),
             {"doc": "gone-doc", "start": 0, "end": 0, "quote": "", "modality": "asserted",
              "attributed_to": None}])
    b.event("ev-2", TEMPLATE, TEMPLATE, XSS_CLOSE, b.date(XSS_ATTR, XSS_SCRIPT, TEMPLATE),
            [("ent-3", XSS_CLOSE)], [], [m(a2, XSS_ATTR, "planned", XSS_CLOSE)])
    b.event("ev-3", "statement", f"=cmd|' /C calc'!A0 {XSS_SCRIPT}", "planned", b.date(None),
            [], [],
            [m("a3", '=HYPERLINK("http://x")', "asserted"),
             m("a3", f'{XSS_SCRIPT}\r\nsecond line, "quoted"', "reported", "@SUM(A1)")])
    b.story(f"st{XSS_ATTR}", f"Story {hostile}", ["a1", a2, "missing"],
            [f"ev{XSS_ATTR}", "ev-2", "missing-event"], XSS_SCRIPT, TEMPLATE)
    b.flag(f"fl{XSS_ATTR}", XSS_ATTR, XSS_SCRIPT, f"Flag {hostile}", ["a1", a2, "missing"],
           [b.evidence("a1", XSS_SCRIPT, TEMPLATE), b.evidence(a2, XSS_CLOSE, XSS_ATTR)])
    b.flag("fl-2", "duplicate", "warning", TEMPLATE, ["a3"], [])
    return b.build()
# fmt: on
