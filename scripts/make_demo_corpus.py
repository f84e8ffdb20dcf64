#!/usr/bin/env python3
"""Build the bundled demo corpus ``examples/wikinews/`` from the shared data sets.

The demo corpus is a selection of English Wikinews articles (CC BY 2.5) on a few
recurring stories, one JSON object per article::

    {"title", "published", "url", "outlet", "text", "licence", "origin"}

Sources (read-only, default ``../shared/data`` relative to the repository root):

* ``semeval2015_timeline/`` -- SemEval-2015 Task 4 CAT XML (pre-tokenised text and
  document creation time).  The trial corpus (Apple Inc.) comes from
  ``Corpus-trial-data_task4``; the test corpora (Airbus/Boeing, GM/Chrysler/Ford,
  stock markets) from ``SemEval_Task4_data/corpus_N/corpus_trackA_CAT``.
* ``meantime_en/`` -- the same articles with the Wikinews URL of each document; the
  URL (and so the exact Wikinews page title) is taken from here.
* ``timeset_wikinews/`` -- plain-text Wikinews articles (TimeSET) and their URLs.

The CAT texts are tokenised; this script turns the tokens back into ordinary prose
(punctuation spacing, quotes, contractions, currency symbols, brackets, dashes) and
drops the headline and the dateline that the CAT files carry as their first tokens.

Only the Python standard library is used.  Run from anywhere::

    python3 scripts/make_demo_corpus.py [--data DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import re
import sys
import unicodedata
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
DEFAULT_OUT = os.path.join(REPO, "examples", "wikinews")

LICENCE = "CC BY 2.5"
OUTLET = "Wikinews"

# --------------------------------------------------------------------------------------
# Selection.  Document ids of the SemEval/MEANTIME articles per story, chosen so that the
# same actors recur across dates (iPhone/iPod/Steve Jobs; the A380, the 787 and the US
# Air Force tanker contest; the 2008-2009 Detroit bail-out and bankruptcies; the
# 2007-2010 stock-market turmoil), plus TimeSET articles on natural disasters.
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CatCorpus:
    key: str            # short key
    label: str          # story label, written at the start of "origin"
    cat_dir: str        # relative to the data dir
    meantime_dir: str   # relative to the data dir
    doc_ids: tuple


CAT_CORPORA = (
    CatCorpus(
        key="apple",
        label="SemEval-2015 Task 4 trial corpus (Apple Inc.)",
        cat_dir="semeval2015_timeline/Corpus-trial-data_task4",
        meantime_dir="meantime_en/intra-doc_annotation/corpus_apple",
        doc_ids=(
            "1664",   # Jobs keynote, WWDC 2005
            "2759",   # iPod nano
            "3065",   # iPod with video
            "4596",   # Apple Corps sues Apple Computer
            "4954",   # Apple Corps loses court case
            "7343",   # iPhone introduced
            "7495",   # Cisco sues Apple over iPhone trademark
            "7724",   # Apple Inc. / Apple Corps settle
            "9509",   # new iPod range
            "11212",  # iPhone SDK
            "12315",  # iPhone 3G
            "14501",  # iPhone 3GS
            "16844",  # iPhone 4 at WWDC 2010
            "16900",  # iPhone 4 pre-orders
            "17036",  # free cases for iPhone 4 owners
            "17174",  # executive leaves after antenna issues
            "17654",  # iOS 5, iCloud
            "17677",  # Jobs on medical leave
            "18315",  # Jobs resigns
            "18355",  # Jobs dies
        ),
    ),
    CatCorpus(
        key="airbus",
        label="SemEval-2015 Task 4 corpus_1 (Airbus/Boeing)",
        cat_dir="semeval2015_timeline/SemEval_Task4_data/corpus_1/corpus_trackA_CAT",
        meantime_dir="meantime_en/intra-doc_annotation/corpus_airbus",
        doc_ids=(
            "1173",    # Boeing-Air Force tanker emails (2004)
            "3307",    # A380 launched
            "3835",    # Chinese airlines order 787s
            "8951",    # A380 first flight
            "8983",    # Boeing deals
            "25501",   # A380 tour delayed
            "51682",   # A380 delays compensation
            "61389",   # Airbus job cuts
            "62929",   # A380 to the US
            "71526",   # Aeroflot 787 order
            "73808",   # 787 unveiled
            "78496",   # A380 test flight delayed
            "82548",   # first A380 delivered
            "82597",   # A380 in service
            "100911",  # EADS/Northrop beat Boeing for tanker
            "102977",  # EADS wins UK tanker contract
            "106653",  # 737 replacement pushed back
            "108294",  # GAO asks for tanker rerun
            "129865",  # Air France 447 black boxes
            "145930",  # 787 maiden flight
            "276079",  # first 787 into service
        ),
    ),
    CatCorpus(
        key="gm",
        label="SemEval-2015 Task 4 corpus_2 (GM/Chrysler/Ford)",
        cat_dir="semeval2015_timeline/SemEval_Task4_data/corpus_2/corpus_trackA_CAT",
        meantime_dir="meantime_en/intra-doc_annotation/corpus_gm",
        doc_ids=(
            "31965",    # GM first annual loss since 1992
            "68899",    # DaimlerChrysler sells Chrysler
            "118147",   # bail-out fails in Senate
            "118175",   # White House rescue plan
            "120554",   # buyouts
            "121134",   # more government aid
            "123881",   # Canadian loans, US ultimata
            "124043",   # GM sales plunge
            "125796",   # Chrysler bankruptcy, Fiat
            "126029",   # GM losses
            "126311",   # Chrysler dealerships
            "126361",   # GM dealerships
            "126878",   # GM bankruptcy almost certain
            "127226",   # GM seeks bankruptcy protection
            "127227",   # Obama rescue plan
            "127248",   # "New GM"
            "143480",   # Opel job cuts
            "160257",   # Ford surpasses GM
            "264435",   # Fiat majority stake in Chrysler
            "1007169",  # Mary Barra GM chief
        ),
    ),
    CatCorpus(
        key="stock",
        label="SemEval-2015 Task 4 corpus_3 (stock markets)",
        cat_dir="semeval2015_timeline/SemEval_Task4_data/corpus_3/corpus_trackA_CAT",
        meantime_dir="meantime_en/intra-doc_annotation/corpus_stock",
        doc_ids=(
            "61327",   # global sell-off, Feb 2007
            "76437",   # credit crisis, Aug 2007
            "96770",   # fears of US recession, Jan 2008
            "113219",  # Sept 2008 falls
            "114565",  # Oct 6 2008
            "114864",  # Oct 10 2008
            "115064",  # Oct 13 2008 surge
            "121978",  # 12-year lows, March 2009
            "124259",  # fourth week of gains
            "180695",  # May 2010 flash crash
        ),
    ),
)

TIMESET_LABEL = "TimeSET (natural disasters)"
TIMESET_FILES = (
    "test/weather_earthquakes_1.txt",
    "test/weather_earthquakes_1_extra.txt",
    "test/weather_earthquakes_3.txt",
    "test/weather_earthquakes_4.txt",
    "test/weather_floods_1.txt",
    "test/weather_floods_2.txt",
    "test/weather_floods_3.txt",
    "test/weather_storms_1.txt",
    "test/weather_storms_3.txt",
    "test/weather_storms_4.txt",
    "dev/disasters_and_accidents_3.txt",
)

# --------------------------------------------------------------------------------------
# Detokenisation
# --------------------------------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], start=1)}
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

ATTACH_LEFT = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}"}
CLITICS = {"'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m",
           "'RE", "'VE", "'LL", "'D", "'M"}
SPLIT_CLITIC_TAILS = {"s", "re", "ve", "ll", "d", "m", "t"}
CURRENCY_PREFIX = {"$", "US$", "USD$", "CA$", "AU$", "NZ$", "HK$", "£", "€", "¥", "GB£"}
CLOSES_QUOTE_NEXT = {",", ".", ";", ":", "!", "?", ")", "]"}
SENTENCE_END = (".", "!", "?", '"', "'", ")", "...")
# hyphens that the tokeniser split off inside a compound word
COMPOUND_HYPHENS = {("Wal", "Mart"), ("Macintosh", "curious"), ("iTunes", "compatible")}

_NUMBERISH = re.compile(r"^[\d.,]+(bn|m|k)?$")


def _is_number(tok: str | None) -> bool:
    return bool(tok) and bool(_NUMBERISH.match(tok)) and any(c.isdigit() for c in tok)


class Detokeniser:
    """Turns token sentences into text.  Quote state persists across sentences."""

    def __init__(self) -> None:
        self.dq_open = False   # a double quote is open
        self.sq_open = False   # a single quote is open
        self.brackets = 0      # open square brackets

    def sentence(self, toks: list[str]) -> str:
        out: list[str] = []
        glue = True            # next piece attaches without a space
        n = len(toks)
        i = 0

        def emit(text: str, left: bool, right: bool) -> None:
            nonlocal glue
            if out and not (left or glue):
                out.append(" ")
            out.append(text)
            glue = right

        while i < n:
            tok = toks[i]
            prev = toks[i - 1] if i > 0 else None
            nxt = toks[i + 1] if i + 1 < n else None
            i += 1

            # the tokeniser sometimes writes "''I'" for an opening quote before I'm/I'd
            if tok == "''I'":
                self.dq_open = True
                emit('"I\'', False, True)
                continue
            if tok == "I'" and nxt in SPLIT_CLITIC_TAILS:
                emit("I'", False, True)
                continue
            if tok == "O'":
                emit("O'", False, True)
                continue
            # doubled full stop after an abbreviation ("do. ." / "U.S. .")
            if tok == "." and prev and prev.endswith(".") and prev != ".":
                continue
            # wiki definition-list markup (": Speaker: ...") kept by the tokeniser
            if tok == ":" and (prev in (None, ":", ".", "!", "?")
                               or (prev in ("''", '"')
                                   and "".join(out).endswith(('."', '!"', '?"')))):
                continue
            if tok in CLITICS:
                emit(tok, True, False)
                continue
            # "we ' re", "Apple ' s"
            if tok == "'" and nxt in SPLIT_CLITIC_TAILS and prev and prev[-1].isalpha():
                emit("'" + nxt, True, False)
                i += 1
                continue
            if tok == "``":
                self.dq_open = True
                emit('"', False, True)
                continue
            if tok in ("''", '"'):
                first = prev is None
                if nxt is None or nxt in CLOSES_QUOTE_NEXT:
                    closing = True
                elif first or prev in ("(", "[", ":", "--"):
                    closing = False
                else:
                    closing = self.dq_open
                self.dq_open = not closing
                if closing:
                    emit('"', True, False)
                else:
                    emit('"', False, True)
                continue
            if tok == "`":
                self.sq_open = True
                emit("'", False, True)
                continue
            if tok == "'":
                if self.sq_open:
                    self.sq_open = False
                    emit("'", True, False)
                elif prev and prev[-1] in "sSzZ" and prev[-1].isalpha():
                    emit("'", True, False)            # plural possessive
                elif nxt is None or nxt in CLOSES_QUOTE_NEXT:
                    emit("'", True, False)
                else:
                    self.sq_open = True
                    emit("'", False, True)
                continue
            if len(tok) > 1 and tok[0] == "'" and tok[1:].isalpha():
                if prev == "O":                           # O 'Reilly
                    emit(tok, True, False)
                else:                                     # 'switch -> opening quote
                    self.sq_open = True
                    emit(tok, False, False)
                continue
            if tok == "[":
                self.brackets += 1
                emit("[", False, True)
                continue
            if tok == "]":
                if self.brackets > 0:
                    self.brackets -= 1
                    emit("]", True, False)
                elif prev and len(prev) == 1 and prev.isalpha() and out and out[-1] == prev:
                    out[-1] = "[" + prev + "]"            # "n ] either" -> "[n]either"
                    glue = True
                # otherwise an unmatched closing bracket: the opening one was lost, drop it
                continue
            if tok in ("(", "{"):
                emit(tok, False, True)
                continue
            if tok == "#" and _is_number(nxt):            # the tokeniser's stand-in for £
                emit("£", prev in ("GB", "("), True)
                continue
            if tok in CURRENCY_PREFIX:
                emit(tok, (prev, tok) in (("GB", "£"), ("US", "$")), True)
                continue
            if tok == "/":
                emit("/", True, True)
                continue
            if tok == "+" and _is_number(prev):
                emit("+", True, False)
                continue
            if tok == "..." and nxt == "]" and self.brackets == 0:
                emit("[...]", False, False)               # elision written "... ]"
                i += 1
                continue
            if tok == "...":
                # "word ..." -> "word..."; after a full stop -> "come.... I" (four dots)
                emit("...", prev is not None and prev not in {",", ":", ";", "?", "!"}, False)
                continue
            if tok == "--":
                if _is_number(prev) and _is_number(nxt):
                    emit("\u2013", True, True)            # 30 -- 40 -> 30–40
                else:
                    emit("\u2014", False, False)          # spaced em dash
                continue
            if tok == "-":
                if (prev, nxt) in COMPOUND_HYPHENS:
                    emit("-", True, True)
                elif nxt in ("and", "or") and i + 1 < n and "-" in toks[i + 1]:
                    emit("-", True, False)                # "piano- and guitar-playing"
                elif prev == "'s":
                    emit("-", True, True)                 # "world's-largest"
                else:
                    emit("-", False, False)               # spaced dash
                continue
            if tok in ATTACH_LEFT:
                emit(tok, True, False)
                continue
            emit(tok, False, False)

        text = "".join(out)
        return re.sub(r"[ \t]+", " ", text).strip()


def _ends_sentence(text: str) -> bool:
    return text.endswith(SENTENCE_END)


def find_dateline(tokens: list[str], limit: int = 80):
    """Index span of a 'Month DD , YYYY' dateline among the first tokens, or None."""
    for i in range(min(limit, len(tokens) - 3)):
        if (tokens[i] in MONTHS and re.fullmatch(r"\d{1,2}", tokens[i + 1])
                and tokens[i + 2] == "," and re.fullmatch(r"\d{4}", tokens[i + 3])):
            start = i
            if start >= 2 and tokens[start - 1] == "," and tokens[start - 2] in WEEKDAYS:
                start -= 2
            elif start >= 1 and tokens[start - 1] in WEEKDAYS:
                start -= 1
            date = dt.date(int(tokens[i + 3]), MONTHS[tokens[i]], int(tokens[i + 1]))
            return start, i + 4, date
    return None


# --------------------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------------------

def _norm_name(name: str) -> str:
    name = re.sub(r"\.txt$|\.xml$", "", name)
    name = re.sub(r"^\d+[_-]", "", name)
    return re.sub(r"[^a-z0-9]", "", name.lower())


def wikinews_url(url: str) -> str:
    """https, page name percent-encoded the way MediaWiki writes it."""
    m = re.match(r"^https?://en\.wikinews\.org/wiki/(.*)$", url)
    if not m:
        raise ValueError(f"not a Wikinews URL: {url}")
    page = urllib.parse.unquote(m.group(1))
    return "https://en.wikinews.org/wiki/" + urllib.parse.quote(page, safe=";@$!*(),/:~-._")


def title_from_url(url: str) -> str:
    page = urllib.parse.unquote(url.split("/wiki/", 1)[1])
    return page.replace("_", " ")


def read_meantime(data: str, rel: str) -> dict:
    index: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(data, rel, "*.xml"))):
        root = ET.parse(path).getroot()
        entry = {"doc_id": root.get("doc_id"), "doc_name": root.get("doc_name"),
                 "url": root.get("url"), "file": os.path.relpath(path, data)}
        index["id:" + entry["doc_id"]] = entry
        index["name:" + _norm_name(entry["doc_name"])] = entry
        if entry["url"]:
            index["url:" + wikinews_url(entry["url"])] = entry
    return index


def read_cat(path: str):
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
    return root, [sentences[k] for k in sorted(sentences)], dct


def cat_article(data: str, corpus: CatCorpus, doc_id: str, meantime: dict, warnings: list):
    matches = [p for p in glob.glob(os.path.join(data, corpus.cat_dir, "*.xml"))
               if re.match(rf"^{doc_id}[_-]", os.path.basename(p))]
    if len(matches) != 1:
        raise SystemExit(f"{corpus.key}: doc {doc_id}: expected one CAT file, found {matches}")
    path = matches[0]
    root, sentences, dct = read_cat(path)
    doc_name = root.get("doc_name") or os.path.basename(path)
    src_url = root.get("src_url")

    # URL (and so the page title) from MEANTIME
    mt = (meantime.get("id:" + doc_id) or meantime.get("name:" + _norm_name(doc_name))
          or (src_url and meantime.get("url:" + wikinews_url(src_url))))
    if mt and mt.get("url"):
        url = wikinews_url(mt["url"])
        url_note = f"URL from MEANTIME {mt['file']}"
        if src_url and wikinews_url(src_url) != url:
            warnings.append(f"{doc_id}: SemEval src_url differs from MEANTIME url")
    elif src_url:
        url = wikinews_url(src_url)
        url_note = "URL from the SemEval file's src_url (no MEANTIME match)"
    else:
        url = None
        url_note = "URL built from the title (no URL in the sources)"

    # split off headline and dateline
    flat = [t for s in sentences for t in s]
    found = find_dateline(flat)
    if not found:
        raise SystemExit(f"{doc_id}: no dateline found")
    start, end, date = found
    head_tokens = flat[:start]
    title = title_from_url(url) if url else Detokeniser().sentence(head_tokens)
    if _norm_name(Detokeniser().sentence(head_tokens)) != _norm_name(title):
        warnings.append(f"{doc_id}: headline tokens {' '.join(head_tokens)!r} != title {title!r}")
    if url is None:
        url = wikinews_url("https://en.wikinews.org/wiki/" + title.replace(" ", "_"))
    if dct and dct != date.isoformat():
        warnings.append(f"{doc_id}: DCT {dct} differs from the article's dateline {date}; "
                        f"using the dateline")

    # body sentences: drop the tokens up to the end of the dateline
    body: list[list[str]] = []
    consumed = 0
    for s in sentences:
        if consumed + len(s) <= end:
            consumed += len(s)
            continue
        cut = max(0, end - consumed)
        consumed += len(s)
        if s[cut:]:
            body.append(s[cut:])

    text = paragraphs_from_sentences(body, warnings, doc_id)
    origin = (f"{corpus.label}: {os.path.relpath(path, data)} (doc {doc_name}); {url_note}")
    return {"title": title, "published": date.isoformat(), "url": url, "text": text,
            "origin": origin}


CAPTION = re.compile(r"^[A-Z][\w .&'-]{0,40} (logo|photo|file photo)\.$")
PARA_CHARS = 320   # a paragraph takes another sentence while shorter than this
PARA_SENTENCES = 3


def paragraphs_from_sentences(body: list[list[str]], warnings: list | None = None,
                              doc: str = "") -> str:
    """Group sentences into paragraphs (the CAT files keep sentences, not paragraphs).

    The first sentence (the lede) stands alone, as in Wikinews; after it, sentences are
    grouped up to PARA_SENTENCES sentences / PARA_CHARS characters.  A sentence always
    joins the previous one where the tokeniser split mid-sentence (no final punctuation,
    lower-case continuation) or a quotation is still open.
    """
    det = Detokeniser()
    paragraphs: list[list[str]] = []
    quote_open_before = False
    for toks in body:
        sent = det.sentence(toks)
        if not sent:
            continue
        if not paragraphs and CAPTION.match(sent):
            if warnings is not None:
                warnings.append(f"{doc}: dropped image caption {sent!r}")
            continue
        if not paragraphs:
            paragraphs.append([sent])
        else:
            cur = paragraphs[-1]
            cur_text = " ".join(cur)
            joins = (
                not _ends_sentence(cur_text)
                or sent[0].islower()
                or (quote_open_before and len(cur) < PARA_SENTENCES + 2)
                or (len(paragraphs) > 1 and len(cur) < PARA_SENTENCES
                    and len(cur_text) + len(sent) < PARA_CHARS)
            )
            if joins:
                cur.append(sent)
            else:
                paragraphs.append([sent])
        quote_open_before = det.dq_open
    return "\n\n".join(" ".join(p) for p in paragraphs)


def timeset_article(data: str, rel: str, urls: dict, warnings: list):
    path = os.path.join(data, "timeset_wikinews", "brat", rel)
    with open(path, encoding="utf-8") as fh:
        lines = [unicodedata.normalize("NFC", ln.replace("\u00a0", " ")).strip()
                 for ln in fh.read().splitlines()]
    title, dateline, body = lines[0], lines[1], [ln for ln in lines[2:] if ln]
    date = dt.datetime.strptime(re.sub(r"\s+", " ", dateline), "%A, %B %d, %Y").date()
    entry = urls.get(title)
    if entry:
        url, tsv_date = entry
        url_note = "URL from TimeSET urls tsv"
        if tsv_date and tsv_date != dateline:
            warnings.append(f"{rel}: tsv date {tsv_date!r} != dateline {dateline!r}")
    else:
        url = wikinews_url("https://en.wikinews.org/wiki/" + title.replace(" ", "_"))
        url_note = "URL built from the title (not in the TimeSET urls tsv)"
        warnings.append(f"{rel}: no URL in tsv, built from title")
    text = "\n\n".join(re.sub(r"[ \t]+", " ", p) for p in body)
    origin = f"{TIMESET_LABEL}: timeset_wikinews/brat/{rel}; {url_note}"
    return {"title": title, "published": date.isoformat(), "url": url, "text": text,
            "origin": origin}


def read_timeset_urls(data: str) -> dict:
    """page title -> (url, printed date), from both URL columns of the tsv files."""
    out: dict[str, tuple] = {}
    for path in sorted(glob.glob(os.path.join(data, "timeset_wikinews", "urls", "*.tsv"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh.read().splitlines()[1:]:
                cols = line.split("\t")
                for ucol, dcol in ((2, 4), (5, 7)):
                    if len(cols) > ucol and cols[ucol].startswith("http"):
                        url = cols[ucol].strip()
                        date = cols[dcol].strip() if len(cols) > dcol else ""
                        t = unicodedata.normalize("NFC", title_from_url(url))
                        out[t] = (url.replace("http://", "https://", 1), date)
    return out


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def slugify(title: str, max_len: int = 48) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    slug = ""
    for w in words:
        cand = f"{slug}-{w}" if slug else w
        if len(cand) > max_len:
            break
        slug = cand
    return slug or "article"


def write_attribution(out_dir: str, articles: list[dict]) -> None:
    lines = [
        "# Demo corpus: English Wikinews articles",
        "",
        "The files in this folder are English Wikinews articles "
        "(https://en.wikinews.org/), licensed under the Creative Commons Attribution 2.5 "
        "licence (CC BY 2.5, https://creativecommons.org/licenses/by/2.5/). "
        "The authors are the Wikinews contributors; each article's page (URL below) "
        "holds its history.",
        "",
        "The texts were taken from these research corpora, which redistribute them:",
        "",
        "- SemEval-2015 Task 4 \"TimeLine: Cross-Document Event Ordering\" (CC BY 3.0) and "
        "the NewsReader MEANTIME corpus, English section (CC BY 4.0), "
        "(c) 2015 Fondazione Bruno Kessler (FBK), VU University Amsterdam and "
        "Universidad del Pais Vasco (UPV/EHU). Minard et al., SemEval 2015 and LREC 2016.",
        "- TimeSET (CC BY 4.0), Hasegawa et al., \"Formulation Comparison for Timeline "
        "Construction using LLMs\" (2024).",
        "",
        "The SemEval/MEANTIME texts are pre-tokenised; `scripts/make_demo_corpus.py` "
        "detokenised them (punctuation spacing, quotes, contractions, currency symbols), "
        "removed the headline and dateline from the body and split it into paragraphs "
        "at sentence boundaries. The original paragraphing is not preserved in those "
        "corpora. TimeSET texts are used as they are (non-breaking spaces normalised). "
        "Titles and URLs come from MEANTIME's `url` attribute and TimeSET's URL lists; "
        "the publication date is the article's own dateline. "
        "Each JSON file's `origin` field names the source file.",
        "",
        "Re-create the folder with `python3 scripts/make_demo_corpus.py` "
        "(reads `../shared/data`).",
        "",
        f"## Files ({len(articles)})",
        "",
        "| file | title | date | URL |",
        "| --- | --- | --- | --- |",
    ]
    for a in articles:
        title = a["title"].replace("|", "\\|")
        lines.append(f"| `{a['_file']}` | {title} | {a['published']} | <{a['url']}> |")
    with open(os.path.join(out_dir, "ATTRIBUTION.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA, help="shared data dir (default: %(default)s)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output dir (default: %(default)s)")
    args = ap.parse_args(argv)

    warnings: list[str] = []
    articles: list[dict] = []
    for corpus in CAT_CORPORA:
        meantime = read_meantime(args.data, corpus.meantime_dir)
        for doc_id in corpus.doc_ids:
            articles.append(cat_article(args.data, corpus, doc_id, meantime, warnings))
    urls = read_timeset_urls(args.data)
    for rel in TIMESET_FILES:
        articles.append(timeset_article(args.data, rel, urls, warnings))

    os.makedirs(args.out, exist_ok=True)
    for old in glob.glob(os.path.join(args.out, "*.json")):
        os.remove(old)
    used: set[str] = set()
    for a in sorted(articles, key=lambda a: (a["published"], a["title"])):
        base = f"{a['published']}_{slugify(a['title'])}"
        name, k = base, 2
        while name in used:
            name, k = f"{base}-{k}", k + 1
        used.add(name)
        a["_file"] = name + ".json"
        record = {"title": a["title"], "published": a["published"], "url": a["url"],
                  "outlet": OUTLET, "text": a["text"], "licence": LICENCE,
                  "origin": a["origin"]}
        with open(os.path.join(args.out, a["_file"]), "w", encoding="utf-8") as fh:
            json.dump(record, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    articles.sort(key=lambda a: (a["published"], a["title"]))
    write_attribution(args.out, articles)

    words = sum(len(a["text"].split()) for a in articles)
    print(f"wrote {len(articles)} articles ({words} words) to {args.out}")
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
