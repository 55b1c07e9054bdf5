"""Case page: every field bound to the case; numbers and dates typed the language's way; rejected
entries keep the case and stay in their field with a sentence naming it."""

from __future__ import annotations

import datetime as dt

import pytest

from decision.model.presets import EXAMPLE, load_preset, preset_ids
from tests.pages.markdown import plain

PAGE = "app_pages/case.py"


def errors(at) -> list[str]:
    return [plain(e.value) for e in at.error]


def field(at, key: str):
    return at.text_input(key=f"case_page.{key}")


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_renders_its_values(app_at, preset):
    case = load_preset(preset)
    at = app_at(PAGE, preset)
    assert not at.exception
    assert at.text_input(key="case_page.title").value == case.title
    assert at.text_input(key="case_page.profile.organisation").value == case.profile.organisation
    assert at.text_area(key="case_page.profile.contract").value == case.profile.contract
    assert field(at, "horizon_months").value == str(case.horizon_months)
    assert field(at, "sunk.invested_to_date").value == f"{case.sunk.invested_to_date:,.0f}"
    cap = case.legal.liability_cap
    assert field(at, "legal.liability_cap").value == ("" if cap is None else f"{cap:,.0f}")
    start = case.start_date
    assert field(at, "start_date").value == (
        "" if start is None else f"{start.day} {start:%b %Y}".replace("Sep ", "Sept ")
    )
    assert errors(at) == []


def test_the_fields_show_their_values_written_the_languages_way(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    case = at.session_state["case"]
    assert case.discount_rate == 0.06 and case.sunk.invested_to_date == 1_400_000
    assert field(at, "discount_rate").value == "6", "never 6.0"
    assert field(at, "sunk.invested_to_date").value == "1.400.000"
    assert field(at, "profile.contract_value").value == "925.000"
    assert field(at, "start_date").value == case.start_date.strftime("%d-%m-%Y")
    at = app_at(PAGE, EXAMPLE, lang="en")
    assert field(at, "sunk.invested_to_date").value == "1,400,000"
    assert field(at, "profile.contract_value").placeholder == "e.g. 400,000 or 1.2m"


def test_sunk_costs_are_marked_and_explained(app_at):
    at = app_at(PAGE, EXAMPLE)
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert "**Sunk costs: shown, not used for the decision**" in shown
    assert any("Arkes & Blumer, 1985" in text for text in shown)
    # The example invested EUR 1.4M, book value EUR 900k: both shown in euros under their fields.
    assert "= €1,400,000" in shown and "= €900,000" in shown


def test_dutch(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert at.title[0].value == "Het dossier"
    assert field(at, "horizon_months").label == "Horizon (maanden)"
    assert field(at, "profile.contract_value").label == "Contractwaarde: prijs van de implementatie (€)"
    assert "= €\xa01.400.000" in [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("lang", "key", "typed", "path", "expected", "shown"),
    [
        ("nl", "profile.contract_value", "400.000", ("profile", "contract_value"), 400_000, "400.000"),
        ("nl", "sunk.invested_to_date", "1,2 mln", ("sunk", "invested_to_date"), 1_200_000, "1.200.000"),
        ("nl", "sunk.book_value", "€ 250.000,-", ("sunk", "book_value"), 250_000, "250.000"),
        ("nl", "discount_rate", "4,5", ("discount_rate",), 0.045, "4,5"),
        ("nl", "discount_rate", "8,5%", ("discount_rate",), 0.085, "8,5"),
        ("nl", "horizon_months", "48", ("horizon_months",), 48, "48"),
        ("nl", "legal.liability_cap", "250000", ("legal", "liability_cap"), 250_000, "250.000"),
        ("nl", "profile.contract_value", "", ("profile", "contract_value"), None, ""),
        ("nl", "legal.liability_cap", "", ("legal", "liability_cap"), None, ""),
        ("nl", "start_date", "15-1-2027", ("start_date",), dt.date(2027, 1, 15), "15-01-2027"),
        ("nl", "start_date", "15 januari 2027", ("start_date",), dt.date(2027, 1, 15), "15-01-2027"),
        ("nl", "start_date", "", ("start_date",), None, ""),
        ("en", "profile.contract_value", "400,000", ("profile", "contract_value"), 400_000, "400,000"),
        ("en", "sunk.invested_to_date", "1.2m", ("sunk", "invested_to_date"), 1_200_000, "1,200,000"),
        ("en", "discount_rate", "4.5", ("discount_rate",), 0.045, "4.5"),
        ("en", "start_date", "2027-01-15", ("start_date",), dt.date(2027, 1, 15), "15 Jan 2027"),
    ],
)
def test_a_change_goes_into_the_case_and_is_shown_back(app_at, lang, key, typed, path, expected, shown):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    field(at, key).input(typed).run()
    assert not at.exception
    changed = at.session_state["case"]
    for part in path:
        changed = getattr(changed, part)
    assert changed == pytest.approx(expected) if isinstance(expected, float | int) else changed == expected
    assert field(at, key).value == shown
    assert errors(at) == []


@pytest.mark.parametrize(
    ("widget", "key", "value", "path", "expected"),
    [
        ("text_input", "case_page.title", "ERP, second opinion", ("title",), "ERP, second opinion"),
        ("text_input", "case_page.profile.supplier", "Zuidwind B.V.", ("profile", "supplier"), "Zuidwind B.V."),
    ],
)
def test_a_text_goes_into_the_case(app_at, widget, key, value, path, expected):
    at = app_at(PAGE, EXAMPLE)
    getattr(at, widget)(key=key).set_value(value).run()
    changed = at.session_state["case"]
    for part in path:
        changed = getattr(changed, part)
    assert changed == expected
    assert errors(at) == []


def test_a_new_title_shows_in_the_sidebar(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.text_input(key="case_page.title").set_value("ERP, second opinion").run()
    assert "**ERP, second opinion**" in [plain(m.value) for m in at.sidebar.markdown]


@pytest.mark.parametrize(
    ("lang", "key", "typed", "message"),
    [
        (
            "en",
            "horizon_months",
            "200",
            "The horizon must be a whole number of months from 12 to 120. The case keeps 60 months.",
        ),
        (
            "en",
            "horizon_months",
            "18.5",
            "The horizon must be a whole number of months from 12 to 120. The case keeps 60 months.",
        ),
        ("en", "horizon_months", "", "Type a number."),
        ("en", "discount_rate", "35", "The discount rate must be from 0 to 30% per year. The case keeps 6%."),
        ("en", "sunk.invested_to_date", "-1", "The amount invested must be € 0 or more. The case keeps €1,400,000."),
        (
            "en",
            "profile.contract_value",
            "-5000",
            "The contract value must be an amount of € 0 or more, or empty if unknown. The case keeps €925,000.",
        ),
        (
            "en",
            "profile.contract_value",
            "1e30",
            "The contract value must be at most €1,000,000,000,000, or empty if unknown. The case keeps €925,000.",
        ),
        (
            "en",
            "legal.liability_cap",
            "-1",
            "The liability cap must be an amount of € 0 or more, or empty if the contract sets no cap. "
            "The case keeps €1,250,000.",
        ),
        ("en", "sunk.book_value", "1,5", "“1,5” can be read two ways: type 1.5 or 1,500."),
        ("en", "sunk.book_value", "lots", "“lots” is not a number. Type it like 400,000 or 4.5."),
        ("nl", "sunk.book_value", "1.5", "„1.5” kan op twee manieren gelezen worden: typ 1,5 of 1.500."),
        ("nl", "discount_rate", "0.5", "In het Nederlands is de komma het decimaalteken: typ 0,5."),
        (
            "nl",
            "sunk.invested_to_date",
            "1e30",
            "Het geïnvesteerde bedrag mag hoogstens € 1.000.000.000.000 zijn. Het dossier houdt € 1.400.000.",
        ),
        (
            "nl",
            "start_date",
            "31-12-2200",
            "De startdatum moet tussen 1 januari 1990 en 31 december 2100 liggen. Het dossier houdt 1 december 2026.",
        ),
        ("nl", "start_date", "31-02-2027", "„31-02-2027” is geen bestaande datum."),
        ("nl", "start_date", "morgen", "„morgen” is geen datum. Typ het als 31 december 2026 of 31-12-2026."),
        (
            "en",
            "start_date",
            "04/12/2026",
            "“04/12/2026” can be read two ways (day or month first): type it like 4 December 2026 or as 2026-12-31.",
        ),
    ],
)
def test_an_invalid_value_shows_its_message_and_keeps_the_case(app_at, lang, key, typed, message):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    before = at.session_state["case"]
    field(at, key).input(typed).run()
    assert not at.exception
    assert at.session_state["case"] == before
    assert [e.replace("\xa0", " ") for e in errors(at)] == [message.replace("\xa0", " ")]
    assert field(at, key).value == typed, "what was typed is not lost"


def test_typed_values_survive_a_page_switch(app_at):
    at = app_at(PAGE, EXAMPLE)
    field(at, "horizon_months").input("200").run()
    at.text_input(key="case_page.title").set_value("Kept").run()
    at.switch_page("app_pages/start.py").run()
    at.switch_page(PAGE).run()
    assert at.text_input(key="case_page.title").value == "Kept"
    assert field(at, "horizon_months").value == "200"
    assert len(errors(at)) == 1
    field(at, "horizon_months").input("36").run()
    assert at.session_state["case"].horizon_months == 36
    assert errors(at) == []


def test_the_value_typed_again_is_shown_back_formatted(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    field(at, "profile.contract_value").input("925000").run()
    assert field(at, "profile.contract_value").value == "925.000"
    assert errors(at) == []


def test_switching_the_language_writes_the_fields_the_other_way(app_at):
    at = app_at(PAGE, EXAMPLE, lang="en")
    field(at, "discount_rate").input("4.5").run()
    at.selectbox(key="lang").set_value("nl").run()
    assert field(at, "discount_rate").value == "4,5"
    assert field(at, "sunk.invested_to_date").value == "1.400.000"
    assert at.session_state["case"].discount_rate == pytest.approx(0.045)


def test_opening_another_case_shows_its_values(app_at):
    at = app_at(PAGE, EXAMPLE)
    field(at, "horizon_months").input("200").run()
    at.switch_page("app_pages/start.py").run()
    at.radio(key="start.preset").set_value("muddle-defensible")
    at.button(key="start.open_preset").click().run()
    at.switch_page(PAGE).run()
    other = load_preset("muddle-defensible")
    assert at.text_input(key="case_page.title").value == other.title
    assert field(at, "horizon_months").value == str(other.horizon_months)
    assert errors(at) == []


# -- the liability cap, and the cap the contract text names ------------------------------------


def test_the_contract_texts_cap_is_suggested_and_used(app_at):
    at = app_at(PAGE, "muddle-defensible", lang="nl")
    assert not [i for i in at.info if "aansprakelijkheidsplafond" in i.value], "its text names no amount"
    at.text_area(key="case_page.profile.contract").input(
        "Vaste prijs € 85.000; aansprakelijkheid beperkt tot € 250.000."
    ).run()
    [suggestion] = [plain(i.value) for i in at.info]
    assert suggestion == "De contracttekst noemt een aansprakelijkheidsplafond van € 250.000.".replace(" 2", "\xa02")
    button = at.button(key="case_page.cap_use")
    assert button.label == "€\xa0250.000 als plafond gebruiken"
    button.click().run()
    assert at.session_state["case"].legal.liability_cap == 250_000
    assert field(at, "legal.liability_cap").value == "250.000"
    assert not at.info, "the case now holds the named cap"
    assert errors(at) == []


def test_no_suggestion_when_the_case_holds_the_named_cap(app_at):
    at = app_at(PAGE, EXAMPLE)  # "an absolute ceiling of EUR 1.25M", and the case's cap is 1,250,000
    assert at.session_state["case"].legal.liability_cap == 1_250_000
    assert not at.info
    assert "case_page.cap_use" not in [b.key for b in at.button]


def test_an_emptied_cap_means_no_cap_and_says_so(app_at):
    at = app_at(PAGE, EXAMPLE)
    field(at, "legal.liability_cap").input("").run()
    assert at.session_state["case"].legal.liability_cap is None
    assert "Empty: the contract sets no cap on liability." in [c.value for c in at.caption]


def test_what_was_typed_is_quoted_as_text_in_its_sentence(app_at):
    at = app_at(PAGE, EXAMPLE)
    typed = "[x](http://evil.example) **b**"
    field(at, "sunk.book_value").input(typed).run()
    [raw] = [e.value for e in at.error]
    assert "](http" not in raw and "**b**" not in raw, "no link, no bold"
    assert errors(at) == [f"“{typed}” is not a number. Type it like 400,000 or 4.5."]
    assert at.session_state["case"] == load_preset(EXAMPLE)
