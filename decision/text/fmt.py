"""Numbers, money, percentages and dates formatted for the case's language (Babel).

No function here raises on a number, whatever its size. Amounts and numbers are
shown as usual below a thousand million million (10^15, "duizend biljoen"); a
float has no whole-euro precision beyond that, and Babel gives up from about
10^26. From there on a value is written in scientific notation with one decimal,
the way a calculator shows it: "€ 1,2 × 10^18" in Dutch, "€1.2 × 10^18" in English
(no-break spaces around "×", so the figure never wraps; "^" rather than a
superscript, because the PDF's fallback font has no superscript digits). An
infinite value is "∞" with its sign ("€ ∞", "-€∞", "-∞%"); NaN, like no value, is
a dash. Whole numbers too large for a float (10**400) are written the same way.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
NO_VALUE = "–"
# From this size on (in euros, or in the number or percentage shown) a value is written as "1,2 × 10^18".
EXACT_LIMIT = 10**15
TIMES_TEN = "\u00a0×\u00a010^"
INFINITY = "∞"
# Whole numbers up to this many bits (some 30,000 digits) are written from their exact digits.
EXACT_BITS = 100_000


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


@cache
def _euro_pattern(lang: str, decimals: str = ".00") -> str:
    """The language's currency pattern ("¤ #,##0.00" in Dutch) with ``decimals`` in place of its cents:
    "" for whole euros, ".0" for one decimal, ".##" for up to two."""
    return Locale.parse(_locale(lang)).currency_formats["standard"].pattern.replace(".00", decimals)


def _whole_euro_pattern(lang: str) -> str:
    return _euro_pattern(lang, "")


def _one_decimal_euro_pattern(lang: str) -> str:
    return _euro_pattern(lang, ".0")


def _number(value: Any) -> int | float:
    """``value`` as a whole number (exact, of any size) or a float (NaN and infinity included)."""
    return int(value) if isinstance(value, numbers.Integral) else float(value)


def _is_nan(value: int | float) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _is_infinite(value: int | float) -> bool:
    return isinstance(value, float) and math.isinf(value)


def _infinity(value: float) -> str:
    return INFINITY if value > 0 else f"-{INFINITY}"


def _scientific_parts(value: int | float, shift: int = 0) -> tuple[Decimal, int] | None:
    """``value`` × 10^shift as (mantissa with one decimal, exponent) when at least EXACT_LIMIT, else None.

    ``value`` is finite. Of a whole number only the leading digits are used, so that
    even one of a million digits takes no time.
    """
    if isinstance(value, int):
        size = abs(value)
        if size * 10**shift < EXACT_LIMIT:
            return None
        if size.bit_length() > EXACT_BITS:
            # Beyond tens of thousands of digits, from the logarithm (the first two digits are still right).
            log = math.log10(size)
            whole = math.floor(log)
            leading = Decimal(10 ** (log - whole)).quantize(Decimal("0.1"))
            if leading >= 10:
                leading, whole = leading / 10, whole + 1
            return (leading if value > 0 else -leading), whole + shift
        dropped = max(int(size.bit_length() * math.log10(2)) - 20, 0)
        first = size // 10**dropped
        mantissa, exponent = f"{Decimal(first if value > 0 else -first):.1e}".split("e")
        return Decimal(mantissa), int(exponent) + dropped + shift
    exact = Decimal(value).scaleb(shift)
    if exact.copy_abs() < EXACT_LIMIT:
        return None
    mantissa, exponent = f"{exact:.1e}".split("e")
    return Decimal(mantissa), int(exponent)


def _scientific(parts: tuple[Decimal, int], lang: str) -> str:
    """ "1,2 × 10^18": the mantissa with the language's decimal sign."""
    mantissa, exponent = parts
    return f"{format_decimal(mantissa, format='0.0', locale=_locale(lang))}{TIMES_TEN}{exponent}"


def money(amount: float | None, lang: str = "en") -> str:
    """Whole euros: "€ 1.234.567" in Dutch, "€1,234,567" in English; a dash for no value or NaN.

    From 10^15 on: "€ 1,2 × 10^18" / "€1.2 × 10^18"; infinity: "€ ∞" / "-€∞".
    """
    if amount is None:
        return NO_VALUE
    value = _number(amount)
    if _is_nan(value):
        return NO_VALUE
    locale = _locale(lang)
    if _is_infinite(value):
        return format_currency(
            Decimal(value), "EUR", format=_whole_euro_pattern(lang), locale=locale, currency_digits=False
        )
    parts = _scientific_parts(value)
    if parts is not None:
        mantissa, exponent = parts
        euros = format_currency(
            mantissa, "EUR", format=_one_decimal_euro_pattern(lang), locale=locale, currency_digits=False
        )
        return f"{euros}{TIMES_TEN}{exponent}"
    return format_currency(round(amount), "EUR", format=_whole_euro_pattern(lang), locale=locale, currency_digits=False)


def price(amount: float | None, lang: str = "en") -> str:
    """A price per unit (per hour): to the cent when it has cents ("€ 82,50" / "€82.50"), else as ``money``
    ("€ 75"). An amount of many units (a month's cost) stays in whole euros."""
    if amount is None or _is_nan(_number(amount)) or float(amount) == round(float(amount)):
        return money(amount, lang)
    cents = Decimal(f"{float(amount):.2f}")
    return format_currency(cents, "EUR", format=_euro_pattern(lang), locale=_locale(lang), currency_digits=False)


def money_short(amount: float | None, lang: str = "en") -> str:
    """Rounded for charts and workshops: "k€ 250", "M€ 1,2" (Dutch decimal comma).

    From 10^15 on: "€ 1,2 × 10^18"; infinity: "€ ∞", "€ -∞"; a dash for no value or NaN.
    """
    if amount is None:
        return NO_VALUE
    value = _number(amount)
    if _is_nan(value):
        return NO_VALUE
    if _is_infinite(value):
        return f"€ {_infinity(value)}"
    parts = _scientific_parts(value)
    if parts is not None:
        return f"€ {_scientific(parts, lang)}"
    sign, divisor, digits = _short_scale(amount)
    pattern = "#,##0.0" if digits else "#,##0"
    return f"{sign} {format_decimal(amount / divisor, format=pattern, locale=_locale(lang))}"


def _short_scale(amount: float) -> tuple[str, float, int]:
    """How ``money_short`` writes a finite ``amount``: its sign (M€, k€ or €), what it is divided by,
    and the decimals kept. Decided on the rounded size: 999,999 is "M€ 1,0", not "k€ 1.000"."""
    size = abs(amount)
    if round(size / 1e3) >= 1e3:
        return "M€", 1e6, 1
    if round(size) >= 1e3:
        return "k€", 1e3, 0
    return "€", 1.0, 0


# The words a rounded amount is written with above a million and a thousand million, per language.
SCALE_WORDS: dict[str, tuple[str, str]] = {"nl": ("mln", "mld"), "en": ("million", "billion")}
READING_DIGITS = 3  # a rounded amount keeps at most this many significant digits


def _decimal_euro_pattern(lang: str) -> str:
    return _euro_pattern(lang, ".##")


def money_rounded(amount: float | None, lang: str = "en") -> str:
    """Rounded for reading, at most three significant digits: "€ 402.000", "€ 3,96 mln", "€ 1,2 mld" in
    Dutch; "€402,000", "€3.96 million", "€1.2 billion" in English. For a board's page and its sentences;
    tables that must add up use ``money``.

    From 10^15 on, infinity, NaN and no value as ``money`` writes them.
    """
    if amount is None:
        return NO_VALUE
    value = _number(amount)
    if _is_nan(value) or _is_infinite(value) or _scientific_parts(value) is not None:
        return money(amount, lang)
    rounded = Decimal(f"{float(value):.{READING_DIGITS}g}")
    million, billion = SCALE_WORDS.get(lang, SCALE_WORDS["en"])
    size = rounded.copy_abs()
    if size < 10**6:
        return money(float(rounded), lang)
    scale, word = (Decimal(10**9), billion) if size >= 10**9 else (Decimal(10**6), million)
    figure = format_currency(
        rounded / scale, "EUR", format=_decimal_euro_pattern(lang), locale=_locale(lang), currency_digits=False
    )
    return f"{figure}\u00a0{word}"


def rounded_parts(amounts: Sequence[float]) -> tuple[float, list[float]]:
    """A total and its parts rounded for reading so that the parts, as written, add up to the total.

    The total is rounded to ``READING_DIGITS`` significant digits, as ``money_rounded`` writes it; every
    part to the same unit (10,000 for a total of EUR 1.1M), the rounding spread by largest remainder
    (the parts rounded down, then one unit more to those that lost most). Parts of 692,319 as 255,741 +
    21,787 + 414,791 are written 255,000 + 22,000 + 415,000 = 692,000 (each rounded alone: 693,000).
    """
    total = sum(amounts)
    if total <= 0:
        return total, list(amounts)
    unit = 10 ** max(0, len(str(int(round(total)))) - READING_DIGITS)
    wanted = round(total / unit)
    floors = [math.floor(a / unit) for a in amounts]
    by_remainder = sorted(range(len(amounts)), key=lambda i: -(amounts[i] / unit - floors[i]))
    for i in by_remainder[: max(0, wanted - sum(floors))]:
        floors[i] += 1
    return float(wanted * unit), [float(f * unit) for f in floors]


# How a workshop shows amounts: exact, rounded (k€ / M€) or hidden behind dots.
AMOUNTS: tuple[str, ...] = ("exact", "rounded", "hidden")
HIDDEN_AMOUNT = "•••"


# An amount written in a free text, Dutch or English: "€ 12.000", "€12,000", "k€ 400", "EUR 1,2 mln",
# "1,25 mln", "12.000 euro". Percentages, months and counts are not amounts.
_SCALE_WORDS = r"(?:mln|miljoen|mld|miljard|million|billion|bn)"
_NUMBER_IN_TEXT = r"\d(?:[\d.,]*\d)?"
_AMOUNT_IN_TEXT = re.compile(
    rf"(?:[kKmM]?€|\bEUR\b)\s?[-−]?{_NUMBER_IN_TEXT}(?:\s?(?:{_SCALE_WORDS}|[mk])\b)?(?:,-+)?"
    rf"|\b{_NUMBER_IN_TEXT}\s?{_SCALE_WORDS}\b(?:\s?(?:euro|EUR|€))?"
    rf"|\b{_NUMBER_IN_TEXT}\s?(?:euro|EUR)\b",
    re.IGNORECASE,
)


def mask_amounts(text: str) -> str:
    """``text`` with every amount in it written as dots, for a workshop with hidden amounts: "vaste prijs
    € 925.000 en € 12.000 per maand" reads "vaste prijs ••• en ••• per maand"."""
    return _AMOUNT_IN_TEXT.sub(HIDDEN_AMOUNT, text)


def money_as(amount: float | None, lang: str = "en", amounts: str = "exact") -> str:
    """An amount as the amounts setting wants it: ``money``, ``money_short`` or dots (a dash for no value)."""
    if amount is None or amounts not in ("rounded", "hidden") or _is_nan(_number(amount)):
        return money(amount, lang)
    return HIDDEN_AMOUNT if amounts == "hidden" else money_short(amount, lang)


# The amounts ``money_many`` writes itself (whole euros, k€ and M€ below EXACT_LIMIT, at least one euro);
# the rest (NaN, infinity, scientific notation, cents) it leaves to ``money_as``.
_FAST_FROM, _FAST_BELOW = 1.0, float(EXACT_LIMIT)
_WRITTEN = 1_234_567  # the number whose writing shows a language's signs and marks


@cache
def _money_signs(lang: str) -> tuple[str, str, str, str, str]:
    """How ``money`` writes a language: the text before a positive and a negative amount, after both,
    the group mark and the decimal mark, read from what Babel writes for 1,234,567 and 1.5."""
    positive, negative = money(_WRITTEN, lang), money(-_WRITTEN, lang)
    group = format_decimal(_WRITTEN, format="#,##0", locale=_locale(lang))[1]
    decimal = format_decimal(1.5, format="0.0", locale=_locale(lang))[1]
    digits = f"{_WRITTEN:,}".replace(",", group)
    before, after = positive.split(digits)
    negative_before, negative_after = negative.split(digits)
    if after != negative_after:
        raise ValueError(f"money({_WRITTEN}) and money(-{_WRITTEN}) end differently in {lang}")
    return before, negative_before, after, group, decimal


def _grouped(written: str, group: str, decimal: str) -> str:
    """Python's "1,234.5" with the language's marks."""
    return written.replace(",", "\0").replace(".", decimal).replace("\0", group)


def _money_fast(amount: float, lang: str, amounts: str) -> str:
    before, negative_before, after, group, decimal = _money_signs(lang)
    if amounts == "exact":
        whole = round(amount)
        return f"{before if whole >= 0 else negative_before}{_grouped(f'{abs(whole):,}', group, decimal)}{after}"
    # money_short's scale; Babel quantizes the decimal writing of the float, half to even.
    sign, divisor, digits = _short_scale(amount)
    figure = Decimal(str(amount / divisor)).quantize(Decimal(1).scaleb(-digits))
    return f"{sign} {_grouped(f'{figure:,.{digits}f}', group, decimal)}"


def money_many(amounts_of: Any, lang: str = "en", amounts: str = "exact") -> list[str]:
    """``[money_as(a, lang, amounts) for a in amounts_of]``, about five times faster (3.5 µs an amount):
    for the labels of a chart's thousand points, which a what-if writes again on every change.

    Amounts from one euro up to EXACT_LIMIT are written here with Python's own formatting and the
    language's signs as Babel writes them (``_money_signs``); every other one by ``money_as``.
    """
    if amounts == "hidden":
        return [money_as(a, lang, amounts) for a in amounts_of]
    written = []
    for amount in amounts_of:
        value = None if amount is None else float(amount)
        if value is not None and _FAST_FROM <= abs(value) < _FAST_BELOW:
            written.append(_money_fast(value, lang, amounts))
        else:
            written.append(money_as(amount, lang, amounts))
    return written


def percent(share: float | None, lang: str = "en", digits: int = 0) -> str:
    """A share as a percentage: 0.125 is "12,5%" / "12.5%" with one digit.

    From 10^15 % on: "1,0 × 10^17%"; infinity: "∞%"; a dash for no value or NaN.
    """
    if share is None:
        return NO_VALUE
    value = _number(share)
    if _is_nan(value):
        return NO_VALUE
    if _is_infinite(value):
        return f"{_infinity(value)}%"
    parts = _scientific_parts(value, shift=2)
    if parts is not None:
        return f"{_scientific(parts, lang)}%"
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return format_percent(share, format=pattern, locale=_locale(lang))


def percent_as_needed(share: float | None, lang: str = "en", digits: int = 1) -> str:
    """A share with its decimals where it has them, up to ``digits``: 0.045 is "4,5%" (not "5%"), 0.04 "4%".

    From 10^15 % on, infinity, NaN and no value as ``percent`` writes them.
    """
    if share is None or not math.isfinite(float(_number(share))) or _scientific_parts(_number(share), 2):
        return percent(share, lang)
    pattern = "#,##0%" if digits <= 0 else "#,##0." + "#" * digits + "%"
    return format_percent(share, format=pattern, locale=_locale(lang))


def number(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """A number with at most ``digits`` decimals: "1.234,6" / "1,234.6".

    From 10^15 on: "1,2 × 10^18"; infinity: "∞"; a dash for no value or NaN.
    """
    if value is None:
        return NO_VALUE
    exact = _number(value)
    if _is_nan(exact):
        return NO_VALUE
    if _is_infinite(exact):
        return _infinity(exact)
    parts = _scientific_parts(exact)
    if parts is not None:
        return _scientific(parts, lang)
    pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, format=pattern, locale=_locale(lang))


def date(value: dt.date | None, lang: str = "en") -> str:
    """A date written out: "1 december 2026" / "1 December 2026"; a dash for no date."""
    return NO_VALUE if value is None else format_date(value, format="long", locale=_locale(lang))
