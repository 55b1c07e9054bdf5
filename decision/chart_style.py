"""The house style of every chart, in the app and in the board memo.

One fixed, colour-blind-safe colour per strategy (Okabe-Ito), the two parties'
colours, and the euro axis in k€ / M€ with the language's decimal mark.
"""

from __future__ import annotations

import altair as alt

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
