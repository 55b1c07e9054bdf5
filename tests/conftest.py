"""Shared fixtures: presets and an AppTest factory with a preset open."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from decision.model.presets import load_preset, preset_ids
from ui import memory

REPO_ROOT = Path(__file__).resolve().parent.parent
PRESETS = preset_ids()

# Every AppTest's first run scans all installed packages' metadata for Streamlit components
# (v2 manifests): about 0.2 s each, the same answer every time (this app has none). One scan per
# test process; the app's own server still scans at its start.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)
# Every page of the walk, by its file in app_pages/ (Start is the default page, at "/").
PAGE_NAMES: tuple[str, ...] = (
    "start",
    "quick_start",
    "case",
    "diagnosis",
    "triage",
    "assumptions",
    "comparison",
    "why",
    "negotiation",
    "agreement",
    "variants",
    "report",
    "library",
)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the user's real data directory."""
    monkeypatch.setenv("KRUISPUNT_DATA_DIR", str(tmp_path / "kruispunt-data"))


@pytest.fixture(autouse=True)
def _no_collection_after_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest collects no garbage after a run (its script runner leaves out the server's
    ``gc.collect``), so the app's full collection at the end of every full run
    (``ui.memory.collect_and_freeze``), which on the server takes the place of that one, would only
    add to each test: some 10 s over the Comparison and Why page tests. It is tested in
    tests/ui/test_memory.py, with the app's run too."""
    monkeypatch.setattr(memory, "collect_and_freeze", lambda: None)


@pytest.fixture
def app_at() -> Callable[..., AppTest]:
    """``app_at(page="app_pages/comparison.py", preset="erp-manufacturer", lang="en")``: a run AppTest."""

    def make(page: str | None = None, preset: str | None = None, lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
        at.session_state["lang"] = lang
        if preset is not None:
            at.session_state["case"] = load_preset(preset)
        at.run()
        if page is not None:
            at.switch_page(page).run()
        return at

    return make
