"""Lexical resources for events, written from general knowledge (nothing downloaded).

- the trigger lexicon: lemma -> event type, by part of speech, for the SPEC vocabulary;
- ``SYNONYMS``: lemma -> a concept key, so that "attack", "strike" and "assault", or "die",
  "death" and "kill", compare equal when event mentions are linked across documents;
- ``EVENT_NOUNS``: nouns that name an event (nominalisations and the like), for the broad
  trigger set that the benchmarks use.
"""

from __future__ import annotations

# lemma -> event type, by part of speech.
VERB_TRIGGERS: dict[str, str] = {
    "visit": "visit", "tour": "visit", "travel": "visit",
    "meet": "meeting", "confer": "meeting",
    "invite": "invitation",
    "announce": "announcement", "unveil": "announcement",
    "dispatch": "dispatch", "deploy": "dispatch", "send": "dispatch",
    "elect": "election", "re-elect": "election", "reelect": "election",
    "appoint": "appointment", "nominate": "appointment", "name": "appointment",
    "execute": "execution", "behead": "execution",
    "attack": "attack", "bomb": "attack", "shell": "attack", "raid": "attack",
    "assault": "attack", "ambush": "attack",
    "sanction": "sanctions", "embargo": "sanctions",
    "sign": "agreement", "ratify": "agreement",
    "declare": "statement",
    # common news events beyond diplomacy
    "kill": "death", "die": "death", "murder": "death", "assassinate": "death",
    "shoot": "attack", "stab": "attack",
    "arrest": "arrest", "detain": "arrest",
    "acquire": "acquisition",  # not "purchase" or "buy": buying planes is no takeover
    "resign": "resignation",
    "dismiss": "dismissal", "sack": "dismissal", "oust": "dismissal",
}
NOUN_TRIGGERS: dict[str, str] = {
    "visit": "visit", "trip": "visit", "tour": "visit",
    "meeting": "meeting", "summit": "meeting", "talk": "meeting", "talks": "meeting",
    "invitation": "invitation",
    "announcement": "announcement",
    "dispatch": "dispatch", "deployment": "dispatch",
    "election": "election", "vote": "election", "poll": "election", "referendum": "election",
    "appointment": "appointment", "nomination": "appointment",
    "execution": "execution",
    "sanction": "sanctions", "sanctions": "sanctions", "embargo": "sanctions",
    "agreement": "agreement", "deal": "agreement", "treaty": "agreement", "accord": "agreement",
    "pact": "agreement",
    "attack": "attack", "bombing": "attack", "airstrike": "attack", "assault": "attack",
    "raid": "attack", "offensive": "attack",
    "statement": "statement", "declaration": "statement",
    "death": "death", "killing": "death", "murder": "death", "assassination": "death",
    "shooting": "attack", "stabbing": "attack",
    "arrest": "arrest", "detention": "arrest",
    "earthquake": "disaster", "quake": "disaster", "tsunami": "disaster", "flood": "disaster",
    "hurricane": "disaster", "typhoon": "disaster", "cyclone": "disaster",
    "acquisition": "acquisition", "takeover": "acquisition", "merger": "acquisition",
    "resignation": "resignation",
    "dismissal": "dismissal", "ouster": "dismissal",
}
# "send" only counts as a dispatch when what is sent is people or forces.
DISPATCHED = {
    "troop", "troops", "soldier", "force", "envoy", "delegation", "ship", "warship", "team",
    "mission", "aid", "jet", "aircraft", "marine", "police", "peacekeeper", "minister",
    "official", "representative", "diplomat", "unit", "battalion", "navy", "army",
}
# "name" is an appointment only with a role ("named him minister", "was named CEO").
NAMED_ROLES = {"oprd", "attr", "xcomp"}
# a test or launch is a weapons test only when a weapon is tested or launched.
WEAPONS = {"missile", "rocket", "nuclear", "bomb", "warhead", "weapon", "icbm", "device"}
WEAPON_TEST_VERBS = {"test", "launch", "fire", "detonate"}
WEAPON_TEST_NOUNS = {"test", "launch", "detonation"}
# "sign" is an agreement only when an agreement is signed.
SIGNED = {"agreement", "deal", "treaty", "accord", "pact", "contract", "memorandum", "law"}
# "talk" is a meeting only in the plural noun sense ("held talks").
PLURAL_ONLY = {"talk"}

# concept keys for cross-document linking: words of one concept map to the first of the group.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("attack", "strike", "assault", "raid", "bomb", "bombing", "shell", "shelling", "airstrike",
     "hit", "target", "offensive", "ambush"),
    ("kill", "die", "death", "dead", "murder", "slay", "slaying", "homicide", "fatal",
     "shoot", "shooting", "shot", "gun", "stab", "stabbing"),
    ("quake", "earthquake", "tremor", "temblor", "jolt", "shake", "hit"),
    ("arrest", "detain", "detention", "custody", "apprehend", "capture", "nab", "seize",
     "bust"),
    ("charge", "accuse", "indict", "indictment", "allegation", "allege"),
    ("sentence", "jail", "imprison", "imprisonment", "prison", "convict", "conviction"),
    ("fire", "dismiss", "sack", "oust", "terminate", "lay", "layoff", "axe", "cut"),
    ("hire", "appoint", "appointment", "name", "nominate", "nomination", "pick", "choose",
     "tap", "select", "replace", "succeed", "join"),
    ("resign", "resignation", "quit", "step", "leave", "departure", "retire", "retirement"),
    ("acquire", "acquisition", "buy", "purchase", "takeover", "take", "deal", "merge",
     "merger", "bid"),
    ("announce", "announcement", "unveil", "reveal", "introduce", "launch", "release",
     "debut", "present", "presentation", "show", "unveiling", "disclose"),
    ("say", "state", "statement", "tell", "declare", "claim", "report", "comment", "add"),
    ("win", "victory", "triumph", "beat", "defeat", "clinch", "capture"),
    ("lose", "loss", "defeat"),
    ("elect", "election", "vote", "win", "poll"),
    ("meet", "meeting", "summit", "talk", "talks", "confer"),
    ("visit", "trip", "tour", "travel", "go"),
    ("injure", "injury", "wound", "hurt", "injured"),
    ("crash", "collision", "collide", "accident", "wreck", "smash"),
    ("fire", "blaze", "burn", "flame", "inferno"),
    ("rescue", "save", "evacuate", "evacuation"),
    ("play", "perform", "performance", "concert", "show", "gig"),
    ("spill", "leak", "discharge"),
    ("sink", "capsize", "founder"),
    ("hijack", "hijacking", "seize", "seizure", "pirate", "piracy"),
    ("attempt", "try", "bid", "effort"),
    ("score", "goal", "net"),
    ("storm", "hurricane", "cyclone", "typhoon"),
    ("flood", "flooding", "deluge"),
    ("explode", "explosion", "blast", "detonate", "detonation", "blow"),
    ("steal", "theft", "rob", "robbery", "loot", "burglary"),
    ("protest", "demonstration", "rally", "march"),
    ("recall", "withdraw", "withdrawal", "pull"),
    ("release", "free", "liberate"),
    ("treat", "treatment", "hospitalize", "hospitalise", "admit"),
    ("nominate", "nomination", "pick", "choose", "select"),
    ("sign", "signing", "agreement", "agree"),
    ("die", "pass", "death", "decease"),
    ("diagnose", "diagnosis"),
    ("surrender", "turn", "give"),
    ("launch", "liftoff", "lift"),
    ("investigate", "investigation", "probe", "inquiry"),
    ("plead", "plea"),
    ("execute", "execution", "behead"),
    ("sanction", "sanctions", "embargo"),
    ("deploy", "deployment", "dispatch", "send"),
    ("invite", "invitation"),
    ("test", "launch"),
)


def _concepts() -> dict[str, str]:
    out: dict[str, str] = {}
    for group in _GROUPS:
        for word in group:
            out.setdefault(word, group[0])
    return out


SYNONYMS: dict[str, str] = _concepts()

# the concept keys a lemma belongs to (a lemma may sit in several groups: "hit", "fire")
CONCEPTS: dict[str, frozenset[str]] = {}
for _group in _GROUPS:
    for _word in _group:
        CONCEPTS[_word] = CONCEPTS.get(_word, frozenset()) | {_group[0]}

# derivational suffixes: "explosion" -> "explode" is in the table; these catch the rest
DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("ation", "e"), ("ation", ""), ("ition", "ite"), ("tion", "te"), ("sion", "de"),
    ("ment", ""), ("ing", ""), ("ing", "e"), ("al", ""), ("ure", "e"), ("ance", ""),
    ("ee", "ate"), ("ee", ""),
)

# nouns that name an event; nominalisations by suffix are caught by :func:`is_event_noun`
EVENT_NOUNS: frozenset[str] = frozenset({
    *NOUN_TRIGGERS, "crash", "death", "war", "fire", "blast", "quake", "earthquake", "storm",
    "strike", "launch", "sale", "loss", "profit", "deal", "bid", "merger", "takeover", "plan",
    "test", "flight", "delivery", "order", "cut", "rise", "fall", "drop", "gain", "growth",
    "decline", "crisis", "recession", "bankruptcy", "bailout", "loan", "debt",
    "protest", "trial", "arrest", "murder", "shooting", "injury", "accident", "victory",
    "win", "defeat", "release", "award", "contract", "competition", "dispute", "criticism",
    "problem", "delay", "rally", "slump", "surge", "boom", "debut", "show", "event",
    "concert", "performance", "ceremony", "funeral", "wedding", "birth", "resignation",
    "retirement", "hearing", "lawsuit", "suit", "ruling", "verdict", "sentence", "appeal",
    "probe", "investigation", "inquiry", "raid", "rescue", "evacuation", "outbreak", "flood",
    "explosion", "collision", "blaze", "program", "programme", "project", "production",
    "purchase", "acquisition", "investment", "restructuring", "layoff", "closure", "shutdown",
    "recall", "reform", "negotiation", "conference", "speech", "interview", "report",
})
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "ing", "al")


# nouns the suffixes would take for events that name a body, a thing or a person
NOT_EVENT_NOUNS: frozenset[str] = frozenset({
    "government", "department", "parliament", "apartment", "equipment", "element",
    "document", "moment", "environment", "instrument", "segment", "official", "general",
    "national", "professional", "capital", "hospital", "terminal", "material", "individual",
    "original", "building", "morning", "evening", "ceiling", "clothing", "feature", "nature",
    "picture", "structure", "temperature", "literature", "signature", "creature", "audience",
    "evidence", "experience",
})


# nouns of a concept group (:data:`_GROUPS`, :data:`EXTRA_GROUPS`) that name a thing, not a
# happening ("gun", "prison")
NOT_EVENT_CONCEPT_NOUNS: frozenset[str] = frozenset({
    "gun", "prison", "jail", "name", "flame", "net", "target", "present", "tap", "step", "turn",
    "lift", "pull", "free", "lay", "pick", "bar", "patch", "suit", "cave", "ink", "hang",
    "founder", "blood", "save", "set", "place", "show", "leave", "add", "state", "give",
})
# adjectives and participles that say something happened to someone ("found dead", "pleaded
# guilty", "is pregnant"): annotators of news events take them as event mentions
EVENT_ADJECTIVES: frozenset[str] = frozenset({
    "dead", "guilty", "pregnant", "injured", "wounded", "missing", "married", "divorced",
    "engaged", "arrested", "jailed", "hospitalized", "hospitalised", "ill", "drunk",
    "unconscious", "bankrupt", "armed", "wanted", "unbeaten", "undefeated", "homeless",
    "innocent", "liable", "alive", "killed", "hurt", "sick",
})
# nouns of happenings the suffix rule misses
MORE_EVENT_NOUNS: frozenset[str] = frozenset({
    "game", "match", "round", "playoff", "final", "race", "tournament", "championship",
    "offer", "riot", "heist", "arson", "damage", "emergency", "outage", "vigil", "rehab",
    "downtime", "change", "robbery", "suicide", "transfer", "battle", "fight", "repair",
    "clash", "theft", "chase", "patrol", "hijack", "piracy", "charge", "attempt", "attack",
    "assault", "escape", "overdose", "kidnapping", "scandal", "sequel", "surgery", "stint",
    "manslaughter", "homicide", "killing", "massacre", "coup", "ceasefire", "truce",
})


def is_event_noun(lemma: str) -> bool:
    """A noun lemma that names something that happens: a listed one, one of a concept group
    of happenings, or a nominalisation by suffix."""
    if lemma in EVENT_NOUNS or lemma in MORE_EVENT_NOUNS:
        return True
    if lemma in NOT_EVENT_CONCEPT_NOUNS:
        return False
    if lemma in CONCEPTS or lemma in _EXTRA:
        return True
    if concept_keys(lemma) != {lemma}:
        return True  # a nominalisation of a verb of happening: "nominee", "slaying"
    return (len(lemma) > 6 and lemma.endswith(_EVENT_SUFFIXES)
            and lemma not in NOT_EVENT_NOUNS)


# more concept groups of common news happenings, from general knowledge; their keys carry an
# "x:" prefix so that they never collide with the keys of :data:`_GROUPS`
EXTRA_GROUPS: tuple[tuple[str, ...], ...] = (
    ("escape", "flee", "breakout", "abscond", "getaway"),
    ("find", "discover", "discovery", "locate", "uncover", "detect"),
    ("damage", "destroy", "destruction", "devastate", "devastation", "wreck", "ruin",
     "demolish", "raze"),
    ("steal", "theft", "rob", "robbery", "heist", "holdup", "burglary", "loot", "stickup"),
    ("treat", "treatment", "rehab", "rehabilitation", "therapy"),
    ("fix", "repair", "restore", "restoration", "patch", "mend"),
    ("outage", "downtime", "disruption", "blackout", "interruption", "disrupt", "interrupt"),
    ("sue", "lawsuit", "suit", "litigation"),
    ("kidnap", "kidnapping", "abduct", "abduction"),
    ("approve", "approval", "pass", "adopt", "endorse", "ratify"),
    ("marry", "marriage", "wed", "wedding"),
    ("collapse", "topple", "crumble", "cave"),
    ("erupt", "eruption"),
    ("riot", "unrest", "clash", "uprising"),
    ("suicide", "hang", "overdose"),
    ("ban", "prohibit", "prohibition", "outlaw", "bar"),
    ("return", "comeback"),
    ("sign", "ink"),
    ("rescue", "save", "pull"),
)
_EXTRA: dict[str, frozenset[str]] = {}
for _group in EXTRA_GROUPS:
    for _word in _group:
        _EXTRA[_word] = _EXTRA.get(_word, frozenset()) | {"x:" + _group[0]}

# words that say nothing about which happening a text reports
STOP: frozenset[str] = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it",
    "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their",
    "there", "here", "which", "who", "whom", "what", "when", "where", "why", "how", "not", "no",
    "than", "then", "so", "such", "into", "over", "after", "before", "about", "also", "said",
    "says", "say", "will", "would", "could", "should", "may", "might", "can", "one", "two", "new",
    "more", "most", "other", "some", "any", "all", "up", "out", "last", "first", "year", "years",
    "told", "according", "mr", "mrs", "ms",
})


def concepts_of(lemma: str) -> frozenset[str]:
    """Every concept key of a lemma: its synonym groups (:func:`concept_keys`) and the extra
    groups it is in."""
    return concept_keys(lemma) | _EXTRA.get(lemma.lower(), frozenset())


def concept_keys(lemma: str) -> frozenset[str]:
    """The concept keys of a lemma: its synonym groups, else the lemma (derivation-stripped)."""
    lemma = lemma.lower()
    if lemma in CONCEPTS:
        return CONCEPTS[lemma]
    for suffix, repl in DERIVATIONS:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            base = lemma[: -len(suffix)] + repl
            if base in CONCEPTS:
                return CONCEPTS[base]
    return frozenset({lemma})
