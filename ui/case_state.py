"""The one open case in ``st.session_state``: reading it, changing it (saved at once), opening another.

Pages read the case with ``case()`` and replace it with ``set_case()`` or
``try_update()``; they never keep a copy. Every change is saved to the case
library at once. When another browser tab saved the same case meanwhile, the
two edits are merged field by field (ui/merge.py, from the version this tab
started from); only when both changed the same field is nothing saved until
the user chooses in ``conflict_notice()``.

A stored case that today's checks refuse opens with those fields set back
(``refused_notice`` says which); a ``?case=`` that names no case opens another,
and ``missing_notice`` says so.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from decision.analysis.completeness import readiness
from decision.model.case import Case
from decision.model.loader import parse_case
from decision.model.presets import EXAMPLE, load_preset
from decision.model.problems import CaseError, problem_lines
from decision.model.registry import BY_PATH
from decision.store.library import Conflict, UnknownCase
from ui import cache, display, library_state, merge

CASE_KEY = "case"
# The open case's id and version in the library; a pending save conflict (the library's newer version
# and the fields both tabs changed).
CASE_ID_KEY = "case_id"
CASE_VERSION_KEY = "case_version"
CONFLICT_KEY = "case_conflict"
# What the open case's stored version held that the checks refuse (its id, version and the CaseError).
REFUSED_KEY = "case_refused"
# The case a ``?case=`` named that could not be opened: (id, why, details); shown until another case is opened.
MISSING_KEY = "case_missing"
# Set once when the session started on a missing case: app.py then shows the Case library.
TO_LIBRARY_KEY = "case_missing_to_library"
# How often a save is tried again when another tab saves in between the merge and the save.
MERGE_ATTEMPTS = 3
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
    """Open a case of the library (its latest version); raises UnknownCase, and CaseError when it
    cannot be opened at all. One that today's checks refuse opens repaired (see ``refused_notice``)."""
    _open(library_state.fetch(stored_id))


def open_new(new_case: Case, event: str = "created") -> str:
    """Store ``new_case`` as a new case in the library, open it and return its id."""
    record = library_state.library().create(new_case, recommended(new_case), event)
    _remember(record.id, record.version, new_case)
    return record.id


def open_preset(preset: Case) -> str:
    """Open a preset (or the example): an unchanged copy of it already in the library, such as the
    example a first visit opens, is opened again rather than stored a second time (the library
    showed two cases that could not be told apart). A copy that was changed is left as it is."""
    library = library_state.library()
    for record in library.cases():
        if record.title != preset.title:
            continue
        try:  # a stored case this version cannot read (damaged, from a newer version) is no copy of it
            unchanged = library.get(record.id).case == preset
        except (UnknownCase, CaseError):
            continue
        if unchanged:
            _open(library_state.fetch(record.id))
            return record.id
    return open_new(preset)


def import_case_file(raw: bytes) -> str:
    """Validate an uploaded case file like the command line does, store it as a new case, open it.

    Raises CaseError (one line per problem) and changes nothing when the file is not valid.
    """
    library = library_state.library()
    record = library.import_bytes(raw)
    stored = library.get(record.id)
    library.set_recommendation(record.id, record.version, recommended(stored.case))
    _remember(record.id, record.version, stored.case)
    return record.id


def recommended(of: Case) -> str:
    """The strategy recommended for ``of`` as the library lists it; "" while the case is not ready."""
    return cache.evaluation(of).recommendation.strategy if readiness(of).ready else ""


def _open(opened: library_state.Opened) -> None:
    _remember(opened.record.id, opened.record.version, opened.case)
    if opened.refused is not None:
        st.session_state[REFUSED_KEY] = (opened.record.id, opened.record.version, opened.refused)


def _remember(stored_id: str, version: int, opened: Case) -> None:
    st.session_state[CASE_KEY] = opened
    st.session_state[CASE_ID_KEY] = stored_id
    st.session_state[CASE_VERSION_KEY] = version
    for key in (CONFLICT_KEY, REFUSED_KEY, MISSING_KEY):
        st.session_state.pop(key, None)
    st.session_state[SHOWN_KEY] = {}
    library_state.show_in_url(stored_id)


def _attach() -> None:
    """Give the session its case: one put in the session directly, the URL's, the last one or the example.

    When the URL names a case that cannot be opened (unknown, deleted, unreadable), the last
    changed case (or the example) opens instead, and ``missing_notice`` says so.
    """
    if CASE_KEY in st.session_state:
        open_new(st.session_state[CASE_KEY])
        return
    wanted = st.query_params.get(library_state.CASE_PARAM)
    missing = _open_wanted(wanted) if wanted else None
    if missing is None and wanted:
        return
    latest = library_state.library().latest()
    try:
        if latest is None:
            raise UnknownCase("no case")
        _open(library_state.fetch(latest.id))
    except (UnknownCase, CaseError):
        open_preset(load_preset(EXAMPLE, display.lang()))
    if missing is not None:
        st.session_state[MISSING_KEY] = missing
        st.session_state[TO_LIBRARY_KEY] = True


def _open_wanted(wanted: str) -> tuple[str, str, Any] | None:
    """Open the case ``?case=`` names; None when it opened, else (its id, why not, details)."""
    try:
        opened = library_state.fetch(wanted)
    except UnknownCase:
        return wanted, "unknown", None
    except CaseError as error:
        return wanted, "unreadable", error
    if opened.record.deleted is not None:
        return wanted, "deleted", opened.record.title
    _open(opened)
    return None


def take_library_redirect() -> bool:
    """True once, on the first run of a session whose ``?case=`` named a case that could not be opened."""
    return bool(st.session_state.pop(TO_LIBRARY_KEY, False))


def _bring_back(stored_id: str) -> None:
    library_state.library().undelete(stored_id)
    open_stored(stored_id)


def _dismiss_missing() -> None:
    st.session_state.pop(MISSING_KEY, None)


def missing_notice() -> None:
    """When the ``?case=`` of this session named a case that could not be opened: which, why, and
    what is open instead, with the way to the Case library (and back to a deleted case)."""
    missing = st.session_state.get(MISSING_KEY)
    if missing is None:
        return
    wanted, why, details = missing
    t = display.t()
    shown_id = display.literal(wanted[:40] + ("…" if len(wanted) > 40 else ""))
    instead = display.literal(case().title) or t("nav.untitled")
    if why == "deleted":
        lines = [
            t("library.missing_deleted", case_id=shown_id, title_missing=display.literal(details) or t("nav.untitled"))
        ]
    elif why == "unreadable":
        problems = [f"- {display.literal(line)}" for line in problem_lines(details, display.lang())]
        lines = ["\n".join([t("library.missing_unreadable", case_id=shown_id), *problems])]
    else:
        lines = [t("library.missing_unknown", case_id=shown_id)]
    with st.container(border=True, key="case_missing_notice"):
        st.warning("\n\n".join([*lines, t("library.missing_instead", title=instead)]), icon=":material/search_off:")
        with st.container(horizontal=True):
            st.page_link("app_pages/library.py", label=t("nav.library"), icon=":material/library_books:")
            if why == "deleted":
                st.button(
                    t("library.missing_restore"), key="case_missing_restore", on_click=_bring_back, args=(wanted,)
                )
            st.button(t("library.missing_dismiss"), key="case_missing_dismiss", on_click=_dismiss_missing)


def refused_notice() -> None:
    """While the open case is one whose stored version today's checks refuse: what, by field."""
    refused = st.session_state.get(REFUSED_KEY)
    if refused is None or refused[0] != st.session_state.get(CASE_ID_KEY):
        return
    _, version, error = refused
    t = display.t()
    lines = [f"- {display.literal(line)}" for line in problem_lines(error, display.lang())]
    st.warning(
        "\n".join([t("library.refused_intro", version=version), *lines])
        + "\n\n"
        + t("library.refused_after", version=version),
        icon=":material/build:",
    )


# -- saving: autosave and two tabs on one case --------------------------------------


def _autosave(new_case: Case) -> None:
    if CASE_ID_KEY not in st.session_state:
        _attach()
        return
    if CONFLICT_KEY in st.session_state:
        return  # saved once the user has chosen in conflict_notice()
    try:
        version = library_state.library().save(
            st.session_state[CASE_ID_KEY], new_case, st.session_state[CASE_VERSION_KEY], recommended(new_case)
        )
    except Conflict:
        _merge_or_ask(new_case)
    except UnknownCase:
        open_new(new_case)
    except library_state.ERRORS as error:
        library_state.not_saved(error)
    else:
        _saved(version)


def _saved(version: int) -> None:
    st.session_state[CASE_VERSION_KEY] = version
    st.session_state.pop(REFUSED_KEY, None)
    library_state.forget_problem("library.not_saved")


def _three_way(mine: Case, prefer: Literal["mine", "theirs"]) -> tuple[Case | None, tuple[str, ...], int]:
    """This tab's case merged with the library's latest version, from the version this tab started from.

    Returns the merged case (None when the merge is not a valid case), the fields both changed
    (a conflict takes ``prefer``'s value) and the library's version merged with.
    """
    library = library_state.library()
    stored_id = st.session_state[CASE_ID_KEY]
    theirs = library_state.fetch(stored_id)
    try:
        base: dict[str, Any] | None = library.version(stored_id, st.session_state[CASE_VERSION_KEY]).model_dump(
            mode="json"
        )
    except (UnknownCase, CaseError):
        base = None  # no longer in the history (or no longer valid): every difference is asked about
    result = merge.merge(base, mine.model_dump(mode="json"), theirs.case.model_dump(mode="json"), prefer)
    try:
        merged = parse_case(result.data)
    except CaseError as error:
        return (
            None,
            (*result.conflicts, *(p.path for p in error.details if p.path not in result.conflicts)),
            (theirs.record.version),
        )
    return merged, result.conflicts, theirs.record.version


def _merge_or_ask(mine: Case) -> None:
    """Another tab saved this case since this tab's version: keep both edits when they changed
    different fields; otherwise save nothing and ask (``conflict_notice``)."""
    t = display.t()
    for _ in range(MERGE_ATTEMPTS):
        merged, conflicts, theirs = _three_way(mine, "mine")
        if merged is None or conflicts:
            st.session_state[CONFLICT_KEY] = (theirs, conflicts)
            st.toast(t("library.conflict", version=theirs), icon=":material/warning:")
            return
        try:
            version = library_state.library().save(st.session_state[CASE_ID_KEY], merged, theirs, recommended(merged))
        except Conflict:
            continue  # yet another save in between: merge again
        st.session_state[CASE_KEY] = merged
        _saved(version)
        st.toast(t("library.merged", version=theirs), icon=":material/merge:")
        return
    st.session_state[CONFLICT_KEY] = (library_state.library().record(st.session_state[CASE_ID_KEY]).version, ())


def _keep_mine() -> None:
    """This tab's value for each field both tabs changed, the other tab's changes to other fields."""
    library = library_state.library()
    stored_id = st.session_state[CASE_ID_KEY]
    merged, _, current = _three_way(case(), "mine")
    kept = merged if merged is not None else case()
    try:
        version = library.save(stored_id, kept, current, recommended(kept), event="kept")
    except Conflict as conflict:
        st.session_state[CONFLICT_KEY] = (conflict.current_version, st.session_state[CONFLICT_KEY][1])
        return
    st.session_state[CASE_KEY] = kept
    st.session_state.pop(CONFLICT_KEY, None)
    _saved(version)


def _load_theirs() -> None:
    open_stored(st.session_state[CASE_ID_KEY])


# The fields of the case that have a name on a page (the inputs of the registry are named by their label).
FIELD_LABELS = {
    "title": "case_page.case_title",
    "profile.organisation": "case_page.organisation",
    "profile.system": "case_page.system",
    "profile.supplier": "case_page.supplier",
    "profile.contract": "case_page.contract",
    "profile.contract_value": "case_page.contract_value",
    "start_date": "case_page.start_date",
    "triage.weekly_board_agenda": "triage_page.board_label",
    "triage.continuity_threat": "triage_page.continuity_label",
    "triage.client_recognises_supplier": "triage_page.client_label",
    "triage.supplier_values_client": "triage_page.supplier_label",
    "smart_goals": "agreement.criteria_heading",
    "negotiation.people": "negotiation.field.people",
    "negotiation.client_interests": "negotiation.field.client_interests",
    "negotiation.supplier_interests": "negotiation.field.supplier_interests",
    "negotiation.criteria": "negotiation.field.criteria",
    "negotiation.options": "negotiation.principle.options",
    "variants": "variants.title",
}
DIAGNOSIS_PARTS = {
    "client": "diagnosis.client_label",
    "supplier": "diagnosis.supplier_label",
    "evidence": "diagnosis.evidence_label",
}


def field_label(path: str) -> str:
    """A field of the case as its page names it ("Cost of the dysfunction"), else its path in the case file."""
    t = display.t()
    if path in BY_PATH:
        return t(BY_PATH[path].label_key)
    if path in FIELD_LABELS:
        return t(FIELD_LABELS[path])
    group, _, rest = path.partition(".")
    area, _, part = rest.partition(".")
    if group == "diagnosis" and part in DIAGNOSIS_PARTS:
        return f"{t(f'diagnosis.area.{area}.name')} · {t(DIAGNOSIS_PARTS[part])}"
    return path


def conflict_notice() -> None:
    """When another tab saved this case meanwhile and both changed the same fields: a warning naming
    them and the choice, keep mine (merged with the other tab's other changes) or load theirs."""
    pending = st.session_state.get(CONFLICT_KEY)
    if pending is None:
        return
    theirs, fields = pending
    t = display.t()
    with st.container(border=True):
        message = t("library.conflict", version=theirs)
        if fields:
            names = ", ".join(display.literal(field_label(path)) for path in dict.fromkeys(fields))
            message += " " + t("library.conflict_fields", fields=names)
        st.warning(message, icon=":material/warning:")
        mine, other = st.columns(2)
        mine.button(
            t("library.keep_mine"),
            on_click=_keep_mine,
            key="conflict_keep_mine",
            help=t("library.keep_mine_help") + " " + t("library.keep_mine_merge_help"),
        )
        other.button(
            t("library.load_theirs"),
            on_click=_load_theirs,
            key="conflict_load_theirs",
            help=t("library.load_theirs_help"),
        )
