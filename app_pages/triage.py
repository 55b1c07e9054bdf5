"""Triage: the source text's four questions, its reasoning next to each, and what follows.

What follows comes from ``decision.model.triage.triage``; this page only asks and shows.
"""

from __future__ import annotations

import streamlit as st

from decision.model.case import STRATEGIES
from decision.model.triage import recognition_fails, triage
from ui import state

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


def acute_question(name: str, field: str, answer: bool) -> None:
    """A yes/no question; "yes" makes the problem acute."""
    question, reasoning = st.columns([3, 2], gap="large")
    with question:
        st.segmented_control(
            t(f"triage_page.{name}_label"),
            ANSWERS,
            format_func=yes_no,
            required=True,
            wrap=True,
            help=t(f"triage_page.{name}_help"),
            **state.bound(f"triage_page.{field}", f"triage.{field}", answer),
        )
        if answer:
            st.warning(t(f"triage_page.{name}_yes"))
        else:
            st.success(t(f"triage_page.{name}_no"))
    with reasoning:
        source_quote(name)


def recognition_question(name: str, field: str, score: int | None) -> None:
    """A 1-5 score that may be left unassessed; 2 or lower rules out solving."""
    question, reasoning = st.columns([3, 2], gap="large")
    with question:
        st.segmented_control(
            t(f"triage_page.{name}_label"),
            SCORES,
            format_func=score_label,
            wrap=True,
            help=f"{t(f'triage_page.{name}_help')} {t('triage_page.scale_help')}",
            **state.bound(f"triage_page.{field}", f"triage.{field}", score),
        )
        if score is None:
            st.info(t("triage_page.recognition_none"))
        elif recognition_fails(score):
            st.warning(t("triage_page.recognition_fails"))
        else:
            st.success(t("triage_page.recognition_holds"))
    with reasoning:
        source_quote(name)


t = state.t()
case = state.case()
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
follows, remaining = st.columns([3, 2], gap="large")
with follows:
    st.subheader(t("triage_page.follows_heading"))
    for reason in outcome.reasons:
        st.markdown(f"- {t(reason.key, **reason.values)}")
with remaining:
    st.subheader(t("triage_page.allowed_heading"))
    for strategy in STRATEGIES:
        if strategy in outcome.allowed:
            st.markdown(f"{ALLOWED_ICON} {t('triage_page.allowed', strategy=strategy)}")
        else:
            st.markdown(f"{RULED_OUT_ICON} {t('triage_page.ruled_out', strategy=strategy)}")
    st.caption(t("triage_page.comparison_note"))

if st.button(t("triage_page.next"), type="primary", key="triage_page.next"):
    st.switch_page("app_pages/assumptions.py")
