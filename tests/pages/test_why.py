"""Why page: the narrative, the tornado, the break-even table, value of information, risk and the basis switch."""

from __future__ import annotations

import pytest

from decision.analysis.explain import break_even_reason, narrative, say
from decision.analysis.sensitivity import BREAK_EVEN_INPUTS, analyse
from decision.engine.results import evaluate
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.text import fmt
from decision.text.i18n import Translator, translate
from ui.charts.why import s_curve_chart, tornado_chart

PAGE = "app_pages/why.py"
ITERATIONS = 10_000  # what ui.cache evaluates with


def texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_explains_its_advice(app_at, preset):
    case = load_preset(preset)
    evaluation = evaluate(case, ITERATIONS, 1)
    analysis = analyse(case, ITERATIONS, 1)
    at = app_at(PAGE, preset)
    assert not at.exception
    story = [say(reason, "en") for reason in narrative(evaluation, analysis)]
    assert at.header[0].value == story[0]
    assert translate(f"strategy.{evaluation.recommendation.strategy}.name", "en") in story[0]
    shown = texts(at) + "\n".join(i.value for i in at.info)
    for sentence in story[1:]:
        assert sentence in shown
    break_even, *rest = [table.value for table in at.table]
    # A row per key input, then one per triage answer that would change the advice (issue 13).
    assert len(break_even) == len(BREAK_EVEN_INPUTS) + len(analysis.triage_switches)
    assert list(break_even["In words"]) == [
        say(break_even_reason(b, analysis.allowed), "en") for b in analysis.break_even
    ] + [say(switch.reason(), "en") for switch in analysis.triage_switches]
    assert at.metric[0].value == fmt.money(analysis.evpi, "en")
    risk = rest[-1]
    assert len(risk) == len(evaluation.strategies)  # a row per option the case has (4, 5 or 6)


def test_dutch(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert not at.exception
    assert at.title[0].value == "Waarom dit advies?"
    assert at.header[0].value == "Advies: Oplossen."
    assert "Omslagpunt" in at.table[0].value.columns


def test_the_basis_switch_recommends_on_the_p90(app_at):
    at = app_at(PAGE, EXAMPLE)
    assert at.header[0].value == "Advice: Solve."
    at.radio(key="why_basis_en").set_value("p90").run()
    assert not at.exception
    # Solving has the lower mean, taking the loss the lower P90 (1 in 10 worse).
    assert at.header[0].value == "Advice: Stop and take the loss."
    assert evaluate(load_preset(EXAMPLE), ITERATIONS, 1, basis="p90").recommendation.strategy == "switch"


def test_the_basis_survives_a_language_switch(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.radio(key="why_basis_en").set_value("p90").run()
    at.session_state["lang"] = "nl"
    at.run()
    assert at.radio(key="why_basis_nl").value == "p90"
    assert at.header[0].value == "Advies: Stoppen en verlies nemen."


def test_the_threshold_sets_the_chance_of_costing_more(app_at):
    at = app_at(PAGE, EXAMPLE)
    analysis = analyse(load_preset(EXAMPLE), ITERATIONS, 1)
    at.text_input(key="why_threshold").input("3,000,000").run()
    risk = at.table[-1].value
    column = "Chance of costing more than €3,000,000"
    assert column in risk.columns
    expected = analysis.risk.exceedance(3_000_000)
    for strategy, share in expected.items():
        row = [i for i in risk.index if i.startswith(translate(f"strategy.{strategy}.name", "en"))]
        assert risk.loc[row[0], column] == fmt.percent(share, "en")


def test_chart_builders_draw_the_inputs_and_every_strategy():
    analysis = analyse(load_preset(EXAMPLE), 2_000, 1)
    t = Translator("en")
    spec = tornado_chart(analysis, t).to_dict()
    bars = [row for row in spec["datasets"][next(iter(spec["datasets"]))]]
    top = analysis.tornado[0]
    assert bars[0]["input"] == t(f"sensitivity.input.{top.input}")
    assert {bars[0]["gap"], bars[1]["gap"]} == {top.low_gap, top.high_gap}
    curves = s_curve_chart(analysis, t, 3_000_000).to_dict()
    rows = [row for data in curves["datasets"].values() for row in data if "option" in row]
    assert {row["option"] for row in rows} == {t.strategy(s) for s in ("muddle", "switch", "stop", "solve")}
    # The curves' rows say whether the triage excluded the option (the direct labels' rows do not).
    assert {row["triage"] for row in rows if row["option"] == t.strategy("muddle") and "triage" in row} == {
        t("why.excluded")
    }


def test_the_threshold_is_typed_the_dutch_way_and_a_refusal_keeps_the_default(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    at.text_input(key="why_threshold").input("3.000.000").run()
    assert translate("why.col_exceed", "nl", amount=3_000_000) in at.table[-1].value.columns
    at.text_input(key="why_threshold").input("1.5").run()
    assert "„1.5” kan op twee manieren gelezen worden: typ 1,5 of 1.500." in [e.value for e in at.error]
    at.text_input(key="why_threshold").input("-5").run()
    assert translate("why.threshold_negative", "nl") in [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_strategy_map_shows_where_the_answer_changes(app_at, lang):
    from decision.analysis.strategy_map import describe, strategy_map

    at = app_at(PAGE, EXAMPLE, lang=lang)
    assert not at.exception
    assert translate("why.map_title", lang) in [h.value for h in at.header]
    assert at.selectbox(key="why_map_x").value == "solve.p_success"
    assert at.selectbox(key="why_map_y").value == "legal.p_win"
    item = strategy_map(load_preset(EXAMPLE), "solve.p_success", "legal.p_win", iterations=10_000, seed=1)
    shown = "\n".join(m.value for m in at.markdown)
    for sentence in describe(item, lang):
        assert sentence in shown or sentence.replace("\xa0", " ") in shown.replace("\xa0", " ")
    # Another input on the horizontal axis draws another map.
    at.selectbox(key="why_map_x").set_value("current.dysfunction_cost_per_month").run()
    assert not at.exception
