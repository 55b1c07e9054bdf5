"""The complaint areas: severity as the client and the supplier see it, side by side."""

from __future__ import annotations

import altair as alt
import pandas as pd

from decision.model.case import DIAGNOSIS_AREAS, Diagnosis
from decision.report.chart_style import CLIENT_COLOUR, SUPPLIER_COLOUR
from decision.text.i18n import Translator

MAX_SEVERITY = 4
ROW_HEIGHT = 48
LEGEND_AND_AXIS_HEIGHT = 110  # Streamlit fits legend, axis and bars into the chart's height
BAR_BASE = -0.08  # bars start just left of 0, so that a rating of 0 shows as a stub, unlike "not rated"


def severity_table(diagnosis: Diagnosis, t: Translator) -> pd.DataFrame:
    """One row per area and party; an area the supplier has not rated has no supplier row."""
    rows = []
    for area in DIAGNOSIS_AREAS:
        rating = getattr(diagnosis, area)
        for party, severity in (("client", rating.client), ("supplier", rating.supplier)):
            if severity is None:
                continue
            rows.append(
                {
                    "area": t(f"diagnosis.area.{area}.name"),
                    "party": t(f"diagnosis.chart.{party}"),
                    "severity": severity,
                    "base": BAR_BASE,
                    "meaning": t(f"diagnosis.severity.{severity}"),
                }
            )
    return pd.DataFrame(rows, columns=["area", "party", "severity", "base", "meaning"])


def diagnosis_chart(diagnosis: Diagnosis, t: Translator) -> alt.Chart:
    """Horizontal bars per area, the client's and the supplier's severity next to each other."""
    parties = [t("diagnosis.chart.client"), t("diagnosis.chart.supplier")]
    areas = [t(f"diagnosis.area.{area}.name") for area in DIAGNOSIS_AREAS]
    return (
        alt.Chart(severity_table(diagnosis, t))
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X(
                "severity:Q",
                title=t("diagnosis.chart.severity"),
                scale=alt.Scale(domain=[BAR_BASE, MAX_SEVERITY], nice=False, zero=False),
                axis=alt.Axis(values=list(range(MAX_SEVERITY + 1)), format="d", grid=True),
            ),
            x2="base:Q",
            y=alt.Y(
                "area:N",
                title=None,
                sort=areas,
                scale=alt.Scale(domain=areas),
            ),
            yOffset=alt.YOffset("party:N", sort=parties, scale=alt.Scale(domain=parties)),
            color=alt.Color(
                "party:N",
                title=t("diagnosis.chart.party"),
                scale=alt.Scale(domain=parties, range=[CLIENT_COLOUR, SUPPLIER_COLOUR]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("area:N", title=t("diagnosis.chart.area")),
                alt.Tooltip("party:N", title=t("diagnosis.chart.party")),
                alt.Tooltip("severity:Q", title=t("diagnosis.chart.severity")),
                alt.Tooltip("meaning:N", title=t("diagnosis.chart.meaning")),
            ],
        )
        .properties(
            height=ROW_HEIGHT * len(DIAGNOSIS_AREAS) + LEGEND_AND_AXIS_HEIGHT,
            description=t("chart.description.diagnosis"),
        )
        .configure_axisY(labelLimit=220, labelFontSize=13)  # in a workshop, its type (ui.charts.style)
    )
