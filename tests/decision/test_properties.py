"""Properties that hold for every valid case (hypothesis), on 2,000 iterations each."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision.engine.results import evaluate
from decision.engine.simulation import draw, simulate
from decision.model.loader import parse_case
from decision.model.registry import CORE_STRATEGIES as STRATEGIES  # the four every case has

ITERATIONS = 2_000
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def estimate(low: float, high: float) -> st.SearchStrategy[Any]:
    """A bare number or a {low, mode, high} estimate (PERT or triangular) inside [low, high]."""
    number = st.floats(low, high, allow_nan=False, allow_infinity=False)
    three = st.lists(number, min_size=3, max_size=3).map(sorted)
    ranged = st.tuples(three, st.sampled_from(["pert", "triangular"])).map(
        lambda t: {"low": t[0][0], "mode": t[0][1], "high": t[0][2], "distribution": t[1]}
    )
    return st.one_of(number, ranged)


@st.composite
def case_dicts(draw_: st.DrawFn) -> dict[str, Any]:
    d = draw_
    return {
        "schema_version": 1,
        "horizon_months": d(st.integers(12, 120)),
        "discount_rate": d(st.floats(0, 0.3)),
        "sunk": {"invested_to_date": d(st.floats(0, 2e6)), "book_value": d(st.floats(0, 1e6))},
        "current": {
            "dysfunction_cost_per_month": d(estimate(0, 80_000)),
            "dysfunction_growth_per_year": d(estimate(-0.3, 0.5)),
            "running_cost_per_month": d(estimate(0, 20_000)),
            "incident_probability_per_year": d(estimate(0, 1)),
            "incident_cost": d(estimate(0, 500_000)),
        },
        "stop": {
            "exit_cost": d(estimate(0, 100_000)),
            "replacement_cost": d(estimate(0, 3e6)),
            "replacement_months": d(estimate(0, 60)),
            "new_running_cost_per_month": d(estimate(0, 20_000)),
            "new_residual_dysfunction": d(estimate(0, 1)),
        },
        "legal": {
            "fees_per_year": d(estimate(0, 300_000)),
            "duration_months": d(estimate(0, 90)),
            "p_win": d(estimate(0, 1)),
            "claim": d(estimate(0, 5e6)),
            "liability_cap": d(st.one_of(st.none(), st.floats(0, 3e6))),
            "recovery_fraction": d(estimate(0, 1)),
            "cost_award": d(estimate(0, 50_000)),
            "counterclaim": d(estimate(0, 500_000)),
        },
        "solve": {
            "programme_cost": d(estimate(0, 600_000)),
            "client_share": d(st.floats(0, 1)),
            "internal_cost": d(estimate(0, 300_000)),
            "improvement_months": d(estimate(0, 30)),
            "p_success": d(estimate(0, 1)),
            "residual_dysfunction": d(estimate(0, 1)),
            "fallback": d(st.sampled_from(["muddle", "switch", "stop"])),
        },
        "supplier": {
            "normal_margin": d(estimate(-0.2, 0.4)),
            "fees_per_year": d(estimate(0, 200_000)),
            "loss_of_client_cost": d(estimate(0, 500_000)),
        },
        "triage": {
            "weekly_board_agenda": d(st.booleans()),
            "continuity_threat": d(st.booleans()),
            "client_recognises_supplier": d(st.one_of(st.none(), st.integers(1, 5))),
            "supplier_values_client": d(st.one_of(st.none(), st.integers(1, 5))),
        },
    }


def changed(value: Any, how: Any) -> Any:
    """Apply ``how`` to a bare number or to low, mode and high of an estimate."""
    if isinstance(value, dict):
        return {**value, **{k: how(value[k]) for k in ("low", "mode", "high")}}
    return how(value)


def with_change(data: dict[str, Any], group: str, name: str, how: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out[group][name] = changed(out[group][name], how)
    return out


class TestEvaluateProperties:
    @SETTINGS
    @given(case_dicts(), st.integers(0, 2**32 - 1))
    def test_same_seed_same_result(self, data, seed):
        case = parse_case(data)
        a, b = evaluate(case, ITERATIONS, seed), evaluate(case, ITERATIONS, seed)
        assert a.strategies == b.strategies
        assert a.recommendation == b.recommendation
        assert a.zopa == b.zopa

    @SETTINGS
    @given(case_dicts(), st.sampled_from(["decision", "book"]))
    def test_summaries_are_consistent(self, data, view):
        evaluation = evaluate(parse_case(data), ITERATIONS, seed=1, view=view)
        results = evaluation.strategies
        assert sum(r.p_best for r in results.values()) == pytest.approx(1.0)
        for r in results.values():
            assert r.p10 <= r.p50 <= r.p90
            assert 0.0 <= r.p_best <= 1.0 and 0.0 <= r.p_decent <= 1.0
            assert sum(r.breakdown.values()) == pytest.approx(r.mean, rel=1e-9, abs=1e-6)
            if view == "decision":
                assert r.breakdown["write_off"] == 0.0
        assert results["muddle"].months_to_decent is None
        assert results["muddle"].p_decent == 0.0
        assert evaluation.recommendation.strategy in evaluation.recommendation.allowed
        cheapest = min(results[s].mean for s in evaluation.recommendation.allowed)
        assert results[evaluation.recommendation.strategy].mean == cheapest

    @SETTINGS
    @given(case_dicts())
    def test_book_view_is_decision_view_plus_expected_write_off(self, data):
        case = parse_case(data)
        draws = draw(case, ITERATIONS, seed=2)
        simulation = simulate(case, draws=draws)
        decision = evaluate(case, simulation=simulation, view="decision").strategies
        book = evaluate(case, simulation=simulation, view="book").strategies
        # W v(s0) where the system is abandoned inside the horizon: month 0 for switch and stop,
        # month T_s after a failed programme with a stop/switch fallback.
        w, h, r = case.sunk.book_value, case.horizon_months, case.discount_rate
        t_s = draws.values["improvement_months"]
        failed = draws.success_uniforms >= draws.values["p_success"]
        abandons = failed & (t_s < h) & (case.solve.fallback != "muddle")
        expected = {
            "muddle": 0.0,
            "switch": w * (1 + r) ** (-1 / 12),
            "stop": w * (1 + r) ** (-1 / 12),
            "solve": float(np.mean(np.where(abandons, w * (1 + r) ** (-(t_s + 1) / 12), 0.0))),
        }
        for strategy in STRATEGIES:
            assert book[strategy].mean - decision[strategy].mean == pytest.approx(expected[strategy], abs=1e-6)
            assert book[strategy].breakdown["write_off"] == pytest.approx(expected[strategy], abs=1e-6)

    @SETTINGS
    @given(case_dicts(), st.floats(0, 200_000), st.floats(1, 3))
    def test_higher_legal_fees_never_lower_stops_mean(self, data, shift, scale):
        before = evaluate(parse_case(data), ITERATIONS, seed=3).strategies["stop"].mean
        shifted = with_change(data, "legal", "fees_per_year", lambda v: v + shift)
        scaled = with_change(data, "legal", "fees_per_year", lambda v: v * scale)
        for higher in (shifted, scaled):
            after = evaluate(parse_case(higher), ITERATIONS, seed=3).strategies["stop"].mean
            assert after >= before - 1e-6 * max(1.0, abs(before))

    @SETTINGS
    @given(case_dicts(), st.floats(0, 1))
    def test_higher_p_success_never_raises_solves_mean_with_fallback_muddle(self, data, shift):
        # After a failure with fallback muddle the client pays D_t + R + B_t X; after a success
        # rho_s (D_t + B_t X) + R with rho_s <= 1: success is never dearer, and with the same
        # draws a higher p_success only turns failures into successes. With a stop or switch
        # fallback this is not an invariant: a cheap replacement (low rho_n and R_n) or a strong
        # claim can make failing and moving on cheaper than succeeding, and then a higher
        # p_success raises the mean.
        data = copy.deepcopy(data)
        data["solve"]["fallback"] = "muddle"
        before = evaluate(parse_case(data), ITERATIONS, seed=4).strategies["solve"].mean
        higher = with_change(data, "solve", "p_success", lambda v: min(1.0, v + shift))
        after = evaluate(parse_case(higher), ITERATIONS, seed=4).strategies["solve"].mean
        assert after <= before + 1e-6 * max(1.0, abs(before))

    @SETTINGS
    @given(case_dicts(), st.sampled_from(["decision", "book"]))
    def test_zone_of_agreement(self, data, view):
        zopa = evaluate(parse_case(data), ITERATIONS, seed=5, view=view).zopa
        shares = np.linspace(0, 1, 11)
        client, supplier = zopa.client_gain(shares), zopa.supplier_gain(shares)
        assert (np.diff(client) <= 1e-9).all()
        assert (np.diff(supplier) >= -1e-9).all()
        assert zopa.client_batna in ("muddle", "switch", "stop")
        if zopa.empty:
            assert zopa.client_share_max is None and zopa.equal_gain_share is None
        else:
            assert 0.0 <= zopa.client_share_min <= zopa.equal_gain_share <= zopa.client_share_max <= 1.0
            inside = np.linspace(zopa.client_share_min, zopa.client_share_max, 5)
            tolerance = 1e-6 * max(1.0, abs(zopa.client_gain_at_case_share), abs(zopa.supplier_gain_at_case_share))
            assert (zopa.client_gain(inside) >= -tolerance).all()
            assert (zopa.supplier_gain(inside) >= -tolerance).all()


class TestSimulateProperties:
    @SETTINGS
    @given(case_dicts())
    def test_stop_equals_switch_plus_legal_per_iteration(self, data):
        simulation = simulate(parse_case(data), ITERATIONS, seed=6)
        legal = simulation.costs["stop"].parts["legal_fees"] + simulation.costs["stop"].parts["legal_outcome"]
        np.testing.assert_allclose(
            simulation.totals()["stop"], simulation.totals()["switch"] + legal, rtol=1e-12, atol=1e-6
        )
