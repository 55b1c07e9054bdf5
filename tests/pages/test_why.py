"""Why page: the narrative, the tornado, the break-even table, value of information, risk, and the basis
and horizon of the case (stored in the case like any edit)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from decision.analysis.explain import break_even_reason, narrative, say
from decision.analysis.sensitivity import BREAK_EVEN_INPUTS, analyse, say_no_influence
from decision.engine.results import evaluate
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.text import fmt
from decision.text.i18n import Translator, translate
from tests.conftest import REPO_ROOT
from tests.decision.builders import make_case
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
    # A row per key input, the horizon, the discount rate and every other input that moves the advice
    # (issue 14), then one per triage answer that would change the advice (issue 13).
    assert len(analysis.break_even) >= len(BREAK_EVEN_INPUTS) + 2
    assert len(break_even) == len(analysis.break_even) + len(analysis.triage_switches)
    assert list(break_even["In words"]) == [
        say(break_even_reason(b, analysis.allowed), "en") for b in analysis.break_even
    ] + [say(switch.reason(), "en") for switch in analysis.triage_switches]
    assert at.metric[0].value == fmt.money(analysis.evpi, "en")
    # The inputs without influence are a sentence under the tornado, not empty bars.
    still = say_no_influence(analysis.no_influence, "en")
    assert (still in [c.value for c in at.caption]) if still else not analysis.no_influence
    risk = rest[-1]
    assert len(risk) == len(evaluation.strategies)  # a row per option the case has (4, 5 or 6)


def test_dutch(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert not at.exception
    assert at.title[0].value == "Waarom dit advies?"
    assert at.header[0].value == "Advies: Oplossen."
    assert "Omslagpunt" in at.table[0].value.columns


def test_the_basis_is_stored_in_the_case_and_followed_everywhere(app_at):
    at = app_at(PAGE, EXAMPLE)
    assert at.header[0].value == "Advice: Solve."
    at.radio(key="why.basis_en").set_value("p90").run()
    assert not at.exception
    # Solving has the lower mean, taking the loss the lower P90 (1 in 10 worse).
    assert at.header[0].value == "Advice: Stop and take the loss."
    assert evaluate(load_preset(EXAMPLE), ITERATIONS, 1, basis="p90").recommendation.strategy == "switch"
    assert at.session_state["case"].preferences.basis == "p90"  # an edit of the case, saved at once
    at.switch_page("app_pages/comparison.py").run()
    assert at.header[0].value == "Recommended: Stop and take the loss"
    # Reloaded: a new session opens the last changed case of the library, with its basis.
    again = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    again.session_state["lang"] = "en"
    again.run()
    again.switch_page(PAGE).run()
    assert again.session_state["case"].preferences.basis == "p90"
    assert again.radio(key="why.basis_en").value == "p90"
    assert again.header[0].value == "Advice: Stop and take the loss."


def test_the_basis_survives_a_language_switch(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.radio(key="why.basis_en").set_value("p90").run()
    at.session_state["lang"] = "nl"
    at.run()
    assert at.radio(key="why.basis_nl").value == "p90"
    assert at.header[0].value == "Advies: Stoppen en verlies nemen."


def open_case(case, lang: str) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state["case"] = case
    at.run()
    at.switch_page(PAGE).run()
    return at


# Hand-worked (tests/decision/test_sensitivity.py, GAMBLE): solving with a 70% chance costs 180,000 on
# success and 348,000 on failure (then muddling on), switching 278,000. On the mean (230,652) solving is
# the advice, on the P90 (348,000) switching; the certainty equivalent is 263,993 at a risk tolerance of
# 100,000 (solve) and 291,921 at 50,000 (switch).
@pytest.mark.parametrize(
    ("lang", "low", "high", "refused"),
    [
        ("en", "50,000", "100,000", "The risk tolerance must be an amount above € 0."),
        ("nl", "50.000", "100.000", "De risicotolerantie moet een bedrag boven €\xa00 zijn."),
    ],
)
def test_the_certainty_equivalent_asks_for_a_risk_tolerance_and_moves_the_advice(lang, low, high, refused):
    def advice(strategy: str) -> str:
        return translate("explain.do", lang, strategy=strategy)

    at = open_case(make_case({"solve.p_success": 0.7}), lang)
    assert at.header[0].value == advice("solve")
    at.radio(key=f"why.basis_{lang}").set_value("p90").run()
    assert at.header[0].value == advice("switch")
    # The certainty equivalent without a tolerance: nothing changes yet, the field asks for one.
    at.radio(key=f"why.basis_{lang}").set_value("certainty_equivalent").run()
    assert at.session_state["case"].preferences.basis == "p90"
    assert at.header[0].value == advice("switch")
    needed = translate("why.risk_tolerance_needed", lang, basis=translate("why.basis_p90", lang))
    assert needed in [i.value for i in at.info]
    at.text_input(key="why.risk_tolerance").input("0").run()
    (error,) = [e.value for e in at.error]
    assert error.startswith(refused) and at.session_state["case"].preferences.basis == "p90"
    at.text_input(key="why.risk_tolerance").input(low).run()
    assert not at.error
    preferences = at.session_state["case"].preferences
    assert (preferences.basis, preferences.risk_tolerance) == ("certainty_equivalent", 50_000)
    assert at.header[0].value == advice("switch")
    at.text_input(key="why.risk_tolerance").input(high).run()
    assert at.session_state["case"].preferences.risk_tolerance == 100_000
    assert at.header[0].value == advice("solve")
    assert at.radio(key=f"why.basis_{lang}").value == "certainty_equivalent"
    at.text_input(key="why.risk_tolerance").input("-5").run()  # refused: the case keeps 100,000
    assert [e.value for e in at.error] == [
        translate(
            "why.invalid_risk_tolerance", lang, amount=100_000, basis=translate("why.basis_certainty_equivalent", lang)
        )
    ]
    assert at.session_state["case"].preferences.risk_tolerance == 100_000


def test_the_horizon_is_set_on_why_and_reruns_the_analyses(app_at):
    from decision.analysis.strategy_map import describe, strategy_map

    def map_sentences(case) -> tuple[str, ...]:
        item = strategy_map(case, "solve.p_success", "legal.p_win", iterations=ITERATIONS, seed=1)
        return tuple(s.replace("\xa0", " ") for s in describe(item, "nl"))

    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert at.text_input(key="why.horizon_months").value == "60"
    before = map_sentences(at.session_state["case"])
    at.text_input(key="why.horizon_months").input("120").run()
    assert not at.exception and at.session_state["case"].horizon_months == 120
    after = map_sentences(at.session_state["case"])
    assert after != before  # the strategy map moves with the horizon ...
    shown = "\n".join(m.value for m in at.markdown).replace("\xa0", " ")
    assert all(sentence in shown for sentence in after)  # ... and the page shows the new one
    analysis = analyse(at.session_state["case"], ITERATIONS, 1)
    bar = next(bar for bar in analysis.tornado if bar.input == "horizon_months")
    assert (bar.low_value, bar.high_value) == (60, 120)  # half the new horizon, and 180 clamped at 120
    at.text_input(key="why.horizon_months").input("200").run()
    assert translate("why.invalid_horizon", "nl", months=120) in [e.value for e in at.error]
    assert at.session_state["case"].horizon_months == 120


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
