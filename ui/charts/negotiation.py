"""Charts of the win-win pages: the zone of possible agreement and the perception gap.

Amounts follow the translator's ``amounts`` (exact, or a workshop's rounded or hidden).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from decision.analysis.agreement import AreaGap
from decision.engine.zopa import Zopa
from decision.report.chart_style import CLIENT_COLOUR, SUPPLIER_COLOUR, euro_axis, euro_label
from decision.text.i18n import Translator

ZONE_COLOUR = "#009E73"  # the colour of solving: the zone is where solving works for both
SHARES = np.linspace(0.0, 1.0, 101)


def _party_scale(t: Translator) -> alt.Scale:
    return alt.Scale(
        domain=[t("negotiation.chart.client"), t("negotiation.chart.supplier")],
        range=[CLIENT_COLOUR, SUPPLIER_COLOUR],
    )


def zone_chart(zopa: Zopa, t: Translator) -> alt.LayerChart:
    """Both expected gains over the client share, the zone shaded, the equal split and the case share marked.

    Field names are plain identifiers; the translated titles go on axes, legend and tooltips
    (Vega-Lite reads quotes and dots in a field name as an access path).
    """
    share_title = t("negotiation.chart.share")
    gain_title = t("negotiation.chart.gain")
    party_title = t("negotiation.chart.party")
    lines = pd.DataFrame(
        {
            "share": np.concatenate([SHARES, SHARES]),
            "gain": np.concatenate([zopa.client_gain(SHARES), zopa.supplier_gain(SHARES)]),
            "party": [t("negotiation.chart.client")] * len(SHARES) + [t("negotiation.chart.supplier")] * len(SHARES),
        }
    )
    share_scale = alt.Scale(domain=[0, 1])
    layers: list[alt.Chart] = []
    if not zopa.empty:
        zone = pd.DataFrame(
            {"start": [zopa.client_share_min], "end": [zopa.client_share_max], "label": [t("negotiation.chart.zone")]}
        )
        layers.append(
            alt.Chart(zone)
            .mark_rect(color=ZONE_COLOUR, opacity=0.15)
            .encode(
                x=alt.X("start:Q", scale=share_scale),
                x2="end:Q",
                tooltip=[alt.Tooltip("label:N", title=party_title)],
            )
        )
    layers.append(alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#555555").encode(y="zero:Q"))
    layers.append(
        alt.Chart(lines)
        .transform_calculate(gain_label=euro_label("gain", t.lang, t.amounts))
        .mark_line(strokeWidth=3)
        .encode(
            x=alt.X("share:Q", scale=share_scale, axis=alt.Axis(format="%", title=share_title)),
            y=alt.Y("gain:Q", axis=euro_axis(gain_title, t.lang, t.amounts)),
            color=alt.Color("party:N", scale=_party_scale(t), legend=alt.Legend(orient="top", title=None)),
            tooltip=[
                alt.Tooltip("party:N", title=party_title),
                alt.Tooltip("share:Q", format=".0%", title=share_title),
                alt.Tooltip("gain_label:N", title=gain_title),
            ],
        )
    )
    marks = [(zopa.case_share, t("negotiation.chart.case_share"), "#333333", [1, 0])]
    if zopa.equal_gain_share is not None:
        marks.append((zopa.equal_gain_share, t("negotiation.chart.equal_share"), ZONE_COLOUR, [6, 4]))
    for position, (share, label, colour, dash) in enumerate(marks):
        base = alt.Chart(pd.DataFrame({"share": [share], "label": [label]})).encode(
            x=alt.X("share:Q", scale=share_scale)
        )
        layers.append(
            base.mark_rule(color=colour, strokeDash=dash, strokeWidth=2).encode(
                tooltip=[alt.Tooltip("label:N", title=party_title)]
            )
        )
        align = "right" if share > 0.6 else "left"
        layers.append(
            base.mark_text(
                align=align, dx=-6 if align == "right" else 6, dy=14 + 22 * position, color=colour, fontWeight="bold"
            ).encode(y=alt.value(0), text="label:N")
        )
    # The whole chart is 440 px high, axes and legend included.
    return alt.layer(*layers).properties(height=440, description=t("chart.description.zone"))


def gap_chart(gaps: tuple[AreaGap, ...], t: Translator) -> alt.LayerChart:
    """Back-to-back bars: the client's severity to the left, the supplier's to the right, largest gap on top."""
    order = [t(f"agreement.area.{g.area}") for g in gaps]
    rows = []
    for g in gaps:
        area = t(f"agreement.area.{g.area}")
        rows.append(
            {"area": area, "party": t("negotiation.chart.client"), "x": -g.client, "severity": g.client, "gap": g.gap}
        )
        rows.append(
            {
                "area": area,
                "party": t("negotiation.chart.supplier"),
                "x": g.supplier,
                "severity": g.supplier,
                "gap": g.gap,
            }
        )
    data = pd.DataFrame(rows, columns=["area", "party", "x", "severity", "gap"])
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("area:N", sort=order, title=None),
            x=alt.X(
                "x:Q",
                scale=alt.Scale(domain=[-4, 4]),
                axis=alt.Axis(values=list(range(-4, 5)), labelExpr="abs(datum.value)", title=t("agreement.chart.axis")),
            ),
            color=alt.Color("party:N", scale=_party_scale(t), legend=alt.Legend(orient="top", title=None)),
            tooltip=[
                alt.Tooltip("area:N", title=t("agreement.chart.area")),
                alt.Tooltip("party:N", title=t("negotiation.chart.party")),
                alt.Tooltip("severity:Q", title=t("agreement.chart.severity")),
                alt.Tooltip("gap:Q", title=t("agreement.chart.gap")),
            ],
        )
    )
    middle = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#555555").encode(x="x:Q")
    return (
        (bars + middle)
        .properties(height=110 + 40 * len(gaps), description=t("chart.description.gap"))  # axes, legend: 110 px
        .configure_axisY(labelLimit=220)
    )
