"""Triage page: the four questions, the source's reasoning next to each, and what follows."""

from __future__ import annotations

import pytest

from decision.model.blank import blank_case
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.model.triage import triage
from decision.text.i18n import translate

PAGE = "app_pages/triage.py"
ALLOWED_ICON = ":green[:material/check_circle:]"
RULED_OUT_ICON = ":red[:material/block:]"


def shown(at) -> list[str]:
    return [m.value for m in at.markdown]


def remaining(at) -> list[str]:
    return [m for m in shown(at) if m.startswith((ALLOWED_ICON, RULED_OUT_ICON))]


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_renders_its_answers_and_what_follows(app_at, preset):
    case = load_preset(preset)
    at = app_at(PAGE, preset)
    assert not at.exception
    assert at.segmented_control(key="triage_page.weekly_board_agenda").value == case.triage.weekly_board_agenda
    assert at.segmented_control(key="triage_page.continuity_threat").value == case.triage.continuity_threat
    assert at.segmented_control(key="triage_page.client_recognises_supplier").value == (
        case.triage.client_recognises_supplier
    )
    assert at.segmented_control(key="triage_page.supplier_values_client").value == case.triage.supplier_values_client
    for reason in triage(case).reasons:
        assert f"- {translate(reason.key, 'en', **reason.values)}" in shown(at)
    for name in ("board", "continuity", "client", "supplier"):
        assert f"> *{translate(f'triage_page.{name}_source', 'en')}*" in shown(at)


def test_the_example_rules_out_muddling_on(app_at):
    at = app_at(PAGE, EXAMPLE)
    assert "- Muddling on is not defensible: the system is a weekly item on the board's agenda." in shown(at)
    assert "So muddling on is not defensible: the problem is acute." in [w.value for w in at.warning]
    assert remaining(at) == [
        f"{RULED_OUT_ICON} Muddle on: ruled out by triage",
        f"{ALLOWED_ICON} Stop and take the loss: remains",
        f"{ALLOWED_ICON} Stop and sue: remains",
        f"{ALLOWED_ICON} Solve: remains",
    ]


def test_broken_relationship_rules_out_muddling_on_and_solving(app_at):
    at = app_at(PAGE, "municipality-broken-relationship")
    assert remaining(at) == [
        f"{RULED_OUT_ICON} Muddle on: ruled out by triage",
        f"{ALLOWED_ICON} Stop and take the loss: remains",
        f"{ALLOWED_ICON} Stop and sue: remains",
        f"{RULED_OUT_ICON} Solve: ruled out by triage",
    ]
    assert [w.value for w in at.warning].count("A score of 2 or lower rules out solving.") == 2


def test_answers_change_the_case_and_what_follows(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.segmented_control(key="triage_page.weekly_board_agenda").set_value(False).run()
    assert at.session_state["case"].triage.weekly_board_agenda is False
    assert remaining(at)[0] == f"{ALLOWED_ICON} Muddle on: remains"
    at.segmented_control(key="triage_page.supplier_values_client").set_value(2).run()
    assert at.session_state["case"].triage.supplier_values_client == 2
    assert remaining(at)[-1] == f"{RULED_OUT_ICON} Solve: ruled out by triage"
    assert (
        "- A principled solution is unlikely: the supplier does not value the client as a full party (score 2 of 5)."
        in shown(at)
    )
    at.segmented_control(key="triage_page.supplier_values_client").set_value(None).run()
    assert at.session_state["case"].triage.supplier_values_client is None
    assert translate("triage_page.unanswered", "en") in [i.value for i in at.info]
    assert remaining(at)[-1] == f"{ALLOWED_ICON} Solve: remains"


def test_dutch(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert "- Doormodderen is niet verdedigbaar: het systeem is een wekelijks agendapunt van het directieoverleg." in (
        shown(at)
    )
    assert any("Stel dat de klant er niet toe doet voor de leverancier" in text for text in shown(at))
    assert f"{RULED_OUT_ICON} Doormodderen: valt af door de triage" in remaining(at)


def test_next_goes_to_the_assumptions(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.button(key="triage_page.next").click().run()
    assert not at.exception
    assert "Triage" not in [title.value for title in at.title]
    assert "triage_page.next" not in [button.key for button in at.button]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_new_case_starts_with_every_question_unanswered(app_at, lang):
    at = app_at(lang=lang)
    at.session_state["case"] = blank_case()
    at.switch_page(PAGE).run()
    assert not at.exception
    for field in ("weekly_board_agenda", "continuity_threat", "client_recognises_supplier", "supplier_values_client"):
        assert at.segmented_control(key=f"triage_page.{field}").value is None
    assert [i.value for i in at.info].count(translate("triage_page.unanswered", lang)) == 4
    assert translate("triage_page.still_open", lang, count=4) in [w.value for w in at.warning]
    # Answering one question leaves three open.
    at.segmented_control(key="triage_page.weekly_board_agenda").set_value(False).run()
    assert translate("triage_page.still_open", lang, count=3) in [w.value for w in at.warning]
    # No "still open" line once all four are answered.
    at.segmented_control(key="triage_page.continuity_threat").set_value(True).run()
    at.segmented_control(key="triage_page.client_recognises_supplier").set_value(4).run()
    at.segmented_control(key="triage_page.supplier_values_client").set_value(3).run()
    assert not any("four questions" in w.value or "vier vragen" in w.value for w in at.warning)


def test_a_no_is_said_as_information_not_as_reassurance(app_at):
    """The example: the board question is a yes (muddling on ruled out), the continuity question a no. The no
    alone clears nothing, so it is an information box, not a green one under the yellow warning."""
    at = app_at(PAGE, EXAMPLE, lang="nl")
    said = translate("triage_page.continuity_no", "nl")
    assert said == "Deze vraag alleen sluit doormodderen niet uit."
    assert said in [box.value for box in at.info]
    assert said not in [box.value for box in at.success]
    assert translate("triage_page.board_yes", "nl") in [box.value for box in at.warning]
