"""Charts of the win-win pages: the zone of possible agreement, the settlement zone of an orderly exit
and the perception gap.

Amounts follow the translator's ``amounts`` (exact, or a workshop's rounded or hidden).
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import numpy as np
import pandas as pd

from decision.analysis.agreement import AreaGap
from decision.analysis.negotiation import equal_gain
from decision.engine.zopa import ExitDealZone, Zopa
from decision.report.chart_style import CLIENT_COLOUR, SUPPLIER_COLOUR, euro_axis, euro_label
from decision.text.i18n import Translator

ZONE_COLOUR = "#009E73"  # the colour of solving: the zone is where solving works for both
CASE_COLOUR = "#333333"  # what the case assumes now
CRITERION_COLOUR = "#D55E00"  # the objective criterion (Okabe-Ito vermillion), dotted
SHARES = np.linspace(0.0, 1.0, 101)
# Marks on a zone chart: (position, label, colour, dash); the labels stack from the top, one line each.
Mark = tuple[float, str, str, list[int]]


def _party_scale(t: Translator) -> alt.Scale:
    return alt.Scale(
        domain=[t("negotiation.chart.client"), t("negotiation.chart.supplier")],
        range=[CLIENT_COLOUR, SUPPLIER_COLOUR],
    )


def zone_chart(zopa: Zopa, t: Translator) -> alt.LayerChart:
    """Both expected gains over the client share, the zone shaded, the equal split (or the split nearest to
    equal, when one party gains more at every split), the case share and the objective criterion marked.

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
    marks: list[Mark] = [(zopa.case_share, t("negotiation.chart.case_share"), CASE_COLOUR, [1, 0])]
    equal = equal_gain(zopa)
    if equal.share is not None:
        label = "negotiation.chart.equal_share" if equal.kind == "equal" else "negotiation.chart.nearest_equal"
        marks.append((equal.share, t(label), ZONE_COLOUR, [6, 4]))
    if zopa.criterion_share is not None:
        marks.append((zopa.criterion_share, t("negotiation.chart.criterion"), CRITERION_COLOUR, [2, 3]))
    layers += _marks(marks, "share", share_scale, party_title, lambda share: share > 0.6)
    # The whole chart is 440 px high, axes and legend included.
    return alt.layer(*layers).properties(height=440, description=t("chart.description.zone"))


def _marks(
    marks: list[Mark], field: str, scale: alt.Scale, title: str, on_the_right: Callable[[float], bool]
) -> list[alt.Chart]:
    """A vertical rule per mark with its label at the top, one line further down per mark (no overlap);
    a label near the right edge is written to the left of its rule."""
    layers: list[alt.Chart] = []
    for position, (value, label, colour, dash) in enumerate(marks):
        base = alt.Chart(pd.DataFrame({field: [value], "label": [label]})).encode(x=alt.X(f"{field}:Q", scale=scale))
        layers.append(
            base.mark_rule(color=colour, strokeDash=dash, strokeWidth=2).encode(
                tooltip=[alt.Tooltip("label:N", title=title)]
            )
        )
        align = "right" if on_the_right(value) else "left"
        layers.append(
            base.mark_text(
                align=align, dx=-6 if align == "right" else 6, dy=14 + 22 * position, color=colour, fontWeight="bold"
            ).encode(y=alt.value(0), text="label:N")
        )
    return layers


def settlement_chart(zone: ExitDealZone, case_settlement: float, t: Translator) -> alt.LayerChart:
    """An orderly exit (MODEL.md 7.8): both expected gains over their BATNAs for every settlement S the
    supplier pays back or waives, the settlement zone shaded and the case's own S marked.

    Both gains are linear in S: the client gains ``zone.slope`` (the present value of a euro paid at the
    end of the negotiation) per euro, the supplier loses as much. The axis runs from 0 past the zone, the
    case's S and the points where each line crosses zero, so that both crossings show.
    """
    amount_title = t("negotiation.chart.settlement")
    gain_title = t("negotiation.chart.gain")
    party_title = t("negotiation.chart.party")
    points = [case_settlement, zone.settlement_min or 0.0, zone.settlement_max or 0.0]
    if zone.slope > 0:
        points += [-zone.client_gain_at_zero / zone.slope, zone.supplier_gain_at_zero / zone.slope]
    right = max(1.0, *points) * 1.25
    amounts = np.linspace(0.0, right, 101)
    lines = pd.DataFrame(
        {
            "amount": np.concatenate([amounts, amounts]),
            "gain": np.concatenate(
                [
                    zone.client_gain_at_zero + zone.slope * amounts,
                    zone.supplier_gain_at_zero - zone.slope * amounts,
                ]
            ),
            "party": [t("negotiation.chart.client")] * len(amounts) + [t("negotiation.chart.supplier")] * len(amounts),
        }
    )
    amount_scale = alt.Scale(domain=[0, right])
    layers: list[alt.Chart] = []
    if zone.settlement_min is not None:
        band = pd.DataFrame(
            {
                "start": [zone.settlement_min],
                "end": [zone.settlement_max if zone.settlement_max is not None else right],
                "label": [t("negotiation.chart.settlement_zone")],
            }
        )
        layers.append(
            alt.Chart(band)
            .mark_rect(color=ZONE_COLOUR, opacity=0.15)
            .encode(
                x=alt.X("start:Q", scale=amount_scale),
                x2="end:Q",
                tooltip=[alt.Tooltip("label:N", title=party_title)],
            )
        )
    layers.append(alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#555555").encode(y="zero:Q"))
    layers.append(
        alt.Chart(lines)
        .transform_calculate(
            gain_label=euro_label("gain", t.lang, t.amounts), amount_label=euro_label("amount", t.lang, t.amounts)
        )
        .mark_line(strokeWidth=3)
        .encode(
            x=alt.X("amount:Q", scale=amount_scale, axis=euro_axis(amount_title, t.lang, t.amounts)),
            y=alt.Y("gain:Q", axis=euro_axis(gain_title, t.lang, t.amounts)),
            color=alt.Color("party:N", scale=_party_scale(t), legend=alt.Legend(orient="top", title=None)),
            tooltip=[
                alt.Tooltip("party:N", title=party_title),
                alt.Tooltip("amount_label:N", title=amount_title),
                alt.Tooltip("gain_label:N", title=gain_title),
            ],
        )
    )
    marks: list[Mark] = [(case_settlement, t("negotiation.chart.case_settlement"), CASE_COLOUR, [1, 0])]
    layers += _marks(marks, "amount", amount_scale, party_title, lambda amount: amount > 0.6 * right)
    return alt.layer(*layers).properties(height=400, description=t("chart.description.settlement"))


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
