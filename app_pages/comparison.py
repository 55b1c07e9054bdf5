"""Comparison: the recommendation and its reasons, the four options side by side, charts and what-ifs.

The what-ifs never change the case: they are kept in ``st.session_state["overrides"]``
(input path -> value in display units) and applied to a copy of the case that is
only evaluated for this page (``with_overrides``). They are cleared when the case
itself changes, so they always refer to the case on screen. The body is a
fragment: moving a what-if redraws the numbers and charts without rerunning the
rest of the app.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from decision.analysis.explain import cheaper_on_average, fallback_of, warnings_of
from decision.analysis.inputs import (
    BY_PATH,
    WHATIFS,
    bound_problems,
    describe_problem,
    format_estimate,
    format_value,
    from_display,
    override_changes,
    whatif_default,
    whatif_range,
    with_overrides,
)
from decision.analysis.tree import to_dot, tree_header, tree_rows
from decision.analysis.triage_driver import triage_caveats
from decision.engine.results import TIMELINE_ITERATIONS, Evaluation
from decision.engine.simulation import case_estimate
from decision.model.case import Case
from decision.model.problems import CaseError, problem_lines
from decision.model.registry import MONEY_KINDS
from decision.text import fmt
from ui import cache, case_state, completeness, display, typed
from ui.charts import draw
from ui.charts.comparison import breakdown_spec, distribution_spec, p_best_spec, timeline_spec

OVERRIDES = "overrides"
OVERRIDES_BASE = "overrides.case"
VIEW_KEY = "comparison.view"

t = display.t()
lang = display.lang()


def whatif_key(path: str) -> str:
    return f"whatif.{path}"


def reset_whatifs(case: Case) -> None:
    """Clear the overrides and put every what-if control back on the case's own value."""
    st.session_state[OVERRIDES] = {}
    st.session_state[OVERRIDES_BASE] = case.model_dump_json()
    for path in WHATIFS:
        default = whatif_default(case, path)
        # An amount is typed the language's way ("42.000" in Dutch), in a text field; the rest are sliders.
        st.session_state[whatif_key(path)] = typed.shown(default, BY_PATH[path].kind) if is_money(path) else default


def is_money(path: str) -> bool:
    return BY_PATH[path].kind in MONEY_KINDS


def keep_whatifs() -> None:
    """Write the what-if values into the case (fixed values); the controls then start from them."""
    case = case_state.case()
    case_state.update_case(override_changes(case, st.session_state.get(OVERRIDES, {})))
    reset_whatifs(case_state.case())


def whatif_controls(case: Case) -> dict[str, float]:
    """The four what-if controls; returns the overrides (only the controls moved off the case's value).

    An amount the case would not accept (above a thousand billion euros, typed as 1e30) is no
    what-if: a sentence under the control names it, and the numbers stay those of the case.
    """
    overrides: dict[str, float] = {}
    columns = st.columns(len(WHATIFS))
    for path, column in zip(WHATIFS, columns):
        spec = BY_PATH[path]
        key = whatif_key(path)
        low, high = whatif_range(case, path)
        default = whatif_default(case, path)
        kept = st.session_state.get(key)
        if kept is None or (is_money(path) and not isinstance(kept, str)):
            st.session_state[key] = typed.shown(default, spec.kind) if is_money(path) else default
        elif not is_money(path) and (isinstance(kept, str) or not low <= kept <= high):
            st.session_state[key] = default
        estimate = case_estimate(case, path)
        label = f"{t(spec.label_key)} ({t(f'inputs.unit.{spec.kind}')})"
        summary = format_estimate(spec, estimate, lang, t.money)
        help_text = (
            t("comparison.whatif_source", estimate=summary, source=display.literal(estimate.source))
            if estimate.source
            else t("comparison.whatif_no_source", estimate=summary)
        )
        common = {"key": key, "help": help_text, "persist_state": "session"}
        if is_money(path):
            text = typed.text_input(column, label, spec.kind, placeholder=typed.placeholder(spec.kind), **common)
            value, refused = typed.read(text, spec.kind)
            if refused is not None or value is None:
                column.error(refused or t("typed.empty"), icon=":material/warning:")
                continue
        else:
            value = column.slider(label, min_value=low, max_value=high, step=WHATIFS[path], format="%d", **common)
        problems = bound_problems(path, spec.kind, from_display(spec.kind, value), spec.minimum, spec.maximum)
        for problem in problems:
            column.error(describe_problem(spec, t(spec.label_key), problem, lang), icon=":material/warning:")
        if not problems and value != default:
            overrides[path] = value
    st.session_state[OVERRIDES] = overrides
    return overrides


def recommendation(result: Evaluation, advice: str) -> None:
    """The advice's heading and figures. ``advice`` is the decision view's recommendation: in the book
    view the heading names the option cheapest there (the ranking with the write-off), not an advice."""
    chosen = result.recommendation.strategy
    best = result.strategies[chosen]
    if result.book_view:
        # The write-off counts here: this ranking is the profit-and-loss picture; the advice is the decision view's.
        banner = t("comparison.book_banner", strategy=t.strategy(advice))
        if advice != chosen:
            banner += " " + t("comparison.book_banner_differs", strategy=t.strategy(chosen))
        st.info(banner, icon=":material/account_balance:")
        st.header(t("comparison.cheapest_in_book", strategy=t.strategy(chosen)))
    else:
        st.header(t("comparison.recommended", strategy=t.strategy(chosen)))
    basis = result.recommendation.basis
    if basis != "mean":
        # Another basis than the default, chosen on Why: say so where the advice is read.
        note = t("comparison.basis_note", basis=t(f"why.basis_{basis}"))
        dearer = cheaper_on_average(result, chosen, result.recommendation.allowed)
        if dearer is not None:
            cheaper, premium = dearer
            note += " " + t("comparison.basis_note_mean", strategy=t.strategy(cheaper), amount=premium)
        st.caption(note)
    fallback = fallback_of(result.case, chosen)
    if fallback is not None:  # what the amounts below hold when the option fails, which the heading does not say
        st.caption(t(f"comparison.fallback.{chosen}", fallback=t.strategy(fallback)))
    mean, p90, p_best, months = st.columns(4)
    mean.metric(t("comparison.metric_mean"), display.money(best.mean), help=t("comparison.metric_mean_help"))
    p90.metric(t("comparison.metric_p90"), display.money(best.p90), help=t("comparison.metric_p90_help"))
    # Chosen among the allowed options, so its chance of being cheapest among them (the table counts all).
    p_best.metric(
        t("comparison.metric_p_best"), display.percent(best.p_best_allowed), help=t("comparison.metric_p_best_help")
    )
    months.metric(
        t("comparison.metric_months"),
        t("comparison.never")
        if best.months_to_decent is None
        else t("comparison.metric_months_value", months=best.months_to_decent),
        help=t("comparison.metric_months_help"),
    )
    st.markdown(f"**{t('comparison.why')}**")
    st.markdown("\n".join(f"- {t(reason.key, **reason.values)}" for reason in result.recommendation.reasons))
    # An option the triage rules out although it is close to the advice: which answer, and what brings it back.
    for caveat in triage_caveats(result):
        st.warning(t(caveat.key, **caveat.values), icon=":material/rule:")
    # The recommendation's warnings with their numbers, amounts rounded for reading (a workshop's setting wins).
    reading = fmt.money_rounded if t.amounts == "exact" else t.money
    for warning in warnings_of(result):
        st.warning(warning.say(lang, reading), icon=":material/warning:")
    case = case_state.case()
    if completeness.defaults_of(case):
        # The defaults that matter are ranked on the tornado of the advice shown here, which is on the
        # case's own basis: the analysis Why shows, one cached entry for both pages.
        with st.spinner(t("why.computing")):
            completeness.defaults_notice(case, cache.sensitivity(case))


def options_table(result: Evaluation) -> None:
    rec = result.recommendation

    def status(strategy: str) -> str:
        if strategy == rec.strategy:
            return t("comparison.status_recommended")
        return t("comparison.status_allowed" if strategy in rec.allowed else "comparison.status_excluded")

    rows = {
        t.strategy(s): {
            t("comparison.col_status"): status(s),
            t("comparison.col_mean"): display.money(r.mean),
            t("comparison.col_p10"): display.money(r.p10),
            t("comparison.col_p90"): display.money(r.p90),
            t("comparison.col_p_best"): display.percent(r.p_best),
            t("comparison.col_months"): t("comparison.never")
            if r.months_to_decent is None
            else fmt.number(r.months_to_decent, lang),
            t("comparison.col_p_decent"): display.percent(r.p_decent),
        }
        for s, r in result.strategies.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = t("comparison.col_option")
    st.header(t("comparison.table_title"))
    st.table(table)
    st.caption(
        t(
            "comparison.table_caption",
            months=result.case.horizon_months,
            iterations=fmt.number(result.iterations, lang, digits=0),
        )
    )


def chart(title: str, caption: str, figure: dict[str, Any]) -> None:
    st.markdown(f"**{title}**")
    draw(figure)
    st.caption(caption)


@st.fragment
def comparison() -> None:
    case = case_state.case()
    if st.session_state.get(OVERRIDES_BASE) != case.model_dump_json():
        reset_whatifs(case)
    summary = st.container()

    with st.container(border=True):
        st.header(t("comparison.whatif_title"))
        st.caption(t("comparison.whatif_intro"))
        overrides = whatif_controls(case)
        reset, keep, _ = st.columns([2, 2, 5])
        reset.button(t("comparison.whatif_reset"), on_click=reset_whatifs, args=(case,), disabled=not overrides)
        keep.button(
            t("comparison.whatif_keep"),
            on_click=keep_whatifs,
            disabled=not overrides,
            help=t("comparison.whatif_keep_help"),
        )
        view = st.segmented_control(
            t("comparison.view"),
            ("decision", "book"),
            format_func=lambda v: t(f"comparison.view_{v}"),
            default="decision",
            required=True,
            key=VIEW_KEY,
            help=t("comparison.view_help"),
            persist_state="session",
        )
        view = view or "decision"
        st.markdown(
            t(
                f"comparison.explain_{view}",
                amount_invested=case.sunk.invested_to_date,
                amount_book=case.sunk.book_value,
            )
        )

    try:
        shown = with_overrides(case, overrides)
    except CaseError as error:  # what-ifs together that the case would not accept: the case's own numbers
        summary.error("\n".join(f"- {display.literal(line)}" for line in problem_lines(error, lang)))
        shown, overrides = case, {}
    result = cache.evaluation(shown, view=view)
    advice = result if view == "decision" else cache.evaluation(shown)

    with summary:
        if overrides:
            changes = ", ".join(
                t(
                    "comparison.whatif_item",
                    field=t(BY_PATH[p].label_key),
                    value=format_value(BY_PATH[p].kind, from_display(BY_PATH[p].kind, v), lang, t.money),
                )
                for p, v in overrides.items()
            )
            st.warning(t("comparison.whatif_active", changes=changes), icon=":material/science:")
        recommendation(result, advice.recommendation.strategy)
        options_table(result)

    left, right = st.columns(2)
    with left:
        chart(t("comparison.chart_distribution"), t("comparison.caption_distribution"), distribution_spec(result, t))
    with right:
        chart(t("comparison.chart_p_best"), t("comparison.caption_p_best"), p_best_spec(result, t))
    left, right = st.columns(2)
    # The cost over time is simulated last, month by month: the browser draws the other three charts
    # while the server works it out (a what-if waits for all four).
    with right:
        chart(t("comparison.chart_breakdown"), t("comparison.caption_breakdown"), breakdown_spec(result, t))
    with left:
        timeline = cache.cost_timeline(shown, book_view=view == "book")
        caption = t("comparison.caption_timeline", iterations=fmt.number(TIMELINE_ITERATIONS, lang, digits=0))
        chart(t("comparison.chart_timeline"), caption, timeline_spec(timeline, t))

    # The tree is built and drawn only while its expander is open: closed, a what-if redraws four
    # charts, not a Graphviz picture of six trees nobody sees.
    tree_box = st.expander(
        t("comparison.tree_title"), icon=":material/account_tree:", key="comparison.tree", on_change="rerun"
    )
    with tree_box:
        if not tree_box.open:
            return
        st.caption(t("comparison.tree_caption"))
        tree = cache.decision_tree_of(shown, view)
        st.graphviz_chart(to_dot(tree, lang, t.money), width="stretch")
        rows = tree_rows(tree, lang, t.money)
        header = tree_header(lang)
        st.table(
            pd.DataFrame(
                [(row.option, row.branch, row.probability, row.expected_cost) for row in rows], columns=list(header)
            ).set_index(header[0])
        )


st.title(t("nav.comparison"))
if not completeness.no_advice_yet(case_state.case(), "comparison"):
    comparison()
