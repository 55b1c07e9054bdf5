"""Numbers, money, percentages and dates formatted for the case's language (Babel)."""

from __future__ import annotations

import datetime as dt
import math
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


@cache
def _whole_euro_pattern(lang: str) -> str:
    pattern = Locale.parse(_locale(lang)).currency_formats["standard"].pattern
    return pattern.replace(".00", "")


def money(amount: float | None, lang: str = "en") -> str:
    """Whole euros: "€ 1.234.567" in Dutch, "€1,234,567" in English; a dash for no value."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return "–"
    return format_currency(
        round(amount), "EUR", format=_whole_euro_pattern(lang), locale=_locale(lang), currency_digits=False
    )


def money_short(amount: float, lang: str = "en") -> str:
    """Rounded for charts and workshops: "k€ 250", "M€ 1,2" (Dutch decimal comma)."""
    size = abs(amount)
    # Decided on the rounded size: 999,999 is "M€ 1,0", not "k€ 1.000".
    if round(size / 1e3) >= 1e3:
        return f"M€ {format_decimal(amount / 1e6, format='#,##0.0', locale=_locale(lang))}"
    if round(size) >= 1e3:
        return f"k€ {format_decimal(amount / 1e3, format='#,##0', locale=_locale(lang))}"
    return f"€ {format_decimal(amount, format='#,##0', locale=_locale(lang))}"


# How a workshop shows amounts: exact, rounded (k€ / M€) or hidden behind dots.
AMOUNTS: tuple[str, ...] = ("exact", "rounded", "hidden")
HIDDEN_AMOUNT = "•••"


def money_as(amount: float | None, lang: str = "en", amounts: str = "exact") -> str:
    """An amount as the amounts setting wants it: ``money``, ``money_short`` or dots (a dash for no value)."""
    if amount is None or amounts not in ("rounded", "hidden") or (isinstance(amount, float) and math.isnan(amount)):
        return money(amount, lang)
    return HIDDEN_AMOUNT if amounts == "hidden" else money_short(amount, lang)


def percent(share: float | None, lang: str = "en", digits: int = 0) -> str:
    if share is None:
        return "–"
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return format_percent(share, format=pattern, locale=_locale(lang))


def number(value: float | None, lang: str = "en", digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, format=pattern, locale=_locale(lang))


def date(value: dt.date | None, lang: str = "en") -> str:
    return "–" if value is None else format_date(value, format="long", locale=_locale(lang))
