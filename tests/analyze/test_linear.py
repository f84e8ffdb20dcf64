"""The stages cost the same per word at any length (issue 13), checked without a clock.

Work is counted, not timed: the Python lines the stages execute and the calls they make
(spaCy's token accessors included). A pass that scans the document, its sentences or its
mentions once per sentence, mention or token makes the count grow with the square of the
length; the tests run each shape at two sizes and bound the ratio. The look-ups that replaced
such scans must give the scans' answers exactly, and the pairwise searches stay in windows.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from spacy.tokens import Doc

from newsline.analyze import STAGES, Work, coref, events, sentence_tense
from newsline.analyze.index import Sentences, Spans, children, sent_of
from newsline.analyze.mentions import noun_chunks
from newsline.analyze.nlp import load
from newsline.analyze.tense import sentence_tenses
from newsline.analyze.timex import find_timexes
from newsline.ingest import article_id
from newsline.model import Article, DocAnalysis, Mention

WIKINEWS = Path(__file__).resolve().parents[2] / "examples" / "wikinews"
WORDS = ("Yes", "No", "Maybe", "Later", "Never", "Fine", "Sure", "Right", "Stop", "Wait")


def _article(text: str) -> Article:
    return Article(article_id(text), "test.txt", text)


def _counted(run: Callable[[], object]) -> int:
    """Lines executed and calls made (spaCy's token accessors included) by ``run()``."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += 1
        return trace

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


def _work(text: str) -> int:
    """The work of the stages on ``text`` (no document date, so the date inference runs
    too), once what is made on first use (patterns, knowledge) is made."""
    if not _WARM:
        _WARM.append(_work_stages(_articles(1)))
    doc = load()(text)
    a = _article(text)
    w = Work(a, doc, DocAnalysis(a.id))

    def stages() -> None:
        for _, stage in STAGES:
            stage(w)

    return _counted(stages)


_WARM: list[object] = []


def _one_word_sentences(n: int) -> str:
    return " ".join(f"{WORDS[i % len(WORDS)]}." for i in range(n))


def _lines(n: int) -> str:
    return "".join(f"{WORDS[i % 10]} {WORDS[(i + 3) % 10].lower()} {WORDS[(i + 7) % 10].lower()}\n"
                   for i in range(n))


def _articles(n: int) -> str:
    texts = [p.read_text("utf-8") for p in sorted(WIKINEWS.glob("*.json"))[:n]]
    import json

    return "\n\n".join(json.loads(t)["text"] for t in texts)


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "one-word sentences": (_one_word_sentences, 150),
    "three-word lines": (_lines, 150),
    "entities": (lambda n: "&amp; " * n, 300),
    "unescaped": (lambda n: "& " * n, 300),
    "articles": (lambda n: _articles(2) * n, 1),
    # one long "sentence" of names, pronouns and triggers, without a full stop
    "run-on": (lambda n: "Apple said on 3 May 2011 it would visit Paris and meet Merkel "
                         "there on 4 June 2011 , " * n, 60),
    "list of names": (lambda n: "Apple , Google , Microsoft , Amazon , " * n, 40),
    "chain of nouns": (lambda n: "the visit of the friend of the son of " * n, 25),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_work_grows_linearly(shape: str) -> None:
    make, n = SHAPES[shape]
    small, large = _work(make(n)), _work(make(4 * n))
    # linear: 4x (a little more for fixed costs amortised differently); quadratic: ~16x
    assert large / small < 5, f"{shape}: {small} -> {large} ({large / small:.1f}x for 4x)"


def test_tenses_are_read_once_per_sentence() -> None:
    """A long sentence holding many dates is read once, not once per date."""
    def work(n: int) -> int:
        doc = load()("they will visit Paris on Monday and meet Merkel on Tuesday , " * n)
        chars = [t.start for t in find_timexes(doc.text, None)]
        return _counted(lambda: sentence_tenses(doc, chars))

    small, large = work(40), work(160)
    assert large / small < 5, f"{small} -> {large}"


def test_sentence_lookup_is_the_scan() -> None:
    rng = random.Random(13)
    for _ in range(200):
        spans, pos = [], 0
        for _ in range(rng.randint(0, 8)):
            pos += rng.randint(0, 3)
            end = pos + rng.randint(0, 4)
            spans.append((pos, end))
            pos = end
        index = Sentences(spans)
        for char in range(-1, pos + 2):
            scan = next((i for i, (a, b) in enumerate(spans) if a <= char < b), None)
            assert index.containing(char) == scan
        for a in range(-1, pos + 2):
            for b in range(a, pos + 2):
                scan = next((i for i, (s, e) in enumerate(spans) if s >= a and e <= b), None)
                assert index.first_within(a, b) == scan


def test_span_lookup_is_the_scan() -> None:
    rng = random.Random(14)
    for _ in range(200):
        items = []
        for _ in range(rng.randint(0, 10)):
            s = rng.randint(0, 30)
            items.append(Mention(s, s + rng.randint(0, 6), "x", "ORG", 0))
        index = Spans(items)
        for a in range(-2, 40):
            assert index.covering(a) == [i for i, m in enumerate(items) if m.start <= a < m.end]
            for b in range(a, a + 9):
                assert index.inside(a, b) == [i for i, m in enumerate(items)
                                              if m.start >= a and m.end <= b]
                assert index.overlapping(a, b) == [i for i, m in enumerate(items)
                                                   if m.start < b and a < m.end]


def test_name_alternations_match_like_plain_ones() -> None:
    """The knowledge's event and title names are matched by a trie, which costs the same for
    ten thousand names as for ten; it must match what ``a|b|c`` longest first matches, also
    case-insensitively, where "ı", "İ", "i" and "I" (or "ſ" and "s") are one letter."""
    import re

    from newsline import knowledge
    from newsline.analyze import dating_kb

    if getattr(knowledge, "alternation", None) is None:
        pytest.skip("no trie alternation in this knowledge module")
    rng = random.Random(15)
    letters = "abiIıİsSſßẞ -"
    for _ in range(300):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 5)))
                 for _ in range(rng.randint(1, 8))]
        words = [w for w in words if w.strip()] or ["a"]
        text = "".join(rng.choice(letters) for _ in range(60))
        plain = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        for fold in (False, True):
            flags = "(?i:{})" if fold else "(?:{})"
            a = re.compile(r"(?<![\w-])" + flags.format(dating_kb._alt(words, fold)) + r"(?![\w-])")
            b = re.compile(r"(?<![\w-])" + flags.format(plain) + r"(?![\w-])")
            assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)], (
                words, text, fold)


def _real_doc() -> Doc:
    return load()(_articles(6))


def test_lookups_on_a_parse_are_spacys() -> None:
    doc = _real_doc()
    assert [(c.start, c.end, c.label_) for c in noun_chunks(doc)] == [
        (c.start, c.end, c.label_) for c in doc.noun_chunks]
    listed = load()("Apple , Google , Microsoft , Amazon , IBM and Intel sued Oracle , "
                    "Cisco and Sony .")
    assert [(c.start, c.end) for c in noun_chunks(listed)] == [
        (c.start, c.end) for c in listed.noun_chunks]
    for tok in doc:
        assert sent_of(tok) == tok.sent
        assert children(tok, ("nsubj", "dobj")) == [c for c in tok.children
                                                    if c.dep_ in ("nsubj", "dobj")]
    chars = [t.start for t in find_timexes(doc.text, None)]
    assert chars and sentence_tenses(doc, chars) == [sentence_tense(doc, c) for c in chars]


def test_antecedents_are_searched_in_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """However long a sentence, a pronoun looks at the mentions of a bounded stretch."""
    sizes: list[int] = []
    between = coref._Heads.between

    def counted(self: coref._Heads, lo: int, hi: int) -> list[tuple[int, int]]:
        got = between(self, lo, hi)
        sizes.append(len(got))
        return got

    monkeypatch.setattr(coref._Heads, "between", counted)
    text = "Apple told Google that it and Cisco and Intel would help it , " * 80
    _work_stages(text)
    assert sizes and max(sizes) <= 2 * coref.REACH_TOKENS


def test_an_event_looks_at_the_times_near_it(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    near = events.Times.near

    def counted(self: events.Times, char: int, sent: tuple[int, int]) -> list[int]:
        got = near(self, char, sent)
        sizes.append(len(got))
        return got

    monkeypatch.setattr(events.Times, "near", counted)
    _work_stages("they met on Monday and visited Paris on Tuesday , " * 60)
    assert sizes and max(sizes) <= 2 * events.TIME_WINDOW


def _work_stages(text: str) -> DocAnalysis:
    doc = load()(text)
    a = _article(text)
    w = Work(a, doc, DocAnalysis(a.id))
    for _, stage in STAGES:
        stage(w)
    return w.result
