"""Case: who and what, the time frame, the sunk costs (shown, not decision-relevant), and the two
optional ways out the comparison includes (another implementation partner, leaving by agreement).

Every field is bound to one case field: a change is validated and applied at once; an entry the
case rejects stays in its field with a sentence next to it, and the case keeps its value. Numbers
and dates are typed the language's way (``ui.typed``: "400.000" and "31-12-2026" in Dutch).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from decision.analysis.contract_text import liability_cap
from decision.analysis.inputs import from_display, to_display
from decision.model import options
from decision.model.case import FIRST_DATE, LAST_DATE, Case, Profile
from decision.model.registry import MAX_EURO
from ui import case_state, display, settings, typed, widgets


def field(
    widget: Callable[..., Any],
    label: str,
    path: str,
    current: Any,
    invalid: str,
    **options: Any,
) -> None:
    """A widget bound to the case field ``path`` (its value in the widget's units: ``current``);
    ``invalid`` below it while it holds an entry the case refused."""
    key = f"case_page.{path}"
    widget(
        t(f"case_page.{label}"),
        help=t(f"case_page.{label}_help"),
        **options,
        **widgets.bound(key, path, current),
    )
    widgets.error_if_rejected(key, invalid)


def text_field(label: str, path: str, value: str, area: bool = False) -> None:
    """A text of the case, limited to what the case file allows."""
    if typed.masked_text(st, t(f"case_page.{label}"), f"case_page.{path}", value, area=area):
        return  # a workshop with hidden amounts, and this text names amounts
    widget = st.text_area if area else st.text_input
    *group, name = path.split(".")
    limit = widgets.max_chars(Profile if group else Case, name)
    field(widget, label, path, value, t("case_page.invalid.text"), max_chars=limit)


def refused_amount(label: str, kept: float | None, typed_amount: float | None) -> str:
    """Why the case refuses the amount typed in the field ``label``, and what it keeps."""
    amount_kept: Any = t("case_page.no_amount") if kept is None else kept
    if typed_amount is not None and typed_amount > MAX_EURO:
        return t(f"case_page.invalid.{label}_too_large", amount_limit=MAX_EURO, amount_kept=amount_kept)
    return t(f"case_page.invalid.{label}", amount_kept=amount_kept)


def money_field(label: str, path: str, value: float | None, optional: bool = False, empty: str | None = None) -> None:
    """A euro amount from 0 to a thousand billion, typed the language's way; an optional one may be
    emptied (``empty``, if given, says what that means)."""
    typed.bound_number(
        t(f"case_page.{label}"),
        f"case_page.{path}",
        path,
        value,
        "euro",
        optional=optional,
        help=t(f"case_page.{label}_help"),
        refused=partial(refused_amount, label, value),
    )
    if value is not None:
        st.caption(t("case_page.amount", amount=value))
    elif empty is not None:
        st.caption(empty)


def use_cap(amount: float) -> None:
    """The liability cap the contract text names becomes the case's cap."""
    case_state.try_update({"legal.liability_cap": amount})


def cap_suggestion(contract: str, cap: float | None) -> None:
    """When the contract text names a cap the case does not hold: that amount, and a button to use it."""
    named = liability_cap(contract)
    if named is None or named == cap or named > MAX_EURO:
        return
    st.info(t("case_page.cap_named", amount=named), icon=":material/lightbulb:")
    st.button(t("case_page.cap_use", amount=named), key="case_page.cap_use", on_click=use_cap, args=(named,))


# What a switched-off way out held, by (case id, group): switching it on again in this session restores it.
KEPT_OPTIONS = "case_page.options_kept"


def switch_option(group: str, key: str) -> None:
    """Switch the optional way out ``group`` on (pre-filled from the case, or what it held before it was
    switched off in this session) or off, as an edit of the case (saved, and in the case's history)."""
    current = case_state.case()
    kept: dict[tuple[str, str], Any] = st.session_state.setdefault(KEPT_OPTIONS, {})
    where = (case_state.case_id(), group)
    on = bool(st.session_state[key])
    held = getattr(current, group)
    if on:
        data = options.switched_on(current, group, display.lang(), kept.get(where))
    else:
        if held is not None:
            kept[where] = held.model_dump(mode="json")
        data = None
    problems = case_state.try_update({group: data})
    widgets.keep_problems("case_page.option_problems", key, problems)
    if not problems:
        widgets.remember({key: on})


def option_switch(group: str) -> None:
    """The switch of one optional way out, and where its estimates are when it is on."""
    key = f"case_page.option.{group}"
    on = getattr(case_state.case(), group) is not None
    widgets.seed(key, on)
    st.toggle(
        t(f"case_page.option.{group}"),
        key=key,
        help=t(f"case_page.option.{group}_help"),
        on_change=switch_option,
        args=(group, key),
        persist_state="session",
    )
    widgets.show_problems("case_page.option_problems", key, t("case_page.option.not_switched"))
    if on:
        st.page_link(
            "app_pages/assumptions.py",
            label=t("case_page.option.where", group=t(f"inputs.group.{group}")),
            icon=":material/tune:",
            query_params={settings.TAB_PARAM: group},  # Assumptions opens on this option's tab
        )


t = display.t()
case = case_state.case()
profile = case.profile

st.title(t("case_page.title"))
st.caption(t("case_page.intro"))

who, frame = st.columns([3, 2], gap="large")
with who:
    st.markdown("## " + t("case_page.who_heading"))  # h2: the page title is the h1
    text_field("case_title", "title", case.title)
    text_field("organisation", "profile.organisation", profile.organisation)
    text_field("system", "profile.system", profile.system)
    text_field("supplier", "profile.supplier", profile.supplier)
    text_field("contract", "profile.contract", profile.contract, area=True)
    value_column, cap_column = st.columns(2)
    with value_column:
        money_field(
            "contract_value",
            "profile.contract_value",
            profile.contract_value,
            optional=True,
            empty=t("case_page.no_amount"),
        )
    with cap_column:
        money_field(
            "liability_cap", "legal.liability_cap", case.legal.liability_cap, optional=True, empty=t("case_page.no_cap")
        )
    cap_suggestion(profile.contract, case.legal.liability_cap)

with frame:
    st.markdown("## " + t("case_page.time_heading"))  # h2: the page title is the h1
    typed.bound_number(
        t("case_page.horizon"),
        "case_page.horizon_months",
        "horizon_months",
        case.horizon_months,
        "months",
        help=t("case_page.horizon_help"),
        refused=lambda _: t("case_page.invalid.horizon", months=case.horizon_months),
    )
    typed.bound_number(
        t("case_page.discount_rate"),
        "case_page.discount_rate",
        "discount_rate",
        to_display("share_year", case.discount_rate),
        "share_year",
        to_case=partial(from_display, "share_year"),
        help=t("case_page.discount_rate_help"),
        refused=lambda _: t("case_page.invalid.discount_rate", share_kept=case.discount_rate),
    )
    typed.bound_date(
        t("case_page.start_date"),
        "case_page.start_date",
        "start_date",
        case.start_date,
        help=t("case_page.start_date_help"),
        refused=lambda _: t(
            "case_page.invalid.start_date",
            first=FIRST_DATE,
            last=LAST_DATE,
            date_kept=case.start_date or t("case_page.no_date"),
        ),
    )

    with st.container(border=True):
        st.markdown(f"**{t('case_page.sunk_heading')}**")
        st.caption(t("case_page.sunk_explanation"))
        money_field("invested", "sunk.invested_to_date", case.sunk.invested_to_date)
        money_field("book_value", "sunk.book_value", case.sunk.book_value)

with st.container(border=True, key="case_page.options"):
    st.markdown("## " + t("case_page.option.heading"))  # h2: the page title is the h1
    st.caption(t("case_page.option.intro"))
    for group in options.OPTIONS:
        option_switch(group)

if st.button(t("case_page.next"), type="primary", key="case_page.next"):
    st.switch_page("app_pages/diagnosis.py")
