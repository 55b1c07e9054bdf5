"""One way to say a value: every number, amount, share, date and code in a message.

``translate`` (decision.text.i18n) says each value of a message with ``say_value``,
by the value's name:

- strategy codes (``strategy``, ``batna``, ``fallback``, ``runner_up``, ``other``) by the
  strategy's name; ``part`` by the message file's own word for it (``validation.part.low``
  or ``inputs.part.low``); ``reason``, ``choices``, ``area``, ``input`` and ``research`` by
  their messages (and a problem's ``unit``); dates in the language's long form;
- numbers of an input (``value``, ``limit``, ``low``, ``mode``, ``high``, ``threshold*``) in the
  input's kind when the message names one (a value called ``kind``): money, a percentage,
  months, a percentage per year (``say_in_kind``);
- other numbers by their name: ``amount*``, ``*_cost`` and ``*_value`` as money, ``share*`` and
  ``p_*`` as percentages, anything else as a plain number;
- in a problem of a case file (``literal``), numbers as the file writes them (0.5, not 50%),
  so that the line says what to change in the file.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from decision.text import fmt
from decision.text.catalogue import MoneyFormat, catalogue

STRATEGY_VALUES = frozenset({"strategy", "batna", "fallback", "runner_up", "other"})
KIND_VALUES = frozenset({"value", "limit", "low", "mode", "high"})
MONEY_KINDS = frozenset({"euro", "euro_month", "euro_year", "money"})
PER_YEAR_KINDS = frozenset({"share_year"})
MONTH_KINDS = frozenset({"months", "horizon"})

# The wording of the JSON reader and of pydantic's date parser, as message codes.
_REASONS = {
    "Expecting value": "validation.reason.json_value",
    "Expecting property name enclosed in double quotes": "validation.reason.json_property_name",
    "Expecting ':' delimiter": "validation.reason.json_colon",
    "Expecting ',' delimiter": "validation.reason.json_comma",
    "Extra data": "validation.reason.json_extra",
    "Unterminated string starting at": "validation.reason.json_unterminated",
    "Invalid control character at": "validation.reason.json_control",
    "Invalid \\escape": "validation.reason.json_escape",
    "Invalid \\uXXXX escape": "validation.reason.json_unicode_escape",
    "invalid character in year": "validation.reason.date_year",
    "invalid character in month": "validation.reason.date_month",
    "invalid character in day": "validation.reason.date_day",
    "input is too short": "validation.reason.date_too_short",
    "month value is outside expected range of 1-12": "validation.reason.date_month_range",
    "day value is outside expected range": "validation.reason.date_day_range",
    "invalid date separator, expected `-`": "validation.reason.date_separator",
}


def _message(key: str, lang: str, fallback: str, **values: str) -> str:
    template = catalogue(lang).get(key) or catalogue("en").get(key)
    return template.format(**values) if template is not None else fallback


def say_in_kind(kind: str, value: float | None, lang: str, money: MoneyFormat = fmt.money) -> str:
    """A value of an input as a director reads it: €1,250,000, 41%, 10% per year, 18 months."""
    if value is None:
        return "–"
    if kind in MONEY_KINDS:
        return money(value, lang)
    if kind in MONTH_KINDS:
        unit = "sensitivity.unit.month" if value == 1 else "sensitivity.unit.months"
        return _message(unit, lang, f"{value}", months=fmt.number(value, lang))
    # The decimals the value has: none (55%), one (4,5%), or two for a rate set in steps of 0.05 points
    # (the statutory interest: 10,15%, 12,25%); a value worked out to more (41,49%) gets one (41,5%). The
    # rounding to a millionth of a point first drops float noise (0.55 * 100 is 55.00000000000001: "55%").
    hundred = round(float(value) * 100, 6)
    digits = next((d for d in (0, 1) if round(hundred, d) == hundred), 2 if round(hundred * 20, 6).is_integer() else 1)
    share = fmt.percent(value, lang, digits=digits)
    if kind in PER_YEAR_KINDS:
        return _message("sensitivity.unit.per_year", lang, share, share=share)
    return share


def _literal_number(name: str, value: float, lang: str) -> str:
    """A number as a case file writes it, to its last digit: 1.0000001 stays 1.0000001 (not 1).

    English writes the file's own form (a whole number without ``.0``); Dutch uses the decimal
    comma and thousands dots.
    """
    locale = fmt.LOCALES.get(lang, fmt.LOCALES["en"])
    if name == "megabytes":  # one decimal, more where needed: 1,000,001 bytes is 1.000001 MB, not "1.0"
        return format_decimal(value, format="0.0#####", locale=locale)
    if not math.isfinite(value):
        return str(value)
    whole = float(value).is_integer() and abs(value) < 1e16
    written = str(int(value)) if whole else repr(float(value))
    if lang == "en" and name == "limit" and whole and abs(value) >= 10_000:
        return f"{int(value):,}"  # 1,000,000,000,000: a limit a person can read
    if lang == "en" or "e" in written:
        return written
    decimals = len(written.partition(".")[2])
    return format_decimal(Decimal(written), format="#,##0" + ("." + "#" * decimals if decimals else ""), locale=locale)


def say_value(
    name: str,
    value: Any,
    lang: str,
    *,
    file: str = "",
    money: MoneyFormat = fmt.money,
    kind: str | None = None,
    literal: bool = False,
) -> str:
    """The value called ``name`` of a message of catalogue file ``file``, said in ``lang``."""
    if name in STRATEGY_VALUES and isinstance(value, str):
        return catalogue(lang).get(f"strategy.{value}.name", value)
    if name == "part" and file == "validation":
        return catalogue(lang).get(f"validation.part.{value}", str(value))
    if name == "part":
        return catalogue(lang).get(f"inputs.part.{value}", str(value))
    if name == "unit" and literal:
        return f" {catalogue(lang).get(f'inputs.unit.{value}', str(value))}" if value else ""
    if name == "reason":
        return _message(_REASONS[value], lang, str(value)) if value in _REASONS else str(value)
    if name == "choices":
        *first, last = value
        return f"{', '.join(first)} {_message('validation.or', lang, 'or')} {last}" if first else str(last)
    if name == "area" and isinstance(value, str):
        return catalogue(lang).get(f"agreement.area.{value}", value)
    if name == "input" and isinstance(value, str):
        return catalogue(lang).get(f"sensitivity.phrase.{value}", value)
    if name == "research" and isinstance(value, str):
        return catalogue(lang).get(f"sensitivity.research.{value}", value)
    if isinstance(value, dt.date):
        return fmt.date(value, lang)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if literal:
        return _literal_number(name, value, lang)
    if kind is not None and (name in KIND_VALUES or name.startswith("threshold")):
        return say_in_kind(kind, value, lang, money)
    if name.startswith("price"):  # to the cent, unless a workshop writes its amounts rounded or hidden
        written = money(value, lang)
        return fmt.price(value, lang) if written == fmt.money(value, lang) else written
    if name.startswith("amount") or name.endswith("_cost") or name.endswith("_value"):
        return money(value, lang)
    if name.startswith("share") or name.startswith("p_"):
        return fmt.percent(value, lang)
    return fmt.number(value, lang)
