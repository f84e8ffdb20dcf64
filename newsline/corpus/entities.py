"""Canonical entities across documents.

An explainable resolver in passes, each a rule a reader can check. The corpus build runs it on
all documents at once (:func:`corpus_entities`), with no blocks: it finds the documents' topics
itself (:func:`document_topics`).

0. one family per name (:func:`newsline.corpus.entity_rules.settle_families`): a name the NER
   labels PERSON in one article and ORG in another takes the family the knowledge base, the
   words around it ("X, a retired general") and the majority give it;
1. within a document (:func:`_local_resolution`): a name mention is keyed by the name inside it
   ("JSA Research analyst Paul Nesbit" -> "paul nesbit", "Regina Benjamin, MD" -> "regina
   benjamin"); a short person name ("Castro") joins the full name it stands for only when
   exactly one full name in the document fits, so Fidel and Raúl never meet through it; an
   acronym joins the expansion it abbreviates; a common-noun mention (a day or a month
   included: "Friday" is no name) joins the last earlier mention with the same head lemma
   ("the quake" ... "the earthquake" stay apart, "the tankers" ... "the tanker" join); a pronoun
   joins the nearest earlier mention of a compatible kind;
2. across documents, names with the same normalised key and family are one entity; the
   knowledge base's aliases join their canonical name; an acronym used alone joins its only
   expansion;
3. name variants: the same words in another order ("Jinping Xi"), one word a one-letter typo
   ("Angela Merkle") or a romanisation of the other ("Qaddafi"), all other words equal, across
   the PERSON/ORG/OTHER labels the NER confuses for names of two or more words. Names whose
   words differ as words (Ed / David Miliband, George H. W. / George W. Bush, Kim Jong-un /
   Kim Jong-il) are never joined;
4. a surname alone (:func:`newsline.corpus.entity_rules.surname_merge`): "Merkel", "Chancellor
   Merkel", "Mr Abe" join the one full name of the corpus (else of the knowledge base) of that
   surname; two such full names keep it apart;
5. common-noun mentions with the same head lemma join across documents only inside a topic
   (or a block given as ``blocks``), never corpus-wide;
6. learned (:mod:`newsline.corpus.entities_model`): a logistic mention-pair model, trained on ECB+
   train topics, joins rule clusters inside a topic whose pair scores are high enough; each
   such merge records its score and the features behind it. Two names in one article, names of
   two families, two different full person names (a title's holder of the day included), two
   organisation, place or people names the rules kept apart, common nouns of articles in
   different sub-stories, and two clusters of common nouns with no head lemma in common
   (unless a full name or a single article joins them), and a full person name with a plural
   common noun are never joined by it. With the model, pass 5 is left to it. On by default.

Canonical name: the knowledge base's, else the most frequent full form among the forms used at
least 1/``NAME_SHARE`` as often as the most used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsline.corpus.coref import attach_coreferent, names_only
from newsline.corpus.entity_rules import settle_families, settle_key, surname_merge
from newsline.corpus.entity_variants import variant_merge
from newsline.graph import UnionFind
from newsline.knowledge import Knowledge
from newsline.model import DocAnalysis, Entity, EntityMentionRef, Mention
from newsline.names import (
    FAMILY,
    PRONOUNS,
    country_of,
    fold,
    form_of,
    head_word,
    initials,
    lemma,
    name_core,
    name_key,
    words,
)
from newsline.names import entity_key as _key

PRONOUN_WINDOW = 3  # sentences back that a pronoun looks for its antecedent
NAME_SHARE = 20  # an entity's name is a form used at least 1/20 as often as its most used

MentionKey = tuple[str, int]  # (doc id, mention index)

# heads of common nouns that stand for the last named thing of their family ("the company")
_CLASS_HEADS = {
    "ORG": {"company", "firm", "group", "carrier", "maker", "manufacturer", "agency", "airline",
            "bank", "government", "party", "team", "club", "organisation", "organization",
            "corporation", "giant", "automaker", "retailer", "network", "union", "band"},
    "PLACE": {"country", "nation", "city", "state", "town", "island", "region", "province"},
}
_NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both",
            "several", "many", "some", "all", "these", "those", "other"}


def _plural(text: str) -> bool:
    """A common-noun mention of several things: "automakers", "the two companies"."""
    ws = [fold(w) for w in words(text)]
    first = ws[1] if len(ws) > 1 and ws[0] in ("the", "its", "their") else ws[0] if ws else ""
    head = head_word(text)
    return first in _NUMBERS or (fold(head) != lemma(head) and not fold(head).endswith("'s"))


# a country's government stands for the country, as both corpora annotate it
_STATE_HEADS = {"government", "administration"}


@dataclass(frozen=True, slots=True)
class Merge:
    """Two surface forms joined into one entity, and the rule that joined them."""

    left: str
    right: str
    rule: str

    def to_dict(self) -> dict[str, str]:
        return {"left": self.left, "right": self.right, "rule": self.rule}


@dataclass(slots=True)
class EntityIndex:
    """The build's entities and where each document mention went."""

    entities: list[Entity]
    by_mention: dict[MentionKey, str]
    merges: dict[str, list[Merge]] = field(default_factory=dict)  # entity id -> merges


def _node(block: str, fam: str, key: str) -> str:
    return f"{block}\x1f{fam}:{key}"


def _split(node: str) -> tuple[str, str, str]:
    block, rest = node.split("\x1f", 1)
    fam, key = rest.split(":", 1)
    return block, fam, key


def _pronoun_fits(pronoun: str, m: Mention) -> bool:
    want = PRONOUNS[pronoun]
    fam = FAMILY.get(m.type, "OTHER")
    if want == "PERSON":
        return fam == "PERSON"
    if want == "THING":
        return fam != "PERSON"
    if want == "GROUP":
        return fam in ("ORG", "NORP", "PERSON")
    return want == "RELATIVE"


def _kb_family(kb: Knowledge, text: str, fam: str) -> str:
    """The knowledge base's family for a name when exactly one family lists it ("Qaddafi"
    tagged ORG is the PERSON Muammar Gaddafi), else the NER's."""
    found = {f for f in _FAMILIES if kb.canonical_name(_key(text, f), f) is not None}
    return found.pop() if len(found) == 1 else fam


_FAMILIES = tuple(sorted(set(FAMILY.values())))


def _bare_name(text: str) -> bool:
    """The mention is a name and nothing else ("Qaddafi", not "Apple Inc. co-founder")."""
    return name_key(name_core(text)) == name_key(text)


def _local_resolution(analysis: DocAnalysis, block: str, scope: str | None = None,
                      kb: Knowledge | None = None,
                      settled: Mapping[str, tuple[str, str]] | None = None) -> list[str]:
    """Within one document: the node each mention stands for. A common noun's node is keyed
    by ``scope`` (its topic: it joins the same head lemma across that topic's documents), by
    its own document when ``scope`` is None; ``settled`` gives the family the corpus settled
    a name on (:func:`newsline.corpus.entity_rules.settle_families`)."""
    ms = analysis.mentions
    forms = [mention_form(analysis, m) for m in ms]
    fams = [FAMILY.get(m.type, "OTHER") for m in ms]
    if kb is not None and kb.names:
        fams = [_kb_family(kb, m.text, f) if form == "name" and _bare_name(m.text) else f
                for m, f, form in zip(ms, fams, forms, strict=True)]
    if settled:  # one family per name across the corpus ("Qaddafi" PERSON here, ORG there)
        fams = [settled[k][0] if form == "name" and f in ("PERSON", "ORG", "OTHER")
                and (k := settle_key(m.text)) in settled else f
                for m, f, form in zip(ms, fams, forms, strict=True)]
    nodes: list[str] = [""] * len(ms)
    day = analysis.date.day
    if kb is not None and day is not None:
        for i, m in enumerate(ms):
            role = _role(m, day, kb) if m.type == "PERSON" else None
            if role is not None:
                nodes[i] = _node(block, "PERSON", role)
                forms[i] = "role"
    full_people: dict[str, str] = {}
    orgs: list[tuple[str, str]] = []
    for i, m in enumerate(ms):
        if forms[i] != "name":
            continue
        core = name_core(_before_apposition(m.text))
        k = _key(core, fams[i]) or _key(m.text, fams[i])
        whole = _key(m.text, fams[i])
        if kb is not None and whole != k and kb.canonical_name(whole, fams[i]) is not None:
            k = whole  # "Organisation des Nations unies": a name with lowercase last words
        country = country_of(k) if fams[i] in ("PLACE", "NORP") else None
        if country:  # "U.S.", "America", "American": the country
            fams[i], k = "PLACE", name_key(country)
        nodes[i] = _node(block, fams[i], k)
        if fams[i] == "PERSON" and len(k.split()) >= 2:
            full_people[k] = nodes[i]
        if len(re.split(r"[\s\-]+", core)) >= 2 and fams[i] != "PERSON":
            orgs.append((initials(core), nodes[i]))
            if "(" in m.text:  # "the Islamic Republic News Agency (IRNA"
                orgs.append((m.text.split("(")[-1].strip(" )"), nodes[i]))
    # each full name by its first and its last word: the full names a short name may stand for
    people_by_word: dict[str, set[str]] = defaultdict(set)
    for full, v in full_people.items():
        ws = full.split()
        people_by_word[ws[0]].add(v)
        people_by_word[ws[-1]].add(v)
    for i, m in enumerate(ms):
        if forms[i] != "name":
            continue
        k = _split(nodes[i])[2]
        core = name_core(m.text)
        if fams[i] == "PERSON" and len(k.split()) == 1:
            matches = set(people_by_word.get(k, ()))
            if len(matches) == 1:
                nodes[i] = matches.pop()
        elif fams[i] == "PERSON" and k in full_people:
            # "Lula da Silva" after "Luiz Inácio Lula da Silva": the one longer name it ends
            longer = {v for f, v in full_people.items() if f.endswith(" " + k)}
            if len(longer) == 1:
                nodes[i] = longer.pop()
        elif core.replace(".", "").isupper() and 2 <= len(core) <= 8:
            acro = core.replace(".", "")
            matches = {v for ini, v in orgs if ini == acro and v != nodes[i]}
            if len(matches) == 1:
                nodes[i] = matches.pop()
    named = {_split(n)[1:] for n in nodes if n}
    for i, m in enumerate(ms):
        if forms[i] == "name" and _pair_of_names(m.text, fams[i], named):
            nodes[i] = _node(block, fams[i], "&" + name_key(m.text))
    last_head: dict[tuple[str, str], int] = {}
    for i, m in enumerate(ms):
        if forms[i] == "role":
            continue
        if forms[i] == "name":
            last_head[(fams[i], lemma(head_word(name_core(m.text))))] = i
            continue
        if forms[i] == "pronoun":
            own = _node(block, "PRO", f"{analysis.doc}:{i}")
            nodes[i] = _antecedent(ms, forms, nodes, i) or own
            continue
        head = lemma(head_word(m.text))
        if _plural(m.text):  # "the two companies" never stands for one of them
            head += "+"
        prev = last_head.get((fams[i], head))
        country = country_of(name_key(name_core(m.text))) if head in _STATE_HEADS else None
        if country and fold(head_word(m.text)) == head:  # "the US government": the country
            nodes[i] = _node(block, "PLACE", name_key(country))
        elif prev is not None:
            nodes[i] = nodes[prev]
        elif head in _CLASS_HEADS.get(fams[i], ()) and fold(head_word(m.text)) == head:
            nodes[i] = _nearest_name(ms, forms, fams, nodes, i) or ""
        if not nodes[i]:
            where = f"{analysis.doc}:" if scope is None else scope
            nodes[i] = _node(block, fams[i], f"~{where}{head}")
        last_head[(fams[i], head)] = i
    return nodes


_TIME_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "january", "february", "march", "april", "june", "july", "august", "september",
               "october", "november", "december", "today", "tonight", "yesterday", "tomorrow"}


def mention_form(analysis: DocAnalysis, m: Mention) -> str:
    """What the rules take a mention for: "name", "nominal" or "pronoun". A day or a month is
    no name ("Friday" in two articles is two Fridays unless one topic), nor a common noun
    capitalised by its sentence (:func:`_capitalised_by_sentence`)."""
    if m.type == "OTHER" and _time_word(m.text) or _capitalised_by_sentence(analysis, m):
        return "nominal"
    return form_of(m.text)


def _capitalised_by_sentence(analysis: DocAnalysis, m: Mention) -> bool:
    """A mention the NER did not find, capitalised only because it starts its sentence
    ("People fled", "Officials said"; not "BP said": capitals are no sentence's doing)."""
    first = m.text.split(maxsplit=1)[0] if m.text.strip() else ""
    return (m.kind != "name" and first.istitle() and 0 <= m.sentence < len(analysis.sentences)
            and m.start - analysis.sentences[m.sentence][0] <= 2 and form_of(m.text) == "name"
            and form_of(m.text[:1].lower() + m.text[1:]) != "name")


def _time_word(text: str) -> bool:
    """A time expression that looks like a name ("Friday", "March 3", "Friday night")."""
    return any(w in _TIME_NAMES for w in name_key(text).split())


_APPOSED = re.compile(r",\s|\s(?:between|near|off|who|which|whose|where)\s")


def _before_apposition(text: str) -> str:
    """A name without what a comma or a relative clause adds: "Regina Benjamin, MD" ->
    "Regina Benjamin", "the Gulf of Aden between Somalia and Yemen" -> "the Gulf of Aden"."""
    cut = _APPOSED.search(text)
    if cut is None or cut.start() == 0:
        return text
    head = text[:cut.start()]
    return head if form_of(head) == "name" else text


def _role(m: Mention, day: dt.date, kb: Knowledge) -> str | None:
    """The node key of a qualified office title ("the German chancellor") whose holder on the
    article's date the knowledge base knows: ``@holder|office|day``; None otherwise."""
    from newsline.analyze.roles import role_offices  # here: analyze imports build.names

    holders = {(t.holder, t.office) for o in role_offices(m.text) for t in kb.holders(o, day)}
    if len(holders) != 1:
        return None
    holder, office = holders.pop()
    return f"@{holder}|{office}|{day.isoformat()}"


def _role_parts(key: str) -> tuple[str, str, str]:
    holder, office, day = key[1:].split("|")
    return holder, office, day


def _pair_of_names(text: str, fam: str, named: set[tuple[str, str]]) -> bool:
    """A mention of two named things ("General Motors (GM) and Chrysler"): the words before
    "and" are a name the article uses on its own."""
    for sep in (" and ", " & "):
        if sep in text:
            left, right = text.split(sep, 1)
            if right[:1].isupper() and (fam, _key(name_core(left), fam)) in named:
                return True
    return False


def _antecedent(ms: list[Mention], forms: list[str], nodes: list[str], i: int) -> str | None:
    pronoun = ms[i].text.casefold()
    for j in range(i - 1, -1, -1):
        if ms[i].sentence - ms[j].sentence > PRONOUN_WINDOW:
            break
        if not nodes[j] or ms[j].end > ms[i].start:
            continue
        if PRONOUNS[pronoun] == "RELATIVE":
            return nodes[j]
        if ms[j].type == ms[i].type and _pronoun_fits(pronoun, ms[j]):
            return nodes[j]
    return None


def _nearest_name(ms: list[Mention], forms: list[str], fams: list[str], nodes: list[str],
                  i: int) -> str | None:
    for j in range(i - 1, -1, -1):
        if forms[j] == "name" and fams[j] == fams[i] and ms[i].sentence - ms[j].sentence <= 5:
            return nodes[j]
    return None


def _entity_id(family: str, key: str, block: str = "") -> str:
    base = f"{family}:{key}" if not block else f"{block}\x1f{family}:{key}"
    return "ent-" + hashlib.sha1(base.encode()).hexdigest()[:12]


def _pair_model() -> Any:  # the committed PairModel, or None
    from newsline.corpus import entities_model

    return entities_model.load()


def resolve(
    analyses: Iterable[DocAnalysis],
    knowledge: Knowledge | None = None,
    blocks: Mapping[str, str] | None = None,
    learned: bool = True,
    pair_model: Any = None,
    texts: Mapping[str, str] | None = None,
) -> EntityIndex:
    """Group every entity mention of the corpus into canonical entities.

    ``blocks`` maps a document to a block (a story, a topic): mentions in different blocks are
    never joined, and common-noun mentions join across documents of one block. Without it (as
    the corpus build runs it) the corpus is one block: names join corpus-wide, and common nouns
    join across the documents of one topic that the resolver finds itself
    (:func:`document_topics`), never beyond it.

    With ``learned`` (the default) and the committed pair model present, a last pass joins the
    rule clusters the pair model scores as one entity, inside each block or topic. A
    ``pair_model`` given (training) is used in place of the committed one. ``texts`` (document
    -> its text) lets the words around a name settle its family
    (:mod:`newsline.corpus.entity_rules`).
    """
    kb = knowledge or Knowledge.empty()
    given = list(analyses)
    docs = [names_only(a) for a in given]  # coreferent mentions join their antecedent's, below
    model = pair_model if pair_model is not None else _pair_model() if learned else None
    topics = dict(blocks) if blocks is not None else document_topics(docs)
    known: dict[str, str] = {}  # node -> the knowledge base's full name it was joined to
    uf, members, nodes = _rules(docs, kb, blocks, None if model is not None else topics, texts,
                                known)
    if model is not None:
        _learned_merge(docs, nodes, uf, topics, model, _told_sex(given))
    index = _entities(members, uf, kb, known)
    index.merges = _explain(uf, members, index)
    attach_coreferent(index, given)
    return index


TOPIC_SIMILARITY = 0.10  # mean cosine that makes one topic (chosen on ECB+ train and dev)


def document_topics(docs: list[DocAnalysis], threshold: float = TOPIC_SIMILARITY
                    ) -> dict[str, str]:
    """Each document's topic: average-link clusters of the documents by the tf-idf cosine of
    their mention words (the people, places and things they name)."""
    from newsline.vectors import average_link, cosines, tfidf

    if not docs:
        return {}
    bags = [[w for m in a.mentions if form_of(m.text) != "pronoun" for w in _words_of(m.text)]
            for a in docs]
    groups = average_link(cosines(tfidf(bags)), threshold)
    return {docs[i].doc: f"t{min(docs[j].doc for j in g)}" for g in groups for i in g}


_STOPWORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "from", "by", "with",
              "his", "her", "its", "their", "this", "that", "these", "those", "s", "as"}


def _words_of(text: str) -> list[str]:
    return [lemma(w) for w in re.findall(r"[\w'’.-]+", fold(text)) if w not in _STOPWORDS]


_SETTLED_TYPES = ("PERSON", "ORG", "OTHER")


def _settled_type(kind: str, fam: str) -> str:
    """A mention's type as its node's family has it: PERSON or ORG once the corpus settled
    the name's family, the NER's label otherwise."""
    if fam in _SETTLED_TYPES and FAMILY.get(kind) in _SETTLED_TYPES:
        return fam
    return kind


def _rules(docs: list[DocAnalysis], kb: Knowledge, blocks: Mapping[str, str] | None,
           topics: Mapping[str, str] | None, texts: Mapping[str, str] | None = None,
           known: dict[str, str] | None = None
           ) -> tuple[UnionFind, dict[str, list[tuple[MentionKey, str, str]]],
                      dict[str, list[str]]]:
    """The rule passes: the union-find over nodes, each node's mentions, each doc's nodes."""
    uf = UnionFind()
    members: dict[str, list[tuple[MentionKey, str, str]]] = defaultdict(list)
    acronyms: dict[tuple[str, str], set[str]] = defaultdict(set)
    nodes_of: dict[str, list[str]] = {}
    settled = settle_families(docs, kb, texts)
    for analysis in docs:
        block = blocks.get(analysis.doc, "") if blocks is not None else ""
        scope = f"{topics[analysis.doc]}:" if topics and analysis.doc in topics else None
        local = _local_resolution(analysis, block, scope, kb, settled)
        nodes_of[analysis.doc] = local
        for i, m in enumerate(analysis.mentions):
            node = local[i]
            _, fam, key = _split(node)
            uf.find(node)
            members[node].append(((analysis.doc, i), m.text, _settled_type(m.type, fam)))
            if key.startswith("@"):
                holder, office, day = _role_parts(key)
                holder_node = _node(block, "PERSON", _key(holder, "PERSON"))
                uf.union(node, holder_node,
                         f"the knowledge base: {holder} held the office of {office} on {day}, "
                         "the article's date")
                canonical = kb.canonical_key(_key(holder, "PERSON"), "PERSON")
                if canonical is not None:
                    uf.union(holder_node, _node(block, "PERSON", canonical),
                             f"the knowledge base lists it as an alias of "
                             f"{kb.canonical_name(canonical, 'PERSON')}")
                continue
            canonical = kb.canonical_key(key, fam)
            if canonical is not None:
                kb_name = kb.canonical_name(key, fam)
                uf.union(node, _node(block, fam, canonical),
                         f"the knowledge base lists it as an alias of {kb_name}")
            core = name_core(m.text)
            if (fam not in ("PERSON", "PRO") and len(re.split(r"[\s\-]+", core)) >= 2
                    and not key.startswith(("~", "@"))):
                acronyms[(block, initials(core))].add(node)
    # an acronym used alone in one article joins its only expansion elsewhere
    for node in list(members):
        block, fam, key = _split(node)
        if fam not in ("PERSON", "PRO") and key.isalpha() and " " not in key and len(key) <= 8:
            expansions = acronyms.get((block, key.upper()), set())
            if len(expansions) == 1:
                uf.union(node, next(iter(expansions)),
                         "an acronym whose only expansion in the corpus is this name")
    variant_merge([n for n in members if not _split(n)[2].startswith(("~", "@"))], uf)
    joined = surname_merge([(n, *_split(n)) for n in members], uf, kb, _node)
    if known is not None:
        known.update(joined)
    return uf, members, nodes_of


# The learned pass compares every pair of mentions of a group in dense matrices (about 200
# bytes a pair): a topic with more mentions is compared in runs of documents of at most this
# many mentions, taken in date order, so memory stays bounded on any corpus (names still join
# across the runs by the rules).
LEARNED_MAX_MENTIONS = 1500


def _groups(docs: list[DocAnalysis], topics: Mapping[str, str],
            limit: int = LEARNED_MAX_MENTIONS) -> list[list[DocAnalysis]]:
    """The documents the learned pass compares together: a block or topic, cut into runs of
    at most ``limit`` mentions when it is bigger."""
    by_block: dict[str, list[DocAnalysis]] = defaultdict(list)
    for a in docs:
        by_block[topics.get(a.doc, a.doc)].append(a)
    out: list[list[DocAnalysis]] = []
    for group in by_block.values():
        if sum(len(a.mentions) for a in group) <= limit:
            out.append(group)
            continue
        run: list[DocAnalysis] = []
        size = 0
        for a in sorted(group, key=lambda a: (a.date.earliest or dt.date.min, a.doc)):
            if run and size + len(a.mentions) > limit:
                out.append(run)
                run, size = [], 0
            run.append(a)
            size += len(a.mentions)
        if run:
            out.append(run)
    return out


def _name_and_family(node: str, text: str) -> tuple[str | None, str | None]:
    """What a mention gives its cluster, that another cluster's must share for the two to
    join: its name (a full person name, a title's holder of the day, or an organisation's or
    place's name as the rules keyed it; None for a short person name) and its name's family
    as the corpus settled it (a person never joins a country or its people through the
    common nouns between them); neither for a common noun or a pronoun."""
    _, fam, key = _split(node)
    if key.startswith("@") and fam == "PERSON":  # a title: the holder of the day
        return _key(_role_parts(key)[0], "PERSON"), fam
    if key.startswith(("~", "&", "@")) or form_of(text) != "name" or fam == "PRO":
        return None, None
    if fam == "PERSON" and len(key.split()) >= 2:
        return key, fam
    if fam in _NAMED_APART:  # two organisations (places, peoples) the rules kept apart
        return f"{fam}:{key}", fam
    return None, fam


_FAMILY_MARK = "\x00family:"  # a family among a cluster's names (no name key holds \x00)
_SEX_MARK = "\x00sex:"  # "m" or "f", what a pronoun or noun of the cluster says it is


def _marks(name: str | None, fam: str | None) -> list[str]:
    """A mention's name and family as its cluster's names hold them."""
    return [x for x in (name, fam and _FAMILY_MARK + fam) if x]


def _cluster_names(docs: list[DocAnalysis], nodes_of: dict[str, list[str]], uf: UnionFind,
                   told: Mapping[MentionKey, str] | None = None) -> dict[str, set[str]]:
    """Each rule cluster's names and families (:func:`_name_and_family`) over the whole
    corpus, by its root, and the sex its mentions or (``told``) their pronouns say."""
    from newsline.corpus.entities_model import sex_of

    out: dict[str, set[str]] = defaultdict(set)
    for a in docs:
        for i, (node, m) in enumerate(zip(nodes_of[a.doc], a.mentions, strict=True)):
            marks = out[uf.find(node)]
            marks.update(_marks(*_name_and_family(node, m.text)))
            sex = sex_of(m.text) or (told.get((a.doc, i)) if told else None)
            if sex:  # "the first woman", or "he" for "Barack Obama": anywhere in the corpus
                marks.add(_SEX_MARK + sex)
    return out


def _items(group: list[DocAnalysis], nodes_of: dict[str, list[str]], uf: UnionFind,  # noqa: ANN202
           named: Mapping[str, set[str]] | None = None):
    from newsline.corpus.entities_model import Item, substories

    roots: dict[str, int] = {}
    items, where = [], []
    stories = substories(group) if len(group) > 1 else [0]
    for a, story in zip(group, stories, strict=True):
        for i, m in enumerate(a.mentions):
            root = uf.find(nodes_of[a.doc][i])
            items.append(Item(a.doc, m.text, m.type, m.sentence,
                              roots.setdefault(root, len(roots)), story,
                              _split(nodes_of[a.doc][i])[1],
                              "nominal" if _capitalised_by_sentence(a, m) else ""))
            where.append(nodes_of[a.doc][i])
    # a cluster's names are those of all its mentions, in this group's documents or not
    marks: list[set[str]] = [set(named.get(root, ())) if named else set() for root in roots]
    avoid: list[set[str]] = [set() for _ in roots]
    full: dict[str, set[str]] = defaultdict(set)  # doc -> its full person names
    for it, node in zip(items, where, strict=True):
        name, fam = _name_and_family(node, it.text)
        marks[it.cluster].update(_marks(name, fam))
        if name is not None and fam == "PERSON" and not _split(node)[2].startswith("@"):
            full[it.doc].add(name)
    names = [{x for x in m if not x.startswith((_FAMILY_MARK, _SEX_MARK))} for m in marks]
    families = [{x for x in m if x.startswith(_FAMILY_MARK)} for m in marks]
    sexes = [frozenset(x for x in m if x.startswith(_SEX_MARK)) for m in marks]
    for it, node in zip(items, where, strict=True):  # "Castro" between Raúl and Ana Castro
        _, fam, key = _split(node)
        if fam == "PERSON" and key and " " not in key and not key.startswith(("~", "&", "@")):
            fits = {f for f in full[it.doc] if key in (f.split()[0], f.split()[-1])}
            if len(fits) >= 2:
                avoid[it.cluster] |= fits
    return (items, where, [frozenset(n) for n in names], [frozenset(a) for a in avoid],
            [frozenset(f) for f in families], sexes)


_NAMED_APART = ("ORG", "PLACE", "NORP")


def rule_items(docs: list[DocAnalysis], kb: Knowledge | None = None,
               blocks: Mapping[str, str] | None = None):  # noqa: ANN201 - list[Item]
    """The mentions of ``docs`` (in order) with the rule cluster each falls in, as the learned
    pass sees them (for training)."""
    uf, _, nodes_of = _rules(docs, kb or Knowledge.empty(), blocks, None)
    return _items(docs, nodes_of, uf)[0]


def _told_sex(analyses: list[DocAnalysis]) -> dict[MentionKey, str]:
    """(doc, name mention index) -> "m" or "f" where the pronouns and nouns that refer back to
    the name say so ("Barack Obama ... he"); a name both ways says nothing."""
    from newsline.corpus.entities_model import sex_of

    said: dict[MentionKey, set[str]] = defaultdict(set)
    for a in analyses:
        for m in a.mentions:
            j = m.antecedent
            sex = sex_of(m.text) if j is not None else None
            if j is None or sex is None:
                continue
            steps = 0
            while (up := a.mentions[j].antecedent) is not None and steps < len(a.mentions):
                j, steps = up, steps + 1
            said[(a.doc, j)].add(sex)
    return {k: next(iter(v)) for k, v in said.items() if len(v) == 1}


def _learned_merge(docs: list[DocAnalysis], nodes_of: dict[str, list[str]], uf: UnionFind,
                   topics: Mapping[str, str], model,  # noqa: ANN001
                   told: Mapping[MentionKey, str] | None = None) -> None:
    from newsline.corpus.entities_model import agglomerate

    named = _cluster_names(docs, nodes_of, uf, told)  # kept up to date as clusters join
    for group in _groups(docs, topics):
        size = sum(len(a.mentions) for a in group)
        if size < 2 or size > LEARNED_MAX_MENTIONS:  # one huge article: its rules alone
            continue
        items, where, names, avoid, families, sexes = _items(group, nodes_of, uf, named)
        if len({it.cluster for it in items}) < 2:
            continue
        for join in agglomerate(items, model, names, avoid, families, sexes):
            a, b = uf.find(where[join.a]), uf.find(where[join.b])
            uf.union(where[join.a], where[join.b],
                     f"the pair model scores them one entity ({join.score:.2f} on average over "
                     f"their mentions; {join.why})")
            if a != b:
                named[uf.find(a)] = named.pop(a, set()) | named.pop(b, set())


def _explain(uf: UnionFind, members: dict[str, list[tuple[MentionKey, str, str]]],
             index: EntityIndex) -> dict[str, list[Merge]]:
    """For each entity, the merges that joined its surface forms and the rule behind each."""
    def form(node: str) -> str:
        _, fam, key = _split(node)
        refs = members.get(node, [])
        own = [text for _, text, _ in refs if _key(name_core(text), fam) == key]
        texts = own or [text for _, text, _ in refs]
        if texts:
            return Counter(texts).most_common(1)[0][0]
        return key.title() if fam == "PERSON" else key  # a name no mention used

    out: dict[str, list[Merge]] = defaultdict(list)
    for a, b, why in uf.log:
        refs = members.get(a) or members.get(b)
        if not refs:
            continue
        entity = index.by_mention.get(refs[0][0])
        if entity is not None:
            out[entity].append(Merge(form(a), form(b), why))
    return dict(out)


def _entities(members: dict[str, list[tuple[MentionKey, str, str]]], uf: UnionFind,
              kb: Knowledge, known: Mapping[str, str] | None = None) -> EntityIndex:
    clusters: dict[str, list[str]] = defaultdict(list)
    for node in members:
        clusters[uf.find(node)].append(node)
    entities: list[Entity] = []
    by_mention: dict[MentionKey, str] = {}
    for nodes in clusters.values():
        refs = [ref for n in sorted(nodes) for ref in members[n]]
        if not refs:
            continue
        entity = _make_entity(nodes, refs, kb, known or {})
        entities.append(entity)
        for ref, _, _ in refs:
            by_mention[ref] = entity.id
    entities.sort(key=lambda e: e.id)
    return EntityIndex(entities, by_mention)


def longest_words(forms: Iterable[str]) -> int:
    return max((len(f.split()) for f in forms), default=0)


def _make_entity(nodes: list[str], refs: list[tuple[MentionKey, str, str]],
                 kb: Knowledge, known: Mapping[str, str]) -> Entity:
    block = _split(nodes[0])[0]
    from newsline.analyze.roles import role_offices  # here: analyze imports build.names

    named = [n for n in nodes
             if not _split(n)[2].startswith(("~", "@")) and _split(n)[1] != "PRO"]
    holders = sorted(_role_parts(_split(n)[2])[0] for n in nodes if _split(n)[2].startswith("@"))
    types = Counter(t for _, _, t in refs)
    kind = types.most_common(1)[0][0]
    fam = FAMILY.get(kind, "OTHER")
    forms = Counter(text for _, text, _ in refs)
    name_forms = Counter({f: c for f, c in forms.items()
                          if form_of(f) == "name" and not role_offices(f)})
    if not name_forms and holders:  # only titles: the entity is named after the holder
        name_forms = Counter({holders[0]: 1})
        named = [_node(block, "PERSON", _key(holders[0], "PERSON"))]
    name_forms = name_forms or forms
    # a form used once in an entity of thousands is no candidate for its name, however long
    # ("earlier the new Chairman" for Barack Obama)
    top = max(name_forms.values())
    name_forms = Counter({f: c for f, c in name_forms.items() if c * NAME_SHARE >= top})
    kb_name = None
    for node in named:
        _, f, k = _split(node)
        kb_name = kb_name or kb.canonical_name(k, f)
    if kb_name is None and longest_words(name_forms) < 2:  # "Netanyahu": the KB's one person
        kb_name = next((known[n] for n in sorted(named) if n in known), None)
    longest = max(len(f.split()) for f in name_forms)
    full = [f for f in name_forms if len(f.split()) == longest] if fam == "PERSON" else list(
        name_forms)
    name = kb_name or max(full, key=lambda f: (name_forms[f], len(f), f))
    id_key = _split(min(named))[2] if named else f"~{refs[0][0][0]}:{refs[0][0][1]}"
    id_fam = _split(min(named))[1] if named else fam
    if kb_name:
        id_key = _key(kb_name, id_fam)
    aliases = sorted(forms, key=lambda f: (-forms[f], f))
    if name not in aliases:
        aliases.insert(0, name)
    mentions = [EntityMentionRef(doc, 0, 0, text) for (doc, _), text, _ in refs]
    return Entity(_entity_id(id_fam, id_key, block), name, kind, aliases, mentions)


def corpus_entities(by_doc: Mapping[str, DocAnalysis], knowledge: Knowledge,
                    texts: Mapping[str, str] | None = None) -> EntityIndex:
    """The corpus build's entities, as :func:`newsline.corpus.build_corpus` makes them: every
    document resolved together (no blocks, topics found by the resolver, the learned pass on),
    mention offsets filled and each entity's merges attached."""
    index = resolve((by_doc[d] for d in sorted(by_doc)), knowledge, texts=texts)
    attach_offsets(index, by_doc)
    for entity in index.entities:
        entity.merges = [m.to_dict() for m in index.merges.get(entity.id, [])]
    return index


def attach_offsets(index: EntityIndex, analyses: Mapping[str, DocAnalysis]) -> None:
    """Fill each entity mention's offsets from the analyses (kept out of the hot loop)."""
    by_entity: dict[str, list[EntityMentionRef]] = defaultdict(list)
    for (doc, i), ent_id in sorted(index.by_mention.items()):
        m = analyses[doc].mentions[i]
        by_entity[ent_id].append(EntityMentionRef(doc, m.start, m.end, m.text, m.kind))
    for e in index.entities:
        e.mentions = by_entity.get(e.id, [])
