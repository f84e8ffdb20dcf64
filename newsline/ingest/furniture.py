"""Page furniture: the lines of a news text that are not the story (bylines, agency slugs,
credit trailers, share and cookie lines, link lists, captions, copyright notices).

They are recognised at ingest so that the analysis never reads them (a date in a "Latest
stories" list is no clue to the article's date; "By Jane Doe" is no title), and handed
back with their offsets so that nothing is lost: the caller stores them beside the article.

Each rule is a phrase list or a pattern plus a small structural condition, and fires on a
whole line only, with one exception: a Reuters credit in parentheses ("(Reporting by ...;
Editing by ...)"), which wire copy runs on at the end of its last paragraph, is cut where
it stands. A line that parses as a dateline (``text.parse_dateline``: "LONDON, Sept 22
(Reuters) -") is never touched, nor is any line longer than ``MAX_LINE_CHARS``. The rules:

- ``byline``: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "BY JANE DOE | Staff
  Writer", "Jane Doe, Associated Press" among the first ``TOP_LINES`` non-empty lines, and
  a role line right after one ("BBC diplomatic correspondent").
- ``trailer``: wire credits ("Reporting by X; Editing by Y", "(Writing by X)"), "X
  contributed to this report.", "Contributing: X".
- ``slug``: an agency's name alone on a line ("AP", "(Reuters)", "— AFP"). A slug inside a
  line ("(CNN) --") stays: datelines and dating read it.
- ``block``: a heading such as "Latest stories", "Related", "More from CNN" that starts a
  final run of short lines (headlines, dates, links), with everything after it.
- ``link``, ``share``, ``follow``, ``newsletter``, ``cookie``, ``advert``, ``caption``,
  ``copyright``: whole lines of navigation ("Read more: ..."), share buttons, "Follow us on
  Twitter", newsletter offers, cookie banners, "Advertisement", BBC's "Image caption" and
  "Media playback is unsupported on your device", "© 2011 Reuters".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsline.ingest.base import SourceMeta
from newsline.ingest.text import parse_dateline

# A line longer than this is prose, never furniture (a cookie banner is the longest kind).
MAX_LINE_CHARS = 600
# A byline is looked for among this many first non-empty lines (title, kicker, byline, date).
TOP_LINES = 5
# A credit in parentheses is at most this long (a Reuters credit naming twenty reporters).
MAX_CREDIT_CHARS = 800
# A trailing block holds at most this many non-empty lines after its heading.
MAX_BLOCK_LINES = 80
# A line of a trailing block (a headline, a teaser, a date) is at most this long...
MAX_SHORT_CHARS = 200
# ... and holds at most this many sentence breaks.
MAX_SHORT_BREAKS = 1
# At least this share of a block's lines end like no sentence (headlines, dates, "2 hours
# ago", teasers cut with "..."): the story's own sentences after a heading are no link list.
MIN_HEADLINE_SHARE = 0.5

ALL_KINDS = frozenset((
    "byline", "trailer", "slug", "block", "link", "share", "follow", "newsletter", "cookie",
    "advert", "caption", "copyright",
))
# What the HTML reader asks for: trafilatura has removed the rest of the page already.
BYLINE_KINDS = frozenset(("byline", "trailer"))


@dataclass(frozen=True, slots=True)
class Piece:
    """One removed piece: its ``kind`` (a rule above) and ``text``, which is exactly
    ``original[start:end]``."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Byline:
    """Who wrote the article: ``names`` as written, and ``agency``, what follows them (an
    agency, an outlet or a role: "Reuters", "Staff Writer"), when stated."""

    names: tuple[str, ...] = ()
    agency: str | None = None

    @property
    def author(self) -> str | None:
        """The names joined by "; " (as ``SourceMeta.author``), or None when there are none."""
        return "; ".join(self.names) or None


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The text to analyse, the byline found (top byline first, else the wire credits'
    reporters and writers), and the pieces removed, in order of their offsets."""

    text: str
    byline: Byline | None = None
    removed: tuple[Piece, ...] = ()

    def joined(self, *kinds: str, exclude: Iterable[str] = ()) -> str:
        """The removed pieces of ``kinds`` (all when none given), less ``exclude``, one a
        line: what the store keeps beside the article."""
        skip = set(exclude)
        return "\n".join(p.text.strip() for p in self.removed
                         if (not kinds or p.kind in kinds) and p.kind not in skip)


# ------------------------------------------------------------------------------ phrases

# News agencies and wire services, as they sign a byline or stand alone as a slug.
AGENCIES = (
    "Reuters", "Thomson Reuters", "Reuters Staff", "Associated Press", "The Associated Press",
    "AP", "AFP", "Agence France-Presse", "Agence France Presse", "Bloomberg",
    "Bloomberg News", "UPI", "United Press International", "Xinhua", "dpa",
    "Deutsche Presse-Agentur", "PA", "PA Media", "Press Association", "The Press Association",
    "AAP", "Australian Associated Press", "Kyodo", "Kyodo News", "ANSA", "EFE", "IANS",
    "PTI", "Press Trust of India", "Yonhap", "TASS", "Interfax", "ANI", "CNN", "BBC News",
    "The Canadian Press", "Canadian Press", "CP", "Al Jazeera", "Anadolu Agency",
    "AP Staff", "AFP Staff",
)
_AGENCY_KEYS = frozenset(a.casefold() for a in AGENCIES)
# The words of a byline that name a job, not a person: "Staff Writer", "Our Correspondent".
_ROLE_WORDS = frozenset((
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
    "editor", "editors", "columnist", "contributor", "analyst", "producer", "journalist",
    "staff", "desk", "bureau", "newsroom",
))
# Words that start a sentence after "By" ("By Tuesday ...", "By Order of ..."), never a name.
_NOT_NAMES = frozenset((
    "the", "this", "that", "these", "those", "then", "now", "next", "last", "early", "late",
    "all", "far", "contrast", "comparison", "law", "order", "default", "design", "definition",
    "night", "day", "morning", "evening", "noon", "midnight", "midday", "lunchtime",
    "weekend", "year", "years", "decade", "way", "means", "car", "train", "plane", "air",
    "sea", "road", "rail", "bus", "boat", "ship", "foot", "phone", "email", "mail", "hand",
    "some", "many", "most", "your", "their", "his", "her", "its", "my", "a", "an", "any",
    "each", "every", "one", "two", "tomorrow", "today", "tonight", "yesterday", "christmas",
    "easter", "god", "chance", "accident", "nature", "sunset", "sunrise", "dawn", "dusk",
    "spring", "summer", "autumn", "fall", "winter", "lunch", "dinner", "breakfast",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
))
# Lower-case words a name may hold: "Ludwig van Beethoven", "Abu Bakr al Baghdadi".
_PARTICLES = frozenset((
    "de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "le", "la", "al",
    "el", "bin", "ibn", "ben", "dos", "das", "ter", "af", "zu", "y", "e",
))

# Headings that start a trailing block (exact lines, case folded, ":" "»" "›" dropped).
BLOCK_HEADINGS = frozenset((
    "latest", "latest stories", "latest news", "latest headlines", "latest articles",
    "related", "related articles", "related stories", "related content", "related coverage",
    "related links", "related topics", "related news", "related internet links",
    "related posts", "more stories", "more news", "more like this", "more on this story",
    "more headlines", "more top stories", "read more", "read next", "read this next",
    "what to read next", "most popular", "most read", "most viewed", "most shared",
    "most watched", "popular", "popular now", "popular stories", "recommended",
    "recommended for you", "recommended stories", "recommended reading", "you may also like",
    "you might also like", "you may be interested in", "you might be interested in",
    "also read", "see also", "top stories", "trending", "trending now", "trending stories",
    "in other news", "around the web", "from the web", "sponsored stories",
    "promoted stories", "editor's picks", "editors' picks", "editor’s picks", "don't miss",
    "don’t miss", "topics", "tags", "more videos", "most commented",
))
# Headings of a trailing block that name a place: "More from CNN", "Elsewhere on BBC News".
_BLOCK_HEADING = re.compile(
    r"(?:more\s+(?:from|on|in|about)|elsewhere\s+(?:on|in)|more\s+[^\s:]+\s+(?:stories|news))"
    r"(?:\s+[^\s:]+){0,5}", re.IGNORECASE)
# Exact lines that lead to another page: removed wherever they are.
LINK_LINES = frozenset((
    "continue reading", "continue reading the main story", "read the full story",
    "read full story", "read full article", "read the full article", "full article",
    "full story", "read more", "more", "view comments", "comments", "show comments",
    "hide comments", "back to top", "return to top", "skip to main content",
    "skip to content",
))
# A label and a headline on one line: "Read more: Why the Fed raised rates".
_LINK_LINE = re.compile(
    r"(?:read more|related|see also|also read|read also|read next|more on this story"
    r"|recommended|don[’']t miss|watch|listen|more from \S+)"
    r"\s*(?::|»|›|>>|\|| - | – | — )\s*\S.{0,180}", re.IGNORECASE)

# Share buttons: a line of these words only, with at least one of _SHARE_VERBS.
_SHARE_WORDS = frozenset((
    "share", "shares", "shared", "tweet", "email", "e-mail", "mail", "print", "facebook",
    "twitter", "x", "whatsapp", "linkedin", "pinterest", "reddit", "messenger", "telegram",
    "copy", "link", "save", "this", "article", "story", "page", "on", "via", "the", "to",
    "with", "your", "friends", "friend", "close", "sms", "flipboard", "bluesky", "threads",
    "comment", "comments", "gift", "url", "copied", "options", "more", "google+", "tumblr",
    "|", "/", "·", "•", "-",
))
_SHARE_VERBS = frozenset(("share", "tweet", "print", "email", "e-mail", "copy", "save"))
_NETWORKS = frozenset(("facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit",
                       "messenger", "telegram", "flipboard", "bluesky", "tumblr"))
_NETWORK = (r"(?:twitter|facebook|instagram|x|linkedin|youtube|tiktok|threads|bluesky"
            r"|mastodon|flipboard|whatsapp|telegram|pinterest|snapchat)")
_FOLLOW = re.compile(
    r"(?:follow|like|find|join|connect with)\s+(?:us|@\w+|[^\s,.:;]+(?:\s+[^\s,.:;]+){0,3})"
    r"\s+on\s+" + _NETWORK + r"(?:\s*(?:,|and|&|or)\s*" + _NETWORK + r")*"
    r"(?:\s*(?::|at|-)?\s*@\w+)?[.!]?", re.IGNORECASE)
_NEWSLETTER = re.compile(
    r"(?:sign\s*up|subscribe|register|get|join|receive)\b.{0,120}"
    r"\b(?:newsletters?|inbox|e-?mail alerts?|news alerts?)\b.{0,80}"
    r"|newsletter(?:\s+sign[\s-]?up)?|sign\s*up|subscribe(?:\s+now|\s+today)?"
    r"|(?:newsletter|subscribe|sign\s*up)\s*[:!].{0,80}", re.IGNORECASE)
_COOKIE = re.compile(
    r"(?:we(?:\s+and\s+our\s+partners)?\s+use\s+cookies"
    r"|this\s+(?:web)?site\s+uses\s+cookies|our\s+(?:web)?site\s+uses\s+cookies"
    r"|by\s+(?:continuing|using)\b.{0,200}\bcookies"
    r"|(?:accept|reject|allow|manage|disable)(?:\s+all)?\s+cookies"
    r"|cookies?\s+(?:settings|policy|preferences|notice|consent)"
    r"|we\s+value\s+your\s+privacy).{0,500}", re.IGNORECASE)
ADVERT_LINES = frozenset((
    "advertisement", "advertisements", "advert", "advertising", "ad", "ads", "sponsored",
    "sponsored content", "paid content", "paid post", "promoted", "promoted content",
    "story continues below advertisement", "story continues below",
    "article continues below", "article continues below advertisement",
    "continue reading below", "content continues below", "skip advertisement",
    "scroll to continue with content", "advertisement - scroll to continue",
    "remove ads", "ad feedback",
))
_CLICK_HERE = re.compile(r"(?:click|tap)\s+here\b.{0,200}", re.IGNORECASE)
# BBC pages: captions and notes that stand for a picture, a video or an embedded post.
_CAPTION = re.compile(
    r"(?:image|picture|video|media)\s+(?:caption|copyright|source)\b.{0,400}"
    r"|media\s+playback\s+is\s+(?:unsupported|not\s+supported)\s+on\s+(?:your|this)\s+device"
    r"|(?:skip|end\s+of)\s+" + _NETWORK + r"\s+(?:post|content|video)\b.{0,80}"
    r"|allow\s+" + _NETWORK + r"\s+content\??"
    r"|this\s+article\s+contains\s+content\s+provided\s+by\b.{0,400}", re.IGNORECASE)
# A picture's credit, short: "Photograph: Andy Rain/EPA", "Picture: Reuters".
_PHOTO_CREDIT = re.compile(r"(?:photo|photograph|picture|image|credit)s?\s*:\s*.{1,100}",
                           re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)\s*(?:19|20)\d\d|copyright\s*(?:©|\(c\)|(?:19|20)\d\d)).{0,300}"
    r"|.{0,100}\bmay\s+not\s+be\s+published,\s+broadcast,\s+rewritten\b.{0,200}",
    re.IGNORECASE)
_RESERVED = re.compile(r".{0,150}\ball\s+rights\s+reserved\b.{0,150}", re.IGNORECASE)

# Wire credits: "Reporting by X in Y; additional reporting by Z; Editing by W".
_CREDIT_VERB = (r"(?:reporting|writing|editing|edited|written|compiled|reported|researched"
                r"|translated|translation|production|graphics)")
_CREDIT_HEAD = (r"(?:(?:additional|further|extra|other)\s+)?(?:" + _CREDIT_VERB + r"\s+and\s+)?"
                + _CREDIT_VERB + r"\s+by\s+")
_CREDIT_START = re.compile(_CREDIT_HEAD, re.IGNORECASE)
# The opening of a credit in parentheses, wherever it stands in a line.
_CREDIT_OPEN = re.compile(r"\((?=[ \t]*" + _CREDIT_HEAD + ")", re.IGNORECASE)
_CREDIT_SPLIT = re.compile(r"\s*(?:[;:|/]|,|\band\b|&)\s*(?=" + _CREDIT_HEAD + r")",
                           re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bwith\b)\s*")
# Lower-case words a credit's names may hold besides particles: "the Cairo newsroom".
_CREDIT_WORDS = frozenset((
    "and", "in", "at", "from", "of", "the", "with", "for", "staff", "bureau", "bureaus",
    "bureaux", "desk", "team", "newsroom", "newsrooms", "correspondents", "correspondent",
    "reporters", "reporter", "other", "via", "&", "worldwide", "across", "around", "world",
    "our", "wires", "agencies",
)) | _PARTICLES
_CONTRIBUTED = re.compile(
    r"[^.!?]{0,300}\bcontributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)[.)]?"
    r"|contributing\s*:\s*.{1,200}", re.IGNORECASE)

# Byline: "By Jane Doe", "Written by Jane Doe", then names, then what they write for.
_BY = re.compile(r"(?:by|written\s+by|words\s+by|story\s+by|text\s+by|posted\s+by"
                 r"|reporting\s+by)\s+(?=\S)", re.IGNORECASE)
_AFFILIATION_SPLIT = re.compile(r"\s+(?:\||-|–|—|/|for)\s+|\s*\|\s*|\s+for\s+")
_IN_PLACE = re.compile(r"\s+in\s+\S.*$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[A-Z\"“]")
_DIGIT = re.compile(r"\d")
_NON_SPACE = re.compile(r"\S")
_EDGE_MARKS = " \t:»›>|-–—•·*"
_SLUG_EDGES = " \t()[]-–—:|•·"


# ------------------------------------------------------------------------------ names


def _key(line: str) -> str:
    """A line as compared with a phrase list: case folded, spaces single, marks at the
    edges dropped ("Related:", "» Read more", "ADVERTISEMENT")."""
    return " ".join(line.strip(_EDGE_MARKS).split()).casefold()


def _capitalised(word: str) -> bool:
    """A word of a name: "Doe", "O'Brien", "al-Khalidi", "J."."""
    head, dash, tail = word.partition("-")
    if dash and head.casefold() in _PARTICLES:
        word = tail
    return bool(word) and word[0].isupper()


def _name_ok(name: str) -> bool:
    """A person's name: one to five words, each capitalised (or an initial, or a particle
    such as "van"), the first no word that begins a sentence ("Tuesday", "The")."""
    words = name.split()
    if not 1 <= len(words) <= 5 or words[0].casefold().strip(".") in _NOT_NAMES:
        return False
    real = 0
    for word in words:
        bare = word.rstrip(".,")
        if bare.casefold() in _PARTICLES and word is not words[0]:
            continue
        if not bare or not _capitalised(bare):
            return False
        if not all(ch.isalpha() or ch in "'’-." for ch in bare):
            return False
        real += 1
    return real >= 1 and any(len(w.strip(".,")) >= 2 for w in words)


def _is_agency(part: str) -> bool:
    return " ".join(part.split()).casefold() in _AGENCY_KEYS


def _is_role(part: str) -> bool:
    """A job or a desk, named last: "Staff Writer", "Associated Press Writer", "BBC
    diplomatic correspondent" (not "Staff were evacuated")."""
    words = part.split()
    return (0 < len(words) <= 6 and not _DIGIT.search(part)
            and words[-1].casefold().strip(".,") in _ROLE_WORDS)


def _affiliation_ok(part: str, strict: bool) -> bool:
    """What follows the names: an agency or a role; with "By", any short capitalised
    phrase ("The Guardian", "CNN Wire") unless ``strict``."""
    if _is_agency(part) or _is_role(part):
        return True
    if any(_is_agency(p) for p in part.split(",")):  # "Reuters, London"
        return True
    words = part.split()
    return (not strict and 0 < len(words) <= 6 and not _DIGIT.search(part)
            and words[0][0].isupper() and not part.rstrip().endswith((".", "?", "!", ";")))


def _names(part: str) -> list[str] | None:
    """The names in "Jane Doe and John Roe" (a trailing "in Paris" dropped), or None when
    any is no name."""
    out = []
    for name in _NAME_SPLIT.split(part):
        name = _IN_PLACE.sub("", name.strip())
        if not name:
            continue
        if not _name_ok(name):
            return None
        out.append(name)
    return out or None


def parse_byline(line: str) -> Byline | None:
    """The byline a whole line states, or None: "By Jane Doe", "By Jane Doe and John Roe,
    Reuters", "BY JANE DOE | Staff Writer", "By Reuters Staff", "Jane Doe, Associated
    Press". No digits (a date on the line is the article's, and stays), no sentence end."""
    line = " ".join(line.split())
    if not line or len(line) > 150 or _DIGIT.search(line):
        return None
    if line.endswith(("?", "!", ";", ":", ",")) or _SENTENCE_BREAK.search(line):
        return None
    if line.endswith(".") and not re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", line):
        return None
    by = _BY.match(line)
    body = line[by.end():] if by else line
    parts = _AFFILIATION_SPLIT.split(body, maxsplit=1)
    names_part, affiliation = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else None)
    if affiliation is None and "," in names_part:  # "Jane Doe, Reuters", "A, B and C, AP"
        head, _, tail = names_part.rpartition(",")
        tail = tail.strip()
        if _is_agency(tail) or _is_role(tail) or (by and not _name_ok(tail)):
            names_part, affiliation = head.strip(), tail
    if affiliation is not None and not _affiliation_ok(affiliation, strict=by is None):
        return None
    if by is not None and (_is_agency(names_part) or _is_role(names_part)):
        return Byline((), names_part if affiliation is None else f"{names_part}, {affiliation}")
    names = _names(names_part)
    if names is None:
        return None
    if by is None and (affiliation is None or any(len(n.split()) < 2 for n in names)):
        return None  # a bare name is no byline ("Michael Jackson" may be a title), nor a
        # place before an agency ("Cairo, Reuters")
    return Byline(tuple(names), affiliation)


def _credit_names(body: str) -> list[str] | None:
    """The reporters and writers of a wire credit's body, or None when it is no credit
    ("Reporting by the BBC suggests ..." is a sentence)."""
    if not _CREDIT_START.match(body):
        return None
    names: list[str] = []
    for segment in _CREDIT_SPLIT.split(body.strip().rstrip(".")):
        head = _CREDIT_START.match(segment)
        if head is None:
            return None
        rest = segment[head.end():]
        for word in re.split(r"[\s,;:/]+", rest):
            word = word.strip(".")
            if word and word.casefold() not in _CREDIT_WORDS and not _capitalised(word):
                return None
        if _DIGIT.search(rest) or _SENTENCE_BREAK.search(rest):
            return None
        if head.group().casefold().split()[0] in ("reporting", "writing", "written",
                                                  "reported", "compiled"):
            for name in _NAME_SPLIT.split(rest):
                name = _IN_PLACE.sub("", name.strip())
                if name and _name_ok(name):
                    names.append(name)
    return names


# ------------------------------------------------------------------------------ lines


def _share(key: str, beside_share: bool = False) -> bool:
    """A line of share buttons: only their words, with a verb ("Share", "Email") or two
    networks; ``beside_share``, next to such a line, one network will do ("Facebook")."""
    words = key.replace("|", " | ").split()
    if not 0 < len(words) <= 10 or any(w not in _SHARE_WORDS for w in words):
        return False
    if beside_share:
        return bool((_SHARE_VERBS | _NETWORKS) & set(words))
    return bool(_SHARE_VERBS & set(words)) or len(_NETWORKS & set(words)) >= 2


# How a line may start that a pattern rule fires on (the exact-line rules add their phrases).
_STARTS = (
    "additional reporting", "further reporting", "extra reporting", "other reporting",
    "reporting", "writing", "editing", "edited", "written", "compiled", "reported",
    "researched", "translated", "translation", "production", "graphics", "contributing",
    "read", "related", "see also", "also read", "more", "recommended", "don't", "don’t",
    "watch", "listen", "follow", "like us", "find us", "join us", "join the", "connect with",
    "sign", "signup", "subscribe", "register", "get", "join", "receive", "newsletter",
    "we use", "we and our", "we value", "this site", "this website", "our site",
    "our website", "by continuing", "by using", "accept", "reject", "allow", "manage",
    "disable", "cookie", "cookies", "click", "tap", "image", "images", "picture", "pictures",
    "video", "media", "skip", "end of", "this article contains", "photo", "photos",
    "photograph", "photographs", "credit", "credits", "copyright", "this material",
    "elsewhere", "c)",
) + tuple(sorted(_SHARE_VERBS | _NETWORKS | {"sms", "google+", "gift"}))


def _trie(phrases: Iterable[str]) -> str:
    """A pattern matching any of ``phrases`` that tries each character once (an alternation
    of hundreds of words, tried one by one at every line start, takes seconds on a text of
    a million lines); spaces match any run of spaces."""
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + walk(sub)
                    for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return walk(tree)


_PHRASES = set(_STARTS) | ADVERT_LINES | LINK_LINES | BLOCK_HEADINGS | _AGENCY_KEYS
# A line that any line rule may fire on starts with one of these phrases (after the marks
# that ``_key`` and the slug rule drop), or holds one of _ANYWHERE: the others are not read.
_CANDIDATE = re.compile(
    r"^(?:[^\S\n]|[:»›>|\-–—•·*()\[\]])*+(?=[©" + "".join(sorted({p[0] for p in _PHRASES}))
    + r"])(?:©|" + _trie(_PHRASES) + r"(?![\w'’+-]))",
    re.IGNORECASE | re.MULTILINE)
_ANYWHERE = re.compile(r"contributed|rights\s+reserved|may\s+not\s+be\s+published",
                       re.IGNORECASE)


def _line_kind(s: str, key: str, kinds: frozenset[str]) -> str | None:
    """The kind of furniture a whole stripped line ``s`` is (byline aside), or None."""
    if _CANDIDATE.match(s) is None and _ANYWHERE.search(s) is None:
        return None

    def full(rx: re.Pattern[str]) -> bool:
        return rx.fullmatch(s) is not None

    words = key.count(" ") + 1
    if "trailer" in kinds:
        body = s[1:-1].strip() if s.startswith("(") and s.endswith(")") else s
        if _credit_names(body) is not None or (words <= 60 and full(_CONTRIBUTED)):
            return "trailer"
    if "slug" in kinds and len(s) <= 40 and _is_agency(s.strip(_SLUG_EDGES)):
        return "slug"
    if "advert" in kinds and key in ADVERT_LINES:
        return "advert"
    if "link" in kinds and (key in LINK_LINES or key in BLOCK_HEADINGS
                            or (words <= 30 and full(_LINK_LINE))):
        return "link"
    if "share" in kinds and words <= 10 and _share(key):
        return "share"
    if "follow" in kinds and words <= 16 and full(_FOLLOW):
        return "follow"
    if "newsletter" in kinds and words <= 30 and full(_NEWSLETTER):
        return "newsletter"
    if "cookie" in kinds and words <= 90 and full(_COOKIE):
        return "cookie"
    if "advert" in kinds and words <= 30 and full(_CLICK_HERE):
        return "advert"
    if "caption" in kinds and (words <= 70 and full(_CAPTION)
                               or words <= 12 and full(_PHOTO_CREDIT)):
        return "caption"
    if "copyright" in kinds and (words <= 60 and full(_COPYRIGHT)
                                 or words <= 25 and full(_RESERVED)):
        return "copyright"
    return None


def _is_heading(s: str, key: str) -> bool:
    return key in BLOCK_HEADINGS or (len(s) <= 60 and _BLOCK_HEADING.fullmatch(key) is not None)


_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"'”’)]*$")


def _is_short(s: str) -> bool:
    """A line of a link list: a headline, a teaser, a date, a time ago."""
    return len(s) <= MAX_SHORT_CHARS and len(_SENTENCE_BREAK.findall(s)) <= MAX_SHORT_BREAKS


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    s: str  # stripped
    kind: str | None = None
    top: bool = False  # among the first TOP_LINES non-empty lines
    dated: bool = False  # whether ``dateline`` was looked for
    dateline: int | None = None  # where a dateline at its start ends
    cuts: list[tuple[int, int]] | None = None  # credits cut from it, offsets in the line


class _Scan:
    """The lines of a text, each read once and only where a rule looks (the top, the tail,
    the lines a rule may fire on): a text of two million short lines takes no time."""

    def __init__(self, text: str, kinds: frozenset[str]) -> None:
        self.text, self.kinds = text, kinds
        self.lines: dict[int, _Line] = {}
        self.last: _Line | None = None
        self.seen: dict[str, tuple[str | None, bool, int | None]] = {}

    def line(self, start: int) -> _Line:
        """The line that starts at ``start``, its kind (a line rule's) found."""
        line = self.lines.get(start)
        if line is None:
            end = self.text.find("\n", start)
            end = len(self.text) if end < 0 else end
            raw = self.text[start:end]
            line = _Line(start, end, raw.strip())
            known = self.seen.get(raw)  # a line met before: "Share", "Advertisement"
            if known is not None:
                line.kind, line.dated, line.dateline = known
            elif line.s and len(line.s) <= MAX_LINE_CHARS:
                kind = _line_kind(line.s, _key(line.s), self.kinds)
                if kind is not None and self.dateline(line) is None:
                    line.kind = kind  # a dateline is never furniture
                self.seen[raw] = (line.kind, line.dated, line.dateline)
            self.lines[start] = line
        return line

    def line_of(self, pos: int) -> _Line:
        """The line that holds offset ``pos`` (the last one asked for when it does, as the
        matches of a pattern over the whole text come in order)."""
        last = self.last
        if last is not None and last.start <= pos <= last.end:
            return last
        self.last = self.line(self.text.rfind("\n", 0, pos) + 1)
        return self.last

    def dateline(self, line: _Line) -> int | None:
        if not line.dated:
            found = parse_dateline(self.text[line.start:line.end])
            line.dated, line.dateline = True, found.end if found is not None else None
        return line.dateline

    def forward(self) -> Iterator[_Line]:
        """The non-empty lines from the first."""
        pos = 0
        while (m := _NON_SPACE.search(self.text, pos)) is not None:
            line = self.line(self.text.rfind("\n", pos, m.start()) + 1 or pos)
            yield line
            pos = line.end + 1

    def backward(self) -> Iterator[_Line]:
        """The non-empty lines from the last."""
        end = len(self.text)
        while end > 0:
            chunk = self.text[max(0, end - 4096):end]
            kept = chunk.rstrip()
            if not kept:
                end -= len(chunk)
                continue
            last = end - len(chunk) + len(kept) - 1  # the last character that is no space
            line = self.line(self.text.rfind("\n", 0, last) + 1)
            yield line
            end = line.start


def _mark_top(scan: _Scan) -> Byline | None:
    """Mark the byline among the first non-empty lines, and a role line right after it."""
    top: list[_Line] = []
    for line in scan.forward():
        if len(top) == TOP_LINES:  # one more: the line after a byline
            top.append(line)
            break
        line.top = True
        scan.dateline(line)
        top.append(line)
    for i, line in enumerate(top[:TOP_LINES]):
        if line.dateline is not None or line.kind is not None:
            continue
        byline = parse_byline(line.s)
        if byline is None:
            continue
        line.kind = "byline"
        nxt = top[i + 1] if i + 1 < len(top) else None
        if (nxt is not None and nxt.kind is None and nxt.dateline is None and len(nxt.s) <= 60
                and not nxt.s.endswith(".") and _affiliation_ok(nxt.s.split(",")[0], True)):
            nxt.kind = "byline"  # "BBC diplomatic correspondent", "BBC News, Washington"
        return byline
    return None


def _mark_block(scan: _Scan) -> None:
    """Mark a trailing block: a heading, then only short or furniture lines to the end."""
    tail: list[_Line] = []  # from the end backwards
    start = None  # the heading's place in ``tail``
    story_before = False
    count = 0
    for line in scan.backward():
        if len(tail) > 4 * MAX_BLOCK_LINES:  # furniture all the way up: looked far enough
            story_before = True
            break
        heading = (line.kind in (None, "link") and len(line.s) <= MAX_SHORT_CHARS
                   and _is_heading(line.s, _key(line.s)))
        if not heading and line.kind is not None:
            tail.append(line)
            continue  # other furniture: a copyright line, a cookie banner
        if (line.top and line.dateline is not None) or not _is_short(line.s):
            story_before = True
            break  # the story, or a dateline where the readers look for one
        count += 1
        if count > MAX_BLOCK_LINES + 1:
            story_before = True
            break
        tail.append(line)
        if heading:
            start = len(tail) - 1
    if start is None:
        return
    before, block = tail[start + 1:], tail[start::-1]
    if not story_before and not any(ln.s and ln.kind is None for ln in before):
        return  # nothing of the story before it: this is no trailer of a story
    items = [ln.s for ln in block[1:] if ln.s and ln.kind is None]
    headlines = sum(_SENTENCE_END.search(s) is None for s in items)
    if items and headlines < MIN_HEADLINE_SHARE * len(items):
        return  # sentences: the story goes on after a subheading
    for line in block:
        if line.s and line.kind in (None, "link"):
            line.kind = "block"


def _mark_share_runs(scan: _Scan) -> None:
    """Mark the lone network names ("Facebook", "Twitter") of a run of share lines."""
    for line in [ln for ln in scan.lines.values() if ln.kind == "share"]:
        pos = line.end + 1
        while pos <= len(scan.text):
            nxt = scan.line(pos)
            if nxt.s:
                if nxt.kind is not None or not _share(_key(nxt.s), beside_share=True):
                    break
                nxt.kind = "share"
            pos = nxt.end + 1


def _mark_credits(scan: _Scan) -> list[tuple[int, list[str]]]:
    """Cut the credits in parentheses from the lines that hold one (after any dateline);
    where each stands, with the names of the reporters and writers it credits."""
    names: list[tuple[int, list[str]]] = []
    for m in _CREDIT_OPEN.finditer(scan.text):
        line = scan.line_of(m.start())
        if line.kind is not None:
            continue
        close = scan.text.find(")", m.end(), min(line.end, m.end() + MAX_CREDIT_CHARS))
        if close < 0 or "(" in scan.text[m.end():close]:
            continue
        got = _credit_names(scan.text[m.start() + 1:close].strip())
        begin = m.start()
        while begin > line.start and scan.text[begin - 1] in " \t":
            begin -= 1
        if got is None or (scan.dateline(line) or 0) > begin - line.start:
            continue
        if line.cuts is None:
            line.cuts = []
        line.cuts.append((begin - line.start, close + 1 - line.start))
        names.append((begin, got))
    return names


def strip_furniture(text: str, kinds: frozenset[str] = ALL_KINDS) -> Cleaned:
    """The text without its furniture (of ``kinds``: see the module's rules), the byline,
    and the removed pieces with their offsets in ``text``.

    The text returned is ``text`` itself when nothing is removed; else its kept lines (a
    line with a credit cut from it counts as kept), with the blank lines that a removal
    left doubled or at either end dropped.
    """
    if not text.strip():
        return Cleaned(text)
    scan = _Scan(text, kinds)
    for m in _CANDIDATE.finditer(text):  # the lines a line rule may fire on
        scan.line(m.start())
    for m in _ANYWHERE.finditer(text):
        scan.line_of(m.start())
    if "share" in kinds:
        _mark_share_runs(scan)
    byline = _mark_top(scan) if "byline" in kinds else None
    if "block" in kinds:
        _mark_block(scan)
    credited = _mark_credits(scan) if "trailer" in kinds else []
    for line in scan.lines.values():
        if line.kind == "trailer":
            body = line.s[1:-1] if line.s.startswith("(") and line.s.endswith(")") else line.s
            credited.append((line.start, _credit_names(body) or []))
    if all(line.kind is None and line.cuts is None for line in scan.lines.values()):
        return Cleaned(text)
    pieces: list[Piece] = []
    out: list[str] = []
    removed_since = True  # a blank line is dropped after a removal, or at the start
    hit = sorted(ln.start for ln in scan.lines.values()
                 if ln.kind is not None or ln.cuts is not None)
    hit.append(len(text) + 1)
    h = pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        if start == hit[h]:
            h += 1
            got = scan.lines[start]
            if got.kind is not None:
                pieces.append(Piece(got.kind, start, start + len(raw), raw))
                removed_since = True
                continue
            kept, at = [], 0
            for a, b in got.cuts or ():
                pieces.append(Piece("trailer", start + a, start + b, raw[a:b]))
                kept.append(raw[at:a])
                at = b
            kept.append(raw[at:])
            raw = "".join(kept)
            removed_since = True
        if removed_since:
            if not raw.strip():
                if not out or not out[-1].strip():
                    continue
            else:
                removed_since = False
        out.append(raw)
    while out and not out[-1].strip():
        out.pop()
    names = [name for _, found in sorted(credited) for name in found]
    if byline is None and names:
        byline = Byline(tuple(dict.fromkeys(names)))
    return Cleaned("\n".join(out), byline, tuple(pieces))


def furniture_meta(cleaned: Cleaned, meta: SourceMeta | None = None) -> SourceMeta | None:
    """``meta`` (or a new one) with what ``cleaned`` removed kept beside the article: the
    byline's names as ``author`` when ``meta`` names none, the byline lines as the extra
    "byline" and the other pieces as "furniture" (one a line). None when there is nothing
    to keep and no ``meta``."""
    extra = list(meta.extra) if meta is not None else []
    for key, text in (("byline", cleaned.joined("byline")),
                      ("furniture", cleaned.joined(exclude=("byline",)))):
        if text:
            extra.append((key, text))
    author = meta.author if meta is not None else None
    if not author and cleaned.byline is not None:
        author = cleaned.byline.author
    if meta is None and not extra and author is None:
        return None
    return dataclasses.replace(meta or SourceMeta(), author=author, extra=tuple(extra))
