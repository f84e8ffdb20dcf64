"""Write the binary and encoded sample files of this folder (run once; outputs are committed).

The text samples (.txt in UTF-8, .html, .json, .jsonl) are written by hand; this script makes
the ones whose bytes matter: BOM, cp1252, latin-1, binary, undecodable, and the WARC archives.
Run: python tests/data/ingest/make_samples.py
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent


def html_page(title: str, date: str | None, paragraphs: list[str], site: str) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
{meta}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer><p>Copyright 2024 {site}. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>""".encode()


def write_warc(path: Path, gzip: bool) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)

    def response(uri: str, status: str, ctype: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)

    response(
        "https://news.example.org/2015/03/03/harbour-bridge-reopens",
        "200 OK", "text/html; charset=utf-8",
        html_page(
            "Harbour bridge reopens after repairs", "2015-03-03T09:30:00+00:00",
            [
                "The harbour bridge reopened to traffic on Tuesday after eight months of "
                "repairs to its steel deck, the city transport office said.",
                "Officials said the work cost 42 million euros, more than twice the first "
                "estimate, because corrosion was worse than inspectors had expected.",
                "Commuters who had used ferries since last summer welcomed the reopening, "
                "although tolls will rise by ten per cent from April.",
            ],
            "Example Harbour News",
        ),
    )
    response(
        "https://wire.example.com/markets/central-bank-holds-rates",
        "200 OK", "application/xhtml+xml",
        html_page(
            "Central bank holds rates steady", None,
            [
                "LONDON, Oct. 2, 2015 (Reuters) - The central bank kept its main interest "
                "rate unchanged on Friday, saying inflation was still too low to justify a rise.",
                "Eight of the nine members of the monetary policy committee voted to hold the "
                "rate, while one voted for an increase of a quarter point.",
                "Economists polled before the decision had expected no change until next year.",
            ],
            "Example Wire",
        ),
    )
    response("https://news.example.org/logo.png", "200 OK", "image/png",
             b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    response("https://news.example.org/missing", "404 Not Found", "text/html",
             html_page("Page not found", None, ["We could not find that page. " * 5], "X"))
    path.write_bytes(buf.getvalue())


def main() -> None:
    rng = random.Random(20150303)
    bom = "Bridge reopens\n\nThe bridge reopened on Tuesday, officials said.\n"
    (HERE / "utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + bom.encode("utf-8"))
    (HERE / "utf16.txt").write_bytes(bom.encode("utf-16"))  # with BOM
    cp1252 = (
        "Café owners in München say “business is back”\r\n\r\n"
        "The owners of the café near the Marienplatz said on Monday that visitors had "
        "returned – and that the “worst” was over.\r\n"
    )
    (HERE / "cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    latin1 = (
        "Zürich résumé\n\n"
        "A naïve reader in Zürich sent her résumé to the Genève office; "
        "the reply came in Français.\n"
    )
    (HERE / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    (HERE / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(512)) + b"\x00")
    # High bytes only, no NUL or control bytes: no encoding reads them as text.
    (HERE / "undecodable.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(300)))
    (HERE / "bom_only.txt").write_bytes(b"\xef\xbb\xbf")
    (HERE / "empty.txt").write_bytes(b"")

    write_warc(HERE / "sample.warc.gz", gzip=True)
    write_warc(HERE / "sample.warc", gzip=False)
    # Cut the archive inside its third record (the PNG): two complete records remain.
    data = (HERE / "sample.warc.gz").read_bytes()
    with io.BytesIO(data) as fh:
        it = ArchiveIterator(fh)
        offsets = []
        for _ in it:
            offsets.append((it.get_record_offset(), it.get_record_length()))
    start, length = offsets[2]
    (HERE / "truncated.warc.gz").write_bytes(data[: start + length // 2])
    raw = (HERE / "sample.warc").read_bytes()
    cut = raw.index(b"WARC/1.", raw.index(b"image/png") - 600)  # the PNG record's start
    (HERE / "truncated.warc").write_bytes(raw[: cut + 300])


if __name__ == "__main__":
    main()
