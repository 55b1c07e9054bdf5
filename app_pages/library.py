"""The case library: every case with its last change and recommendation; open, duplicate,
rename, delete (with undo), version history with restore, and import/export of case files."""

import datetime as dt
import json

import pandas as pd
import streamlit as st

from decision.model.presets import EXAMPLE, load_preset
from decision.model.problems import CaseError, problem_lines
from decision.store.library import CaseRecord, Conflict, file_stem
from decision.text import fmt
from decision.text.markdown import escape_markdown
from ui import cache, case_state, display, library_state, widgets

UNDO_KEY = "library_deleted"
UPLOADS_KEY = "library_uploads"
SELECTED_KEY = "library_selected"

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


def delete(record: CaseRecord) -> None:
    library.delete(record.id)
    st.session_state.setdefault(UNDO_KEY, []).append((record.id, record.title))
    if record.id == open_id:
        remaining = library.latest()
        if remaining is None:
            case_state.open_new(load_preset(EXAMPLE))
        else:
            case_state.open_stored(remaining.id)


def duplicate(record: CaseRecord) -> None:
    copy_title = t("library.copy_of", title=record.title or t("nav.untitled"))[:200]
    st.session_state[SELECTED_KEY] = library.duplicate(record.id, copy_title).id


def undo_delete() -> None:
    case_id, _ = st.session_state[UNDO_KEY].pop()
    library.undelete(case_id)


st.title(t("library.title"))
st.caption(t("library.intro"))

undo = st.session_state.get(UNDO_KEY) or []
if undo:
    with st.container(border=True):
        st.markdown(t("library.deleted", title=escape_markdown(undo[-1][1] or t("nav.untitled"))))
        st.button(t("library.undo"), on_click=undo_delete, key="library_undo", icon=":material/undo:")

records = library.cases()
st.dataframe(
    pd.DataFrame(
        {
            t("library.col_open"): ["●" if r.id == open_id else "" for r in records],
            t("library.col_title"): [title_of(r) for r in records],
            t("library.col_organisation"): [r.organisation for r in records],
            t("library.col_updated"): [when(r.updated) for r in records],
            t("library.col_recommendation"): [
                t.strategy(r.recommendation) if r.recommendation else "–" for r in records
            ],
            t("library.col_versions"): [r.version for r in records],
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

by_id = {r.id: r for r in records}
if not by_id:
    st.info(t("library.empty"))
    st.stop()
if st.session_state.get(SELECTED_KEY) not in by_id:
    st.session_state[SELECTED_KEY] = open_id if open_id in by_id else records[0].id
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
selected = by_id[selected_id]

st.subheader(t("library.actions", title=escape_markdown(title_of(selected))))
open_col, duplicate_col, delete_col = st.columns(3)
open_col.button(
    t("library.open"),
    disabled=selected.id == open_id,
    key="library_open",
    icon=":material/folder_open:",
    width="stretch",
    help=t("library.open_help"),
    on_click=case_state.open_stored,
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
with delete_col.popover(t("library.delete"), icon=":material/delete:", width="stretch", help=t("library.delete_help")):
    st.markdown(t("library.delete_confirm", title=escape_markdown(title_of(selected))))
    st.button(t("library.delete_yes"), type="primary", key="library_delete_yes", on_click=delete, args=(selected,))

with st.form("library_rename_form", border=False):
    new_title = st.text_input(
        t("library.rename_label"),
        value=selected.title,
        max_chars=200,
        key=f"library_rename_{selected.id}",
        help=t("library.rename_help"),
    )
    if st.form_submit_button(t("library.rename"), icon=":material/edit:"):
        try:
            library.rename(selected.id, new_title, expected_version(selected.id))
        except CaseError as error:
            st.error("\n".join(escape_markdown(p) for p in problem_lines(error, display.lang())))
        except Conflict:
            st.warning(t("library.rename_conflict"))
        else:
            after_change(selected.id)
            st.rerun()

st.subheader(t("library.history"))
st.caption(t("library.history_help"))
versions = library.history(selected.id)
st.dataframe(
    pd.DataFrame(
        {
            t("library.col_version"): [v.version for v in versions],
            t("library.col_saved"): [when(v.saved) for v in versions],
            t("library.col_title"): [v.title or t("nav.untitled") for v in versions],
            t("library.col_event"): [t(f"library.event_{v.event}", version=v.restored_from or 0) for v in versions],
        }
    ),
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(versions), 300),
)
chosen = st.selectbox(
    t("library.version_pick"),
    [v.version for v in versions],
    format_func=lambda number: t("library.version_label", version=number),
    key=f"library_version_{selected.id}",
    help=t("library.version_pick_help"),
)
if st.button(
    t("library.restore"),
    key="library_restore",
    icon=":material/history:",
    disabled=chosen == selected.version,
    help=t("library.restore_help"),
):
    earlier = library.version(selected.id, chosen)
    try:
        library.restore(
            selected.id, chosen, expected_version(selected.id), cache.evaluation(earlier).recommendation.strategy
        )
    except Conflict:
        st.warning(t("library.rename_conflict"))
    else:
        after_change(selected.id)
        st.rerun()

st.divider()
st.subheader(t("library.transfer"))
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
    uploaded = st.file_uploader(t("library.upload"), type=["json"], key="library_upload", help=t("library.upload_help"))
    if uploaded is not None:
        outcomes = st.session_state.setdefault(UPLOADS_KEY, {})
        if uploaded.file_id not in outcomes:
            try:
                outcomes[uploaded.file_id] = ("imported", case_state.import_case_file(uploaded.getvalue()))
            except CaseError as error:
                outcomes[uploaded.file_id] = ("refused", error)
            st.rerun()
        outcome, detail = outcomes[uploaded.file_id]
        if outcome == "imported":
            st.success(t("library.imported", name=escape_markdown(uploaded.name)))
        else:
            st.error(
                t("library.refused", name=escape_markdown(uploaded.name))
                + "\n\n"
                + "\n".join(f"- {escape_markdown(problem)}" for problem in problem_lines(detail, display.lang()))
            )
