"""A larger store for the route benchmark: a built database's articles copied N times into the
same entities, events and stories, so every page has N times more to show.

A stress test, not a corpus: copy k of article D is ``D~k`` (same text); each entity, event
and story keeps its id and gains the copies' mentions, documents and events (so the most told
event of a 288-article build, ~650 mentions, has ~650 x N in the copy), and the full-text
index holds every copy. ``routes.py --db OUT`` then measures the pages on it. The analyses are
not copied (a copy's document page shows no "the article alone gave" line).

Example: .venv/bin/python benchmarks/web/replicate.py --db /tmp/t17.db --copies 15 \
    --out /tmp/t17x15.db
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time
from pathlib import Path

from newsline.store import Store

# table -> (its columns, which hold a document id, which are counted per entity/story/flag)
DOC_TABLES = {
    "documents": "id",
    "entity_mentions": "doc",
    "doc_entities": "doc",
    "event_mentions": "doc",
    "story_documents": "doc",
    "flag_documents": "doc",
    "evidence": "doc",
    "timexes": "doc",
}
SEQ_TABLES = {"entity_mentions": "entity", "event_mentions": "event",
              "story_documents": "story", "flag_documents": "flag", "evidence": "owner"}


def replicate(src: Path, out: Path, copies: int) -> None:
    shutil.copy(src, out)
    with Store(out):  # brings it to the current schema
        pass
    c = sqlite3.connect(out)
    c.execute("PRAGMA journal_mode=OFF")
    c.execute("PRAGMA synchronous=OFF")
    cols = {t: [r[1] for r in c.execute(f"PRAGMA table_info({t})")]
            for t in [*DOC_TABLES, "articles"]}
    for k in range(1, copies):
        suffix = f"~{k}"
        art = ", ".join(f"{c_} || '{suffix}'" if c_ == "id" else c_ for c_ in cols["articles"])
        c.execute(f"INSERT INTO articles SELECT {art} FROM articles WHERE id NOT LIKE '%~%'")
        for table, doc in DOC_TABLES.items():
            picked = []
            for col in cols[table]:
                if col == doc:
                    picked.append(f'"{col}" || \'{suffix}\'')
                elif col == "seq" and table in SEQ_TABLES:
                    picked.append(f"seq + {k} * 100000")
                elif table == "evidence" and col == "owner":
                    picked.append("CASE owner_kind WHEN 'event' THEN owner ELSE owner || "
                                  f"'{suffix}' END")
                else:
                    picked.append(f'"{col}"')
            where = f"\"{doc}\" NOT LIKE '%~%'"
            if table == "evidence":
                where += " AND owner_kind != 'flag'"
            c.execute(f"INSERT INTO {table} SELECT {', '.join(picked)} FROM {table} WHERE {where}")
        c.execute(f"INSERT INTO flags SELECT id || '{suffix}', kind, severity, message, documents "
                  "FROM flags WHERE id NOT LIKE '%~%'")
        c.execute(f"INSERT INTO evidence SELECT owner_kind, owner || '{suffix}', seq, "
                  f"doc || '{suffix}', start, \"end\", quote, reason FROM evidence "
                  "WHERE owner_kind = 'flag' AND owner NOT LIKE '%~%'")
        c.execute("UPDATE flag_documents SET flag = flag || "
                  f"'{suffix}' WHERE doc LIKE '%{suffix}' AND flag NOT LIKE '%~%'")
    c.execute(f"UPDATE entities SET mentions = mentions * {copies}, "
              f"documents = documents * {copies}")
    c.execute(f"UPDATE aliases SET mentions = mentions * {copies}")
    c.execute(f"UPDATE events SET mentions = mentions * {copies}")
    c.execute(f"UPDATE stories SET documents = documents * {copies}")
    c.execute("DELETE FROM search_documents")
    c.execute("INSERT INTO search_documents (doc, title, text) "
              "SELECT id, coalesce(title, ''), text FROM articles")
    c.commit()
    c.execute("ANALYZE")
    c.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a built newsline database")
    parser.add_argument("--copies", type=int, default=15)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    t0 = time.perf_counter()
    replicate(args.db, args.out, args.copies)
    print(f"{args.out}: {args.copies} copies in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
