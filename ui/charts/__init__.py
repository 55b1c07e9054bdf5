"""Altair chart builders: each returns an ``alt.Chart``; pages only draw them.

One module per page area (comparison, diagnosis, negotiation, why, variants);
the house style (strategy colours, euro axis) is shared with the board memo and
lives in ``decision.report.chart_style``.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st


def draw(chart: alt.TopLevelMixin | dict[str, Any]) -> None:
    """Draw a chart built here, or a Vega-Lite dict made from a cached template and fresh rows
    (``ui.charts.comparison.with_rows``). The builders are tested against the Vega-Lite schema, so
    the page skips Altair's validation on every rerun (it costs as much as building the chart)."""
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    st.vega_lite_chart(spec, width="stretch")
