"""Money, percentages, numbers and dates in the Dutch and the English way (Babel).

Babel puts a no-break space (U+00A0) between "€" and a Dutch amount, so the
figure never wraps away from its sign; it reads as "€ 1.234.567".
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision.text import fmt
from decision.text.i18n import Translator, translate

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (1_234_567, f"€{NBSP}1.234.567", "€1,234,567"),
        (-1_234_567, f"€{NBSP}-1.234.567", "-€1,234,567"),
        (0, f"€{NBSP}0", "€0"),
        (1_234_567.5, f"€{NBSP}1.234.568", "€1,234,568"),
        (999.4, f"€{NBSP}999", "€999"),
    ],
)
def test_money_in_whole_euros(amount: float, nl: str, en: str):
    assert fmt.money(amount, "nl") == nl
    assert fmt.money(amount, "en") == en


def test_no_amount_is_a_dash():
    assert fmt.money(None, "nl") == fmt.money(float("nan"), "en") == "–"


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (1_234_567, "M€ 1,2", "M€ 1.2"),
        (-2_460_000, "M€ -2,5", "M€ -2.5"),
        (250_000, "k€ 250", "k€ 250"),
        (-12_300, "k€ -12", "k€ -12"),
        (999_400, "k€ 999", "k€ 999"),
        (999_999, "M€ 1,0", "M€ 1.0"),
        (1_234_000_000, "M€ 1.234,0", "M€ 1,234.0"),
        (999, "€ 999", "€ 999"),
        (999.7, "k€ 1", "k€ 1"),
    ],
)
def test_money_short_rounds_to_thousands_and_millions(amount: float, nl: str, en: str):
    assert fmt.money_short(amount, "nl") == nl
    assert fmt.money_short(amount, "en") == en


@pytest.mark.parametrize(
    ("share", "digits", "nl", "en"),
    [(0.5, 0, "50%", "50%"), (0.125, 1, "12,5%", "12.5%"), (-0.1, 0, "-10%", "-10%"), (1.5, 0, "150%", "150%")],
)
def test_percent(share: float, digits: int, nl: str, en: str):
    assert fmt.percent(share, "nl", digits) == nl
    assert fmt.percent(share, "en", digits) == en


def test_numbers_use_the_decimal_comma_in_dutch():
    assert fmt.number(1234.56, "nl") == "1.234,6"
    assert fmt.number(1234.56, "en") == "1,234.6"
    assert fmt.number(18, "nl", digits=0) == "18"


def test_dates_are_written_out():
    day = dt.date(2026, 12, 1)
    assert fmt.date(day, "nl") == "1 december 2026"
    assert fmt.date(day, "en") == "1 December 2026"
    assert fmt.date(None, "nl") == "–"


def test_messages_format_their_values_by_name():
    text = translate("economics.runner_up", "nl", amount=250_000, strategy="switch")
    assert text == f"Dat is €{NBSP}250.000 goedkoper dan de op één na beste uitweg, Stoppen en verlies nemen."
    assert translate("economics.p_best", "en", strategy="solve", share=0.25).startswith("Solve is the cheapest")
    assert "25%" in translate("economics.p_best", "en", strategy="solve", share=0.25)


def test_a_translator_can_write_amounts_another_way():
    rounded = Translator("nl", money=fmt.money_short)
    assert rounded("economics.runner_up", amount=1_260_000, strategy="stop") == (
        "Dat is M€ 1,3 goedkoper dan de op één na beste uitweg, Stoppen en procederen."
    )


# Out of range: no traceback, no garbage digits, but "1,0 × 10^30" in the language's way.
TIMES = f"{NBSP}×{NBSP}10^"


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (999_999_999_999_999, f"€{NBSP}999.999.999.999.999", "€999,999,999,999,999"),
        (1e15, f"€{NBSP}1,0{TIMES}15", f"€1.0{TIMES}15"),
        (1e30, f"€{NBSP}1,0{TIMES}30", f"€1.0{TIMES}30"),
        (-1e30, f"€{NBSP}-1,0{TIMES}30", f"-€1.0{TIMES}30"),
        (2.46e28, f"€{NBSP}2,5{TIMES}28", f"€2.5{TIMES}28"),
        (9.96e18, f"€{NBSP}1,0{TIMES}19", f"€1.0{TIMES}19"),
        (1.7e308, f"€{NBSP}1,7{TIMES}308", f"€1.7{TIMES}308"),
        (10**400, f"€{NBSP}1,0{TIMES}400", f"€1.0{TIMES}400"),
        # more digits than int() may turn into text
        pytest.param(-(10**5000), f"€{NBSP}-1,0{TIMES}5000", f"-€1.0{TIMES}5000", id="-10**5000"),
        (math.inf, f"€{NBSP}∞", "€∞"),
        (-math.inf, f"€{NBSP}-∞", "-€∞"),
        (math.nan, "–", "–"),
    ],
)
def test_money_out_of_range(amount: float, nl: str, en: str):
    assert fmt.money(amount, "nl") == nl
    assert fmt.money(amount, "en") == en


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (999_999_999_999_999, "M€ 1.000.000.000,0", "M€ 1,000,000,000.0"),
        (1e30, f"€ 1,0{TIMES}30", f"€ 1.0{TIMES}30"),
        (-1e30, f"€ -1,0{TIMES}30", f"€ -1.0{TIMES}30"),
        (10**400, f"€ 1,0{TIMES}400", f"€ 1.0{TIMES}400"),
        (math.inf, "€ ∞", "€ ∞"),
        (-math.inf, "€ -∞", "€ -∞"),
        (math.nan, "–", "–"),
        (None, "–", "–"),
    ],
)
def test_money_short_out_of_range(amount: float, nl: str, en: str):
    assert fmt.money_short(amount, "nl") == nl
    assert fmt.money_short(amount, "en") == en
    assert fmt.money_as(amount, "nl", "rounded") == nl
    assert fmt.money_as(amount, "nl", "exact") == fmt.money(amount, "nl")
    assert fmt.money_as(amount, "nl", "hidden") == ("–" if amount is None or amount != amount else fmt.HIDDEN_AMOUNT)


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (1e30, f"1,0{TIMES}30", f"1.0{TIMES}30"),
        (-1e30, f"-1,0{TIMES}30", f"-1.0{TIMES}30"),
        (10**400, f"1,0{TIMES}400", f"1.0{TIMES}400"),
        (math.inf, "∞", "∞"),
        (-math.inf, "-∞", "-∞"),
        (math.nan, "–", "–"),
    ],
)
def test_number_out_of_range(value: float, nl: str, en: str):
    assert fmt.number(value, "nl") == nl
    assert fmt.number(value, "en") == en


@pytest.mark.parametrize(
    ("share", "nl", "en"),
    [
        (1e30, f"1,0{TIMES}32%", f"1.0{TIMES}32%"),
        (-1e30, f"-1,0{TIMES}32%", f"-1.0{TIMES}32%"),
        (10**400, f"1,0{TIMES}402%", f"1.0{TIMES}402%"),
        (math.inf, "∞%", "∞%"),
        (-math.inf, "-∞%", "-∞%"),
        (math.nan, "–", "–"),
        (None, "–", "–"),
    ],
)
def test_percent_out_of_range(share: float, nl: str, en: str):
    assert fmt.percent(share, "nl") == nl
    assert fmt.percent(share, "en") == en


@pytest.mark.parametrize(
    ("value", "mantissa", "exponent"),
    [
        pytest.param(10**30102, "1,0", 30102, id="10**30102 from its digits"),
        pytest.param(-(10**1_000_000) * 95, "-9,5", 1_000_001, id="-95 * 10**1000000 from its logarithm"),
        pytest.param(1 << 30_000_000, "7,4", 9_030_899, id="2**30000000"),
        pytest.param(10**1_000_000 - 1, "1,0", 1_000_000, id="10**1000000 - 1 rounds up"),
    ],
)
def test_whole_numbers_of_any_length_are_written_at_once(value: int, mantissa: str, exponent: int):
    # Only the leading digits are worked out: a million digits take no time (and never turn into text).
    assert fmt.number(value, "nl") == f"{mantissa}{TIMES}{exponent}"
    assert fmt.money(value, "nl") == f"€{NBSP}{mantissa}{TIMES}{exponent}"
    assert fmt.money_short(value, "nl") == f"€ {mantissa}{TIMES}{exponent}"
    assert fmt.percent(value, "nl") == f"{mantissa}{TIMES}{exponent + 2}%"


def test_extreme_dates_are_written_out():
    assert fmt.date(dt.date.min, "nl") == "1 januari 1"
    assert fmt.date(dt.date.max, "en") == "31 December 9999"


NUMBERS = st.floats() | st.integers() | st.integers(min_value=10**300, max_value=10**4000).map(lambda n: n * (-1) ** n)


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS, lang=st.sampled_from(["nl", "en", "de"]), digits=st.integers(0, 6))
def test_no_number_makes_a_formatter_fail(value, lang, digits):
    said = [
        fmt.money(value, lang),
        fmt.money_short(value, lang),
        *(fmt.money_as(value, lang, amounts) for amounts in fmt.AMOUNTS),
        fmt.percent(value, lang, digits),
        fmt.number(value, lang, digits),
    ]
    for text in said:
        assert isinstance(text, str) and text
        assert "nan" not in text.lower() and "e+" not in text and "E" not in text


@settings(max_examples=100, deadline=None)
@given(value=st.dates(), lang=st.sampled_from(["nl", "en"]))
def test_every_date_is_written_out(value, lang):
    text = fmt.date(value, lang)
    assert isinstance(text, str) and str(value.year) in text


@settings(max_examples=200, deadline=None)
@given(value=st.floats(min_value=-1e14, max_value=1e14))
def test_in_range_amounts_show_every_euro(value):
    # Below 10^15 the figure is the whole amount, digit for digit, never the scientific form.
    assert fmt.money(value, "en").replace(",", "").replace("€", "") == str(round(value))
    assert "×" not in fmt.money_short(value, "nl") and "×" not in fmt.number(value, "nl")


# -- amounts rounded for reading (the board memo, issue 13) -----------------------------------------


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (402_317, f"€{NBSP}402.000", "€402,000"),
        (3_964_000, f"€{NBSP}3,96{NBSP}mln", f"€3.96{NBSP}million"),
        (-3_964_000, f"€{NBSP}-3,96{NBSP}mln", f"-€3.96{NBSP}million"),
        (4_000_000, f"€{NBSP}4{NBSP}mln", f"€4{NBSP}million"),
        (12_345_678, f"€{NBSP}12,3{NBSP}mln", f"€12.3{NBSP}million"),
        (999_600, f"€{NBSP}1{NBSP}mln", f"€1{NBSP}million"),
        (1_234, f"€{NBSP}1.230", "€1,230"),
        (999.4, f"€{NBSP}999", "€999"),
        (1_234_000_000, f"€{NBSP}1,23{NBSP}mld", f"€1.23{NBSP}billion"),
        (0, f"€{NBSP}0", "€0"),
    ],
)
def test_money_rounded_keeps_three_significant_digits(amount: float, nl: str, en: str):
    assert fmt.money_rounded(amount, "nl") == nl
    assert fmt.money_rounded(amount, "en") == en


def test_money_rounded_writes_the_extremes_as_money_does():
    for amount in (None, float("nan"), float("inf"), 1e18, 10**400):
        assert fmt.money_rounded(amount, "nl") == fmt.money(amount, "nl")
        assert fmt.money_rounded(amount, "en") == fmt.money(amount, "en")


@given(st.floats(min_value=-1e14, max_value=1e14))
@settings(max_examples=200, deadline=None)
def test_money_rounded_never_shows_more_than_three_significant_digits(amount: float):
    for lang in ("nl", "en"):
        digits = "".join(ch for ch in fmt.money_rounded(amount, lang) if ch.isdigit()).strip("0")
        assert len(digits) <= 3


@pytest.mark.parametrize(
    ("share", "nl", "en"),
    [(0.045, "4,5%", "4.5%"), (0.04, "4%", "4%"), (0.125, "12,5%", "12.5%"), (0.12345, "12,3%", "12.3%")],
)
def test_percent_as_needed_keeps_its_decimals(share: float, nl: str, en: str):
    assert fmt.percent_as_needed(share, "nl") == nl
    assert fmt.percent_as_needed(share, "en") == en
    assert fmt.percent_as_needed(None, "en") == "–"
    assert fmt.percent_as_needed(0.0625, "en", 2) == "6.25%"


# -- many amounts at once (a chart's labels, written on every what-if) -------------------------------

# Ties and edges of each way of writing: half euros, half thousands and half tenths of a million (which
# Babel rounds to even on the decimal writing of the float), the step from euros to k€ and k€ to M€.
EDGES = [0.5, 1.0, 1.5, 2.5, 999.4, 999.5, 1_000.0, 1_234.5, 2_500.0, 999_499.999, 999_500.0, 1_049_999.9,
         1_050_000.0, 1_150_000.0, 1_250_000.0, 3_744_808.0, 1e15 - 1, 1e15, 0.0, -0.0]  # fmt: skip
AMOUNTS_MANY = st.floats() | st.floats(min_value=-1e15, max_value=1e15) | st.sampled_from(EDGES + [-e for e in EDGES])


@settings(max_examples=400, deadline=None)
@given(values=st.lists(AMOUNTS_MANY | st.none() | st.integers(-(10**16), 10**16), max_size=8))
def test_money_many_writes_every_amount_as_money_as_does(values):
    for lang in ("nl", "en"):
        for amounts in fmt.AMOUNTS:
            assert fmt.money_many(values, lang, amounts) == [fmt.money_as(v, lang, amounts) for v in values]


@pytest.mark.parametrize("amounts", fmt.AMOUNTS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_money_many_on_the_edges(lang: str, amounts: str):
    values = EDGES + [-e for e in EDGES]
    assert fmt.money_many(values, lang, amounts) == [fmt.money_as(v, lang, amounts) for v in values]
    # Worked by hand: half a euro and half a thousand round to even, as Babel does.
    if lang == "en" and amounts == "exact":
        assert fmt.money_many([2.5, 1_234.5, -1_234.5], lang, amounts) == ["€2", "€1,234", "-€1,234"]
    if lang == "nl" and amounts == "rounded":
        assert fmt.money_many([2_500.0, 1_250_000.0, -3_744_808.0], lang, amounts) == ["k€ 2", "M€ 1,2", "M€ -3,7"]


@pytest.mark.parametrize(
    ("amount", "lang", "written"),
    [
        (82.5, "nl", "€\xa082,50"),
        (82.5, "en", "€82.50"),
        (75.0, "nl", "€\xa075"),  # whole: as money writes it
        (82.499, "nl", "€\xa082,50"),  # to the cent
        (None, "nl", fmt.money(None, "nl")),
    ],
)
def test_a_price_is_written_to_the_cent_when_it_has_cents(amount, lang, written):
    assert fmt.price(amount, lang) == written


def test_a_price_follows_a_workshops_amounts_setting():
    from decision.text.i18n import Translator

    said = {
        a: Translator("nl", amounts=a)("quick_start.calculator", hours=12, price_hour=82.5, amount_month=4_290)
        for a in fmt.AMOUNTS
    }
    assert "€\xa082,50 per uur" in said["exact"]
    assert "••• per uur" in said["hidden"] and "82" not in said["hidden"]
    assert f"{fmt.money_as(82.5, 'nl', 'rounded')} per uur" in said["rounded"]  # as the workshop rounds


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            "vaste prijs € 925.000 plus € 12.000 per maand, maximum € 1,25 mln.",
            "vaste prijs ••• plus ••• per maand, maximum •••.",
        ),
        ("Offertes van € 15.000 tot € 40.000.", "Offertes van ••• tot •••."),
        ("k€ 400 en M€ 1,2", "••• en •••"),
        ("EUR 400, €12,000.50, 1,25 mln and 12.000 euro", "•••, •••, ••• and •••"),
        ("€ 400.000,- contant", "••• contant"),
        ("about €2.5m or €300k", "about ••• or •••"),
        # Not amounts: percentages, counts, months, years.
        ("60% van de projecten, 4 tot 5 fte, 18 maanden, 2013", "60% van de projecten, 4 tot 5 fte, 18 maanden, 2013"),
    ],
)
def test_amounts_in_a_free_text_are_masked(text, masked):
    assert fmt.mask_amounts(text) == masked
