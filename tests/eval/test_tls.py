"""The TLS benchmark's protocol pieces on a tiny made-up T17-like folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from newsline.eval.tls import (
    evaluate_timeline,
    leave_one_topic_out,
    load_reference,
    load_topic,
    run,
    story_of,
    timeline_day_features,
)

ARTICLES = [
    {"uid": "1", "dct": "2020-03-02", "dates": [],
     "text": "Heavy rain flooded the town of Riverton on March 1 , officials said . "
             "Hundreds of residents fled their homes ."},
    {"uid": "2", "dct": "2020-03-10", "dates": [],
     "text": "Rebuilding of the bridge began in Riverton on March 9 . The flood on March 1 had "
             "destroyed the bridge and forty homes ."},
    {"uid": "3", "dct": "2021-06-01", "dates": [],
     "text": "Riverton marked the anniversary of the flood on June 1 ."},
]
REFERENCE = [
    {"date": "2020-03-01", "text": " Floods hit Riverton .  Residents fled their homes . "},
    {"date": "2020-03-09", "text": " Riverton began rebuilding the bridge . "},
]


def folder(tmp_path: Path) -> Path:
    topic = tmp_path / "timeline17" / "t17" / "flood_test"
    topic.mkdir(parents=True)
    (topic / "articles.json").write_text(json.dumps(ARTICLES))
    (topic / "ref.timeline.json").write_text(json.dumps(REFERENCE))
    (tmp_path / "timeline17" / "t17" / "Finan_test").mkdir()
    (tmp_path / "timeline17" / "t17" / "Finan_test" / "x.timeline.json").write_text("[]")
    return topic


def test_reference_sentences_per_date(tmp_path: Path) -> None:
    ref = load_reference(folder(tmp_path) / "ref.timeline.json")
    assert ref[dt.date(2020, 3, 1)] == ["Floods hit Riverton .", "Residents fled their homes ."]


def test_protocol_uses_the_reference_span_and_sizes(tmp_path: Path) -> None:
    topic_dir = folder(tmp_path)
    topic = load_topic(topic_dir)
    arts, _ = topic
    assert arts["flood_test/1"].text.startswith("Heavy rain flooded the town of Riverton on "
                                                "March 1, officials said.")
    scores = evaluate_timeline(topic, load_reference(topic_dir / "ref.timeline.json"),
                               ("flood", "riverton"))
    assert scores["dates"] == 2 and scores["sents_per_date"] == 2
    assert scores["articles"] == 1  # only the article published inside 1-9 March 2020
    # 1 March is found (precision 1); 9 March is named only by an article outside the span
    assert round(scores["date_f1"], 2) == round(100 * 2 / 3, 2) and scores["ar1_f1"] > 0


def test_run_skips_timelines_without_articles(tmp_path: Path) -> None:
    folder(tmp_path)
    out = run(tmp_path)
    assert out["benchmark"] == "tls" and set(out["metrics"]) == {"date_f1", "ar1_f1", "ar2_f1"}
    assert out["details"]["skipped"] == ["Finan_test/x.timeline.json"]
    assert out["details"]["timelines"] == 1


def test_leave_one_topic_out_never_trains_on_the_held_out_story(tmp_path: Path) -> None:
    topic_dir = folder(tmp_path)
    topic = load_topic(topic_dir)
    ref = load_reference(topic_dir / "ref.timeline.json")
    days, labels = timeline_day_features(topic, ref, ("flood",))
    assert labels == set(ref) and dt.date(2020, 3, 1) in days
    feats = {"flood_a/r.json": (days, labels), "flood_b/r.json": (days, labels),
             "storm_a/r.json": (days, labels)}
    models = leave_one_topic_out(feats)
    assert set(models) == {"flood", "storm"}
    assert models["flood"].note == "trained without flood"
    # a story alone has nothing to train on
    assert leave_one_topic_out({"flood_a/r.json": (days, labels)}) == {}
    assert story_of("SyrianCrisis_reuters/tl2.1.txt.timeline.json") == "SyrianCrisis"
