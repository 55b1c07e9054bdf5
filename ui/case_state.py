"""The one open case in ``st.session_state``: reading it, changing it (saved at once), opening another.

Pages read the case with ``case()`` and replace it with ``set_case()`` or
``try_update()``; they never keep a copy. Every change is saved to the case
library at once; when another browser tab saved the same case meanwhile,
nothing is overwritten until the user chooses in ``conflict_notice()``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from decision.model.case import Case
from decision.model.loader import parse_case
from decision.model.presets import EXAMPLE, load_preset
from decision.model.problems import CaseError, problem_lines
from decision.store.library import Conflict, UnknownCase
from ui import cache, display, library_state

CASE_KEY = "case"
# The open case's id and version in the library; a pending save conflict (the library's newer version).
CASE_ID_KEY = "case_id"
CASE_VERSION_KEY = "case_version"
CONFLICT_KEY = "case_conflict"
# What the bound widgets (ui/widgets.py) show of the open case; opening a case empties it.
SHOWN_KEY = "_case_values_shown"


def case() -> Case:
    """The open case, kept in the case library and named in the URL (``?case=ID``).

    A new session opens the case in the URL, else the last changed case in the
    library, else the example preset (stored in the library first).
    """
    if CASE_ID_KEY not in st.session_state:
        _attach()
    library_state.show_in_url(st.session_state.get(CASE_ID_KEY))
    return st.session_state[CASE_KEY]


def set_case(new_case: Case) -> None:
    """Make ``new_case`` the open case and save it to the library at once (autosave)."""
    st.session_state[CASE_KEY] = new_case
    _autosave(new_case)


def value_at(path: str) -> Any:
    """The open case's value at a dotted path (``"negotiation.options"``), as JSON data."""
    value = case().model_dump(mode="json")
    for part in path.split("."):
        value = value[part]
    return value


def update_case(changes: dict[str, Any]) -> Case:
    """Apply changes given as dotted paths (``{"solve.p_success": {...}}``) and validate.

    Raises CaseError (and leaves the case as it was) when the result is not valid.
    """
    data = case().model_dump(mode="json")
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    new_case = parse_case(data)
    set_case(new_case)
    return new_case


def try_update(changes: dict[str, Any]) -> list[str]:
    """Like ``update_case`` but returns the problems in the app's language (empty when applied)."""
    try:
        update_case(changes)
    except CaseError as error:
        return problem_lines(error, display.lang())
    return []


def case_id() -> str:
    """The library id of the open case."""
    case()
    return st.session_state[CASE_ID_KEY]


def case_version() -> int:
    """The library version the open case was last saved as or loaded from."""
    case()
    return st.session_state[CASE_VERSION_KEY]


# -- opening a case -----------------------------------------------------------------


def open_stored(stored_id: str) -> None:
    """Open a case of the library (its latest version); raises UnknownCase."""
    stored = library_state.library().get(stored_id)
    _remember(stored.record.id, stored.record.version, stored.case)


def open_new(new_case: Case, event: str = "created") -> str:
    """Store ``new_case`` as a new case in the library, open it and return its id."""
    record = library_state.library().create(new_case, _recommendation(new_case), event)
    _remember(record.id, record.version, new_case)
    return record.id


def import_case_file(raw: bytes) -> str:
    """Validate an uploaded case file like the command line does, store it as a new case, open it.

    Raises CaseError (one line per problem) and changes nothing when the file is not valid.
    """
    library = library_state.library()
    record = library.import_bytes(raw)
    stored = library.get(record.id)
    library.set_recommendation(record.id, record.version, _recommendation(stored.case))
    _remember(record.id, record.version, stored.case)
    return record.id


def _recommendation(of: Case) -> str:
    return cache.evaluation(of).recommendation.strategy


def _remember(stored_id: str, version: int, opened: Case) -> None:
    st.session_state[CASE_KEY] = opened
    st.session_state[CASE_ID_KEY] = stored_id
    st.session_state[CASE_VERSION_KEY] = version
    st.session_state.pop(CONFLICT_KEY, None)
    st.session_state[SHOWN_KEY] = {}
    library_state.show_in_url(stored_id)


def _attach() -> None:
    """Give the session its case: one put in the session directly, the URL's, the last one or the example."""
    if CASE_KEY in st.session_state:
        open_new(st.session_state[CASE_KEY])
        return
    stored = library_state.to_resume()
    if stored is None:
        open_new(load_preset(EXAMPLE))
        return
    _remember(stored.record.id, stored.record.version, stored.case)


# -- saving: autosave and two tabs on one case --------------------------------------


def _autosave(new_case: Case) -> None:
    if CASE_ID_KEY not in st.session_state:
        _attach()
        return
    if CONFLICT_KEY in st.session_state:
        return  # saved once the user has chosen in conflict_notice()
    try:
        version = library_state.library().save(
            st.session_state[CASE_ID_KEY], new_case, st.session_state[CASE_VERSION_KEY], _recommendation(new_case)
        )
    except Conflict as conflict:
        st.session_state[CONFLICT_KEY] = conflict.current_version
        st.toast(display.t()("library.conflict", version=conflict.current_version), icon=":material/warning:")
    except UnknownCase:
        open_new(new_case)
    except library_state.ERRORS as error:
        library_state.not_saved(error)
    else:
        st.session_state[CASE_VERSION_KEY] = version
        library_state.forget_problem("library.not_saved")


def _keep_mine() -> None:
    library = library_state.library()
    stored_id = st.session_state[CASE_ID_KEY]
    current = library.record(stored_id).version
    try:
        version = library.save(stored_id, case(), current, _recommendation(case()), event="kept")
    except Conflict as conflict:
        st.session_state[CONFLICT_KEY] = conflict.current_version
        return
    st.session_state[CASE_VERSION_KEY] = version
    st.session_state.pop(CONFLICT_KEY, None)


def _load_theirs() -> None:
    open_stored(st.session_state[CASE_ID_KEY])


def conflict_notice() -> None:
    """When another tab saved this case meanwhile: a warning and the choice, keep mine or load theirs."""
    theirs = st.session_state.get(CONFLICT_KEY)
    if theirs is None:
        return
    t = display.t()
    with st.container(border=True):
        st.warning(t("library.conflict", version=theirs), icon=":material/warning:")
        mine, other = st.columns(2)
        mine.button(
            t("library.keep_mine"), on_click=_keep_mine, key="conflict_keep_mine", help=t("library.keep_mine_help")
        )
        other.button(
            t("library.load_theirs"),
            on_click=_load_theirs,
            key="conflict_load_theirs",
            help=t("library.load_theirs_help"),
        )
