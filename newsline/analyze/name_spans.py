"""The NER's name spans, repaired on the token level before they become mentions.

spaCy's small English model cuts names in predictable places; each rule below mends one such
cut from the parse and the letters, never from a list of names:

- a name split in two: two adjacent spans of one label, or a span and the capitalised proper
  noun after it, with only a space or a hyphen between, the first a compound of the second
  ("Moon Jae" + "In", "Moon Jae" + "-In", "Jacinda" + "Arden");
- a regnal numeral "I" read as the pronoun ("Elizabeth I", "Abdullah I"), and a generational
  suffix after a comma ("Robert F. Kennedy, Jr."), kept in the name: another person;
- a body named with a demonym cut after it ("Islamic" + "State"): one organisation;
- an organisation cut before "of <place>" ("the Communist Party" + "of" + "China"), where the
  organisation's head word is a body ("Party", "Bank", "Ministry"), not a company name;
- a surname labelled ORG ("Miliband said") after a person of that surname in the same text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsline.analyze.index import sent_bounds
from newsline.names import is_title

_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_SUFFIX = {"jr", "jr.", "sr", "sr."}
_ROLES = {  # role nouns written capitalised before a name, besides the honorifics of names.py
    "attorney", "coach", "commander", "commissioner", "director", "inspector", "manager",
    "nominee", "officer", "official", "prosecutor", "sheriff", "spokesman", "spokeswoman",
    "star", "trustee",
}
# head words of a body named after its country or place: "the Communist Party of China"
_BODIES = {
    "academy", "agency", "army", "assembly", "association", "bank", "board", "centre",
    "chamber", "church", "college", "commission", "committee", "company", "congress", "council",
    "court", "department", "federation", "foundation", "front", "fund", "group", "guard",
    "hospital", "institute", "kingdom", "league", "ministry",
    "movement", "museum", "navy", "office", "organisation", "organization", "parliament",
    "party", "police", "republic", "senate", "service", "society", "union", "university",
}

_STATE_BODIES = _BODIES | {"state"}


def repaired_entities(doc: Doc) -> list[Span]:
    """``doc.ents`` with the NER's span errors mended (see the module docstring)."""
    ents = list(doc.ents)
    ents = _joined(doc, ents)
    ents = [_extended(doc, e) for e in ents]
    ents = _absorbed(ents)
    return _surnames(doc, ents)


def _gap_ok(doc: Doc, left: int, right: int) -> bool:
    """Tokens ``left`` (last of one part) and ``right`` (first of the next) are joined by a
    single space, or by a hyphen written without spaces ("Jae-In")."""
    if right == left + 1:
        return doc[left].whitespace_ == " "
    if right == left + 2:
        mid = doc[left + 1]
        return mid.text == "-" and not doc[left].whitespace_ and not mid.whitespace_
    return False


def _compound_of(doc: Doc, left: int, start: int, end: int) -> bool:
    """Token ``left`` modifies a token of ``doc[start:end]`` as a compound or flat name part."""
    tok = doc[left]
    return tok.dep_ in ("compound", "flat") and start <= tok.head.i < end


def _name_word(doc: Doc, i: int) -> bool:
    """A capitalised proper noun inside a sentence that is not a headline (where every word
    is capitalised and the parse cannot tell a name from a verb: "Merkel Meets Putin")."""
    tok = doc[i]
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha
            and not tok.is_sent_start and not _in_headline(tok))


def _role_word(doc: Doc, i: int) -> bool:
    """A title or role written before a name, not a part of one: "Academy President", "CHP
    Officer", "US Surgeon General": an honorific or role noun, or a word that a person's name
    follows."""
    tok = doc[i]
    if _role_noun(tok):
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return bool(tok.whitespace_ and nxt is not None and nxt.ent_iob_ == "B"
                and nxt.ent_type_ == "PERSON")


def _role_noun(tok: Token) -> bool:
    return is_title(tok.lower_) or tok.lower_ in _ROLES


def _miscased(doc: Doc, i: int) -> bool:
    """A capitalised function word inside a sentence ("Moon Jae In met", tagged ADP): never a
    function word written so outside a headline, so a name part ("I" aside: the pronoun), when
    nothing hangs on it as on a preposition ("Obama On Tuesday")."""
    tok = doc[i]
    return (tok.is_alpha and tok.is_stop and len(tok) <= 3 and tok.pos_ != "DET"
            and tok.text[:1].isupper() and tok.text[1:].islower()
            and tok.text != "I" and not tok.is_sent_start and not any(tok.children)
            and not _in_headline(tok))  # "Obama On Tuesday": a preposition with its object


def _headline(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)


_HEADLINES = "newsline_headlines"


def _in_headline(tok: Token) -> bool:
    """Whether the sentence of ``tok`` is a headline; read once per sentence, as a long one
    would otherwise be read again for every word of it that is asked about."""
    memo: dict[int, bool] = tok.doc.user_data.setdefault(_HEADLINES, {})
    start, end = sent_bounds(tok)
    got = memo.get(start)
    if got is None:
        got = memo[start] = _headline(tok.doc[start:end])
    return got


def _joined(doc: Doc, ents: list[Span]) -> list[Span]:
    """Two adjacent spans of one name label that form one name ("Jacinda" + "Arden")."""
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if (prev is not None and _gap_ok(doc, prev.end - 1, e.start)
                and (prev.label_ == e.label_ and e.label_ in _NAME_LABELS
                     and _compound_of(doc, prev.end - 1, e.start, e.end)
                     and not _role_noun(doc[prev.end - 1]) and not _role_noun(doc[e.end - 1])
                     or _qualified_body(doc, prev, e))
                and _name_word(doc, e.start)):
            out[-1] = Span(doc, prev.start, e.end, label=e.label_)
            continue
        out.append(e)
    return out


def _qualified_body(doc: Doc, prev: Span, e: Span) -> bool:
    """A NORP word before an ORG that is a body word alone ("Islamic" + "State"): one name,
    as a body word says nothing by itself; a company after a demonym ("Russian" + "Gazprom")
    stays two."""
    return (prev.label_ == "NORP" and e.label_ == "ORG" and len(e) == 1
            and e[0].lower_ in _STATE_BODIES and doc[prev.end - 1].head.i == e.start)


def _extended(doc: Doc, e: Span) -> Span:
    """A span grown over the name part, numeral, suffix or "of <place>" the NER left out."""
    end = e.end
    if e.label_ in ("PERSON", "GPE", "ORG"):
        # the name's head word left out: "Moon Jae" + "In", "Jacinda" + "Arden"
        while end < len(doc):
            nxt = end if _gap_ok(doc, end - 1, end) else end + 1
            if (nxt >= len(doc) or not _gap_ok(doc, end - 1, nxt) or doc[nxt].ent_type_
                    or not doc[end - 1].text[:1].isupper() or _role_word(doc, nxt)
                    or not (_name_word(doc, nxt) and _compound_of(doc, end - 1, nxt, nxt + 1)
                            or e.label_ == "PERSON" and _miscased(doc, nxt))):
                break
            end = nxt + 1
    if (e.label_ == "NORP" and end < len(doc) and _gap_ok(doc, end - 1, end)
            and not doc[end].ent_type_ and _name_word(doc, end)
            and doc[end].lower_ in _STATE_BODIES and doc[end - 1].head.i == end):
        return Span(doc, e.start, end + 1, label="ORG")  # "Islamic" + "State", "Red" + "Army"
    if e.label_ == "PERSON":
        end = _with_numeral(doc, end)
    if e.label_ == "ORG" and doc[end - 1].lower_ in _BODIES:
        end = _with_place(doc, end)
    return e if end == e.end else Span(doc, e.start, end, label=e.label_)


def _with_numeral(doc: Doc, end: int) -> int:
    """A regnal numeral "I", which the tagger reads as the pronoun ("Elizabeth I ruled"), not
    when the pronoun starts a clause of its own ("told Elizabeth I would", "Abdullah I think");
    "Jr." after a comma ("Robert F. Kennedy, Jr.")."""
    if end >= len(doc):
        return end
    nxt = doc[end]
    if nxt.text == "I" and doc[end - 1].whitespace_:  # the NER keeps "II" and on itself
        after = doc[end + 1] if end + 1 < len(doc) else None
        if after is None or after.tag_ not in ("MD", "VBP") and after.lower_ not in ("'m", "am"):
            return end + 1
    if (nxt.text == "," and end + 1 < len(doc) and doc[end + 1].lower_ in _SUFFIX):
        return end + 2
    return end


def _with_place(doc: Doc, end: int) -> int:
    """ "of" and the place after a body's head word ("the Communist Party" + "of China"): the
    place a GPE or LOC span that starts right after "of", or a run of untyped proper nouns."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end].head.i != end - 1:
        return end
    first = doc[end + 1]
    if first.ent_iob_ == "B" and first.ent_type_ in ("GPE", "LOC"):
        stop = end + 1
        while stop < len(doc) and (stop == end + 1 or doc[stop].ent_iob_ == "I"):
            stop += 1
        return stop
    stop = end + 1
    while stop < len(doc) and not doc[stop].ent_type_ and _name_word(doc, stop):
        stop += 1
    return stop if stop > end + 1 else end


def _absorbed(ents: list[Span]) -> list[Span]:
    """Drop the spans that a grown span now covers ("China" inside "Communist Party of
    China", "Jr." after "Robert F. Kennedy,")."""
    out: list[Span] = []
    for e in ents:
        if out and e.start < out[-1].end:
            if e.end <= out[-1].end:
                continue
            e = Span(e.doc, out[-1].end, e.end, label=e.label_)  # never overlap
        out.append(e)
    return out


def _surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """A one-word ORG span that repeats the last word of an earlier PERSON span of the text
    ("Ed Miliband spoke. Miliband said"): the person's surname, labelled PERSON."""
    surnames: set[str] = set()
    out: list[Span] = []
    for e in ents:
        if (e.label_ == "PERSON" and len(e) >= 2 and e[-1].is_alpha
                and e[-1].lower_ not in _BODIES):  # "Robert Wood Johnson Foundation"
            surnames.add(e[-1].text)
        elif (e.label_ == "ORG" and len(e) == 1 and e[0].pos_ == "PROPN"
              and e[0].text in surnames):
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out
