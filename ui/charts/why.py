"""Charts of the Why page: the tornado and the S-curves.

Each builder takes the sensitivity analysis and a translator and returns an
Altair chart; the page only draws it. Amounts (axes, labels, tooltips) follow
the translator's ``amounts``: exact, or a workshop's rounded or hidden. Each chart has a
description (its name for a screen reader) and sets no type sizes of its own (a workshop's
come from ``ui.charts.style``); the S-curves carry their strategy's name at their end.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from decision.analysis.explain import say_value
from decision.analysis.sensitivity import Sensitivity
from decision.report.chart_style import euro_axis, strategy_scale
from decision.text import fmt
from decision.text.i18n import Translator
from ui.charts.style import LABEL_GAP_PX, label_heights, line_names

Chart = alt.Chart | alt.LayerChart
TORNADO_BARS = 10
LOW_COLOUR = "#9E9E9E"  # grey: the input at its low estimate
HIGH_COLOUR = "#332288"  # indigo: the input at its high estimate
FLIP_COLOUR = "#D55E00"  # the zero line, where the choice between the two flips
S_CURVE_HEIGHT = 380
SHARE_TICKS = [round(0.1 * tick, 1) for tick in range(11)]  # 0% to 100%; the names go above


def input_label(path: str, t: Translator) -> str:
    return t(f"sensitivity.input.{path}")


def tornado_chart(analysis: Sensitivity, t: Translator, bars: int = TORNADO_BARS) -> Chart:
    """Per input, the advantage of the recommended strategy over the runner-up at its low and high estimate.

    Only inputs with a swing are drawn (``Sensitivity.drawn_bars``): those without influence within
    their range are no empty bars but a sentence under the chart (``sensitivity.say_no_influence``).
    """
    lang = t.lang
    shown = list(analysis.drawn_bars[:bars])
    names = {"strategy": analysis.recommended, "runner_up": analysis.runner_up}
    sides = [t("why.side_low"), t("why.side_high")]
    rows = [
        {
            "input": input_label(bar.input, t),
            "side": side,
            "base": analysis.gap,
            "gap": gap,
            "value": say_value(bar.input, value, lang, t.money),
            "gap_label": t.money(gap, lang),
            "right": gap >= analysis.gap,
        }
        for bar in shown
        for side, gap, value in ((sides[0], bar.low_gap, bar.low_value), (sides[1], bar.high_gap, bar.high_value))
    ]
    data = pd.DataFrame(rows)
    order = [input_label(bar.input, t) for bar in shown]
    y = alt.Y("input:N", sort=order, title=None)
    axis = euro_axis(t(f"why.tornado_axis_{analysis.basis}", **names), lang, t.amounts)
    axis.tickCount = 8
    # Room for the values at the bars' ends, in a workshop's type too.
    x = alt.X("base:Q", axis=axis, scale=alt.Scale(padding=110))
    bars_layer = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7})
        .encode(
            x=x,
            x2="gap:Q",
            y=y,
            color=alt.Color(
                "side:N",
                scale=alt.Scale(domain=sides, range=[LOW_COLOUR, HIGH_COLOUR]),
                legend=alt.Legend(title=t("why.side"), orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("input:N", title=t("why.tooltip_input")),
                alt.Tooltip("side:N", title=t("why.side")),
                alt.Tooltip("value:N", title=t("why.tooltip_value")),
                alt.Tooltip("gap_label:N", title=t("why.tooltip_gap")),
            ],
        )
    )
    # The input's value at the end of each bar, outside it.
    values = [
        alt.Chart(data)
        .transform_filter(alt.datum.right if right else ~alt.datum.right)
        .mark_text(align="left" if right else "right", dx=4 if right else -4, color="#444444")
        .encode(x=alt.X("gap:Q"), y=y, text="value:N")
        for right in (True, False)
    ]
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=FLIP_COLOUR, strokeWidth=2).encode(x="x:Q")
    now = alt.Chart(pd.DataFrame({"x": [analysis.gap]})).mark_rule(strokeDash=[4, 4], color="#444444").encode(x="x:Q")
    return (
        alt.layer(bars_layer, *values, zero, now)
        .properties(height=alt.Step(36), description=t("chart.description.tornado"))  # a row per input
        .configure_axis(labelLimit=340)
    )


def s_curve_chart(analysis: Sensitivity, t: Translator, threshold: float | None = None) -> Chart:
    """The cumulative distribution of the total cost per strategy; excluded strategies dashed.

    Every curve ends at 100%: the names go above that line, each at its curve's end x, in rows of
    their own (the curve reaching furthest right lowest, ``style.label_heights``), so no curve runs
    through a name; the y axis grows to hold them and stops its ticks at 100%.
    """
    lang = t.lang
    excluded = t("why.excluded")
    curves_by_strategy = analysis.risk.s_curve()
    rows = [
        {
            "option": t.strategy(s),
            "cost": cost,
            "share": share,
            "triage": "" if s in analysis.allowed else excluded,
            "cost_label": t.money(cost, lang),
            "share_label": fmt.percent(share, lang),
        }
        for s, (costs, shares) in curves_by_strategy.items()
        for cost, share in zip(costs, shares)
    ]
    names = {s: t.strategy(s) if s in analysis.allowed else f"{t.strategy(s)} ({excluded})" for s in curves_by_strategy}
    reach = {names[s]: float(costs[-1]) for s, (costs, _) in curves_by_strategy.items()}
    gap = LABEL_GAP_PX / (S_CURVE_HEIGHT - 60)
    # Every name above the 100% line, where no curve runs, in rows of their own.
    heights = label_heights({name: 1.0 + gap for name in reach}, gap, order=reach)
    start = min(float(costs[0]) for costs, _ in curves_by_strategy.values())
    middle = (start + max(reach.values())) / 2
    colour = alt.Color(
        "option:N",
        scale=strategy_scale(t, tuple(curves_by_strategy)),
        sort=[t.strategy(s) for s in curves_by_strategy],
        legend=None,
    )
    x = alt.X("cost:Q", axis=euro_axis(t("why.s_curve_axis_x"), lang, t.amounts), scale=alt.Scale(zero=False))
    curves = (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y(
                "share:Q",
                axis=alt.Axis(title=t("why.s_curve_axis_y"), format="%", values=SHARE_TICKS),
                scale=alt.Scale(domain=[0, max(heights.values()) + gap / 2], nice=False),
            ),
            color=colour,
            strokeDash=alt.StrokeDash(
                "triage:N", scale=alt.Scale(domain=["", excluded], range=[[1, 0], [6, 4]]), legend=None
            ),
            detail="option:N",
            tooltip=[
                alt.Tooltip("option:N", title=t("why.legend_option")),
                alt.Tooltip("cost_label:N", title=t("why.tooltip_value")),
                alt.Tooltip("share_label:N", title=t("why.s_curve_axis_y")),
            ],
        )
    )
    # A name ends at its curve's end when that is in the right half (it would run out of the chart).
    label_rows = pd.DataFrame(
        [
            {
                "option": t.strategy(s),
                "name": names[s],
                "cost": reach[names[s]],
                "label_y": heights[names[s]],
                "right": reach[names[s]] > middle,
            }
            for s in curves_by_strategy
        ]
    )
    ends_chart = alt.Chart(label_rows).encode(x=alt.X("cost:Q"), y=alt.Y("label_y:Q"))
    layers: list[alt.Chart | alt.LayerChart] = [curves]
    for right in sorted(set(label_rows["right"])):  # no empty layer: an empty mark is an unnamed image
        placed = ends_chart.transform_filter(alt.datum.right if right else ~alt.datum.right)
        layers.append(line_names(placed, colour, field="name", align="right" if right else "left"))
    if threshold is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"x": [threshold]})).mark_rule(color="#444444", strokeWidth=2).encode(x="x:Q")
        )
    return alt.layer(*layers).properties(height=S_CURVE_HEIGHT, description=t("chart.description.s_curve"))
