"""Triage: the source text's four questions, its reasoning next to each, and what follows.

What follows comes from ``decision.model.triage.triage``; this page only asks and shows. The two optional
ways out (another implementation partner, leaving by agreement) are always allowed (MODEL.md 7.7): the
page says why, and where to switch them on while the case has neither.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from decision.analysis.completeness import unanswered
from decision.model.options import OPTIONS
from decision.model.registry import strategies_of
from decision.model.triage import recognition_fails, triage
from ui import case_state, display, widgets

ANSWERS = [True, False]
SCORES = [1, 2, 3, 4, 5]
# Material icons ship with Streamlit, so they show without an emoji font; the words carry the meaning too.
ALLOWED_ICON = ":green[:material/check_circle:]"
RULED_OUT_ICON = ":red[:material/block:]"


def yes_no(answer: bool) -> str:
    return t("triage_page.yes") if answer else t("triage_page.no")


def score_label(score: int) -> str:
    return f"{score} · {t(f'triage_page.scale.{score}')}"


def source_quote(name: str) -> None:
    st.caption(t("triage_page.source"))
    st.markdown(f"> *{t(f'triage_page.{name}_source')}*")


def question(
    name: str,
    field: str,
    value: Any,
    options: list[Any],
    format_func: Callable[[Any], str],
    help_text: str,
    **more: Any,
) -> DeltaGenerator:
    """The question's control on the left, the source text's reasoning on the right; returns the left column."""
    left, right = st.columns([3, 2], gap="large")
    left.segmented_control(
        t(f"triage_page.{name}_label"),
        options,
        format_func=format_func,
        wrap=True,
        help=help_text,
        **more,
        **widgets.bound(f"triage_page.{field}", f"triage.{field}", value),
    )
    with right:
        source_quote(name)
    return left


def acute_question(name: str, field: str, answer: bool | None) -> None:
    """A yes/no question, unanswered in a new case; "yes" makes the problem acute."""
    column = question(name, field, answer, ANSWERS, yes_no, t(f"triage_page.{name}_help"))
    if answer is None:
        column.info(t("triage_page.unanswered"), icon=":material/help:")
    elif answer:
        column.warning(t(f"triage_page.{name}_yes"))
    else:
        column.info(t(f"triage_page.{name}_no"))


def recognition_question(name: str, field: str, score: int | None) -> None:
    """A 1-5 score that may be left unassessed; 2 or lower rules out solving."""
    help_text = f"{t(f'triage_page.{name}_help')} {t('triage_page.scale_help')}"
    column = question(name, field, score, SCORES, score_label, help_text)
    if score is None:
        column.info(t("triage_page.unanswered"), icon=":material/help:")
    elif recognition_fails(score):
        column.warning(t("triage_page.recognition_fails"))
    else:
        column.success(t("triage_page.recognition_holds"))


t = display.t()
case = case_state.case()
answers = case.triage

st.title(t("triage_page.title"))
st.markdown(t("triage_page.intro"))

with st.container(border=True):
    acute_question("board", "weekly_board_agenda", answers.weekly_board_agenda)
with st.container(border=True):
    acute_question("continuity", "continuity_threat", answers.continuity_threat)
st.markdown(f"*{t('triage_page.recognition_intro')}*")
with st.container(border=True):
    recognition_question("client", "client_recognises_supplier", answers.client_recognises_supplier)
with st.container(border=True):
    recognition_question("supplier", "supplier_values_client", answers.supplier_values_client)

outcome = triage(case)
open_questions = unanswered(case)
if open_questions:
    st.warning(t("triage_page.still_open", count=len(open_questions)), icon=":material/pending_actions:")
follows, remaining = st.columns([3, 2], gap="large")
with follows:
    st.markdown("## " + t("triage_page.follows_heading"))  # h2: the page title is the h1
    for reason in outcome.reasons:
        st.markdown(f"- {t(reason.key, **reason.values)}")
with remaining:
    st.markdown("## " + t("triage_page.allowed_heading"))  # h2: the page title is the h1
    for strategy in strategies_of(case):
        if strategy in outcome.allowed:
            st.markdown(f"{ALLOWED_ICON} {t('triage_page.allowed', strategy=strategy)}")
        else:
            st.markdown(f"{RULED_OUT_ICON} {t('triage_page.ruled_out', strategy=strategy)}")
    st.caption(t("triage_page.comparison_note"))
    with st.container(key="triage_page.options"):
        st.markdown(t("triage_page.options_always"))
        if not any(getattr(case, group) is not None for group in OPTIONS):
            st.page_link("app_pages/case.py", label=t("triage_page.options_switch"), icon=":material/add_road:")

if st.button(t("triage_page.next"), type="primary", key="triage_page.next"):
    st.switch_page("app_pages/assumptions.py")
