"""SMART agreement: the three-part goal, the criteria with their SMART checks, the perception gap, the draft."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from decision.analysis.agreement import (
    advice_note,
    agenda,
    check_goals,
    check_names,
    draft,
    draft_markdown,
    horizon,
    perception_gap,
    say,
)
from decision.model.case import DIAGNOSIS_AREAS, FIRST_DATE, LAST_DATE, SmartGoal
from decision.report.docx import agreement_document
from decision.report.memo import report_language
from decision.store.library import file_stem
from decision.text import fmt
from decision.text.i18n import translate
from ui import cache, case_state, display, typed, widgets
from ui.charts import draw
from ui.charts.negotiation import gap_chart

# The case's fields of a criterion in the table's order: what is measured and in what unit, from and to
# what, whether both parties agreed it and whether it is realistic (the two checkboxes the page asks to
# tick, in sight without scrolling sideways), when and by whom, and last how it is measured (a long text).
GOAL_FIELDS = (
    "area",
    "metric",
    "unit",
    "baseline",
    "target",
    "agreed",
    "realistic_confirmed",
    "feasible_value",
    "deadline",
    "owner",
    "measured_by",
)
GOALS = "agreement_goals"  # the criteria editor
MEASURE_FIELDS = ("baseline", "target", "feasible_value")  # typed as text, read as the language writes numbers
PROBLEMS = "agreement_problems"  # the problems of its last change

t = display.t()
case = case_state.case()
analysis = cache.negotiation(case)

st.title(t("agreement.title"))
st.write(t("agreement.intro"))
# When the advice is not to solve, the draft below is not the advice: say so before it.
note = advice_note(cache.evaluation(case).recommendation)
if note is not None:
    (st.info if note.key == "agreement.not_advised" else st.warning)(say(note, t.lang), icon=":material/info:")

# --- The goal in three parts -------------------------------------------------------------------------
st.header(t("agreement.goal_heading"))
st.markdown(f"*{t('agreement.goal.statement')}*")
goal = draft(case, analysis, t.lang, money=t.money)["goal"]
for column, part in zip(st.columns(3), ("decent_system", "client_value", "supplier_margin")):
    with column.container(border=True):
        st.write(goal[part])
st.markdown(":material/gavel: " + goal["judge"])  # who judges whether the goal is met: the independent supervisor

# --- The criteria ------------------------------------------------------------------------------------
st.header(t("agreement.criteria_heading"))
start, end = horizon(case)
st.caption(t("agreement.criteria_help"))
st.caption(t("agreement.horizon_note", start=fmt.date(start, t.lang), end=fmt.date(end, t.lang)))
frame = pd.DataFrame([g.model_dump() for g in case.smart_goals], columns=list(GOAL_FIELDS))
widgets.table_editor(
    GOALS,
    "smart_goals",
    frame.astype(
        {
            "baseline": "float64",
            "target": "float64",
            "feasible_value": "float64",
            "agreed": "boolean",
            "realistic_confirmed": "boolean",
        }
    ),
    GOAL_FIELDS,
    PROBLEMS,
    cells=typed.NumberCells(
        kinds=dict.fromkeys(MEASURE_FIELDS, "number"),
        labels={field: t(f"agreement.column.{field}") for field in MEASURE_FIELDS},
    ),
    column_config={
        "area": widgets.column(
            st.column_config.SelectboxColumn,
            "agreement.column.area",
            options=DIAGNOSIS_AREAS,
            format_func=lambda area: t(f"agreement.area.{area}"),
            width=165,
        ),
        "metric": widgets.column(
            st.column_config.TextColumn,
            "agreement.column.metric",
            width=190,
            max_chars=widgets.max_chars(SmartGoal, "metric"),
        ),
        # Narrow columns for the numbers and the two checkboxes, so that 'Akkoord' and 'Realistisch' are in
        # sight at 1280 px with the sidebar open (the page asks to tick them); the headers' help names them.
        # The measures are text in the page's language, read back by typed.NumberCells (a number column
        # read Dutch "1.200" as 1,2); the case's own limits (MAX_MEASURE) refuse what is out of range.
        "baseline": widgets.column(
            st.column_config.TextColumn, "agreement.column.baseline", width=95, max_chars=typed.MAX_CHARS
        ),
        "target": widgets.column(
            st.column_config.TextColumn, "agreement.column.target", width=60, max_chars=typed.MAX_CHARS
        ),
        "feasible_value": widgets.column(
            st.column_config.TextColumn, "agreement.column.feasible_value", width="small", max_chars=typed.MAX_CHARS
        ),
        "realistic_confirmed": widgets.column(
            st.column_config.CheckboxColumn, "agreement.column.realistic_confirmed", width=105
        ),
        "unit": widgets.column(
            st.column_config.TextColumn,
            "agreement.column.unit",
            width=90,
            max_chars=widgets.max_chars(SmartGoal, "unit"),
        ),
        "deadline": widgets.column(
            st.column_config.DateColumn,
            "agreement.column.deadline",
            format=typed.DATE_COLUMN_FORMATS[display.lang()],  # as the Case page's dates, not 2027-06-01
            min_value=FIRST_DATE,
            max_value=LAST_DATE,
        ),
        "owner": widgets.column(
            st.column_config.SelectboxColumn,
            "agreement.column.owner",
            options=("client", "supplier", "both"),
            format_func=lambda owner: t(f"agreement.owner.{owner}"),
        ),
        "measured_by": widgets.column(
            st.column_config.TextColumn,
            "agreement.column.measured_by",
            width="medium",
            max_chars=widgets.max_chars(SmartGoal, "measured_by"),
        ),
        "agreed": widgets.column(st.column_config.CheckboxColumn, "agreement.column.agreed", width=85),
    },
)
widgets.show_problems(PROBLEMS, GOALS, t("agreement.invalid"))

st.subheader(t("agreement.checks_heading"))
st.caption(t("agreement.smart_note"))
checked = check_goals(case)
if not checked:
    st.info(t("agreement.no_criteria"))
else:
    st.dataframe(
        {
            t("agreement.column.metric"): [c.goal.metric or "–" for c in checked],
            **{name: ["✓" if c.checks[k] else "✗" for c in checked] for k, name in check_names(t.lang).items()},
        },
        hide_index=True,
        width="stretch",
    )
    for number, check in enumerate(checked, start=1):
        metric = display.literal(check.goal.metric) or "–"
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
# The Word document for the lawyers, in the case's language, made when it is asked for (a deferred download).
document_lang = report_language(case, t.lang)
st.download_button(
    t("export.page.download_docx"),
    data=lambda: agreement_document(case, document_lang, cache.ITERATIONS, cache.SEED, analysis=analysis),
    file_name=f"{file_stem(case.title)}-{translate('export.page.file_suffix_docx', document_lang)}.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    help=t("export.page.download_docx_help"),
    icon=":material/description:",
    key="agreement_docx",
)
