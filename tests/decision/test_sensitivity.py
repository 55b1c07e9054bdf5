"""Tornado, break-even, value of information and risk (decision/sensitivity.py).

The hand-worked case (tests/decision/builders.py: H = 24, r = 0, everything fixed)
gives closed forms, in thousands of euros:
  muddle = 24 (D + 2)                              = 288 at D = 10
  switch = 6 (D + 2) + 50 + K + 18 (0.1 D + 1)     = 158 + K = 278 at K = 120
  solve  = T (D + 2) + 60 + (24 - T)(0.2 D + 2)    = 8 T + 156 = 180 at T = 3 (success)
  solve with fallback muddle and chance p          = 348 - 168 p
  stop - switch = 60 + p_win (-160) + (1 - p_win) 80 = 140 - 240 p_win
With the horizon H free (r = 0):
  muddle = 12 H;  switch = 242 + 2 (H - 6) (K = 120);  solve = 36 + 60 + 4 (H - 3) = 84 + 4 H
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from decision.analysis.sensitivity import (
    ALWAYS_SEARCHED,
    BISECTION_TOLERANCE,
    BREAK_EVEN_INPUTS,
    NAMES,
    SETTINGS,
    Risk,
    analyse,
    break_even,
    client_inputs,
    evpi,
    evppi,
    fixed_simulation,
    ranked,
    regret,
    say_no_influence,
    scores,
    search_range,
    setting_range,
    tornado,
)
from decision.cli.main import main
from decision.engine.results import evaluate
from decision.engine.simulation import case_estimate, draw, simulate
from decision.model.presets import DATA_DIR, load_preset, preset_ids
from decision.model.triage import triage
from tests.decision.builders import make_case

ACUTE_NO_SOLVE = {"triage.weekly_board_agenda": True, "triage.client_recognises_supplier": 1}


def _flip(case, path, value=None, iterations=10_000, seed=1):
    draws = draw(case, iterations, seed)
    allowed = triage(case).allowed
    recommended = ranked(scores(simulate(case, draws=draws).totals(False), "mean"), allowed)[0]
    return break_even(case, draws, path, recommended, allowed)


# --- break-even: hand-worked -------------------------------------------------------------------


def test_break_even_of_the_replacement_cost_is_where_switching_costs_what_solving_costs():
    # switch = 158 + K against solve = 180: switching wins below K = 22,000.
    item = _flip(make_case(), "stop.replacement_cost", iterations=200)
    assert (item.from_strategy, item.to_strategy, item.stays_while) == ("solve", "switch", "above")
    assert item.search_low == 0 and item.search_high == 360_000
    assert item.value == pytest.approx(22_000, abs=360)  # bisection to 1/1000 of the range


def test_break_even_of_the_dysfunction_is_where_muddling_on_costs_what_solving_costs():
    # solve = 7.2 D + 108 against muddle = 24 D + 48: muddling on wins below D = 60 / 16.8.
    item = _flip(make_case(), "current.dysfunction_cost_per_month", iterations=200)
    assert (item.from_strategy, item.to_strategy, item.stays_while) == ("solve", "muddle", "above")
    assert item.value == pytest.approx(60_000 / 16.8, abs=30)


def test_break_even_in_whole_months_is_the_first_month_at_which_another_strategy_wins():
    # solve = 8 T + 156 against switch = 278: T = 15 costs 276 (solve), T = 16 costs 284 (switch).
    case = make_case({"solve.improvement_months": {"low": 3, "mode": 3, "high": 8}})
    item = _flip(case, "solve.improvement_months", iterations=200)
    assert (item.from_strategy, item.to_strategy, item.stays_while) == ("solve", "switch", "below")
    assert item.value == 16
    assert item.share_beyond == 0.0  # the estimate never goes above 8 months


def test_break_even_of_the_chance_of_success_matches_the_closed_form():
    # 348 - 168 p against switch = 278: solving wins when the share of successes is above 70 / 168.
    # An iteration succeeds when its uniform is below p, so the break-even is that quantile of the
    # uniforms (41.7% give or take sampling noise).
    case = make_case({"solve.p_success": 0.8})
    item = _flip(case, "solve.p_success")
    assert (item.from_strategy, item.to_strategy, item.stays_while) == ("solve", "switch", "above")
    uniforms = draw(case, 10_000, 1).success_uniforms
    assert item.value == pytest.approx(np.quantile(uniforms, 70 / 168), abs=0.001)
    assert item.value == pytest.approx(70 / 168, abs=0.02)


def test_break_even_of_the_chance_to_win_in_court_matches_the_closed_form():
    # With only switch and stop allowed: stop wins when 140 - 240 p_win < 0, a share of wins above 58.3%.
    case = make_case({**ACUTE_NO_SOLVE, "legal.p_win": 0.8})
    item = _flip(case, "legal.p_win")
    assert (item.from_strategy, item.to_strategy, item.stays_while) == ("stop", "switch", "above")
    uniforms = draw(case, 10_000, 1).win_uniforms
    assert item.value == pytest.approx(np.quantile(uniforms, 140 / 240), abs=0.001)
    assert item.value == pytest.approx(140 / 240, abs=0.02)


def test_no_break_even_when_the_recommendation_never_flips():
    # switch = 10 T_r + 218 > 180 for every T_r >= 1: solving stays best.
    item = _flip(make_case(), "stop.replacement_months", iterations=200)
    assert item.value is None and item.to_strategy is None
    assert (item.search_low, item.search_high) == (1, 18)


def test_search_ranges_are_0_to_1_for_chances_and_0_to_three_times_high_otherwise():
    case = load_preset("erp-manufacturer")
    assert search_range(case, "solve.p_success") == (0.0, 1.0)
    assert search_range(case, "stop.replacement_cost") == (0.0, 3 * case.stop.replacement_cost.high)
    assert search_range(case, "stop.replacement_months") == (1.0, 3 * case.stop.replacement_months.high)


# --- break-even: against a brute-force scan --------------------------------------------------


def _brute_force(case, draws, path, recommended, allowed):
    """Scan the whole range finely; the change of 'recommended is best' nearest to the current estimate."""
    low, high = search_range(case, path)
    whole = path.endswith("_months")
    values = np.arange(low, high + 1) if whole else np.linspace(low, high, 161)
    current = case_estimate(case, path).mean
    stays = []
    for value in values:
        totals = simulate(case, draws=draws.with_value(NAMES[path], value)).totals(False)
        stays.append(ranked(scores(totals, "mean", allowed), allowed)[0] == recommended)
    changes = [i for i in range(len(values) - 1) if stays[i] != stays[i + 1]]
    if not changes:
        return None
    i = min(changes, key=lambda k: min(abs(values[k] - current), abs(values[k + 1] - current)))
    return float(values[i]), float(values[i + 1]), stays[i]


@pytest.mark.parametrize("preset", ["erp-manufacturer", "muddle-defensible", "strong-claim-stop"])
def test_break_even_matches_a_brute_force_scan(preset):
    case = load_preset(preset)
    draws = draw(case, 1_500, 7)
    allowed = triage(case).allowed
    recommended = ranked(scores(simulate(case, draws=draws).totals(False), "mean"), allowed)[0]
    flips = 0
    for path in BREAK_EVEN_INPUTS:
        item = break_even(case, draws, path, recommended, allowed)
        scan = _brute_force(case, draws, path, recommended, allowed)
        if scan is None:
            assert item.value is None, path
            continue
        flips += 1
        below, above, stays_below = scan
        assert item.stays_while == ("below" if stays_below else "above"), path
        if path.endswith("_months"):
            assert item.value == (above if stays_below else below), path  # the first month that flips
        else:
            half_width = BISECTION_TOLERANCE * (item.search_high - item.search_low) / 2
            assert below - half_width <= item.value <= above + half_width, path
    assert flips >= 1  # every one of these presets has a flip to check


# --- tornado ---------------------------------------------------------------------------------


def test_tornado_is_ordered_by_how_much_each_input_moves_the_gap():
    case = load_preset("erp-manufacturer")
    analysis = analyse(case, iterations=2_000)
    swings = [bar.swing for bar in analysis.tornado]
    assert swings == sorted(swings, reverse=True)
    assert swings[0] > 0
    for bar in analysis.tornado:
        assert bar.low_gap == bar.low[analysis.runner_up] - bar.low[analysis.recommended]
        assert bar.high_gap == bar.high[analysis.runner_up] - bar.high[analysis.recommended]
        assert bar.swing == abs(bar.high_gap - bar.low_gap)
    expected = {p for p in client_inputs(case) if not case_estimate(case, p).is_fixed} | set(SETTINGS)
    assert {bar.input for bar in analysis.tornado} == expected


def test_tornado_inputs_that_do_not_touch_the_two_strategies_do_not_move_the_gap():
    # In the municipality case solving is excluded: switch and stop do not depend on solve.* inputs,
    # and with common random numbers their costs are then exactly unchanged.
    case = load_preset("municipality-broken-relationship")
    draws = draw(case, 2_000, 1)
    base = scores(simulate(case, draws=draws).totals(False), "mean")
    bars = tornado(case, draws, "switch", "stop")
    solve_bars = [bar for bar in bars if bar.input.startswith("solve.")]
    assert solve_bars
    for bar in solve_bars:
        assert bar.swing == 0
        assert (bar.low["switch"], bar.low["stop"]) == (base["switch"], base["stop"])
    first_zero = min(i for i, bar in enumerate(bars) if bar.swing == 0)
    assert all(bar.swing == 0 for bar in bars[first_zero:])


def test_tornado_fixes_the_input_at_its_low_and_high_estimate():
    case = make_case({"current.dysfunction_cost_per_month": {"low": 5_000, "mode": 10_000, "high": 20_000}})
    bars = tornado(case, draw(case, 100, 1), "solve", "switch")
    # The one uncertain input, and the two settings (the horizon, the discount rate).
    assert {bar.input for bar in bars} == {"current.dysfunction_cost_per_month", *SETTINGS}
    (bar,) = [bar for bar in bars if bar.input == "current.dysfunction_cost_per_month"]
    assert (bar.low_value, bar.high_value) == (5_000, 20_000)
    # muddle = 24 (D + 2,000); solve = 7.2 D + 108,000 (everything else is fixed)
    assert bar.low["muddle"] == pytest.approx(24 * 7_000)
    assert bar.high["solve"] == pytest.approx(7.2 * 20_000 + 108_000)


# --- value of information, regret, risk ---------------------------------------------------------


def test_evpi_and_regret_worked_by_hand():
    totals = {"a": np.array([1.0, 5.0]), "b": np.array([3.0, 2.0])}
    # means 3 and 2.5; per-iteration minimum 1 and 2, mean 1.5
    assert evpi(totals, ("a", "b")) == 1.0
    assert regret(totals, ("a", "b")) == {"a": 1.5, "b": 1.0}
    # knowing x (one value per iteration) is knowing everything here; a constant tells nothing
    assert evppi(totals, ("a", "b"), np.array([0.0, 1.0])) == 1.0
    assert evppi(totals, ("a", "b"), np.array([4.0, 4.0])) == 0.0


def test_evpi_is_exactly_zero_when_one_strategy_is_best_in_every_iteration():
    # Uncertain dysfunction and programme cost, yet solving is the cheapest in every iteration:
    # solve = 7.2 D + 78,000 + P/2 < muddle = 24 D + 48,000 for D >= 5,000, P <= 90,000.
    case = make_case(
        {
            "current.dysfunction_cost_per_month": {"low": 5_000, "mode": 10_000, "high": 20_000},
            "solve.programme_cost": {"low": 30_000, "mode": 60_000, "high": 90_000},
        }
    )
    analysis = analyse(case, iterations=5_000)
    assert evaluate(case, 5_000).strategies["solve"].p_best == 1.0
    assert analysis.evpi == 0.0
    assert all(item.amount == 0.0 for item in analysis.evppi)
    assert analysis.risk.regret["solve"] == 0.0


@pytest.mark.parametrize("preset", preset_ids())
def test_evpi_is_positive_or_zero_and_bounds_every_evppi(preset):
    analysis = analyse(load_preset(preset), iterations=3_000)
    assert analysis.evpi >= 0
    assert min(analysis.risk.regret.values()) == pytest.approx(analysis.evpi)
    for item in analysis.evppi:
        assert 0 <= item.amount <= analysis.evpi + 1e-6


def test_knowing_whether_solving_succeeds_is_worth_most_in_the_example():
    analysis = analyse(load_preset("erp-manufacturer"), iterations=5_000)
    top = analysis.evppi[0]
    assert (top.input, top.research) == ("solve.outcome", "code_audit")
    assert 0 < top.amount < analysis.evpi


def test_exceedance_and_s_curve():
    risk = Risk({"a": np.array([1.0, 2.0, 3.0, 4.0])}, {"a": 0.0})
    assert risk.exceedance(2.0) == {"a": 0.5}
    assert risk.exceedance(0.0) == {"a": 1.0}
    assert risk.exceedance(4.0) == {"a": 0.0}
    costs, shares = risk.s_curve(points=3)["a"]
    assert list(costs) == [1.0, 2.5, 4.0] and list(shares) == [0.0, 0.5, 1.0]


@pytest.mark.parametrize("preset", preset_ids())
@pytest.mark.parametrize("basis", ["mean", "p90"])
def test_the_analysis_recommends_what_the_evaluation_recommends(preset, basis):
    case = load_preset(preset)
    analysis = analyse(case, iterations=2_000, basis=basis)
    recommendation = evaluate(case, 2_000, basis=basis).recommendation
    assert (analysis.recommended, analysis.runner_up) == (recommendation.strategy, recommendation.runner_up)


# --- command line ------------------------------------------------------------------------------


def test_cli_json_has_the_contract_keys(capsys):
    assert main(["sensitivity", str(DATA_DIR / "erp-manufacturer.json"), "--iterations", "2000"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"tornado", "break_even", "evpi", "evppi"} <= set(out)
    for bar in out["tornado"]:
        assert {"input", "low_value", "high_value", "low_means", "high_means"} <= set(bar)
        assert set(bar["low_means"]) == set(bar["high_means"]) == {"muddle", "switch", "stop", "solve"}
    assert [item["input"] for item in out["break_even"]] != []
    for item in out["break_even"]:
        assert {"input", "value", "from", "to"} <= set(item)
    # The key inputs and the settings always; any other input only because its range moves the advice.
    searched = {item["input"] for item in out["break_even"]}
    moving = {bar["input"] for bar in out["tornado"] if bar["moves"]}
    assert searched == set(ALWAYS_SEARCHED) | moving
    assert isinstance(out["evpi"], float) and out["evpi"] >= 0
    assert all(isinstance(v, float) for v in out["evppi"].values())


def test_cli_text_says_the_break_even_in_words(capsys):
    path = str(DATA_DIR / "strong-claim-stop.json")
    assert main(["sensitivity", path, "--iterations", "2000", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Stop and sue stays the best choice as long as the chance of winning in court is above" in out


def test_cli_rejects_an_invalid_case(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text("{}")
    assert main(["sensitivity", str(path)]) == 2
    assert capsys.readouterr().err


# --- the triage answers as inputs --------------------------------------------------------------


def test_the_triage_answers_are_inputs_that_can_change_the_choice():
    # Hand-worked base: solve (180,000) beats switch (278,000); each recognition score at 2 rules it out.
    analysis = analyse(make_case(), 200, 1)
    switches = {s.question: s for s in analysis.triage_switches}
    assert set(switches) == {"client_recognises_supplier", "supplier_values_client"}
    for switch in switches.values():
        assert (switch.now, switch.then, switch.opens, switch.advice) == (4, 2, False, "solve")
        assert switch.strategy == ranked(analysis.base, ("muddle", "switch", "stop"))[0]
    # A supplier's regard of 2 rules solve out; at 3 or more it is allowed again and the advice.
    excluded = analyse(make_case({"triage.supplier_values_client": 2}), 200, 1)
    (reopen,) = [s for s in excluded.triage_switches if s.question == "supplier_values_client"]
    assert (reopen.now, reopen.then, reopen.opens, reopen.strategy) == (2, 3, True, "solve")
    # A weekly board item rules out muddling on; that changes nothing while muddling on is dearer anyway.
    board = analyse(make_case({"triage.weekly_board_agenda": True}), 200, 1)
    assert "weekly_board_agenda" not in {s.question for s in board.triage_switches}


def test_the_triage_answers_stay_out_of_the_json_contract(capsys):
    main(["sensitivity", str(DATA_DIR / "erp-manufacturer.json"), "--iterations", "300"])
    data = json.loads(capsys.readouterr().out)
    assert "triage_switches" not in data
    assert analyse(load_preset("erp-manufacturer"), 300, 1).triage_switches  # but the analysis has them


# --- the horizon and the discount rate (issue 14) ------------------------------------------------


def test_the_settings_swing_from_half_to_one_and_a_half_the_horizon_and_4_points_either_side_of_the_rate():
    assert setting_range(make_case(), "horizon_months") == (12, 36)  # 24 x 0.5, 24 x 1.5
    assert setting_range(make_case(), "discount_rate") == (0.0, 0.04)  # 0 - 4 points is clamped at 0
    erp = load_preset("erp-manufacturer")  # 60 months at 6%
    assert setting_range(erp, "horizon_months") == (30, 90)
    assert setting_range(erp, "discount_rate") == (0.02, 0.1)
    long = make_case({"horizon_months": 100})
    assert setting_range(long, "horizon_months") == (50, 120)  # 150 is clamped at the limit of 120


def test_a_longer_horizon_shrinks_the_advantage_of_solving_over_switching():
    # After the fix solving costs 0.2 D + R = 4,000 a month and the new system 0.1 D + R_n = 2,000:
    # every extra month counts 2,000 against solving. In thousands, switch - solve = (242 + 2 (H - 6))
    # - (84 + 4 H) = 146 - 2 H: 122 at 12 months, 74 at 36 months. Muddling on costs 12 H.
    (bar,) = [bar for bar in analyse(make_case(), 200, 1).tornado if bar.input == "horizon_months"]
    assert (bar.low_value, bar.high_value) == (12, 36)
    assert (bar.low_gap, bar.high_gap) == pytest.approx((122_000, 74_000))
    assert bar.low["muddle"] == pytest.approx(144_000) and bar.high["solve"] == pytest.approx(228_000)
    assert bar.swing == pytest.approx(48_000) and not bar.moves


def test_a_higher_discount_rate_widens_the_advantage_of_solving():
    # Switch minus solve, month by month (thousands): the exit of 50 in month 0, 32 - 4 = 28 in months
    # 3-5 (solving is done, switching still pays the implementation) and 2 - 4 = -2 in months 6-23.
    # Discounting weighs the late months least, so the advantage grows from 98 at 0% with the rate.
    (bar,) = [bar for bar in analyse(make_case(), 200, 1).tornado if bar.input == "discount_rate"]
    v = 1.04 ** (-(np.arange(24) + 1) / 12)
    expected = 50_000 * v[0] + 28_000 * v[3:6].sum() - 2_000 * v[6:24].sum()
    assert (bar.low_value, bar.high_value) == (0.0, 0.04)
    assert bar.low_gap == pytest.approx(98_000)
    assert bar.high_gap == pytest.approx(expected)
    assert bar.high_gap > bar.low_gap


def test_another_horizon_is_simulated_on_the_same_draws():
    # The incident months are drawn again from the same stream up to the new horizon: the totals are
    # those of the case with that horizon, sampled afresh with the same seed.
    case = load_preset("erp-manufacturer")
    draws = draw(case, 500, 3)
    own = fixed_simulation(case, draws, "horizon_months", case.horizon_months).totals(False)
    base = simulate(case, draws=draws).totals(False)
    assert all(np.array_equal(own[s], base[s]) for s in base)
    longer = case.model_copy(update={"horizon_months": 90})
    fixed = fixed_simulation(case, draws, "horizon_months", 90).totals(False)
    direct = simulate(longer, draws=draw(longer, 500, 3)).totals(False)
    assert all(np.array_equal(fixed[s], direct[s]) for s in direct)


def test_break_even_of_the_horizon_is_where_switching_overtakes_solving():
    # With K = 121 (thousands): switch = 231 + 2 H against solve = 84 + 4 H, equal at H = 73.5:
    # at 73 months solving is cheaper (376 < 377), at 74 switching (379 < 380).
    case = make_case({"stop.replacement_cost": 121_000})
    item = break_even(case, draw(case, 200, 1), "horizon_months", "solve", triage(case).allowed)
    assert (item.from_strategy, item.to_strategy, item.stays_while) == ("solve", "switch", "below")
    assert (item.value, item.current, item.search_low, item.search_high) == (74, 24, 12, 120)
    assert item.share_beyond == 0.0 and item.setting  # a setting is not drawn


# A small case in which some inputs move the advice within their range and one changes nothing.
# Means (thousands): P = (40 + 4 x 60 + 300) / 6 = 96.7, I = (20 + 4 x 30 + 150) / 6 = 48.3; solve
# = 36 + P / 2 + I + 84 = 216.7 against switch 278: solving is advised. At P = 300 or I = 150 solving
# costs some 318 (switching wins); the legal fees only move stopping, which is neither of the two.
MOVING = {
    "solve.programme_cost": {"low": 40_000, "mode": 60_000, "high": 300_000},
    "solve.internal_cost": {"low": 20_000, "mode": 30_000, "high": 150_000},
    "stop.exit_cost": {"low": 40_000, "mode": 50_000, "high": 60_000},
    "legal.fees_per_year": {"low": 30_000, "mode": 60_000, "high": 90_000},
}


def test_break_even_is_found_for_every_input_that_moves_the_advice_as_a_brute_force_scan_finds():
    case = make_case(MOVING)
    analysis = analyse(case, 1_000, 5)
    draws = draw(case, 1_000, 5)
    allowed = triage(case).allowed

    def best(path, value):
        return ranked(scores(fixed_simulation(case, draws, path, value).totals(False), "mean"), allowed)[0]

    # Brute force: the advice at both ends of every bar, simulated directly.
    moving = {
        bar.input
        for bar in analysis.tornado
        if {best(bar.input, bar.low_value), best(bar.input, bar.high_value)} != {analysis.recommended}
    }
    assert {"solve.programme_cost", "solve.internal_cost", "horizon_months"} <= moving
    assert moving == {bar.input for bar in analysis.tornado if bar.moves}
    found = {item.input: item for item in analysis.break_even}
    assert set(found) == set(ALWAYS_SEARCHED) | moving
    for path in moving - set(ALWAYS_SEARCHED):
        item = found[path]
        bar = next(bar for bar in analysis.tornado if bar.input == path)
        assert (item.search_low, item.search_high) == (bar.low_value, bar.high_value)  # within its estimate
        values = np.linspace(bar.low_value, bar.high_value, 81)
        stays = [best(path, v) == analysis.recommended for v in values]
        (k,) = [k for k in range(len(values) - 1) if stays[k] != stays[k + 1]]
        half_width = BISECTION_TOLERANCE * (bar.high_value - bar.low_value) / 2
        assert values[k] - half_width <= item.value <= values[k + 1] + half_width, path
        assert (item.stays_while, item.to_strategy) == ("below", "switch")
    horizon = found["horizon_months"]  # muddling on wins over a short horizon: 12 H < 84 + 4 H + 12.7
    assert (horizon.to_strategy, horizon.stays_while) == ("muddle", "above")
    assert best("horizon_months", horizon.value) == "muddle" and best("horizon_months", horizon.value + 1) == "solve"


def test_inputs_without_influence_are_listed_apart_in_both_languages():
    analysis = analyse(make_case(MOVING), 300, 1)
    # The legal fees change only the cost of stopping, neither the advice nor the runner-up.
    assert analysis.no_influence == ("legal.fees_per_year",)
    assert "legal.fees_per_year" not in {bar.input for bar in analysis.drawn_bars}
    assert "stop.exit_cost" in {bar.input for bar in analysis.drawn_bars}  # it moves switching: a swing
    assert say_no_influence(analysis.no_influence, "en") == "No influence within their range: the yearly legal costs."
    assert (
        say_no_influence(("legal.fees_per_year", "horizon_months"), "nl")
        == "Geen invloed binnen hun bandbreedte: de juridische kosten per jaar en de horizon."
    )
    assert say_no_influence((), "nl") is None
    assert analysis.contract()["no_influence"] == ["legal.fees_per_year"]


# --- the basis of the recommendation (MODEL.md 7.7) ------------------------------------------------

# Solving with fallback muddle and a 70% chance: 180 (thousands) on success, 348 on failure; switching 278.
# Mean 348 - 168 x 0.6985 (the share of the 10,000 draws that succeed) = 230.65: solve. P90: 348 (3 in 10
# fail): switch. Certainty equivalent rho ln(0.7 e^(180/rho) + 0.3 e^(348/rho)): 264 at rho = 100 (solve),
# 292 at rho = 50 (switch).
GAMBLE = {"solve.p_success": 0.7}


@pytest.mark.parametrize(
    ("preferences", "advice", "solve_score"),
    [
        ({}, "solve", 230_652),
        ({"preferences.basis": "p90"}, "switch", 348_000),
        ({"preferences.basis": "certainty_equivalent", "preferences.risk_tolerance": 100_000}, "solve", 263_993),
        ({"preferences.basis": "certainty_equivalent", "preferences.risk_tolerance": 50_000}, "switch", 291_921),
    ],
)
def test_the_case_s_basis_moves_the_advice_where_mean_and_p90_disagree(preferences, advice, solve_score):
    case = make_case({**GAMBLE, **preferences})
    analysis = analyse(case, 10_000, 1)
    assert analysis.recommended == advice
    assert analysis.base["solve"] == pytest.approx(solve_score, abs=1)
    assert analysis.base["switch"] == 278_000
    assert evaluate(case, 10_000, 1).recommendation.strategy == advice  # the evaluation reads the same basis
    assert analyse(case, 2_000, 1, basis="mean").recommended == "solve"  # an explicit basis overrides it


def test_the_certainty_equivalent_needs_a_risk_tolerance():
    with pytest.raises(ValueError, match="risk tolerance"):
        analyse(make_case(GAMBLE), 200, 1, basis="certainty_equivalent")
    assert (
        analyse(make_case(GAMBLE), 2_000, 1, basis="certainty_equivalent", risk_tolerance=50_000).recommended
        == "switch"
    )


def test_cli_follows_the_case_s_basis_unless_overridden(tmp_path, capsys):
    from tests.decision.builders import case_dict

    path = tmp_path / "gamble.json"
    path.write_text(json.dumps(case_dict({**GAMBLE, "preferences.basis": "p90"})))
    assert main(["sensitivity", str(path), "--iterations", "2000"]) == 0
    assert json.loads(capsys.readouterr().out)["recommended"] == "switch"
    assert main(["sensitivity", str(path), "--iterations", "2000", "--basis", "mean"]) == 0
    assert json.loads(capsys.readouterr().out)["recommended"] == "solve"
    args = ["sensitivity", str(path), "--iterations", "2000", "--basis", "certainty_equivalent"]
    assert main(args) == 2
    assert "--risk-tolerance" in capsys.readouterr().err
    assert main([*args, "--risk-tolerance", "100000", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Horizon (months)" in out  # the settings are in the tornado


def test_the_memo_s_sensitivity_follows_the_stored_basis_and_names_the_settings():
    from decision.report.memo import sensitivity_section
    from decision.text.i18n import Translator

    case = make_case({**GAMBLE, "preferences.basis": "p90"})
    evaluation = evaluate(case, 2_000, 1)
    section = sensitivity_section(case, evaluation, Translator("en"))
    assert evaluation.recommendation.strategy == "switch"
    # On the P90: switch 278,000, muddle 288,000 (certain), solve 348,000 (3 in 10 fail).
    assert "how much cheaper Stop and take the loss then is than the runner-up, Muddle on" in section.intro
    assert section.table is not None
    assert "Horizon (months)" in [row[0] for row in section.table.rows]
