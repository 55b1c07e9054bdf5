"""Charts of the Why page: the tornado and the S-curves.

Each builder takes the sensitivity analysis and a translator and returns an
Altair chart; the page only draws it. Amounts (axes, labels, tooltips) follow
the translator's ``amounts``: exact, or a workshop's rounded or hidden.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from decision.analysis.explain import say_value
from decision.analysis.sensitivity import Sensitivity
from decision.report.chart_style import euro_axis, strategy_scale
from decision.text import fmt
from decision.text.i18n import Translator

Chart = alt.Chart | alt.LayerChart
TORNADO_BARS = 10
LOW_COLOUR = "#9E9E9E"  # grey: the input at its low estimate
HIGH_COLOUR = "#332288"  # indigo: the input at its high estimate
FLIP_COLOUR = "#D55E00"  # the zero line, where the choice between the two flips


def input_label(path: str, t: Translator) -> str:
    return t(f"sensitivity.input.{path}")


def tornado_chart(analysis: Sensitivity, t: Translator, bars: int = TORNADO_BARS) -> Chart:
    """Per input, the advantage of the recommended strategy over the runner-up at its low and high estimate."""
    lang = t.lang
    shown = [bar for bar in analysis.tornado if bar.swing > 0][:bars]
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
    y = alt.Y("input:N", sort=order, title=None, axis=alt.Axis(labelLimit=340))
    axis = euro_axis(t(f"why.tornado_axis_{analysis.basis}", **names), lang, t.amounts)
    axis.tickCount = 8
    x = alt.X("base:Q", axis=axis, scale=alt.Scale(padding=70))
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
        .mark_text(align="left" if right else "right", dx=4 if right else -4, fontSize=11, color="#444444")
        .encode(x=alt.X("gap:Q"), y=y, text="value:N")
        for right in (True, False)
    ]
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=FLIP_COLOUR, strokeWidth=2).encode(x="x:Q")
    now = alt.Chart(pd.DataFrame({"x": [analysis.gap]})).mark_rule(strokeDash=[4, 4], color="#444444").encode(x="x:Q")
    return alt.layer(bars_layer, *values, zero, now).properties(height=32 * max(len(shown), 1) + 40)


def s_curve_chart(analysis: Sensitivity, t: Translator, threshold: float | None = None) -> Chart:
    """The cumulative distribution of the total cost per strategy; excluded strategies dashed."""
    lang = t.lang
    excluded = t("why.excluded")
    rows = [
        {
            "option": t.strategy(s),
            "cost": cost,
            "share": share,
            "triage": "" if s in analysis.allowed else excluded,
            "cost_label": t.money(cost, lang),
            "share_label": fmt.percent(share, lang),
        }
        for s, (costs, shares) in analysis.risk.s_curve().items()
        for cost, share in zip(costs, shares)
    ]
    curves = (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("cost:Q", axis=euro_axis(t("why.s_curve_axis_x"), lang, t.amounts), scale=alt.Scale(zero=False)),
            y=alt.Y(
                "share:Q", axis=alt.Axis(title=t("why.s_curve_axis_y"), format="%"), scale=alt.Scale(domain=[0, 1])
            ),
            color=alt.Color(
                "option:N",
                scale=strategy_scale(t, tuple(analysis.risk.s_curve())),
                sort=[t.strategy(s) for s in analysis.risk.s_curve()],
                legend=alt.Legend(title=t("why.legend_option"), orient="bottom"),
            ),
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
    if threshold is None:
        return curves.properties(height=380)
    rule = alt.Chart(pd.DataFrame({"x": [threshold]})).mark_rule(color="#444444", strokeWidth=2).encode(x="x:Q")
    return alt.layer(curves, rule).properties(height=380)
