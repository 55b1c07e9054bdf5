"""One number and how sure: the derived low and high, worked out by hand."""

from __future__ import annotations

import pytest

from decision.analysis.guess import CERTAINTIES, certainty_of, derive, spread
from decision.model.case import Estimate
from decision.model.registry import BY_PATH

DYSFUNCTION = BY_PATH["current.dysfunction_cost_per_month"]  # euro_month, 0 to a thousand billion
MONTHS = BY_PATH["stop.replacement_months"]  # months
P_WIN = BY_PATH["legal.p_win"]  # probability, 0 to 1
GROWTH = BY_PATH["current.dysfunction_growth_per_year"]  # share_year, -99% to 1000%
INTEREST = BY_PATH["legal.interest_rate"]  # rate, 0% to 30%


def test_amounts_spread_by_a_share_of_the_number():
    # 400,000 exactly: 5% of 400,000 is 20,000 either side
    assert derive(DYSFUNCTION, 400_000, "exact") == (380_000, 400_000, 420_000)
    # about: 20% is 80,000 either side
    assert derive(DYSFUNCTION, 400_000, "about") == (320_000, 400_000, 480_000)
    # a rough guess: 50% is 200,000 either side
    assert derive(DYSFUNCTION, 400_000, "rough") == (200_000, 400_000, 600_000)


def test_months_spread_by_a_share_too():
    # 18 months: 5% is 0.9, 20% is 3.6, 50% is 9 months either side
    assert derive(MONTHS, 18, "exact") == (17.1, 18, 18.9)
    assert derive(MONTHS, 18, "about") == (14.4, 18, 21.6)
    assert derive(MONTHS, 18, "rough") == (9, 18, 27)


def test_percentages_spread_by_points():
    # a 65% chance: 2, 10 or 25 percentage points either side (not 20% of 65%)
    assert derive(P_WIN, 0.65, "exact") == (0.63, 0.65, 0.67)
    assert derive(P_WIN, 0.65, "about") == (0.55, 0.65, 0.75)
    assert derive(P_WIN, 0.65, "rough") == (0.40, 0.65, 0.90)
    # growth of 5% a year, about: 5 - 10 = -5 points, 5 + 10 = 15 points
    assert derive(GROWTH, 0.05, "about") == (-0.05, 0.05, 0.15)


def test_clamped_to_what_the_input_accepts():
    # a 90% chance, roughly: 90 + 25 = 115% is clamped to 100%
    assert derive(P_WIN, 0.90, "rough") == (0.65, 0.90, 1.0)
    # a 5% chance, about: 5 - 10 = -5% is clamped to 0%
    assert derive(P_WIN, 0.05, "about") == (0.0, 0.05, 0.15)
    # an interest rate of 25%, roughly: 0% to 50%, clamped to the rate's 30%
    assert derive(INTEREST, 0.25, "rough") == (0.0, 0.25, 0.30)
    # nothing: nothing either side
    assert derive(DYSFUNCTION, 0, "rough") == (0, 0, 0)


def test_a_number_outside_the_bounds_stays_the_most_likely_value():
    # 150% is refused by the page's bounds check; the derivation itself keeps low <= 150% <= high
    low, mode, high = derive(P_WIN, 1.5, "about")
    assert low <= mode <= high
    assert mode == 1.5


def test_the_spread_of_each_certainty():
    assert [spread("euro", c) for c in CERTAINTIES] == [0.05, 0.20, 0.50]
    assert [spread("months", c) for c in CERTAINTIES] == [0.05, 0.20, 0.50]
    assert [spread("probability", c) for c in CERTAINTIES] == [0.02, 0.10, 0.25]


@pytest.mark.parametrize("certainty", CERTAINTIES)
@pytest.mark.parametrize(("spec", "value"), [(DYSFUNCTION, 12_345.0), (MONTHS, 7.0), (P_WIN, 0.35), (GROWTH, -0.2)])
def test_a_derived_estimate_reads_back_as_its_certainty(spec, value, certainty):
    low, mode, high = derive(spec, value, certainty)
    Estimate(low=low, mode=mode, high=high)  # a valid estimate
    assert certainty_of(spec, low, mode, high) == certainty


def test_a_range_of_ones_own_is_no_certainty():
    # 20,000 / 35,000 / 60,000 is not 35,000 plus or minus a stated spread
    assert certainty_of(DYSFUNCTION, 20_000, 35_000, 60_000) is None
    # a fixed 18 months is not "exactly" (that is 17.1 to 18.9)
    assert certainty_of(MONTHS, 18, 18, 18) is None
    # a fixed nothing is every certainty; the surest is named
    assert certainty_of(DYSFUNCTION, 0, 0, 0) == "exact"
