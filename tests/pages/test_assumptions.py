"""Assumptions page: the ledger of three-point estimates, inline validation, nothing typed is lost."""

from __future__ import annotations

import pytest

from decision.analysis.inputs import INPUTS, PAGE_GROUPS, from_display, groups_of, inputs_of, to_display
from decision.engine.results import evaluate
from decision.engine.simulation import INPUT_PATHS, case_estimate
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.text import fmt
from decision.text.i18n import catalogue

PAGE = "app_pages/assumptions.py"
COMPARISON = "app_pages/comparison.py"


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def solve_mean_shown(at) -> str:
    table = at.table[0].value
    return table.loc["Solve", "Expected cost"]


def test_the_catalogue_covers_every_sampled_input_once():
    assert [spec.path for spec in INPUTS] == list(INPUT_PATHS.values())
    on_the_page = [spec.path for group in PAGE_GROUPS for spec in inputs_of(group)]
    assert len(on_the_page) == len(set(on_the_page))
    # Every sampled input has a row, except the gate of an attempt: empty means no gate, entered on its own.
    assert set(INPUT_PATHS.values()) - set(on_the_page) == {"solve.gate_months"}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_input_has_a_label_a_help_text_and_a_unit(lang):
    messages = catalogue(lang)
    for spec in INPUTS:
        assert messages[spec.label_key].strip()
        assert messages[spec.help_key].strip()
        assert messages[f"inputs.unit.{spec.kind}"].strip()


def test_percentages_are_shown_as_percent_and_stored_as_shares():
    assert to_display("probability", 0.65) == 65.0
    assert to_display("share_year", 0.07) == 7.0
    assert from_display("probability", 65.0) == 0.65
    assert to_display("euro", 1200.0) == 1200.0


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_shows_every_estimate_of_the_case(app_at, preset):
    case = load_preset(preset)
    at = app_at(PAGE, preset)
    assert not at.exception
    assert not errors(at)
    for spec in (spec for group in groups_of(case) for spec in inputs_of(group)):
        estimate = case_estimate(case, spec.path)
        for part in ("low", "mode", "high"):
            assert at.number_input(key=f"asm.{spec.path}.{part}").value == to_display(
                spec.kind, getattr(estimate, part)
            )
        assert at.text_area(key=f"asm.{spec.path}.source").value == estimate.source
    # rendering the page does not change the case
    assert at.session_state["case"] == case


def test_changing_an_assumption_changes_the_comparison(app_at):
    at = app_at(COMPARISON, EXAMPLE)
    before = solve_mean_shown(at)
    assert before == fmt.money(evaluate(load_preset(EXAMPLE)).strategies["solve"].mean, "en")

    at.switch_page(PAGE).run()
    for part, value in (("low", 10), ("mode", 15), ("high", 20)):
        at.number_input(key=f"asm.solve.p_success.{part}").set_value(value).run()
    assert not errors(at)
    changed = at.session_state["case"]
    assert (changed.solve.p_success.low, changed.solve.p_success.mode, changed.solve.p_success.high) == (0.1, 0.15, 0.2)
    # the source of the estimate stays in the ledger
    assert changed.solve.p_success.source == load_preset(EXAMPLE).solve.p_success.source

    at.switch_page(COMPARISON).run()
    after = solve_mean_shown(at)
    assert after != before
    assert after == fmt.money(evaluate(changed).strategies["solve"].mean, "en")


def test_a_probability_above_100_percent_shows_a_message_and_leaves_the_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    case = at.session_state["case"]
    at.number_input(key="asm.solve.p_success.high").set_value(150).run()
    assert errors(at) == [
        "Chance that solving succeeds: the high value (150%) is above the highest possible value, 100%."
    ]
    assert at.session_state["case"] == case


def test_low_above_high_shows_a_message_and_the_entry_is_not_lost(app_at):
    at = app_at(PAGE, EXAMPLE)
    case = at.session_state["case"]
    at.number_input(key="asm.stop.replacement_months.low").set_value(40).run()
    assert errors(at) == [
        "Months until the new system is live: the three values must go up from low to high, "
        "but they are 40 months / 18 months / 30 months. Make low ≤ most likely ≤ high."
    ]
    assert at.session_state["case"] == case

    # away and back: the entry and its message are still there
    at.switch_page(COMPARISON).run()
    at.switch_page(PAGE).run()
    assert at.number_input(key="asm.stop.replacement_months.low").value == 40
    assert len(errors(at)) == 1

    # completing the estimate applies it as a whole
    at.number_input(key="asm.stop.replacement_months.mode").set_value(45).run()
    at.number_input(key="asm.stop.replacement_months.high").set_value(50).run()
    assert not errors(at)
    months = at.session_state["case"].stop.replacement_months
    assert (months.low, months.mode, months.high) == (40, 45, 50)


def test_the_widgets_show_a_case_opened_elsewhere(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.number_input(key="asm.solve.p_success.high").set_value(150).run()  # pending, not applied
    assert errors(at)

    other = load_preset("strong-claim-stop")
    at.session_state["case"] = other  # what opening a preset on the Start page does
    at.run()
    assert not errors(at)
    for spec in (spec for group in groups_of(other) for spec in inputs_of(group)):
        estimate = case_estimate(other, spec.path)
        assert at.number_input(key=f"asm.{spec.path}.mode").value == to_display(spec.kind, estimate.mode)
    assert at.checkbox(key="asm.legal.liability_cap.none").value is (other.legal.liability_cap is None)
    assert at.session_state["case"] == other


def test_distribution_source_and_note_are_applied(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.selectbox(key="asm.legal.p_win.distribution").set_value("triangular").run()
    at.text_area(key="asm.legal.p_win.source").input("counsel's opinion, 3 March").run()
    at.text_area(key="asm.legal.p_win.note").input("before the expert report").run()
    p_win = at.session_state["case"].legal.p_win
    assert (p_win.distribution, p_win.source, p_win.note) == (
        "triangular",
        "counsel's opinion, 3 March",
        "before the expert report",
    )
    assert (p_win.low, p_win.mode, p_win.high) == (0.35, 0.5, 0.65)


def test_liability_cap_can_be_removed_and_set_again(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.checkbox(key="asm.legal.liability_cap.none").check().run()
    assert at.session_state["case"].legal.liability_cap is None
    at.checkbox(key="asm.legal.liability_cap.none").uncheck().run()
    at.number_input(key="asm.legal.liability_cap").set_value(500_000).run()
    assert at.session_state["case"].legal.liability_cap == 500_000


def test_client_share_in_percent_and_fallback(app_at):
    at = app_at(PAGE, EXAMPLE)
    case = at.session_state["case"]
    at.number_input(key="asm.solve.client_share").set_value(120).run()
    assert errors(at) == ["Your share of the programme cost: 120% is above the highest possible value, 100%."]
    assert at.session_state["case"] == case
    at.number_input(key="asm.solve.client_share").set_value(30).run()
    at.selectbox(key="asm.solve.fallback").set_value("muddle").run()
    assert not errors(at)
    assert at.session_state["case"].solve.client_share == 0.3
    assert at.session_state["case"].solve.fallback == "muddle"


def test_dutch_labels_and_messages(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert at.title[0].value == "Aannames"
    assert at.number_input(key="asm.legal.p_win.low").label == "Laag (%)"
    at.number_input(key="asm.legal.p_win.high").set_value(150).run()
    assert errors(at) == [
        "Kans om de rechtszaak te winnen: de hoge waarde (150%) ligt boven de hoogst mogelijke waarde, 100%."
    ]
