"""How a chart reads on a screen: the workshop's type, and names written at the end of lines.

The builders write their charts for a page read at a desk. On a shared screen (a workshop)
``draw`` puts ``WORKSHOP_CONFIG`` over a chart's own configuration: axis, legend and text
marks in the size of the workshop's body text and in the body's dark ink instead of small grey.
A builder therefore sets no font size or label colour on an axis or legend itself (that
would win over the configuration); where it needs one, it goes in the chart's configuration.

``label_heights`` places the names at the end of lines (the comparison's timeline, the
S-curves) so that two lines ending close together do not write their names over each other.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import altair as alt

INK = "#1F2933"  # the app's body text (.streamlit/config.toml textColor is darker still)
WORKSHOP_FONT = 18  # px: the workshop's body text is 1.2rem (19.2 px), ui/workshop.py
WORKSHOP_TITLE_FONT = 19
# A line's name at its end, in px above the next one down: room for the workshop's type.
LABEL_GAP_PX = 24

_TYPE = {
    "labelFontSize": WORKSHOP_FONT,
    "titleFontSize": WORKSHOP_TITLE_FONT,
    "labelColor": INK,
    "titleColor": INK,
}
# Applied over the chart's own configuration (and over Streamlit's theme) in workshop mode.
# axisX / axisY as well: a chart may configure those, and they win over "axis".
# No label is cut short (a limit of 0 is none): the plot gives way to the labels instead. An x axis's
# title ends where the plot ends, so a title longer than a narrow plot runs out to the left, under
# the y axis's labels, not out of the chart on the right; a legend has one column, as wide as its
# longest name.
WORKSHOP_CONFIG: dict[str, Any] = {
    "axis": {**_TYPE, "labelLimit": 0},
    "axisX": {**_TYPE, "labelLimit": 0, "titleAnchor": "end"},
    "axisY": {**_TYPE, "labelLimit": 0},
    "legend": {**_TYPE, "labelLimit": 0, "symbolSize": 180, "columns": 1},
    "text": {"fontSize": WORKSHOP_FONT},
    "title": {"fontSize": WORKSHOP_TITLE_FONT + 2, "color": INK},
}


def merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` on top, dictionaries merged key by key; neither is changed."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# Streamlit's theme gives every mark without a tooltip of its own one that lists the fields it
# encodes, as they are: "p10 2697029.82949 / option Stop by agreement" over a timeline's band, field
# names in English on a Dutch page, and the amounts a workshop hides. A mark shows the tooltip its
# builder gives it, or none.
NO_DEFAULT_TOOLTIP: dict[str, Any] = {"mark": {"tooltip": None}}
# Vega-Lite describes every mark and axis for screen readers from its data, as it is: "value:
# 2182820.47898; option: ..." on a dot, "values from 1,000,000 to 5,000,000" on an axis. With the
# amounts hidden, each mark is described by one sentence instead and the axes are not described.


def themed(spec: Mapping[str, Any], workshop: bool, hidden: str | None = None) -> dict[str, Any]:
    """The Vega-Lite dict ``spec`` as drawn: without Streamlit's default tooltips
    (``NO_DEFAULT_TOOLTIP``), in a workshop with ``WORKSHOP_CONFIG`` over its own configuration,
    and with amounts hidden (``hidden``: the sentence that says so) without the descriptions of
    marks and axes that Vega-Lite writes from the data. A new dict; ``spec`` (maybe a cached
    template) is not changed."""
    over = merged(NO_DEFAULT_TOOLTIP, WORKSHOP_CONFIG) if workshop else NO_DEFAULT_TOOLTIP
    if hidden is not None:
        over = merged(over, {"mark": {"description": hidden}, "axis": {"aria": False}})
    return {**spec, "config": merged(spec.get("config", {}), over)}


def label_heights(ends: Mapping[str, float], gap: float, order: Mapping[str, float] | None = None) -> dict[str, float]:
    """Where to write each line's name: at the height its line ends (``ends``, by name), moved up
    where needed so that any two names are at least ``gap`` apart (in the y axis's units).

    Names are stacked from the lowest end up; lines ending at the same height are taken in
    ``order`` (highest first: the lowest place goes to the name whose line reaches furthest right,
    so no line runs through a name written above another line's end).
    """
    rank = order or {}
    heights: dict[str, float] = {}
    previous: float | None = None
    for name in sorted(ends, key=lambda n: (ends[n], -rank.get(n, 0.0))):
        height = ends[name] if previous is None else max(ends[name], previous + gap)
        heights[name] = height
        previous = height
    return heights


def line_names(ends: alt.Chart, colour: alt.Color, field: str = "option", align: str = "left") -> alt.LayerChart:
    """The name of each line (``field``) written at its end: ``ends`` is a chart already placed
    (x, y) where the names go. A square in the line's colour, then the name in dark ink (the
    lighter strategy colours would not read as text on white); with ``align="right"`` the name
    ends at the point, the square after it."""
    sign = 1 if align == "left" else -1
    swatch = ends.mark_square(size=110, xOffset=9 * sign, opacity=1, filled=True).encode(color=colour)
    name = ends.mark_text(align=align, baseline="middle", dx=18 * sign, fontWeight="bold", color=INK).encode(
        text=f"{field}:N"
    )
    return swatch + name
