"""Speed: words per second of a whole ``newsline run`` beside spaCy's pipeline alone.

A fixed sample of T17 articles (every k-th article of each story folder, in uid order) is run
twice in one process: first through spaCy's English pipeline alone (``nlp.pipe``), then through
the whole of newsline (ingest into a fresh SQLite file, analysis on one worker, build). The
pipeline is loaded before either clock starts, so both figures exclude model loading. The ratio
of the two is the cost of everything newsline adds to spaCy.
"""

from __future__ import annotations

import json
import re
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from newsline.errors import DataError

SAMPLE_SIZE = 200
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": '"', "''": '"'}
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenise(text: str) -> str:
    """Undo T17's PTB tokenisation well enough to give spaCy ordinary prose."""
    for k, v in _PTB.items():
        text = text.replace(k, v)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)


def sample(data_dir: Path, size: int = SAMPLE_SIZE) -> list[dict[str, Any]]:
    """The fixed sample: an even share of each story folder, every k-th article by uid."""
    root = data_dir / "timeline17" / "t17"
    folders = sorted(p for p in root.glob("*") if (p / "articles.json").is_file())
    if not folders:
        raise DataError("T17 articles not found", str(root), "pass --data pointing at shared/data")
    per = max(1, size // len(folders))
    out: list[dict[str, Any]] = []
    for folder in folders:
        arts = sorted(json.loads((folder / "articles.json").read_text("utf-8")),
                      key=lambda a: str(a["uid"]))
        step = max(1, len(arts) // per)
        for a in arts[::step][:per]:
            out.append({"text": detokenise(a["text"]), "published": a["dct"],
                        "title": None, "outlet": folder.name.split("_")[-1],
                        "url": None, "uid": f"{folder.name}/{a['uid']}"})
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run(data_dir: Path, size: int = SAMPLE_SIZE) -> dict[str, Any]:
    from newsline.analyze import nlp
    from newsline.ingest import article_id
    from newsline.pipeline import run as newsline_run
    from newsline.settings import Settings

    unique: dict[str, dict[str, Any]] = {}
    for a in sample(Path(data_dir), size):  # T17 holds a few identical texts: keep one
        if a["text"].strip():  # and one empty article
            unique.setdefault(article_id(a["text"]), a)
    articles = list(unique.values())
    texts = [a["text"] for a in articles]
    words = sum(len(t.split()) for t in texts)
    model = nlp.load()

    t0 = time.perf_counter()
    for _ in model.pipe(texts, batch_size=16):
        pass
    spacy_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sample.jsonl"
        src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        settings = Settings(db=Path(tmp) / "speed.db", workers=1, progress=False)
        t0 = time.perf_counter()
        report = newsline_run([str(src)], settings)
        run_s = time.perf_counter() - t0
    if report.analysed != len(articles):
        raise DataError(f"only {report.analysed} of {len(articles)} articles analysed",
                        str(data_dir))
    metrics = {
        "words_per_s": round(words / run_s, 1),
        "spacy_words_per_s": round(words / spacy_s, 1),
        "overhead_ratio": round(spacy_s and run_s / spacy_s, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    return {
        "benchmark": "speed",
        "dataset": "t17-sample",
        "metrics": metrics,
        "details": {
            "articles": len(articles), "words": words, "run_seconds": round(run_s, 2),
            "spacy_seconds": round(spacy_s, 2), "workers": 1, "model": nlp.model_name(),
            "built": report.built,
        },
    }
