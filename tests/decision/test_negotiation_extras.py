"""BATNA parts, openers of an empty zone, the supplier's margin and options, worked out by hand.

Base case of ``builders.py`` (H = 24, r = 0) with p_success = 1 and fallback muddle:
client switch 278,000 (the BATNA), solve 150,000 + I (s P = 30,000, 3 months of D + R,
21 months of rho_s D + R); supplier margin 300 a month: switch 6 x 300 - L, solve
24 x 300 - (1 - s) 60,000; the slope of both gains in s is P = 60,000.
"""

from __future__ import annotations

import pytest

from decision.analysis.negotiation import ExpectedMargin, _supplier_parts, analyse, apply_option, option_effects
from decision.engine.simulation import draw, simulate
from decision.model.case import NegotiationOption
from decision.model.presets import load_preset, preset_ids
from tests.decision.builders import make_case

ITERATIONS = 20  # every input is fixed, so every iteration is the same


def analysis(changes: dict | None = None):
    return analyse(make_case(changes), ITERATIONS, seed=1)


def openers(changes: dict) -> dict:
    return {o.lever: o for o in analysis(changes).openers}


class TestBatnas:
    def test_supplier_value_of_switch_in_parts(self):
        a = analysis()
        assert a.zopa.client_batna == "switch"
        assert a.zopa.client_batna_cost == pytest.approx(278_000)
        parts = a.supplier_batna
        assert parts.margin == pytest.approx(1_800)  # 6 months x 300 until the new system is live
        assert parts.margin_lost == pytest.approx(5_400)  # 24 x 300 - 1,800
        assert parts.lost_reference == pytest.approx(-40_000)
        assert parts.legal_fees == pytest.approx(0)
        assert parts.legal_outcome == pytest.approx(0)
        assert parts.programme == pytest.approx(0)
        assert parts.total == pytest.approx(-38_200)
        assert parts.total == pytest.approx(a.zopa.supplier_batna_value)

    def test_supplier_value_of_solve_in_parts(self):
        parts = analysis().supplier_solve
        assert parts.margin == pytest.approx(7_200)
        assert parts.programme == pytest.approx(-30_000)  # (1 - 0.5) x 60,000
        assert parts.lost_reference == pytest.approx(0)
        assert parts.total == pytest.approx(-22_800)

    def test_supplier_value_of_a_lost_procedure(self):
        # p_win = 1: stop = 278,000 + 60,000 fees - (min(500k, 300k) x 0.5 + 10,000) = 178,000 < switch.
        # Supplier: 1,800 margin - 40,000 L - 12 x 3,000 fees - 160,000 award = -234,200.
        a = analysis({"legal.p_win": 1})
        assert a.zopa.client_batna == "stop"
        assert a.zopa.client_batna_cost == pytest.approx(178_000)
        parts = a.supplier_batna
        assert (parts.margin, parts.lost_reference) == (pytest.approx(1_800), pytest.approx(-40_000))
        assert parts.legal_fees == pytest.approx(-36_000)
        assert parts.legal_outcome == pytest.approx(-160_000)
        assert parts.total == pytest.approx(-234_200)

    def test_counterclaim_is_income_for_the_supplier(self):
        # p_win = 0: the client loses and pays the counterclaim Q = 80,000 to the supplier.
        case = make_case()
        draws = draw(case, ITERATIONS, 1)
        parts = _supplier_parts(case, draws, simulate(case, draws=draws), "stop")
        assert parts.legal_outcome == pytest.approx(80_000)
        assert parts.total == pytest.approx(1_800 - 40_000 - 36_000 + 80_000)

    def test_a_settlement_is_part_of_the_legal_outcome(self):
        # p_settle = 1: the suit settles after 6 months for f_s x min(claim, cap) = 0.4 x 300,000 = 120,000.
        # Supplier: 1,800 margin - 40,000 L - 6 x 3,000 fees - 120,000 settlement = -176,200.
        case = make_case({"legal.p_settle": 1, "legal.settle_fraction": 0.4, "legal.settle_months": 6})
        draws = draw(case, ITERATIONS, 1)
        simulation = simulate(case, draws=draws)
        parts = _supplier_parts(case, draws, simulation, "stop")
        assert parts.legal_fees == pytest.approx(-18_000)
        assert parts.legal_outcome == pytest.approx(-120_000)
        assert parts.total == pytest.approx(-176_200)
        assert parts.total == pytest.approx(float(simulation.supplier_value["stop"].mean()))


@pytest.mark.parametrize("preset", preset_ids())
def test_the_parts_add_up_to_the_suppliers_value_of_every_way_out(preset):
    """The Negotiation page's table of parts ends in their sum: it must be the value the zone uses."""
    case = load_preset(preset)
    draws = draw(case, 2_000, 1)
    simulation = simulate(case, draws=draws)
    for strategy, value in simulation.supplier_value.items():
        parts = _supplier_parts(case, draws, simulation, strategy)
        assert parts.total == pytest.approx(float(value.mean()), rel=1e-9, abs=1e-6), strategy
        assert parts.exit_deal == 0.0 or strategy == "exit_deal"
    whole = analyse(case, 2_000, seed=1)
    assert whole.supplier_batna.total == pytest.approx(whole.zopa.supplier_batna_value, rel=1e-9)


class TestOpeners:
    # I = 140,000 and L = 0: client solve 290,000, client gain -12,000; supplier switch 1,800,
    # solve -22,800, gain -24,600. Joint -36,600: the zone is empty.
    EMPTY = {"solve.internal_cost": 140_000, "supplier.loss_of_client_cost": 0}

    def test_zone_is_empty(self):
        a = analysis(self.EMPTY)
        assert a.zopa.empty
        assert a.zopa.client_gain_at_case_share == pytest.approx(-12_000)
        assert a.zopa.supplier_gain_at_case_share == pytest.approx(-24_600)

    def test_loss_of_reference_that_opens_the_zone(self):
        # The supplier must gain 12,000 (the client's loss) at s = 0.5; each euro of L adds one euro
        # (go-live in month 6, r = 0, solve never fails): L = 12,000 + 24,600 = 36,600.
        opener = openers(self.EMPTY)["loss_of_client_cost"]
        assert opener.status == "opens"
        assert opener.current == 0
        assert opener.required == pytest.approx(36_600)

    def test_after_the_computed_loss_of_reference_the_zone_is_just_open(self):
        # K = 100,000 keeps switch the BATNA once discounted; I = 110,000 empties the zone.
        changes = {
            **self.EMPTY,
            "solve.internal_cost": 110_000,
            "stop.replacement_cost": 100_000,
            "discount_rate": 0.06,
        }
        required = openers(changes)["loss_of_client_cost"].required
        # With r = 0.06 each euro of L counts v(6) = 1.06^(-7/12).
        gain = analysis(changes).zopa
        assert required == pytest.approx(
            (-gain.client_gain_at_case_share - gain.supplier_gain_at_case_share) / 1.06 ** (-7 / 12)
        )
        opened = analysis({**changes, "supplier.loss_of_client_cost": required + 0.01}).zopa
        assert not opened.empty
        assert opened.client_share_max - opened.client_share_min == pytest.approx(0, abs=1e-6)
        assert analysis({**changes, "supplier.loss_of_client_cost": required - 1}).zopa.empty

    def test_after_the_computed_margin_the_zone_is_just_open(self):
        changes = {
            **self.EMPTY,
            "solve.internal_cost": 110_000,
            "stop.replacement_cost": 100_000,
            "discount_rate": 0.06,
        }
        opener = openers(changes)["normal_margin"]
        assert opener.status == "opens"
        opened = analysis({**changes, "supplier.normal_margin": opener.required + 1e-9}).zopa
        assert not opened.empty
        assert opened.client_share_max - opened.client_share_min == pytest.approx(0, abs=1e-6)
        assert analysis({**changes, "supplier.normal_margin": opener.required - 1e-3}).zopa.empty

    def test_margin_that_would_open_the_zone_is_out_of_range(self):
        # Each margin point adds revenue x (24 - 6) months = 36,000: 0.15 + 36,600 / 36,000 = 1.1667.
        opener = openers(self.EMPTY)["normal_margin"]
        assert opener.status == "out_of_range"
        assert opener.required == pytest.approx(0.15 + 36_600 / 36_000)

    def test_client_batna_cost_that_opens_the_zone(self):
        # The client must gain 24,600 (the supplier's loss): 278,000 + 24,600 + 12,000 = 314,600.
        opener = openers(self.EMPTY)["client_batna_cost"]
        assert opener.status == "opens"
        assert opener.required == pytest.approx(314_600)
        assert opener.change == pytest.approx(36_600)

    def test_supplier_levers_cannot_help_when_the_client_loses_at_any_share(self):
        # I = 200,000: client gain -72,000 at s = 0.5 and -42,000 even at s = 0.
        found = openers({"solve.internal_cost": 200_000})
        assert found["loss_of_client_cost"].status == "client_loses"
        assert found["normal_margin"].status == "client_loses"
        assert found["client_batna_cost"].status == "opens"

    def test_loss_of_reference_has_no_effect_when_the_batna_keeps_the_client(self):
        # K = 200,000 makes switch 358,000, so muddle (288,000) is the BATNA: the supplier never loses
        # the client, and under solve it keeps it too, so neither L nor the margin moves its gain.
        found = openers({"stop.replacement_cost": 200_000, "solve.internal_cost": 140_000})
        assert found["loss_of_client_cost"].status == "no_effect"
        assert found["normal_margin"].status == "no_effect"

    def test_client_levers_cannot_help_when_the_supplier_loses_at_any_share(self):
        # Muddle is the BATNA, solve always fails and falls back to switch: the supplier loses the
        # client (L = 40,000) even if the client pays the whole programme.
        found = openers({"stop.replacement_cost": 200_000, "solve.p_success": 0, "solve.fallback": "switch"})
        assert found["client_batna_cost"].status == "supplier_loses"

    def test_no_openers_when_the_zone_is_open(self):
        assert analysis().openers == ()


class TestAgreementMargin:
    def test_margin_under_the_agreement(self):
        # Revenue 2,000 x 24 = 48,000; normal margin 0.15; slope 60,000.
        margin = analysis().margin
        assert margin.normal == pytest.approx(0.15)
        assert margin.revenue == pytest.approx(48_000)
        assert margin.at(1.0) == pytest.approx(0.15)
        assert margin.at(0.5) == pytest.approx(0.15 - 0.5 * 60_000 / 48_000)
        assert margin.break_even_share == pytest.approx(1 - 0.15 * 48_000 / 60_000)

    def test_revenue_left_empty_is_the_clients_running_cost_of_the_same_iteration(self):
        # MODEL.md: revenue defaults to R. With R uncertain, the margin's revenue is the mean of
        # the client's own R draws x 24 months (r = 0), and normal margin x revenue is the
        # supplier's value of muddling on (m R every month), as in the zone.
        case = make_case({"current.running_cost_per_month": {"low": 1_000, "mode": 2_000, "high": 5_000}})
        draws = draw(case, 200, seed=3)
        margin = analyse(case, 200, seed=3).margin
        assert margin.revenue == pytest.approx(float(draws.values["running"].mean()) * 24)
        supplier_muddle = float(simulate(case, draws=draws).supplier_value["muddle"].mean())
        assert margin.normal * margin.revenue == pytest.approx(supplier_muddle)

    def test_no_break_even_when_the_supplier_never_loses(self):
        assert analysis({"solve.programme_cost": 1_000}).margin.break_even_share is None


class TestOptions:
    def test_apply_option_shifts_the_solve_estimates(self):
        option = NegotiationOption(
            title="x", programme_cost_change=-20_000, internal_cost_change=10_000, months_change=1, p_success_change=0.5
        )
        changed = apply_option(make_case({"solve.p_success": {"low": 0.4, "mode": 0.6, "high": 0.8}}), option)
        assert changed.solve.programme_cost.mode == 40_000
        assert changed.solve.internal_cost.mode == 40_000
        assert changed.solve.improvement_months.mode == 4
        assert (changed.solve.p_success.low, changed.solve.p_success.mode, changed.solve.p_success.high) == (
            pytest.approx(0.9),
            1.0,
            1.0,
        )

    def test_option_effects_on_solve_and_zone(self):
        # Internal cost +10,000: solve costs the client exactly 10,000 more. Programme -20,000: the
        # client pays half, 10,000 less, and the slope falls to 40,000.
        case = make_case(
            {
                "negotiation": {
                    "options": [
                        {"title": "supervisor", "internal_cost_change": 10_000},
                        {"title": "cheaper", "programme_cost_change": -20_000},
                    ]
                }
            }
        )
        supervisor, cheaper = option_effects(case, ITERATIONS, seed=1)
        assert supervisor.solve_mean_change == pytest.approx(10_000)
        assert cheaper.solve_mean_change == pytest.approx(-10_000)
        assert cheaper.zopa.slope == pytest.approx(40_000)
        assert supervisor.option.title == "supervisor"


class TestNormalMarginShare:
    """at(s) = (value + (s - 0.5) x 60,000) / 100,000 must reach the normal margin of 15%."""

    def margin(self, value: float, normal: float | None = 0.15) -> ExpectedMargin:
        return ExpectedMargin(normal=normal, value=value, revenue=100_000, slope=60_000, case_share=0.5)

    def test_the_share_from_which_the_supplier_earns_its_normal_margin(self):
        # -10,000 - 30,000 + 60,000 s >= 15,000: s >= 55,000 / 60,000.
        margin = self.margin(-10_000)
        assert margin.normal_margin_share == pytest.approx(55_000 / 60_000)
        assert margin.at(margin.normal_margin_share) == pytest.approx(0.15)

    def test_above_one_when_not_even_paying_everything_gives_it(self):
        assert self.margin(-50_000).normal_margin_share == pytest.approx(95_000 / 60_000)

    def test_none_when_every_split_gives_it_or_there_is_no_normal_margin(self):
        assert self.margin(60_000).normal_margin_share is None  # 15,000 - 60,000 + 30,000 < 0
        assert self.margin(-10_000, normal=None).normal_margin_share is None
