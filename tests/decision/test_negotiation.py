"""The zone of possible agreement (MODEL.md section 5), worked out by hand.

Base case of ``builders.py`` with p_success = 1 (decision view):
client: muddle 288,000, switch 278,000, stop 418,000, so the BATNA is switch;
solve = 96,000 - 60,000 + 3 x (30,000 + I)/3 + 84,000 = 120,000 + (30,000 + I).
Supplier (margin 300 a month): switch 6 x 300 - 40,000 = -38,200;
solve 24 x 300 - (1 - s) x 60,000 = 7,200 - 30,000 = -22,800 at s = 0.5.
Both gains move by k = P / T_s x (v(0) + v(1) + v(2)) = 60,000 per unit of s.
"""

from __future__ import annotations

import pytest

from decision.engine.simulation import simulate
from decision.engine.zopa import Zopa, _zone, zone_of_agreement
from tests.decision.builders import make_case
from tests.decision.test_cli import ZOPA_KEYS


def zopa(changes: dict | None = None, book_view: bool = False) -> Zopa:
    return zone_of_agreement(simulate(make_case(changes), 20, seed=1), book_view)


class TestZoneOfAgreement:
    def test_zone_inside_zero_one(self):
        # I = 108,000: client solve 258,000, client gain 278,000 - 258,000 = 20,000;
        # supplier gain -22,800 - (-38,200) = 15,400.
        # client_gain(s) = 20,000 - (s - 0.5) 60,000 >= 0  <=>  s <= 0.5 + 20,000/60,000 = 0.8333
        # supplier_gain(s) = 15,400 + (s - 0.5) 60,000 >= 0  <=>  s >= 0.5 - 15,400/60,000 = 0.2433
        # equal gains: 20,000 - d 60,000 = 15,400 + d 60,000, d = 4,600/120,000: s = 0.5383
        z = zopa({"solve.internal_cost": 108_000})
        assert z.client_batna == "switch"
        assert z.client_batna_cost == pytest.approx(278_000)
        assert z.supplier_batna_value == pytest.approx(-38_200)
        assert z.supplier_solve_value == pytest.approx(-22_800)
        assert z.slope == pytest.approx(60_000)
        assert z.client_gain_at_case_share == pytest.approx(20_000)
        assert z.supplier_gain_at_case_share == pytest.approx(15_400)
        assert z.client_share_min == pytest.approx(0.5 - 15_400 / 60_000)
        assert z.client_share_max == pytest.approx(0.5 + 20_000 / 60_000)
        assert z.equal_gain_share == pytest.approx(0.5 + 4_600 / 120_000)
        assert z.joint_gain == pytest.approx(35_400)

    def test_gains_are_zero_at_the_zone_edges_and_equal_at_the_fair_split(self):
        z = zopa({"solve.internal_cost": 108_000})
        assert z.client_gain(z.client_share_max) == pytest.approx(0, abs=1e-6)
        assert z.supplier_gain(z.client_share_min) == pytest.approx(0, abs=1e-6)
        assert z.client_gain(z.equal_gain_share) == pytest.approx(z.supplier_gain(z.equal_gain_share))
        assert z.client_gain(z.equal_gain_share) == pytest.approx(17_700)

    def test_equal_gain_share_clamped_into_the_zone(self):
        # I = 30,000: client gain 98,000, supplier gain 15,400;
        # unclamped equal share 0.5 + (98,000 - 15,400)/120,000 = 1.188 > 1, reported as 1.
        z = zopa()
        assert z.client_gain_at_case_share == pytest.approx(98_000)
        assert z.client_share_min == pytest.approx(0.5 - 15_400 / 60_000)
        assert z.client_share_max == 1.0
        assert z.equal_gain_share == 1.0

    def test_empty_zone(self):
        # I = 300,000: client gain 278,000 - 450,000 = -172,000; needs s <= 0.5 - 172,000/60,000 < 0
        z = zopa({"solve.internal_cost": 300_000})
        assert z.client_gain_at_case_share == pytest.approx(-172_000)
        assert z.empty
        assert (z.client_share_min, z.client_share_max, z.equal_gain_share) == (None, None, None)
        assert z.contract()["client_share_min"] is None

    def test_supplier_batna_is_its_value_of_the_clients_batna(self):
        # client fees 0, p_win 1: client stop = 278,000 - 160,000 = 118,000 is the BATNA;
        # the supplier's stop value: -38,200 - 12 x 3,000 (its own fees) - 160,000 = -234,200.
        z = zopa({"legal.fees_per_year": 0, "legal.p_win": 1})
        assert z.client_batna == "stop"
        assert z.client_batna_cost == pytest.approx(118_000)
        assert z.supplier_batna_value == pytest.approx(-234_200)
        assert z.supplier_gain_at_case_share == pytest.approx(-22_800 + 234_200)

    def test_batna_may_be_a_strategy_triage_rules_out(self):
        # D = 1,000 makes muddle (72,000) the cheapest non-solve strategy; section 5 does not
        # restrict the BATNA to the strategies triage allows, so it stays muddle.
        z = zopa({"current.dysfunction_cost_per_month": 1_000, "triage.weekly_board_agenda": True})
        assert z.client_batna == "muddle"

    def test_slope_is_discounted(self):
        # r = 0.06: k = 60,000/3 x (v(0) + v(1) + v(2)), v(t) = 1.06^(-(t+1)/12)
        z = zopa({"discount_rate": 0.06})
        assert z.slope == pytest.approx(20_000 * sum(1.06 ** (-(t + 1) / 12) for t in range(3)))

    def test_slope_counts_only_programme_months_inside_the_horizon(self):
        # T_s = 30 > H = 24: k = 60,000/30 x 24 = 48,000
        assert zopa({"solve.improvement_months": 30}).slope == pytest.approx(48_000)

    def test_book_view_counts_the_write_off(self):
        # book view: switch carries W = 100,000 (378,000), so muddle (288,000) becomes the BATNA;
        # client gain 288,000 - 180,000 = 108,000, supplier gain -22,800 - 24 x 300 = -30,000.
        decision, book = zopa(), zopa(book_view=True)
        assert (decision.client_batna, book.client_batna) == ("switch", "muddle")
        assert book.client_gain_at_case_share == pytest.approx(108_000)
        assert book.supplier_gain_at_case_share == pytest.approx(-30_000)

    def test_contract_keys(self):
        assert list(zopa().contract()) == ZOPA_KEYS  # MODEL.md 6 and 7.9, as the CLI test lists them


class TestZone:
    """The linear formulas on their own: (case_share, slope, client_gain, supplier_gain)."""

    def test_inside(self):
        assert _zone(0.5, 100.0, 20.0, 10.0) == pytest.approx((0.4, 0.7, 0.55))

    def test_cut_at_zero_and_one(self):
        assert _zone(0.5, 100.0, 80.0, 90.0) == pytest.approx((0.0, 1.0, 0.45))

    def test_empty_when_the_joint_gain_is_negative(self):
        assert _zone(0.5, 100.0, 10.0, -20.0) == (None, None, None)

    def test_empty_when_the_zone_lies_outside_zero_one(self):
        # both gains positive, but the zone is [1.2, 1.5]
        assert _zone(0.5, 100.0, 100.0, -70.0) == (None, None, None)

    def test_single_point(self):
        assert _zone(0.5, 100.0, 10.0, -10.0) == pytest.approx((0.6, 0.6, 0.6))

    def test_no_shared_cost_means_the_share_does_not_matter(self):
        assert _zone(0.3, 0.0, 5.0, 1.0) == (0.0, 1.0, 0.3)
        assert _zone(0.3, 0.0, 5.0, -1.0) == (None, None, None)
        assert zopa({"solve.programme_cost": 0, "solve.internal_cost": 60_000}).client_share_max == 1.0
