"""Money, percentages, numbers and dates in the Dutch and the English way (Babel).

Babel puts a no-break space (U+00A0) between "€" and a Dutch amount, so the
figure never wraps away from its sign; it reads as "€ 1.234.567".
"""

from __future__ import annotations

import datetime as dt

import pytest

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
    assert text == f"Dat is €{NBSP}250.000 goedkoper dan de tweede keus, Stoppen en verlies nemen."
    assert translate("economics.p_best", "en", strategy="solve", share=0.25).startswith("Solve is the cheapest")
    assert "25%" in translate("economics.p_best", "en", strategy="solve", share=0.25)


def test_a_translator_can_write_amounts_another_way():
    rounded = Translator("nl", money=fmt.money_short)
    assert rounded("economics.runner_up", amount=1_260_000, strategy="stop") == (
        "Dat is M€ 1,3 goedkoper dan de tweede keus, Stoppen en procederen."
    )
