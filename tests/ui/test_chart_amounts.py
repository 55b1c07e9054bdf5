"""Charts in a workshop: amounts exact, rounded (k€ / M€) or hidden, on axes, labels and tooltips.

Every chart builder is drawn with a translator in each amounts setting. What the
room can read is checked two ways: the chart rendered to SVG (axis labels, text
marks), and every field a tooltip or text mark shows (the data's strings, the
label expressions the browser computes, quantitative fields).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from xml.etree import ElementTree

import altair as alt
import pandas as pd
import pytest
import vl_convert

from decision.analysis import variants
from decision.analysis.agreement import perception_gap
from decision.analysis.negotiation import analyse as negotiation_analysis
from decision.analysis.sensitivity import analyse as sensitivity_analysis
from decision.engine.results import evaluate, timeline
from decision.engine.summary import COST_FAMILIES
from decision.model.presets import EXAMPLE, load_preset
from decision.report.chart_style import euro_axis, euro_label
from decision.text import fmt
from decision.text.i18n import LANGUAGES, Translator, translate
from ui.charts.comparison import breakdown_spec, distribution_spec, p_best_spec, records, timeline_spec
from ui.charts.diagnosis import diagnosis_chart
from ui.charts.negotiation import gap_chart, zone_chart
from ui.charts.variants import variants_chart
from ui.charts.why import s_curve_chart, tornado_chart

ITERATIONS = 2_000
SVG = "{http://www.w3.org/2000/svg}"
# Any figure next to a euro sign: "€1,234", "€ 1.234", "k€ 250", "M€ -1,3", "-€150".
EURO_FIGURE = re.compile(r"[kM]?€\s?[-−]?\d")
# An amount written exactly (whole euros of a thousand or more), rounded ones are k€ / M€.
EXACT_AMOUNT = re.compile(r"(?<![kM])€\s?[-−]?\d{1,3}(?:[.,]\d{3})+")
# Quantitative fields a tooltip or text may show as they are: none of them is an amount.
NOT_AMOUNTS = {"share", "month", "severity", "gap"}
# The charts with a euro axis (one each); the others show no amounts at all.
EURO_CHARTS = ("distribution", "timeline", "breakdown", "tornado", "s_curve", "zone", "variants")


@pytest.fixture(scope="module")
def builders() -> dict[str, Callable[[Translator], dict]]:
    """Each chart's Vega-Lite dict as its page draws it (the Comparison page: cached template plus rows)."""
    case = load_preset(EXAMPLE)
    result = evaluate(case, ITERATIONS, 1)
    costs = timeline(case, seed=1)
    sensitivity = sensitivity_analysis(case, ITERATIONS, 1)
    zopa = negotiation_analysis(case, ITERATIONS, 1).zopa
    gaps = perception_gap(case)
    assert gaps
    dear = variants.with_values(variants.capture(case, "dear", None), {"solve.programme_cost": 3_000_000})
    compared = {"now": result, "dear": evaluate(variants.apply(case, dear), ITERATIONS, 1)}
    return {
        "distribution": lambda t: records(distribution_spec(result, t)),
        "timeline": lambda t: records(timeline_spec(costs, t)),
        "p_best": lambda t: records(p_best_spec(result, t)),
        "breakdown": lambda t: records(breakdown_spec(result, t)),
        "tornado": lambda t: tornado_chart(sensitivity, t).to_dict(),
        "s_curve": lambda t: s_curve_chart(sensitivity, t, 3_000_000).to_dict(),
        "zone": lambda t: zone_chart(zopa, t).to_dict(),
        "gap": lambda t: gap_chart(gaps, t).to_dict(),
        "diagnosis": lambda t: diagnosis_chart(case.diagnosis, t).to_dict(),
        "variants": lambda t: variants_chart(compared, t).to_dict(),
    }


CHARTS = EURO_CHARTS + ("p_best", "gap", "diagnosis")


def layers(spec: dict) -> Iterator[dict]:
    yield spec
    for layer in spec.get("layer", []):
        yield from layers(layer)


def shown_fields(spec: dict) -> list[dict]:
    """Every field definition a tooltip or a text mark shows."""
    out = []
    for layer in layers(spec):
        for channel in ("tooltip", "text"):
            value = layer.get("encoding", {}).get(channel, [])
            out += [item for item in (value if isinstance(value, list) else [value]) if "field" in item]
    return out


def calculated(spec: dict) -> dict[str, str]:
    return {
        step["as"]: step["calculate"]
        for layer in layers(spec)
        for step in layer.get("transform", [])
        if "calculate" in step
    }


def data_strings(spec: dict) -> list[str]:
    return [
        value
        for rows in spec.get("datasets", {}).values()
        for row in rows
        for value in row.values()
        if isinstance(value, str)
    ]


def svg_texts(spec: dict) -> list[str]:
    """The texts of the chart as drawn (axis labels and titles, legends, text marks), one per line."""
    svg = ElementTree.fromstring(vl_convert.vegalite_to_svg(spec))
    lines = []
    for text in svg.iter(f"{SVG}text"):
        spans = list(text.iter(f"{SVG}tspan"))
        lines += [span.text or "" for span in spans] if spans else [text.text or ""]
    return lines


def axes(spec: dict) -> list[dict]:
    return [
        encoding["axis"]
        for layer in layers(spec)
        for encoding in layer.get("encoding", {}).values()
        if isinstance(encoding, dict) and encoding.get("axis")
    ]


def hidden(spec: dict, lang: str) -> list[dict]:
    """The axes whose title says, in a second line, that their amounts are hidden."""
    line = translate("chart.axis_hidden", lang)
    return [axis for axis in axes(spec) if isinstance(axis.get("title"), list) and axis["title"][-1] == line]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CHARTS)
def test_hidden_amounts_leave_no_figure_on_a_chart(builders, name: str, lang: str) -> None:
    spec = builders[name](Translator(lang, amounts="hidden"))
    drawn = svg_texts(spec)
    assert drawn, name
    assert not [text for text in drawn if EURO_FIGURE.search(text)]
    assert not [text for text in data_strings(spec) if EURO_FIGURE.search(text)]
    expressions = calculated(spec)
    for item in shown_fields(spec):
        field = item["field"]
        if field in expressions:  # a label the browser computes: only dots, from no amount
            assert "datum." not in expressions[field], (name, field)
            assert not re.search(r"\d", expressions[field]), (name, field)
        elif item.get("type") == "quantitative":
            assert field in NOT_AMOUNTS, (name, field)
    hidden_axes = hidden(spec, lang)
    assert len({tuple(axis["title"]) for axis in hidden_axes}) == (name in EURO_CHARTS)  # layers may repeat an axis
    assert all(axis["labels"] is False for axis in hidden_axes)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CHARTS)
def test_rounded_amounts_show_thousands_and_millions_only(builders, name: str, lang: str) -> None:
    spec = builders[name](Translator(lang, amounts="rounded"))
    drawn = svg_texts(spec)
    assert not [text for text in drawn + data_strings(spec) if EXACT_AMOUNT.search(text)]
    if name in EURO_CHARTS:
        assert any(re.match(r"[kM]€ ", text) for text in drawn), name
    for item in shown_fields(spec):
        expression = calculated(spec).get(item["field"])
        if expression is not None and "datum." in expression:
            assert "'k€ '" in expression and "'M€ '" in expression, (name, item["field"])
        elif item.get("type") == "quantitative":
            assert item["field"] in NOT_AMOUNTS, (name, item["field"])


@pytest.mark.parametrize("name", EURO_CHARTS)
def test_exact_amounts_are_in_the_tooltips_outside_a_workshop(builders, name: str) -> None:
    """What the hidden and rounded settings take away is there in the first place."""
    spec = builders[name](Translator("en"))
    expressions = calculated(spec)
    shown = [item["field"] for item in shown_fields(spec)]
    computed = [expressions[field] for field in shown if field in expressions]
    written = [text for text in data_strings(spec) if EXACT_AMOUNT.search(text)]
    assert any("'€'" in expression for expression in computed) or written, name
    assert not hidden(spec, "en")


AMOUNTS_TO_WRITE = [-1_260_000, -150_168, -999, 0, 999.4, 1_234, 250_000, 999_999, 1_260_000, 3_744_808]


@pytest.mark.parametrize("amounts", fmt.AMOUNTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_label_in_the_browser_reads_as_the_same_amount_in_a_table(amounts: str, lang: str) -> None:
    """``euro_label`` (computed by Vega) writes each amount exactly as ``fmt.money_as`` (Babel) does."""
    data = pd.DataFrame({"amount": AMOUNTS_TO_WRITE, "row": range(len(AMOUNTS_TO_WRITE))})
    chart = (
        alt.Chart(data)
        .transform_calculate(label=euro_label("amount", lang, amounts))
        .mark_text()
        .encode(y=alt.Y("row:O", axis=None), text="label:N")
    )
    assert svg_texts(chart.to_dict()) == [fmt.money_as(amount, lang, amounts) for amount in AMOUNTS_TO_WRITE]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_euro_axis_labels_in_thousands_and_millions_unless_hidden(lang: str) -> None:
    data = pd.DataFrame({"amount": [0.0, 2_500_000.0]})
    for amounts in ("exact", "rounded"):
        chart = alt.Chart(data).mark_point().encode(x=alt.X("amount:Q", axis=euro_axis("Cost", lang, amounts)))
        labels = svg_texts(chart.to_dict())
        assert "€ 0" in labels and f"M€ 2{',' if lang == 'nl' else '.'}5" in labels
    chart = alt.Chart(data).mark_point().encode(x=alt.X("amount:Q", axis=euro_axis("Cost", lang, "hidden")))
    assert svg_texts(chart.to_dict()) == ["Cost", translate("chart.axis_hidden", lang)]


@pytest.mark.parametrize("amounts", fmt.AMOUNTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_comparison_charts_write_their_tooltips_as_a_table_does(builders, amounts: str, lang: str) -> None:
    """The dots' and the timeline's amounts are written in their rows (``fmt.money_many``), each as
    ``fmt.money_as`` writes it, and none is left to the browser; so are the cost families and their
    categories."""
    t = Translator(lang, amounts=amounts)
    distribution, costs = builders["distribution"](t), builders["timeline"](t)
    for spec in (distribution, costs):
        assert not calculated(spec)
    for rows in (distribution["datasets"]["dots"], distribution["datasets"]["means"]):
        assert [row["label"] for row in rows] == [fmt.money_as(row["value"], lang, amounts) for row in rows]
    months = costs["datasets"]["months"]
    assert len(months) > 100
    for row in months:
        assert row["mean_label"] == fmt.money_as(row["mean"], lang, amounts)
        band = f"{fmt.money_as(row['p10'], lang, amounts)} – {fmt.money_as(row['p90'], lang, amounts)}"
        assert row["band_label"] == band
    # The cost families: each family's amount, and its categories' amounts in the detail.
    result = evaluate(load_preset(EXAMPLE), ITERATIONS, 1)
    families = breakdown_spec(result, t)["datasets"]["families"]
    for row in families.to_dict("records"):
        assert row["label"] == fmt.money_as(row["amount"], lang, amounts)
        strategy = next(s for s in result.strategies if t.strategy(s) == row["option"])
        family = next(f for f in COST_FAMILIES if t(f"comparison.family.{f}") == row["family"])
        written = [
            f"{t(f'comparison.category.{c}')} {fmt.money_as(result.strategies[strategy].breakdown[c], lang, amounts)}"
            for c in COST_FAMILIES[family]
            if result.strategies[strategy].breakdown[c] != 0.0
        ]
        assert row["detail"] == ("; ".join(written) or "–")
