"""The strategy map (decision/analysis/strategy_map.py): the advice over a grid of two inputs.

The hand-worked case (tests/decision/builders.py, as in test_sensitivity.py), in thousands of euros,
with s the share of the draws in which solving succeeds and w the share in which the lawsuit is won
(the chances fixed at the cell's values, the draws' own uniforms deciding):
  muddle = 288, switch = 278, solve (fallback muddle) = 180 + 168 (1 - s), stop = 418 - 240 w.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from decision.analysis.sensitivity import NAMES
from decision.analysis.strategy_map import (
    COARSE_POINTS,
    EVENT_CHANCES,
    POINTS,
    StrategyMap,
    describe,
    say_input_value,
    strategy_map,
)
from decision.engine.results import _score, evaluate, summarise
from decision.engine.simulation import draw, simulate
from decision.model.presets import EXAMPLE, load_preset
from decision.model.triage import triage
from decision.text.i18n import LANGUAGES
from tests.conftest import PRESETS
from tests.decision.builders import make_case

ITERATIONS = 2_000
ACUTE_NO_SOLVE = {"triage.weekly_board_agenda": True, "triage.client_recognises_supplier": 1}
PLACEHOLDER = re.compile(r"[{}]")


def direct(case, item: StrategyMap, i: int, j: int, draws) -> tuple[str, float]:
    """The cell (i, j) the slow way: both inputs fixed, one full simulation, ranked as results.recommend ranks."""
    fixed = draws.with_value(NAMES[item.x], item.x_values[i]).with_value(NAMES[item.y], item.y_values[j])
    simulation = simulate(case, draws=fixed)
    results = summarise(simulation, item.view == "book", item.allowed, case.preferences.risk_tolerance)
    values = {s: _score(results[s], item.basis) for s in item.allowed}
    ranked = sorted(item.allowed, key=lambda s: values[s])
    return ranked[0], values[ranked[1]] - values[ranked[0]]


# --- hand-worked -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hand() -> tuple[object, StrategyMap, object]:
    case = make_case()
    draws = draw(case, ITERATIONS, 1)
    return case, strategy_map(case, iterations=ITERATIONS), draws


@pytest.mark.parametrize(
    ("p_success", "p_win", "expected"),
    [
        (1.0, 0.0, "solve"),  # 180 against switch 278
        (0.0, 0.0, "switch"),  # solve 348, stop 418, muddle 288: switch 278
        (0.0, 1.0, "stop"),  # 178
        (0.5, 0.5, "solve"),  # about 264 against stop 298 and switch 278
        (0.3, 0.9, "stop"),  # about 202 against solve 298
        (0.3, 0.3, "switch"),  # solve about 298, stop about 346
        (0.2, 0.7, "stop"),  # about 250 against switch 278 and solve 314
    ],
)
def test_hand_worked_cells(hand, p_success, p_win, expected) -> None:
    case, item, draws = hand
    i = item.x_values.index(pytest.approx(p_success))
    j = item.y_values.index(pytest.approx(p_win))
    s = float(np.mean(draws.success_uniforms < p_success))
    w = float(np.mean(draws.win_uniforms < p_win))
    costs = {"muddle": 288e3, "switch": 278e3, "solve": 180e3 + 168e3 * (1 - s), "stop": 418e3 - 240e3 * w}
    ranked = sorted(costs, key=costs.get)
    assert ranked[0] == expected
    assert item.cells[i][j] == expected
    assert item.margins[i][j] == pytest.approx(costs[ranked[1]] - costs[ranked[0]], rel=1e-9, abs=1e-6)


def test_the_hand_worked_map_is_on_the_default_grid_over_the_search_ranges(hand) -> None:
    _, item, _ = hand
    assert (item.x, item.y) == ("solve.p_success", "legal.p_win")
    assert len(item.x_values) == len(item.y_values) == POINTS
    assert (item.x_values[0], item.x_values[-1], item.y_values[0], item.y_values[-1]) == (0.0, 1.0, 0.0, 1.0)
    assert (item.marker_x, item.marker_y) == (1.0, 0.0)  # the case's own (fixed) values
    assert item.strategies == ("switch", "stop", "solve")  # muddle (288) is never the cheapest
    assert item.search_x == (0.0, 1.0)


def test_the_hand_worked_map_in_words(hand) -> None:
    _, item, _ = hand
    said = describe(item, "en")
    # switch against stop: 140 - 240 w = 0 at w = 58%; solve against switch at s = 42%: the grid's borders.
    assert said[0] == (
        "While the chance that solving succeeds is below 43%, Stop and take the loss is the advice as long as "
        "the chance of winning in court is below 58%; above it, Stop and sue takes over."
    )
    assert said[1].startswith("While the chance that solving succeeds is above 43%, Solve is the advice as long as")
    assert said[-1] == (
        "At the case's own estimates (the chance that solving succeeds 100%, the chance of winning in court 0%) "
        "the map gives Solve."
    )


# --- on the same draws as the evaluation --------------------------------------------------------


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("basis", ["mean", "p90"])
def test_the_map_recommends_what_the_evaluation_recommends(preset, basis) -> None:
    case = load_preset(preset)
    item = strategy_map(case, points=5, iterations=ITERATIONS, basis=basis)
    advice = evaluate(case, ITERATIONS, 1, basis=basis).recommendation.strategy
    assert item.recommended == advice
    assert item.allowed == triage(case).allowed
    assert set(item.strategies) <= set(item.allowed)


def test_the_cell_at_the_case_s_own_values_recommends_what_the_evaluation_recommends() -> None:
    case = load_preset(EXAMPLE)
    item = strategy_map(case, iterations=10_000)
    advice = evaluate(case, 10_000, 1).recommendation.strategy
    assert item.marker_strategy == advice == item.recommended
    # The marker is the inputs' means; the grid cell nearest to it gives the same advice.
    i = int(np.argmin(np.abs(np.array(item.x_values) - item.marker_x)))
    j = int(np.argmin(np.abs(np.array(item.y_values) - item.marker_y)))
    assert item.cells[i][j] == advice


def test_the_case_s_own_values_on_the_grid_give_the_evaluation_s_advice() -> None:
    # The hand-worked case holds fixed values: fixing the inputs there changes nothing at all.
    case = make_case({"solve.p_success": 0.5, "legal.p_win": 0.25})
    item = strategy_map(case, iterations=ITERATIONS)
    i, j = item.x_values.index(0.5), item.y_values.index(0.25)
    assert item.cells[i][j] == item.marker_strategy == item.recommended
    assert item.recommended == evaluate(case, ITERATIONS, 1).recommendation.strategy


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("basis", ["mean", "p90"])
def test_a_higher_chance_that_solving_succeeds_never_turns_a_solve_cell_into_another(preset, basis) -> None:
    case = load_preset(preset)
    item = strategy_map(case, iterations=ITERATIONS, basis=basis)
    for j in range(len(item.y_values)):
        along = [item.cells[i][j] for i in range(len(item.x_values))]
        if "solve" in along:
            first = along.index("solve")
            assert all(s == "solve" for s in along[first:]), (j, along)


# --- the shortcut for the chance of an event, against a direct simulation ------------------------

EVENT_CASES = {
    "p_win": (EXAMPLE, "legal.p_win", "stop.replacement_months"),
    "p_success": (EXAMPLE, "solve.p_success", "current.dysfunction_cost_per_month"),
    "p_settle": ("strong-claim-stop", "legal.p_settle", "legal.p_win"),
    "gate_detection": (EXAMPLE, "solve.gate_detection", "solve.p_success"),
    "partner_p_success": ("partner-takeover", "partner.p_success", "stop.replacement_cost"),
    "p_agree": ("orderly-exit", "exit_deal.p_agree", "legal.p_win"),
}


def test_every_event_chance_is_checked() -> None:
    assert set(EVENT_CASES) == set(EVENT_CHANCES)


@pytest.mark.parametrize("name", sorted(EVENT_CASES))
def test_the_event_shortcut_gives_what_a_direct_simulation_gives(name) -> None:
    preset, x, y = EVENT_CASES[name]
    case = load_preset(preset)
    for basis in ("mean", "p90"):
        item = strategy_map(case, x, y, points=4, iterations=ITERATIONS, basis=basis)
        draws = draw(case, ITERATIONS, 1)
        for i in range(len(item.x_values)):
            for j in range(len(item.y_values)):
                strategy, margin = direct(case, item, i, j, draws)
                assert item.cells[i][j] == strategy
                assert item.margins[i][j] == pytest.approx(margin, rel=1e-9, abs=1e-6)


def test_two_amounts_are_simulated_cell_by_cell_on_a_coarser_grid() -> None:
    case = load_preset(EXAMPLE)
    item = strategy_map(case, "stop.replacement_cost", "current.dysfunction_cost_per_month", iterations=500)
    assert len(item.x_values) == len(item.y_values) == COARSE_POINTS
    draws = draw(case, 500, 1)
    for i, j in ((0, 0), (3, 7), (10, 10)):
        strategy, margin = direct(case, item, i, j, draws)
        assert (item.cells[i][j], item.margins[i][j]) == (strategy, pytest.approx(margin, rel=1e-9))


def test_durations_are_whole_months() -> None:
    case = load_preset(EXAMPLE)
    item = strategy_map(case, "solve.p_success", "stop.replacement_months", iterations=500)
    assert all(float(v).is_integer() and v >= 1 for v in item.y_values)
    assert list(item.y_values) == sorted(set(item.y_values))


def test_the_certainty_equivalent_basis() -> None:
    case = make_case({"solve.p_success": 0.6, "legal.p_win": 0.4})
    case = case.model_copy(
        update={
            "preferences": case.preferences.model_copy(
                update={"basis": "certainty_equivalent", "risk_tolerance": 50_000}
            )
        }
    )
    item = strategy_map(case, points=5, iterations=ITERATIONS)
    assert item.basis == "certainty_equivalent"
    assert item.recommended == evaluate(case, ITERATIONS, 1).recommendation.strategy
    draws = draw(case, ITERATIONS, 1)
    for i, j in ((0, 0), (2, 3), (4, 4)):
        strategy, margin = direct(case, item, i, j, draws)
        assert (item.cells[i][j], item.margins[i][j]) == (strategy, pytest.approx(margin, rel=1e-9))


def test_the_triage_s_options_only() -> None:
    case = make_case(ACUTE_NO_SOLVE)
    item = strategy_map(case, iterations=500)
    assert "solve" not in item.strategies
    assert set(item.strategies) <= set(triage(case).allowed)


@pytest.mark.parametrize(
    ("x", "y"),
    [("solve.p_success", "solve.p_success"), ("solve.p_success", "supplier.normal_margin"), ("nope", "legal.p_win")],
)
def test_two_different_client_inputs_are_needed(x, y) -> None:
    with pytest.raises(ValueError):
        strategy_map(make_case(), x, y, iterations=100)


def test_the_transposed_map_is_the_same_map() -> None:
    item = strategy_map(make_case(), points=5, iterations=500)
    back = item.transposed()
    assert (back.x, back.y, back.marker_x) == (item.y, item.x, item.marker_y)
    assert all(back.cells[j][i] == item.cells[i][j] for i in range(5) for j in range(5))
    assert back.transposed() == item


# --- in words ----------------------------------------------------------------------------------


def maps() -> dict[str, StrategyMap]:
    example = load_preset(EXAMPLE)
    return {
        "hand": strategy_map(make_case(), iterations=ITERATIONS),
        "example": strategy_map(example, iterations=ITERATIONS),
        "example_p90": strategy_map(example, iterations=ITERATIONS, basis="p90"),
        "amounts": strategy_map(example, "stop.replacement_cost", "current.dysfunction_cost_per_month", iterations=500),
        "months": strategy_map(example, "solve.p_success", "stop.replacement_months", iterations=500),
        "growth": strategy_map(example, "current.dysfunction_growth_per_year", "legal.p_win", iterations=500),
        "one_option": strategy_map(
            make_case(ACUTE_NO_SOLVE), "solve.p_success", "solve.programme_cost", iterations=500
        ),
    }


@pytest.fixture(scope="module")
def all_maps() -> dict[str, StrategyMap]:
    return maps()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentences_have_no_leftover_placeholders(all_maps, lang) -> None:
    for name, item in all_maps.items():
        said = describe(item, lang)
        assert said, name
        for sentence in said:
            assert not PLACEHOLDER.search(sentence), (name, sentence)
            assert "strategy_map." not in sentence and "sensitivity." not in sentence, (name, sentence)
            assert sentence.endswith("."), (name, sentence)


def test_one_option_everywhere_is_said_once(all_maps) -> None:
    said = describe(all_maps["one_option"], "en")
    assert said[0].startswith("Stop and take the loss is the advice everywhere on the map: whatever")
    assert len(said) == 2  # and the marker


def test_many_changes_are_said_per_option() -> None:
    # A chequerboard that no band can say: the share of the map per option instead.
    item = strategy_map(make_case(), points=5, iterations=500)
    board = tuple(tuple("switch" if (i + j) % 2 else "stop" for j in range(5)) for i in range(5))
    said = describe(StrategyMap(**{**item.__dict__, "cells": board}), "en")
    assert said[:2] == (
        "Stop and take the loss is the advice in 48% of the map.",
        "Stop and sue is the advice in 52% of the map.",
    )


def test_three_runs_along_one_input_are_listed() -> None:
    item = strategy_map(make_case(), points=5, iterations=500)
    column = ("switch", "stop", "stop", "solve", "solve")
    said = describe(StrategyMap(**{**item.__dict__, "cells": (column,) * 5}), "en")
    assert said[0] == (
        "Whatever the chance that solving succeeds (from 0% to 100%), the advice changes as the chance of "
        "winning in court rises: Stop and take the loss below 13%, Stop and sue from 13% to 63%, Solve above 63%."
    )


def test_a_band_over_the_whole_of_one_input_is_said_whatever_it_is() -> None:
    # Two runs along the chance of winning, the same for every chance that solving succeeds: not "while the
    # chance is anywhere from 0% to 100%" but "whatever the chance".
    item = strategy_map(make_case(), points=5, iterations=500)
    column = ("switch", "switch", "stop", "stop", "stop")
    cells = StrategyMap(**{**item.__dict__, "cells": (column,) * 5})
    assert describe(cells, "en")[0] == (
        "Whatever the chance that solving succeeds (from 0% to 100%), Stop and take the loss is the advice as long "
        "as the chance of winning in court is below 38%; above it, Stop and sue takes over."
    )
    dutch = describe(cells, "nl")[0]
    assert dutch.startswith("Ongeacht de kans dat oplossen slaagt (van 0% tot 100%) is ")
    assert "Zolang" not in dutch and "ergens tussen" not in dutch


def test_a_band_says_zolang_once() -> None:
    item = strategy_map(make_case(), points=5, iterations=500)
    column = ("switch", "switch", "stop", "stop", "stop")
    other = ("solve",) * 5
    said = describe(StrategyMap(**{**item.__dict__, "cells": (column, column, other, other, other)}), "nl")
    assert said[0].startswith("Zolang de kans dat oplossen slaagt onder ")
    assert said[0].lower().count("zolang") == 1


def test_a_marker_off_the_advice_is_said() -> None:
    item = strategy_map(make_case(), points=5, iterations=500)
    said = describe(StrategyMap(**{**item.__dict__, "recommended": "stop"}), "nl")
    assert said[-1].startswith("Met deze twee gegevens onzeker, zoals in het advies zelf, is het Stoppen en procederen")


def test_values_are_said_to_what_a_grid_can_tell() -> None:
    assert say_input_value("legal.p_win", 0.575, "en") == "58%"
    assert say_input_value("legal.p_win", (0.55 + 0.6) / 2, "nl") == "58%"
    assert (
        say_input_value("legal.p_win", 0.425, "en") == say_input_value("legal.p_win", (0.4 + 0.45) / 2, "en") == "43%"
    )
    assert say_input_value("current.dysfunction_growth_per_year", 0.1, "en") == "10% per year"
    assert say_input_value("stop.replacement_months", 6.5, "en") == "7 months"
    assert say_input_value("stop.replacement_cost", 1_234_567, "en") == "€1,230,000"


def test_the_book_view() -> None:
    case = load_preset(EXAMPLE)
    item = strategy_map(case, points=3, iterations=ITERATIONS, view="book")
    assert item.view == "book"
    assert item.recommended == evaluate(case, ITERATIONS, 1, view="book").recommendation.strategy
    draws = draw(case, ITERATIONS, 1)
    strategy, margin = direct(case, item, 1, 2, draws)
    assert (item.cells[1][2], item.margins[1][2]) == (strategy, pytest.approx(margin, rel=1e-9))


def test_the_map_says_its_precision(hand) -> None:
    from decision.analysis.strategy_map import precision

    _, item, _ = hand
    # 21 points from 0% to 100%: a step of 100% / 20 = 5% on both axes.
    assert precision(item, "en") == (
        f"Precision: every cell is computed on the same {item.iterations:,} futures as the advice, so a border "
        "between two options is the effect of the two inputs, not chance; a border is placed to within one step "
        "of the grid: 5% for the chance that solving succeeds, 5% for the chance of winning in court."
    )
    assert "5% voor de kans dat oplossen slaagt" in precision(item, "nl")
