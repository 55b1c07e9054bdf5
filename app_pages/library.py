"""The case library: every case with its last change and recommendation; open, duplicate,
rename, delete (with undo), version history with restore, and import/export of case files.

A library may hold hundreds of cases and a case hundreds of versions: the list shows one
page of cases at a time (``PAGE_SIZE``, searchable by title and organisation), and the
version history is read only when asked for, one page at a time (``HISTORY_PAGE_SIZE``).
"""

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from decision.model.case import Case
from decision.model.presets import EXAMPLE, load_preset
from decision.model.problems import CaseError, problem_lines
from decision.store.library import CaseRecord, Conflict, UnknownCase, file_stem
from decision.text import fmt
from ui import case_state, display, library_state, widgets

UNDO_KEY = "library_deleted"
UPLOADS_KEY = "library_uploads"
SELECTED_KEY = "library_selected"
PAGE_KEY = "library_page"
SEARCH_KEY = "library_search"
HISTORY_KEY = "library_history_shown"
HISTORY_PAGE_KEY = "library_history_page"
# What an action started from a button could not do (shown where the action is): (case id, text).
REFUSED_KEY = "library_refused"
PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 20

t = display.t()
lang = display.lang()
library = library_state.library()
open_id = case_state.case_id()


def when(moment: dt.datetime) -> str:
    local = moment.astimezone()
    return f"{fmt.date(local.date(), lang)} {local:%H:%M}"


def title_of(record: CaseRecord) -> str:
    return record.title or t("nav.untitled")


def expected_version(case_id: str) -> int:
    """The open case is saved from the version this session holds; others from the latest."""
    return case_state.case_version() if case_id == open_id else library.record(case_id).version


def after_change(case_id: str) -> None:
    if case_id == open_id:
        case_state.open_stored(case_id)


def refusal(intro: str, error: CaseError) -> str:
    """Why an action on a stored case was refused: ``intro`` and the case's problems, one a line."""
    return "\n".join([intro, *(f"- {display.literal(line)}" for line in problem_lines(error, lang))])


def refused(case_id: str, intro: str, error: CaseError) -> None:
    """From a button's callback: shown once, next to the case's actions (``show_refused``)."""
    st.session_state[REFUSED_KEY] = (case_id, refusal(intro, error))


def open_case(case_id: str) -> None:
    try:
        case_state.open_stored(case_id)
    except CaseError as error:
        refused(case_id, t("library.missing_unreadable", case_id=display.literal(case_id)), error)


def delete(record: CaseRecord) -> None:
    library.delete(record.id)
    st.session_state.setdefault(UNDO_KEY, []).append((record.id, record.title))
    if record.id == open_id:
        remaining = library.latest()
        try:
            if remaining is None:
                raise UnknownCase("no case left")
            case_state.open_stored(remaining.id)
        except (UnknownCase, CaseError):
            case_state.open_preset(load_preset(EXAMPLE, lang))


def duplicate(record: CaseRecord) -> None:
    copy_title = t("library.copy_of", title=record.title or t("nav.untitled"))[:200]
    try:
        st.session_state[SELECTED_KEY] = library.duplicate(record.id, copy_title).id
    except CaseError as error:
        refused(record.id, t("library.duplicate_refused"), error)


def undo_delete() -> None:
    case_id, _ = st.session_state[UNDO_KEY].pop()
    library.undelete(case_id)


def pager(key: str, count: int, size: int, range_key: str, focus: int | None = None) -> int:
    """Previous / next over ``count`` items, ``size`` a page; returns the first item's index.

    The page starts on the one holding the item ``focus`` (the open case) the first time.
    """
    pages = max(1, -(-count // size))
    if key not in st.session_state:
        st.session_state[key] = (focus or 0) // size
    page = min(max(st.session_state[key], 0), pages - 1)
    st.session_state[key] = page
    first = page * size
    if pages > 1:
        with st.container(horizontal=True, vertical_alignment="center", key=f"{key}_controls"):
            st.button(
                t("library.previous_page"),
                key=f"{key}_previous",
                icon=":material/chevron_left:",
                disabled=page == 0,
                on_click=turn,
                args=(key, -1),
            )
            st.caption(t(range_key, first=first + 1, last=min(first + size, count), count=count))
            st.button(
                t("library.next_page"),
                key=f"{key}_next",
                icon=":material/chevron_right:",
                icon_position="right",
                disabled=page == pages - 1,
                on_click=turn,
                args=(key, 1),
            )
    return first


def turn(key: str, step: int) -> None:
    st.session_state[key] = st.session_state.get(key, 0) + step


def matching(records: Sequence[CaseRecord], search: str) -> list[CaseRecord]:
    words = search.casefold().split()
    return [r for r in records if all(w in f"{r.title} {r.organisation}".casefold() for w in words)]


def case_table(shown: Sequence[CaseRecord]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("library.col_open"): ["●" if r.id == open_id else "" for r in shown],
                t("library.col_title"): [title_of(r) for r in shown],
                t("library.col_organisation"): [r.organisation for r in shown],
                t("library.col_updated"): [when(r.updated) for r in shown],
                t("library.col_recommendation"): [
                    t.strategy(r.recommendation) if r.recommendation else "–" for r in shown
                ],
                t("library.col_versions"): [r.version for r in shown],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            t("library.col_open"): st.column_config.TextColumn(width=50),
            t("library.col_title"): st.column_config.TextColumn(width="medium"),
            t("library.col_organisation"): st.column_config.TextColumn(width="medium"),
        },
    )


def show_refused(case_id: str) -> None:
    notice = st.session_state.pop(REFUSED_KEY, None)
    if notice is not None and notice[0] == case_id:
        st.error(notice[1], icon=":material/error:")


def history(selected: CaseRecord) -> None:
    """The version history of ``selected``, read when asked for, a page at a time; restore a version."""
    st.header(t("library.history"), anchor=False)
    st.caption(t("library.history_help"))
    if not st.toggle(t("library.history_show"), key=HISTORY_KEY):
        return
    versions = library.history(selected.id)
    page_key = f"{HISTORY_PAGE_KEY}_{selected.id}"
    first = pager(page_key, len(versions), HISTORY_PAGE_SIZE, "library.versions_range")
    shown = versions[first : first + HISTORY_PAGE_SIZE]
    st.dataframe(
        pd.DataFrame(
            {
                t("library.col_version"): [v.version for v in shown],
                t("library.col_saved"): [when(v.saved) for v in shown],
                t("library.col_title"): [v.title or t("nav.untitled") for v in shown],
                t("library.col_event"): [t(f"library.event_{v.event}", version=v.restored_from or 0) for v in shown],
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 300),
    )
    chosen = st.selectbox(
        t("library.version_pick"),
        [v.version for v in shown],
        format_func=lambda number: t("library.version_label", version=number),
        key=f"library_version_{selected.id}_{first}",
        help=t("library.version_pick_help"),
    )
    if st.button(
        t("library.restore"),
        key="library_restore",
        icon=":material/history:",
        disabled=chosen == selected.version,
        help=t("library.restore_help"),
    ):
        try:
            earlier = library.version(selected.id, chosen)
            library.restore(selected.id, chosen, expected_version(selected.id), case_state.recommended(earlier))
        except CaseError as error:
            st.error(refusal(t("library.restore_refused", version=chosen), error), icon=":material/error:")
        except Conflict:
            st.warning(t("library.rename_conflict"))
        else:
            after_change(selected.id)
            st.rerun()


def rename(selected: CaseRecord, new_title: str) -> None:
    try:
        library.rename(selected.id, new_title, expected_version(selected.id))
    except CaseError as error:
        if selected.id == open_id:  # a stored case today's checks refuse: the open, repaired case takes the title
            problems = case_state.try_update({"title": new_title})
            if not problems:
                st.rerun()
            st.error("\n".join(display.literal(p) for p in problems))
            return
        st.error("\n".join(display.literal(p) for p in problem_lines(error, lang)))
    except Conflict:
        st.warning(t("library.rename_conflict"))
    else:
        after_change(selected.id)
        st.rerun()


def cases_section() -> None:
    """One page of the cases (those matching the search), the case to work with, its actions and history."""
    records = library.cases()
    if not records:
        st.info(t("library.empty"))
        return
    search = st.text_input(
        t("library.search"), key=SEARCH_KEY, help=t("library.search_help"), icon=":material/search:", max_chars=200
    )
    found = matching(records, search) if search.strip() else records
    if not found:
        st.info(t("library.no_match", search=display.literal(search.strip())))
        return
    ids = [r.id for r in found]
    first = pager(PAGE_KEY, len(found), PAGE_SIZE, "library.page_range", ids.index(open_id) if open_id in ids else 0)
    page = found[first : first + PAGE_SIZE]
    case_table(page)

    by_id = {r.id: r for r in page}
    if st.session_state.get(SELECTED_KEY) not in by_id:
        st.session_state[SELECTED_KEY] = open_id if open_id in by_id else page[0].id
    labels = {case_id: f"{title_of(record)} · {when(record.updated)}" for case_id, record in by_id.items()}
    # A new widget whenever a label changes (a rename): the browser would otherwise keep showing the old label.
    selected_id = st.selectbox(
        t("library.select"),
        list(by_id),
        index=list(by_id).index(st.session_state[SELECTED_KEY]),
        format_func=labels.__getitem__,
        help=t("library.select_help"),
        key=widgets.fresh_key("library_select", json.dumps(labels)),
    )
    st.session_state[SELECTED_KEY] = selected_id
    actions(by_id[selected_id])
    history(by_id[selected_id])


def actions(selected: CaseRecord) -> None:
    st.header(t("library.actions", title=display.literal(title_of(selected))), anchor=False)
    show_refused(selected.id)
    open_col, duplicate_col, delete_col = st.columns(3)
    open_col.button(
        t("library.open"),
        disabled=selected.id == open_id,
        key="library_open",
        icon=":material/folder_open:",
        width="stretch",
        help=t("library.open_help"),
        on_click=open_case,
        args=(selected.id,),
    )
    duplicate_col.button(
        t("library.duplicate"),
        key="library_duplicate",
        icon=":material/content_copy:",
        width="stretch",
        help=t("library.duplicate_help"),
        on_click=duplicate,
        args=(selected,),
    )
    with delete_col.popover(
        t("library.delete"), icon=":material/delete:", width="stretch", help=t("library.delete_help")
    ):
        st.markdown(t("library.delete_confirm", title=display.literal(title_of(selected))))
        st.button(t("library.delete_yes"), type="primary", key="library_delete_yes", on_click=delete, args=(selected,))
    with st.form("library_rename_form", border=False):
        new_title = st.text_input(
            t("library.rename_label"),
            value=selected.title,
            max_chars=widgets.max_chars(Case, "title"),
            key=f"library_rename_{selected.id}",
            help=t("library.rename_help"),
        )
        if st.form_submit_button(t("library.rename"), icon=":material/edit:"):
            rename(selected, new_title)


def transfer() -> None:
    st.divider()
    st.header(t("library.transfer"), anchor=False)
    export_col, import_col = st.columns(2)
    with export_col:
        st.markdown(t("library.export_help"))
        st.download_button(
            t("library.download"),
            data=case_state.case().to_json(),
            file_name=f"{file_stem(case_state.case().title)}.json",
            mime="application/json",
            icon=":material/download:",
            key="library_download",
        )
    with import_col:
        st.markdown(t("library.upload_text"))
        uploaded = st.file_uploader(
            t("library.upload"), type=["json"], key="library_upload", help=t("library.upload_help")
        )
        if uploaded is None:
            return
        outcomes: dict[str, tuple[str, Any]] = st.session_state.setdefault(UPLOADS_KEY, {})
        if uploaded.file_id not in outcomes:
            try:
                outcomes[uploaded.file_id] = ("imported", case_state.import_case_file(uploaded.getvalue()))
            except CaseError as error:
                outcomes[uploaded.file_id] = ("refused", error)
            st.rerun()
        outcome, detail = outcomes[uploaded.file_id]
        if outcome == "imported":
            st.success(t("library.imported", name=display.literal(uploaded.name)))
        else:
            st.error(
                t("library.refused", name=display.literal(uploaded.name))
                + "\n\n"
                + "\n".join(f"- {display.literal(problem)}" for problem in problem_lines(detail, lang))
            )


st.title(t("library.title"))
st.caption(t("library.intro"))

undo = st.session_state.get(UNDO_KEY) or []
if undo:
    with st.container(border=True):
        st.markdown(t("library.deleted", title=display.literal(undo[-1][1]) or t("nav.untitled")))
        st.button(t("library.undo"), on_click=undo_delete, key="library_undo", icon=":material/undo:")
cases_section()
transfer()
