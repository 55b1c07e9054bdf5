"""MODEL.md section 7 (version 2), worked out by hand on the base case of builders.py.

The base case (H = 24, r = 0, g = 0, no incidents): D = 10,000 and R = 2,000 a month; a replacement
costs E = 50,000 to leave and K = 120,000 over T_r = 6 months, then R_n = 1,000 and rho_n = 0.1;
the lawsuit costs F = 5,000 a month for T_l = 12 months, the claim is 500,000 capped at 300,000,
f = 0.5, A = 10,000, Q = 80,000 and p_win = 0; solving costs (s P + I) / T_s = 20,000 a month for
T_s = 3 months. With r = 0 every discount factor is 1, so each cost is a count of months times a
monthly amount. v1 gives: switch 278,000 (60,000 + 18,000 + 12,000 + 18,000 + 120,000 + 50,000)
and stop 418,000 (switch + 60,000 fees + 80,000 counterclaim).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from decision.engine.results import certainty_equivalent, evaluate, recommend, summarise
from decision.engine.simulation import simulate
from decision.model.problems import CaseError
from decision.model.triage import TriageOutcome
from tests.decision.builders import make_case


def means(changes: dict, iterations: int = 20) -> dict[str, float]:
    simulation = simulate(make_case(changes), iterations, seed=1)
    return {s: float(v.mean()) for s, v in simulation.totals().items()}


def decent(changes: dict, strategy: str) -> float:
    simulation = simulate(make_case(changes), 20, seed=1)
    return float(np.nanmean(simulation.months_to_decent[strategy])) if strategy else 0.0


def test_the_v1_base_numbers():
    got = means({})
    assert got["switch"] == pytest.approx(278_000)
    assert got["stop"] == pytest.approx(418_000)
    assert list(got) == ["muddle", "switch", "stop", "solve"]  # no partner, no exit deal


# --- 7.1 contract commitment ------------------------------------------------------------------


def test_commitment_beyond_go_live_keeps_paying_the_old_supplier():
    # C = 12: R is paid in months 0..11 instead of 0..5: 6 more months of 2,000 = 12,000.
    got = means({"contract.committed_months": 12})
    assert got["switch"] == pytest.approx(278_000 + 12_000)
    assert got["stop"] == pytest.approx(418_000 + 12_000)
    assert got["muddle"] == pytest.approx(means({})["muddle"])  # muddling on pays R anyway


def test_commitment_within_the_replacement_changes_nothing():
    assert means({"contract.committed_months": 5})["switch"] == pytest.approx(278_000)


def test_the_supplier_earns_its_margin_during_the_commitment():
    base = simulate(make_case(), 20, seed=1).supplier_value["switch"].mean()
    committed = simulate(make_case({"contract.committed_months": 12}), 20, seed=1).supplier_value["switch"].mean()
    assert committed - base == pytest.approx(6 * 0.15 * 2_000)  # margin 300 a month for 6 more months


# --- 7.2 the lawsuit ----------------------------------------------------------------------------


def test_settlement_before_judgment():
    # Settled after 4 months: fees 4 x 5,000 = 20,000; inflow 0.5 x 300,000 = 150,000 in month 3;
    # no cost award, no counterclaim: stop = 278,000 + 20,000 - 150,000 = 148,000.
    got = means({"legal.p_settle": 1, "legal.settle_months": 4, "legal.settle_fraction": 0.5})
    assert got["stop"] == pytest.approx(148_000)


def test_settlement_months_default_to_the_duration_of_the_procedure():
    # T_set = T_l = 12: fees 60,000, inflow 150,000: 278,000 - 90,000 = 188,000.
    assert means({"legal.p_settle": 1})["stop"] == pytest.approx(188_000)


def test_restitution_is_not_limited_by_the_cap():
    # Won: (min(500,000, 300,000) + 100,000) x 0.5 + 10,000 = 210,000; stop = 278,000 + 60,000 - 210,000.
    got = means({"legal.p_win": 1, "legal.restitution": 100_000})
    assert got["stop"] == pytest.approx(278_000 + 60_000 - 210_000)


def test_interest_on_the_award_and_on_the_counterclaim_not_on_the_cost_award():
    # i = 10% a year over T_l = 12 months: factor 1.1.
    # Won: 300,000 x 0.5 x 1.1 + 10,000 = 175,000 -> 278,000 + 60,000 - 175,000 = 163,000.
    assert means({"legal.p_win": 1, "legal.interest_rate": 0.1})["stop"] == pytest.approx(163_000)
    # Lost: 80,000 x 1.1 = 88,000 -> 278,000 + 60,000 + 88,000 = 426,000.
    assert means({"legal.p_win": 0, "legal.interest_rate": 0.1})["stop"] == pytest.approx(426_000)


def test_the_supplier_mirrors_the_settlement():
    # The supplier pays the 150,000 and its own fees (3,000 a month) for 4 months instead of 12.
    settled = {"legal.p_settle": 1, "legal.settle_months": 4}
    base = simulate(make_case(), 20, seed=1).supplier_value["stop"].mean()
    value = simulate(make_case(settled), 20, seed=1).supplier_value["stop"].mean()
    # v1 (lost): the supplier receives the 80,000 counterclaim and pays 12 x 3,000 = 36,000 in fees.
    assert value - base == pytest.approx((-150_000 - 4 * 3_000) - (80_000 - 36_000))


# --- 7.3 the gate and the tender -----------------------------------------------------------------

FAILING = {"solve.p_success": 0, "solve.fallback": "stop"}


def test_a_failing_attempt_without_a_gate_runs_its_months():
    # Attempt 3 months: 60,000 programme + 30,000 dysfunction + 6,000 running = 96,000; then switch from
    # month 3 (dysfunction 60,000, live at 9, residual 0.1 x 10,000 x 15 = 15,000, R 12,000, R_n 15,000,
    # K 120,000, E 50,000) and the lawsuit (60,000 fees + 80,000 counterclaim): 508,000.
    assert means(FAILING)["solve"] == pytest.approx(508_000)


def test_a_gate_that_stops_a_failing_attempt():
    # Stopped at G = 1: 20,000 + 10,000 + 2,000 = 32,000; switch from month 1: dysfunction 60,000,
    # live at 7, residual 17,000, R 12,000, R_n 17,000, K 120,000, E 50,000; lawsuit 140,000: 448,000.
    got = means({**FAILING, "solve.gate_months": 1, "solve.gate_detection": 1})
    assert got["solve"] == pytest.approx(448_000)
    assert decent({**FAILING, "solve.gate_months": 1}, "solve") == pytest.approx(1 + 6)


def test_a_gate_that_misses_changes_nothing():
    assert means({**FAILING, "solve.gate_months": 1, "solve.gate_detection": 0})["solve"] == pytest.approx(508_000)


@pytest.mark.parametrize("gate", [3, 5, None])
def test_a_gate_at_or_after_the_attempts_end_gives_the_v1_numbers(gate):
    case = make_case({**FAILING, "solve.p_success": 0.5, "solve.gate_months": gate})
    v1 = make_case({**FAILING, "solve.p_success": 0.5})
    assert (
        simulate(case, 500, seed=3).totals()["solve"].tolist() == simulate(v1, 500, seed=3).totals()["solve"].tolist()
    )


def test_a_gate_does_not_touch_a_success():
    assert means({"solve.gate_months": 1})["solve"] == pytest.approx(means({})["solve"])


def test_a_tender_that_shortens_the_fallback():
    # Tender 30,000 over the 3 months (category replacement); the fallback replacement takes 6 - 2 = 4
    # months: dysfunction 40,000, live at 7, residual 17,000, R 8,000, R_n 17,000, K 120,000, E 50,000,
    # lawsuit 140,000; with the attempt's 96,000: 96,000 + 30,000 + 392,000 = 518,000.
    changes = {**FAILING, "solve.tender_cost": 30_000, "solve.tender_saves_months": 2}
    assert means(changes)["solve"] == pytest.approx(518_000)
    assert decent(changes, "solve") == pytest.approx(3 + 4)


# --- 7.6 a frozen residual ----------------------------------------------------------------------


def test_a_frozen_residual_stays_at_its_level_at_the_fix():
    # g = 21% a year; solve succeeds at T_s = 3; residual rho_s = 0.2 over months 3..23.
    g = 0.21
    growing = sum(0.2 * 10_000 * (1 + g) ** (t / 12) for t in range(3, 24))
    frozen = 0.2 * 10_000 * (1 + g) ** (3 / 12) * 21
    attempt = 60_000 + sum(10_000 * (1 + g) ** (t / 12) for t in range(3)) + 3 * 2_000 + 21 * 2_000
    assert means({"current.dysfunction_growth_per_year": g})["solve"] == pytest.approx(attempt + growing)
    frozen_case = {"current.dysfunction_growth_per_year": g, "current.residual_grows": False}
    assert means(frozen_case)["solve"] == pytest.approx(attempt + frozen)


# --- 7.4 another implementation partner ----------------------------------------------------------

PARTNER = {
    "partner": {
        "exit_cost": 20_000,
        "transition_cost": 60_000,
        "transition_months": 4,
        "p_success": 1,
        "residual_dysfunction": 0.1,
        "running_cost_per_month": 1_500,
    }
}


def partner(**changes: object) -> dict:
    return {"partner": {**PARTNER["partner"], **changes}}


def test_partner_success():
    # Months 0..3: dysfunction 40,000, R 8,000, K_p 60,000, E_p 20,000 = 128,000; from month 4:
    # residual 0.1 x 10,000 x 20 = 20,000 and R_p 1,500 x 20 = 30,000: 178,000.
    assert means(PARTNER)["partner"] == pytest.approx(178_000)
    assert decent(PARTNER, "partner") == pytest.approx(4)


@pytest.mark.parametrize(
    ("fallback", "expected", "months"),
    [
        # switch from month 4 with R_p until go-live: dysfunction 60,000, residual 14,000, R_p 9,000,
        # R_n 14,000, K 120,000, E 50,000 = 267,000 on top of 128,000.
        ("switch", 128_000 + 267_000, 10),
        ("stop", 128_000 + 267_000 + 140_000, 10),  # and the lawsuit against the original supplier
        ("muddle", 128_000 + 200_000 + 30_000, math.nan),  # dysfunction and R_p for 20 months
    ],
)
def test_partner_failure_for_each_fallback(fallback, expected, months):
    changes = partner(p_success=0, fallback=fallback)
    assert means(changes)["partner"] == pytest.approx(expected)
    if math.isnan(months):
        assert np.isnan(simulate(make_case(changes), 20, seed=1).months_to_decent["partner"]).all()
    else:
        assert decent(changes, "partner") == pytest.approx(months)


def test_the_running_cost_of_a_partner_defaults_to_R():
    changes = partner(running_cost_per_month=None)
    assert means(changes)["partner"] == pytest.approx(178_000 + 20 * (2_000 - 1_500))


def test_the_partner_is_always_allowed():
    case = make_case({**PARTNER, "triage.weekly_board_agenda": True, "triage.client_recognises_supplier": 1})
    result = evaluate(case, 50, 1)
    assert "partner" in result.recommendation.allowed
    assert "solve" not in result.recommendation.allowed


# --- 7.5 an orderly exit agreed with the supplier ------------------------------------------------

EXIT = {
    "exit_deal": {
        "p_agree": 1,
        "negotiation_months": 2,
        "negotiation_cost": 10_000,
        "settlement": 50_000,
        "replacement_saving": 20_000,
        "months_saved": 2,
        "fallback": "stop",
    }
}


def exit_deal(**changes: object) -> dict:
    return {"exit_deal": {**EXIT["exit_deal"], **changes}}


def test_an_exit_deal_agreed():
    # Months 0..1: dysfunction 20,000, R 4,000, fees 10,000; S = 50,000 back in month 1; switch from
    # month 2 with K - saving = 100,000 over 6 - 2 = 4 months: dysfunction 40,000, residual 18,000,
    # R 8,000, R_n 18,000, E 50,000: 34,000 - 50,000 + 234,000 = 218,000.
    assert means(EXIT)["exit_deal"] == pytest.approx(218_000)
    assert decent(EXIT, "exit_deal") == pytest.approx(6)


@pytest.mark.parametrize(("fallback", "expected"), [("stop", 448_000), ("switch", 308_000)])
def test_an_exit_deal_not_agreed_for_each_fallback(fallback, expected):
    # 34,000 while negotiating; then the full switch from month 2 (dysfunction 60,000, residual 16,000,
    # R 12,000, R_n 16,000, K 120,000, E 50,000 = 274,000) and, for stop, the lawsuit (140,000).
    changes = exit_deal(p_agree=0, fallback=fallback)
    assert means(changes)["exit_deal"] == pytest.approx(expected)
    assert decent(changes, "exit_deal") == pytest.approx(2 + 6)


def test_the_exit_deal_is_never_the_batna_and_its_settlement_range():
    result = evaluate(make_case(EXIT), 50, 1)
    assert result.zopa.client_batna != "exit_deal"
    zone = result.zopa.exit_deal
    assert zone is not None
    # The client gains one euro per euro of S (r = 0); so does the supplier lose one.
    assert zone.slope == pytest.approx(1.0)
    if zone.settlement_min is not None:
        assert 0 <= zone.settlement_min <= zone.settlement_max
        assert zone.client_gain_at_zero + zone.slope * zone.settlement_min == pytest.approx(0, abs=1e-6) or (
            zone.settlement_min == 0
        )


def test_no_exit_deal_zone_without_the_group():
    assert evaluate(make_case(), 50, 1).zopa.exit_deal is None


# --- 7.7 the recommendation -----------------------------------------------------------------------


def test_the_certainty_equivalent_of_a_two_point_distribution():
    # Costs 0 or 100 with equal chance, rho = 100: CE = 100 ln((e^0 + e^1) / 2) = 62.011...
    assert certainty_equivalent(np.array([0.0, 100.0]), 100.0) == pytest.approx(100 * math.log((1 + math.e) / 2))
    # Far above the costs the certainty equivalent is the mean; it never overflows.
    assert certainty_equivalent(np.array([0.0, 100.0]), 1e9) == pytest.approx(50.0, rel=1e-6)
    assert certainty_equivalent(np.array([1e9, 2e9]), 1.0) == pytest.approx(2e9)


def test_the_certainty_equivalent_needs_a_risk_tolerance():
    with pytest.raises(CaseError) as raised:
        make_case({"preferences": {"basis": "certainty_equivalent"}})
    assert raised.value.problems == [
        "preferences: the certainty equivalent needs a risk tolerance (risk_tolerance) in euros above 0"
    ]
    case = make_case({"preferences": {"basis": "certainty_equivalent", "risk_tolerance": 1_000_000}})
    assert evaluate(case, 200, 1).recommendation.basis == "certainty_equivalent"


def result(mean: float, p90: float, p_best_allowed: float):
    from decision.engine.results import StrategyResult

    return StrategyResult(mean, mean, mean, p90, p_best_allowed, None, 0.0, {}, (), 1.0, p_best_allowed)


def test_warnings_worst_p90_and_less_than_half():
    # The hospital-like case: the cheapest on average has the worst bad case and wins in 40% of futures.
    strategies = {"switch": result(100, 900, 0.4), "stop": result(120, 300, 0.6)}
    advice = recommend(strategies, TriageOutcome(("switch", "stop"), ()))
    assert advice.strategy == "switch"
    assert advice.warnings == ("worst_p90", "less_than_half")
    assert advice.margin == pytest.approx(20)


def test_a_close_call_on_the_mean_basis():
    rng = np.random.default_rng(1)
    totals = {"switch": rng.normal(100, 50, 1_000)}
    totals["stop"] = totals["switch"] + rng.normal(1, 50, 1_000)  # a difference of about 1 with se about 1.6
    strategies = {
        "switch": result(float(totals["switch"].mean()), 0, 0.5),
        "stop": result(float(totals["stop"].mean()), 0, 0.5),
    }
    advice = recommend(strategies, TriageOutcome(("switch", "stop"), ()), "mean", totals)
    assert advice.se_margin == pytest.approx(float((totals["stop"] - totals["switch"]).std() / np.sqrt(1_000)))
    assert advice.close_call is (advice.margin < 2 * advice.se_margin)
    assert ("close_call" in advice.warnings) is advice.close_call


def test_the_supplier_at_a_loss_is_a_warning_when_solve_is_recommended():
    strategies = {"solve": result(100, 100, 1.0), "stop": result(200, 200, 0.0)}
    advice = recommend(strategies, TriageOutcome(("solve", "stop"), ()), supplier_solve_value=-1.0)
    assert "supplier_at_loss" in advice.warnings
    advice = recommend(strategies, TriageOutcome(("solve", "stop"), ()), supplier_solve_value=1.0)
    assert "supplier_at_loss" not in advice.warnings


def test_p_best_allowed_is_zero_for_a_ruled_out_strategy_and_adds_up_to_one():
    case = make_case({"triage.weekly_board_agenda": True})
    simulation = simulate(case, 500, seed=1)
    results = summarise(simulation, False, ("switch", "stop", "solve"))
    assert results["muddle"].p_best_allowed == 0.0
    assert sum(r.p_best_allowed for r in results.values()) == pytest.approx(1.0)
    assert sum(r.p_best for r in results.values()) == pytest.approx(1.0)
    total = simulation.totals()["solve"]
    assert results["solve"].se == pytest.approx(total.std() / math.sqrt(500))


def test_the_zone_takes_the_cheapest_allowed_batna():
    # Muddling on is ruled out by an acute case; the BATNA is then switch or stop, never muddle.
    case = make_case({"triage.weekly_board_agenda": True, "current.dysfunction_cost_per_month": 100})
    result = evaluate(case, 50, 1)
    assert result.zopa.client_batna in result.recommendation.allowed
    assert result.zopa.client_batna != "muddle"


def test_the_criterion_share_from_the_repair_share():
    result = evaluate(make_case({"solve.repair_share": 0.7}), 50, 1)
    assert result.zopa.criterion_share == pytest.approx(0.3)
    assert result.zopa.criterion_in_zone == (
        result.zopa.client_share_min is not None and result.zopa.client_share_min <= 0.3 <= result.zopa.client_share_max
    )
    assert evaluate(make_case(), 50, 1).zopa.criterion_in_zone is None
