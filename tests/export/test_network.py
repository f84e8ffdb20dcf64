"""The entity network: GEXF and GraphML that networkx reads back, nodes and weighted edges as
the timeline tells them, hostile text kept exactly."""

from __future__ import annotations

import io
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from newsline.export.json import timeline
from newsline.export.network import graph, render_gexf, render_graphml
from newsline.store import Store

try:
    from tests.export.fixtures import XSS_ATTR, XSS_SCRIPT, adversarial_timeline, demo_timeline
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fixtures import (  # type: ignore[no-redef]
        XSS_ATTR,
        XSS_SCRIPT,
        adversarial_timeline,
        demo_timeline,
    )

READERS = {
    "gexf": (render_gexf, nx.read_gexf),
    "graphml": (render_graphml, nx.read_graphml),
}


def read(tl: dict[str, Any], fmt: str) -> nx.Graph:
    render, reader = READERS[fmt]
    return reader(io.BytesIO(render(tl).encode("utf-8")))


def expected_cooccurrence(tl: dict[str, Any]) -> dict[tuple[str, str], tuple[int, int]]:
    """(documents, events) shared by each pair of entities, counted here independently."""
    ids = {e["id"] for e in tl["entities"]}
    named = {e["id"] for e in tl["entities"] if e.get("named", True)}
    docs: dict[str, set[str]] = {}
    for e in tl["entities"]:
        for m in e["mentions"]:
            if e["id"] in named:
                docs.setdefault(e["id"], set()).add(m["doc"])
    out: Counter[tuple[str, str]] = Counter()
    for a, b in combinations(sorted(docs), 2):
        out[(a, b)] += len(docs[a] & docs[b])
    events: Counter[tuple[str, str]] = Counter()
    for ev in tl["events"]:
        who = {p["entity"] for p in ev["participants"]} | set(ev["places"])
        events.update(combinations(sorted(who & ids), 2))
    return {k: (out[k], events[k]) for k in set(out) | set(events) if out[k] or events[k]}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_reads_back_with_every_node_and_edge(fmt: str) -> None:
    tl = demo_timeline()
    g = read(tl, fmt)
    assert set(g.nodes) == {e["id"] for e in tl["entities"]} | {e["id"] for e in tl["events"]}
    kim = g.nodes["e-kim"]
    assert kim["kind"] == "entity" and kim["label"] == "Kim Jong Un" and kim["type"] == "PERSON"
    ent = next(e for e in tl["entities"] if e["id"] == "e-kim")
    assert int(kim["mentions"]) == len(ent["mentions"])
    assert int(kim["documents"]) == len({m["doc"] for m in ent["mentions"]})
    summit = g.nodes["ev-summit"]
    assert summit["kind"] == "event" and summit["status"] == "occurred"
    assert summit["date"] == "2023-09-13" and summit["type"] == "meeting"

    co = {tuple(sorted((a, b))): d for a, b, d in g.edges(data=True)
          if d["kind"] == "co-occurrence"}
    want = expected_cooccurrence(tl)
    assert set(co) == set(want)
    for pair, (docs, events) in want.items():
        assert (int(co[pair]["documents"]), int(co[pair]["events"])) == (docs, events)
        assert float(co[pair]["weight"]) == docs + events
    assert want[("e-kim", "e-putin")][1] == 2  # the summit and the invitation

    parts = {(a, b) if a.startswith("e") and not a.startswith("ev") else (b, a): d
             for a, b, d in g.edges(data=True) if d["kind"] == "participant"}
    assert parts[("e-kim", "ev-invite")]["role"] == "host"
    assert parts[("e-vostochny", "ev-summit")]["role"] == "place"
    n_parts = sum(len({p["entity"] for p in ev["participants"]} | set(ev["places"]))
                  for ev in tl["events"])
    assert len(parts) == n_parts


def test_gexf_is_gexf_12() -> None:
    text = render_gexf(demo_timeline())
    assert text.startswith("<?xml") and 'version="1.2"' in text
    assert "http://www.gexf.net/1.2" in text


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_hostile_text_survives_exactly(fmt: str) -> None:
    tl = adversarial_timeline()
    tl["entities"][0]["name"] += " \x00\x07bell"  # characters XML 1.0 cannot hold
    g = read(tl, fmt)
    node = g.nodes[f"ent{XSS_ATTR}"]
    assert node["label"] == f"{XSS_SCRIPT} bell"
    event = g.nodes[f"ev{XSS_ATTR}"]
    assert event["label"].startswith("Summary " + XSS_SCRIPT)
    # a participant or place that is no entity gets no edge
    assert "missing-id" not in g.nodes and XSS_SCRIPT not in g.nodes


def test_description_only_entities_do_not_co_occur() -> None:
    tl = demo_timeline()
    for e in tl["entities"]:
        if e["id"] == "e-kremlin":
            e["named"] = False
    g = graph(tl)
    assert "e-kremlin" in g.nodes and g.nodes["e-kremlin"]["named"] is False
    assert not [n for n in g.neighbors("e-kremlin")
                if g.edges["e-kremlin", n]["kind"] == "co-occurrence"]


def test_the_built_corpus_exports(built_db: Path) -> None:
    with Store(built_db) as store:
        tl = timeline(store)
    for fmt in READERS:
        g = read(tl, fmt)
        assert g.number_of_nodes() == len(tl["entities"]) + len(tl["events"])
        assert g.number_of_edges() == graph(tl).number_of_edges() > 0
        kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
        assert kinds["co-occurrence"] > 0 and kinds["participant"] > 0
