"""Union-find, the one clustering primitive the build steps share."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets over string keys; the smaller key becomes the root, so results are stable."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.log: list[tuple[str, str, str]] = []  # (a, b, why) for every union that joined

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str, why: str = "") -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            if why:
                self.log.append((a, b, why))
