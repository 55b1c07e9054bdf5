"""The memo draws and simulates the evaluation's sample once and hands it to every part (the sensitivity,
the agreement's zone, the decision tree, the first phase's budget): each part gives the same numbers as
when it makes the sample itself, so the shared sample changes the memo's speed, never its content."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from decision.analysis.negotiation import analyse as analyse_negotiation
from decision.analysis.sensitivity import analyse
from decision.analysis.tree import decision_tree
from decision.engine.results import evaluate
from decision.engine.simulation import draw, simulate
from decision.model.presets import load_preset
from decision.report.memo import first_phase_cost, memo

ITERATIONS = 300
TODAY = dt.date(2026, 3, 2)


def test_every_part_gives_the_same_numbers_on_the_shared_sample():
    case = load_preset("erp-manufacturer")  # SMART goals: the agreement's zone is in the memo too
    evaluation = evaluate(case, ITERATIONS, 7)
    draws = draw(case, ITERATIONS, 7)
    simulation = simulate(case, ITERATIONS, 7, draws=draws)
    own, shared = analyse(case, ITERATIONS, 7), analyse(case, ITERATIONS, 7, draws=draws, simulation=simulation)
    assert own.contract() == shared.contract()
    assert own.base == shared.base and own.evpi == shared.evpi
    assert decision_tree(evaluation) == decision_tree(evaluation, simulation)
    for strategy in evaluation.strategies:
        assert first_phase_cost(evaluation, strategy) == first_phase_cost(evaluation, strategy, draws=draws)
    zone, zone_shared = (
        analyse_negotiation(case, ITERATIONS, 7),
        analyse_negotiation(case, ITERATIONS, 7, draws=draws, simulation=simulation),
    )
    assert dataclasses.asdict(zone) == dataclasses.asdict(zone_shared)
    # The sample is not changed by the parts that used it.
    again = draw(case, ITERATIONS, 7)
    assert all(np.array_equal(draws.values[name], again.values[name]) for name in again.values)


def test_the_memo_with_the_apps_analysis_is_the_memo_it_makes_itself():
    case = load_preset("erp-manufacturer")
    evaluation = evaluate(case, ITERATIONS, 1)
    analysis = analyse(case, ITERATIONS, 1)  # as the app caches it for Why: its own sample
    assert memo(evaluation, "nl", TODAY, analysis) == memo(evaluation, "nl", TODAY)
