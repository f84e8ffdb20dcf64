"""Shared fixtures for the ingest tests: the sample folder and a network guard."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to open a network connection."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
