"""Export tests: registers the ``browser`` marker until pyproject lists it."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: runs the page in a real headless Chromium (skipped without one)")
