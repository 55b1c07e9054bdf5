"""The triage as a driver of the advice (decision/analysis/triage_driver.py)."""

from __future__ import annotations

import dataclasses

import pytest

from decision.analysis.triage_driver import (
    CHEAPEST_SHARE,
    CLOSE_SHARE,
    RECOGNITION_REOPENS,
    triage_caveats,
    triage_drivers,
)
from decision.engine.results import Evaluation, evaluate
from decision.model.loader import parse_case
from decision.model.presets import load_preset
from decision.text.i18n import LANGUAGES, translate

ITERATIONS = 2_000


def erp_case(supplier: int = 2, p_success: float = 0.4, internal: float = 600_000, **triage: object):
    """The ERP example with the supplier's regard for the client at ``supplier`` and solve made dearer."""
    data = load_preset("erp-manufacturer").model_dump(mode="json")
    data["triage"]["supplier_values_client"] = supplier
    data["triage"].update(triage)
    data["solve"]["p_success"] = {"low": p_success - 0.1, "mode": p_success, "high": p_success + 0.1}
    data["solve"]["internal_cost"] = {"low": internal * 0.6, "mode": internal, "high": internal * 1.6}
    return parse_case(data)


def close_case():
    """Solve ruled out by a 2; within 2% of the advice (stop), cheapest in 39% of the futures."""
    return evaluate(erp_case(), ITERATIONS, 1)


def test_the_thresholds():
    assert CLOSE_SHARE == 0.05
    assert CHEAPEST_SHARE == 0.40
    assert RECOGNITION_REOPENS == 3


def test_a_close_option_ruled_out_by_the_supplier_score_is_said_with_what_brings_it_back():
    evaluation = close_case()
    advice = evaluation.recommendation.strategy
    assert advice == "stop" and "solve" not in evaluation.triage.allowed
    stop, solve = evaluation.strategies["stop"], evaluation.strategies["solve"]
    gap = solve.mean - stop.mean
    # The arithmetic of the 5% threshold: solve is dearer, but by less than 5% of the advice's cost.
    assert 0 < gap <= CLOSE_SHARE * stop.mean
    assert solve.p_best < CHEAPEST_SHARE  # so the caveat comes from the 5%, not from the 40%
    (driver,) = triage_drivers(evaluation)
    assert driver.option == "solve" and driver.rule == "solve_supplier" and driver.answers == {"score": 2}
    assert driver.reopened_advice == "stop" and not driver.becomes_advice
    assert driver.gap == pytest.approx(gap)
    (caveat,) = triage_caveats(evaluation)
    assert caveat.key == "triage_driver.solve_supplier.close"
    text = caveat.say("en")
    assert text.startswith("Solve is ruled out because the supplier scores 2 of 5 for its regard of the client")
    assert "at 3 or more it would be within €" in text
    assert f"{round(solve.p_best * 100)}%" in text
    assert "valt af" in caveat.say("nl") and "bij 3 of hoger" in caveat.say("nl")


def test_reopening_can_make_it_the_advice():
    evaluation = evaluate(erp_case(internal=500_000), ITERATIONS, 1)
    stop, solve = evaluation.strategies["stop"], evaluation.strategies["solve"]
    assert evaluation.recommendation.strategy == "stop" and solve.mean < stop.mean
    (driver,) = triage_drivers(evaluation)
    assert driver.becomes_advice and driver.reopened_advice == "solve"
    (caveat,) = triage_caveats(evaluation)
    assert caveat.key == "triage_driver.solve_supplier.advice"
    assert caveat.values["amount"] == pytest.approx(stop.mean - solve.mean)
    assert "at 3 or more, Solve would be the advice (€" in caveat.say("en")
    assert "cheaper in expectation" in caveat.say("en")


def test_an_option_far_off_gets_no_caveat():
    evaluation = evaluate(erp_case(p_success=0.3), ITERATIONS, 1)
    stop, solve = evaluation.strategies["stop"], evaluation.strategies["solve"]
    assert "solve" not in evaluation.triage.allowed
    assert solve.mean - stop.mean > CLOSE_SHARE * stop.mean and solve.p_best < CHEAPEST_SHARE
    assert triage_caveats(evaluation) == ()


def test_nothing_ruled_out_nothing_said():
    evaluation = evaluate(load_preset("erp-manufacturer"), ITERATIONS, 1)
    assert triage_caveats(evaluation) == ()


def _with(evaluation: Evaluation, option: str, mean: float, p_best: float) -> Evaluation:
    strategies = dict(evaluation.strategies)
    strategies[option] = dataclasses.replace(strategies[option], mean=mean, p_best=p_best)
    return dataclasses.replace(evaluation, strategies=strategies)


@pytest.mark.parametrize(
    ("extra", "p_best", "said"),
    [
        (0.05, 0.10, True),  # exactly 5% dearer: within 5%
        (0.0501, 0.10, False),  # just over 5% and cheapest in 10%: nothing
        (0.0501, 0.40, True),  # over 5% but cheapest in 40% of the futures
        (0.20, 0.399, False),  # 20% dearer, cheapest in 39.9%: nothing
        (0.20, 0.50, True),  # 20% dearer, cheapest in half of the futures
        (-0.01, 0.10, True),  # cheaper than the advice: reopening makes it the advice
    ],
)
def test_the_arithmetic_of_the_5_and_40_percent_thresholds(extra, p_best, said):
    evaluation = close_case()
    advice_cost = evaluation.strategies["stop"].mean
    # e.g. the advice costs about €2,994k: 5% of it is about €150k, so solve at €2,994k + €150k is still said.
    moved = _with(evaluation, "solve", advice_cost * (1 + extra), p_best)
    caveats = triage_caveats(moved)
    assert bool(caveats) is said
    if said:
        outcome = "advice" if extra < 0 else "close"
        assert caveats[0].key == f"triage_driver.solve_supplier.{outcome}"


@pytest.mark.parametrize(
    ("triage", "rule", "answers"),
    [
        ({"supplier_values_client": 4, "client_recognises_supplier": 1}, "solve_client", {"score": 1}),
        ({"supplier_values_client": 2, "client_recognises_supplier": 2}, "solve_both", {"client": 2, "supplier": 2}),
    ],
)
def test_the_recognition_rules(triage, rule, answers):
    evaluation = evaluate(erp_case(supplier=triage["supplier_values_client"], **triage), ITERATIONS, 1)
    (driver,) = triage_drivers(evaluation)
    assert driver.rule == rule and driver.answers == answers


@pytest.mark.parametrize(
    ("board", "continuity", "rule"),
    [(True, False, "muddle_board"), (False, True, "muddle_continuity"), (True, True, "muddle_both")],
)
def test_the_muddle_rules(board, continuity, rule):
    case = erp_case(supplier=4, weekly_board_agenda=board, continuity_threat=continuity)
    evaluation = evaluate(case, ITERATIONS, 1)
    advice_cost = evaluation.strategies[evaluation.recommendation.strategy].mean
    moved = _with(evaluation, "muddle", advice_cost * 1.03, 0.1)
    (driver,) = triage_drivers(moved)
    assert driver.option == "muddle" and driver.rule == rule and not driver.becomes_advice
    for lang in LANGUAGES:
        assert "{" not in driver.reason().say(lang)


def test_another_basis_compares_on_that_basis():
    evaluation = evaluate(erp_case(internal=500_000), ITERATIONS, 1, basis="p90")
    drivers = triage_drivers(evaluation)
    for driver in drivers:
        advice = evaluation.strategies[evaluation.recommendation.strategy]
        assert driver.gap == pytest.approx(evaluation.strategies[driver.option].p90 - advice.p90)
        if driver.becomes_advice:
            assert driver.reason().key.endswith(".advice_basis")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_sentence_is_complete(lang):
    for rule in ("solve_supplier", "solve_client", "solve_both", "muddle_board", "muddle_continuity", "muddle_both"):
        for outcome in ("advice", "advice_basis", "close"):
            text = translate(
                f"triage_driver.{rule}.{outcome}",
                lang,
                strategy="solve",
                score=2,
                client=2,
                supplier=1,
                threshold=3,
                amount=26_000,
                share=0.5,
            )
            assert "{" not in text and "triage_driver." not in text
