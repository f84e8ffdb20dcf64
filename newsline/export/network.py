"""The entity network, for Gephi, Cytoscape, networkx or igraph: GEXF or GraphML.

Nodes are the entities (``kind`` entity: ``label`` its name, ``type``, ``named``,
``mentions`` and ``documents`` counts, ``aliases``) and the events (``kind`` event: ``label``
its summary, ``type``, ``status``, ``date``, ``mentions``). Edges are of two kinds:

- ``co-occurrence`` between two entities, weighted: ``documents`` is the number of articles
  that name both (named entities only: a description such as "the shares" is no one to
  connect), ``events`` the number of events both take part in, ``weight`` the sum;
- ``participant`` from an entity to an event it takes part in (``role``: agent, patient,
  place, ...; roles joined with ``;`` when it has several), weight 1.

The graph is undirected. networkx writes the files; every text is freed of the characters
XML 1.0 cannot hold (its writer escapes the rest). An absent value is an empty string.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from typing import Any

from newsline.errors import NewslineError

Json = dict[str, Any]

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def graph(tl: Json) -> Any:
    """The network of the timeline dict ``tl`` (SPEC.md) as a ``networkx.Graph``."""
    nx = _networkx()
    g = nx.Graph()
    entities = {e["id"]: e for e in _list(tl.get("entities"))}
    for e in entities.values():
        mentions = _list(e.get("mentions"))
        g.add_node(_x(e["id"]), kind="entity", label=_x(e["name"]), type=_x(e["type"]),
                   named=bool(e.get("named", True)), mentions=len(mentions),
                   documents=len({m["doc"] for m in mentions}),
                   aliases=_x("; ".join(_list(e.get("aliases")))))
    shared_docs: Counter[tuple[str, str]] = Counter()
    by_doc: dict[str, set[str]] = {}
    for e in entities.values():
        if e.get("named", True):
            for m in _list(e.get("mentions")):
                by_doc.setdefault(m["doc"], set()).add(e["id"])
    for ids in by_doc.values():
        shared_docs.update(combinations(sorted(ids), 2))
    shared_events: Counter[tuple[str, str]] = Counter()
    for ev in _list(tl.get("events")):
        date = _dict(ev.get("date"))
        g.add_node(_x(ev["id"]), kind="event", label=_x(ev["summary"]), type=_x(ev["type"]),
                   status=_x(ev["status"]), date=_x(date.get("value") or ""),
                   mentions=len(_list(ev.get("mentions"))))
        roles: dict[str, list[str]] = {}
        for p in _list(ev.get("participants")):
            roles.setdefault(p["entity"], []).append(_s(p.get("role")))
        for place in _list(ev.get("places")):
            roles.setdefault(place, []).append("place")
        known = sorted(r for r in roles if r in entities)
        for ent in known:
            g.add_edge(_x(ent), _x(ev["id"]), kind="participant",
                       role=_x(";".join(dict.fromkeys(roles[ent]))), weight=1.0,
                       documents=0, events=1)
        shared_events.update(combinations(known, 2))
    for a, b in sorted(set(shared_docs) | set(shared_events)):
        d, n = shared_docs[(a, b)], shared_events[(a, b)]
        g.add_edge(_x(a), _x(b), kind="co-occurrence", role="", weight=float(d + n),
                   documents=d, events=n)
    return g


def render_gexf(tl: Json) -> str:
    """The network as GEXF 1.2 (Gephi's format)."""
    nx = _networkx()
    return _DECLARATION + "\n".join(nx.generate_gexf(graph(tl), version="1.2draft")) + "\n"


def render_graphml(tl: Json) -> str:
    """The network as GraphML."""
    nx = _networkx()
    return _DECLARATION + "\n".join(nx.generate_graphml(graph(tl))) + "\n"


def _networkx() -> Any:
    try:
        import networkx
    except ImportError:
        raise NewslineError("the gexf and graphml exports need networkx", None,
                            "install it: pip install networkx==3.6.1") from None
    return networkx


def _x(value: object) -> str:
    return _NOT_XML.sub("", _s(value))


def _s(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _list(value: object) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _dict(value: object) -> Json:
    return value if isinstance(value, dict) else {}
