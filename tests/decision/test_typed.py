"""Numbers and dates as a director types them (issue 12): every accepted and every refused form,
in both languages, with the thousands and decimal traps; a refusal says how to write it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision.text.i18n import translate
from decision.text.typed import Typed, read_date, read_number, show_number

ACCEPTED = [
    # (language, kind, typed, value)
    ("nl", "money", "400.000", 400_000),
    ("nl", "money", "€ 400.000", 400_000),
    ("nl", "money", "€400.000", 400_000),
    ("nl", "money", "400.000 euro", 400_000),
    ("nl", "money", "€ 400.000,-", 400_000),
    ("nl", "money", "1.200.000", 1_200_000),
    ("nl", "money", "1,2 mln", 1_200_000),
    ("nl", "money", "1,2 miljoen", 1_200_000),
    ("nl", "money", "€ 1,2 mln", 1_200_000),
    ("nl", "money", "400k", 400_000),
    ("nl", "money", "2 mld", 2_000_000_000),
    ("nl", "money", "400 000", 400_000),
    ("nl", "money", "1.234,56", 1234.56),
    ("nl", "money", "0,125", 0.125),
    ("nl", "money", "-5", -5),
    ("nl", "money", "\u22125", -5),  # a typographic minus
    ("nl", "money", "€ -400", -400),
    ("nl", "money", "-€ 400", -400),
    ("nl", "money", "1e30", 1e30),  # read as written; the field's limit refuses it, with a sentence
    ("nl", "percent", "4,5", 4.5),
    ("nl", "percent", "4,5%", 4.5),
    ("nl", "percent", "2,5 procent", 2.5),
    ("nl", "percent", "1,125", 1.125),  # only amounts have the thousands trap
    ("nl", "months", "18", 18),
    ("nl", "months", "18 maanden", 18),
    ("nl", "number", " 7 ", 7),
    ("en", "money", "400,000", 400_000),
    ("en", "money", "€400,000", 400_000),
    ("en", "money", "1.2m", 1_200_000),
    ("en", "money", "1.2 million", 1_200_000),
    ("en", "money", "2bn", 2_000_000_000),
    ("en", "money", "400k", 400_000),
    ("en", "money", "1,234.56", 1234.56),
    ("en", "money", "-1,000", -1000),
    ("en", "percent", "4.5", 4.5),
    ("en", "percent", "4.5%", 4.5),
    ("en", "months", "18 months", 18),
]


@pytest.mark.parametrize(("lang", "kind", "typed", "value"), ACCEPTED)
def test_accepted_forms(lang, kind, typed, value):
    assert read_number(typed, lang, kind) == pytest.approx(value)


REFUSED = [
    # (language, kind, typed, key, the sentence)
    ("nl", "money", "1.5", "typed.ambiguous", "„1.5” kan op twee manieren gelezen worden: typ 1,5 of 1.500."),
    ("nl", "percent", "2.5", "typed.ambiguous", "„2.5” kan op twee manieren gelezen worden: typ 2,5 of 2.500."),
    ("nl", "money", "1,500", "typed.ambiguous", "„1,500” kan op twee manieren gelezen worden: typ 1,5 of 1.500."),
    ("nl", "money", "0.5", "typed.decimal_mark", "In het Nederlands is de komma het decimaalteken: typ 0,5."),
    ("nl", "money", "1.2345", "typed.decimal_mark", "In het Nederlands is de komma het decimaalteken: typ 1,2345."),
    (
        "nl",
        "money",
        "1,234.56",
        "typed.other_convention",
        "„1,234.56” is op zijn Engels geschreven; typ het als 1.234,56 (punten voor duizendtallen, "
        "een komma voor decimalen).",
    ),
    ("nl", "money", "1.000.5", "typed.not_a_number", "„1.000.5” is geen getal. Typ het als 400.000 of 4,5."),
    ("nl", "money", "12 34", "typed.not_a_number", "„12 34” is geen getal. Typ het als 400.000 of 4,5."),
    ("nl", "money", "veel", "typed.not_a_number", "„veel” is geen getal. Typ het als 400.000 of 4,5."),
    (
        "nl",
        "money",
        "5 appels",
        "typed.unknown_word",
        "„appels” kent Kruispunt niet als eenheid: typ het getal voluit, of met k (duizend), mln (miljoen) "
        "of mld (miljard).",
    ),
    ("nl", "money", "", "typed.empty", "Typ een getal."),
    ("nl", "money", "1e400", "typed.not_a_number", "„1e400” is geen getal. Typ het als 400.000 of 4,5."),
    ("en", "money", "1.500", "typed.ambiguous", "“1.500” can be read two ways: type 1.5 or 1,500."),
    ("en", "money", "1,5", "typed.ambiguous", "“1,5” can be read two ways: type 1.5 or 1,500."),
    (
        "en",
        "money",
        "1.234,56",
        "typed.other_convention",
        "“1.234,56” is written the Dutch way; in English type it like 1,234.56 (commas for thousands, "
        "a point for decimals).",
    ),
    ("en", "money", "0,5", "typed.decimal_mark", "In English the decimal mark is a point: type 0.5."),
    ("en", "money", "lots", "typed.not_a_number", "“lots” is not a number. Type it like 400,000 or 4.5."),
]


@pytest.mark.parametrize(("lang", "kind", "typed", "key", "sentence"), REFUSED)
def test_refused_forms_say_how_to_write_it(lang, kind, typed, key, sentence):
    with pytest.raises(Typed) as refused:
        read_number(typed, lang, kind)
    assert refused.value.key == key
    assert translate(refused.value.key, lang, **refused.value.values) == sentence


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (400_000, "nl", "400.000"),
        (400_000, "en", "400,000"),
        (6.0, "nl", "6"),  # never "6.0"
        (4.5, "nl", "4,5"),
        (4.5, "en", "4.5"),
        (1_000_000, "en", "1,000,000"),  # never "1e+06"
        (-1234.5, "nl", "-1.234,5"),
    ],
)
def test_shown_in_the_same_convention(value, lang, shown):
    assert show_number(value, lang) == shown


@given(
    st.decimals(min_value=-(10**11), max_value=10**11, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["nl", "en"]),
)
def test_an_amount_shown_reads_back_as_itself(amount, lang):
    shown = show_number(amount, lang, decimals=2)
    assert read_number(shown, lang, "money") == pytest.approx(float(amount), abs=1e-9)


@given(st.decimals(min_value=0, max_value=100, places=4, allow_nan=False), st.sampled_from(["nl", "en"]))
def test_a_percentage_shown_reads_back_as_itself(share, lang):
    assert read_number(show_number(share, lang), lang, "percent") == pytest.approx(float(share))


@pytest.mark.parametrize(
    ("typed", "lang", "date"),
    [
        ("2026-12-04", "nl", dt.date(2026, 12, 4)),
        ("4-12-2026", "nl", dt.date(2026, 12, 4)),
        ("04-12-2026", "nl", dt.date(2026, 12, 4)),
        ("4 december 2026", "nl", dt.date(2026, 12, 4)),
        ("4 dec. 2026", "nl", dt.date(2026, 12, 4)),
        ("2026-12-04", "en", dt.date(2026, 12, 4)),
        ("25/12/2026", "en", dt.date(2026, 12, 25)),  # the day cannot be a month: read as written
        ("4 December 2026", "en", dt.date(2026, 12, 4)),
    ],
)
def test_dates(typed, lang, date):
    assert read_date(typed, lang) == date


@pytest.mark.parametrize(
    ("typed", "lang", "key"),
    [
        ("04/12/2026", "en", "typed.ambiguous_date"),  # 4 December or April 12?
        ("31-02-2026", "nl", "typed.no_such_date"),
        ("morgen", "nl", "typed.not_a_date"),
        ("", "en", "typed.empty"),
    ],
)
def test_dates_refused(typed, lang, key):
    with pytest.raises(Typed) as refused:
        read_date(typed, lang)
    assert refused.value.key == key
    assert translate(refused.value.key, lang, **refused.value.values)  # said in the language
