"""Negotiation: both BATNAs, the zone of possible agreement with its objective criterion, the supplier's
margin, the settlement zone of an orderly exit, the four principles."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from decision.analysis.agreement import principles, say
from decision.analysis.inputs import from_display, to_display
from decision.analysis.negotiation import (
    STANDARD_OPTIONS,
    criterion_position,
    equal_gain,
    every_split_agrees,
    settlement_position,
)
from decision.analysis.triage_driver import reopening
from decision.engine.zopa import Zopa
from decision.model.case import Negotiation, NegotiationOption
from decision.model.registry import BY_PATH
from ui import cache, case_state, display, typed, widgets
from ui.charts import draw
from ui.charts.negotiation import settlement_chart, zone_chart

OPTION_FIELDS = tuple(NegotiationOption.model_fields)
SUPPLIER_PARTS = ("margin", "programme", "lost_reference", "legal_fees", "legal_outcome")
# The problems of the last change to a text or to the options, shown next to it; the options editor.
PROBLEMS = "negotiation_problems"
OPTIONS = "negotiation_options"
# An option's changes, typed as text and read as the language writes numbers: their kinds (the chance in points).
OPTION_NUMBERS = {
    "programme_cost_change": "euro",
    "internal_cost_change": "euro",
    "months_change": "months",
    "p_success_change": "percent",
}
# Their columns' widths: every header readable with its unit at 1280 px, with the title (180) beside them.
OPTION_WIDTHS = {
    "programme_cost_change": 180,
    "internal_cost_change": 145,
    "months_change": 100,
    "p_success_change": 165,
}


def _text(field: str, value: str) -> None:
    key = f"negotiation_{field}"
    if typed.masked_text(st, t(f"negotiation.field.{field}"), key, value):
        return  # a workshop with hidden amounts, and this text names amounts
    st.text_area(
        t(f"negotiation.field.{field}"),
        help=t(f"negotiation.field.{field}_help"),
        max_chars=widgets.max_chars(Negotiation, field),
        **widgets.bound(key, f"negotiation.{field}", value, problems=PROBLEMS),
    )
    widgets.show_problems(PROBLEMS, key, t("negotiation.invalid"))


def _add_standard_options() -> None:
    options = case_state.value_at("negotiation.options")
    for name, changes in STANDARD_OPTIONS.items():
        options.append({"title": t(f"negotiation.standard.{name}"), "note": t("negotiation.standard.note"), **changes})
    widgets.keep_problems(PROBLEMS, OPTIONS, case_state.try_update({"negotiation.options": options}))
    widgets.refresh_table(OPTIONS)


def _repair_share_field(repair: float | None) -> None:
    """The share of the programme that is repair (herstel), typed as a percentage; empty: no criterion."""
    spec = BY_PATH["solve.repair_share"]
    typed.bound_number(
        f"{t(spec.label_key)} ({t(f'inputs.unit.{spec.kind}')})",  # with its unit, as on Assumptions
        "negotiation.repair_share",
        "solve.repair_share",
        None if repair is None else to_display(spec.kind, repair),
        spec.kind,
        to_case=partial(from_display, spec.kind),
        optional=True,
        help=t(spec.help_key),
        refused=lambda _: t("negotiation.repair_share_invalid"),
    )


def _criterion_sentence(zopa: Zopa, repair: float | None) -> str:
    """Where the objective criterion (repair is the supplier's, new work the client's) lies against the zone."""
    where = criterion_position(zopa, repair)
    values = {
        "share": zopa.criterion_share,
        "share_repair": repair,
        "strategy": zopa.client_batna,
        "share_min": zopa.client_share_min,
        "share_max": zopa.client_share_max,
    }
    return t(f"negotiation.criterion.{where}", **values)


def _gain_or_loss(gain: float) -> str:
    """A party's expected gain over its alternative; a negative gain as a loss in a positive amount."""
    return t("negotiation.at_case_gain" if gain >= 0 else "negotiation.at_case_loss", amount=abs(gain))


def _settlement(zopa: Zopa) -> None:
    """An orderly exit: the settlements both parties prefer to their BATNAs (MODEL.md 7.8), chart and words."""
    position = settlement_position(case, zopa)
    zone = zopa.exit_deal
    if zone is None or position is None:
        return
    st.header(t("negotiation.settlement_heading"))
    st.write(t("negotiation.settlement_intro", strategy=zopa.client_batna))
    draw(settlement_chart(zone, position.amount, t))
    if zone.settlement_min is None:
        st.warning(t("negotiation.settlement_empty", strategy=zopa.client_batna))
    elif zone.settlement_max is None:
        st.success(t("negotiation.settlement_from", amount_min=zone.settlement_min))
    else:
        st.success(t("negotiation.settlement_range", amount_min=zone.settlement_min, amount_max=zone.settlement_max))
    st.write(t(f"negotiation.settlement_case.{position.where}", amount=position.amount, strategy=zopa.client_batna))


t = display.t()
case = case_state.case()
analysis = cache.negotiation(case)
zopa = analysis.zopa

st.title(t("negotiation.title"))
st.write(t("negotiation.intro"))

# --- Both BATNAs --------------------------------------------------------------------------------
st.header(t("negotiation.batna_heading"))
client_col, supplier_col = st.columns(2)
with client_col:
    st.subheader(t("negotiation.client_batna"))
    st.metric(t("negotiation.client_batna_metric", strategy=zopa.client_batna), display.money(zopa.client_batna_cost))
    st.caption(t("negotiation.client_batna_help", strategy=zopa.client_batna))
    if analysis.cheaper_ruled_out is not None:
        cheaper, cheaper_cost = analysis.cheaper_ruled_out
        st.caption(t("negotiation.batna_ruled_out", strategy=cheaper, amount=cheaper_cost, batna=zopa.client_batna))
with supplier_col:
    st.subheader(t("negotiation.supplier_batna"))
    st.metric(
        t("negotiation.supplier_batna_metric", strategy=zopa.client_batna), display.money(zopa.supplier_batna_value)
    )
    st.caption(t("negotiation.supplier_batna_help", strategy=zopa.client_batna))
# An orderly exit as the alternative has a part of its own: the settlement and the help with the replacement.
parts = SUPPLIER_PARTS + (("exit_deal",) if zopa.client_batna == "exit_deal" else ())
batna_column = t("negotiation.parts_under", strategy=zopa.client_batna)
solve_column = t("negotiation.parts_under", strategy="solve")
st.dataframe(
    {
        t("negotiation.parts_item"): [t(f"negotiation.part.{p}") for p in parts] + [t("negotiation.part.total")],
        batna_column: [display.money(getattr(analysis.supplier_batna, p)) for p in parts]
        + [display.money(analysis.supplier_batna.total)],
        solve_column: [display.money(getattr(analysis.supplier_solve, p)) for p in parts]
        + [display.money(analysis.supplier_solve.total)],
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
# While the triage rules out solving, a zone is hypothetical: say so, and what would reopen it.
reopen = None if zopa.empty else reopening(cache.evaluation(case), "solve")
if reopen is not None:
    reason = reopen.reason()
    st.warning(t("negotiation.zone_reopen", because=t(reason.key, **reason.values)), icon=":material/block:")
_repair_share_field(case.solve.repair_share)
draw(zone_chart(zopa, t))
st.write(_criterion_sentence(zopa, case.solve.repair_share))
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
    equal = equal_gain(zopa)
    st.success(
        (
            t("negotiation.zone_all")
            if every_split_agrees(zopa)
            else t("negotiation.zone_range", share_min=zopa.client_share_min, share_max=zopa.client_share_max)
        )
        + " "
        + t(f"negotiation.equal.{equal.kind}", share=equal.share)
    )
st.write(
    t(
        "negotiation.at_case_share",
        share=zopa.case_share,
        client=_gain_or_loss(zopa.client_gain_at_case_share),
        supplier=_gain_or_loss(zopa.supplier_gain_at_case_share),
    )
)

# --- A normal margin for the supplier --------------------------------------------------------------
st.header(t("negotiation.margin_heading"))
expected = analysis.expected_margin
normal_col, case_col, success_col = st.columns(3)
normal_col.metric(t("negotiation.margin_normal"), display.percent(zopa.normal_margin, 1))
case_col.metric(
    t("negotiation.margin_expected", share=zopa.case_share),
    display.percent(zopa.supplier_margin_at_case_share, 1),
)
success_col.metric(
    t("negotiation.margin_at", share=zopa.case_share),
    display.percent(analysis.margin.at(zopa.case_share), 1),
)
st.caption(t("negotiation.margin_help"))
if expected.revenue > 0:  # a margin far below zero (-286%) reads better next to the amounts it is made of
    amounts = {"share": zopa.case_share, "amount_revenue": expected.revenue}
    if expected.value < 0:
        st.write(t("negotiation.margin_amounts_loss", amount_loss=-expected.value, **amounts))
    else:
        st.write(t("negotiation.margin_amounts", amount_value=expected.value, **amounts))
break_even = expected.break_even_share
if break_even is not None and break_even > 1:
    st.info(t("negotiation.margin_loss_always"))
elif break_even is not None:
    st.info(t("negotiation.margin_break_even", share=break_even))
# The split that meets the source text's third goal, a normal margin for the supplier (not said when a loss is sure).
normal_share = expected.normal_margin_share
if normal_share is not None and (break_even is None or break_even <= 1):
    normal = {"normal": display.percent(zopa.normal_margin, 1)}  # as the metric above writes it: 15.8%
    if normal_share > 1:
        st.write(t("negotiation.margin_normal_never", **normal))
    else:
        st.write(t("negotiation.margin_normal_from", share=normal_share, **normal))
split = equal_gain(zopa).share
if split is not None and expected.at(split) is not None:
    st.write(t("negotiation.margin_expected_at", share=split, share_margin=expected.at(split)))

_settlement(zopa)

# --- The four principles ---------------------------------------------------------------------------
st.header(t("negotiation.principles_heading"))
st.caption(t("negotiation.principles_intro"))
talk = case.negotiation
for number, principle in enumerate(principles(case, analysis), start=1):
    with st.container(border=True):
        mark = ":material/check_circle:" if principle.done else ":material/radio_button_unchecked:"
        st.subheader(f"{mark} {number}. {t(f'negotiation.principle.{principle.key}')}")
        st.caption(t(f"negotiation.principle.{principle.key}_help"))
        for point in principle.points:
            st.markdown("- " + say(point, t.lang))
        if principle.key == "criteria":  # who judges: the source text's independent supervisor
            if zopa.criterion_share is not None:
                st.markdown("- " + t("negotiation.criterion.point", share=zopa.criterion_share))
            st.markdown("- " + t("negotiation.supervisor"))
        if principle.key == "people":
            _text("people", talk.people)
        elif principle.key == "interests":
            left, right = st.columns(2)
            with left:
                _text("client_interests", talk.client_interests)
            with right:
                _text("supplier_interests", talk.supplier_interests)
        elif principle.key == "options":
            widgets.table_editor(
                OPTIONS,
                "negotiation.options",
                pd.DataFrame([o.model_dump(mode="json") for o in talk.options], columns=list(OPTION_FIELDS)),
                OPTION_FIELDS,
                PROBLEMS,
                cells=(
                    cells := typed.NumberCells(
                        kinds=OPTION_NUMBERS,
                        labels={field: t(f"negotiation.column.{field}") for field in OPTION_NUMBERS},
                        per_cent=frozenset({"p_success_change"}),
                    )
                ),
                disabled=cells.hidden(),  # with amounts hidden: "€ •••", not to be typed over
                column_config={
                    "title": widgets.column(
                        st.column_config.TextColumn,
                        "negotiation.column.title",
                        width=180,
                        max_chars=widgets.max_chars(NegotiationOption, "title"),
                    ),
                    # The changes as text in the page's language, read back by typed.NumberCells (a number
                    # column read Dutch "40.000" as 40).
                    **{
                        field: widgets.column(
                            st.column_config.TextColumn,
                            f"negotiation.column.{field}",
                            width=OPTION_WIDTHS[field],  # each header readable, its unit included
                            max_chars=typed.MAX_CHARS,
                        )
                        for field in OPTION_NUMBERS
                    },
                    "note": widgets.column(
                        st.column_config.TextColumn,
                        "negotiation.column.note",
                        width="medium",
                        max_chars=widgets.max_chars(NegotiationOption, "note"),
                    ),
                },
            )
            widgets.show_problems(PROBLEMS, OPTIONS, t("negotiation.invalid"))
            if not talk.options:
                st.button(
                    t("negotiation.add_standard"),
                    help=t("negotiation.add_standard_help"),
                    on_click=_add_standard_options,
                )
            effects = cache.negotiation_option_effects(case)
            if effects:
                st.markdown(t("negotiation.effects_heading"))
                st.dataframe(
                    {
                        t("negotiation.effect.option"): [e.option.title or "–" for e in effects],
                        t("negotiation.effect.solve_mean"): [display.money(e.solve_mean) for e in effects],
                        t("negotiation.effect.change"): [display.money(e.solve_mean_change) for e in effects],
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
                        t("negotiation.effect.equal"): [display.percent(e.zopa.equal_gain_share) for e in effects],
                    },
                    hide_index=True,
                    width="stretch",
                )
                st.caption(t("negotiation.effects_help", amount=analysis.client_solve_cost))
        else:
            _text("criteria", talk.criteria)
