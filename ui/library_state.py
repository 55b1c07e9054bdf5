"""The case library as this session sees it: the library file (or a stand-in when it cannot be used),
the notice that says so, a stored case as it can be opened (``fetch``: also one today's checks refuse,
repaired by ui/repair.py), and the open case named in the URL (``?case=ID``)."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from decision.model.case import Case
from decision.model.problems import CaseError
from decision.store.library import FILE_NAME, CaseRecord, Library, library_path
from ui import cache, display, repair

# Why the library file cannot be used (shown by library_notice); the session's stand-in library.
PROBLEM_KEY = "library_problem"
STAND_IN_KEY = "library_stand_in"
ERRORS = (sqlite3.Error, OSError)
CASE_PARAM = "case"


def library() -> Library:
    """The case library (one per data file; it opens a connection per call).

    When the file cannot be used (corrupt, not writable, its folder a file) the
    session works on a stand-in library in a temporary folder, the file is left
    as it is, and ``library_notice`` tells the user that nothing is kept.
    """
    path = library_path()
    try:
        opened = cache.library_at(str(path))
    except ERRORS as error:
        st.session_state[PROBLEM_KEY] = ("library.unavailable", str(path), str(error))
        if STAND_IN_KEY not in st.session_state:
            st.session_state[STAND_IN_KEY] = Library(Path(tempfile.mkdtemp(prefix="kruispunt-")) / FILE_NAME)
        return st.session_state[STAND_IN_KEY]
    forget_problem("library.unavailable")
    return opened


def not_saved(error: Exception) -> None:
    """The last change could not be written to the library: ``library_notice`` says so until a save succeeds."""
    st.session_state[PROBLEM_KEY] = ("library.not_saved", str(library().path), str(error))


def forget_problem(kind: str) -> None:
    """The problem ``kind`` ("library.unavailable", "library.not_saved") is over."""
    if st.session_state.get(PROBLEM_KEY, ("",))[0] == kind:
        del st.session_state[PROBLEM_KEY]


def library_notice() -> None:
    """A warning when the library file cannot be opened or the last change could not be saved to it."""
    problem = st.session_state.get(PROBLEM_KEY)
    if problem is not None:
        key, path, reason = problem
        st.warning(
            display.t()(key, path=path.replace("`", "'"), reason=display.literal(reason)), icon=":material/warning:"
        )


@dataclass(frozen=True)
class Opened:
    """A stored case as it can be opened: its library record and its latest version.

    ``refused`` holds what that version held that today's checks refuse (a case saved by an
    older version of Kruispunt): ``case`` then has those fields set back (ui/repair.py).
    """

    record: CaseRecord
    case: Case
    refused: CaseError | None = None


def fetch(case_id: str) -> Opened:
    """The latest version of the stored case ``case_id`` (also a deleted one), to open.

    Raises UnknownCase, and CaseError when nothing of it can be opened (not a case at all,
    or written by a newer version of Kruispunt).
    """
    found = library()
    try:
        stored = found.get(case_id)
    except CaseError as error:
        record = found.record(case_id)
        fixed = repair.repaired(_stored_data(found.path, case_id, record.version))
        if fixed is None:
            raise
        case, refused = fixed
        return Opened(record, case, refused or error)
    return Opened(stored.record, stored.case)


def _stored_data(path: Path, case_id: str, version: int) -> Any:
    """One stored version as JSON data, read as it is (for a case the case model refuses); None if unreadable."""
    try:
        with closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=30)) as conn:
            row = conn.execute(
                "SELECT case_json FROM versions WHERE case_id = ? AND version = ?", (case_id, version)
            ).fetchone()
        return None if row is None else json.loads(row[0])
    except (sqlite3.Error, ValueError, TypeError):
        return None


def show_in_url(case_id: str | None) -> None:
    """Name the open case in the URL, so a reload or a shared link opens it."""
    if case_id and st.query_params.get(CASE_PARAM) != case_id:
        st.query_params[CASE_PARAM] = case_id
