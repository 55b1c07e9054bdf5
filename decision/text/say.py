"""One way to say a value: every number, share, amount, date and code in a message.

``translate`` formats each value of a message through ``say_value`` by the value's
name; problems of a case file use ``say_problem_value``, which keeps the file's own
numbers (0.5, not 50%) so that the line says what to change in the file.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal

from decision.text.fmt import LOCALES
from decision.text.i18n import translate

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


def say_problem_value(name: str, value: Any, lang: str) -> str:
    """A problem's value as its message says it.

    Numbers keep the command line's English form (``:g``) and get the Dutch decimal
    comma and thousands dots in Dutch; codes (part, unit, reason, choices) are translated.
    """
    if name == "part":
        return translate(f"validation.part.{value}", lang)
    if name == "unit":
        return f" {translate(f'inputs.unit.{value}', lang)}" if value else ""
    if name == "reason":
        return translate(_REASONS[value], lang) if value in _REASONS else str(value)
    if name == "choices":
        *first, last = value
        return f"{', '.join(first)} {translate('validation.or', lang)} {last}" if first else str(last)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    locale = LOCALES.get(lang, LOCALES["en"])
    if name == "megabytes":
        return format_decimal(value, format="0.0", locale=locale)
    return f"{value:g}" if lang == "en" else format_decimal(value, format="#,##0.######", locale=locale)
