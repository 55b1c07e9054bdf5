"""Altair chart builders: each returns an ``alt.Chart``; pages only draw them.

One module per page area (comparison, diagnosis, negotiation, why, variants);
the house style (strategy colours, euro axis) is shared with the board memo and
lives in ``decision.report.chart_style``. On a shared screen (workshop mode) ``draw`` gives
every chart the workshop's larger, darker type (``style.WORKSHOP_CONFIG``).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

from ui import display
from ui.charts.style import themed


def draw(chart: alt.TopLevelMixin | dict[str, Any]) -> None:
    """Draw a chart built here, or a Vega-Lite dict made from a cached template and fresh rows
    (``ui.charts.comparison.with_rows``). The builders are tested against the Vega-Lite schema, so
    the page skips Altair's validation on every rerun (it costs as much as building the chart).
    In workshop mode the chart's type is the workshop's, and with amounts hidden it carries no
    descriptions written from its data (``style.themed``)."""
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    workshop = bool(st.session_state.get(display.WORKSHOP_KEY))
    hidden = display.t()("chart.mark_hidden") if display.amounts_hidden() else None
    st.vega_lite_chart(themed(spec, workshop, hidden), width="stretch")
