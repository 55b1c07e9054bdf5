"""Why: the advice explained, what drives it, what would change it, what knowing more is worth, the risk."""

import pandas as pd
import streamlit as st

from decision.analysis.explain import break_even_reason, say, say_value
from decision.analysis.sensitivity import BASES, say_no_influence
from decision.analysis.strategy_map import DEFAULT_X, DEFAULT_Y
from decision.analysis.strategy_map import describe as describe_map
from decision.analysis.strategy_map import inputs as map_inputs
from decision.analysis.strategy_map import precision as map_precision
from decision.analysis.triage_driver import TriageSwitch
from decision.text import fmt
from ui import cache, case_state, completeness, display, typed, widgets
from ui.charts import draw
from ui.charts import why as charts
from ui.charts.strategy_map import strategy_map_chart

t = display.t()
lang = display.lang()
case = case_state.case()
st.title(t("why.title"))


def triage_answer(answer: bool | int | None) -> str:
    if isinstance(answer, bool) or answer is None:
        return t("why.triage_yes" if answer else "why.triage_no")
    return fmt.number(answer, lang)


def triage_row(switch: TriageSwitch) -> dict[str, str]:
    """A triage answer as a row of the break-even table: now, the answer that changes the advice, in words."""
    then = switch.then
    if isinstance(then, bool):
        turning = triage_answer(then)
    else:
        turning = t("why.triage_or_more" if switch.opens else "why.triage_or_less", score=then)
    return {
        t("why.col_input"): t(f"why.triage_label.{switch.question}"),
        t("why.col_now"): triage_answer(switch.now),
        t("why.col_break_even"): turning,
        t("why.col_beyond"): "–",
        t("why.col_meaning"): say(switch.reason(), lang, t.money),
    }


CERTAINTY_EQUIVALENT = "certainty_equivalent"


def with_tolerance(tolerance: float) -> dict[str, object]:
    """The case's preferences with the certainty equivalent as the basis at ``tolerance`` euros."""
    return {"basis": CERTAINTY_EQUIVALENT, "risk_tolerance": tolerance}


def settings() -> None:
    """The basis of the advice, its risk tolerance and the horizon: stored in the case like any edit.

    Choosing the certainty equivalent without a risk tolerance changes nothing yet: the choice stays
    in the control and the field for the tolerance asks for it; a tolerance above € 0 then stores both.
    """
    basis_kept = case.preferences.basis
    chosen = st.radio(
        t("why.basis"),
        BASES,
        format_func=lambda b: t(f"why.basis_{b}"),
        horizontal=True,
        help=t("why.basis_help"),
        **widgets.bound(f"why.basis_{lang}", "preferences.basis", basis_kept),
    )
    left, right = st.columns(2)
    typed.bound_number(
        t("why.horizon"),
        "why.horizon_months",
        "horizon_months",
        case.horizon_months,
        "months",
        help=t("why.horizon_help"),
        container=left,
        refused=lambda _: t("why.invalid_horizon", months=case.horizon_months),
    )
    if chosen != CERTAINTY_EQUIVALENT:
        return
    kept = case.preferences.risk_tolerance
    typed.bound_number(
        t("why.risk_tolerance"),
        "why.risk_tolerance",
        "preferences",
        kept,
        "euro",
        to_case=with_tolerance,
        help=t("why.risk_tolerance_help"),
        container=right,
        refused=lambda _: t(
            "why.invalid_risk_tolerance" if kept is not None else "why.invalid_risk_tolerance_none",
            amount=kept or 0.0,
            basis=t(f"why.basis_{basis_kept}"),
        ),
    )
    if basis_kept != CERTAINTY_EQUIVALENT:
        right.info(t("why.risk_tolerance_needed", basis=t(f"why.basis_{basis_kept}")), icon=":material/info:")


def page() -> None:
    """The page below its title, for a case a recommendation can rest on."""
    settings()
    basis = case.preferences.basis
    result = cache.evaluation(case)
    with st.spinner(t("why.computing")):
        analysis = cache.sensitivity(case)

    # --- the story -------------------------------------------------------------------------------
    story = cache.narrative_of(case, basis)  # with the warnings and the last attempt, once per case
    main = [r for r in story if not r.key.startswith("explain.sunk")]
    sunk = [r for r in story if r.key.startswith("explain.sunk")]
    with st.container(border=True):
        st.header(say(main[0], lang, t.money))
        st.markdown("\n".join(f"- {say(r, lang, t.money)}" for r in main[1:]))
        completeness.defaults_notice(case, analysis)
    if sunk:
        st.info(
            f"**{t('why.sunk_title')}**\n\n" + " ".join(say(r, lang, t.money) for r in sunk), icon=":material/euro:"
        )

    names = {"strategy": analysis.recommended, "runner_up": analysis.runner_up}

    # --- tornado ---------------------------------------------------------------------------------
    st.header(t("why.drivers_title"))
    if analysis.drawn_bars:
        st.caption(t("why.drivers_caption", **names))
        draw(charts.tornado_chart(analysis, t))
    else:
        st.write(t("why.no_tornado"))
    still = say_no_influence(analysis.no_influence, lang)
    if still is not None:
        st.caption(still)

    # --- break-even ------------------------------------------------------------------------------
    st.header(t("why.break_even_title"))
    st.caption(t("why.break_even_caption"))
    st.table(
        pd.DataFrame(
            [
                {
                    t("why.col_input"): charts.input_label(item.input, t),
                    t("why.col_now"): say_value(item.input, item.current, lang, t.money),
                    t("why.col_break_even"): (
                        t("why.no_flip") if item.value is None else say_value(item.input, item.value, lang, t.money)
                    ),
                    t("why.col_beyond"): (
                        "–" if item.value is None or item.setting else display.percent(item.share_beyond)
                    ),
                    t("why.col_meaning"): say(break_even_reason(item, analysis.allowed), lang, t.money),
                }
                for item in analysis.break_even
            ]
            + [triage_row(switch) for switch in analysis.triage_switches]
        ).set_index(t("why.col_input"))
    )

    # --- strategy map: where would the answer change? -------------------------------------------------
    st.header(t("why.map_title"))
    st.caption(t("why.map_caption"))
    choices = map_inputs(case)
    if DEFAULT_X in choices and DEFAULT_Y in choices and len(choices) > 1:
        left, right = st.columns(2)
        x = left.selectbox(
            t("why.map_x"),
            choices,
            help=t("why.map_help"),
            index=choices.index(DEFAULT_X),
            format_func=lambda path: charts.input_label(path, t),
            key=widgets.per_case("why_map_x"),
        )
        others = [path for path in choices if path != x]
        y = right.selectbox(
            t("why.map_y"),
            others,
            help=t("why.map_help"),
            index=others.index(DEFAULT_Y) if DEFAULT_Y in others else 0,
            format_func=lambda path: charts.input_label(path, t),
            key=widgets.per_case("why_map_y"),
        )
        with st.spinner(t("why.computing")):
            item = cache.strategy_map_of(case, x, y, basis)
        draw(strategy_map_chart(item, t))
        st.markdown("\n".join(f"- {sentence}" for sentence in describe_map(item, lang, t.money)))
        st.caption(map_precision(item, lang, t.money))

    # --- value of information --------------------------------------------------------------------
    st.header(t("why.information_title"))
    st.metric(t("why.evpi_label"), display.money(analysis.evpi), help=t("why.evpi_help"))
    worth = analysis.notable_information()
    if not worth:
        st.write(t("why.no_information_triage" if analysis.triage_switches else "why.no_information"))
    else:
        st.caption(t("why.information_caption"))
        st.table(
            pd.DataFrame(
                [
                    {
                        t("why.col_knowing"): charts.input_label(item.input, t),
                        t("why.col_research"): (
                            t(f"sensitivity.research.{item.research}") if item.research else t("why.no_research")
                        ),
                        t("why.col_worth"): display.money(item.amount),
                    }
                    for item in worth
                ]
            ).set_index(t("why.col_knowing"))
        )

    # --- risk ------------------------------------------------------------------------------------
    st.header(t("why.risk_title"))
    default = max(0.0, analysis.default_threshold)  # a P90 below zero (the recommended way out earns money)
    key = widgets.per_case("why_threshold")
    if not isinstance(st.session_state.get(key), str):
        st.session_state[key] = typed.shown(round(default), "euro")
    column = st.columns([1, 2])[0]
    entry = typed.text_input(
        column,
        t("why.threshold"),
        "euro",
        key=key,
        placeholder=typed.placeholder("euro"),
        persist_state="session",
        help=t("why.threshold_help"),
    )
    threshold, refused = typed.read(entry, "euro")
    if refused is None and threshold is not None and threshold < 0:
        refused = t("why.threshold_negative")
    if refused is not None or threshold is None:
        column.error(refused or t("typed.empty"), icon=":material/warning:")
        threshold = default
    st.caption(t("why.s_curve_caption"))
    draw(charts.s_curve_chart(analysis, t, threshold))
    exceed = analysis.risk.exceedance(threshold)
    st.table(
        pd.DataFrame(
            [
                {
                    t("why.col_strategy"): t.strategy(s) + ("" if s in analysis.allowed else f" ({t('why.excluded')})"),
                    t("why.col_exceed", amount=threshold): display.percent(exceed[s]),
                    t("why.col_p90"): display.money(r.p90),
                    t("why.col_regret"): display.money(analysis.risk.regret[s]) if s in analysis.allowed else "–",
                }
                for s, r in result.strategies.items()
            ]
        ).set_index(t("why.col_strategy"))
    )
    st.caption(t("why.regret_caption"))


if not completeness.no_advice_yet(case, "why"):
    page()
