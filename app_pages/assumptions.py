"""Assumptions: every input of each strategy as a three-point estimate with its source (the ledger).

Widgets are keyed ``asm.<path>.<part>`` and keep what was typed across page
switches (``persist_state="session"``). Each widget is seeded from the case
(``widgets.seed``) and seeded again only when the case's value for it changes
(a preset opened, an edit on another page), so an entry the case did not accept
stays in its field with its message until it is corrected. An estimate is
applied as a whole, when its three values are valid.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from decision.analysis.inputs import (
    PARTS,
    InputSpec,
    bound_problems,
    describe_problem,
    estimate_change,
    estimate_problems,
    format_estimate,
    format_value,
    from_display,
    groups_of,
    inputs_of,
    to_display,
)
from decision.engine.simulation import case_estimate
from decision.model.case import Estimate
from decision.model.registry import FALLBACKS, MAX_EURO
from ui import case_state, display, widgets

STEP = {"euro": 1000.0, "euro_month": 100.0, "euro_year": 1000.0, "months": 1.0}
FORMAT = {"euro": "%.0f", "euro_month": "%.0f", "euro_year": "%.0f"}
PERCENT_STEP = 1.0
LEDGER_HEIGHT = 68  # two lines: long sources stay readable

t = display.t()
lang = display.lang()


def number(label: str, key: str, kind: str, column: Any, **kwargs: Any) -> float | None:
    return column.number_input(
        label,
        key=key,
        step=STEP.get(kind, PERCENT_STEP),
        format=FORMAT.get(kind, "%g"),
        persist_state="session",
        **kwargs,
    )


def estimate_row(spec: InputSpec) -> None:
    """Low / most likely / high, distribution, source and note of one input; applied when valid."""
    label = t(spec.label_key)
    unit = t(f"inputs.unit.{spec.kind}")
    estimate = case_estimate(case_state.case(), spec.path)
    key = f"asm.{spec.path}"
    for part in PARTS:
        widgets.seed(f"{key}.{part}", to_display(spec.kind, getattr(estimate, part)))
    for name in ("distribution", "source", "note"):
        widgets.seed(f"{key}.{name}", getattr(estimate, name))

    with st.container(border=True, key=f"asm.row.{spec.path}"):
        st.markdown(f"**{label}** · {unit}", help=t(spec.help_key))
        columns = st.columns([2, 2, 2, 2])
        shown = {
            part: number(f"{t(f'assumptions.{part}')} ({unit})", f"{key}.{part}", spec.kind, column)
            for part, column in zip(PARTS, columns)
        }
        distribution = columns[3].selectbox(
            t("assumptions.distribution"),
            ("pert", "triangular"),
            format_func=lambda d: t(f"assumptions.{d}"),
            key=f"{key}.distribution",
            help=t("assumptions.distribution_help"),
            persist_state="session",
        )
        source, note = (
            column.text_area(
                t(f"assumptions.{name}"),
                key=f"{key}.{name}",
                help=t(f"assumptions.{name}_help"),
                height=LEDGER_HEIGHT,
                max_chars=widgets.max_chars(Estimate, name),
                persist_state="session",
            )
            for name, column in zip(("source", "note"), st.columns([3, 2]))
        )

        stored = {part: None if value is None else from_display(spec.kind, value) for part, value in shown.items()}
        problems = estimate_problems(spec, stored["low"], stored["mode"], stored["high"])
        messages = [describe_problem(spec, label, problem, lang) for problem in problems]
        if not problems:
            change = estimate_change(
                case_state.case(), spec, {**stored, "distribution": distribution, "source": source, "note": note}
            )
            if change is not None:
                messages = case_state.try_update({spec.path: change})
                if not messages:
                    widgets.remember({f"{key}.{part}": value for part, value in shown.items()})
                    widgets.remember(
                        {f"{key}.distribution": distribution, f"{key}.source": source, f"{key}.note": note}
                    )
        in_case = format_estimate(spec, case_estimate(case_state.case(), spec.path), lang)
        for message in messages:
            st.error(message, icon=":material/warning:")
        st.caption(t("assumptions.not_applied" if messages else "assumptions.in_case", value=in_case))


def apply_single(path: str, key: str, value: Any, kind: str, problems: list[Any]) -> None:
    """Apply one non-estimate field, or show why it cannot be applied."""
    label = t(f"inputs.{path}.label")
    messages = [describe_problem(kind, label, problem, lang) for problem in problems]
    group, name = path.split(".")
    if not messages and getattr(getattr(case_state.case(), group), name) != value:
        messages = case_state.try_update({path: value})
        if not messages:
            widgets.remember({key: st.session_state[key]})
    for message in messages:
        st.error(message, icon=":material/warning:")


def liability_cap() -> None:
    legal = case_state.case().legal
    cap = legal.liability_cap
    widgets.seed("asm.legal.liability_cap.none", cap is None)
    widgets.seed("asm.legal.liability_cap", float(cap) if cap is not None else legal.claim.high)
    with st.container(border=True):
        label = t("inputs.legal.liability_cap.label")
        st.markdown(f"**{label}** · {t('inputs.unit.euro')}", help=t("inputs.legal.liability_cap.help"))
        no_cap = st.checkbox(
            t("inputs.legal.liability_cap.no_cap"), key="asm.legal.liability_cap.none", persist_state="session"
        )
        amount = number(f"{label} ({t('inputs.unit.euro')})", "asm.legal.liability_cap", "euro", st, disabled=no_cap)
        if no_cap:
            if cap is not None:
                case_state.try_update({"legal.liability_cap": None})
                widgets.remember({"asm.legal.liability_cap.none": True})
        else:
            problems = bound_problems("legal.liability_cap", "euro", amount, 0.0, MAX_EURO)
            apply_single("legal.liability_cap", "asm.legal.liability_cap", amount, "euro", problems)
            if not problems:
                widgets.remember({"asm.legal.liability_cap.none": False})


def solve_choices() -> None:
    solve = case_state.case().solve
    widgets.seed("asm.solve.client_share", to_display("share", solve.client_share))
    widgets.seed("asm.solve.fallback", solve.fallback)
    with st.container(border=True):
        st.markdown(f"**{t('assumptions.other')}**")
        share_column, fallback_column = st.columns(2)
        label = t("inputs.solve.client_share.label")
        shown = number(
            f"{label} ({t('inputs.unit.share')})",
            "asm.solve.client_share",
            "share",
            share_column,
            help=t("inputs.solve.client_share.help"),
        )
        share = None if shown is None else from_display("share", shown)
        problems = bound_problems("solve.client_share", "share", share, 0.0, 1.0)
        with share_column:
            apply_single("solve.client_share", "asm.solve.client_share", share, "share", problems)
            st.caption(
                t("assumptions.in_case", value=format_value("share", case_state.case().solve.client_share, lang))
            )
        fallback = fallback_column.selectbox(
            t("inputs.solve.fallback.label"),
            FALLBACKS,
            format_func=t.strategy,
            key="asm.solve.fallback",
            help=t("inputs.solve.fallback.help"),
            persist_state="session",
        )
        with fallback_column:
            apply_single("solve.fallback", "asm.solve.fallback", fallback, "share", [])


st.title(t("nav.assumptions"))
st.write(t("assumptions.intro"))
st.caption(t("assumptions.applies"))

shown_groups = groups_of(case_state.case())
for group, tab in zip(shown_groups, st.tabs([t(f"inputs.group.{g}") for g in shown_groups])):
    with tab:
        st.caption(t(f"assumptions.group_intro.{group}"))
        for spec in inputs_of(group):
            estimate_row(spec)
        if group == "legal":
            liability_cap()
        if group == "solve":
            solve_choices()
