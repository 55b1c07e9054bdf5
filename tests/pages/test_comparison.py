"""Comparison page: recommendation, the options table, decision/book view, what-ifs, and the chart builders."""

from __future__ import annotations

import math

import pytest

from decision import fmt
from decision.case import STRATEGIES
from decision.comparison import COST_FAMILIES, DOT_LEVELS, FAMILY_OF, family_breakdown
from decision.i18n import Translator, translate
from decision.inputs import whatif_default, with_overrides
from decision.presets import EXAMPLE, load_preset, preset_ids
from decision.results import evaluate, timeline
from decision.simulation import CATEGORIES
from decision.chart_style import STRATEGY_COLOURS
from ui.charts.comparison import breakdown_chart, distribution_chart, p_best_chart, timeline_chart

PAGE = "app_pages/comparison.py"
ITERATIONS = 10_000  # what ui.state evaluates with


def table(at):
    return at.table[0].value


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_shows_its_recommendation_and_numbers(app_at, preset):
    case = load_preset(preset)
    expected = evaluate(case, ITERATIONS, 1)
    chosen = expected.recommendation.strategy
    at = app_at(PAGE, preset)
    assert not at.exception
    name = translate(f"strategy.{chosen}.name", "en")
    assert at.subheader[0].value == f"Recommended: {name}"
    assert metric(at, "Expected cost") == fmt.money(expected.strategies[chosen].mean, "en")
    reasons = "\n".join(m.value for m in at.markdown)
    for reason in expected.recommendation.reasons:
        assert f"- {translate(reason.key, 'en', **reason.values)}" in reasons
    shown = table(at)
    assert list(shown.index) == [translate(f"strategy.{s}.name", "en") for s in STRATEGIES]
    for strategy in STRATEGIES:
        row = shown.loc[translate(f"strategy.{strategy}.name", "en")]
        result = expected.strategies[strategy]
        assert row["Expected cost"] == fmt.money(result.mean, "en")
        assert row["P10 (good case)"] == fmt.money(result.p10, "en")
        assert row["P90 (bad case)"] == fmt.money(result.p90, "en")
        assert row["Cheapest in"] == fmt.percent(result.p_best, "en")
    assert shown.loc[name, "Triage"] == "✓ recommended"
    assert shown.loc["Muddle on", "Months to a working system"] == "never"
    assert len(at.get("vega_lite_chart")) == 4


def test_the_book_view_adds_the_write_off(app_at):
    case = load_preset(EXAMPLE)
    decision = evaluate(case, ITERATIONS, 1)
    at = app_at(PAGE, EXAMPLE)
    at.segmented_control(key="comparison.view").set_value("book").run()
    assert not at.exception
    # The book value is written off in month 0 of a switch: discounted by one month.
    write_off = case.sunk.book_value * 1.06 ** (-1 / 12)
    assert math.isclose(write_off, 895_640.4, abs_tol=0.1)
    shown = table(at)
    assert shown.loc["Stop and take the loss", "Expected cost"] == fmt.money(
        decision.strategies["switch"].mean + write_off, "en"
    )
    assert shown.loc["Muddle on", "Expected cost"] == fmt.money(decision.strategies["muddle"].mean, "en")
    assert any("Book view." in m.value and "€900,000" in m.value for m in at.markdown)


def test_a_what_if_changes_the_numbers_but_not_the_case(app_at):
    case = load_preset(EXAMPLE)
    at = app_at(PAGE, EXAMPLE)
    before = table(at).loc["Solve", "Expected cost"]
    assert at.slider(key="whatif.solve.p_success").value == 65  # PERT mean of 50/65/80

    at.slider(key="whatif.solve.p_success").set_value(20).run()
    assert not at.exception
    assert at.session_state["overrides"] == {"solve.p_success": 20}
    fixed = with_overrides(case, {"solve.p_success": 20})
    assert (fixed.solve.p_success.low, fixed.solve.p_success.high) == (0.2, 0.2)
    after = table(at).loc["Solve", "Expected cost"]
    assert after != before
    assert after == fmt.money(evaluate(fixed, ITERATIONS, 1).strategies["solve"].mean, "en")
    assert at.warning[0].value.startswith("What-if: the numbers and charts below use Chance that solving succeeds = 20%")
    assert at.session_state["case"] == case

    at.button[0].click().run()  # back to my estimates
    assert at.session_state["overrides"] == {}
    assert at.slider(key="whatif.solve.p_success").value == 65
    assert table(at).loc["Solve", "Expected cost"] == before


def test_keep_writes_the_what_if_into_the_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.number_input(key="whatif.current.dysfunction_cost_per_month").set_value(50_000).run()
    at.button[1].click().run()  # keep in the case
    kept = at.session_state["case"].current.dysfunction_cost_per_month
    assert (kept.low, kept.mode, kept.high) == (50_000, 50_000, 50_000)
    assert kept.source.startswith("judgement: finance estimate")
    assert at.session_state["overrides"] == {}
    assert at.number_input(key="whatif.current.dysfunction_cost_per_month").value == 50_000
    assert not at.warning


def test_what_ifs_are_dropped_when_another_case_is_opened(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.slider(key="whatif.legal.p_win").set_value(90).run()
    other = load_preset("strong-claim-stop")
    at.session_state["case"] = other
    at.run()
    assert at.session_state["overrides"] == {}
    assert at.slider(key="whatif.legal.p_win").value == whatif_default(other, "legal.p_win")
    assert table(at).loc["Stop and sue", "Expected cost"] == fmt.money(
        evaluate(other, ITERATIONS, 1).strategies["stop"].mean, "en"
    )


def test_dutch(app_at):
    case = load_preset(EXAMPLE)
    expected = evaluate(case, ITERATIONS, 1).strategies["solve"]
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert not at.exception
    assert at.subheader[0].value == "Advies: Oplossen"
    assert metric(at, "Verwachte kosten") == fmt.money(expected.mean, "nl")
    assert fmt.money(expected.mean, "nl") == "€\xa02.311.590"
    assert list(table(at).index) == ["Doormodderen", "Stoppen en verlies nemen", "Stoppen en procederen", "Oplossen"]


def test_cost_families_cover_every_category_once_and_add_up_to_the_mean():
    assert sorted(FAMILY_OF) == sorted(CATEGORIES)
    assert sum(len(members) for members in COST_FAMILIES.values()) == len(CATEGORIES)
    assert family_breakdown({"exit": 1.0, "replacement": 2.0, "write_off": 4.0, "legal_outcome": -8.0}) == {
        "divestment": 7.0,
        "delay": 0.0,
        "legal": -8.0,
        "improvement": 0.0,
    }
    for view in ("decision", "book"):
        for result in evaluate(load_preset(EXAMPLE), 2_000, 1, view).strategies.values():
            assert math.isclose(sum(family_breakdown(result.breakdown).values()), result.mean, rel_tol=1e-9)


def test_quantile_dots_are_the_twentieths_of_the_totals():
    assert DOT_LEVELS[0] == 2.5 and DOT_LEVELS[-1] == 97.5 and len(DOT_LEVELS) == 20
    result = evaluate(load_preset(EXAMPLE), 2_000, 1).strategies["solve"]
    assert list(result.dots) == sorted(result.dots)
    assert result.dots[1] <= result.p10 <= result.dots[2]  # P10 lies between the 7.5% and 12.5% dots
    assert result.dots[-3] <= result.p90 <= result.dots[-2]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_chart_has_labelled_axes_and_the_fixed_strategy_colours(lang):
    t = Translator(lang)
    case = load_preset(EXAMPLE)
    result = evaluate(case, 2_000, 1)
    charts = {
        "distribution": distribution_chart(result, t),
        "p_best": p_best_chart(result, t),
        "timeline": timeline_chart(timeline(case), t),
        "breakdown": breakdown_chart(result, t),
    }
    names = [t.strategy(s) for s in STRATEGIES]
    for name, chart in charts.items():
        spec = chart.to_dict()
        layers = spec.get("layer", [spec])
        encodings = [layer["encoding"] for layer in layers]
        colours = [e["color"]["scale"] for e in encodings if "scale" in e.get("color", {})]
        assert colours, name
        for scale in colours:
            assert scale["domain"] == names
            assert scale["range"] == [STRATEGY_COLOURS[s] for s in STRATEGIES]
        x = encodings[0]["x"]
        x_title = x.get("title") or x.get("axis", {}).get("title")
        assert x_title and x_title.strip(), name
        assert x_title == translate(
            {
                "distribution": "comparison.axis_total",
                "p_best": "comparison.axis_share",
                "timeline": "comparison.axis_month",
                "breakdown": "comparison.axis_cost",
            }[name],
            lang,
        )
