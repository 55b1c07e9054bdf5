"""Start: what Kruispunt does, the four ways out, the quick start, and three other ways to begin a case."""

from __future__ import annotations

import streamlit as st

from decision.model.blank import blank_case
from decision.model.presets import load_preset, preset_ids, preset_title
from decision.model.problems import CaseError, problem_lines
from decision.model.quick import QUICK_QUESTIONS
from decision.model.registry import CORE_STRATEGIES
from ui import case_state, display

PRESET_KEY = "start.preset"
UPLOAD_KEY = "start.file"
PROBLEMS_KEY = "start.file_problems"
OPENED_KEY = "start.opened"


def opened(title: str) -> None:
    st.session_state[PROBLEMS_KEY] = None
    st.session_state[OPENED_KEY] = title


def open_new() -> None:
    new_case = blank_case()
    case_state.open_new(new_case)
    opened(new_case.title)


def open_preset() -> None:
    preset = load_preset(st.session_state[PRESET_KEY], display.lang())  # in the interface's language
    case_state.open_preset(preset)
    opened(preset.title)


def open_file() -> None:
    """Open the uploaded case file, or keep the open case and remember the file's problems."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        st.session_state[PROBLEMS_KEY] = None
        return
    try:
        case_state.import_case_file(uploaded.getvalue())
    except CaseError as error:
        st.session_state[PROBLEMS_KEY] = error
        return
    opened(case_state.case().title)


t = display.t()
st.title(t("start.title"))
st.markdown(t("start.intro"))

st.markdown("## " + t("start.ways_heading"))  # h2: the page title is the h1
for column, strategy in zip(st.columns(len(CORE_STRATEGIES)), CORE_STRATEGIES):
    with column.container(border=True, height="stretch"):
        st.markdown(f"**{t.strategy(strategy)}**")
        st.caption(t(f"strategy.{strategy}.short"))

st.markdown("## " + t("start.begin_heading"))  # h2: the page title is the h1
with st.container(border=True):
    quick_text, quick_button = st.columns([2, 1], vertical_alignment="center")
    quick_text.markdown(f"**{t('start.quick_heading')}**")
    quick_text.caption(t("start.quick_text", count=QUICK_QUESTIONS))
    if quick_button.button(
        t("start.quick_button"),
        type="primary",
        icon=":material/bolt:",
        help=t("start.quick_help", count=QUICK_QUESTIONS),
        key="start.quick",
        width="stretch",
    ):
        st.switch_page("app_pages/quick_start.py")
st.caption(t("start.other_ways"))
new_column, preset_column, file_column = st.columns(3)
with new_column.container(border=True, height="stretch"):
    st.markdown(f"**{t('start.new_heading')}**")
    st.caption(t("start.new_text"))
    st.button(t("start.new_button"), help=t("start.new_help"), on_click=open_new, key="start.new")
with preset_column.container(border=True, height="stretch"):
    st.markdown(f"**{t('start.preset_heading')}**")
    st.caption(t("start.preset_text"))
    titles = {preset_id: preset_title(preset_id, t.lang) for preset_id in preset_ids()}
    # A list, not a drop-down: in a third of the page a drop-down cut the titles short ("… kleine groothar").
    st.radio(
        t("start.preset_label"),
        list(titles),
        format_func=titles.__getitem__,
        help=t("start.preset_help"),
        key=PRESET_KEY,
        persist_state="session",
    )
    st.button(
        t("start.preset_button"), help=t("start.preset_button_help"), on_click=open_preset, key="start.open_preset"
    )
with file_column.container(border=True, height="stretch"):
    st.markdown(f"**{t('start.file_heading')}**")
    st.caption(t("start.file_text"))
    st.file_uploader(
        t("start.file_label"),
        type=["json"],
        help=t("start.file_help"),
        key=UPLOAD_KEY,
        on_change=open_file,
        max_upload_size=1,
    )
    refused = st.session_state.get(PROBLEMS_KEY)
    if refused is not None:
        lines = problem_lines(refused, display.lang())
        st.error("\n".join([t("start.file_problems"), *(f"- {display.literal(line)}" for line in lines)]))

opened_title = st.session_state.pop(OPENED_KEY, None)
if opened_title is not None:
    st.success(t("start.opened", title=display.literal(opened_title) or t("nav.untitled")))

case = case_state.case()
with st.container(border=True):
    st.caption(t("start.open_case"))
    st.subheader(display.literal(case.title) or t("nav.untitled"), anchor=False)
    if case.profile.organisation:
        st.text(case.profile.organisation)
    with st.container(horizontal=True):
        if st.button(t("start.next"), type="primary", key="start.next"):
            st.switch_page("app_pages/case.py")
        st.download_button(
            t("start.save_button"),
            data=case.to_json(),
            file_name="kruispunt-case.json",
            mime="application/json",
            help=t("start.save_help"),
            key="start.save",
            on_click="ignore",
        )
