"""Variants: saving, applying, comparing, and both parties' estimates input by input.

The hand-worked base case (tests/decision/builders.py, all values fixed) costs
180,000 under solve (programme share 30,000, internal 30,000, three months of
dysfunction 30,000, running 48,000, residual dysfunction 0.2 x 10,000 x 21 =
42,000) and 278,000 under switch. Solve stays the cheapest while half the
programme cost is below 30,000 + 98,000, i.e. for a programme below 256,000.
"""

from __future__ import annotations

import json

import pytest

from decision.analysis import variants
from decision.engine.results import evaluate
from decision.model.case import Case, Estimate
from decision.model.loader import load_case_bytes
from decision.model.problems import CaseError

from .builders import make_case


def quick(case: Case):
    return evaluate(case, iterations=200, seed=1)


def supplier_view(case: Case, changes: dict) -> variants.Variant:
    return variants.with_values(variants.capture(case, "supplier view", "supplier"), changes)


def group_model(group: str):
    """The model of a case group; the optional ways out are ``Model | None``."""
    annotation = Case.model_fields[group].annotation
    return next((arm for arm in getattr(annotation, "__args__", ()) if arm is not type(None)), annotation)


def test_every_field_of_the_assumption_groups_is_compared():
    fields = {f"{group}.{name}" for group in variants.GROUPS for name in group_model(group).model_fields}
    assert sorted(variants.COMPARED) == sorted(fields)


def test_a_case_without_variants_is_valid_and_variants_survive_the_file():
    case = make_case()
    assert case.variants == ()
    stored = variants.save(case, variants.capture(case, "pessimistic"))
    reread = load_case_bytes(stored.to_json().encode())
    assert reread == stored.model_copy(update={"schema_version": 2})
    assert json.loads(stored.to_json())["variants"][0]["name"] == "pessimistic"


def test_apply_sets_the_assumptions_and_keeps_the_rest():
    case = make_case()
    pessimistic = variants.with_values(variants.capture(case, "pessimistic"), {"legal.p_win": 0.2})
    stored = variants.save(case, pessimistic)
    applied = variants.apply(stored, pessimistic)
    assert applied.legal.p_win == Estimate.fixed(0.2)
    assert applied.triage == case.triage and applied.horizon_months == 24
    assert applied.variants == (pessimistic,)
    assert variants.scenario(stored, pessimistic).variants == ()
    assert variants.apply(case, variants.capture(case, "same")) == case


def test_save_replaces_by_name_and_keeps_one_view_per_party():
    case = make_case()
    first = variants.capture(case, "client view", "client")
    case = variants.save(case, first)
    case = variants.save(case, variants.capture(case, "pessimistic"))
    newer = variants.with_values(variants.capture(case, "client view 2", "client"), {"legal.p_win": 0.3})
    case = variants.save(case, newer)
    assert [v.name for v in case.variants] == ["client view", "pessimistic", "client view 2"]
    assert variants.of_party(case, "client") == newer
    assert variants.find(case, "client view").party is None
    replaced = variants.with_values(newer, {"legal.p_win": 0.4})
    case = variants.save(case, replaced)
    assert len(case.variants) == 3 and variants.find(case, "client view 2").legal.p_win.mode == 0.4
    assert [v.name for v in variants.remove(case, "pessimistic").variants] == ["client view", "client view 2"]


def test_a_case_holds_at_most_twenty_variants():
    case = make_case()
    for number in range(variants.MAX_STORED):
        case = variants.save(case, variants.capture(case, f"v{number}"))
    with pytest.raises(CaseError, match="at most 20"):
        variants.save(case, variants.capture(case, "one too many"))


def test_capture_refuses_an_empty_name():
    with pytest.raises(CaseError, match="name"):
        variants.capture(make_case(), "   ")


def test_differences_list_only_the_numbers_that_differ():
    case = make_case()
    client = variants.capture(case, "client view", "client")
    sourced = Estimate(low=60_000, mode=60_000, high=60_000, source="supplier's quote")
    supplier = supplier_view(
        case, {"solve.programme_cost": sourced, "solve.p_success": {"low": 0.5, "mode": 0.7, "high": 0.9}}
    )
    found = variants.differences(client, supplier)
    assert [d.path for d in found] == ["solve.p_success"]
    assert found[0].kind == "probability"
    assert (found[0].first, found[0].second) == (Estimate.fixed(1), Estimate(low=0.5, mode=0.7, high=0.9))


def test_estimates_are_entered_in_percent_and_keep_their_source():
    case = make_case({"solve.p_success": {"low": 0.6, "mode": 0.7, "high": 0.8, "source": "mediator"}})
    view = variants.capture(case, "client view", "client")
    changed = variants.with_estimates(view, {"solve.p_success": (20, 30, 40), "stop.exit_cost": (1, 2, 3)})
    assert changed.solve.p_success == Estimate(low=0.2, mode=0.3, high=0.4, source="mediator")
    assert changed.stop.exit_cost == Estimate(low=1, mode=2, high=3)


def test_an_empty_revenue_means_the_default_and_half_an_estimate_is_refused():
    view = variants.capture(make_case({"supplier.revenue_per_month": 5_000}), "v")
    assert (
        variants.with_estimates(view, {"supplier.revenue_per_month": (None, None, None)}).supplier.revenue_per_month
        is None
    )
    problems = variants.entry_problems(
        {
            "legal.claim": (None, 1, 2),
            "legal.p_win": (90, 50, 95),
            "solve.p_success": (10, 20, 130),
            "stop.exit_cost": (1, 2, 3),
        }
    )
    assert {path: [(r.key, r.values) for r in found] for path, found in problems.items()} == {
        "legal.claim": [("inputs.error.missing", {"part": "low"})],
        "legal.p_win": [("inputs.error.order", {"low": 0.9, "mode": 0.5, "high": 0.95})],
        "solve.p_success": [("inputs.error.above", {"part": "high", "value": 1.3, "limit": 1.0})],
    }
    with pytest.raises(CaseError, match=r"legal\.p_win: inputs\.error\.order"):
        variants.with_estimates(view, {"legal.p_win": (90, 50, 95)})


def test_the_party_gap_finds_the_input_that_flips_the_recommendation():
    case = make_case()
    client = variants.capture(case, "client view", "client")
    # Programme 300,000: solve costs 150,000 + 150,000 = 300,000 > switch 278,000.
    # Internal cost 40,000 on its own: solve 190,000, still the cheapest.
    supplier = supplier_view(case, {"solve.programme_cost": 300_000, "solve.internal_cost": 40_000})
    gap = variants.party_gap(case, client, supplier, quick)
    assert (gap.client_strategy, gap.supplier_strategy) == ("solve", "switch")
    assert gap.changes_recommendation
    assert [(e.difference.path, e.strategy, e.flips) for e in gap.effects] == [
        ("solve.programme_cost", "switch", True),
        ("solve.internal_cost", "solve", False),
    ]
    assert [e.difference.path for e in gap.decisive] == ["solve.programme_cost"]


def test_a_difference_below_the_break_even_changes_nothing():
    case = make_case()
    client = variants.capture(case, "client view", "client")
    supplier = supplier_view(case, {"solve.programme_cost": 250_000})  # solve 275,000 < switch 278,000
    gap = variants.party_gap(case, client, supplier, quick)
    assert not gap.changes_recommendation and gap.decisive == ()
    assert quick(variants.scenario(case, supplier)).strategies["solve"].mean == pytest.approx(275_000)


def test_evaluate_all_keeps_the_order_and_refuses_a_fifth_variant():
    case = make_case()
    for name, cost in [("a", 60_000), ("b", 300_000), ("c", 100_000), ("d", 0), ("e", 1)]:
        case = variants.save(case, variants.with_values(variants.capture(case, name), {"solve.programme_cost": cost}))
    results = variants.evaluate_all(case, ["b", "a"], quick)
    assert list(results) == ["b", "a"]
    assert results["b"].recommendation.strategy == "switch"
    assert results["a"].strategies["solve"].mean == pytest.approx(180_000)
    with pytest.raises(ValueError, match="at most 4"):
        variants.evaluate_all(case, ["a", "b", "c", "d", "e"], quick)


# --- v2: the contract and the optional ways out ----------------------------------------------


def preset(name: str) -> Case:
    from decision.model.presets import load_preset

    return load_preset(name)


def test_a_variant_holds_the_contract_and_the_partner_of_the_case():
    case = preset("partner-takeover")
    saved = variants.capture(case, "client view")
    assert saved.contract == case.contract and saved.partner == case.partner and saved.exit_deal is None
    changed = variants.apply(case, variants.with_values(saved, {"partner.p_success": Estimate.fixed(0.9)}))
    assert changed.partner.p_success == Estimate.fixed(0.9)
    # Applying the saved variant gives the case back, the partner's estimate included.
    assert variants.apply(changed, saved) == case


def test_a_variant_saved_before_v2_keeps_the_case_contract():
    case = preset("partner-takeover")
    data = variants.capture(case, "old").model_dump(mode="json")
    for group in ("contract", "partner", "exit_deal"):
        data.pop(group)
    old = variants.Variant.model_validate(data)
    assert old.contract is None and old.partner is None
    assert variants.apply(case, old) == case  # nothing of the contract or the partner is lost


def test_a_variant_does_not_switch_an_optional_way_out_on_or_off():
    with_partner = preset("partner-takeover")
    saved = variants.capture(with_partner, "with partner")
    without = with_partner.model_copy(update={"partner": None})
    assert variants.apply(without, saved).partner is None  # the case decides which ways out it considers
    assert variants.apply(with_partner, variants.capture(without, "without")).partner == with_partner.partner


def test_differences_cover_the_contract_and_skip_a_way_out_only_one_holds():
    case = preset("partner-takeover")
    first = variants.capture(case, "a")
    second = variants.with_values(first, {"contract.committed_months": Estimate.fixed(17)})
    assert [d.path for d in variants.differences(first, second)] == ["contract.committed_months"]
    no_partner = variants.capture(case.model_copy(update={"partner": None}), "b")
    changed = variants.with_values(no_partner, {"solve.p_success": Estimate.fixed(0.1)})
    assert [d.path for d in variants.differences(first, changed)] == ["solve.p_success"]


def test_the_estimates_both_views_hold_include_a_way_out_only_when_both_hold_it():
    case = preset("partner-takeover")
    with_partner = variants.capture(case, "a")
    without = variants.capture(case.model_copy(update={"partner": None}), "b")
    paths = [spec.path for spec in variants.estimates_held(with_partner, with_partner)]
    assert "partner.p_success" in paths and "contract.committed_months" in paths
    assert not [
        path for path in (s.path for s in variants.estimates_held(with_partner, without)) if path.startswith("partner.")
    ]
