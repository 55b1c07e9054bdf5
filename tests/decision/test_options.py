"""The two optional ways out, pre-filled from the case when switched on (decision.model.options)."""

from __future__ import annotations

from typing import Any

import pytest

from decision.analysis.completeness import Count, count, origin_of, readiness
from decision.engine.results import evaluate
from decision.model import options
from decision.model.blank import blank_case
from decision.model.case import Case
from decision.model.loader import parse_case
from decision.model.presets import load_preset
from decision.model.registry import BY_PATH, strategies_of


def case_with(**groups: dict[str, Any]) -> Case:
    """The ERP example with these groups' fields set (and both optional ways out off)."""
    data = load_preset("erp-manufacturer").model_dump(mode="json")
    data["partner"] = data["exit_deal"] = None
    for group, fields in groups.items():
        data[group] = {**data[group], **fields}
    return parse_case(data)


CASE = case_with(
    current={"running_cost_per_month": 12_000},
    contract={"committed_months": {"low": 20, "mode": 24, "high": 30}},
    stop={"exit_cost": {"low": 40_000, "mode": 60_000, "high": 100_000}},
    legal={"p_settle": {"low": 0.3, "mode": 0.4, "high": 0.5, "distribution": "triangular"}},
    solve={
        "programme_cost": {"low": 150_000, "mode": 250_000, "high": 450_000},
        "improvement_months": {"low": 3, "mode": 7, "high": 12},
        "p_success": {"low": 0.5, "mode": 0.65, "high": 0.8},
        "residual_dysfunction": {"low": 0.1, "mode": 0.2, "high": 0.4},
    },
)


def three(estimate) -> tuple[float, float, float]:
    return estimate.low, estimate.mode, estimate.high


def test_the_partner_is_pre_filled_from_the_attempt_at_solving() -> None:
    partner = options.prefill_partner(CASE, "en")
    # The programme's repairs, all at the client's cost, plus the audit and knowledge transfer:
    # 150,000 + 25,000 = 175,000; 250,000 + 40,000 = 290,000; 450,000 + 60,000 = 510,000.
    assert three(partner.transition_cost) == (175_000, 290_000, 510_000)
    assert three(partner.transition_months) == (3, 7, 12)  # solve's months to a working system
    assert three(partner.p_success) == (0.5, 0.65, 0.8)  # solve's chance of success
    assert three(partner.residual_dysfunction) == (0.1, 0.2, 0.4)
    assert three(partner.exit_cost) == (5_000, 15_000, 30_000)  # DOMAIN.md's handover, judgement
    assert partner.running_cost_per_month is None  # empty: the current running cost R, same draw
    assert partner.fallback == "switch"
    estimates = [partner.exit_cost, partner.transition_cost, partner.transition_months, partner.p_success]
    assert {e.origin for e in estimates} == {"default"}
    assert partner.p_success.source.startswith("pre-filled from your case: the chance that solving succeeds")
    assert partner.exit_cost.source.startswith("pre-filled with a typical value")


def test_the_exit_deal_settles_around_the_suppliers_contract_exposure() -> None:
    deal = options.prefill_exit_deal(CASE, "nl")
    # The fees still owed: 12,000 a month x 24 committed months (most likely) = 288,000;
    # 25% / 50% / 75% of it: 72,000 / 144,000 / 216,000.
    assert options.contract_exposure(CASE) == 288_000
    assert three(deal.settlement) == (72_000, 144_000, 216_000)
    # The chance of an agreement is the case's chance of a settlement, its distribution kept.
    assert three(deal.p_agree) == (0.3, 0.4, 0.5) and deal.p_agree.distribution == "triangular"
    # None, half or all of the most likely exit cost 60,000: 0 / 30,000 / 60,000.
    assert three(deal.replacement_saving) == (0, 30_000, 60_000)
    assert three(deal.negotiation_months) == (2, 3, 6)
    assert three(deal.negotiation_cost) == (15_000, 30_000, 60_000)
    assert three(deal.months_saved) == (0, 1, 3)
    assert deal.fallback == "stop"
    assert deal.settlement.origin == "default"
    assert deal.settlement.source.startswith("vooraf ingevuld uit uw dossier: 25% / 50% / 75%")


def test_without_a_settlement_chance_or_a_commitment_typical_values_are_used() -> None:
    case = case_with(legal={"p_settle": 0}, contract={"committed_months": 0})
    deal = options.prefill_exit_deal(case, "en")
    assert three(deal.p_agree) == (0.30, 0.47, 0.65)  # around 47% of court-referred mediations (2016)
    assert three(deal.settlement) == (0, 0, 0)  # nothing left to waive: the director fills it in
    assert deal.settlement.origin == "default" and "no further months" in deal.settlement.source


def test_the_gate_is_pre_filled_halfway_rounded_up() -> None:
    gate = options.prefill_gate(CASE, "en")
    # Halfway through 3 / 7 / 12 months, rounded up: 1.5 -> 2, 3.5 -> 4, 6.
    assert (gate["low"], gate["mode"], gate["high"]) == (2, 4, 6)
    assert gate["origin"] == "default"
    one_month = case_with(solve={"improvement_months": 1})
    assert options.prefill_gate(one_month, "en")["mode"] == 1  # at least month 1


def test_a_copy_of_an_empty_estimate_stays_empty() -> None:
    blank = blank_case()
    partner = options.prefill_partner(blank, "en")
    assert partner.p_success.origin == "empty" and partner.transition_cost.origin == "empty"
    assert partner.exit_cost.origin == "default"  # a typical value, not the case's
    deal = options.prefill_exit_deal(blank, "en")
    assert deal.settlement.origin == "empty" and deal.replacement_saving.origin == "empty"


def test_switching_on_counts_the_pre_filled_estimates_as_defaults() -> None:
    data = options.switched_on(CASE, "partner", "en")
    case = options.with_option(CASE, "partner", data)
    assert case is not None and strategies_of(case)[-1] == "partner"
    # Five estimates of the partner's six are pre-filled, the running cost borrows the current one:
    # all six count as defaults, none as the director's own, none empty.
    assert count(case, "partner") == Count(own=0, default=6, empty=0)
    assert origin_of(case, BY_PATH["partner.running_cost_per_month"]) == "default"
    assert readiness(case).ready
    both = options.with_option(case, "exit_deal", options.switched_on(case, "exit_deal", "en"))
    assert both is not None
    assert strategies_of(both) == ("muddle", "switch", "stop", "solve", "partner", "exit_deal")
    result = evaluate(both, iterations=200, seed=1)
    assert {"partner", "exit_deal"} <= set(result.strategies)


def test_switching_on_keeps_what_the_case_holds_or_restores_what_was_kept() -> None:
    preset = load_preset("partner-takeover")
    held = preset.partner.model_dump(mode="json")
    assert options.switched_on(preset, "partner", "en") == held  # already on: unchanged
    off = options.with_option(preset, "partner", None)
    assert off is not None and off.partner is None and "partner" not in strategies_of(off)
    assert options.switched_on(off, "partner", "en", kept=held) == held  # what was entered comes back
    broken = {**held, "p_success": 2.0}  # no longer a valid group: pre-filled again
    assert options.switched_on(off, "partner", "en", kept=broken) == options.prefill(off, "partner", "en")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_source_sentence_says_where_it_came_from(lang: str) -> None:
    opening = {
        "nl": ("vooraf ingevuld uit uw dossier: ", "vooraf ingevuld met een gangbare waarde: "),
        "en": ("pre-filled from your case: ", "pre-filled with a typical value: "),
    }
    for group in options.OPTIONS:
        for name, value in options.prefill(CASE, group, lang).items():
            if isinstance(value, dict):
                assert value["source"].startswith(opening[lang]), (group, name)
