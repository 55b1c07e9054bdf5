"""SMART agreement: the three-part goal, the criteria with their SMART checks, the perception gap, the draft."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from decision.analysis.agreement import (
    SMART,
    agenda,
    apply_table_edits,
    check_goals,
    draft,
    draft_markdown,
    horizon,
    perception_gap,
    say,
)
from decision.model.case import DIAGNOSIS_AREAS, SmartGoal
from decision.text import fmt
from decision.text.markdown import escape_markdown
from ui import state
from ui.charts import draw
from ui.charts.negotiation import gap_chart

GOAL_FIELDS = tuple(SmartGoal.model_fields)
VERSION = "agreement_goals_version"
PROBLEMS = "agreement_problems"

t = state.t()
case = state.case()
analysis = state.negotiation(case)

st.title(t("agreement.title"))
st.write(t("agreement.intro"))

# --- The goal in three parts -------------------------------------------------------------------------
st.header(t("agreement.goal_heading"))
st.markdown(f"*{t('agreement.goal.statement')}*")
goal = draft(case, analysis, t.lang, money=t.money)["goal"]
for column, part in zip(st.columns(3), ("decent_system", "client_value", "supplier_margin")):
    with column.container(border=True):
        st.write(goal[part])

# --- The criteria ------------------------------------------------------------------------------------
st.header(t("agreement.criteria_heading"))
start, end = horizon(case)
st.caption(t("agreement.criteria_help"))
st.caption(
    t(
        "agreement.horizon_note",
        start=fmt.date(start, t.lang),
        end=fmt.date(end, t.lang),
        share_residual=case.solve.residual_dysfunction.low,
    )
)


def _editor_key() -> str:
    return f"agreement_goals_{st.session_state.get(VERSION, 0)}"


def _save_goals() -> None:
    rows = [g.model_dump(mode="json") for g in state.case().smart_goals]
    changed = apply_table_edits(rows, st.session_state[_editor_key()], GOAL_FIELDS)
    st.session_state[PROBLEMS] = state.try_update({"smart_goals": changed})
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1


frame = pd.DataFrame([g.model_dump() for g in case.smart_goals], columns=list(GOAL_FIELDS))
st.data_editor(
    frame.astype({"baseline": "float64", "target": "float64"}),
    key=_editor_key(),
    num_rows="dynamic",
    width="stretch",
    hide_index=True,
    column_order=GOAL_FIELDS,
    column_config={
        "area": st.column_config.SelectboxColumn(
            t("agreement.column.area"),
            help=t("agreement.column.area_help"),
            options=DIAGNOSIS_AREAS,
            format_func=lambda area: t(f"agreement.area.{area}"),
            width="medium",
        ),
        "metric": st.column_config.TextColumn(
            t("agreement.column.metric"), help=t("agreement.column.metric_help"), width="large", max_chars=500
        ),
        "baseline": st.column_config.NumberColumn(
            t("agreement.column.baseline"), help=t("agreement.column.baseline_help")
        ),
        "target": st.column_config.NumberColumn(t("agreement.column.target"), help=t("agreement.column.target_help")),
        "unit": st.column_config.TextColumn(
            t("agreement.column.unit"), help=t("agreement.column.unit_help"), max_chars=50
        ),
        "deadline": st.column_config.DateColumn(
            t("agreement.column.deadline"), help=t("agreement.column.deadline_help"), format="YYYY-MM-DD"
        ),
        "owner": st.column_config.SelectboxColumn(
            t("agreement.column.owner"),
            help=t("agreement.column.owner_help"),
            options=("client", "supplier", "both"),
            format_func=lambda owner: t(f"agreement.owner.{owner}"),
        ),
        "measured_by": st.column_config.TextColumn(
            t("agreement.column.measured_by"), help=t("agreement.column.measured_by_help"), width="large", max_chars=500
        ),
    },
    on_change=_save_goals,
)
problems = st.session_state.get(PROBLEMS) or []
if problems:
    st.error(t("agreement.invalid") + "\n\n" + "\n".join(f"- {escape_markdown(p)}" for p in problems))

st.subheader(t("agreement.checks_heading"))
checked = check_goals(case)
if not checked:
    st.info(t("agreement.no_criteria"))
else:
    st.dataframe(
        {
            t("agreement.column.metric"): [c.goal.metric or "–" for c in checked],
            **{t(f"agreement.smart.{k}"): ["✓" if c.checks[k] else "✗" for c in checked] for k in SMART},
        },
        hide_index=True,
        width="stretch",
    )
    for number, check in enumerate(checked, start=1):
        metric = escape_markdown(check.goal.metric) or "–"
        if check.smart:
            st.markdown(":material/check_circle: " + t("agreement.all_smart", number=number, metric=metric))
        else:
            lines = [f"- {say(problem, t.lang)}" for problem in check.problems]
            st.markdown(
                ":material/warning: " + t("agreement.not_smart", number=number, metric=metric) + "\n" + "\n".join(lines)
            )

# --- The perception gap ------------------------------------------------------------------------------
st.header(t("agreement.gap_heading"))
st.caption(t("agreement.gap_intro"))
gaps = perception_gap(case)
if gaps:
    draw(gap_chart(gaps, t))
else:
    st.info(t("agreement.gap_none"))
st.subheader(t("agreement.agenda_heading"))
points = agenda(case)
if points:
    st.markdown("\n".join(f"{n}. {say(point, t.lang)}" for n, point in enumerate(points, start=1)))
else:
    st.write(t("agreement.agenda_none"))

# --- Download ----------------------------------------------------------------------------------------
st.download_button(
    t("agreement.download"),
    data=draft_markdown(case, analysis, t.lang),
    file_name="agreement.md",
    mime="text/markdown",
    help=t("agreement.download_help"),
    icon=":material/download:",
)
