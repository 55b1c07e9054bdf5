"""Start quickly: a dozen questions, a ready case with its defaults marked, the Comparison page.

Every test runs the page in both languages where the language matters: numbers are typed the
language's way, and a number that cannot be read opens nothing.
"""

from __future__ import annotations

import pytest

from decision.analysis.completeness import count, readiness, say_risks_left_out
from decision.model.presets import EXAMPLE
from decision.model.quick import QUICK_QUESTIONS
from decision.text.i18n import translate
from tests.pages.markdown import plain

PAGE = "app_pages/quick_start.py"
NUMBERS = ("hours_per_week", "hourly_rate", "contract_value", "yearly_fee", "remaining_term_months", "notice_months")
# What a director types, each language its own way: EUR 1.25M, EUR 96k a year, 12 h a week at EUR 85.
TYPED = {
    "nl": {
        "hours_per_week": "12",
        "hourly_rate": "85",
        "contract_value": "1.250.000",
        "yearly_fee": "96.000",
        "remaining_term_months": "1",
        "notice_months": "3",
        "liability_cap": "1,25 mln",
    },
    "en": {
        "hours_per_week": "12",
        "hourly_rate": "85",
        "contract_value": "1,250,000",
        "yearly_fee": "96,000",
        "remaining_term_months": "1",
        "notice_months": "3",
        "liability_cap": "1.25m",
    },
}


def texts(at, *kinds: str) -> str:
    kinds = kinds or ("title", "header", "subheader", "markdown", "caption", "info", "error", "warning")
    return plain("\n".join(str(e.value) for kind in kinds for e in at.get(kind))).replace("\u00a0", " ")


def field(at, name: str):
    return at.text_input(key=f"quick.{name}")


def choose(at, name: str, value) -> None:
    at.segmented_control(key=f"quick.{name}").set_value(value)


def submit(at):
    return at.button(key="quick.submit").click().run()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_questions_are_asked_with_examples_written_the_languages_way(app_at, lang):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    assert not at.exception
    assert at.title[0].value == translate("quick_start.title", lang)
    assert translate("quick_start.example", lang) in [i.value for i in at.info]
    assert f"{QUICK_QUESTIONS} " in texts(at, "markdown")
    assert {name: field(at, name).value for name in (*NUMBERS, "liability_cap")} == {
        "hours_per_week": "40",
        "hourly_rate": "75",
        "contract_value": {"nl": "800.000", "en": "800,000"}[lang],
        "yearly_fee": {"nl": "120.000", "en": "120,000"}[lang],
        "remaining_term_months": "24",
        "notice_months": "3",
        "liability_cap": "",
    }
    # Seven diagnosis areas and the four triage questions, each with an example answer.
    assert len(at.segmented_control) == 11
    assert all(control.value is not None for control in at.segmented_control)
    # Labels carry their units, and every question has a help text.
    assert field(at, "contract_value").label == translate("quick_start.value_label", lang)
    assert "(€)" in field(at, "contract_value").label and "(" in field(at, "notice_months").label
    questions = [w for w in (*at.text_input, *at.segmented_control, *at.selectbox) if str(w.key).startswith("quick.")]
    assert len(questions) == 7 + 11 + 2 and all(widget.help for widget in questions)


@pytest.mark.parametrize(
    ("lang", "rate", "expected"),
    [
        # 12 h/week x EUR 85 = EUR 1,020 a week; x 52 / 12 = EUR 4,420 a month.
        ("nl", "85", "12 uur per week × € 85 per uur × 52 weken / 12 maanden = **€ 4.420 per maand**"),
        ("en", "85", "12 hours a week × €85 an hour × 52 weeks / 12 months = **€4,420 a month**"),
        # A rate with cents is written with them (it was "€ 82", and the sum did not add up):
        # 12 x 82.50 = 990 a week; x 52 / 12 = 4,290 a month.
        ("nl", "82,50", "12 uur per week × € 82,50 per uur × 52 weken / 12 maanden = **€ 4.290 per maand**"),
        ("en", "82.50", "12 hours a week × €82.50 an hour × 52 weeks / 12 months = **€4,290 a month**"),
    ],
)
def test_the_calculator_shows_the_monthly_cost_at_once(app_at, lang, rate, expected):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    # The example: 40 h/week x EUR 75 x 52 / 12 = EUR 13,000 a month.
    assert {"nl": "€ 13.000 per maand", "en": "€13,000 a month"}[lang] in texts(at, "markdown")
    field(at, "hours_per_week").input("12").run()
    field(at, "hourly_rate").input(rate).run()
    assert expected in texts(at, "markdown")
    field(at, "hourly_rate").input("").run()
    assert translate("quick_start.calculator_wait", lang) in texts(at, "caption")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_submitting_opens_a_ready_case_with_its_defaults_marked(app_at, lang):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    before = at.session_state["case_id"]
    for name, text in TYPED[lang].items():
        field(at, name).input(text)
    at.selectbox(key="quick.contract_kind").set_value("project")
    at.selectbox(key="quick.size").set_value("large")
    choose(at, "severity.functionality", 4)
    choose(at, "weekly_board_agenda", False)
    choose(at, "continuity_threat", True)
    choose(at, "client_recognises_supplier", 4)
    choose(at, "supplier_values_client", 2)
    submit(at)
    assert not at.exception
    case = at.session_state["case"]
    assert at.session_state["case_id"] != before  # opened as a new case; the example stays in the library
    assert readiness(case).ready
    held = count(case)
    assert (held.own, held.empty) == (3, 0) and held.default > 30
    # The director's answers are theirs ...
    assert case.current.dysfunction_cost_per_month.mode == pytest.approx(4_420)
    assert case.current.dysfunction_cost_per_month.origin == "own"
    assert case.current.running_cost_per_month.mode == 8_000  # EUR 96,000 / 12
    assert case.contract.committed_months.mode == 13  # one month left, three months' notice: renewed by a year
    assert case.legal.liability_cap == 1_250_000
    assert case.diagnosis.functionality.client == 4
    assert case.triage.weekly_board_agenda is False and case.triage.continuity_threat is True
    assert (case.triage.client_recognises_supplier, case.triage.supplier_values_client) == (4, 2)
    # ... every other estimate a default with its source, in the case's language.
    replacement = case.stop.replacement_cost
    assert replacement.origin == "default"
    assert (replacement.low, replacement.mode, replacement.high) == pytest.approx((1_250_000, 1_625_000, 2_500_000))
    assert replacement.source.startswith({"nl": "Standaardwaarde (Kruispunt, bronnenlijst)", "en": "Default"}[lang])
    assert case.profile.language == lang and case.partner is None
    # The Comparison page, with a recommendation.
    assert at.title[0].value == translate("nav.comparison", lang)
    prefix = translate("comparison.recommended", lang, strategy="").strip()
    assert any(plain(h.value).startswith(prefix) for h in at.header)
    # Growth, incidents, recovery and a counterclaim stand at the value that rules them out: the page
    # names them, in the case's language, since the tornado cannot (a single value has no swing).
    left_out = say_risks_left_out(case, lang)
    assert left_out is not None and left_out.startswith(translate("completeness.risks_left_out", lang, groups="")[:25])
    assert left_out in [w.value for w in at.warning]


@pytest.mark.parametrize(
    ("lang", "typed", "sentence"),
    [
        ("nl", "1.5", "„1.5” kan op twee manieren gelezen worden"),
        ("en", "1,5", "“1,5” can be read two ways"),
    ],
)
def test_a_refused_number_says_why_and_opens_nothing(app_at, lang, typed, sentence):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    case, case_id = at.session_state["case"], at.session_state["case_id"]
    field(at, "contract_value").input(typed)
    submit(at)
    assert not at.exception
    errors = [plain(e.value) for e in at.error]
    # The sentence under the field, and the summary below the form that names the field.
    assert any(error.startswith(sentence[:20]) for error in errors), errors
    summary = errors[-1]
    assert summary.startswith(translate("quick_start.refused", lang))
    assert f"- {translate('quick_start.value_label', lang)}: " in summary
    assert at.session_state["case"] == case and at.session_state["case_id"] == case_id
    assert at.title[0].value == translate("quick_start.title", lang)


def test_a_missing_answer_and_one_out_of_its_limits_are_named(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    case_id = at.session_state["case_id"]
    field(at, "yearly_fee").input("")
    field(at, "contract_value").input("500")
    submit(at)
    [summary] = [plain(e.value) for e in at.error]
    assert summary.splitlines()[1:] == [f"- {translate('quick_start.fee_label', 'nl')}: vul dit in."]
    # Once the fee is there, the contract value's limit is the one thing left.
    field(at, "yearly_fee").input("120.000")
    submit(at)
    [summary] = [plain(e.value) for e in at.error]
    assert summary.splitlines()[1:] == [
        f"- {translate('quick_start.value_label', 'nl')}: moet ten minste 1.000 zijn, maar is 500"
    ]
    assert at.session_state["case_id"] == case_id


def test_the_page_is_in_the_walk_after_start(app_at):
    at = app_at(lang="nl")
    at.switch_page(PAGE).run()
    assert not at.exception and at.title[0].value == "Snel beginnen"
