"""Name normalisation shared by entity resolution and the checks.

``name_key`` maps surface forms that differ only in case, diacritics, punctuation, hyphens,
spacing, a leading article or a possessive to one key: "Moon Jae-in", "Moon Jae In" and
"moon jae-in" share ``moon jae in``; "Kadhafi" keeps its own key (romanisations are the
resolver's business, not the normaliser's).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "president", "prime", "minister", "chancellor", "king",
    "queen", "prince", "princess", "senator", "sen", "rep", "gov", "governor", "secretary",
    "general", "gen", "chairman", "ceo", "pope", "premier", "mayor", "judge", "lord", "lady",
    "sheikh", "col", "colonel", "lt", "capt", "captain", "professor", "prof", "rev", "saint",
}


_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss",
                          "Æ": "AE", "æ": "ae", "ı": "i"})


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention again and again
def fold(text: str) -> str:
    """Lowercase, strip diacritics and compatibility forms."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention again and again
def name_key(text: str) -> str:
    """The normalised key of a surface form."""
    key = fold(text).replace("’", "'")
    key = re.sub(r"'s\b", "", key).replace("&", " and ")
    key = _PUNCT.sub(" ", key)
    key = _SPACE.sub(" ", key).strip()
    return _LEADING_THE.sub("", key)


def person_key(text: str) -> str:
    """A person's key without leading honorifics and titles ("President Barack Obama")."""
    tokens = name_key(text).split()
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def is_title(word: str) -> bool:
    """An honorific or title word ("mr", "chancellor", "minister"), never a name by itself."""
    return word in _TITLES


def initials(text: str) -> str:
    """Initials of the capitalised words: "Islamic Republic News Agency" -> "IRNA"."""
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    return "".join(w[0] for w in words if w[0].isupper())


# Entity types that may name one thing under different NER labels share a family.
FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "NORP": "NORP", "EVENT": "EVENT", "OTHER": "OTHER"}


def entity_key(text: str, family: str) -> str:
    """The key an entity of ``family`` is looked up by."""
    return person_key(text) if family == "PERSON" else name_key(text)


# ---------------------------------------------------------------- mention forms and variants

PRONOUNS: dict[str, str] = {  # pronoun -> the kind of antecedent it takes
    **dict.fromkeys(("he", "him", "his", "himself", "she", "her", "hers", "herself"), "PERSON"),
    **dict.fromkeys(("i", "me", "my", "mine", "myself"), "PERSON"),
    **dict.fromkeys(("it", "its", "itself"), "THING"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves", "we", "us", "our", "ours",
                     "ourselves"), "GROUP"),
    **dict.fromkeys(("who", "whom", "whose", "which", "that"), "RELATIVE"),
    **dict.fromkeys(("you", "your", "yours", "yourself", "there", "here", "where", "when"),
                    "OTHER"),
}
_CONNECTORS = {"of", "and", "the", "for", "de", "du", "del", "des", "la", "le", "al", "el", "bin",
               "ibn", "van", "von", "der", "&", "on", "in", "da", "y", "-"}
_POST_HEAD = {"of", "in", "at", "on", "for", "with", "from", "to", "who", "that", "which",
              "whose", "by", "near", "about", "after", "over", "under", "into", "as"}


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", text.replace("(", " ( ")) if w]


def form_of(text: str) -> str:
    """"pronoun", "name" (the head word is capitalised) or "nominal" (a common-noun phrase)."""
    ws = words(text)
    if not ws:
        return "nominal"
    if len(ws) == 1 and ws[0].casefold() in PRONOUNS and not (len(ws[0]) > 1 and ws[0].isupper()):
        return "pronoun"  # "US" in capitals is the country, not the pronoun
    head = head_word(text)
    if _capitalised(head) or head[:1].isdigit() and len(ws) == 1:
        return "name"
    # a name of two or more words modifying a common noun: "the United Auto Workers union"
    core = name_core(text)
    return "name" if core != text and len(words(core)) >= 2 else "nominal"


def head_word(text: str) -> str:
    """The head of a noun phrase: the last word before a preposition, clause or bracket."""
    ws = [w.strip(",;:\"'“”") for w in words(text)]
    out: list[str] = []
    for w in ws:
        if (w.casefold() in _POST_HEAD or w in {"(", ",", "-"}) and out:
            break
        if w:
            out.append(w)
    return out[-1] if out else text


def lemma(word: str) -> str:
    """A crude English singular: enough to match "tankers" with "tanker"."""
    w = fold(word).strip(".,'’")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return {"men": "man", "women": "woman", "people": "person", "children": "child"}.get(w, w)


def _capitalised(word: str) -> bool:
    """"Assad", "al-Assad", "el-Sisi": a name word, whatever its particle."""
    return any(part[:1].isupper() for part in re.split(r"[-'’]", word))


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention again and again
def name_core(text: str) -> str:
    """The name inside a longer mention: "JSA Research analyst Paul Nesbit" -> "Paul Nesbit",
    "the United States Air Force (USAF" -> "the United States Air Force"."""
    text = text.split("(")[0].strip() or text
    ws = words(text)
    if len(ws) <= 1:
        return text
    end = len(ws)
    while end > 0 and not _capitalised(ws[end - 1]):
        end -= 1
    if end == 0:
        return text
    start = end - 1
    while start > 0:
        prev = ws[start - 1]
        if _capitalised(prev) or prev[:1].isdigit():
            start -= 1
        elif prev.casefold() in _CONNECTORS and start > 1 and ws[start - 2][:1].isupper():
            start -= 2
        else:
            break
    return " ".join(ws[start:end])


_SKELETON = [("dh", "d"), ("kh", "k"), ("gh", "g"), ("th", "t"), ("ph", "f"), ("sch", "s"),
             ("sh", "s"), ("ch", "s"), ("q", "k"), ("ck", "k"), ("c", "k"), ("ou", "u"),
             ("oo", "u"), ("ee", "i"), ("ij", "i"), ("y", "i"), ("w", "v"), ("j", "i"),
             ("z", "s"), ("x", "ks"), ("e", "a"), ("o", "u")]


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention again and again
def skeleton(token: str) -> str:
    """A romanisation-blind form of one name word: Gaddafi, Qaddafi, Kadhafi -> "kadafi"."""
    t = fold(token)
    for a, b in _SKELETON:
        t = t.replace(a, b)
    if t[:1] == "g":
        t = "k" + t[1:]
    out: list[str] = []
    for ch in t:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out).rstrip("ah") or t


# ---------------------------------------------------------------- countries and demonyms


@cache
def _country_forms() -> dict[str, str]:
    """Key of a country's name, short name or adjective -> the country's name."""
    out: dict[str, str] = {}
    for country, forms in country_forms().items():
        for form in [country, *forms]:
            out.setdefault(name_key(form), country)
    return out


@cache
def country_forms() -> dict[str, tuple[str, ...]]:
    """A country's name -> its short names and adjectives as written ("United States" ->
    "US", "U.S.", "America", "American", ...)."""
    text = resources.files("newsline.data").joinpath("demonyms.json").read_text("utf-8")
    return {country: tuple(dict.fromkeys([*forms.get("short", []),
                                          *forms.get("adjective", [])]))
            for country, forms in json.loads(text)["countries"].items()}


def country_of(key: str) -> str | None:
    """The country a normalised name key names or qualifies: "u s", "american" -> "United
    States"; None when it is no country form."""
    return _country_forms().get(key)


# Words that never name a company alone ("Acme Inc" is Acme, "Inc" is nothing).
SUFFIXES = frozenset({"inc", "corp", "co", "company", "group", "ltd", "plc", "llc"})
COMMON_WORDS = "common_words"  # the build's key for its :func:`common_words`, as a JSON list


def singular(w: str) -> str:
    """"workers" -> "worker"; "press" and short words stay."""
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words that name a kind of thing, not the thing ("market", "workers", "index"), learnt
    from the texts themselves: inside a sentence they are written in lower case at least as
    often as capitalised. With the company-form words, they never match a name alone."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(_WORD.findall(text))
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for w, n in seen.items():  # each spelling once, however often it is written
        (upper if w[0].isupper() else lower)[singular(w.lower())] += n
    return SUFFIXES | {w for w, n in lower.items() if n >= upper[w]}


_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Za-z][a-z]+)\b")
