"""MODEL.md section 3 by hand: fixed inputs, probabilities 0 or 1, arithmetic written out.

The base case is described in ``builders.py``: H = 24, r = 0, D = 10,000,
R = 2,000, E = 50,000, K = 120,000 over T_r = 6, R_n = 1,000, rho_n = 0.1,
legal fees 5,000 a month for T_l = 12, award min(500k, 300k) x 0.5 + 10k =
160,000, counterclaim 80,000, solve (0.5 x 60,000 + 30,000) over T_s = 3,
rho_s = 0.2, W = 100,000. The end of the module checks ``simulate`` against
the month-by-month loop of ``reference.py`` per iteration.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from decision.engine.simulation import (
    CATEGORIES,
    cumulative_costs,
    draw,
    incident_months,
    sample_estimate,
    simulate,
)
from decision.model.case import Estimate
from decision.model.loader import parse_case
from decision.model.presets import load_preset, preset_ids
from tests.decision import reference
from tests.decision.builders import make_case

ZERO = dict.fromkeys(CATEGORIES, 0.0)


def run(changes: dict | None = None, book_view: bool = False, iterations: int = 4) -> dict:
    """Per strategy: total, breakdown and months_to_decent of a case whose iterations are all alike."""
    simulation = simulate(make_case(changes), iterations, seed=7)
    totals = simulation.totals(book_view)
    out = {}
    for strategy, costs in simulation.costs.items():
        assert np.ptp(totals[strategy]) == pytest.approx(0.0, abs=1e-9), "fixed inputs must not vary"
        months = simulation.months_to_decent[strategy]
        out[strategy] = {
            "total": float(totals[strategy][0]),
            # the simulation keeps the write-off in every view; the decision view leaves it out
            "breakdown": {c: float(v[0]) if book_view or c != "write_off" else 0.0 for c, v in costs.parts.items()},
            "months": None if np.isnan(months[0]) else float(months[0]),
            "supplier": float(simulation.supplier_value[strategy][0]),
        }
    return out


def assert_breakdown(actual: dict[str, float], **expected: float) -> None:
    """Every category equals the expected value (zero when not named), to the cent."""
    want = {**ZERO, **expected}
    for category in CATEGORIES:
        assert actual[category] == pytest.approx(want[category], abs=0.005), category


class TestMuddle:
    def test_every_month_dysfunction_plus_running(self):
        result = run()["muddle"]
        # 24 x (10,000 + 2,000) = 288,000
        assert result["total"] == pytest.approx(24 * (10_000 + 2_000), abs=0.005) == 288_000
        assert_breakdown(result["breakdown"], dysfunction=24 * 10_000, running=24 * 2_000)
        assert result["months"] is None

    def test_incident_every_month_when_p_inc_is_one(self):
        # p_inc = 1 gives q = 1 - 0^(1/12) = 1: an incident of 5,000 in each of 24 months.
        result = run({"current.incident_probability_per_year": 1})["muddle"]
        assert_breakdown(result["breakdown"], dysfunction=240_000, running=48_000, incidents=24 * 5_000)
        assert result["total"] == pytest.approx(288_000 + 120_000, abs=0.005)

    def test_growth_compounds_per_month(self):
        # g = 0.21: D_t = 10,000 x 1.21^(t/12) = 10,000 a^t with a = 1.1^(1/6);
        # the sum over t = 0..23 is 10,000 (a^24 - 1)/(a - 1) = 10,000 (1.21^2 - 1)/(a - 1).
        result = run({"current.dysfunction_growth_per_year": 0.21})["muddle"]
        a = 1.21 ** (1 / 12)
        expected = 10_000 * (1.21**2 - 1) / (a - 1)
        assert expected == pytest.approx(sum(10_000 * 1.21 ** (t / 12) for t in range(24)))
        assert_breakdown(result["breakdown"], dysfunction=expected, running=48_000)

    def test_discounting_each_month_from_the_end_of_the_month(self):
        # r = 0.06: v(t) = 1.06^(-(t+1)/12); with w = 1.06^(-1/12) the 24 months add up to
        # w (1 - w^24)/(1 - w) = w (1 - 1.06^-2)/(1 - w), about 22.6 instead of 24.
        result = run({"discount_rate": 0.06})["muddle"]
        w = 1.06 ** (-1 / 12)
        annuity = w * (1 - 1.06**-2) / (1 - w)
        assert (
            annuity
            == pytest.approx(sum(1.06 ** (-(t + 1) / 12) for t in range(24)))
            == pytest.approx(22.5994, abs=1e-4)
        )
        assert_breakdown(result["breakdown"], dysfunction=10_000 * annuity, running=2_000 * annuity)
        assert result["total"] == pytest.approx(12_000 * annuity, abs=0.005)


class TestSwitch:
    def test_exit_replacement_then_new_system(self):
        result = run()["switch"]
        # month 0: E = 50,000; months 0..5: 10,000 + 2,000 + 120,000/6 = 32,000 a month;
        # months 6..23 (18): 0.1 x 10,000 + 1,000 = 2,000 a month.
        assert_breakdown(
            result["breakdown"],
            exit=50_000,
            dysfunction=6 * 10_000 + 18 * 0.1 * 10_000,
            running=6 * 2_000 + 18 * 1_000,
            replacement=120_000,
        )
        assert result["total"] == pytest.approx(50_000 + 6 * 32_000 + 18 * 2_000, abs=0.005) == 278_000
        assert result["months"] == 6

    def test_replacement_past_the_horizon_counts_only_the_months_inside(self):
        # T_r = 30 > H = 24: K/T_r = 4,000 a month for 24 months = 96,000 of the 120,000;
        # the old system runs all 24 months and the new one never goes live.
        result = run({"stop.replacement_months": 30})["switch"]
        assert_breakdown(
            result["breakdown"], exit=50_000, dysfunction=240_000, running=48_000, replacement=24 * 120_000 / 30
        )
        assert result["total"] == pytest.approx(50_000 + 240_000 + 48_000 + 96_000, abs=0.005)
        assert result["months"] == 30

    def test_incidents_only_until_go_live(self):
        # Every month an incident (p_inc = 1), but only months 0..5 run the old system: 6 x 5,000.
        result = run({"current.incident_probability_per_year": 1})["switch"]
        assert result["breakdown"]["incidents"] == pytest.approx(6 * 5_000, abs=0.005)

    def test_growth_continues_on_the_residual(self):
        # g = 0.21: months 0..5 pay D_t, months 6..23 pay 0.1 D_t, D_t = 10,000 x 1.21^(t/12).
        result = run({"current.dysfunction_growth_per_year": 0.21})["switch"]
        expected = sum(10_000 * 1.21 ** (t / 12) * (1 if t < 6 else 0.1) for t in range(24))
        assert result["breakdown"]["dysfunction"] == pytest.approx(expected, abs=0.005)

    def test_discounted_at_six_percent(self):
        # r = 0.06, v(t) = 1.06^(-(t+1)/12): exit in month 0 is 50,000 v(0);
        # 32,000 v(t) for t = 0..5 and 2,000 v(t) for t = 6..23.
        result = run({"discount_rate": 0.06})["switch"]

        def v(t: int) -> float:
            return 1.06 ** (-(t + 1) / 12)

        assert v(0) == pytest.approx(0.995156, abs=1e-6)
        expected = 50_000 * v(0) + sum(32_000 * v(t) for t in range(6)) + sum(2_000 * v(t) for t in range(6, 24))
        assert result["total"] == pytest.approx(expected, abs=0.005)
        assert result["breakdown"]["exit"] == pytest.approx(50_000 * v(0), abs=0.005)
        assert result["breakdown"]["replacement"] == pytest.approx(20_000 * sum(v(t) for t in range(6)), abs=0.005)


class TestStop:
    def test_loss_pays_fees_and_counterclaim(self):
        # p_win = 0: switch (278,000) + 12 x 60,000/12 + Q = 278,000 + 60,000 + 80,000 = 418,000
        result = run()["stop"]
        assert_breakdown(
            result["breakdown"],
            exit=50_000,
            dysfunction=78_000,
            running=30_000,
            replacement=120_000,
            legal_fees=60_000,
            legal_outcome=80_000,
        )
        assert result["total"] == pytest.approx(418_000, abs=0.005)
        assert result["months"] == 6

    def test_win_recovers_the_capped_claim(self):
        # p_win = 1: -(min(500,000, 300,000) x 0.5 + 10,000) = -160,000; 278,000 + 60,000 - 160,000
        result = run({"legal.p_win": 1})["stop"]
        assert result["breakdown"]["legal_outcome"] == pytest.approx(-(min(500_000, 300_000) * 0.5 + 10_000))
        assert result["total"] == pytest.approx(178_000, abs=0.005)

    def test_win_without_a_liability_cap(self):
        # liability_cap null: -(500,000 x 0.5 + 10,000) = -260,000
        result = run({"legal.p_win": 1, "legal.liability_cap": None})["stop"]
        assert result["breakdown"]["legal_outcome"] == pytest.approx(-260_000, abs=0.005)
        assert result["total"] == pytest.approx(278_000 + 60_000 - 260_000, abs=0.005)

    def test_legal_flows_after_the_horizon_count(self):
        # T_l = 36 > H = 24: all 36 months of fees (36 x 5,000 = 180,000) and the
        # counterclaim in month 35 count; the other flows stop at month 23.
        result = run({"legal.duration_months": 36})["stop"]
        assert result["breakdown"]["legal_fees"] == pytest.approx(36 * 5_000, abs=0.005)
        assert result["breakdown"]["legal_outcome"] == pytest.approx(80_000, abs=0.005)
        assert result["total"] == pytest.approx(278_000 + 180_000 + 80_000, abs=0.005)

    def test_legal_flows_after_the_horizon_are_discounted(self):
        # r = 0.06, T_l = 36: fees 5,000 v(t) for t = 0..35, win of 160,000 in month 35.
        result = run({"discount_rate": 0.06, "legal.duration_months": 36, "legal.p_win": 1})["stop"]

        def v(t: int) -> float:
            return 1.06 ** (-(t + 1) / 12)

        assert v(35) == pytest.approx(1.06**-3)
        assert result["breakdown"]["legal_fees"] == pytest.approx(sum(5_000 * v(t) for t in range(36)), abs=0.005)
        assert result["breakdown"]["legal_outcome"] == pytest.approx(-160_000 * 1.06**-3, abs=0.005)

    def test_stop_is_switch_plus_legal(self):
        result = run({"discount_rate": 0.06, "legal.p_win": 1})
        legal = result["stop"]["breakdown"]["legal_fees"] + result["stop"]["breakdown"]["legal_outcome"]
        assert result["stop"]["total"] == pytest.approx(result["switch"]["total"] + legal, abs=1e-6)


class TestSolve:
    def test_success(self):
        # months 0..2: 10,000 + 2,000 + (0.5 x 60,000 + 30,000)/3 = 32,000 a month;
        # months 3..23 (21): 0.2 x 10,000 + 2,000 = 4,000 a month.
        result = run()["solve"]
        assert_breakdown(
            result["breakdown"], dysfunction=3 * 10_000 + 21 * 2_000, running=24 * 2_000, improvement=3 * 20_000
        )
        assert result["total"] == pytest.approx(3 * 32_000 + 21 * 4_000, abs=0.005) == 180_000
        assert result["months"] == 3

    def test_success_reduces_incidents_by_the_residual(self):
        # p_inc = 1: 3 full incidents, then 21 x 0.2 x 5,000.
        result = run({"current.incident_probability_per_year": 1})["solve"]
        assert result["breakdown"]["incidents"] == pytest.approx(3 * 5_000 + 21 * 0.2 * 5_000, abs=0.005)

    def test_failure_then_muddle(self):
        # p_success = 0: 3 x 32,000, then 21 x 12,000 = 252,000 of muddling on: 348,000.
        result = run({"solve.p_success": 0, "solve.fallback": "muddle"})["solve"]
        assert_breakdown(result["breakdown"], dysfunction=240_000, running=48_000, improvement=60_000)
        assert result["total"] == pytest.approx(3 * 32_000 + 21 * 12_000, abs=0.005) == 348_000
        assert result["months"] is None

    def test_failure_then_switch_from_month_three(self):
        # s0 = T_s = 3: 96,000 for the programme months; E = 50,000 in month 3;
        # months 3..8: 32,000 a month (6 x 32,000 = 192,000); months 9..23 (15): 2,000 a month.
        result = run({"solve.p_success": 0, "solve.fallback": "switch"})["solve"]
        assert_breakdown(
            result["breakdown"],
            improvement=60_000,
            exit=50_000,
            replacement=120_000,
            dysfunction=3 * 10_000 + 6 * 10_000 + 15 * 1_000,
            running=3 * 2_000 + 6 * 2_000 + 15 * 1_000,
        )
        assert result["total"] == pytest.approx(96_000 + 50_000 + 192_000 + 30_000, abs=0.005) == 368_000
        assert result["months"] == 3 + 6

    def test_failure_then_stop_from_month_three(self):
        # As switch, plus fees in months 3..14 (60,000) and the counterclaim (loss) in month 14.
        result = run({"solve.p_success": 0, "solve.fallback": "stop"})["solve"]
        assert result["breakdown"]["legal_fees"] == pytest.approx(60_000, abs=0.005)
        assert result["breakdown"]["legal_outcome"] == pytest.approx(80_000, abs=0.005)
        assert result["total"] == pytest.approx(368_000 + 60_000 + 80_000, abs=0.005)
        assert result["months"] == 9

    def test_failure_then_stop_discounted_from_s0(self):
        # r = 0.06, win: fees 5,000 v(t) for t = 3..14, award -160,000 v(14), exit 50,000 v(3).
        result = run({"discount_rate": 0.06, "solve.p_success": 0, "solve.fallback": "stop", "legal.p_win": 1})

        def v(t: int) -> float:
            return 1.06 ** (-(t + 1) / 12)

        breakdown = result["solve"]["breakdown"]
        assert breakdown["exit"] == pytest.approx(50_000 * v(3), abs=0.005)
        assert breakdown["legal_fees"] == pytest.approx(sum(5_000 * v(t) for t in range(3, 15)), abs=0.005)
        assert breakdown["legal_outcome"] == pytest.approx(-160_000 * v(14), abs=0.005)

    def test_programme_longer_than_the_horizon(self):
        # T_s = 30 > H = 24: 24 of the 30 programme months are paid, 24 x 20,000 = 480,000;
        # the fallback (switch from month 30) starts after the horizon and costs nothing inside it.
        result = run({"solve.improvement_months": 30, "solve.p_success": 0, "solve.fallback": "switch"})
        assert_breakdown(
            result["solve"]["breakdown"], improvement=24 * 60_000 / 30, dysfunction=240_000, running=48_000
        )
        assert result["solve"]["months"] == 36

    def test_fallback_stop_after_the_horizon_still_counts_its_legal_flows(self):
        # T_s = 30: the procedure runs in months 30..41, all after H = 24, and still counts
        # (MODEL.md: legal flows count even when they fall after the horizon).
        result = run({"solve.improvement_months": 30, "solve.p_success": 0, "solve.fallback": "stop"})
        assert result["solve"]["breakdown"]["legal_fees"] == pytest.approx(60_000, abs=0.005)
        assert result["solve"]["breakdown"]["legal_outcome"] == pytest.approx(80_000, abs=0.005)
        assert result["solve"]["breakdown"]["exit"] == 0.0


class TestDiscounting:
    def test_every_strategy_at_six_percent(self):
        # r = 0.06, v(t) = 1.06^(-(t+1)/12), S(a, b) = v(a) + ... + v(b-1); the claim is won (p_win = 1)
        # and the programme succeeds (p_success = 1).
        def v(t: int) -> float:
            return 1.06 ** (-(t + 1) / 12)

        def S(a: int, b: int) -> float:  # noqa: N802 (the sum's name in the comments)
            return sum(v(t) for t in range(a, b))

        result = run({"discount_rate": 0.06, "legal.p_win": 1})
        assert_breakdown(result["muddle"]["breakdown"], dysfunction=10_000 * S(0, 24), running=2_000 * S(0, 24))
        switch = dict(
            exit=50_000 * v(0),
            dysfunction=10_000 * S(0, 6) + 0.1 * 10_000 * S(6, 24),
            running=2_000 * S(0, 6) + 1_000 * S(6, 24),
            replacement=120_000 / 6 * S(0, 6),
        )
        assert_breakdown(result["switch"]["breakdown"], **switch)
        assert_breakdown(
            result["stop"]["breakdown"], **switch, legal_fees=5_000 * S(0, 12), legal_outcome=-160_000 * v(11)
        )
        assert_breakdown(
            result["solve"]["breakdown"],
            improvement=20_000 * S(0, 3),
            dysfunction=10_000 * S(0, 3) + 0.2 * 10_000 * S(3, 24),
            running=2_000 * S(0, 24),
        )
        assert result["muddle"]["total"] == pytest.approx(12_000 * S(0, 24), abs=0.005)
        assert result["switch"]["total"] == pytest.approx(sum(switch.values()), abs=0.005)
        assert result["stop"]["total"] == pytest.approx(
            sum(switch.values()) + 5_000 * S(0, 12) - 160_000 * v(11), abs=0.005
        )
        assert result["solve"]["total"] == pytest.approx(32_000 * S(0, 3) + 4_000 * S(3, 24), abs=0.005)
        assert [result[s]["months"] for s in ("muddle", "switch", "stop", "solve")] == [None, 6, 6, 3]
        # the supplier: 300 a month while paid, L = 40,000 at go-live (month 6), its fees 3,000 a month
        assert result["muddle"]["supplier"] == pytest.approx(300 * S(0, 24), abs=0.005)
        assert result["switch"]["supplier"] == pytest.approx(300 * S(0, 6) - 40_000 * v(6), abs=0.005)
        assert result["stop"]["supplier"] == pytest.approx(
            300 * S(0, 6) - 40_000 * v(6) - 3_000 * S(0, 12) - 160_000 * v(11), abs=0.005
        )
        assert result["solve"]["supplier"] == pytest.approx(300 * S(0, 24) - 10_000 * S(0, 3), abs=0.005)


class TestWriteOff:
    def test_decision_view_leaves_it_out(self):
        # switch in the base case: 278,000 without W = 100,000, 378,000 with it.
        simulation = simulate(make_case({"solve.p_success": 0, "solve.fallback": "switch"}), 3, seed=1)
        assert simulation.totals(book_view=False)["switch"][0] == pytest.approx(278_000, abs=0.005)
        assert simulation.totals(book_view=True)["switch"][0] == pytest.approx(378_000, abs=0.005)
        for strategy in ("switch", "stop", "solve"):
            parts = simulation.costs[strategy].parts
            assert parts["write_off"][0] == pytest.approx(100_000)
            assert simulation.totals(False)[strategy][0] == pytest.approx(
                sum(v[0] for k, v in parts.items() if k != "write_off"), abs=1e-6
            )

    def test_book_view_books_it_in_month_s0(self):
        # r = 0.06: switch and stop write off W = 100,000 in month 0, v(0) = 1.06^(-1/12);
        # solve writes it off in month T_s = 3 after a failure, v(3) = 1.06^(-4/12); muddle never.
        changes = {"discount_rate": 0.06, "solve.p_success": 0, "solve.fallback": "stop"}
        decision, book = run(changes), run(changes, book_view=True)
        written_off = {
            "muddle": 0.0,
            "switch": 100_000 * 1.06 ** (-1 / 12),
            "stop": 100_000 * 1.06 ** (-1 / 12),
            "solve": 100_000 * 1.06 ** (-4 / 12),
        }
        for strategy, amount in written_off.items():
            assert book[strategy]["breakdown"]["write_off"] == pytest.approx(amount, abs=0.005)
            assert book[strategy]["total"] - decision[strategy]["total"] == pytest.approx(amount, abs=0.005)

    def test_no_write_off_after_success_or_when_muddling_on(self):
        for changes in (
            {"solve.p_success": 1, "solve.fallback": "switch"},
            {"solve.p_success": 0, "solve.fallback": "muddle"},
        ):
            assert run(changes, book_view=True)["solve"]["breakdown"]["write_off"] == 0.0


class TestSupplierValue:
    def test_by_hand(self):
        # margin 0.15 x 2,000 = 300 a month.
        # muddle: 24 x 300 = 7,200; switch: 6 x 300 - L 40,000 in month 6 = -38,200;
        # stop (client loses): -38,200 - 12 x 3,000 + Q 80,000 = 5,800;
        # solve (success): 24 x 300 - (1 - 0.5) x 60,000 = 7,200 - 30,000 = -22,800.
        result = run()
        assert result["muddle"]["supplier"] == pytest.approx(7_200, abs=0.005)
        assert result["switch"]["supplier"] == pytest.approx(-38_200, abs=0.005)
        assert result["stop"]["supplier"] == pytest.approx(5_800, abs=0.005)
        assert result["solve"]["supplier"] == pytest.approx(-22_800, abs=0.005)

    def test_client_win_costs_the_supplier_the_award(self):
        # -38,200 - 36,000 - 160,000 = -234,200
        assert run({"legal.p_win": 1})["stop"]["supplier"] == pytest.approx(-234_200, abs=0.005)

    def test_no_loss_of_client_when_go_live_is_past_the_horizon(self):
        # T_r = 30: paid all 24 months (7,200), L falls in month 30, outside the horizon.
        assert run({"stop.replacement_months": 30})["switch"]["supplier"] == pytest.approx(7_200, abs=0.005)

    def test_solve_failure_falls_back_from_t_s(self):
        # switch from month 3: paid months 0..8 (9 x 300 = 2,700), its share 30,000 in months 0..2,
        # L = 40,000 in month 9: 2,700 - 30,000 - 40,000 = -67,300.
        result = run({"solve.p_success": 0, "solve.fallback": "switch"})
        assert result["solve"]["supplier"] == pytest.approx(-67_300, abs=0.005)

    def test_revenue_defaults_to_running_cost_and_can_be_set(self):
        # revenue 10,000: margin 1,500 a month; muddle 24 x 1,500 = 36,000.
        assert run({"supplier.revenue_per_month": 10_000})["muddle"]["supplier"] == pytest.approx(36_000)


class TestSampleEstimate:
    def test_fixed_value(self):
        rng = np.random.default_rng(1)
        assert (sample_estimate(Estimate.fixed(7.5), 5, rng) == 7.5).all()

    @pytest.mark.parametrize("distribution, mean", [("pert", (10 + 4 * 20 + 60) / 6), ("triangular", 30.0)])
    def test_range_and_mean(self, distribution, mean):
        estimate = Estimate(low=10, mode=20, high=60, distribution=distribution)
        sample = sample_estimate(estimate, 200_000, np.random.default_rng(2))
        assert sample.min() >= 10 and sample.max() <= 60
        assert estimate.mean == pytest.approx(mean)
        assert sample.mean() == pytest.approx(mean, rel=0.005)

    def test_pert_is_beta_with_lambda_four(self):
        # PERT(0, 0.25, 1) is Beta(1 + 4 x 0.25, 1 + 4 x 0.75) = Beta(2, 4): variance 2*4/(6^2 x 7) = 8/252.
        sample = sample_estimate(Estimate(low=0, mode=0.25, high=1), 200_000, np.random.default_rng(3))
        assert sample.var() == pytest.approx(8 / 252, rel=0.02)


class TestIncidentMonths:
    def test_no_incidents(self):
        months = incident_months(np.zeros(3), 24, seed=1)
        assert (months == 24).all()

    def test_every_month(self):
        months = incident_months(np.ones(2), 24, seed=1)
        assert months.tolist() == [list(range(24))] * 2

    def test_monthly_chance(self):
        # p_inc = 0.5 a year: q = 1 - 0.5^(1/12) per month, so 24 q expected incidents in 24 months.
        q = 1 - 0.5 ** (1 / 12)
        months = incident_months(np.full(50_000, 0.5), 24, seed=4)
        counts = (months < 24).sum(axis=1)
        assert counts.mean() == pytest.approx(24 * q, rel=0.02)
        first_month = (months == 0).any(axis=1).mean()
        assert first_month == pytest.approx(q, rel=0.05)

    def test_months_increase_and_padding_is_the_horizon(self):
        months = incident_months(np.full(100, 0.9), 36, seed=5)
        assert (np.diff(months, axis=1) >= 0).all()
        assert ((months < 36) | (months == 36)).all()
        inside = [row[row < 36] for row in months]
        assert all(len(set(row.tolist())) == len(row) for row in inside)


class TestDraw:
    def test_durations_are_whole_months_at_least_one(self):
        case = make_case({"stop.replacement_months": {"low": 0, "mode": 0.2, "high": 3.7}, "legal.duration_months": 0})
        draws = draw(case, 1_000, seed=1)
        for name in ("replacement_months", "legal_months", "improvement_months"):
            values = draws.values[name]
            assert (values == np.rint(values)).all() and values.min() >= 1
        assert (draws.values["legal_months"] == 1).all()

    @pytest.mark.parametrize("months, rounded", [(0.4, 1), (2.4, 2), (2.6, 3), (2.5, 2), (3.5, 4)])
    def test_durations_rounded_to_the_nearest_month_half_to_even(self, months, rounded):
        # numpy.rint rounds halves to the even month (a documented design choice)
        draws = draw(make_case({"solve.improvement_months": months}), 3, seed=1)
        assert draws.values["improvement_months"].tolist() == [rounded] * 3

    def test_same_seed_same_draws(self):
        case = load_preset("erp-manufacturer")
        a, b = draw(case, 500, seed=9), draw(case, 500, seed=9)
        assert all(np.array_equal(a.values[k], b.values[k]) for k in a.values)
        assert np.array_equal(a.incident_months, b.incident_months)
        assert np.array_equal(a.win_uniforms, b.win_uniforms)
        assert not np.array_equal(a.win_uniforms, draw(case, 500, seed=10).win_uniforms)

    def test_with_value_keeps_the_other_draws(self):
        case = load_preset("erp-manufacturer")
        draws = draw(case, 500, seed=2)
        fixed = draws.with_value("legal_fees", 100_000.0)
        assert (fixed.values["legal_fees"] == 100_000).all()
        assert np.array_equal(fixed.values["claim"], draws.values["claim"])
        assert np.array_equal(fixed.success_uniforms, draws.success_uniforms)
        assert (draws.with_value("improvement_months", 2.6).values["improvement_months"] == 3).all()


class TestAgainstReference:
    """``simulate`` equals the month-by-month loop of reference.py in every iteration, to 1e-6 euro."""

    ITERATIONS = 50

    @staticmethod
    def check(case, seed: int) -> None:
        draws = draw(case, TestAgainstReference.ITERATIONS, seed)
        simulation = simulate(case, draws=draws)
        for i in range(draws.n):
            flows = reference.client_flows(case, draws, i)
            supplier = reference.supplier_values(case, draws, i)
            months = reference.months_to_decent(case, draws, i)
            for strategy, strategy_flows in flows.items():
                for category in CATEGORIES:
                    assert simulation.costs[strategy].parts[category][i] == pytest.approx(
                        reference.total(strategy_flows, True, category), abs=1e-6
                    ), (i, strategy, category)
                for book_view in (False, True):
                    assert simulation.totals(book_view)[strategy][i] == pytest.approx(
                        reference.total(strategy_flows, book_view), abs=1e-6
                    ), (i, strategy, book_view)
                assert simulation.supplier_value[strategy][i] == pytest.approx(supplier[strategy], abs=1e-6)
                expected = months[strategy]
                actual = simulation.months_to_decent[strategy][i]
                assert math.isnan(actual) if expected is None else actual == expected, (i, strategy)

    @pytest.mark.parametrize("preset", preset_ids())
    def test_presets(self, preset):
        self.check(load_preset(preset), seed=11)

    @pytest.mark.parametrize("fallback", ["muddle", "switch", "stop"])
    @pytest.mark.parametrize("preset", preset_ids())
    def test_presets_with_each_fallback(self, preset, fallback):
        case = load_preset(preset)
        case = case.model_copy(update={"solve": case.solve.model_copy(update={"fallback": fallback})})
        self.check(case, seed=12)

    @pytest.mark.parametrize("seed", range(40))
    def test_random_cases(self, seed):
        self.check(parse_case(reference.random_case_dict(seed)), seed)


class TestCumulativeCosts:
    """Per month, the cost up to and including that month; the last month is the total minus
    the legal flows after the horizon."""

    @staticmethod
    def check(case, seed: int) -> None:
        draws = draw(case, 30, seed)
        totals = {b: simulate(case, draws=draws).totals(b) for b in (False, True)}
        h = case.horizon_months
        for book_view in (False, True):
            curves = cumulative_costs(case, draws, book_view)
            for strategy, curve in curves.items():
                assert curve.shape == (30, h)
                for i in range(draws.n):
                    flows = reference.client_flows(case, draws, i)[strategy]
                    expected = reference.cumulative(flows, h, book_view)
                    np.testing.assert_allclose(curve[i], expected, rtol=0, atol=1e-6)
                    after = sum(a for t, c, a in flows if t >= h and c.startswith("legal"))
                    assert curve[i, -1] == pytest.approx(totals[book_view][strategy][i] - after, abs=1e-6)

    @pytest.mark.parametrize("preset", preset_ids())
    def test_presets(self, preset):
        self.check(load_preset(preset), seed=13)

    @pytest.mark.parametrize("seed", range(10))
    def test_random_cases(self, seed):
        self.check(parse_case(reference.random_case_dict(seed)), seed)

    def test_hand_worked_curve(self):
        # muddle in the base case: 12,000 a month, so up to month m (0-based) 12,000 (m + 1).
        # stop with T_l = 36: the curve ends at switch (278,000) plus the fees inside the
        # horizon, 24 x 5,000 = 120,000; fees of months 24..35 and the outcome (month 35) are
        # only in the total.
        case = make_case({"legal.duration_months": 36})
        curves = cumulative_costs(case, draw(case, 2, seed=1))
        assert curves["muddle"][0].tolist() == pytest.approx([12_000 * (m + 1) for m in range(24)])
        assert curves["stop"][0, -1] == pytest.approx(278_000 + 24 * 5_000, abs=0.005)
