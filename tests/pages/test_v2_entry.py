"""Entering v2 (issue 14): the two optional ways out switched on and off on the Case page, pre-filled
from the case, on the Assumptions page and in the Comparison; the v2 inputs with their units, flags
and choices; the Triage page's sentence on why the two are always allowed."""

from __future__ import annotations

import pytest

from decision.analysis.inputs import to_display
from decision.model import options
from decision.model.presets import EXAMPLE, load_preset
from decision.model.registry import FIELDS, KINDS
from decision.text.i18n import translate
from ui.display import literal
from ui.typed import shown

CASE_PAGE = "app_pages/case.py"
ASSUMPTIONS = "app_pages/assumptions.py"
COMPARISON = "app_pages/comparison.py"
TRIAGE = "app_pages/triage.py"
# The v2 estimates, each drawn as a row of its own (the gate only while a review is agreed).
V2_ESTIMATES = [spec for spec in FIELDS if spec.version == 2 and spec.estimate]


def example_with_both_off():
    case = load_preset(EXAMPLE)
    return case.model_copy(update={"partner": None, "exit_deal": None})


def open_at(app_at, page: str, case, lang: str = "en"):
    at = app_at(None, lang=lang)
    at.session_state["case"] = case
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def switch(at, group: str, on: bool) -> None:
    at.toggle(key=f"case_page.option.{group}").set_value(on).run()
    assert not at.exception, [e.value for e in at.exception]


def tab_labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def rows_of_the_comparison(at) -> list[str]:
    return list(at.table[0].value.index)


def test_switching_the_partner_on_pre_fills_it_adds_it_to_the_comparison_and_off_removes_it(app_at):
    case = example_with_both_off()
    at = open_at(app_at, CASE_PAGE, case)
    assert [t.value for t in at.toggle if t.key.startswith("case_page.option.")] == [False, False]

    switch(at, "partner", True)
    partner = at.session_state["case"].partner
    assert partner is not None
    assert partner.model_dump(mode="json") == options.prefill(case, "partner", "en")

    at.switch_page(ASSUMPTIONS).run()
    assert not at.exception
    # Its tab, every estimate a default (5 pre-filled, the running cost borrowing the current one).
    assert "Another implementation partner ✓" in tab_labels(at)
    assert "6 estimates: 6 defaults." in [m.value for m in at.markdown]
    # the chance of success is solve's, shown as the Assumptions page shows any estimate
    low, mode, high = (getattr(case.solve.p_success, part) for part in ("low", "mode", "high"))
    fields = {key: at.text_input(key=key).value for key in [t.key for t in at.text_input]}
    if "asm.partner.p_success.best" in fields:
        assert fields["asm.partner.p_success.best"] == shown(to_display("probability", mode), "probability", "en")
    else:
        assert fields["asm.partner.p_success.low"] == shown(to_display("probability", low), "probability", "en")
    origin = translate("assumptions.origin.default_source", "en", source=literal(partner.p_success.source))
    assert partner.p_success.source.startswith("pre-filled from your case: the chance that solving succeeds")
    assert ":material/info: " + origin in [c.value for c in at.caption]
    assert at.selectbox(key="asm.partner.fallback").value == "switch"

    at.switch_page(COMPARISON).run()
    assert not at.exception
    assert "Another implementation partner" in rows_of_the_comparison(at)

    at.switch_page(CASE_PAGE).run()
    switch(at, "partner", False)
    assert at.session_state["case"].partner is None
    at.switch_page(COMPARISON).run()
    assert "Another implementation partner" not in rows_of_the_comparison(at)
    at.switch_page(ASSUMPTIONS).run()
    assert not any(label.startswith("Another implementation partner") for label in tab_labels(at))


def test_switching_back_on_restores_what_was_entered(app_at):
    at = open_at(app_at, CASE_PAGE, example_with_both_off(), lang="nl")
    switch(at, "exit_deal", True)
    at.switch_page(ASSUMPTIONS).run()
    assert any(label.startswith("Stoppen in overleg") for label in tab_labels(at))
    at.selectbox(key="asm.exit_deal.fallback").set_value("switch").run()
    assert at.session_state["case"].exit_deal.fallback == "switch"
    entered = at.session_state["case"].exit_deal

    at.switch_page(CASE_PAGE).run()
    switch(at, "exit_deal", False)
    assert at.session_state["case"].exit_deal is None
    switch(at, "exit_deal", True)
    assert at.session_state["case"].exit_deal == entered  # nothing lost


def test_a_rate_typed_the_dutch_way_is_stored(app_at):
    at = open_at(app_at, ASSUMPTIONS, load_preset(EXAMPLE), lang="nl")
    at.segmented_control(key="asm.legal.interest_rate.entry_nl").set_value("one").run()
    at.text_input(key="asm.legal.interest_rate.best").input("4,5").run()
    at.segmented_control(key="asm.legal.interest_rate.certainty.nl").set_value("exact").run()
    assert not at.exception and not at.error
    rate = at.session_state["case"].legal.interest_rate
    # 4,5% a year, most likely; "exact" for a percentage is 2 points either side: 2,5% and 6,5%.
    assert (rate.low, rate.mode, rate.high) == pytest.approx((0.025, 0.045, 0.065))


def test_the_flags_and_choices_of_v2_are_bound_to_the_case(app_at):
    at = open_at(app_at, ASSUMPTIONS, load_preset(EXAMPLE), lang="en")
    assert at.session_state["case"].current.residual_grows is True
    at.toggle(key="asm.current.residual_grows").set_value(False).run()
    assert at.session_state["case"].current.residual_grows is False

    at.text_input(key="asm.solve.repair_share").input("45").run()
    assert at.session_state["case"].solve.repair_share == 0.45
    at.text_input(key="asm.solve.repair_share").input("").run()
    assert at.session_state["case"].solve.repair_share is None

    gate = at.session_state["case"].solve.gate_months
    at.toggle(key="asm.solve.gate_on").set_value(False).run()
    assert at.session_state["case"].solve.gate_months is None
    assert "No go/no-go review: a failing attempt runs its full time before the fallback starts." in [
        c.value for c in at.caption
    ]
    at.toggle(key="asm.solve.gate_on").set_value(True).run()
    expected = gate if gate is not None else options.prefill_gate(at.session_state["case"], "en")
    restored = at.session_state["case"].solve.gate_months
    assert restored is not None and restored.model_dump(mode="json") == (
        expected if isinstance(expected, dict) else expected.model_dump(mode="json")
    )
    assert not at.exception and not at.error


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_v2_input_has_its_unit_next_to_its_label(app_at, lang):
    case = load_preset(EXAMPLE)
    case = options.with_option(case, "partner", options.prefill(case, "partner", lang))
    case = options.with_option(case, "exit_deal", options.prefill(case, "exit_deal", lang))
    case = options.with_option(case, "solve", {**case.solve.model_dump(mode="json"), "gate_months": 3})
    at = open_at(app_at, ASSUMPTIONS, case, lang=lang)
    headings = [m.value for m in at.markdown]
    for spec in V2_ESTIMATES:
        unit = translate(f"inputs.unit.{spec.kind}", lang)
        assert f"**{translate(spec.label_key, lang)}** · {unit}" in headings, spec.path
        assert KINDS[spec.kind].percent == ("%" in unit), spec.path
    repair = at.text_input(key="asm.solve.repair_share")
    assert repair.label.endswith(f"({translate('inputs.unit.share', lang)})")
    assert repair.help == translate("inputs.solve.repair_share.help", lang)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_triage_says_why_both_optional_ways_out_are_always_allowed(app_at, lang):
    sentence = translate("triage_page.options_always", lang)
    link = translate("triage_page.options_switch", lang)
    at = open_at(app_at, TRIAGE, example_with_both_off(), lang=lang)
    assert sentence in [m.value for m in at.markdown]
    assert [p.proto.label for p in at.get("page_link") if p.proto.label == link] == [link]

    both = load_preset("orderly-exit")
    both = options.with_option(both, "partner", options.prefill(both, "partner", lang))
    at = open_at(app_at, TRIAGE, both, lang=lang)
    assert sentence in [m.value for m in at.markdown]
    assert not [p for p in at.get("page_link") if p.proto.label == link]
    allowed = [m.value for m in at.markdown if m.value.startswith(":green")]
    for strategy in ("partner", "exit_deal"):
        said = translate("triage_page.allowed", lang, strategy=strategy)
        assert any(said in line for line in allowed), strategy
