"""The horizon and the discount rate as axes of the strategy map (issue 14).

Hand-worked (tests/decision/builders.py, thousands of euros, r = 0, the horizon H free):
  muddle = 12 H;  switch = 242 + 2 (H - 6);  solve = 84 + 4 H on success, 12 H + 60 on failure
  (fallback muddle). With success certain, solve beats switch while 84 + 4 H < 230 + 2 H: below 73 months.
"""

from __future__ import annotations

import numpy as np

from decision.analysis.sensitivity import ranked, scores
from decision.analysis.strategy_map import describe, inputs, strategy_map
from decision.engine.simulation import draw, simulate
from decision.model.triage import triage
from tests.decision.builders import make_case

ITERATIONS = 300


def test_the_settings_are_inputs_of_the_map():
    assert {"horizon_months", "discount_rate"} <= set(inputs(make_case()))


def test_a_horizon_axis_is_each_horizon_simulated_on_the_same_seed():
    case = make_case({"solve.p_success": {"low": 0.6, "mode": 0.8, "high": 0.95}})
    item = strategy_map(case, "horizon_months", "solve.p_success", iterations=ITERATIONS, seed=2)
    assert item.x_values[0] == 12 and item.x_values[-1] == 120
    assert all(float(v).is_integer() for v in item.x_values)  # whole months
    assert item.marker_x == 24  # the case's own horizon
    allowed = triage(case).allowed
    # Brute force on a few cells: the case with that horizon, sampled afresh with the same seed.
    for i in (0, len(item.x_values) // 2, len(item.x_values) - 1):
        longer = case.model_copy(update={"horizon_months": int(item.x_values[i])})
        for j in (0, len(item.y_values) - 1):
            draws = draw(longer, ITERATIONS, 2).with_value("p_success", item.y_values[j])
            totals = simulate(longer, draws=draws).totals(False)
            assert item.cells[i][j] == ranked(scores(totals, "mean"), allowed)[0], (i, j)
    # Success certain (the top row): solving below 73 months, switching from 74 on.
    top = [column[-1] for column in item.cells]
    assert item.y_values[-1] == 1.0
    assert all(s == "solve" for x, s in zip(item.x_values, top, strict=True) if x < 73)
    assert all(s == "switch" for x, s in zip(item.x_values, top, strict=True) if x > 74)


def test_a_discount_rate_axis_and_its_sentences():
    item = strategy_map(make_case(), "discount_rate", "horizon_months", points=5, iterations=ITERATIONS)
    assert item.x_values == tuple(np.linspace(0.0, 0.3, 5))
    assert (item.marker_x, item.marker_y) == (0.0, 24)
    said = " ".join(describe(item, "nl"))
    assert "maanden" in said and "%" in said and "disconteringsvoet" in said and "horizon" in said
