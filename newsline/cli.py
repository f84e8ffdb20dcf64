"""The command line: thin commands over :mod:`newsline.pipeline` and the exporters.

Every command is one call into the library. Errors print as one line,
``Error: <what> (<which file>): <how to fix>``, and exit non-zero; a bad input file is reported
by name, skipped, and the run goes on. The library is imported inside the commands that use
it, so ``--version``, ``--help`` and the reading commands start without loading spaCy.
"""

from __future__ import annotations

import errno
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from newsline import __version__
from newsline.errors import NewslineError
from newsline.settings import Settings, is_url
from newsline.terminal import plain

if TYPE_CHECKING:
    from newsline import pipeline

app = typer.Typer(
    name="newsline",
    help="Turn a pile of news articles into an evidence-backed timeline.\n\n"
    "Example: newsline run examples/wikinews --html timeline.html",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _plain_help() -> None:
    """Help that shows what a user types, not the parser's internals: an argument is its
    metavar ("PATH...", not "{paths}..."), no type tag follows it ("<list[str]>"), and no
    range follows an option ("[x>=1]": its metavar, "N", and its help say what it takes; a
    value out of range is still refused). Every option here names its own metavar."""
    from typer.core import TyperArgument, TyperOption

    def usage_name(self: TyperArgument) -> str:
        name = self.metavar or self.display_name_raw
        return name if self.nargs == 1 or name.endswith("...") else name + "..."

    TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
    TyperArgument._rich_display_name = usage_name  # type: ignore[method-assign]
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    for param in (TyperArgument, TyperOption):
        param._get_number_range_help_str = lambda self: None  # type: ignore[method-assign]


_plain_help()
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False)


class _State:
    verbosity = 0
    config: Path | None = None
    progress: str | None = None


state = _State()

DbOpt = Annotated[
    str | None, typer.Option("--db", metavar="FILE|URL", help="SQLite database file, or a "
                             "postgresql://USER@HOST/DB URL [default: newsline.db]")
]
PathsArg = typer.Argument(metavar="PATH...", help="files, folders or glob patterns")
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="ADDRESS", help="analyse on a Dask cluster: "
                 "tcp://HOST:PORT, or local for one on this machine (needs newsline[dask])"),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-j", min=1, metavar="N",
                 help="analysis processes [default: all cores]"),
]


def _settings(**overrides: Any) -> Settings:
    return Settings.load(state.config, **overrides)


def _progress(settings: Settings) -> pipeline.Progress | None:
    """The progress renderer on stderr, chosen by ``--progress MODE`` where the CLI has it,
    else ``NEWSLINE_PROGRESS``: ``auto`` (the default: a live bar on a terminal, plain lines
    with counts, rate and ETA elsewhere), ``bar``, ``lines``, ``json`` (one JSON object a
    line, for scripts) or ``off``. ``-q`` and ``progress = false`` in newsline.toml turn off
    all but an asked-for ``json``."""
    import os

    from newsline.progress import MODES, JsonProgress, LineProgress, RichProgress

    mode = (state.progress or os.environ.get("NEWSLINE_PROGRESS") or "auto").strip().lower()
    if mode not in MODES:
        raise NewslineError(f"unknown progress mode {mode!r}",
                            "--progress" if state.progress else "NEWSLINE_PROGRESS",
                            f"use one of: {', '.join(MODES)}")
    if mode == "json":
        return JsonProgress(sys.stderr)
    if mode == "off" or state.verbosity < 0 or not settings.progress:
        return None
    tty = sys.stderr.isatty()
    if mode == "bar" or (mode == "auto" and tty):
        return RichProgress(err)
    return LineProgress(sys.stderr)


def fail(exc: NewslineError | str, code: int = 1) -> typer.Exit:
    err.print(f"Error: {plain(str(exc))}", markup=False)
    return typer.Exit(code)


def _echo(kind: str, item: NewslineError) -> None:
    """Print a problem or notice the moment it is met (file names and article text are
    untrusted: their control characters never reach the terminal)."""
    if kind == "notice":
        if state.verbosity >= 0:
            err.print(f"Note: {plain(str(item))}", markup=False)
        return
    from newsline.analyze import AnalysisError  # loaded already: only the pipeline echoes

    label = "Not analysed" if isinstance(item, AnalysisError) else "Skipped"
    err.print(f"{label}: {plain(str(item))}", markup=False)


def _n(count: int, word: str) -> str:
    """``count`` and ``word``, plural unless the count is one: "1 article", "2 articles"."""
    if count == 1:
        return f"1 {word}"
    plural = {"entities": "entities", "entity": "entities", "story": "stories"}.get(word)
    return f"{count:,} {plural or word + 's'}"


def _built(built: dict[str, int]) -> str:
    singular = {"entities": "entity", "events": "event", "stories": "story", "flags": "flag"}
    return ", ".join(_n(n, singular.get(k, k)) for k, n in built.items())


class _NewDatabase:
    """Removes the SQLite file a command created when the command stored nothing in it (a
    failed first run must not leave an empty database behind)."""

    def __init__(self, db: Path | str) -> None:
        self.path = None if is_url(db) else Path(db)
        self.fresh = self.path is not None and not self.path.exists()

    def discard_if_empty(self) -> None:
        if not self.fresh or self.path is None or not self.path.exists():
            return
        from newsline.store import Store

        try:
            with Store(self.path) as store:
                empty = store.count_articles() == 0
        except NewslineError:
            return
        if empty:
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)


def _report() -> pipeline.Report:
    from newsline.pipeline import Report

    return Report(echo=_echo)


def _failed_line(store: Any) -> str:
    n = len(store.failures())
    if not n:
        return ""
    return (f"; {_n(n, 'article')} not analysed (newsline problems lists "
            "them; newsline build --retry-failed tries again)")


def _info(message: str) -> None:
    if state.verbosity >= 0:
        err.print(message, markup=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"newsline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="show the version")
    ] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="say more")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="only errors")] = False,
    config: Annotated[
        Path | None, typer.Option("--config", metavar="FILE",
                                  help="settings file [default: ./newsline.toml]")
    ] = None,
    progress: Annotated[str | None, typer.Option(
        "--progress", metavar="MODE", help="progress on stderr: auto (a bar on a terminal, "
        "plain lines elsewhere), bar, lines, json (one object a line, for scripts) or off "
        "[env: NEWSLINE_PROGRESS]")] = None,
) -> None:
    """Turn a pile of news articles into an evidence-backed timeline."""
    state.verbosity = -1 if quiet else verbose
    state.config = config
    state.progress = progress


@app.command()
def run(
    paths: Annotated[list[str], PathsArg],
    db: DbOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    html: Annotated[
        Path | None, typer.Option("--html", metavar="FILE",
                                  help="also write the timeline as an HTML page")
    ] = None,
    show: Annotated[bool, typer.Option(help="print the timeline when done")] = True,
) -> None:
    """Ingest every article under each PATH, analyse them and rebuild the timeline.

    Example: newsline run examples/wikinews --db demo.db --html timeline.html
    """
    from newsline import pipeline
    from newsline.store import Store

    try:
        s = _settings(db=db, workers=workers, scheduler=scheduler)
    except NewslineError as exc:
        raise fail(exc) from None
    created = _NewDatabase(s.db)
    try:
        report = pipeline.run(paths, s, _progress(s), _report())
    except NewslineError as exc:
        created.discard_if_empty()
        raise fail(exc) from None
    if report.articles_read == 0:  # the run stopped there: nothing analysed or built
        created.discard_if_empty()
        raise fail(f"no article could be read from {plain(' '.join(paths))}: "
                   "see the lines above")
    with Store(s.db) as store:
        failed = _failed_line(store)
    _info(
        f"Read {_n(report.articles_read, 'article')} from {_n(report.files, 'file')} "
        f"({report.articles_new:,} new), analysed {report.analysed:,}; "
        + ("nothing new since the last build, which holds " if report.build_reused
           else "built ")
        + _built(report.built) + f" in {_shown(s.db)}" + failed
    )
    if html is not None or show:
        from newsline.export.json import timeline as make_timeline

        with Store(s.db) as store:
            tl = make_timeline(store)
        if show and state.verbosity >= 0:
            from newsline.terminal import print_timeline

            print_timeline(out, tl)
        if html is not None:
            _write_export(tl, "html", html)
            _info(f"Wrote {html}")


@app.command()
def ingest(
    paths: Annotated[list[str], PathsArg],
    db: DbOpt = None,
) -> None:
    """Add articles to the database without analysing them (re-ingesting adds nothing).

    Example: newsline ingest articles/ 'more/**/*.html' --db news.db
    """
    from newsline import pipeline
    from newsline.store import Store

    try:
        s = _settings(db=db)
    except NewslineError as exc:
        raise fail(exc) from None
    created = _NewDatabase(s.db)
    try:
        with Store(s.db) as store:
            report = pipeline.ingest(store, paths, _progress(s), _report())
    except NewslineError as exc:
        created.discard_if_empty()
        raise fail(exc) from None
    if report.articles_read == 0:
        created.discard_if_empty()
        raise fail(f"no article could be read from {plain(' '.join(paths))}: "
                   "see the lines above")
    _info(f"Read {_n(report.articles_read, 'article')} from {_n(report.files, 'file')} "
          f"({report.articles_new:,} new) into {_shown(s.db)}")


@app.command()
def build(
    db: DbOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    full: Annotated[bool, typer.Option(
        "--full", help="build from nothing instead of reusing the last build's work")] = False,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="analyse again the articles whose analysis failed "
        "(newsline problems lists them)")] = False,
) -> None:
    """Analyse what is not analysed yet, then bring entities, events, stories, summaries and
    checks up to date. Only new articles are analysed; an up-to-date build is kept as it is,
    and unchanged stories keep their summaries. The result is the same as with --full.

    Example: newsline build --db news.db
    """
    from newsline import pipeline
    from newsline.store import Store

    try:
        s = _settings(db=db, workers=workers, scheduler=scheduler)
        _require_db(s.db)
        with Store(s.db) as store:
            if store.count_articles() == 0:
                raise fail(NewslineError("no articles stored", _shown(s.db),
                                         "add some with: newsline ingest PATH"))
            report = pipeline.analyze_pending(store, s, _progress(s), retry_failed=retry_failed,
                                              report=_report())
            _, built = pipeline.build(store, s, _progress(s), full=full, report=report)
            failed = _failed_line(store)
    except NewslineError as exc:
        raise fail(exc) from None
    _info(f"Analysed {report.analysed:,}; "
          + ("nothing new since the last build, which holds " if built.build_reused else "built ")
          + _built(built.built) + f" in {_shown(s.db)}" + failed)


@app.command()
def problems(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """List the stored articles whose analysis failed or went past a limit, with the reason.
    They are left out of the timeline until `newsline build --retry-failed` analyses them.

    Example: newsline problems --db news.db
    """
    from newsline.store import Store

    try:
        s = _settings(db=db)
        _require_db(s.db)
        with Store(s.db) as store:
            rows = store.failures()  # as pipeline.problems, without loading the analysis
    except NewslineError as exc:
        raise fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    if not rows:
        _info(f"No problems: every stored article is analysed ({_shown(s.db)}).")
        return
    for r in rows:
        out.print(f"{r['doc']}  {plain(r['source'])}  [{r['stage']}] {plain(r['reason'])}",
                  markup=False, highlight=False)
    _info(f"{_n(len(rows), 'article')} not analysed; "
          "after fixing the cause: newsline build --retry-failed")


class Format(StrEnum):
    json = "json"
    html = "html"
    csv = "csv"
    timelinejs = "timelinejs"
    gexf = "gexf"
    graphml = "graphml"
    parquet = "parquet"
    csv_tables = "csv-tables"


FOLDER_FORMATS = ("parquet", "csv-tables")  # one file per table: --out FOLDER or FILE.zip


def _render(tl: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        from newsline.export.json import render_json

        return render_json(tl)
    if fmt == "html":
        from newsline.export.html import render_html

        return render_html(tl)
    if fmt == "timelinejs":
        from newsline.export.timelinejs import render_timelinejs

        return render_timelinejs(tl)
    if fmt in ("gexf", "graphml"):
        from newsline.export.network import render_gexf, render_graphml

        return render_gexf(tl) if fmt == "gexf" else render_graphml(tl)
    from newsline.export.csv import render_csv

    return render_csv(tl)


def _write_export(tl: dict[str, Any], fmt: str, dest: Path | None) -> None:
    if fmt in FOLDER_FORMATS:
        from newsline.export.tables import write_tables

        if dest is None:
            raise fail(NewslineError(f"{fmt} writes one file per table", None,
                                     "pass --out FOLDER (or --out FILE.zip)"))
        try:
            write_tables(tl, dest, fmt)
        except NewslineError as exc:
            raise fail(exc) from None
        return
    try:
        text = _render(tl, fmt)
    except NewslineError as exc:
        raise fail(exc) from None
    if dest is None:
        sys.stdout.write(text)
        return
    try:
        dest.write_text(text, encoding="utf-8", newline="" if fmt == "csv" else None)
    except OSError as exc:
        raise fail(NewslineError(f"cannot write: {exc.strerror}", str(dest),
                                 "choose a writable path")) from None


def _shown(db: Path | str) -> str:
    """The database as messages name it: a URL without its password."""
    from newsline.store import redacted

    return redacted(str(db)) if is_url(db) else str(db)


def _require_db(db: Path | str) -> None:
    if is_url(db):
        return  # the server says whether it exists when the store connects
    if not Path(db).exists():
        raise fail(NewslineError("database not found", str(db),
                                 "run: newsline run PATH (or pass --db FILE)"))


@app.command()
def export(
    format: Annotated[Format, typer.Option(
        "--format", "-f", metavar="FORMAT", case_sensitive=False,
        help="json (the contract of SPEC.md), html, csv (one row per event mention), "
        "timelinejs (Knight Lab's TimelineJS), gexf or graphml (the entity network), parquet "
        "or csv-tables (one table per kind, into --out FOLDER or FILE.zip)")],
    db: DbOpt = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE|FOLDER",
                                  help="output file, or folder for parquet and "
                                  "csv-tables [default: stdout]")
    ] = None,
) -> None:
    """Write the timeline as JSON (the contract of SPEC.md), one HTML page, CSV, TimelineJS
    JSON, the entity network (GEXF, GraphML), or tables for pandas and R (Parquet, CSV).

    Example: newsline export --format html --out timeline.html
    """
    from newsline.export.json import timeline as make_timeline
    from newsline.store import Store

    if format.value in FOLDER_FORMATS and out_file is None:
        raise fail(NewslineError(f"{format.value} writes one file per table", None,
                                 "pass --out FOLDER (or --out FILE.zip)"))
    try:
        s = _settings(db=db)
        _require_db(s.db)
        with Store(s.db) as store:
            tl = make_timeline(store)
    except NewslineError as exc:
        raise fail(exc) from None
    _write_export(tl, format.value, out_file)


@app.command()
def timeline(
    db: DbOpt = None,
    entity: Annotated[
        str | None, typer.Option("--entity", "-e", metavar="NAME",
                                 help="only events of this entity (any alias)")
    ] = None,
    story: Annotated[str | None,
                     typer.Option("--story", metavar="ID", help="only this story (id)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print it as JSON")] = False,
) -> None:
    """Show the timeline in the terminal: stories, events with dates, status and sources.
    With --entity, that entity's own timeline: the events it takes part in, and every event
    its names, pronouns ("he") and descriptions ("the company") are arguments of.

    Example: newsline timeline --entity "Steve Jobs" --json
    """
    from newsline.export.json import render_json
    from newsline.export.json import timeline as make_timeline
    from newsline.store import Store
    from newsline.terminal import SHOWN_SOURCES, print_entity_timeline, print_timeline
    from newsline.text_display import doc_title

    titles: dict[str, str] = {}
    try:
        s = _settings(db=db)
        _require_db(s.db)
        with Store(s.db) as store:
            if entity:
                from newsline.entity_timeline import from_store

                etl = from_store(store, entity).to_dict()
                if not etl["entities"]:
                    raise fail(NewslineError(
                        f"no entity named {entity!r}", _shown(s.db),
                        "try another spelling, or newsline timeline to browse"))
                if not as_json:  # how the terminal names the articles that tell them
                    rows = store.documents_titles(
                        [m["doc"] for ev in etl["events"] for m in ev["mentions"][:SHOWN_SOURCES]])
                    titles = {d: doc_title(plain(r["title"] or ""), plain(r["opening"] or ""), d)
                              for d, r in rows.items()}
            else:
                tl = make_timeline(store)
        if entity and as_json:
            sys.stdout.write(render_json(etl))
        elif entity:
            print_entity_timeline(out, etl, titles)
        elif as_json:
            if story:
                tl = {**tl, "stories": [x for x in tl["stories"] if x["id"] == story]}
                keep = {i for x in tl["stories"] for i in x["events"]}
                tl["events"] = [e for e in tl["events"] if e["id"] in keep]
            sys.stdout.write(render_json(tl))
        else:
            print_timeline(out, tl, story=story)
    except NewslineError as exc:
        raise fail(exc) from None


@app.command()
def entity(
    name: Annotated[str, typer.Argument(metavar="NAME", help="a name, any alias, or an entity id")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Show one entity: its aliases with counts and sources, and why they were merged.

    Example: newsline entity "General Motors" --db news.db
    """
    from newsline.entity_report import print_entity_reports, store_entity_reports
    from newsline.store import Store

    try:
        s = _settings(db=db)
        _require_db(s.db)
        with Store(s.db) as store, store.snapshot():
            reports = store_entity_reports(store, name)
    except NewslineError as exc:
        raise fail(exc) from None
    if not reports:
        raise fail(NewslineError(f"no entity named {name!r}", _shown(s.db),
                                 "try another spelling, or newsline timeline to browse"))
    if as_json:
        sys.stdout.write(json.dumps(reports, indent=2, ensure_ascii=False) + "\n")
    else:
        print_entity_reports(out, reports)


kb_app = typer.Typer(help="The knowledge base: offices, terms, aliases.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("import")
def kb_import(
    dump: Annotated[Path, typer.Argument(
        metavar="DUMP", help="a Wikidata JSON dump (.json, .json.gz, .json.bz2)")],
    out_file: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE", help="knowledge file to write")] = Path("knowledge.json"),
) -> None:
    """Stream a Wikidata dump into a knowledge file (people with offices and terms,
    countries, organisations, with aliases). Name it as `knowledge` in newsline.toml to use it.

    Example: newsline kb import latest-all.json.gz --out knowledge.json
    """
    from newsline.corpus.kb_import import import_dump
    from newsline.knowledge import Knowledge

    try:
        report = import_dump(dump)
        Knowledge.from_dict(report.knowledge, str(dump))  # refuse to write what cannot load
        out_file.write_text(json.dumps(report.knowledge, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
    except OSError as exc:
        raise fail(NewslineError(f"cannot write: {exc.strerror}", str(out_file))) from None
    except NewslineError as exc:
        raise fail(exc) from None
    _info(f"Read {report.lines} entities ({report.skipped} unreadable lines skipped): "
          f"{report.people} people with {report.terms} terms of office, {report.places} "
          f"countries, {report.organisations} organisations -> {out_file}")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(
        metavar="ADDRESS", help="address to bind; 127.0.0.1 keeps it local")] = "127.0.0.1",
    port: Annotated[int, typer.Option(
        min=1, max=65535, metavar="PORT", help="port to listen on")] = 8000,
) -> None:
    """Serve the timeline page and a read-only JSON API.

    Example: newsline serve --db news.db --port 8000
    """
    from newsline.export.json import timeline as make_timeline
    from newsline.store import Store
    from newsline.web.app import serve as serve_app

    try:
        s = _settings(db=db)
        _require_db(s.db)
    except NewslineError as exc:
        raise fail(exc) from None

    def load() -> dict[str, Any]:
        with Store(s.db) as store:
            return make_timeline(store)

    def version() -> str:
        with Store(s.db) as store:
            return store.state()

    _check_port(host, port)
    _info(f"Serving {_shown(s.db)} on http://{host}:{port}/ (Ctrl+C to stop)")
    serve_app(load, host=host, port=port, version=version, db=s.db)


def _check_port(host: str, port: int) -> None:
    """Fail in one line when the address cannot be listened on (a busy port, a wrong host),
    before the server starts and prints a traceback of its own."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise fail(NewslineError(f"cannot listen on {host}: {exc.strerror or exc}",
                                 f"--host {host}", "give an address of this machine")) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            what = ("is in use" if exc.errno == errno.EADDRINUSE
                    else f"cannot be used: {exc.strerror}")
            raise fail(NewslineError(f"port {port} on {host} {what}", f"--port {port}",
                                     "stop what uses it, or pick another with --port")) from None


@app.command(name="eval")
def evaluate(
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="benchmark: checks, dating, entities, events, scale, speed, "
        "timeline, timex or tls")],
    data: Annotated[
        Path | None, typer.Option("--data", metavar="FOLDER",
                                  help="benchmark data [default: ../shared/data]")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    sizes: Annotated[
        str | None, typer.Option("--sizes", metavar="LIST",
                                 help="scale only: the corpus sizes to build, e.g. 1k,4k "
                                 "[default: 1k,4k,16k,64k]")
    ] = None,
    work: Annotated[
        Path | None, typer.Option("--work", metavar="FOLDER",
                                  help="scale only: keep the analysed T17 base here between "
                                  "runs [default: a temporary folder]")
    ] = None,
) -> None:
    """Run a public benchmark and print its figures.

    Example: newsline eval speed --json
    """
    from newsline.eval import BENCHMARKS, default_data_dir, runner

    if name not in BENCHMARKS:
        raise fail(NewslineError(f"unknown benchmark {name!r}", None,
                                 f"choose one of: {', '.join(sorted(BENCHMARKS))}"))
    extra: dict[str, Any] = {}
    if sizes is not None or work is not None:
        if name != "scale":
            raise fail(NewslineError("--sizes and --work are options of the scale benchmark",
                                     name, "drop them, or run: newsline eval scale"))
        if sizes is not None:
            extra["sizes"] = [s.strip() for s in sizes.split(",") if s.strip()]
        extra["work"] = work
    try:
        result = runner(name)(data or default_data_dir(), **extra)
    except NewslineError as exc:
        raise fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    out.print(f"{result['benchmark']} on {result['dataset']}")
    for key, value in result.get("metrics", {}).items():
        out.print(f"  {key:32} {value}")
    for ds, metrics in result.get("datasets", {}).items():
        out.print(f"  [{ds}]", markup=False)
        for key, value in metrics.items():
            out.print(f"    {key:30} {value}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
