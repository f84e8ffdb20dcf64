"""Fixtures for the web app: the exporters' timelines, and a TestClient over each."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsline.web import create_app


def _fixtures() -> ModuleType:
    path = Path(__file__).parents[1] / "export" / "fixtures.py"
    spec = importlib.util.spec_from_file_location("newsline_test_export_fixtures", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fixtures = _fixtures()


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
