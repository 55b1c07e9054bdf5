"""Charts on a screen: a description for every chart, the workshop's type put over a chart's own,
and names at the end of the timeline's and the S-curves' lines, apart from each other."""

from __future__ import annotations

import pytest
import vl_convert

from decision.analysis.sensitivity import analyse as sensitivity_analysis
from decision.engine.results import timeline
from decision.model.presets import EXAMPLE, load_preset
from decision.text.i18n import LANGUAGES, Translator, translate
from tests.ui.test_chart_amounts import CHARTS, builders, layers, svg_texts  # noqa: F401 (a fixture)
from ui.charts.comparison import ENDS, records, timeline_rows, timeline_spec
from ui.charts.style import INK, NO_DEFAULT_TOOLTIP, WORKSHOP_CONFIG, WORKSHOP_FONT, label_heights, merged, themed
from ui.charts.why import s_curve_chart


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_described_in_the_interface_language(builders, name: str, lang: str) -> None:  # noqa: F811
    spec = builders[name](Translator(lang))
    assert spec["description"] == translate(f"chart.description.{name}", lang)


@pytest.mark.parametrize("name", CHARTS)
def test_a_workshop_draws_every_chart_in_larger_darker_type(builders, name: str) -> None:  # noqa: F811
    spec = builders[name](Translator("nl"))
    drawn = themed(spec, workshop=True)
    assert themed(spec, workshop=False) == {**spec, "config": merged(spec.get("config", {}), NO_DEFAULT_TOOLTIP)}
    config = drawn["config"]
    for part in ("axis", "axisX", "axisY", "legend"):
        assert config[part]["labelFontSize"] == WORKSHOP_FONT and config[part]["labelColor"] == INK
        assert config[part]["labelLimit"] == 0  # nothing cut short
    assert config["text"]["fontSize"] == WORKSHOP_FONT
    assert "config" not in spec or spec["config"] != config  # the builder's own dict is left as it was
    for layer in layers(drawn):  # no size set on a mark, an axis or a legend wins over the workshop's
        mark = layer.get("mark")
        assert not (isinstance(mark, dict) and "fontSize" in mark), name
        for channel in layer.get("encoding", {}).values():
            for part in ("axis", "legend"):
                if isinstance(channel, dict) and isinstance(channel.get(part), dict):
                    assert not {"labelFontSize", "labelLimit", "columns"} & set(channel[part]), (name, part)
    vl_convert.vegalite_to_svg(drawn)  # it still draws


def test_merged_puts_the_second_over_the_first_key_by_key() -> None:
    base = {"axis": {"labelFontSize": 11, "grid": True}, "view": {"stroke": None}}
    assert merged(base, {"axis": {"labelFontSize": 18}}) == {
        "axis": {"labelFontSize": 18, "grid": True},
        "view": {"stroke": None},
    }
    assert base["axis"]["labelFontSize"] == 11
    assert merged({}, WORKSHOP_CONFIG) == WORKSHOP_CONFIG


def test_names_at_line_ends_keep_their_distance() -> None:
    assert label_heights({"a": 10.0, "b": 10.5, "c": 30.0}, gap=2.0) == {"a": 10.0, "b": 12.0, "c": 30.0}
    # Ends at one height: the line reaching furthest right keeps the lowest place.
    assert label_heights({"a": 1.0, "b": 1.0}, gap=0.1, order={"a": 5.0, "b": 9.0}) == {"b": 1.0, "a": 1.1}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timeline_names_each_line_at_its_end(lang: str) -> None:
    case = load_preset(EXAMPLE)
    costs = timeline(case, seed=1)
    t = Translator(lang)
    ends = timeline_rows(costs, t)[ENDS]
    assert list(ends["option"]) == [t.strategy(s) for s in costs.mean]
    assert set(ends["month"]) == {costs.months[-1]}
    heights = sorted(ends["label_y"])
    assert all(b - a > 0 for a, b in zip(heights, heights[1:]))
    for option, height in zip(ends["option"], ends["label_y"]):
        end = float(costs.mean[next(s for s in costs.mean if t.strategy(s) == option)][-1])
        assert height >= end - 1e-6
    drawn = svg_texts(records(timeline_spec(costs, t)))
    assert all(t.strategy(s) in drawn for s in costs.mean)
    assert not any(
        layer.get("encoding", {}).get("color", {}).get("legend") for layer in layers(timeline_spec(costs, t))
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_s_curves_are_named_at_their_ends(lang: str) -> None:
    analysis = sensitivity_analysis(load_preset(EXAMPLE), 2_000, 1)
    t = Translator(lang)
    drawn = svg_texts(s_curve_chart(analysis, t, 3_000_000).to_dict())
    excluded = t("why.excluded")
    for strategy in analysis.risk.s_curve():
        name = t.strategy(strategy)
        assert (name if strategy in analysis.allowed else f"{name} ({excluded})") in drawn


def test_a_long_axis_title_takes_two_lines_at_its_parenthesis() -> None:
    from decision.report.chart_style import TITLE_LINE, title_lines

    # 47 characters: longer than TITLE_LINE (32), so the parenthesis goes to a second line.
    assert title_lines("Totale kosten over de horizon (contante waarde)") == [
        "Totale kosten over de horizon",
        "(contante waarde)",
    ]
    assert title_lines("Verwachte kosten (cw)") == ["Verwachte kosten (cw)"]  # short: one line
    long_without = "Hoeveel goedkoper de ene uitweg is dan de andere"  # no parenthesis: wrapped at words
    assert len(long_without) > TITLE_LINE
    assert title_lines(long_without) == ["Hoeveel goedkoper de ene uitweg", "is dan de andere"]
    # A short parenthesis ("(€)") stays on the line before it.
    assert title_lines("Verwachte winst ten opzichte van het alternatief (€)") == [
        "Verwachte winst ten opzichte van",
        "het alternatief (€)",
    ]
