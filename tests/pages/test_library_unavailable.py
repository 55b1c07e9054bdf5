"""A case library that cannot be used (a corrupt file, a data folder that is a file, a save that fails):
the app goes on with the case in the session and says so; the user's file is never overwritten."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from decision.model.presets import EXAMPLE, load_preset
from decision.store.library import FILE_NAME, Library
from tests.conftest import REPO_ROOT

CASE_PAGE = "app_pages/case.py"
GARBAGE = b"this is not a database " * 100


def run_app(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    return at


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def corrupt_library() -> Path:
    folder = Path(os.environ["KRUISPUNT_DATA_DIR"])
    folder.mkdir(parents=True)
    path = folder / FILE_NAME
    path.write_bytes(GARBAGE)
    return path


def test_a_corrupt_library_file_is_reported_and_left_alone():
    path = corrupt_library()
    at = run_app()
    assert not at.exception
    assert "could not be opened" in warnings(at) and FILE_NAME in warnings(at)
    assert at.session_state["case"] == load_preset(EXAMPLE)
    at.switch_page(CASE_PAGE).run()
    at.text_input(key="case_page.title").set_value("Worked on without a library").run()
    assert not at.exception
    assert at.session_state["case"].title == "Worked on without a library"
    assert path.read_bytes() == GARBAGE


def test_dutch_message():
    corrupt_library()
    at = run_app("nl")
    assert not at.exception
    assert "kon niet worden geopend" in warnings(at)


def test_a_data_folder_that_is_a_file_is_reported():
    Path(os.environ["KRUISPUNT_DATA_DIR"]).write_text("not a folder")
    at = run_app()
    assert not at.exception
    assert "could not be opened" in warnings(at)


def test_a_failing_save_keeps_the_change_and_says_it_was_not_saved(monkeypatch: pytest.MonkeyPatch):
    at = run_app()
    at.switch_page(CASE_PAGE).run()

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Library, "save", full_disk)
    at.text_input(key="case_page.title").set_value("Changed while the disk is full").run()
    assert not at.exception
    assert at.session_state["case"].title == "Changed while the disk is full"
    assert "could not be saved" in warnings(at)
