"""The simulation keeps the last draws of each input (``simulation._kept``): a what-if that moves
one input samples only that input again, and the numbers are those of a fresh draw."""

from __future__ import annotations

import numpy as np
import pytest

from decision.engine import simulation
from decision.engine.results import evaluate, timeline
from decision.engine.simulation import INPUT_PATHS, _stream, as_drawn, case_estimate, draw, sample_estimate
from decision.model import registry
from decision.model.case import Estimate
from decision.model.presets import load_preset

PRESET = "partner-takeover"


def fresh(case, n: int, seed: int) -> dict[str, np.ndarray]:
    """Every sampled input drawn as the simulation did before it kept draws."""

    def sampled(spec: registry.InputSpec) -> np.ndarray:
        return sample_estimate(case_estimate(case, spec.path), n, _stream(seed, spec.stream or 0))

    return {
        spec.name: as_drawn(spec.name, sampled(spec))
        for spec in registry.inputs_in(case)
        if not registry.left_empty(case, spec)
    }


@pytest.mark.parametrize("seed", [1, 7])
def test_kept_draws_are_the_draws_a_fresh_sample_gives(seed: int) -> None:
    case = load_preset(PRESET)
    simulation._drawn_sample.kept.cache_clear()
    first, again = draw(case, 2_000, seed), draw(case, 2_000, seed)
    expected = fresh(case, 2_000, seed)
    assert set(expected) <= set(first.values)
    for name, values in expected.items():
        np.testing.assert_array_equal(first.values[name], values)
        assert again.values[name] is first.values[name]  # the second time from what was kept
    chances = expected["p_incident"]
    np.testing.assert_array_equal(first.incident_months, simulation.incident_months(chances, case.horizon_months, seed))


def test_a_kept_draw_cannot_be_changed_in_place() -> None:
    drawn = draw(load_preset(PRESET), 500, 1)
    with pytest.raises(ValueError, match="read-only"):
        drawn.values["dysfunction"][0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        drawn.win_uniforms[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        drawn.incident_months[0, 0] = 0


def test_a_what_if_draws_only_the_input_it_moves() -> None:
    case = load_preset(PRESET)
    before = draw(case, 2_000, 1)
    moved = case.model_copy(
        update={"current": case.current.model_copy(update={"dysfunction_cost_per_month": Estimate.fixed(55_555)})}
    )
    after = draw(moved, 2_000, 1)
    name = next(n for n, p in INPUT_PATHS.items() if p == "current.dysfunction_cost_per_month")
    assert (after.values[name] == 55_555).all()
    assert [n for n in before.values if after.values[n] is not before.values[n]] == [name]


def test_results_do_not_depend_on_what_was_kept() -> None:
    """Evaluated with every kept draw thrown away first, or after other cases filled the store: the same."""
    case = load_preset(PRESET)
    simulation._drawn_sample.kept.cache_clear()
    simulation._kept_incident_months.kept.cache_clear()
    simulation._uniforms.kept.cache_clear()
    cold, cold_curve = evaluate(case, 3_000, 1), timeline(case, seed=1)
    for other in ("erp-manufacturer", "orderly-exit", "strong-claim-stop"):
        evaluate(load_preset(other), 3_000, 1)
    warm, warm_curve = evaluate(case, 3_000, 1), timeline(case, seed=1)
    for strategy, result in cold.strategies.items():
        assert warm.strategies[strategy].mean == result.mean
        assert warm.strategies[strategy].p90 == result.p90
    for strategy, mean in cold_curve.mean.items():
        np.testing.assert_array_equal(warm_curve.mean[strategy], mean)


def test_a_large_sample_is_drawn_afresh_and_read_only_too() -> None:
    """Above KEPT_UP_TO iterations (the command line's --iterations) nothing is kept: memory stays bounded."""
    case = load_preset(PRESET)
    n = simulation.KEPT_UP_TO + 1
    before = simulation._drawn_sample.kept.cache_info().currsize
    first, again = draw(case, n, 1), draw(case, n, 1)
    assert simulation._drawn_sample.kept.cache_info().currsize == before
    assert again.values["dysfunction"] is not first.values["dysfunction"]
    np.testing.assert_array_equal(again.values["dysfunction"], first.values["dysfunction"])
    np.testing.assert_array_equal(again.incident_months, first.incident_months)
    with pytest.raises(ValueError, match="read-only"):
        first.values["dysfunction"][0] = 0.0
    # The first KEPT_UP_TO iterations of a large sample are the kept sample of that size: one stream.
    kept = draw(case, simulation.KEPT_UP_TO, 1)
    np.testing.assert_array_equal(first.values["dysfunction"][: simulation.KEPT_UP_TO], kept.values["dysfunction"])
