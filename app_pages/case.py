"""Case: who and what, the time frame, and the sunk costs (shown, not decision-relevant).

Every widget is bound to one case field (``widgets.bound``): a change is
validated and applied at once; an entry the case rejects stays in the widget
with its message next to it, and the case keeps its value.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from decision.analysis.inputs import from_display, to_display
from decision.model.case import FIRST_DATE, LAST_DATE, Case, Profile
from decision.model.registry import MAX_EURO
from ui import case_state, display, widgets

MONEY_STEP = 1000.0


def field(
    widget: Callable[..., Any],
    label: str,
    path: str,
    current: Any,
    invalid: str,
    caption: str | None = None,
    to_case: Callable[[Any], Any] | None = None,
    **options: Any,
) -> None:
    """A widget bound to the case field ``path`` (its value in the widget's units: ``current``);
    ``invalid`` below it while it holds an entry the case refused."""
    key = f"case_page.{path}"
    widget(
        t(f"case_page.{label}"),
        help=t(f"case_page.{label}_help"),
        **options,
        **widgets.bound(key, path, current, to_case),
    )
    if caption is not None:
        st.caption(caption)
    widgets.error_if_rejected(key, invalid)


def text_field(label: str, path: str, value: str, area: bool = False) -> None:
    """A text of the case, limited to what the case file allows."""
    widget = st.text_area if area else st.text_input
    *group, name = path.split(".")
    limit = widgets.max_chars(Profile if group else Case, name)
    field(widget, label, path, value, t("case_page.invalid.text"), max_chars=limit)


def too_large(path: str) -> bool:
    """True when the field ``path`` holds an entry above the largest amount a case accepts (1e30, infinity)."""
    entry = st.session_state.get(f"case_page.{path}")
    return isinstance(entry, (int, float)) and entry > MAX_EURO


def money_field(label: str, path: str, value: float | None, optional: bool = False, **kept: Any) -> None:
    """A euro amount from 0 to a thousand billion; an optional one may be left empty."""
    field(
        st.number_input,
        label,
        path,
        value,
        t(f"case_page.invalid.{label}_too_large", amount_limit=MAX_EURO, **kept)
        if too_large(path)
        else t(f"case_page.invalid.{label}", **kept),
        caption=None if value is None else t("case_page.amount", amount=value),
        value=None if optional else "min",
        step=MONEY_STEP,
        format="%.0f",
    )


t = display.t()
case = case_state.case()
profile = case.profile

st.title(t("case_page.title"))
st.caption(t("case_page.intro"))

who, frame = st.columns([3, 2], gap="large")
with who:
    st.subheader(t("case_page.who_heading"))
    text_field("case_title", "title", case.title)
    text_field("organisation", "profile.organisation", profile.organisation)
    text_field("system", "profile.system", profile.system)
    text_field("supplier", "profile.supplier", profile.supplier)
    text_field("contract", "profile.contract", profile.contract, area=True)
    money_field(
        "contract_value",
        "profile.contract_value",
        profile.contract_value,
        optional=True,
        amount_kept=t("case_page.no_amount")
        if profile.contract_value is None
        else display.money(profile.contract_value),
    )

with frame:
    st.subheader(t("case_page.time_heading"))
    field(
        st.number_input,
        "horizon",
        "horizon_months",
        case.horizon_months,
        t("case_page.invalid.horizon", months=case.horizon_months),
        step=1,
    )
    field(
        st.number_input,
        "discount_rate",
        "discount_rate",
        to_display("share_year", case.discount_rate),
        t("case_page.invalid.discount_rate", share_kept=case.discount_rate),
        to_case=partial(from_display, "share_year"),
        step=0.5,
        format="%.1f",
    )
    field(
        st.date_input,
        "start_date",
        "start_date",
        case.start_date,
        t("case_page.invalid.start_date"),
        value=None,
        min_value=FIRST_DATE,
        max_value=LAST_DATE,
        # One format in both languages: a format change makes a new widget, which came up empty on a language switch.
        format="DD-MM-YYYY",
    )

    with st.container(border=True):
        st.markdown(f"**{t('case_page.sunk_heading')}**")
        st.caption(t("case_page.sunk_explanation"))
        money_field(
            "invested", "sunk.invested_to_date", case.sunk.invested_to_date, amount_kept=case.sunk.invested_to_date
        )
        money_field("book_value", "sunk.book_value", case.sunk.book_value, amount_kept=case.sunk.book_value)

if st.button(t("case_page.next"), type="primary", key="case_page.next"):
    st.switch_page("app_pages/diagnosis.py")
