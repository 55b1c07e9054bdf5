"""Case page: every field bound to the case; rejected entries keep the case and stay in the widget."""

from __future__ import annotations

import datetime as dt

import pytest

from decision.model.presets import EXAMPLE, load_preset, preset_ids
from tests.pages.markdown import plain

PAGE = "app_pages/case.py"


def errors(at) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_renders_its_values(app_at, preset):
    case = load_preset(preset)
    at = app_at(PAGE, preset)
    assert not at.exception
    assert at.text_input(key="case_page.title").value == case.title
    assert at.text_input(key="case_page.profile.organisation").value == case.profile.organisation
    assert at.text_area(key="case_page.profile.contract").value == case.profile.contract
    assert at.number_input(key="case_page.horizon_months").value == case.horizon_months
    assert at.number_input(key="case_page.discount_rate").value == pytest.approx(case.discount_rate * 100)
    assert at.number_input(key="case_page.sunk.invested_to_date").value == case.sunk.invested_to_date
    assert at.date_input(key="case_page.start_date").value == case.start_date
    assert errors(at) == []


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
    assert at.number_input(key="case_page.horizon_months").label == "Horizon (maanden)"
    assert "= €\xa01.400.000" in [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("widget", "key", "value", "field", "expected"),
    [
        ("text_input", "case_page.title", "ERP, second opinion", ("title",), "ERP, second opinion"),
        ("text_input", "case_page.profile.supplier", "Zuidwind B.V.", ("profile", "supplier"), "Zuidwind B.V."),
        ("number_input", "case_page.horizon_months", 48, ("horizon_months",), 48),
        ("number_input", "case_page.discount_rate", 8.5, ("discount_rate",), 0.085),
        ("number_input", "case_page.profile.contract_value", None, ("profile", "contract_value"), None),
        ("number_input", "case_page.sunk.book_value", 250000.0, ("sunk", "book_value"), 250000.0),
        ("date_input", "case_page.start_date", dt.date(2027, 1, 15), ("start_date",), dt.date(2027, 1, 15)),
    ],
)
def test_a_change_goes_into_the_case(app_at, widget, key, value, field, expected):
    at = app_at(PAGE, EXAMPLE)
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception
    changed = at.session_state["case"]
    for part in field:
        changed = getattr(changed, part)
    assert changed == expected
    assert errors(at) == []


def test_a_new_title_shows_in_the_sidebar(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.text_input(key="case_page.title").set_value("ERP, second opinion").run()
    assert "**ERP, second opinion**" in [plain(m.value) for m in at.sidebar.markdown]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "case_page.horizon_months",
            200,
            "The horizon must be a whole number of months from 12 to 120. The case keeps 60 months.",
        ),
        ("case_page.discount_rate", 35.0, "The discount rate must be from 0 to 30% per year. The case keeps 6%."),
        (
            "case_page.sunk.invested_to_date",
            -1.0,
            "The amount invested must be € 0 or more. The case keeps €1,400,000.",
        ),
        (
            "case_page.profile.contract_value",
            -5000.0,
            "The contract value must be an amount of € 0 or more, or empty if unknown. The case keeps €925,000.",
        ),
    ],
)
def test_an_invalid_value_shows_its_message_and_keeps_the_case(app_at, key, value, message):
    at = app_at(PAGE, EXAMPLE)
    before = at.session_state["case"]
    at.number_input(key=key).set_value(value).run()
    assert not at.exception
    assert at.session_state["case"] == before
    assert errors(at) == [message]
    assert at.number_input(key=key).value == value  # what was typed is not lost


def test_typed_values_survive_a_page_switch(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.number_input(key="case_page.horizon_months").set_value(200).run()
    at.text_input(key="case_page.title").set_value("Kept").run()
    at.switch_page("app_pages/start.py").run()
    at.switch_page(PAGE).run()
    assert at.text_input(key="case_page.title").value == "Kept"
    assert at.number_input(key="case_page.horizon_months").value == 200
    assert len(errors(at)) == 1
    at.number_input(key="case_page.horizon_months").set_value(36).run()
    assert at.session_state["case"].horizon_months == 36
    assert errors(at) == []


def test_opening_another_case_shows_its_values(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.number_input(key="case_page.horizon_months").set_value(200).run()
    at.switch_page("app_pages/start.py").run()
    at.selectbox(key="start.preset").set_value("muddle-defensible")
    at.button(key="start.open_preset").click().run()
    at.switch_page(PAGE).run()
    other = load_preset("muddle-defensible")
    assert at.text_input(key="case_page.title").value == other.title
    assert at.number_input(key="case_page.horizon_months").value == other.horizon_months
    assert errors(at) == []
