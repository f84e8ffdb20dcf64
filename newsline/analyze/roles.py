"""Office titles that say whose office they are: "the German chancellor", "Russia's foreign
minister", "the UN secretary-general", "BP's chief executive".

Such a phrase stands for whoever held the office on the article's date. The analysis marks it
as a PERSON mention; the build (:mod:`newsline.corpus.entities`) finds the holder in the
knowledge base and joins the mention to them, saying so. A bare title ("the chancellor", "the
foreign minister") is never resolved: several offices share it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from newsline import knowledge
from newsline.names import country_of, fold, initials, name_key

MAX_QUALIFIER_WORDS = 3
_DETERMINER = re.compile(r"^(?:the|a|an)\s+")


@lru_cache(maxsize=4)
def _titles_of(src: knowledge.Source) -> dict[str, tuple[str, ...]]:
    """Folded title -> the offices of knowledge ``src`` that bear it."""
    out: dict[str, list[str]] = defaultdict(list)
    for entry in knowledge.data(src).get("titles", []):
        for title in entry["titles"]:
            out[name_key(title)].append(entry["office"])
    return {t: tuple(sorted(set(offices))) for t, offices in out.items()}


def _holder_of(office: str) -> str:
    """Whose office it is: "Chancellor of Germany" -> "Germany"; "Pope" -> ""."""
    if " of " not in office:
        return ""
    return re.sub(r"^the\s+", "", office.rsplit(" of ", 1)[1])


def _qualifies(qualifier: str, office: str) -> bool:
    """The words before the title name the office's country or body."""
    owner = _holder_of(office)
    if not owner:
        return False
    key, owner_key = name_key(qualifier), name_key(owner)
    country = country_of(key)
    if country is not None:
        return country_of(owner_key) == country or name_key(country) == owner_key
    return key in (owner_key, owner_key.split()[0], fold(initials(owner)))


def role_offices(text: str) -> list[str]:
    """The offices a qualified title names ("German chancellor" -> ["Chancellor of Germany"]);
    empty for anything else, a bare title included."""
    return list(_role_offices(knowledge.active(), text))


@lru_cache(maxsize=8192)
def _role_offices(src: knowledge.Source, text: str) -> tuple[str, ...]:
    """:func:`role_offices` under the knowledge ``src``, remembered: every noun phrase of
    every article is asked about, and most are asked about again ("the company", "he")."""
    return tuple(_offices(text, _titles_of(src)))


def _offices(text: str, titles: dict[str, tuple[str, ...]]) -> list[str]:
    words = _DETERMINER.sub("", name_key(text)).split()
    for n in range(min(4, len(words) - 1), 0, -1):
        offices = titles.get(" ".join(words[-n:]))
        if not offices:
            continue
        qualifier = " ".join(words[:-n])
        if len(words[:-n]) > MAX_QUALIFIER_WORDS:
            return []
        return [o for o in offices if _qualifies(qualifier, o)]
    return []
