"""The real server (uvicorn with newsline's protocol) against malformed and oversized requests.

Each request goes over a raw socket to 127.0.0.1, so what is checked is what a client gets:
a complete answer with a 4xx status and the security headers, never a reset, a 5xx, or a
bare uvicorn error.
"""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable

import pytest

from newsline.web import create_app
from newsline.web.guard import API_CSP
from newsline.web.protocol import GuardedH11Protocol

HOST = b"Host: 127.0.0.1\r\n"
SECURITY = {
    "content-security-policy": API_CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


def exchange(port: int, data: bytes, pieces: int = 1, timeout: float = 10) -> bytes:
    """Send ``data`` (in ``pieces`` sends, to split it over packets), read until the server closes.

    A reset on either side fails the test: the client must get the whole answer.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        step = -(-len(data) // pieces) if data else 1
        for i in range(0, len(data), step):
            s.sendall(data[i : i + step])
            if pieces > 1:
                time.sleep(0.002)
        s.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := s.recv(65536):
            received += chunk
    return received


def parse(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    version, status, _ = status_line.split(" ", 2)
    assert version == "HTTP/1.1", status_line
    headers: dict[str, str] = {}
    for line in lines:
        name, _, value = line.partition(":")
        assert name.lower() not in headers, f"duplicate header {name}"
        headers[name.lower()] = value.strip()
    return int(status), headers, body


def assert_secure(headers: dict[str, str]) -> None:
    for name, value in SECURITY.items():
        assert headers.get(name) == value, (name, headers)


BIG = 100_000
MALFORMED = {
    "100 KB URL": (b"GET /api/events/" + b"a" * BIG + b" HTTP/1.1\r\n" + HOST + b"\r\n", 414),
    "100 KB query": (b"GET /api/timeline?" + b"q=1&" * (BIG // 4) + b" HTTP/1.1\r\n" + HOST
                     + b"\r\n", 414),
    "1 MB URL": (b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\n" + HOST + b"\r\n", 414),
    "100 KB header": (b"GET / HTTP/1.1\r\n" + HOST + b"X-Big: " + b"b" * BIG + b"\r\n\r\n", 431),
    "5000 headers": (b"GET / HTTP/1.1\r\n" + HOST
                     + b"".join(b"X-%d: y\r\n" % i for i in range(5000)) + b"\r\n", 431),
    "garbage line": (b"\x16\x03\x01\x02\x00 garbage\r\n\r\n", 400),
    "header without colon": (b"GET / HTTP/1.1\r\n" + HOST + b"NoColonHere\r\n\r\n", 400),
    "missing Host": (b"GET / HTTP/1.1\r\n\r\n", 400),
    "NUL in path": (b"GET /\x00 HTTP/1.1\r\n" + HOST + b"\r\n", 400),
    "encoded NUL": (b"GET /api/events/%00 HTTP/1.1\r\n" + HOST + b"\r\n", 400),
    "bad percent": (b"GET /api/events/%zz HTTP/1.1\r\n" + HOST + b"\r\n", 400),
    "not UTF-8": (b"GET /api/events/%ff%fe HTTP/1.1\r\n" + HOST + b"\r\n", 400),
    "raw non-ASCII": ("GET /api/events/é HTTP/1.1\r\n".encode() + HOST + b"\r\n", 400),
    "absurd Content-Length": (b"GET / HTTP/1.1\r\n" + HOST
                              + b"Content-Length: 99999999999999999999\r\n\r\n", 413),
    "negative Content-Length": (b"GET / HTTP/1.1\r\n" + HOST + b"Content-Length: -1\r\n\r\n",
                                400),
    "chunked GET": (b"GET / HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\n\r\n"
                    b"5\r\nhello\r\n0\r\n\r\n", 413),
    "bad chunk": (b"GET / HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
                  400),
    "POST": (b"POST /api/timeline HTTP/1.1\r\n" + HOST + b"Content-Length: 3\r\n\r\nabc", 405),
    "POST 2 MB": (b"POST / HTTP/1.1\r\n" + HOST + b"Content-Length: 2000000\r\n\r\n"
                  + b"z" * 2_000_000, 405),
    "PUT": (b"PUT /api/events/x HTTP/1.1\r\n" + HOST + b"Content-Length: 0\r\n\r\n", 405),
    "DELETE": (b"DELETE /api/events/x HTTP/1.1\r\n" + HOST + b"\r\n", 405),
    "OPTIONS *": (b"OPTIONS * HTTP/1.1\r\n" + HOST + b"\r\n", 405),
    "HTTP/0.9": (b"GET /\r\n\r\n", 400),
    "HTTP/2 preface": (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 405),
    "unknown route": (b"GET /nope HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n", 404),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_request_gets_4xx_with_headers(live_port: int, name: str) -> None:
    request, expected = MALFORMED[name]
    status, headers, body = parse(exchange(live_port, request))
    assert status == expected, body
    assert_secure(headers)
    assert headers["content-type"] == "application/json"


@pytest.mark.parametrize("name", ["100 KB URL", "100 KB header", "POST 2 MB"])
def test_oversized_request_in_many_packets(live_port: int, name: str) -> None:
    """Split over packets, h11 sees the head grow past its buffer: the answer must not change."""
    request, expected = MALFORMED[name]
    status, headers, _ = parse(exchange(live_port, request, pieces=50))
    assert status == expected
    assert_secure(headers)


def test_good_requests_still_answered(live_port: int) -> None:
    status, headers, body = parse(exchange(
        live_port, b"GET / HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n"))
    assert status == 200 and body.startswith(b"<!")
    assert headers["content-security-policy"] != API_CSP  # the page's own policy
    assert headers["x-content-type-options"] == "nosniff"
    status, headers, body = parse(exchange(
        live_port, b"HEAD /api/timeline HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n"))
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    assert_secure(headers)


def test_keep_alive_then_garbage(live_port: int) -> None:
    """Two good requests and a bad one on one connection: two 200s, then a 400 with headers."""
    good = b"GET /healthz HTTP/1.1\r\n" + HOST + b"\r\n"
    answer = exchange(live_port, good + good + b"GARBAGE\r\n\r\n")
    assert answer.count(b"HTTP/1.1 200 OK") == 2
    _, _, last = answer.rpartition(b'{"status":"ok"}')
    status, headers, _ = parse(last)
    assert status == 400
    assert_secure(headers)


class _Impatient(GuardedH11Protocol):
    head_timeout = 0.3


def test_request_head_that_never_ends_times_out(
    run_server: Callable[..., contextlib.AbstractContextManager[int]],
) -> None:
    with run_server(create_app(lambda: {}), protocol=_Impatient) as port:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(b"GET / HTTP/1.1\r\n" + HOST)  # and never the blank line
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        status, headers, _ = parse(answer)
        assert status == 408
        assert_secure(headers)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            assert s.recv(1) == b""  # a connection that sends nothing is closed, unanswered
