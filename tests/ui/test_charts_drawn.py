"""Every chart a page draws is valid Vega-Lite.

``ui.charts.draw`` skips Altair's validation on every rerun for speed; this test
is where the specs are validated instead, as drawn, for every page and preset.
The variants page draws its chart only once variants are saved, and no preset
has any, so it is opened on the preset with a client's and a supplier's view.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from decision.analysis import variants
from decision.model.case import Case
from decision.model.presets import load_preset
from tests import vega_lite
from tests.conftest import PRESETS

PAGES_WITH_CHARTS = ("diagnosis", "comparison", "why", "negotiation", "agreement", "variants")
VIEWS = ["client view", "supplier view"]


def drawn_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def with_both_views(preset: str) -> Case:
    """The preset with a client's view (its own estimates) and a supplier's view that expects a dearer programme."""
    case = load_preset(preset)
    programme = case.solve.programme_cost
    dearer = programme.model_copy(
        update={part: getattr(programme, part) * 1.5 + 100_000 for part in ("low", "mode", "high")}
    )
    client = variants.capture(case, VIEWS[0], "client")
    supplier = variants.with_values(variants.capture(case, VIEWS[1], "supplier"), {"solve.programme_cost": dearer})
    assert supplier.solve.programme_cost != client.solve.programme_cost
    return variants.save(variants.save(case, client), supplier)


def variant_axes(spec: dict) -> list[list[str]]:
    """The variant names on the y axis of each layer of a variants chart."""
    layers = spec.get("layer", [spec])
    return [
        layer["encoding"]["y"]["sort"]
        for layer in layers
        if layer.get("encoding", {}).get("y", {}).get("field") == "variant"
    ]


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("page", PAGES_WITH_CHARTS)
def test_every_drawn_chart_is_valid_vega_lite_with_no_default_tooltip(app_at, page: str, preset: str) -> None:
    if page == "variants":
        at = app_at(page=f"app_pages/{page}.py")
        at.session_state["case"] = with_both_views(preset)
        at.run()
    else:
        at = app_at(page=f"app_pages/{page}.py", preset=preset)
    assert not at.exception
    specs = drawn_specs(at)
    assert specs, f"{page} drew no chart"
    if page == "variants":  # the chart compares both saved views
        assert [axes for spec in specs for axes in variant_axes(spec)] == [VIEWS, VIEWS]
    for spec in specs:
        spec.pop("datasets", None)  # Streamlit ships the data separately
        vega_lite.validate(spec)
        # Streamlit's theme would give a mark without a tooltip one listing its fields raw (amounts a
        # workshop hides, field names in English): such marks are there, and show none.
        bare = [layer for layer in marks(spec) if not has_tooltip(layer)]
        if bare:
            assert spec["config"]["mark"]["tooltip"] is None, (page, [layer["mark"] for layer in bare])


def marks(spec: dict) -> list[dict]:
    """Every view of a spec that draws a mark, through layers and concatenations."""
    found = [spec] if "mark" in spec else []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            found += marks(part)
    return found + (marks(spec["spec"]) if "spec" in spec else [])


def has_tooltip(layer: dict) -> bool:
    mark = layer["mark"]
    return "tooltip" in layer.get("encoding", {}) or (isinstance(mark, dict) and "tooltip" in mark)


def test_a_broken_spec_is_caught() -> None:
    with pytest.raises(jsonschema.ValidationError):
        vega_lite.validate({"mark": "no-such-mark"})
