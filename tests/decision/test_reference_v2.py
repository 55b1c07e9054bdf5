"""``simulate`` against the month-by-month reading of MODEL.md section 7 (version 2) in reference.py.

Per iteration, to 1e-6 euro: every strategy's cost per category (the write-off included) and its
totals in both views, the supplier's value and the months until a decently working system; on every
file in data/, on those files with the v2 groups added, on hand-built v2 cases and on random v2 cases
(hypothesis). Then properties of version 2 that hold whatever the inputs.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision.engine.results import certainty_equivalent, evaluate
from decision.engine.simulation import CATEGORIES, cumulative_costs, draw, simulate
from decision.model.case import Case
from decision.model.loader import parse_case
from decision.model.registry import strategies_of
from tests.decision import reference
from tests.decision.builders import case_dict

DATA = Path(__file__).resolve().parents[2] / "data"
DATA_FILES = sorted(DATA.glob("*.json"))
V1_FILES = sorted((Path(__file__).resolve().parent / "fixtures" / "v1").glob("*.json"))
ITERATIONS = 50
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def differ(engine: float, expected: float) -> bool:
    """More than 1e-6 euro apart; above a million euros, more than 1e-12 of the amount, because a double
    holds about 16 digits and the two sum the same flows in another order (a random case's totals reach
    1e8 with interest; a modelling error is larger than that by orders of magnitude)."""
    return abs(engine - expected) > max(1e-6, 1e-12 * abs(expected))


def mismatches(case: Case, seed: int, iterations: int = ITERATIONS) -> list[tuple]:
    """Every (iteration, strategy, what, engine, reference) that differs (see ``differ``)."""
    draws = draw(case, iterations, seed)
    simulation = simulate(case, draws=draws)
    assert list(simulation.costs) == list(strategies_of(case))
    totals = {view: simulation.totals(view) for view in (False, True)}
    found: list[tuple] = []
    for i in range(draws.n):
        flows = reference.client_flows(case, draws, i)
        supplier = reference.supplier_values(case, draws, i)
        months = reference.months_to_decent(case, draws, i)
        assert list(flows) == list(simulation.costs)
        for strategy, strategy_flows in flows.items():
            parts = reference.breakdown(strategy_flows)
            for category in CATEGORIES:
                engine = float(np.asarray(simulation.costs[strategy].parts.get(category, 0.0))[i])
                if differ(engine, parts.get(category, 0.0)):
                    found.append((i, strategy, category, engine, parts.get(category, 0.0)))
            for view in (False, True):
                expected = reference.total(strategy_flows, view)
                if differ(totals[view][strategy][i], expected):
                    found.append((i, strategy, "book" if view else "decision", totals[view][strategy][i], expected))
            if differ(simulation.supplier_value[strategy][i], supplier[strategy]):
                found.append((i, strategy, "supplier", simulation.supplier_value[strategy][i], supplier[strategy]))
            actual, expected = simulation.months_to_decent[strategy][i], months[strategy]
            if not (math.isnan(actual) if expected is None else actual == expected):
                found.append((i, strategy, "months_to_decent", actual, expected))
    return found


def check(case: Case, seed: int, iterations: int = ITERATIONS) -> None:
    found = mismatches(case, seed, iterations)
    assert not found, f"{len(found)} mismatches, the first: {found[:5]}"


def check_cumulative(case: Case, seed: int) -> None:
    """The cost up to each month equals the reference's flows cut at that month."""
    draws = draw(case, 10, seed)
    for view in (False, True):
        curves = cumulative_costs(case, draws, view)
        for strategy, curve in curves.items():
            for i in range(draws.n):
                flows = reference.client_flows(case, draws, i)[strategy]
                np.testing.assert_allclose(
                    curve[i], reference.cumulative(flows, case.horizon_months, view), rtol=0, atol=1e-6
                )


# --- v2 groups as the hand-built cases and the presets use them ----------------------------------

PARTNER = {
    "exit_cost": 20_000,
    "transition_cost": 90_000,
    "transition_months": 4,
    "p_success": 0.5,
    "residual_dysfunction": 0.3,
    "running_cost_per_month": 2_500,
}
EXIT_DEAL = {
    "p_agree": 0.5,
    "negotiation_months": 3,
    "negotiation_cost": 15_000,
    "settlement": 80_000,
    "replacement_saving": 30_000,
    "months_saved": 2,
}
LAWSUIT = {
    "legal.p_win": 0.5,
    "legal.p_settle": 0.4,
    "legal.settle_months": 4,
    "legal.settle_fraction": 0.6,
    "legal.restitution": 100_000,
    "legal.interest_rate": 0.08,
}
GATE = {
    "solve.p_success": 0.4,
    "solve.gate_months": 2,
    "solve.gate_detection": 0.7,
    "solve.tender_cost": 30_000,
    "solve.tender_saves_months": 2,
}
NOISE = {
    "discount_rate": 0.06,
    "current.incident_probability_per_year": 0.5,
    "current.dysfunction_growth_per_year": 0.2,
}

SATURATING_SAVING = (
    "MODEL.md 7.5: the agreed exit is 'switch from s0 = T_n with K - saving', and the supplier pays 'the saving in "
    "month T_n (its help costs it what it saves the client)'. The help saves on K, so at most K: a saving above K "
    "saves the client K and costs the supplier K (MODEL-NOTES)."
)

HAND_BUILT: dict[str, Any] = {
    # 7.1 commitment
    "commitment after go-live": {"contract.committed_months": 18},
    "commitment past the horizon": {"contract.committed_months": 30, **NOISE},
    "commitment within the replacement": {"contract.committed_months": 4},
    "commitment and a failed solve to switch": {
        "contract.committed_months": 18,
        "solve.p_success": 0.4,
        "solve.fallback": "switch",
    },
    "commitment and a failed solve to stop": {"contract.committed_months": 18, "solve.p_success": 0.4, **NOISE},
    # 7.2 settlement, restitution, interest
    "settlement or judgment": {**LAWSUIT, "discount_rate": 0.05},
    "settlement months above the duration": {**LAWSUIT, "legal.settle_months": 20},
    "settlement months default to the duration": {**LAWSUIT, "legal.settle_months": None},
    "settlement certain": {**LAWSUIT, "legal.p_settle": 1},
    "restitution and interest, no cap": {**LAWSUIT, "legal.p_settle": 0, "legal.liability_cap": None, **NOISE},
    "procedure past the horizon": {**LAWSUIT, "legal.duration_months": 40, "legal.settle_months": 30, **NOISE},
    # 7.3 gate and tender
    "gate, tender, switch": {**GATE, "solve.fallback": "switch"},
    "gate, tender, stop, commitment": {**GATE, "contract.committed_months": 10, **NOISE},
    "gate, fallback muddle": {**GATE, "solve.fallback": "muddle"},
    "tender saves more than the replacement": {**GATE, "solve.tender_saves_months": 9, "solve.fallback": "switch"},
    "gate at the end of the attempt": {**GATE, "solve.gate_months": 3, "solve.fallback": "switch"},
    "gate, long attempt past the horizon": {
        **GATE,
        "solve.improvement_months": 30,
        "solve.gate_months": 20,
        "solve.fallback": "stop",
    },
    "uncertain gate": {
        **GATE,
        "solve.improvement_months": {"low": 2, "mode": 5, "high": 9},
        "solve.gate_months": {"low": 1, "mode": 3, "high": 8},
        "solve.gate_detection": {"low": 0.3, "mode": 0.6, "high": 0.9},
        "solve.fallback": "switch",
    },
    # 7.6 frozen residual
    "frozen residual": {
        "current.residual_grows": False,
        "solve.p_success": 0.5,
        "solve.fallback": "switch",
        "partner": PARTNER,
        **NOISE,
    },
    # 7.4 partner
    **{
        f"partner, fallback {fallback}": {
            "partner": {**PARTNER, "fallback": fallback},
            "contract.committed_months": 7,
            **NOISE,
        }
        for fallback in ("switch", "stop", "muddle")
    },
    "partner, running cost defaults to R": {
        "partner": {k: v for k, v in PARTNER.items() if k != "running_cost_per_month"},
        "current.running_cost_per_month": {"low": 1_000, "mode": 2_000, "high": 4_000},
    },
    "partner, only the required fields": {
        "partner": {k: v for k, v in PARTNER.items() if k not in ("exit_cost", "running_cost_per_month")}
    },
    "partner, stop fallback with a settlement": {"partner": {**PARTNER, "fallback": "stop"}, **LAWSUIT},
    "partner, transition past the horizon": {"partner": {**PARTNER, "transition_months": 30}, **NOISE},
    "partner, commitment past the transition": {"partner": PARTNER, "contract.committed_months": 15},
    # 7.5 exit deal
    **{
        f"exit deal, fallback {fallback}": {
            "exit_deal": {**EXIT_DEAL, "fallback": fallback},
            "contract.committed_months": 12,
            "legal.p_settle": 0.3,
            **NOISE,
        }
        for fallback in ("switch", "stop")
    },
    "exit deal, negotiation past the horizon": {"exit_deal": {**EXIT_DEAL, "negotiation_months": 30}, **NOISE},
    "exit deal, months saved above the replacement": {"exit_deal": {**EXIT_DEAL, "months_saved": 10}},
    "exit deal, only the required fields": {"exit_deal": {"p_agree": 0.5, "negotiation_months": 2}},
    "everything at once": {
        "partner": {**PARTNER, "fallback": "stop"},
        "exit_deal": EXIT_DEAL,
        "contract.committed_months": 9,
        "current.residual_grows": False,
        **LAWSUIT,
        **GATE,
        **NOISE,
    },
}


def hand_built(changes: dict[str, Any]) -> Case:
    return parse_case(case_dict({"schema_version": 2, **changes}))


class TestAgainstReferenceV2:
    @pytest.mark.parametrize("path", DATA_FILES, ids=[p.stem for p in DATA_FILES])
    def test_data_files(self, path):
        case = parse_case(json.loads(path.read_text()))
        check(case, seed=21)

    @pytest.mark.parametrize("path", DATA_FILES, ids=[p.stem for p in DATA_FILES])
    def test_data_files_with_the_v2_groups(self, path):
        data = json.loads(path.read_text())
        data["schema_version"] = 2
        data["contract"] = {"committed_months": {"low": 0, "mode": 12, "high": 36}}
        data["current"]["residual_grows"] = False
        data["legal"].update(
            p_settle={"low": 0.2, "mode": 0.4, "high": 0.7},
            settle_fraction={"low": 0.3, "mode": 0.5, "high": 0.7},
            restitution={"low": 0, "mode": 100_000, "high": 400_000},
            interest_rate=0.08,
        )
        data["solve"].update(
            gate_months={"low": 1, "mode": 3, "high": 6},
            gate_detection={"low": 0.5, "mode": 0.8, "high": 1},
            tender_cost=40_000,
            tender_saves_months={"low": 0, "mode": 3, "high": 8},
        )
        data["partner"] = {
            **PARTNER,
            "transition_months": {"low": 3, "mode": 6, "high": 12},
            "p_success": {"low": 0.3, "mode": 0.5, "high": 0.7},
            "fallback": "stop",
        }
        data["exit_deal"] = {**EXIT_DEAL, "negotiation_months": {"low": 1, "mode": 4, "high": 9}}
        check(parse_case(data), seed=22)

    @pytest.mark.parametrize(
        "changes",
        [
            *HAND_BUILT.values(),
            # SATURATING_SAVING: a saving above K saves K, and costs the supplier K.
            {"exit_deal": {**EXIT_DEAL, "replacement_saving": 200_000}},
        ],
        ids=[*HAND_BUILT, "exit deal, saving above the replacement cost"],
    )
    def test_hand_built(self, changes):
        check(hand_built(changes), seed=23)

    @pytest.mark.parametrize("name", ["everything at once", "gate, tender, stop, commitment", "partner, fallback stop"])
    def test_cumulative_costs(self, name):
        check_cumulative(hand_built(HAND_BUILT[name]), seed=24)

    @SETTINGS
    @given(data=st.data())
    def test_random_v2_cases(self, data):
        case = parse_case(data.draw(v2_cases()))
        check(case, seed=data.draw(st.integers(0, 10_000)))


# --- random v2 cases ------------------------------------------------------------------------------


def estimates(low: float, high: float) -> st.SearchStrategy[Any]:
    """A fixed number, or a PERT or triangular estimate within [low, high]."""
    value = st.floats(low, high, allow_nan=False, allow_infinity=False)
    three = st.lists(value, min_size=3, max_size=3).map(sorted)
    return st.one_of(
        value,
        three.map(lambda v: {"low": v[0], "mode": v[1], "high": v[2]}),
        three.map(lambda v: {"low": v[0], "mode": v[1], "high": v[2], "distribution": "triangular"}),
    )


def chances() -> st.SearchStrategy[Any]:
    return st.one_of(st.just(0.0), st.just(1.0), estimates(0.0, 1.0))


def low_of(value: Any) -> float:
    return float(value["low"] if isinstance(value, dict) else value)


@st.composite
def v2_cases(draw_: st.DrawFn) -> dict[str, Any]:
    """A random v1 case (reference.random_case_dict) with random v2 fields and groups.

    The saving of an exit deal stays below the replacement cost (see SATURATING_SAVING).
    """
    data = reference.random_case_dict(draw_(st.integers(0, 2**20)))
    h = data["horizon_months"]
    data["schema_version"] = 2
    if draw_(st.booleans()):
        data["contract"] = {"committed_months": draw_(estimates(0, 1.5 * h))}
    data["current"]["residual_grows"] = draw_(st.booleans())
    legal = {
        "p_settle": draw_(chances()),
        "settle_months": draw_(st.one_of(st.none(), estimates(0, 2 * h))),
        "settle_fraction": draw_(estimates(0, 1)),
        "restitution": draw_(estimates(0, 2e6)),
        "interest_rate": draw_(estimates(0, 0.3)),
    }
    data["legal"].update({k: v for k, v in legal.items() if v is not None})
    solve = {
        "gate_months": draw_(st.one_of(st.none(), estimates(1, 1.2 * h))),
        "gate_detection": draw_(chances()),
        "tender_cost": draw_(estimates(0, 300_000)),
        "tender_saves_months": draw_(estimates(0, h)),
    }
    data["solve"].update({k: v for k, v in solve.items() if v is not None})
    if draw_(st.booleans()):
        data["partner"] = {
            "exit_cost": draw_(estimates(0, 100_000)),
            "transition_cost": draw_(estimates(0, 1e6)),
            "transition_months": draw_(estimates(0, 1.2 * h)),
            "p_success": draw_(chances()),
            "residual_dysfunction": draw_(estimates(0, 1)),
            "fallback": draw_(st.sampled_from(["switch", "stop", "muddle"])),
        }
        if draw_(st.booleans()):
            data["partner"]["running_cost_per_month"] = draw_(estimates(0, 30_000))
    if draw_(st.booleans()):
        data["exit_deal"] = {
            "p_agree": draw_(chances()),
            "negotiation_months": draw_(estimates(0, h)),
            "negotiation_cost": draw_(estimates(0, 100_000)),
            "settlement": draw_(estimates(0, 1e6)),
            "replacement_saving": draw_(estimates(0, low_of(data["stop"]["replacement_cost"]))),
            "months_saved": draw_(estimates(0, h)),
            "fallback": draw_(st.sampled_from(["stop", "switch"])),
        }
    if draw_(st.booleans()):
        data["triage"] = {
            "weekly_board_agenda": draw_(st.booleans()),
            "continuity_threat": draw_(st.booleans()),
            "client_recognises_supplier": draw_(st.one_of(st.none(), st.integers(1, 5))),
            "supplier_values_client": draw_(st.one_of(st.none(), st.integers(1, 5))),
        }
    return data


def with_changes(data: dict[str, Any], changes: dict[str, Any]) -> Case:
    """The case of ``data`` with ``{"group.field": value}`` changes (None deletes the field)."""
    data = copy.deepcopy(data)
    for path, value in changes.items():
        group, name = path.split(".")
        if value is None:
            data.setdefault(group, {}).pop(name, None)
        else:
            data.setdefault(group, {})[name] = value
    return parse_case(data)


def assert_converges(totals: np.ndarray, tolerances: list[float]) -> None:
    """Over increasing risk tolerances rho: mean <= CE <= mean + (max - min)^2 / (8 rho), and CE never rises.

    The lower bound is Jensen's inequality, the upper one Hoeffding's lemma, so CE -> mean as rho grows.
    The slack covers rounding: CE is rho times a logarithm near zero.
    """
    mean, spread = float(totals.mean()), float(np.ptp(totals))
    previous = math.inf
    for rho in tolerances:
        ce = certainty_equivalent(totals, rho)
        slack = 1e-9 * (1.0 + float(np.abs(totals).max())) + 1e-13 * rho
        assert mean - slack <= ce <= mean + spread**2 / (8.0 * rho) + slack, (rho, ce, mean)
        assert ce <= previous + slack, (rho, ce, previous)
        previous = ce


# --- properties -----------------------------------------------------------------------------------


class TestProperties:
    @SETTINGS
    @given(data=v2_cases(), months=st.lists(st.integers(0, 150), min_size=2, max_size=2).map(sorted))
    def test_more_commitment_never_makes_muddle_cheaper_relative_to_switch(self, data, months):
        shorter, longer = (
            simulate(with_changes(data, {"contract.committed_months": m}), ITERATIONS, seed=5) for m in months
        )
        gap_shorter = shorter.totals()["switch"] - shorter.totals()["muddle"]
        gap_longer = longer.totals()["switch"] - longer.totals()["muddle"]
        # per iteration (the same draws), so also on average
        assert not any(differ(a, b) for a, b in zip(np.minimum(gap_longer, gap_shorter), gap_shorter, strict=True))

    @SETTINGS
    @given(data=v2_cases(), chances=st.lists(st.floats(0, 1), min_size=2, max_size=2).map(sorted))
    def test_a_higher_chance_of_settling_at_the_full_amount_never_makes_stop_dearer(self, data, chances):
        # A settlement at settle_fraction 1 pays min(claim, cap) + restitution, no later than the judgment
        # and without the counterclaim; a won judgment pays f <= 1 of it. Only the cost award and the
        # interest (which a settlement does not carry) could make a judgment worth more, so both are 0 here.
        fixed = {"legal.settle_fraction": 1, "legal.cost_award": 0, "legal.interest_rate": 0}
        lower, higher = (
            simulate(with_changes(data, {**fixed, "legal.p_settle": p}), ITERATIONS, seed=6) for p in chances
        )
        for book_view in (False, True):
            dearer = np.maximum(higher.totals(book_view)["stop"], lower.totals(book_view)["stop"])
            assert not any(differ(a, b) for a, b in zip(dearer, lower.totals(book_view)["stop"], strict=True))

    @SETTINGS
    @given(data=v2_cases(), after=st.floats(0, 30), detection=chances())
    def test_a_gate_at_or_after_the_end_of_the_attempt_changes_nothing(self, data, after, detection):
        months = data["solve"]["improvement_months"]
        # at or after every drawn T_s (rounding keeps the order)
        gate = max(1.0, float(months["high"] if isinstance(months, dict) else months)) + after
        without = simulate(with_changes(data, {"solve.gate_months": None}), ITERATIONS, seed=7)
        late = simulate(
            with_changes(data, {"solve.gate_months": gate, "solve.gate_detection": detection}), ITERATIONS, seed=7
        )
        for strategy in without.costs:
            for category in CATEGORIES:
                assert np.array_equal(
                    np.asarray(without.costs[strategy].parts.get(category, 0.0)),
                    np.asarray(late.costs[strategy].parts.get(category, 0.0)),
                ), (strategy, category)
            assert np.array_equal(without.supplier_value[strategy], late.supplier_value[strategy])
            assert np.array_equal(without.months_to_decent[strategy], late.months_to_decent[strategy], equal_nan=True)

    @pytest.mark.parametrize("path", V1_FILES, ids=[p.stem for p in V1_FILES])
    @pytest.mark.parametrize("gate", [None, 12, 600])
    def test_a_v1_file_with_a_late_gate_gives_its_v1_numbers(self, path, gate):
        # The presets as v1 files, read as schema 2 with a gate at or after every T_s (12 and more:
        # their T_s is at most 15, so 12 is after some attempts only) and every other v2 field at its
        # default: where the gate is at or after T_s the numbers are exactly those of the v1 file.
        data = json.loads(path.read_text())
        v1 = simulate(parse_case(data), ITERATIONS, seed=8)
        data = {**copy.deepcopy(data), "schema_version": 2, "contract": {"committed_months": 0}}
        if gate is not None:
            data["solve"].update(gate_months=gate, gate_detection=1)
        v2 = simulate(parse_case(data), ITERATIONS, seed=8)
        late = draw(parse_case(data), ITERATIONS, seed=8).values["improvement_months"] <= (gate or 600)
        for strategy in v1.costs:
            for book_view in (False, True):
                assert np.array_equal(v1.totals(book_view)[strategy][late], v2.totals(book_view)[strategy][late]), (
                    strategy,
                    book_view,
                )
            assert np.array_equal(v1.supplier_value[strategy][late], v2.supplier_value[strategy][late])
            assert np.array_equal(
                v1.months_to_decent[strategy][late], v2.months_to_decent[strategy][late], equal_nan=True
            )

    @settings(max_examples=60, deadline=None)
    @given(
        costs=st.lists(st.floats(-1e7, 1e7, allow_nan=False), min_size=1, max_size=40),
        tolerance=st.floats(1.0, 1e6),
    )
    def test_certainty_equivalent_converges_to_the_mean(self, costs, tolerance):
        assert_converges(np.array(costs), [tolerance * factor for factor in (1.0, 10.0, 100.0, 1e3, 1e4, 1e5)])

    @SETTINGS
    @given(data=v2_cases())
    def test_certainty_equivalent_of_simulated_costs_converges_to_the_mean(self, data):
        for costs in simulate(parse_case(data), ITERATIONS, seed=9).totals().values():
            scale = 1.0 + float(np.ptp(costs))
            assert_converges(costs, [scale * factor for factor in (0.1, 1.0, 10.0, 1e2, 1e3, 1e4)])

    @SETTINGS
    @given(data=v2_cases())
    def test_the_batna_is_always_allowed(self, data):
        evaluation = evaluate(parse_case(data), ITERATIONS, seed=10)
        assert evaluation.zopa.client_batna in evaluation.recommendation.allowed
        assert evaluation.zopa.client_batna not in ("solve", "exit_deal")
