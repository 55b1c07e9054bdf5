"""Altair chart builders: each returns an ``alt.Chart``; pages only draw them.

One module per page area (comparison, diagnosis, negotiation, why); the shared
pieces live here: one fixed, colour-blind-safe colour per strategy (Okabe-Ito)
and the euro axis format.
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from decision.case import STRATEGIES
from decision.i18n import Translator

STRATEGY_COLOURS: dict[str, str] = {
    "muddle": "#E69F00",  # orange
    "switch": "#56B4E9",  # sky blue
    "stop": "#D55E00",  # vermillion
    "solve": "#009E73",  # bluish green
}
CLIENT_COLOUR = "#0072B2"
SUPPLIER_COLOUR = "#CC79A7"


def strategy_scale(t: Translator) -> alt.Scale:
    """Colour scale keyed by the translated strategy names, in the fixed order."""
    return alt.Scale(domain=[t.strategy(s) for s in STRATEGIES], range=[STRATEGY_COLOURS[s] for s in STRATEGIES])


def euro_axis(title: str, lang: str) -> alt.Axis:
    """An axis in k€ / M€ with the language's decimal mark."""
    decimal = "," if lang == "nl" else "."
    expr = (
        "abs(datum.value) >= 1e6 ? 'M€ ' + replace(format(datum.value / 1e6, '.1f'), '.', '{d}')"
        " : abs(datum.value) >= 1e3 ? 'k€ ' + format(datum.value / 1e3, '.0f')"
        " : '€ ' + format(datum.value, '.0f')"
    ).replace("{d}", decimal)
    return alt.Axis(title=title, labelExpr=expr)


def draw(chart: alt.TopLevelMixin) -> None:
    """Draw a chart built here. The builders are tested against the Vega-Lite schema, so the
    page skips Altair's validation on every rerun (it costs as much as building the chart)."""
    st.vega_lite_chart(chart.to_dict(validate=False), width="stretch")
