"""The strategy map: per combination of two inputs, the advised option (a heatmap), and the case's own estimates.

The map comes from ``decision.analysis.strategy_map``; each cell is a rectangle reaching halfway
to its neighbours (the outer ones stop at the searched range), coloured in the strategy's house
colour (``chart_style.strategy_scale``). Amounts (a euro axis, the values and margin in the
tooltip) follow the translator's ``amounts``: exact, or a workshop's rounded or hidden. The chart
sets no type sizes of its own (a workshop's come from ``ui.charts.style``) and has a description
(its name for a screen reader) in the interface language.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from decision.analysis.strategy_map import StrategyMap, say_input_value
from decision.model import registry
from decision.report.chart_style import euro_axis, strategy_scale
from decision.text.i18n import Translator
from decision.text.say import say_value
from ui.charts.style import INK

HEIGHT = 380
MARKER_SIZE = 220


def axis_title(path: str, t: Translator) -> str:
    """The input's short label with its unit: "Chance that solving succeeds (%)"."""
    return t(f"sensitivity.input.{path}")


def _axis(path: str, t: Translator) -> alt.Axis:
    kind = registry.BY_PATH[path].kind
    if kind in registry.MONEY_KINDS:
        return euro_axis(axis_title(path, t), t.lang, t.amounts)
    if kind in registry.PERCENT_KINDS:
        return alt.Axis(title=axis_title(path, t), format="%")
    return alt.Axis(title=axis_title(path, t), format="d")


def _edges(values: tuple[float, ...], low: float, high: float) -> list[tuple[float, float]]:
    """Per grid value, its cell: halfway to each neighbour; the outer cells end at the searched range."""
    if len(values) == 1:
        return [(low, high)]
    middles = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
    starts = [min(low, values[0]), *middles]
    ends = [*middles, max(high, values[-1])]
    return list(zip(starts, ends, strict=True))


def cells_frame(item: StrategyMap, t: Translator) -> pd.DataFrame:
    """One row per cell: its rectangle, the strategy's name, and the values and margin as texts."""
    lang = t.lang
    x_edges = _edges(item.x_values, *item.search_x)
    y_edges = _edges(item.y_values, *item.search_y)
    x_said = [say_input_value(item.x, v, lang, t.money) for v in item.x_values]
    y_said = [say_input_value(item.y, v, lang, t.money) for v in item.y_values]
    rows = []
    for i, column in enumerate(item.cells):
        for j, strategy in enumerate(column):
            margin = item.margins[i][j]
            rows.append(
                {
                    "x": x_edges[i][0],
                    "x2": x_edges[i][1],
                    "y": y_edges[j][0],
                    "y2": y_edges[j][1],
                    "strategy": t.strategy(strategy),
                    "x_text": x_said[i],
                    "y_text": y_said[j],
                    "margin_text": "–" if math.isnan(margin) else t.money(margin, lang),
                }
            )
    return pd.DataFrame(rows)


def strategy_map_chart(item: StrategyMap, t: Translator) -> alt.LayerChart:
    """The map as a heatmap coloured by the advised option, with the case's own estimates marked."""
    lang = t.lang
    present = item.strategies
    x_title, y_title = axis_title(item.x, t), axis_title(item.y, t)
    x_scale = alt.Scale(domain=list(item.search_x), nice=False, zero=False)
    y_scale = alt.Scale(domain=list(item.search_y), nice=False, zero=False)
    colour = alt.Color(
        "strategy:N",
        scale=strategy_scale(t, present),
        sort=[t.strategy(s) for s in present],
        legend=alt.Legend(title=t("strategy_map.chart.legend"), orient="bottom"),
    )
    cells = (
        alt.Chart(cells_frame(item, t))
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("x:Q", axis=_axis(item.x, t), scale=x_scale),
            x2="x2:Q",
            y=alt.Y("y:Q", axis=_axis(item.y, t), scale=y_scale),
            y2="y2:Q",
            color=colour,
            tooltip=[
                alt.Tooltip("strategy:N", title=t("strategy_map.chart.legend")),
                alt.Tooltip("x_text:N", title=x_title),
                alt.Tooltip("y_text:N", title=y_title),
                alt.Tooltip("margin_text:N", title=t("strategy_map.chart.tooltip_margin")),
            ],
        )
    )
    marker_label = t("strategy_map.chart.marker")
    marker_data = pd.DataFrame(
        [
            {
                "x": item.marker_x,
                "y": item.marker_y,
                "label": marker_label,
                "strategy": t.strategy(item.marker_strategy),
                "x_text": say_input_value(item.x, item.marker_x, lang, t.money),
                "y_text": say_input_value(item.y, item.marker_y, lang, t.money),
            }
        ]
    )
    marker_base = alt.Chart(marker_data).encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale))
    marker = marker_base.mark_point(
        shape="diamond", size=MARKER_SIZE, filled=True, fill="white", stroke=INK, strokeWidth=2, opacity=1
    ).encode(
        tooltip=[
            alt.Tooltip("label:N", title=t("strategy_map.chart.marker")),
            alt.Tooltip("strategy:N", title=t("strategy_map.chart.legend")),
            alt.Tooltip("x_text:N", title=x_title),
            alt.Tooltip("y_text:N", title=y_title),
        ]
    )
    # The label beside the marker, on the side with the room.
    low, high = item.search_x
    right = high <= low or item.marker_x <= (low + high) / 2
    label = marker_base.mark_text(
        align="left" if right else "right", dx=12 if right else -12, fontWeight="bold", color=INK
    ).encode(text="label:N")
    description = t(
        "strategy_map.chart.description",
        input_x=say_value("input", item.x, lang),
        input_y=say_value("input", item.y, lang),
    )
    return alt.layer(cells, marker, label).properties(height=HEIGHT, description=description)
