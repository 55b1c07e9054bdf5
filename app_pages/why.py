"""Why: the advice explained, what drives it, what would change it, what knowing more is worth, the risk."""

import pandas as pd
import streamlit as st

from decision.analysis.explain import break_even_reason, narrative, say, say_value
from decision.analysis.sensitivity import BASES, Sensitivity, analyse
from decision.model.case import Case
from ui import state
from ui.charts import draw
from ui.charts import why as charts


@st.cache_data(max_entries=32, show_spinner=False)
def sensitivity(case_json: str, basis: str) -> Sensitivity:
    """The analysis of the open case, computed once per case and basis."""
    return analyse(Case.model_validate_json(case_json), state.ITERATIONS, state.SEED, "decision", basis)


t = state.t()
lang = state.lang()
st.title(t("why.title"))
# One radio per language: a radio whose option labels change loses its shown selection in the
# browser, so the choice is kept in BASIS_KEY and each language's radio starts from it.
BASIS_KEY = "why_basis"
basis_widget = f"{BASIS_KEY}_{lang}"
if basis_widget not in st.session_state:
    st.session_state[basis_widget] = st.session_state.get(BASIS_KEY, BASES[0])
basis = st.radio(
    t("why.basis"),
    BASES,
    format_func=lambda b: t(f"why.basis_{b}"),
    horizontal=True,
    key=basis_widget,
    on_change=lambda: st.session_state.update({BASIS_KEY: st.session_state[basis_widget]}),
    help=t("why.basis_help"),
)
result = state.evaluation(basis=basis)
with st.spinner(t("why.computing")):
    analysis = sensitivity(state.case().model_dump_json(), basis)

# --- the story -------------------------------------------------------------------------------
story = narrative(result, analysis)
main = [r for r in story if not r.key.startswith("explain.sunk")]
sunk = [r for r in story if r.key.startswith("explain.sunk")]
with st.container(border=True):
    st.subheader(say(main[0], lang, t.money))
    st.markdown("\n".join(f"- {say(r, lang, t.money)}" for r in main[1:]))
if sunk:
    st.info(f"**{t('why.sunk_title')}**\n\n" + " ".join(say(r, lang, t.money) for r in sunk), icon=":material/euro:")

names = {"strategy": analysis.recommended, "runner_up": analysis.runner_up}

# --- tornado ---------------------------------------------------------------------------------
st.header(t("why.drivers_title"))
if any(bar.swing > 0 for bar in analysis.tornado):
    st.caption(t("why.drivers_caption", **names))
    draw(charts.tornado_chart(analysis, t))
else:
    st.write(t("why.no_tornado"))

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
                t("why.col_beyond"): "–" if item.value is None else state.percent(item.share_beyond),
                t("why.col_meaning"): say(break_even_reason(item), lang, t.money),
            }
            for item in analysis.break_even
        ]
    ).set_index(t("why.col_input"))
)

# --- value of information --------------------------------------------------------------------
st.header(t("why.information_title"))
st.metric(t("why.evpi_label"), state.money(analysis.evpi), help=t("why.evpi_help"))
worth = analysis.notable_information()
if not worth:
    st.write(t("why.no_information"))
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
                    t("why.col_worth"): state.money(item.amount),
                }
                for item in worth
            ]
        ).set_index(t("why.col_knowing"))
    )

# --- risk ------------------------------------------------------------------------------------
st.header(t("why.risk_title"))
# The threshold is kept across page switches, but a newly opened case starts from its own default.
THRESHOLD_KEY, THRESHOLD_CASE_KEY = "why_threshold", "why_threshold_case"
if st.session_state.get(THRESHOLD_CASE_KEY) != state.case_id():
    st.session_state.pop(THRESHOLD_KEY, None)
    st.session_state[THRESHOLD_CASE_KEY] = state.case_id()
threshold = st.columns([1, 2])[0].number_input(
    t("why.threshold"),
    min_value=0.0,
    value=analysis.default_threshold,
    step=10_000.0,
    format="%.0f",
    key=THRESHOLD_KEY,
    persist_state="session",
    help=t("why.threshold_help"),
)
st.caption(t("why.s_curve_caption"))
draw(charts.s_curve_chart(analysis, t, threshold))
exceed = analysis.risk.exceedance(threshold)
st.table(
    pd.DataFrame(
        [
            {
                t("why.col_strategy"): t.strategy(s) + ("" if s in analysis.allowed else f" ({t('why.excluded')})"),
                t("why.col_exceed", amount=threshold): state.percent(exceed[s]),
                t("why.col_p90"): state.money(r.p90),
                t("why.col_regret"): state.money(analysis.risk.regret[s]) if s in analysis.allowed else "–",
            }
            for s, r in result.strategies.items()
        ]
    ).set_index(t("why.col_strategy"))
)
st.caption(t("why.regret_caption"))
