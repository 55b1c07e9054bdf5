"""The one case in ``st.session_state`` and everything derived from it.

Pages read the case with ``case()`` and replace it with ``set_case()``; they
never keep a copy. Results are cached on the case's JSON, so a rerun with an
unchanged case does no simulation work.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from decision.analysis.negotiation import NegotiationAnalysis, analyse
from decision.engine.results import Evaluation, Timeline, evaluate, timeline
from decision.model.case import Case
from decision.model.loader import parse_case
from decision.model.presets import EXAMPLE, load_preset
from decision.model.problems import CaseError, problem_lines
from decision.store.library import FILE_NAME, Conflict, Library, StoredCase, UnknownCase, library_path
from decision.text import fmt
from decision.text.i18n import LANGUAGES, Translator
from decision.text.markdown import escape_markdown

CASE_KEY = "case"
# The open case's id and version in the library; a pending save conflict (the library's newer version).
CASE_ID_KEY = "case_id"
CASE_VERSION_KEY = "case_version"
CONFLICT_KEY = "case_conflict"
# Why the library file cannot be used (shown by library_notice); the session's stand-in library.
LIBRARY_PROBLEM_KEY = "library_problem"
STAND_IN_KEY = "library_stand_in"
LIBRARY_ERRORS = (sqlite3.Error, OSError)
CASE_PARAM = "case"
ITERATIONS = 10_000
SEED = 1


def case() -> Case:
    """The open case, kept in the case library and named in the URL (``?case=ID``).

    A new session opens the case in the URL, else the last changed case in the
    library, else the example preset (stored in the library first).
    """
    if CASE_ID_KEY not in st.session_state:
        _attach()
    _show_in_url()
    return st.session_state[CASE_KEY]


def set_case(new_case: Case) -> None:
    """Make ``new_case`` the open case and save it to the library at once (autosave)."""
    st.session_state[CASE_KEY] = new_case
    _autosave(new_case)


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
        return problem_lines(error, lang())
    return []


SHOWN_KEY = "_case_values_shown"


def _apply_widget(key: str, path: str, to_case: Callable[[Any], Any] | None) -> None:
    value = st.session_state[key]
    try_update({path: to_case(value) if to_case and value is not None else value})


def bound(key: str, path: str, value: Any, to_case: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Widget keyword arguments that bind a keyed widget to the case field ``path``.

    ``value`` is the case's value in the widget's units; ``to_case`` converts a
    widget value back (e.g. percent to share). A change is applied with
    ``try_update``; a rejected entry stays in the widget (nothing typed is lost,
    see ``rejected``) until the case's value changes elsewhere.
    """
    shown = st.session_state.setdefault(SHOWN_KEY, {})
    if key not in st.session_state or key not in shown or shown[key] != value:
        st.session_state[key] = value
        shown[key] = value
    return {"key": key, "on_change": _apply_widget, "args": (key, path, to_case), "persist_state": "session"}


def rejected(key: str) -> bool:
    """True when the bound widget holds an entry the case did not accept."""
    shown = st.session_state.get(SHOWN_KEY, {})
    return key in shown and st.session_state.get(key) != shown[key]


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGUAGES else "en"


WORKSHOP_KEY = "workshop"
AMOUNTS_KEY = "amounts"
AMOUNTS = fmt.AMOUNTS


def amounts() -> str:
    """How amounts are shown: "exact", or in workshop mode "rounded" (k€ / M€) or "hidden"."""
    chosen = st.session_state.get(AMOUNTS_KEY) if st.session_state.get(WORKSHOP_KEY) else None
    return chosen if chosen in AMOUNTS else "exact"


def money_in(amount: float | None, language: str) -> str:
    """An amount as the workshop setting wants it shown (also the translator's money format)."""
    return fmt.money_as(amount, language, amounts())


def t() -> Translator:
    """The translator in the session's language, writing amounts (and charts) as the workshop wants."""
    return Translator(lang(), amounts=amounts())


def money(amount: float | None) -> str:
    return money_in(amount, lang())


def percent(share: float | None, digits: int = 0) -> str:
    return fmt.percent(share, lang(), digits)


@st.cache_data(max_entries=64, show_spinner=False)
def _evaluation(case_json: str, iterations: int, seed: int, view: str, basis: str) -> Evaluation:
    return evaluate(Case.model_validate_json(case_json), iterations, seed, view, basis)


@st.cache_data(max_entries=64, show_spinner=False)
def _timeline(case_json: str, seed: int, book_view: bool) -> Timeline:
    return timeline(Case.model_validate_json(case_json), seed=seed, book_view=book_view)


def evaluation(of: Case | None = None, view: str = "decision", basis: str = "mean") -> Evaluation:
    """The cached evaluation of a case (the open one by default)."""
    return _evaluation((of or case()).model_dump_json(), ITERATIONS, SEED, view, basis)


def cost_timeline(of: Case | None = None, book_view: bool = False) -> Timeline:
    return _timeline((of or case()).model_dump_json(), SEED, book_view)


@st.cache_data(max_entries=32, show_spinner=False)
def _negotiation(case_json: str, iterations: int, seed: int) -> NegotiationAnalysis:
    return analyse(Case.model_validate_json(case_json), iterations, seed)


def negotiation(of: Case | None = None) -> NegotiationAnalysis:
    """The cached zone of agreement, BATNA parts, openers and margins (same draws as ``evaluation``)."""
    return _negotiation((of or case()).model_dump_json(), ITERATIONS, SEED)


# -- the case library: autosave, the case in the URL, two tabs on one case ----------


@st.cache_resource(show_spinner=False)
def _library_at(path: str) -> Library:
    return Library(Path(path))


def library() -> Library:
    """The case library (one per data file; it opens a connection per call).

    When the file cannot be used (corrupt, not writable, its folder a file) the
    session works on a stand-in library in a temporary folder, the file is left
    as it is, and ``library_notice`` tells the user that nothing is kept.
    """
    path = library_path()
    try:
        opened = _library_at(str(path))
    except LIBRARY_ERRORS as error:
        st.session_state[LIBRARY_PROBLEM_KEY] = ("library.unavailable", str(path), str(error))
        if STAND_IN_KEY not in st.session_state:
            st.session_state[STAND_IN_KEY] = Library(Path(tempfile.mkdtemp(prefix="kruispunt-")) / FILE_NAME)
        return st.session_state[STAND_IN_KEY]
    if st.session_state.get(LIBRARY_PROBLEM_KEY, ("",))[0] == "library.unavailable":
        del st.session_state[LIBRARY_PROBLEM_KEY]
    return opened


def library_notice() -> None:
    """A warning when the library file cannot be opened or the last change could not be saved to it."""
    problem = st.session_state.get(LIBRARY_PROBLEM_KEY)
    if problem is not None:
        key, path, reason = problem
        st.warning(t()(key, path=path.replace("`", "'"), reason=escape_markdown(reason)), icon=":material/warning:")


def case_id() -> str:
    """The library id of the open case."""
    case()
    return st.session_state[CASE_ID_KEY]


def case_version() -> int:
    """The library version the open case was last saved as or loaded from."""
    case()
    return st.session_state[CASE_VERSION_KEY]


def _recommendation(of: Case) -> str:
    return evaluation(of).recommendation.strategy


def _remember(stored_id: str, version: int, opened: Case) -> None:
    st.session_state[CASE_KEY] = opened
    st.session_state[CASE_ID_KEY] = stored_id
    st.session_state[CASE_VERSION_KEY] = version
    st.session_state.pop(CONFLICT_KEY, None)
    st.session_state[SHOWN_KEY] = {}


def _stored(wanted: str | None) -> StoredCase | None:
    if not wanted:
        return None
    try:
        stored = library().get(wanted)
    except UnknownCase:
        return None
    return None if stored.record.deleted else stored


def _attach() -> None:
    """Give the session its case: one put in the session directly, the URL's, the last one or the example."""
    if CASE_KEY in st.session_state:
        open_new(st.session_state[CASE_KEY])
        return
    stored = _stored(st.query_params.get(CASE_PARAM))
    if stored is None:
        latest = library().latest()
        stored = _stored(latest.id) if latest else None
    if stored is None:
        open_new(load_preset(EXAMPLE))
        return
    _remember(stored.record.id, stored.record.version, stored.case)


def _show_in_url() -> None:
    stored_id = st.session_state.get(CASE_ID_KEY)
    if stored_id and st.query_params.get(CASE_PARAM) != stored_id:
        st.query_params[CASE_PARAM] = stored_id


def _autosave(new_case: Case) -> None:
    if CASE_ID_KEY not in st.session_state:
        _attach()
        return
    if CONFLICT_KEY in st.session_state:
        return  # saved once the user has chosen in conflict_notice()
    try:
        version = library().save(
            st.session_state[CASE_ID_KEY], new_case, st.session_state[CASE_VERSION_KEY], _recommendation(new_case)
        )
    except Conflict as conflict:
        st.session_state[CONFLICT_KEY] = conflict.current_version
        st.toast(t()("library.conflict", version=conflict.current_version), icon=":material/warning:")
    except UnknownCase:
        open_new(new_case)
    except LIBRARY_ERRORS as error:
        st.session_state[LIBRARY_PROBLEM_KEY] = ("library.not_saved", str(library().path), str(error))
    else:
        st.session_state[CASE_VERSION_KEY] = version
        if st.session_state.get(LIBRARY_PROBLEM_KEY, ("",))[0] == "library.not_saved":
            del st.session_state[LIBRARY_PROBLEM_KEY]


def open_stored(stored_id: str) -> None:
    """Open a case of the library (its latest version); raises UnknownCase."""
    stored = library().get(stored_id)
    _remember(stored.record.id, stored.record.version, stored.case)
    _show_in_url()


def open_new(new_case: Case, event: str = "created") -> str:
    """Store ``new_case`` as a new case in the library, open it and return its id."""
    record = library().create(new_case, _recommendation(new_case), event)
    _remember(record.id, record.version, new_case)
    _show_in_url()
    return record.id


def import_case_file(raw: bytes) -> str:
    """Validate an uploaded case file like the command line does, store it as a new case, open it.

    Raises CaseError (one line per problem) and changes nothing when the file is not valid.
    """
    record = library().import_bytes(raw)
    stored = library().get(record.id)
    library().set_recommendation(record.id, record.version, _recommendation(stored.case))
    _remember(record.id, record.version, stored.case)
    _show_in_url()
    return record.id


def _keep_mine() -> None:
    stored_id = st.session_state[CASE_ID_KEY]
    current = library().record(stored_id).version
    try:
        version = library().save(stored_id, case(), current, _recommendation(case()), event="kept")
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
    translate_ = t()
    with st.container(border=True):
        st.warning(translate_("library.conflict", version=theirs), icon=":material/warning:")
        mine, other = st.columns(2)
        mine.button(
            translate_("library.keep_mine"),
            on_click=_keep_mine,
            key="conflict_keep_mine",
            help=translate_("library.keep_mine_help"),
        )
        other.button(
            translate_("library.load_theirs"),
            on_click=_load_theirs,
            key="conflict_load_theirs",
            help=translate_("library.load_theirs_help"),
        )
