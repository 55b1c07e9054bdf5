"""Whose numbers a case holds, and what a recommendation still needs (decision.analysis.completeness)."""

from __future__ import annotations

from decision.analysis.completeness import count, defaults_that_matter, origin_of, readiness, shown_inputs
from decision.model.blank import blank_case
from decision.model.case import Case, Estimate
from decision.model.presets import load_preset, preset_ids
from decision.model.registry import BY_PATH


def test_a_new_case_is_not_ready_and_says_what_is_missing() -> None:
    case = blank_case()
    state = readiness(case)
    assert not state.ready and state.untouched
    # Every estimate the blank case sets is empty: the sixteen required ones.
    assert {spec.path for spec in state.empty} == {spec.path for spec in shown_inputs(case) if spec.required}
    assert state.unanswered == (
        "weekly_board_agenda",
        "continuity_threat",
        "client_recognises_supplier",
        "supplier_values_client",
    )


def test_every_preset_is_ready() -> None:
    for preset in preset_ids():
        assert readiness(load_preset(preset)).ready, preset


def test_an_estimate_filled_in_is_own_and_a_marked_one_a_default() -> None:
    case = blank_case()
    data = case.model_dump(mode="json")
    data["current"]["dysfunction_cost_per_month"] = {"low": 1, "mode": 2, "high": 3}
    data["stop"]["exit_cost"] = {"low": 1, "mode": 2, "high": 3, "origin": "default", "source": "DOMAIN.md"}
    data["triage"] = {"weekly_board_agenda": False, "continuity_threat": False}
    changed = Case.model_validate(data)
    assert origin_of(changed, BY_PATH["current.dysfunction_cost_per_month"]) == "own"
    assert origin_of(changed, BY_PATH["stop.exit_cost"]) == "default"
    # A model default the case leaves out (growth of the dysfunction 0%) is a default too.
    assert origin_of(changed, BY_PATH["current.dysfunction_growth_per_year"]) == "default"
    before, after = count(case), count(changed)
    assert (after.own, after.default, after.empty) == (before.own + 1, before.default + 1, before.empty - 2)
    state = readiness(changed)
    assert not state.untouched
    # The two yes/no questions are answered, the recognition scores are not.
    assert state.unanswered == ("client_recognises_supplier", "supplier_values_client")


def test_the_origin_survives_a_round_trip_and_own_is_not_written() -> None:
    marked = Estimate(low=1, mode=2, high=3, origin="default", source="DOMAIN.md")
    assert Estimate.model_validate_json(marked.model_dump_json()) == marked
    assert "origin" not in Estimate(low=1, mode=2, high=3).model_dump_json()
    assert Estimate.fixed(5.0).model_dump() == 5.0
    assert Estimate.fixed(0.0, origin="empty").model_dump() == {
        "low": 0.0,
        "mode": 0.0,
        "high": 0.0,
        "distribution": "pert",
        "source": "",
        "note": "",
        "origin": "empty",
    }
    blank = blank_case()
    assert Case.model_validate_json(blank.to_json()) == blank


def test_the_defaults_that_matter_are_ranked_by_the_tornado_swing() -> None:
    case = load_preset("erp-manufacturer")
    data = case.model_dump(mode="json")
    data["stop"]["exit_cost"] = {"low": 1, "mode": 2, "high": 3, "origin": "default"}
    data["legal"]["p_win"] = {"low": 0.4, "mode": 0.5, "high": 0.6, "origin": "default"}
    changed = Case.model_validate(data)
    swings = [("legal.p_win", 10.0), ("stop.exit_cost", 50.0), ("current.running_cost_per_month", 99.0)]
    assert [s.path for s in defaults_that_matter(changed, swings)] == ["stop.exit_cost", "legal.p_win"]
    # A default without swing does not matter.
    assert [s.path for s in defaults_that_matter(changed, [("legal.p_win", 0.0)])] == []
