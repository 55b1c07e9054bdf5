"""Numbers and dates as people type them, read in the interface language's conventions.

Dutch writes "400.000" and "4,5"; English writes "400,000" and "4.5". Both accept a euro
sign, spaces as thousands separators, a sign, an exponent ("1e30"), and the shorthand people
use for large amounts ("400k", "1,2 mln", "1.2m", "2 mld"). What is ambiguous in the language
is refused with a sentence that shows how to write it, never guessed: in Dutch "1.5" (is it
1,5 or 1.500?) and "1,500" (1,5, or an English 1,500?); in English "1.500" and "1,5".

``read_number`` returns the number in the unit the field shows (a percentage field gets 4.5
for "4,5%"); ``show_number`` writes a number back in the same convention, never "6.0".
``read_date`` reads ISO dates and the language's own day-month-year forms.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from decision.text.fmt import LOCALES

# Separators per language: (decimal mark, thousands mark).
MARKS: dict[str, tuple[str, str]] = {"nl": (",", "."), "en": (".", ",")}
# Multipliers people type after a number, per language (lower case, without a trailing dot).
MULTIPLIERS: dict[str, dict[str, int]] = {
    "nl": {"k": 10**3, "duizend": 10**3, "m": 10**6, "mln": 10**6, "miljoen": 10**6, "mld": 10**9, "miljard": 10**9},
    "en": {
        "k": 10**3,
        "thousand": 10**3,
        "m": 10**6,
        "mn": 10**6,
        "mln": 10**6,
        "million": 10**6,
        "bn": 10**9,
        "billion": 10**9,
    },
}
# Unit words a field may carry: "18 maanden", "4,5%", "€ 400.000".
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "months": ("maanden", "maand", "mnd", "months", "month", "mo"),
    "percent": ("%", "procent", "percent", "pct"),
    "money": ("€", "eur", "euro", "euros"),
}
MINUS = "-\u2212\u2013"  # hyphen, minus sign, en dash
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^(?P<sign>[-+]?)(?P<body>[0-9][0-9.,' ]*)(?P<exp>[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True)
class Typed(ValueError):
    """What was typed could not be read: a message key of ``typed.toml`` and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.key} {self.values}"


def _strip_units(text: str, kind: str) -> str:
    lowered = text.lower()
    for word in sorted(UNIT_WORDS.get(kind, ()), key=len, reverse=True):
        if lowered.endswith(word):
            return text[: len(text) - len(word)].strip()
        if lowered.startswith(word):
            return text[len(word) :].strip()
    return text


def _multiplier(text: str, lang: str) -> tuple[str, int]:
    match = re.match(r"^(.*?)[\s]*([a-z]+)\.?$", text, flags=re.IGNORECASE)
    if match and match.group(1):
        word = match.group(2).lower()
        table = MULTIPLIERS.get(lang, MULTIPLIERS["en"])
        if word in table:
            return match.group(1).strip(), table[word]
        raise Typed("typed.unknown_word", {"word": match.group(2)})
    return text, 1


def _grouped(part: str, mark: str) -> bool:
    """Whether ``part`` uses ``mark`` as a thousands separator correctly: 1.234.567."""
    groups = part.split(mark)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _digits(body: str, lang: str, original: str, kind: str) -> Decimal:
    """The number ``body`` (digits and marks only) in the conventions of ``lang``."""
    decimal_mark, thousands_mark = MARKS.get(lang, MARKS["en"])
    if " " in body or "'" in body:  # 400 000 or 400'000: groups of three only
        spaced = body.replace("'", " ")
        if any(not _grouped(part, " ") for part in spaced.split(decimal_mark)[:1]):
            raise Typed("typed.not_a_number", {"text": original})
        body = spaced.replace(" ", "")
    if not body or not body[0].isdigit() or not body[-1].isdigit():
        raise Typed("typed.not_a_number", {"text": original})
    has_decimal, has_thousands = decimal_mark in body, thousands_mark in body
    if has_decimal and has_thousands:
        whole, _, fraction = body.rpartition(decimal_mark)
        if thousands_mark in fraction or not _grouped(whole, thousands_mark):
            raise Typed("typed.other_convention", {"text": original, "example": _example(lang)})
        return Decimal(whole.replace(thousands_mark, "") + "." + fraction)
    if has_thousands:
        groups = body.split(thousands_mark)
        if len(groups) == 2 and groups[0] == "0":  # "0.5" in Dutch: clearly meant as a decimal
            fixed = show_number(Decimal(f"0.{groups[1]}"), lang, decimals=len(groups[1]))
            raise Typed("typed.decimal_mark", {"text": original, "fixed": fixed})
        if len(groups) == 2 and len(groups[1]) in (1, 2):
            # "1.5" in Dutch, "1,5" in English: the other language's decimal mark, or a thousands
            # separator with a digit missing?
            raise Typed("typed.ambiguous", _readings(groups[0], groups[1], lang, original))
        if len(groups) == 2 and len(groups[1]) > 3:
            fixed = show_number(Decimal(f"{groups[0]}.{groups[1]}"), lang, decimals=len(groups[1]))
            raise Typed("typed.decimal_mark", {"text": original, "fixed": fixed})
        if not _grouped(body, thousands_mark):
            raise Typed("typed.not_a_number", {"text": original})
        return Decimal(body.replace(thousands_mark, ""))
    if has_decimal:
        whole, _, fraction = body.partition(decimal_mark)
        if decimal_mark in fraction:
            raise Typed("typed.not_a_number", {"text": original})
        if kind == "money" and len(fraction) == 3 and whole != "0":
            # An amount "1,500" in Dutch, "1.500" in English: thousands in the other language?
            raise Typed("typed.ambiguous", _readings(whole, fraction, lang, original))
        return Decimal(whole + "." + fraction)
    return Decimal(body)


def _readings(whole: str, fraction: str, lang: str, original: str) -> dict[str, str]:
    """The two ways to read "1.5" / "1,500", each written as the language writes it."""
    as_decimal = Decimal(f"{whole}.{fraction}")
    as_thousands = Decimal(whole + fraction.ljust(3, "0"))
    return {"text": original, "decimal": show_number(as_decimal, lang), "thousands": show_number(as_thousands, lang)}


def _example(lang: str) -> str:
    return "1.234,56" if lang == "nl" else "1,234.56"


def read_number(text: str, lang: str, kind: str = "number") -> float:
    """The number typed in ``text``, in the conventions of ``lang``; ``kind`` is "money", "percent",
    "months" or "number": it decides which unit words may be typed along, and an amount with three
    digits after the other language's thousands mark ("1,500" in Dutch) is refused as ambiguous,
    where a percentage "1,125" is read as it is written.

    Raises ``Typed`` with a message key (decision/text/locales/<lang>/typed.toml) when the text is
    empty, not a number, or ambiguous in the language.
    """
    original = text.strip()
    cleaned = _SPACES.sub(" ", original).strip()
    if not cleaned:
        raise Typed("typed.empty")
    sign = 1
    if cleaned[0] in MINUS:
        sign, cleaned = -1, cleaned[1:].strip()
    cleaned = _strip_units(cleaned, kind)
    if lang == "nl" and cleaned.endswith((",-", ",--")):  # "€ 400.000,-": whole euros, the Dutch way
        cleaned = cleaned.rstrip("-").rstrip(",")
    if cleaned[:1] in MINUS:  # "€ -400"
        sign, cleaned = -sign, cleaned[1:].strip()
    cleaned, multiplier = _multiplier(cleaned, lang)
    cleaned = _strip_units(cleaned, kind)  # "€ 1,2 mln"
    match = _NUMBER.match(cleaned)
    if match is None:
        raise Typed("typed.not_a_number", {"text": original})
    if match.group("sign") == "-":
        sign = -sign
    number = _digits(match.group("body").strip(), lang, original, kind)
    if match.group("exp"):
        try:
            number = number.scaleb(int(match.group("exp")[1:]))
        except (InvalidOperation, ValueError):
            raise Typed("typed.not_a_number", {"text": original}) from None
    value = float(number * multiplier) * sign
    if value != value or value in (float("inf"), float("-inf")):
        raise Typed("typed.not_a_number", {"text": original})
    return value


def show_number(value: float | Decimal, lang: str, decimals: int = 6) -> str:
    """A number as the language writes it in a field: "400.000", "4,5", never "6.0" or "1e+06".

    Amounts are shown with at most two decimals (``decimals=2``), so what is shown reads back as it is.
    """
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale=LOCALES.get(lang, LOCALES["en"]))


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_MONTH_NAMES: dict[str, dict[str, int]] = {
    "nl": {
        name: number
        for number, names in enumerate(
            (
                ("januari", "jan"),
                ("februari", "feb"),
                ("maart", "mrt"),
                ("april", "apr"),
                ("mei",),
                ("juni", "jun"),
                ("juli", "jul"),
                ("augustus", "aug"),
                ("september", "sep", "sept"),
                ("oktober", "okt"),
                ("november", "nov"),
                ("december", "dec"),
            ),
            start=1,
        )
        for name in names
    },
    "en": {
        name: number
        for number, names in enumerate(
            (
                ("january", "jan"),
                ("february", "feb"),
                ("march", "mar"),
                ("april", "apr"),
                ("may",),
                ("june", "jun"),
                ("july", "jul"),
                ("august", "aug"),
                ("september", "sep", "sept"),
                ("october", "oct"),
                ("november", "nov"),
                ("december", "dec"),
            ),
            start=1,
        )
        for name in names
    },
}


def read_date(text: str, lang: str) -> dt.date:
    """A date typed as 2026-12-04, 4-12-2026 (Dutch) or 04/12/2026 (English: day first), or with
    the month's name ("4 december 2026"). A day-first form whose day could be a month (both 12 or
    less) is refused in English, where readers also meet the American month-first order."""
    original = text.strip()
    cleaned = _SPACES.sub(" ", original).strip().rstrip(".")
    if not cleaned:
        raise Typed("typed.empty")
    year = month = day = None
    if match := _ISO.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.match(cleaned):
        day, month, year = (int(g) for g in match.groups())
        if lang == "en" and "/" in cleaned and day <= 12 and month <= 12 and day != month:
            raise Typed("typed.ambiguous_date", {"text": original, "example": _show_date(year, month, day, lang)})
    else:
        words = cleaned.replace(",", " ").split()
        names = _MONTH_NAMES.get(lang, _MONTH_NAMES["en"])
        if len(words) == 3 and words[0].isdigit() and words[1].lower().rstrip(".") in names and words[2].isdigit():
            day, month, year = int(words[0]), names[words[1].lower().rstrip(".")], int(words[2])
    if year is None or month is None or day is None:
        raise Typed("typed.not_a_date", {"text": original, "example": _show_date(2026, 12, 31, lang)})
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Typed("typed.no_such_date", {"text": original}) from None


def _show_date(year: int, month: int, day: int, lang: str) -> str:
    try:
        return format_date(dt.date(year, month, day), format="long", locale=LOCALES.get(lang, LOCALES["en"]))
    except ValueError:
        return f"{year:04d}-{month:02d}-{day:02d}"
