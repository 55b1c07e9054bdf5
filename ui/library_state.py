"""The case library as this session sees it: the library file (or a stand-in when it cannot be used),
the notice that says so, and the stored case named in the URL (``?case=ID``)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import streamlit as st

from decision.store.library import FILE_NAME, Library, StoredCase, UnknownCase, library_path
from decision.text.markdown import escape_markdown
from ui import cache, display

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
            display.t()(key, path=path.replace("`", "'"), reason=escape_markdown(reason)), icon=":material/warning:"
        )


def stored(wanted: str | None) -> StoredCase | None:
    """The stored case ``wanted`` (its latest version); None when there is none or it was deleted."""
    if not wanted:
        return None
    try:
        found = library().get(wanted)
    except UnknownCase:
        return None
    return None if found.record.deleted else found


def to_resume() -> StoredCase | None:
    """The case a new session opens: the one named in the URL, else the last changed one (None: no case)."""
    found = stored(st.query_params.get(CASE_PARAM))
    if found is None:
        latest = library().latest()
        found = stored(latest.id) if latest else None
    return found


def show_in_url(case_id: str | None) -> None:
    """Name the open case in the URL, so a reload or a shared link opens it."""
    if case_id and st.query_params.get(CASE_PARAM) != case_id:
        st.query_params[CASE_PARAM] = case_id
