"""Comparison page: recommendation, the options table, decision/book view, what-ifs, and the chart builders."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from altair import TopLevelMixin
from streamlit.testing.v1 import AppTest

from decision.analysis.inputs import whatif_default, with_overrides
from decision.engine.results import evaluate, timeline
from decision.engine.simulation import CATEGORIES
from decision.engine.summary import COST_FAMILIES, DOT_LEVELS, FAMILY_OF, family_breakdown
from decision.model.case import Preferences
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.model.registry import CORE_STRATEGIES as CORE
from decision.model.registry import CORE_STRATEGIES as STRATEGIES
from decision.model.registry import STRATEGY_BY_KEY, strategies_of
from decision.text import fmt
from decision.text.i18n import Translator, translate
from tests.conftest import REPO_ROOT
from tests.decision.builders import make_case
from ui.charts import comparison as charts
from ui.charts.comparison import breakdown_spec, distribution_spec, p_best_spec, records, timeline_spec

PAGE = "app_pages/comparison.py"
ITERATIONS = 10_000  # what ui.cache evaluates with


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
    assert at.header[0].value == f"Recommended: {name}"
    assert metric(at, "Expected cost") == fmt.money(expected.strategies[chosen].mean, "en")
    # The advice is chosen among the defensible options: its headline share is among them; the table counts all.
    assert metric(at, "Cheapest defensible option in") == fmt.percent(expected.strategies[chosen].p_best_allowed, "en")
    reasons = "\n".join(m.value for m in at.markdown)
    for reason in expected.recommendation.reasons:
        assert f"- {translate(reason.key, 'en', **reason.values)}" in reasons
    shown = table(at)
    present = strategies_of(case)  # the four of every case, and partner or exit_deal when the case has them
    assert list(shown.index) == [translate(f"strategy.{s}.name", "en") for s in present]
    for strategy in present:
        row = shown.loc[translate(f"strategy.{strategy}.name", "en")]
        result = expected.strategies[strategy]
        assert row["Expected cost"] == fmt.money(result.mean, "en")
        assert row["P10 (good case)"] == fmt.money(result.p10, "en")
        assert row["P90 (bad case)"] == fmt.money(result.p90, "en")
        assert row["Cheapest of all options in"] == fmt.percent(result.p_best, "en")
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


def book_view_of(case, lang: str = "en"):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state["case"] = case
    at.run()
    at.switch_page(PAGE).run()
    at.segmented_control(key="comparison.view").set_value("book").run()
    assert not at.exception
    return at


def test_the_book_view_names_what_is_cheapest_there_and_keeps_the_advice():
    at = book_view_of(load_preset(EXAMPLE))
    assert at.header[0].value == "Cheapest in the book view: Solve"
    banner = at.info[0].value
    assert banner.startswith("Book view: the amounts below include the write-off")
    assert banner.endswith("in which that sunk money does not count: Solve.")
    assert "sunk-cost trap" not in banner


def test_a_book_view_that_ranks_otherwise_is_called_the_sunk_cost_trap():
    # test_results: with I = 400,000 the decision view advises switching (278,000 against muddle's 288,000);
    # the book view adds W = 100,000 to switching and ranks muddling on first.
    case = make_case({"solve.internal_cost": 400_000})
    assert evaluate(case, ITERATIONS, 1).recommendation.strategy == "switch"
    at = book_view_of(case)
    assert at.header[0].value == "Cheapest in the book view: Muddle on"
    banner = at.info[0].value
    assert "in which that sunk money does not count: Stop and take the loss." in banner
    assert banner.endswith(
        "Here Muddle on looks cheaper only because the write-off counts: letting it decide is the sunk-cost trap."
    )
    dutch = book_view_of(case, "nl")
    assert dutch.header[0].value == "Goedkoopst in de boekhoudweergave: Doormodderen"
    assert "de valkuil van de verzonken kosten" in dutch.info[0].value


def test_another_basis_than_the_expected_cost_is_named_under_the_advice(app_at):
    at = app_at(PAGE, EXAMPLE)
    assert not [c for c in at.caption if c.value.startswith("Advised on")]  # the default basis needs no note
    at.session_state["case"] = load_preset(EXAMPLE).model_copy(update={"preferences": Preferences(basis="p90")})
    at.run()
    results = evaluate(load_preset(EXAMPLE), ITERATIONS, 1).strategies
    assert at.header[0].value == "Recommended: Stop and take the loss"
    premium = fmt.money(results["switch"].mean - results["solve"].mean, "en")
    assert (
        "Advised on the lowest cost if it goes badly (P90), as chosen on the Why page. On the lowest expected "
        f"cost the advice would be Solve, {premium} cheaper on average."
    ) in [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("preset", "lang", "said"),
    [
        (EXAMPLE, "en", "If the attempt to solve it fails, Kruispunt goes on with Stop and take the loss;"),
        (EXAMPLE, "nl", "Mislukt de poging om op te lossen, dan rekent Kruispunt verder met Stoppen en verlies nemen;"),
        ("partner-takeover", "en", "If the move to another implementation partner fails, Kruispunt goes on with Stop"),
        (
            "orderly-exit",
            "nl",
            "Komt er geen akkoord over stoppen in overleg, dan rekent Kruispunt verder met Stoppen en",
        ),
    ],
)
def test_the_advice_says_what_follows_when_it_fails(app_at, preset, lang, said):
    """The fallback is in the advised option's amounts (the tree shows it); the page says which it is."""
    at = app_at(PAGE, preset, lang=lang)
    fallback = [c.value for c in at.caption if c.value.startswith(said)]
    assert len(fallback) == 1, [c.value for c in at.caption]


def test_an_option_without_a_fallback_says_none(app_at):
    at = app_at(PAGE, "strong-claim-stop")  # advice: stop and sue, which has no fallback
    starts = ("If the attempt", "If the move", "If no agreement")
    assert not [c.value for c in at.caption if c.value.startswith(starts)]


def test_the_months_to_a_working_system_say_they_count_failed_attempts(app_at):
    at = app_at(PAGE, EXAMPLE)
    months = next(m for m in at.metric if m.label == "Working system after")
    assert "an attempt fails and the fallback follows" in months.help


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
    assert at.warning[0].value.startswith(
        "What-if: the numbers and charts below use Chance that solving succeeds = 20%"
    )
    assert at.session_state["case"] == case

    at.button[0].click().run()  # back to my estimates
    assert at.session_state["overrides"] == {}
    assert at.slider(key="whatif.solve.p_success").value == 65
    assert table(at).loc["Solve", "Expected cost"] == before


def test_a_what_if_sends_each_chart_the_same_spec_and_new_rows(app_at):
    """What the browser gets: the spec of every chart is the same string after a what-if, so it
    keeps the chart it has drawn and replaces the rows (a new spec would make it build the chart
    again). The rows go as named Arrow data sets, and each chart's rows change."""

    def sent(at) -> list[tuple[str, dict[str, bytes]]]:
        return [
            (chart.proto.spec, {d.name: d.data.data for d in chart.proto.datasets})
            for chart in at.get("vega_lite_chart")
        ]

    at = app_at(PAGE, EXAMPLE)
    before = sent(at)
    at.slider(key="whatif.solve.p_success").set_value(20).run()
    assert not at.exception
    after = sent(at)
    assert len(before) == len(after) == 4
    for (spec, rows), (spec_after, rows_after) in zip(before, after, strict=True):
        assert spec == spec_after
        assert '"datasets"' not in spec
        assert rows.keys() == rows_after.keys() and rows
        assert rows != rows_after


def test_keep_writes_the_what_if_into_the_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.text_input(key="whatif.current.dysfunction_cost_per_month").input("50,000").run()
    at.button[1].click().run()  # keep in the case
    kept = at.session_state["case"].current.dysfunction_cost_per_month
    assert (kept.low, kept.mode, kept.high) == (50_000, 50_000, 50_000)
    assert kept.source.startswith("judgement: finance estimate")
    assert at.session_state["overrides"] == {}
    assert at.text_input(key="whatif.current.dysfunction_cost_per_month").value == "50,000"
    active = translate("comparison.whatif_active", "en", changes="").split(":")[0]
    assert not [w for w in at.warning if w.value.startswith(active)], "no what-if is active any more"


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
    assert at.header[0].value == "Advies: Oplossen"
    assert metric(at, "Verwachte kosten") == fmt.money(expected.mean, "nl")
    assert fmt.money(expected.mean, "nl") == "€\xa02.262.388"
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
    specs = {
        "distribution": distribution_spec(result, t),
        "p_best": p_best_spec(result, t),
        "timeline": timeline_spec(timeline(case), t),
        "breakdown": breakdown_spec(result, t),
    }
    names = [t.strategy(s) for s in STRATEGIES]
    for name, spec in specs.items():
        layers, flat = list(spec.get("layer", [spec])), []
        while layers:  # a layer may hold layers (the timeline's direct labels)
            layer = layers.pop(0)
            layers[:0] = layer.get("layer", [])
            flat.append(layer)
        encodings = [layer["encoding"] for layer in flat if "encoding" in layer]
        colours = [e["color"]["scale"] for e in encodings if "scale" in e.get("color", {})]
        assert colours, name
        for scale in colours:
            assert scale["domain"] == names
            assert scale["range"] == [STRATEGY_BY_KEY[s].colour for s in STRATEGIES]
        x = encodings[0]["x"]
        x_title = x.get("title") or x.get("axis", {}).get("title")
        x_title = " ".join(x_title) if isinstance(x_title, list) else x_title  # a long title takes two lines
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


def data_names(spec: object) -> Iterator[str]:
    """The names of the data sets a spec's views read."""
    if isinstance(spec, dict):
        if isinstance(spec.get("data"), dict) and "name" in spec["data"]:
            yield spec["data"]["name"]
        for key, value in spec.items():
            if key != "datasets":
                yield from data_names(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from data_names(value)


def test_a_what_if_changes_only_the_rows_and_the_template_is_built_once(monkeypatch):
    """A redraw reuses the chart's template: the same spec but for its data sets, so the browser swaps the rows."""
    built: list[str] = []

    def counted(name):
        build = charts.TEMPLATES[name]

        def template(t: Translator, strategies: tuple[str, ...]) -> TopLevelMixin:
            built.append(name)
            return build(t, strategies)

        return template

    for name in list(charts.TEMPLATES):
        monkeypatch.setitem(charts.TEMPLATES, name, counted(name))
    charts.template_spec.cache_clear()
    case = load_preset(EXAMPLE)
    t = Translator("en")
    drawn = []
    for fixed in (20_000, 90_000):
        shown = with_overrides(case, {"current.dysfunction_cost_per_month": fixed})
        result, costs = evaluate(shown, 2_000, 1), timeline(shown)
        drawn.append(
            {
                "distribution": records(distribution_spec(result, t)),
                "p_best": records(p_best_spec(result, t)),
                "timeline": records(timeline_spec(costs, t)),
                "breakdown": records(breakdown_spec(result, t)),
            }
        )
    charts.template_spec.cache_clear()
    assert sorted(built) == sorted(charts.TEMPLATES)  # once per chart for the two what-ifs
    for name in charts.TEMPLATES:
        before, after = drawn[0][name], drawn[1][name]
        assert before.keys() == after.keys()
        assert all(before[key] is after[key] for key in before if key != "datasets"), name  # the cached template
        assert before["datasets"] != after["datasets"], name
        assert set(data_names(before)) == set(before["datasets"]), name
    # Muddling on costs the dysfunction every month: 70,000 more a month moves its expected cost.
    means = [{row["option"]: row["value"] for row in d["distribution"]["datasets"][charts.MEANS]} for d in drawn]
    assert means[1]["Muddle on"] > means[0]["Muddle on"]


@pytest.mark.parametrize("amounts", fmt.AMOUNTS)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_template_is_valid_vega_lite(lang, amounts):
    """The page skips Altair's validation (``template_spec``); every look is validated here."""
    for strategies in (CORE, (*CORE, "partner"), (*CORE, "exit_deal"), (*CORE, "partner", "exit_deal")):
        for name, template in charts.TEMPLATES.items():
            spec = template(Translator(lang, amounts=amounts), strategies).to_dict()  # validates against the schema
            assert spec == charts.template_spec(name, lang, amounts, strategies)


def test_the_rows_are_the_evaluated_numbers():
    case = load_preset(EXAMPLE)
    t = Translator("en")
    result = evaluate(case, 2_000, 1)
    dots = charts.distribution_rows(result, t)[charts.DOTS]
    assert len(dots) == len(STRATEGIES) * len(DOT_LEVELS)
    for strategy, r in result.strategies.items():
        assert list(dots[dots["option"] == t.strategy(strategy)]["value"]) == list(r.dots)
    means = charts.distribution_rows(result, t)[charts.MEANS]
    assert dict(zip(means["option"], means["value"])) == {t.strategy(s): r.mean for s, r in result.strategies.items()}
    shares = charts.p_best_rows(result, t)[charts.SHARES]
    assert math.isclose(shares["share"].sum(), 1.0)
    families = charts.breakdown_rows(result, t)[charts.FAMILIES]
    assert len(families) == len(STRATEGIES) * len(COST_FAMILIES)
    costs = timeline(case)
    months = charts.timeline_rows(costs, t)[charts.MONTHS]
    assert len(months) == len(STRATEGIES) * len(costs.months)
    solve = months[months["option"] == "Solve"]
    assert list(solve["mean"]) == list(costs.mean["solve"])
    assert (solve["p10"] <= solve["p90"]).all()


@pytest.mark.parametrize(("lang", "typed", "amount"), [("nl", "50.000", 50_000), ("en", "50,000", 50_000)])
def test_a_what_if_amount_is_read_the_languages_way(app_at, lang, typed, amount):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    at.text_input(key="whatif.current.dysfunction_cost_per_month").input(typed).run()
    assert at.session_state["overrides"] == {"current.dysfunction_cost_per_month": amount}


def test_an_ambiguous_what_if_amount_is_refused_with_a_sentence(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    at.text_input(key="whatif.current.dysfunction_cost_per_month").input("1.5").run()
    assert at.session_state["overrides"] == {}
    assert "„1.5” kan op twee manieren gelezen worden: typ 1,5 of 1.500." in [e.value for e in at.error]


@pytest.mark.parametrize("preset", ["erp-manufacturer", "orderly-exit"])
def test_the_decision_tree_is_drawn_from_the_case(app_at, preset):
    from decision.analysis.tree import decision_tree, to_dot

    at = app_at(PAGE, preset)
    assert not at.exception
    assert not at.get("graphviz_chart")  # closed, the tree is neither built nor drawn
    at.session_state["comparison.tree"] = True  # the director opens the expander
    at.run()
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    expected = to_dot(decision_tree(evaluate(load_preset(preset), ITERATIONS, 1)), "en")
    assert charts[0].proto.spec == expected


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_recommendations_warnings_are_said_in_plain_words(app_at, lang):
    """erp-manufacturer: at the case's split the supplier works at a loss (MODEL.md 7.7 supplier_at_loss)."""
    from decision.analysis.explain import warnings_of
    from decision.text import fmt

    at = app_at(PAGE, EXAMPLE, lang=lang)
    result = evaluate(load_preset(EXAMPLE), ITERATIONS, 1)
    assert result.recommendation.warnings == ("supplier_at_loss",)
    (warning,) = warnings_of(result)
    assert warning.say(lang, fmt.money_rounded) in [w.value for w in at.warning]
    # A case without warnings shows none of them.
    at = app_at(PAGE, "strong-claim-stop", lang=lang)
    assert not evaluate(load_preset("strong-claim-stop"), ITERATIONS, 1).recommendation.warnings
    start = translate("economics.warning.supplier_at_loss", lang, share_client=0.5, share=0, share_normal=0)[:20]
    assert not [w for w in at.warning if w.value.startswith(start)]


def test_the_timeline_says_it_is_worked_out_on_a_sample(app_at):
    """Its month-60 values differ a little from the table's (500 futures, not 10,000): the caption says so."""
    at = app_at(PAGE, EXAMPLE)
    from decision.engine.results import TIMELINE_ITERATIONS

    assert TIMELINE_ITERATIONS == 500
    captions = [c.value for c in at.caption]
    assert any("worked out on the first 500 of the simulated futures" in c for c in captions)
    dutch = app_at(PAGE, EXAMPLE, lang="nl")
    assert any("berekend op de eerste 500 doorgerekende scenario's" in c.value for c in dutch.caption)
