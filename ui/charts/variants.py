"""The variants side by side: per variant the expected cost (bar) and the P90 (tick) of every strategy."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from decision.engine.results import Evaluation
from decision.model import registry
from decision.report.chart_style import euro_axis, strategy_scale
from decision.text.i18n import Translator


def variants_frame(evaluations: Mapping[str, Evaluation], t: Translator) -> pd.DataFrame:
    """One row per variant and strategy: mean, P90 (as texts too, written with ``t.money``), recommended or not."""
    rows = []
    for name, evaluation in evaluations.items():
        for strategy, result in evaluation.strategies.items():
            recommended = strategy == evaluation.recommendation.strategy
            rows.append(
                {
                    "variant": name,
                    "strategy": t.strategy(strategy),
                    "mean": result.mean,
                    "p90": result.p90,
                    "mean_text": t.money(result.mean, t.lang),
                    "p90_text": t.money(result.p90, t.lang),
                    "recommended": recommended,
                    "recommended_text": t("common.yes") if recommended else t("common.no"),
                }
            )
    return pd.DataFrame(rows)


def variants_chart(evaluations: Mapping[str, Evaluation], t: Translator) -> alt.LayerChart:
    """Bars of the expected cost, ticks at the P90; the recommended strategy of each variant in full colour.

    Amounts follow ``t.amounts``: with hidden amounts (a workshop) the axis has no figures.
    """
    frame = variants_frame(evaluations, t)
    axis = euro_axis(t("variants.chart_axis"), t.lang, t.amounts)
    order = list(evaluations)
    present = tuple(s for s in registry.STRATEGIES if any(s in e.strategies for e in evaluations.values()))
    strategies = [t.strategy(s) for s in present]
    y = alt.Y("variant:N", title=None, sort=order)
    y_offset = alt.YOffset("strategy:N", sort=strategies)
    colour = alt.Color("strategy:N", scale=strategy_scale(t, present), legend=alt.Legend(title=None, orient="bottom"))
    tooltip = [
        alt.Tooltip("variant:N", title=t("variants.col_variant")),
        alt.Tooltip("strategy:N", title=t("variants.col_strategy")),
        alt.Tooltip("mean_text:N", title=t("variants.col_mean")),
        alt.Tooltip("p90_text:N", title=t("variants.col_p90")),
        alt.Tooltip("recommended_text:N", title=t("variants.col_recommended")),
    ]
    base = alt.Chart(frame).encode(y=y, yOffset=y_offset, color=colour, tooltip=tooltip)
    bars = base.mark_bar(height={"band": 0.8}).encode(
        x=alt.X("mean:Q", axis=axis),
        opacity=alt.condition("datum.recommended", alt.value(1.0), alt.value(0.35)),
    )
    ticks = base.mark_tick(thickness=2.5, size=14).encode(x="p90:Q", color=alt.value("#333333"))
    return (
        (bars + ticks)
        .properties(height=alt.Step(16), description=t("chart.description.variants"))
        .configure_axisY(labelLimit=220, labelFontSize=13)  # in a workshop, its type (ui.charts.style)
    )
