"""uvicorn's h11 protocol, made to answer every malformed request with a proper 4xx and headers.

Most limits live in ``newsline.web.guard.Guard``, which sees every request that parses. What is
left for the protocol is what never reaches ASGI or happens on the socket, and four things in
stock uvicorn 0.54 go wrong there:

* Its own error answer (a request h11 cannot parse: garbage request line, header without a colon,
  HTTP/0.9, missing Host, bad Content-Length or chunking) is always a bare ``400`` with no
  security headers. ``GuardedH11Protocol`` answers it with ``guard.error_response`` instead, and
  with the status h11 hints: ``431`` when a request head overflows h11's buffer, ``414`` when
  the request line alone did.
* It closes the socket right after that answer while the client is still sending (a 100 KB URL
  or header), so the kernel sends a reset and the client never reads the answer. The transport
  the protocol writes to closes gracefully instead (``_LingeringTransport``): it sends FIN after
  the answer, reads and drops what the client still sends until it closes, for at most
  ``linger`` seconds, then closes. This covers every close: uvicorn's own error answers and the
  ``Connection: close`` answers of ``Guard``.
* It closes as soon as a client half-closes (sends FIN after its request), dropping the answer
  being prepared; here the answer is written first, then the connection closed.
* It waits forever for a request head that trickles in (slowloris). A connection that has not
  sent a whole head ``head_timeout`` seconds after it opened, or after its last answer, gets
  ``408`` (or, when it sent nothing at all, is closed).

``uvicorn_options()`` gives the options ``serve`` passes to uvicorn: this protocol, no
WebSocket protocol (an Upgrade request would otherwise go to one whose errors lack the headers),
and an h11 buffer (``MAX_HEAD``) larger than Guard's limits, so that a request head Guard would
refuse parses whole and gets Guard's answer, whatever the packets it came in.
"""

from __future__ import annotations

import asyncio
import http
import logging
from typing import Any

import h11
from h11._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from newsline.web.guard import MAX_HEADERS, MAX_TARGET, error_response

MAX_HEAD = 64 * 1024  # h11's receive buffer for one request head, above MAX_TARGET + MAX_HEADERS

_log = logging.getLogger("uvicorn.error")
_MESSAGES = {
    400: "the request is not valid HTTP/1.1",
    408: "the request head did not arrive in time",
    414: f"the request line is longer than {MAX_TARGET} bytes",
    431: f"the request head is larger than {MAX_HEADERS} bytes",
}


def uvicorn_options() -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` that install this protocol."""
    return {"http": GuardedH11Protocol, "ws": "none", "h11_max_incomplete_event_size": MAX_HEAD}


class _Connection(h11.Connection):
    """h11's connection, keeping the last parse error so that the answer can use its status."""

    last_error: h11.RemoteProtocolError | None = None

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as exc:
            self.last_error = exc
            raise


class GuardedH11Protocol(H11Protocol):
    """H11Protocol with complete error answers, graceful closes and a request-head timeout."""

    head_timeout = 10.0  # seconds for a whole request head
    linger = 2.0  # seconds to drain a client after the answer before closing

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        size = config.h11_max_incomplete_event_size
        self._conn = _Connection(h11.SERVER, size or DEFAULT_MAX_INCOMPLETE_EVENT_SIZE)
        self.conn = self._conn
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._socket = _LingeringTransport(transport, self.loop, self.linger)
        super().connection_made(self._socket)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return  # lingering: the answer is sent, what follows is dropped
        super().data_received(data)

    def eof_received(self) -> bool | None:  # type: ignore[override]  # asyncio allows bool
        """The client sent all it will send. Answer its request first, if one is in hand."""
        self._socket.peer_done = True
        if self.transport.is_closing() or not self._busy():
            return None  # the transport closes
        return True  # keep writing; on_response_complete closes

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may start a pipelined request
        if self._socket.peer_done and not self._busy():
            self.transport.close()
        elif not self.transport.is_closing():
            self._arm_head_timer()

    def _busy(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def send_400_response(self, msg: str) -> None:
        """Answer a request h11 could not parse (uvicorn calls this for every parse error)."""
        exc = self._conn.last_error
        status = exc.error_status_hint if exc is not None else 400
        if status == 431 and b"\n" not in self.conn.trailing_data[0]:
            status = 414  # the buffer overflowed before the request line ended
        if status not in _MESSAGES:
            status = 400
        _log.debug("Answering %d: %s", status, exc)
        self.send_error(status, _MESSAGES[status])

    def send_error(self, status: int, message: str) -> None:
        """Write a complete error answer outside any ASGI cycle, then close gracefully."""
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            if cycle.response_started:  # half an answer is out; no second one can follow
                self.transport.close()
                return
            cycle.disconnected = True  # the app's answer to this request, if any, is dropped
            cycle.message_event.set()
        headers, body = error_response(status, message)
        headers = [*self.server_state.default_headers, *headers]
        phrase = http.HTTPStatus(status).phrase
        lines = [f"HTTP/1.1 {status} {phrase}".encode("ascii")]
        lines += [name + b": " + value for name, value in headers]
        self.transport.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        self.transport.close()

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._busy() or self.conn.their_state is not h11.IDLE or self.transport.is_closing():
            return  # a request arrived and is being answered
        if self.conn.trailing_data[0]:
            self.send_error(408, _MESSAGES[408])
        else:
            self.transport.close()


class _LingeringTransport(asyncio.Transport):
    """A socket transport whose ``close()`` lets the client read the answer.

    Closing a socket with unread input makes the kernel send a reset, and the client loses the
    answer it was about to read. Here close() half-closes (FIN after the buffered answer), keeps
    reading and dropping input until the client closes, and closes for good after ``linger``
    seconds at most. Everything else is the wrapped transport's.
    """

    def __init__(
        self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop, linger: float
    ) -> None:
        super().__init__()
        self._raw = transport
        self._loop = loop
        self._linger = linger
        self._lingering = False
        self.peer_done = False  # the client half-closed: nothing left to drain

    def close(self) -> None:
        if self._lingering or self._raw.is_closing():
            return
        self._lingering = True
        if self.peer_done or not self._raw.can_write_eof():  # or TLS: no half-close
            self._raw.close()
            return
        self._raw.write_eof()
        self._raw.resume_reading()
        self._loop.call_later(self._linger, self._raw.close)

    def is_closing(self) -> bool:
        return self._lingering or self._raw.is_closing()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._lingering:
            self._raw.write(data)

    def abort(self) -> None:
        self._raw.abort()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._raw.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._raw.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._raw.get_protocol()

    def is_reading(self) -> bool:
        return self._raw.is_reading()

    def pause_reading(self) -> None:
        if not self._lingering:
            self._raw.pause_reading()

    def resume_reading(self) -> None:
        self._raw.resume_reading()

    def can_write_eof(self) -> bool:
        return self._raw.can_write_eof()

    def write_eof(self) -> None:
        self._raw.write_eof()

    def get_write_buffer_size(self) -> int:
        return self._raw.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._raw.get_write_buffer_limits()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._raw.set_write_buffer_limits(high, low)
