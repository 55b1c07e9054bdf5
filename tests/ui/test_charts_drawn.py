"""Every chart a page draws is valid Vega-Lite.

``ui.charts.draw`` skips Altair's validation on every rerun for speed; this test
is where the specs are validated instead, as drawn, for every page and preset.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
from altair.vegalite.v6.schema.core import load_schema

from tests.conftest import PRESETS

PAGES_WITH_CHARTS = ("diagnosis", "comparison", "why", "negotiation", "agreement", "variants")
SCHEMA = load_schema()


def drawn_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("page", PAGES_WITH_CHARTS)
def test_every_drawn_chart_is_valid_vega_lite(app_at, page: str, preset: str) -> None:
    at = app_at(page=f"app_pages/{page}.py", preset=preset)
    assert not at.exception
    specs = drawn_specs(at)
    if page != "variants":  # the variants page draws its chart only once variants are saved
        assert specs, f"{page} drew no chart"
    for spec in specs:
        spec.pop("datasets", None)  # Streamlit ships the data separately
        jsonschema.validate(spec, SCHEMA)


def test_a_broken_spec_is_caught() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"mark": "no-such-mark"}, SCHEMA)
