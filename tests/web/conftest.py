"""Fixtures for the web app: the exporters' timelines, a TestClient over each, the real server."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsline.web import create_app
from newsline.web.protocol import GuardedH11Protocol, uvicorn_options


def _fixtures() -> ModuleType:
    path = Path(__file__).parents[1] / "export" / "fixtures.py"
    spec = importlib.util.spec_from_file_location("newsline_test_export_fixtures", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fixtures = _fixtures()


@pytest.fixture
def payloads() -> tuple[str, ...]:
    """The injections the hostile timeline carries in every field."""
    return tuple(fixtures.PAYLOADS)


@pytest.fixture
def demo() -> dict[str, Any]:
    return fixtures.demo_timeline()


@pytest.fixture
def hostile() -> dict[str, Any]:
    return fixtures.adversarial_timeline()


@pytest.fixture
def client(demo: dict[str, Any]) -> Iterator[TestClient]:
    with TestClient(create_app(lambda: demo)) as c:
        yield c


@pytest.fixture
def hostile_client(hostile: dict[str, Any]) -> Iterator[TestClient]:
    with TestClient(create_app(lambda: hostile)) as c:
        yield c


@contextlib.contextmanager
def running(app: Any, protocol: type[asyncio.Protocol] = GuardedH11Protocol) -> Iterator[int]:
    """The real server (uvicorn with the options ``serve`` uses) on 127.0.0.1, in a thread.

    Yields the port; the socket is bound before the thread starts, so there is no race for it.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    options = {**uvicorn_options(), "http": protocol}
    config = uvicorn.Config(app, log_level="error", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.01)
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def live_port() -> Iterator[int]:
    timeline = fixtures.demo_timeline()
    with running(create_app(lambda: timeline)) as port:
        yield port


@pytest.fixture
def run_server() -> Callable[..., contextlib.AbstractContextManager[int]]:
    """``running``, for tests that need a server of their own."""
    return running


@pytest.fixture(scope="session")
def serve_app() -> Callable[..., contextlib.AbstractContextManager[int]]:
    """``running``, for a module's server."""
    return running


@pytest.fixture(scope="session")
def timelines() -> ModuleType:
    """The exporters' fixture timelines (``demo_timeline()``, ``adversarial_timeline()``)."""
    return fixtures


@pytest.fixture(scope="module")
def demo_app() -> FastAPI:
    """One app over the demo timeline, for a module's tests (Hypothesis's among them)."""
    return create_app(fixtures.demo_timeline)


@pytest.fixture(scope="module")
def demo_client(demo_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(demo_app) as c:
        yield c
