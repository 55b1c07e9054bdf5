"""The strategy map's chart (ui/charts/strategy_map.py): valid Vega-Lite, the house colours, the marker."""

from __future__ import annotations

import pytest

from decision.analysis.strategy_map import StrategyMap, strategy_map
from decision.model import registry
from decision.model.presets import EXAMPLE, load_preset
from decision.text import fmt
from decision.text.i18n import LANGUAGES, Translator
from tests import vega_lite
from tests.decision.builders import make_case
from ui.charts.strategy_map import strategy_map_chart

ITERATIONS = 1_000


@pytest.fixture(scope="module")
def maps() -> dict[str, StrategyMap]:
    example = load_preset(EXAMPLE)
    return {
        "chances": strategy_map(example, iterations=ITERATIONS),
        "hand": strategy_map(make_case(), iterations=ITERATIONS),
        "amounts": strategy_map(example, "stop.replacement_cost", "current.dysfunction_cost_per_month", points=5),
        "months": strategy_map(example, "solve.p_success", "stop.replacement_months", iterations=ITERATIONS),
    }


def layer(spec: dict, mark: str) -> dict:
    found = [
        item
        for item in spec["layer"]
        if (item["mark"]["type"] if isinstance(item["mark"], dict) else item["mark"]) == mark
    ]
    assert len(found) == 1, mark
    return found[0]


def rows(spec: dict, item: dict) -> list[dict]:
    return spec["datasets"][item["data"]["name"]]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("amounts", fmt.AMOUNTS)
def test_the_chart_is_valid_vega_lite(maps, lang, amounts) -> None:
    for item in maps.values():
        spec = strategy_map_chart(item, Translator(lang, amounts=amounts)).to_dict()
        vega_lite.validate(spec)


@pytest.mark.parametrize("name", ["chances", "hand", "amounts", "months"])
def test_one_colour_per_strategy_present_in_the_house_colours(maps, name) -> None:
    item = maps[name]
    t = Translator("en")
    spec = strategy_map_chart(item, t).to_dict()
    cells = layer(spec, "rect")
    scale = cells["encoding"]["color"]["scale"]
    assert scale["domain"] == [t.strategy(s) for s in item.strategies]
    assert scale["range"] == [registry.STRATEGY_BY_KEY[s].colour for s in item.strategies]
    assert len(set(scale["range"])) == len(item.strategies)
    drawn = rows(spec, cells)
    assert {row["strategy"] for row in drawn} == set(scale["domain"])
    assert len(drawn) == len(item.x_values) * len(item.y_values)


def test_the_hand_worked_map_shows_three_options(maps) -> None:
    assert maps["hand"].strategies == ("switch", "stop", "solve")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_marker_is_at_the_case_s_own_estimates(maps, lang) -> None:
    item = maps["chances"]
    t = Translator(lang)
    spec = strategy_map_chart(item, t).to_dict()
    marker = layer(spec, "point")
    (row,) = rows(spec, marker)
    assert (row["x"], row["y"]) == (item.marker_x, item.marker_y)
    assert row["label"] == t("strategy_map.chart.marker")
    assert row["strategy"] == t.strategy(item.marker_strategy)
    assert rows(spec, layer(spec, "text"))[0]["label"] == t("strategy_map.chart.marker")


def test_cells_cover_the_searched_ranges_without_gaps(maps) -> None:
    item = maps["chances"]
    spec = strategy_map_chart(item, Translator("en")).to_dict()
    drawn = rows(spec, layer(spec, "rect"))
    xs = sorted({(row["x"], row["x2"]) for row in drawn})
    assert xs[0][0] == item.search_x[0] and xs[-1][1] == item.search_x[1]
    assert all(a[1] == pytest.approx(b[0]) for a, b in zip(xs, xs[1:], strict=False))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axes_with_units_and_a_description_in_the_language(maps, lang) -> None:
    item = maps["chances"]
    t = Translator(lang)
    spec = strategy_map_chart(item, t).to_dict()
    encoding = layer(spec, "rect")["encoding"]
    assert encoding["x"]["axis"]["title"] == t("sensitivity.input.solve.p_success")
    assert encoding["y"]["axis"]["title"] == t("sensitivity.input.legal.p_win")
    assert encoding["x"]["axis"]["format"] == "%"
    assert "(%)" in encoding["x"]["axis"]["title"]
    expected = {"en": "the chance that solving succeeds", "nl": "de kans dat oplossen slaagt"}[lang]
    assert expected in spec["description"]
    assert spec["description"].startswith({"en": "Map of the advised option", "nl": "Kaart van de geadviseerde"}[lang])


def test_amounts_hidden_in_a_workshop(maps) -> None:
    item = maps["amounts"]
    t = Translator("nl", amounts="hidden")
    spec = strategy_map_chart(item, t).to_dict()
    encoding = layer(spec, "rect")["encoding"]
    for axis in ("x", "y"):
        assert encoding[axis]["axis"]["labels"] is False
    for row in rows(spec, layer(spec, "rect")):
        assert "€" not in row["x_text"] + row["y_text"] + row["margin_text"]
        assert row["margin_text"] == fmt.HIDDEN_AMOUNT
    exact = strategy_map_chart(item, Translator("en")).to_dict()
    assert any("€" in row["x_text"] for row in rows(exact, layer(exact, "rect")))


def test_a_months_axis_is_in_whole_months(maps) -> None:
    spec = strategy_map_chart(maps["months"], Translator("en")).to_dict()
    assert layer(spec, "rect")["encoding"]["y"]["axis"]["format"] == "d"
