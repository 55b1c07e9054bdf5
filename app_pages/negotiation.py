"""Negotiation: both BATNAs, the zone of possible agreement, the supplier's margin, the four principles."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from decision.analysis.agreement import apply_table_edits, principles, say
from decision.analysis.negotiation import STANDARD_OPTIONS, OptionEffect, option_effects
from decision.model.case import Case, NegotiationOption
from decision.text.markdown import escape_markdown
from ui import state
from ui.charts import draw
from ui.charts.negotiation import zone_chart

OPTION_FIELDS = tuple(NegotiationOption.model_fields)
SUPPLIER_PARTS = ("margin", "programme", "lost_reference", "legal_fees", "legal_outcome")


@st.cache_data(max_entries=32, show_spinner=False)
def _option_effects(case_json: str) -> tuple[OptionEffect, ...]:
    return option_effects(Case.model_validate_json(case_json), state.ITERATIONS, state.SEED)


t = state.t()
case = state.case()
analysis = state.negotiation(case)
zopa = analysis.zopa

st.title(t("negotiation.title"))
st.write(t("negotiation.intro"))

# --- Both BATNAs --------------------------------------------------------------------------------
st.header(t("negotiation.batna_heading"))
client_col, supplier_col = st.columns(2)
with client_col:
    st.subheader(t("negotiation.client_batna"))
    st.metric(t("negotiation.client_batna_metric", strategy=zopa.client_batna), state.money(zopa.client_batna_cost))
    st.caption(t("negotiation.client_batna_help", strategy=zopa.client_batna))
with supplier_col:
    st.subheader(t("negotiation.supplier_batna"))
    st.metric(
        t("negotiation.supplier_batna_metric", strategy=zopa.client_batna), state.money(zopa.supplier_batna_value)
    )
    st.caption(t("negotiation.supplier_batna_help", strategy=zopa.client_batna))
batna_column = t("negotiation.parts_under", strategy=zopa.client_batna)
solve_column = t("negotiation.parts_under", strategy="solve")
st.dataframe(
    {
        t("negotiation.parts_item"): [t(f"negotiation.part.{p}") for p in SUPPLIER_PARTS]
        + [t("negotiation.part.total")],
        batna_column: [state.money(getattr(analysis.supplier_batna, p)) for p in SUPPLIER_PARTS]
        + [state.money(analysis.supplier_batna.total)],
        solve_column: [state.money(getattr(analysis.supplier_solve, p)) for p in SUPPLIER_PARTS]
        + [state.money(analysis.supplier_solve.total)],
    },
    hide_index=True,
    width="stretch",
)
st.caption(
    t(
        "negotiation.parts_help",
        strategy=zopa.client_batna,
        amount=analysis.supplier_batna.margin_lost,
        amount_solve=analysis.supplier_solve.margin_lost,
    )
)

# --- The zone of possible agreement ----------------------------------------------------------------
st.header(t("negotiation.zone_heading"))
draw(zone_chart(zopa, t))
if zopa.empty:
    st.warning(t("negotiation.zone_empty"))
    st.markdown(t("negotiation.openers_heading"))
    for opener in analysis.openers:
        key = f"negotiation.opener.{opener.lever}.{opener.status}"
        st.markdown(
            "- "
            + t(
                key,
                amount=opener.current,
                amount_required=opener.required or 0.0,
                amount_change=opener.change or 0.0,
                share=opener.current,
                share_required=opener.required or 0.0,
                strategy=zopa.client_batna,
            )
        )
    st.caption(t("negotiation.openers_help"))
else:
    st.success(
        t(
            "negotiation.zone_range",
            share_min=zopa.client_share_min,
            share_max=zopa.client_share_max,
            share_equal=zopa.equal_gain_share,
        )
    )
st.write(
    t(
        "negotiation.at_case_share",
        share=zopa.case_share,
        amount_client=zopa.client_gain_at_case_share,
        amount_supplier=zopa.supplier_gain_at_case_share,
    )
)

# --- A normal margin for the supplier --------------------------------------------------------------
st.header(t("negotiation.margin_heading"))
margin = analysis.margin
normal_col, case_col, equal_col = st.columns(3)
normal_col.metric(t("negotiation.margin_normal"), state.percent(margin.normal, 1))
case_col.metric(
    t("negotiation.margin_at", share=zopa.case_share),
    state.percent(margin.at(zopa.case_share), 1),
)
if zopa.equal_gain_share is not None:
    equal_col.metric(
        t("negotiation.margin_at_equal", share=zopa.equal_gain_share),
        state.percent(margin.at(zopa.equal_gain_share), 1),
    )
st.caption(t("negotiation.margin_help"))
if margin.break_even_share is not None:
    st.info(t("negotiation.margin_break_even", share=margin.break_even_share))

# --- The four principles ---------------------------------------------------------------------------
st.header(t("negotiation.principles_heading"))
st.caption(t("negotiation.principles_intro"))


PROBLEMS = "negotiation_problems"


def _save_text(field: str, key: str) -> None:
    st.session_state[PROBLEMS] = (field, state.try_update({f"negotiation.{field}": st.session_state[key]}))


def _problems(field: str) -> None:
    """The problems of the last change to ``field``, next to it."""
    where, problems = st.session_state.get(PROBLEMS) or ("", [])
    if where == field and problems:
        st.error(t("negotiation.invalid") + "\n\n" + "\n".join(f"- {escape_markdown(p)}" for p in problems))


def _text(field: str, value: str) -> None:
    key = f"negotiation_{field}"
    # Seeded like every bound widget, so another case (or the other tab's version) shows at once.
    widget = {**state.bound(key, f"negotiation.{field}", value), "on_change": _save_text, "args": (field, key)}
    st.text_area(t(f"negotiation.field.{field}"), help=t(f"negotiation.field.{field}_help"), **widget)
    _problems(field)


OPTIONS_VERSION = "negotiation_options_version"


def _editor_key() -> str:
    return f"negotiation_options_{st.session_state.get(OPTIONS_VERSION, 0)}"


def _save_options() -> None:
    rows = [o.model_dump(mode="json") for o in state.case().negotiation.options]
    changed = apply_table_edits(rows, st.session_state[_editor_key()], OPTION_FIELDS)
    st.session_state[PROBLEMS] = ("options", state.try_update({"negotiation.options": changed}))
    st.session_state[OPTIONS_VERSION] = st.session_state.get(OPTIONS_VERSION, 0) + 1


def _add_standard_options() -> None:
    options = [o.model_dump(mode="json") for o in state.case().negotiation.options]
    for name, changes in STANDARD_OPTIONS.items():
        options.append({"title": t(f"negotiation.standard.{name}"), "note": t("negotiation.standard.note"), **changes})
    st.session_state[PROBLEMS] = ("options", state.try_update({"negotiation.options": options}))
    st.session_state[OPTIONS_VERSION] = st.session_state.get(OPTIONS_VERSION, 0) + 1


talk = case.negotiation
for number, principle in enumerate(principles(case, analysis), start=1):
    with st.container(border=True):
        mark = ":material/check_circle:" if principle.done else ":material/radio_button_unchecked:"
        st.subheader(f"{mark} {number}. {t(f'negotiation.principle.{principle.key}')}")
        st.caption(t(f"negotiation.principle.{principle.key}_help"))
        for point in principle.points:
            st.markdown("- " + say(point, t.lang))
        if principle.key == "people":
            _text("people", talk.people)
        elif principle.key == "interests":
            left, right = st.columns(2)
            with left:
                _text("client_interests", talk.client_interests)
            with right:
                _text("supplier_interests", talk.supplier_interests)
        elif principle.key == "options":
            st.data_editor(
                pd.DataFrame([o.model_dump(mode="json") for o in talk.options], columns=list(OPTION_FIELDS)),
                key=_editor_key(),
                num_rows="dynamic",
                width="stretch",
                hide_index=True,
                column_order=OPTION_FIELDS,
                column_config={
                    "title": st.column_config.TextColumn(
                        t("negotiation.column.title"), help=t("negotiation.column.title_help"), width="medium"
                    ),
                    "programme_cost_change": st.column_config.NumberColumn(
                        t("negotiation.column.programme_cost_change"),
                        help=t("negotiation.column.programme_cost_change_help"),
                        format="euro",
                        step=1000,
                        width="small",
                    ),
                    "internal_cost_change": st.column_config.NumberColumn(
                        t("negotiation.column.internal_cost_change"),
                        help=t("negotiation.column.internal_cost_change_help"),
                        format="euro",
                        step=1000,
                        width="small",
                    ),
                    "months_change": st.column_config.NumberColumn(
                        t("negotiation.column.months_change"),
                        help=t("negotiation.column.months_change_help"),
                        step=1,
                        min_value=-600,
                        max_value=600,
                        width="small",
                    ),
                    "p_success_change": st.column_config.NumberColumn(
                        t("negotiation.column.p_success_change"),
                        help=t("negotiation.column.p_success_change_help"),
                        format="percent",
                        step=0.01,
                        min_value=-1,
                        max_value=1,
                        width="small",
                    ),
                    "note": st.column_config.TextColumn(
                        t("negotiation.column.note"), help=t("negotiation.column.note_help"), width="medium"
                    ),
                },
                on_change=_save_options,
            )
            _problems("options")
            if not talk.options:
                st.button(
                    t("negotiation.add_standard"),
                    help=t("negotiation.add_standard_help"),
                    on_click=_add_standard_options,
                )
            effects = _option_effects(case.model_dump_json())
            if effects:
                st.markdown(t("negotiation.effects_heading"))
                st.dataframe(
                    {
                        t("negotiation.effect.option"): [e.option.title or "–" for e in effects],
                        t("negotiation.effect.solve_mean"): [state.money(e.solve_mean) for e in effects],
                        t("negotiation.effect.change"): [state.money(e.solve_mean_change) for e in effects],
                        t("negotiation.effect.zone"): [
                            t("negotiation.effect.none")
                            if e.zopa.empty
                            else t(
                                "negotiation.effect.range",
                                share_min=e.zopa.client_share_min,
                                share_max=e.zopa.client_share_max,
                            )
                            for e in effects
                        ],
                        t("negotiation.effect.equal"): [state.percent(e.zopa.equal_gain_share) for e in effects],
                    },
                    hide_index=True,
                    width="stretch",
                )
                st.caption(t("negotiation.effects_help", amount=analysis.client_solve_cost))
        else:
            _text("criteria", talk.criteria)
