"""The ``hostile`` marker: ``pytest tests/hostile -m hostile`` runs the hostile corpus alone."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hostile: the hostile corpus of issue 15 (real subprocesses, slow)")
