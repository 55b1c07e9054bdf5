"""Whose numbers a case holds, and what a recommendation still needs (decision.analysis.completeness)."""

from __future__ import annotations

from decision.analysis.completeness import (
    count,
    defaults_that_matter,
    origin_of,
    readiness,
    risks_left_out,
    say_rests_on_defaults,
    say_risks_left_out,
    shown_inputs,
)
from decision.engine.results import evaluate
from decision.model.blank import blank_case
from decision.model.case import Case, Estimate
from decision.model.presets import load_preset, preset_ids
from decision.model.quick import EXAMPLE as QUICK_EXAMPLE
from decision.model.quick import quick_case
from decision.model.registry import BY_PATH, FIELDS


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
    # Said in one sentence, for the pages and page one of the report alike; nothing when none matters.
    assert say_rests_on_defaults(changed, swings, "en") == (
        "This recommendation rests partly on defaults. Those that matter most: Cost of leaving the contract, "
        "Chance of winning in court. Replace them with your own numbers on the Assumptions page before you decide."
    )
    assert say_rests_on_defaults(changed, [("legal.p_win", 0.0)], "en") is None


# -- risks the advice has not weighed ---------------------------------------------------------------

# Each risk of the registry moved off the value that rules it out, to a worse one (the incident's
# chance and cost together: either alone at 0 is no incident).
WORSE = {
    "current.dysfunction_growth_per_year": {"current.dysfunction_growth_per_year": 0.25},
    "current.incident_probability_per_year": {
        "current.incident_probability_per_year": 0.5,
        "current.incident_cost": 200_000.0,
    },
    "legal.recovery_fraction": {"legal.recovery_fraction": 0.5},
    "legal.counterclaim": {"legal.counterclaim": 300_000.0},
}


def with_fixed(case: Case, values: dict[str, float], origin: str = "own") -> Case:
    data = case.model_dump(mode="json")
    for path, value in values.items():
        group, field = path.split(".")
        data[group][field] = {"low": value, "mode": value, "high": value, "origin": origin}
    return Case.model_validate(data)


def test_the_risks_are_the_downsides_their_default_rules_out() -> None:
    """Each input marked as a risk costs the client more once it is moved off its default: the
    default (0% growth, no incident, all damages recovered, no counterclaim) is the best case."""
    risks = {spec.path for spec in FIELDS if spec.risk}
    assert risks == {path for values in WORSE.values() for path in values}
    base = load_preset("erp-manufacturer")
    base = with_fixed(base, {path: float(BY_PATH[path].default) for path in risks})  # type: ignore[arg-type]
    before = evaluate(base, iterations=2_000)
    for risk, values in WORSE.items():
        after = evaluate(with_fixed(base, values), iterations=2_000)
        means = {s: (before.strategies[s].mean, after.strategies[s].mean) for s in before.strategies}
        assert all(new >= old - 1e-6 for old, new in means.values()), (risk, means)
        assert any(new > old + 1_000 for old, new in means.values()), (risk, means)


def test_a_quick_case_names_the_risks_it_has_not_weighed_with_their_values() -> None:
    case = quick_case(QUICK_EXAMPLE, "nl")
    assert [spec.path for spec in risks_left_out(case)] == [
        "current.dysfunction_growth_per_year",
        "current.incident_probability_per_year",
        "current.incident_cost",
        "legal.recovery_fraction",
        "legal.counterclaim",
    ]
    # By the Assumptions tab each is entered on, with the value the advice assumed.
    assert say_risks_left_out(case, "nl").replace("\xa0", " ") == (
        "Het advies weegt deze risico's nog niet mee: ze staan elk op de standaardwaarde die het risico "
        "uitsluit. Huidige situatie: Groei van de schade (0% per jaar); Kans op een groot incident, per jaar "
        "(0%); Kosten van één groot incident (€ 0). Juridische procedure: Deel dat werkelijk binnenkomt (100%); "
        "Tegenvordering bij verlies (€ 0). Schat ze op de pagina Aannames, op die tabbladen, voordat u besluit."
    )
    assert say_risks_left_out(quick_case(QUICK_EXAMPLE, "en"), "en").startswith(
        "The advice has not weighed these risks yet: each stands at the default that rules it out. "
        "Current situation: Growth of the dysfunction (0% per year); "
    )


def test_a_risk_estimated_or_set_by_the_director_is_not_named() -> None:
    case = quick_case(QUICK_EXAMPLE, "en")
    # A range, even one that starts at the default, is weighed: the tornado can rank it.
    data = case.model_dump(mode="json")
    data["current"]["dysfunction_growth_per_year"] = {"low": 0.0, "mode": 0.05, "high": 0.15, "origin": "own"}
    ranged = Case.model_validate(data)
    assert "current.dysfunction_growth_per_year" not in [s.path for s in risks_left_out(ranged)]
    # A worse value, one number, is the director's: weighed (the advice includes it).
    fixed = with_fixed(case, {"legal.counterclaim": 50_000.0})
    assert "legal.counterclaim" not in [s.path for s in risks_left_out(fixed)]
    # Every risk estimated: nothing to say.
    estimated = with_fixed(case, {path: value for values in WORSE.values() for path, value in values.items()})
    assert risks_left_out(estimated) == ()
    assert say_risks_left_out(estimated, "en") is None


def test_no_preset_leaves_a_risk_out() -> None:
    for preset in preset_ids():
        assert risks_left_out(load_preset(preset)) == (), preset
