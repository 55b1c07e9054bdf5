"""Charts of the Comparison page: cost distribution, cost over time, chance of being cheapest, breakdown.

Each chart is split in two: a template (``<chart>_template``, an ``alt.Chart`` on named
data sets, everything that depends only on the look: language and amounts setting) and
its rows (``<chart>_rows``, plain DataFrames from the evaluated results). The template
is converted to a Vega-Lite dict once per look (``template_spec``); a what-if only
builds the rows and puts them in the dict's ``datasets`` (``<chart>_spec``). Building
and converting the Altair chart is what a redraw would otherwise spend most of its time
on, and with an unchanged spec the browser only swaps the rows instead of redrawing
the chart from scratch.

Every strategy has its fixed colour (``strategy_scale``), money axes use ``euro_axis``,
and the amounts in tooltips are written in the rows by ``fmt.money_many``, both as the
translator's ``amounts`` (a workshop's setting) wants. (Written by Vega, ``euro_label``,
the thousand labels of the timeline and the dots cost the browser more on every
what-if than writing them here.) No domain or order is computed here from the data: Vega
computes the axes' extents from the rows. Each chart has a description (its name for a
screen reader) and sets no type sizes of its own: a workshop's come from ``ui.charts.style``.

The timeline's lines carry their strategy's name at their end (``ENDS``, heights spread by
``style.label_heights`` so that names of lines ending close together do not overlap).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from decision.engine.results import Evaluation, Timeline
from decision.engine.summary import COST_FAMILIES, family_breakdown
from decision.model import registry
from decision.report.chart_style import euro_axis, strategy_scale
from decision.text import fmt
from decision.text.i18n import Translator
from ui.charts.style import LABEL_GAP_PX, label_heights, line_names

Chart = alt.Chart | alt.LayerChart
Rows = dict[str, pd.DataFrame]
Strategies = tuple[str, ...]  # the strategies a case has, in registry order

# The named data sets; fixed names keep the spec the same from one what-if to the next.
DOTS = "dots"
MEANS = "means"
SHARES = "shares"
MONTHS = "months"
FAMILIES = "families"
ENDS = "ends"
# The room an axis or legend label gets (Streamlit's theme cuts them at 100 px).
LABEL_LIMIT = 220
TIMELINE_HEIGHT = 380
# The dots and the chance of being cheapest, side by side: a row per option. The height is the whole
# chart's (Streamlit fits it), so the axis, its two-line title and a workshop's larger type come off it.
ROWS_BASE, ROW_HEIGHT = 110, 32


def rows_height(strategies: Strategies) -> int:
    """The height of a chart with a row per option: 238 px for four, 302 for six."""
    return ROWS_BASE + ROW_HEIGHT * len(strategies)


def _order(t: Translator, strategies: Strategies) -> list[str]:
    return [t.strategy(s) for s in strategies]


def _colour(t: Translator, strategies: Strategies, legend: bool = False) -> alt.Color:
    return alt.Color(
        "option:N",
        scale=strategy_scale(t, strategies),
        legend=alt.Legend(title=t("comparison.legend_option"), orient="bottom", symbolOpacity=1) if legend else None,
    )


def _finish(chart: Chart, t: Translator, name: str) -> Chart:
    """The top-level chart with its description (read out for the chart) and room for its labels."""
    return (
        chart.properties(description=t(f"chart.description.{name}"))
        .configure_axis(labelLimit=LABEL_LIMIT)
        # One column, as in a workshop (ui.charts.style): a legend has half a page, and two columns of
        # four Dutch names ran out of it at the desk ("Stoppen en verlies nemen" was cut after "verli").
        .configure_legend(labelLimit=LABEL_LIMIT, columns=1)
    )


def _euro_axis(title: str, t: Translator) -> alt.Axis:
    """The shared euro axis with a few, non-overlapping ticks (the charts are half a page wide)."""
    axis = euro_axis(title, t.lang, t.amounts)
    axis.tickCount = 5
    axis.labelOverlap = True
    return axis


def _option_axis(t: Translator, strategies: Strategies) -> alt.Y:
    return alt.Y("option:N", sort=_order(t, strategies), title=None)


def distribution_template(t: Translator, strategies: Strategies) -> Chart:
    """Quantile dots (one per twentieth of the simulated futures) per option, with the mean as a tick."""
    x = alt.X("value:Q", axis=_euro_axis(t("comparison.axis_total"), t), scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("option:N", title=t("comparison.legend_option")),
        alt.Tooltip("label:N", title=t("comparison.tooltip_value")),
    ]
    points = (
        alt.Chart(alt.NamedData(name=DOTS))
        .mark_circle(size=70, opacity=0.75)
        .encode(x=x, y=_option_axis(t, strategies), color=_colour(t, strategies), tooltip=tooltip)
    )
    mean_ticks = (
        alt.Chart(alt.NamedData(name=MEANS))
        .mark_tick(color="#1F2933", thickness=3, size=26)
        .encode(x=x, y=_option_axis(t, strategies), tooltip=tooltip)
    )
    return _finish((points + mean_ticks).properties(height=rows_height(strategies)), t, "distribution")


def distribution_rows(result: Evaluation, t: Translator) -> Rows:
    """The twenty quantile dots and the mean of each option, each with its amount written out."""
    options = [t.strategy(s) for s in result.strategies]
    dots = [r.dots for r in result.strategies.values()]
    values = np.concatenate(dots).astype(float)
    means = [r.mean for r in result.strategies.values()]
    return {
        DOTS: pd.DataFrame(
            {
                "option": np.repeat(options, [len(d) for d in dots]),
                "value": values,
                "label": fmt.money_many(values, t.lang, t.amounts),
            }
        ),
        MEANS: pd.DataFrame({"option": options, "value": means, "label": fmt.money_many(means, t.lang, t.amounts)}),
    }


def timeline_template(t: Translator, strategies: Strategies) -> Chart:
    """Cumulative expected cost per month with the P10-P90 band; each line's name at its end."""
    x = alt.X("month:Q", title=t("comparison.axis_month"), scale=alt.Scale(nice=False))
    data = alt.Chart(alt.NamedData(name=MONTHS))
    tooltip = [
        alt.Tooltip("option:N", title=t("comparison.legend_option")),
        alt.Tooltip("month:Q", title=t("comparison.tooltip_month")),
        alt.Tooltip("mean_label:N", title=t("comparison.tooltip_mean")),
        alt.Tooltip("band_label:N", title=t("comparison.tooltip_band")),
    ]
    band = data.mark_area(opacity=0.12).encode(
        x=x,
        y=alt.Y("p10:Q", axis=_euro_axis(t("comparison.axis_cumulative"), t)),
        y2="p90:Q",
        color=_colour(t, strategies),
    )
    line = data.mark_line(strokeWidth=2.5).encode(x=x, y=alt.Y("mean:Q"), color=_colour(t, strategies), tooltip=tooltip)
    ends = alt.Chart(alt.NamedData(name=ENDS)).encode(x=x, y=alt.Y("label_y:Q"))
    return _finish(
        (band + line + line_names(ends, _colour(t, strategies))).properties(height=TIMELINE_HEIGHT), t, "timeline"
    )


def timeline_rows(timeline: Timeline, t: Translator) -> Rows:
    """Per option and month the cumulative expected cost, P10 and P90; per option where its name
    is written (``ENDS``: at its last month, at the height its line ends, spread apart)."""
    options = _order(t, tuple(timeline.mean))
    ends = {option: float(mean[-1]) for option, mean in zip(options, timeline.mean.values())}
    top = max([0.0, *(float(np.max(p90)) for p90 in timeline.p90.values())])
    bottom = min([0.0, *(float(np.min(p10)) for p10 in timeline.p10.values())])
    # The plot is about the chart's height less its axis; a name needs LABEL_GAP_PX of it.
    gap = (top - bottom) * LABEL_GAP_PX / (TIMELINE_HEIGHT - 60)
    heights = label_heights(ends, gap)
    mean = np.concatenate(list(timeline.mean.values()))
    p10 = np.concatenate(list(timeline.p10.values()))
    p90 = np.concatenate(list(timeline.p90.values()))
    low, high = fmt.money_many(p10, t.lang, t.amounts), fmt.money_many(p90, t.lang, t.amounts)
    return {
        MONTHS: pd.DataFrame(
            {
                "option": np.repeat(options, len(timeline.months)),
                "month": np.tile(timeline.months, len(timeline.mean)),
                "mean": mean,
                "p10": p10,
                "p90": p90,
                "mean_label": fmt.money_many(mean, t.lang, t.amounts),
                "band_label": [f"{a} – {b}" for a, b in zip(low, high)],
            }
        ),
        ENDS: pd.DataFrame(
            {
                "option": options,
                "month": [timeline.months[-1]] * len(options),
                "label_y": [heights[option] for option in options],
            }
        ),
    }


def p_best_template(t: Translator, strategies: Strategies) -> Chart:
    """The share of simulated futures in which each option is the cheapest."""
    base = alt.Chart(alt.NamedData(name=SHARES)).encode(y=_option_axis(t, strategies))
    bars = base.mark_bar().encode(
        x=alt.X("share:Q", title=t("comparison.axis_share"), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        color=_colour(t, strategies),
        tooltip=[alt.Tooltip("option:N", title=t("comparison.legend_option")), alt.Tooltip("label:N", title=" ")],
    )
    labels = base.mark_text(align="left", dx=4, color="#1F2933").encode(x="share:Q", text="label:N")
    return _finish((bars + labels).properties(height=rows_height(strategies)), t, "p_best")


def p_best_rows(result: Evaluation, t: Translator) -> Rows:
    return {
        SHARES: pd.DataFrame(
            [
                {"option": t.strategy(s), "share": r.p_best, "label": fmt.percent(r.p_best, t.lang)}
                for s, r in result.strategies.items()
            ]
        )
    }


def breakdown_template(t: Translator, strategies: Strategies) -> Chart:
    """Expected cost per cost family (divestment, delay, legal, improvement), one bar per option."""
    families = [t(f"comparison.family.{f}") for f in COST_FAMILIES]
    chart = (
        alt.Chart(alt.NamedData(name=FAMILIES))
        .mark_bar()
        .encode(
            y=alt.Y("family:N", sort=families, title=t("comparison.axis_family")),
            yOffset=alt.YOffset("option:N", sort=_order(t, strategies)),
            x=alt.X("amount:Q", axis=_euro_axis(t("comparison.axis_cost"), t)),
            color=_colour(t, strategies, legend=True),
            tooltip=[
                alt.Tooltip("option:N", title=t("comparison.legend_option")),
                alt.Tooltip("family:N", title=t("comparison.axis_family")),
                alt.Tooltip("label:N", title=t("comparison.tooltip_value")),
                alt.Tooltip("detail:N", title=t("comparison.tooltip_detail")),
            ],
        )
        .properties(height=alt.Step(18))  # a bar per option and cost family; axis and legend come on top
    )
    return _finish(chart, t, "breakdown")


def breakdown_rows(result: Evaluation, t: Translator) -> Rows:
    """Per option and cost family the expected cost, with the categories it is made of."""
    # Every amount the rows write, written at once (``fmt.money_many``): the families and their categories.
    parts = [
        (s, r, family, amount)
        for s, r in result.strategies.items()
        for family, amount in family_breakdown(r.breakdown).items()
    ]
    amounts = [amount for *_, amount in parts] + [
        r.breakdown[c] for s, r in result.strategies.items() for c in r.breakdown
    ]
    written = dict(zip(amounts, fmt.money_many(amounts, t.lang, t.amounts), strict=True))
    rows = []
    for s, r, family, amount in parts:
        detail = "; ".join(
            f"{t(f'comparison.category.{c}')} {written[r.breakdown[c]]}"
            for c in COST_FAMILIES[family]
            if r.breakdown[c] != 0.0
        )
        rows.append(
            {
                "option": t.strategy(s),
                "family": t(f"comparison.family.{family}"),
                "amount": amount,
                "label": written[amount],
                "detail": detail or "–",
            }
        )
    return {FAMILIES: pd.DataFrame(rows)}


TEMPLATES: dict[str, Callable[[Translator, Strategies], Chart]] = {
    "distribution": distribution_template,
    "timeline": timeline_template,
    "p_best": p_best_template,
    "breakdown": breakdown_template,
}


@cache
def template_spec(
    chart: str, lang: str, amounts: str, strategies: Strategies = registry.CORE_STRATEGIES
) -> dict[str, Any]:
    """The Vega-Lite dict of a chart without its rows, built once per look.

    Shared by every redraw: callers copy it (``with_rows``) and never change it in place.
    The templates are validated against the schema in the tests, so this skips Altair's validation.
    """
    return TEMPLATES[chart](Translator(lang, amounts=amounts), strategies).to_dict(validate=False)


def with_rows(chart: str, rows: Rows, t: Translator, strategies: Strategies) -> dict[str, Any]:
    """The chart's Vega-Lite dict for the look of ``t`` with ``rows`` as its data sets.

    The data sets stay data frames: ``st.vega_lite_chart`` sends each one to the browser as Arrow
    under its own name, so the spec it sends is the template's, the same on every redraw, and the
    browser only replaces the rows of the chart it has drawn (records would be turned back into a
    frame first: about 10 ms a what-if with six options). ``records`` gives the JSON form.
    """
    return {**template_spec(chart, t.lang, t.amounts, strategies), "datasets": dict(rows)}


def records(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` (from ``with_rows``) as plain JSON: each data set as a list of records."""
    datasets = {name: frame.to_dict("records") for name, frame in spec.get("datasets", {}).items()}
    return {**spec, "datasets": datasets}


def distribution_spec(result: Evaluation, t: Translator) -> dict[str, Any]:
    return with_rows("distribution", distribution_rows(result, t), t, tuple(result.strategies))


def timeline_spec(timeline: Timeline, t: Translator) -> dict[str, Any]:
    return with_rows("timeline", timeline_rows(timeline, t), t, tuple(timeline.mean))


def p_best_spec(result: Evaluation, t: Translator) -> dict[str, Any]:
    return with_rows("p_best", p_best_rows(result, t), t, tuple(result.strategies))


def breakdown_spec(result: Evaluation, t: Translator) -> dict[str, Any]:
    return with_rows("breakdown", breakdown_rows(result, t), t, tuple(result.strategies))
