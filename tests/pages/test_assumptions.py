"""Assumptions page: the ledger of estimates, one number or three, typed the language's way,
inline validation, whose number each estimate is, and nothing typed is lost."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from decision.analysis.inputs import INPUTS, PAGE_GROUPS, from_display, groups_of, inputs_of, to_display
from decision.engine.results import evaluate
from decision.engine.simulation import INPUT_PATHS, case_estimate
from decision.model.blank import blank_case
from decision.model.case import Estimate
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.text import fmt
from decision.text.i18n import catalogue, translate
from tests.conftest import REPO_ROOT
from ui.display import literal
from ui.typed import shown

PAGE = "app_pages/assumptions.py"
COMPARISON = "app_pages/comparison.py"


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def solve_mean_shown(at) -> str:
    table = at.table[0].value
    return table.loc["Solve", "Expected cost"]


def type_into(at, key: str, text: str) -> None:
    at.text_input(key=key).input(text).run()


def with_case(app_at, case, lang: str = "en"):
    """The Assumptions page with ``case`` open."""
    at = app_at(PAGE, EXAMPLE, lang=lang)
    at.session_state["case"] = case
    at.run()
    return at


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
        if at.segmented_control(key=f"asm.{spec.path}.entry_en").value == "one":
            # one number: a range that is the most likely value plus or minus a stated spread
            assert at.text_input(key=f"asm.{spec.path}.best").value == shown(to_display(spec.kind, estimate.mode), "x")
            assert at.segmented_control(key=f"asm.{spec.path}.certainty.en").value is not None
        else:
            for part in ("low", "mode", "high"):
                assert at.text_input(key=f"asm.{spec.path}.{part}").value == shown(
                    to_display(spec.kind, getattr(estimate, part)), spec.kind, "en"
                )
        assert at.text_area(key=f"asm.{spec.path}.source").value == estimate.source
    # rendering the page does not change the case
    assert at.session_state["case"] == case


def test_changing_an_assumption_changes_the_comparison(app_at):
    at = app_at(COMPARISON, EXAMPLE)
    before = solve_mean_shown(at)
    assert before == fmt.money(evaluate(load_preset(EXAMPLE)).strategies["solve"].mean, "en")

    at.switch_page(PAGE).run()
    for part, value in (("low", "10"), ("mode", "15"), ("high", "20")):
        type_into(at, f"asm.solve.p_success.{part}", value)
    assert not errors(at)
    changed = at.session_state["case"]
    assert (changed.solve.p_success.low, changed.solve.p_success.mode, changed.solve.p_success.high) == (0.1, 0.15, 0.2)
    # the source of the estimate stays in the ledger, and the number is now the director's own
    assert changed.solve.p_success.source == load_preset(EXAMPLE).solve.p_success.source
    assert changed.solve.p_success.origin == "own"

    at.switch_page(COMPARISON).run()
    after = solve_mean_shown(at)
    assert after != before
    assert after == fmt.money(evaluate(changed).strategies["solve"].mean, "en")


def test_a_probability_above_100_percent_shows_a_message_and_leaves_the_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    case = at.session_state["case"]
    type_into(at, "asm.solve.p_success.high", "150")
    assert errors(at) == [
        "Chance that solving succeeds: the high value (150%) is above the highest possible value, 100%."
    ]
    assert at.session_state["case"] == case


def test_low_above_high_shows_a_message_and_the_entry_is_not_lost(app_at):
    at = app_at(PAGE, EXAMPLE)
    case = at.session_state["case"]
    type_into(at, "asm.stop.replacement_months.low", "40")
    assert errors(at) == [
        "Months until the new system is live: the three values must go up from low to high, "
        "but they are 40 months / 18 months / 30 months. Make low ≤ most likely ≤ high."
    ]
    assert at.session_state["case"] == case

    # away and back: the entry and its message are still there
    at.switch_page(COMPARISON).run()
    at.switch_page(PAGE).run()
    assert at.text_input(key="asm.stop.replacement_months.low").value == "40"
    assert len(errors(at)) == 1

    # completing the estimate applies it as a whole
    type_into(at, "asm.stop.replacement_months.mode", "45")
    type_into(at, "asm.stop.replacement_months.high", "50")
    assert not errors(at)
    months = at.session_state["case"].stop.replacement_months
    assert (months.low, months.mode, months.high) == (40, 45, 50)


def test_the_widgets_show_a_case_opened_elsewhere(app_at):
    at = app_at(PAGE, EXAMPLE)
    type_into(at, "asm.solve.p_success.high", "150")  # pending, not applied
    assert errors(at)

    other = load_preset("strong-claim-stop")
    at.session_state["case"] = other  # what opening a preset on the Start page does
    at.run()
    assert not errors(at)
    for spec in (spec for group in groups_of(other) for spec in inputs_of(group)):
        estimate = case_estimate(other, spec.path)
        mode = shown(to_display(spec.kind, estimate.mode), spec.kind, "en")
        if at.segmented_control(key=f"asm.{spec.path}.entry_en").value == "one":
            assert at.text_input(key=f"asm.{spec.path}.best").value == mode
        else:
            assert at.text_input(key=f"asm.{spec.path}.mode").value == mode
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


def test_the_source_field_asks_where_the_number_comes_from(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert at.text_area(key="asm.legal.p_win.source").placeholder == (
        "Waar komt dit getal vandaan? Bijv. de offerte, de administratie, de advocaat"
    )


def test_liability_cap_can_be_removed_and_set_again(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.checkbox(key="asm.legal.liability_cap.none").check().run()
    assert at.session_state["case"].legal.liability_cap is None
    at.checkbox(key="asm.legal.liability_cap.none").uncheck().run()
    type_into(at, "asm.legal.liability_cap", "500,000")
    assert at.session_state["case"].legal.liability_cap == 500_000


def test_client_share_in_percent_and_fallback(app_at):
    at = app_at(PAGE, EXAMPLE)
    case = at.session_state["case"]
    type_into(at, "asm.solve.client_share", "120")
    assert errors(at) == ["Your share of the programme cost: 120% is above the highest possible value, 100%."]
    assert at.session_state["case"] == case
    type_into(at, "asm.solve.client_share", "30")
    at.selectbox(key="asm.solve.fallback").set_value("muddle").run()
    assert not errors(at)
    assert at.session_state["case"].solve.client_share == 0.3
    assert at.session_state["case"].solve.fallback == "muddle"


def test_dutch_labels_and_messages(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert at.title[0].value == "Aannames"
    type_into(at, "asm.legal.p_win.high", "150")
    assert errors(at) == [
        "Kans om de rechtszaak te winnen: de hoge waarde (150%) ligt boven de hoogst mogelijke waarde, 100%."
    ]


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        (
            "nl",
            [
                "Schade door het slecht werkende systeem, laag",
                "Schade door het slecht werkende systeem, meest waarschijnlijk",
            ],
        ),
        ("en", ["Cost of the dysfunction, low", "Cost of the dysfunction, most likely"]),
    ],
)
def test_each_value_field_is_named_after_its_estimate(app_at, lang, names):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    key = "asm.current.dysfunction_cost_per_month"
    assert [at.text_input(key=f"{key}.{part}").label for part in ("low", "mode")] == names


# -- typed the language's way -------------------------------------------------------------


def test_dutch_thousands_are_stored_as_the_amount(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    type_into(at, "asm.current.dysfunction_cost_per_month.high", "400.000")
    assert not errors(at)
    cost = at.session_state["case"].current.dysfunction_cost_per_month
    assert (cost.low, cost.mode, cost.high) == (20_000, 35_000, 400_000)
    assert cost.origin == "own"
    # shown back the Dutch way
    assert at.text_input(key="asm.current.dysfunction_cost_per_month.high").value == "400.000"


def test_an_ambiguous_number_is_refused_with_a_sentence_and_the_case_unchanged(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    case = at.session_state["case"]
    type_into(at, "asm.stop.replacement_months.low", "1.5")
    # what was typed is quoted as text (escaped for Markdown)
    assert errors(at) == [f"„{literal('1.5')}” kan op twee manieren gelezen worden: typ 1,5 of 1.500."]
    assert at.session_state["case"] == case
    assert at.text_input(key="asm.stop.replacement_months.low").value == "1.5"  # what was typed stays


# -- one number or three ------------------------------------------------------------------


def test_one_number_derives_low_and_high(app_at):
    at = with_case(app_at, blank_case(), lang="nl")
    key = "asm.current.dysfunction_cost_per_month"
    # an empty estimate starts as one number, "roughly" chosen, and nothing filled in
    assert at.segmented_control(key=f"{key}.entry_nl").value == "one"
    assert at.segmented_control(key=f"{key}.certainty.nl").value == "about"
    assert at.text_input(key=f"{key}.best").value == ""

    type_into(at, f"{key}.best", "400.000")
    cost = at.session_state["case"].current.dysfunction_cost_per_month
    assert (cost.low, cost.mode, cost.high, cost.origin) == (320_000, 400_000, 480_000, "own")
    assert "Afgeleid: laag € 320.000, meest waarschijnlijk € 400.000, hoog € 480.000." in [
        c.replace("\xa0", " ") for c in captions(at)
    ]
    assert "±20% rond uw getal" in captions(at)  # the spread, stated

    at.segmented_control(key=f"{key}.certainty.nl").set_value("rough").run()
    cost = at.session_state["case"].current.dysfunction_cost_per_month
    assert (cost.low, cost.mode, cost.high) == (200_000, 400_000, 600_000)

    # a chance: percentage points, not a share of the number
    type_into(at, "asm.legal.p_win.best", "65")
    p_win = at.session_state["case"].legal.p_win
    assert (p_win.low, p_win.mode, p_win.high) == (0.55, 0.65, 0.75)
    assert "±10 procentpunten rond uw getal" in captions(at)

    # switching to three numbers shows the derived three
    at.segmented_control(key=f"{key}.entry_nl").set_value("three").run()
    assert [at.text_input(key=f"{key}.{part}").value for part in ("low", "mode", "high")] == [
        "200.000",
        "400.000",
        "600.000",
    ]
    assert not errors(at)


def test_switching_a_range_of_ones_own_to_one_number_changes_nothing_until_a_certainty_is_chosen(app_at):
    at = app_at(PAGE, EXAMPLE)
    case = at.session_state["case"]
    key = "asm.current.dysfunction_cost_per_month"  # 20,000 / 35,000 / 60,000
    assert at.segmented_control(key=f"{key}.entry_en").value == "three"
    at.segmented_control(key=f"{key}.entry_en").set_value("one").run()
    assert at.session_state["case"] == case
    assert at.segmented_control(key=f"{key}.certainty.en").value is None
    assert at.text_input(key=f"{key}.best").value == "35,000"
    at.segmented_control(key=f"{key}.certainty.en").set_value("exact").run()
    cost = at.session_state["case"].current.dysfunction_cost_per_month
    assert (cost.low, cost.mode, cost.high) == (33_250, 35_000, 36_750)


def test_no_order_error_with_one_of_three_values(app_at):
    at = with_case(app_at, blank_case())
    key = "asm.stop.exit_cost"
    at.segmented_control(key=f"{key}.entry_en").set_value("three").run()
    assert [at.text_input(key=f"{key}.{part}").value for part in ("low", "mode", "high")] == ["", "", ""]
    type_into(at, f"{key}.high", "50,000")
    assert not errors(at)
    assert "Not applied yet: fill in low and most likely too." in captions(at)
    assert at.session_state["case"].stop.exit_cost.origin == "empty"

    type_into(at, f"{key}.low", "10,000")
    type_into(at, f"{key}.mode", "20,000")
    assert not errors(at)
    exit_cost = at.session_state["case"].stop.exit_cost
    assert (exit_cost.low, exit_cost.mode, exit_cost.high, exit_cost.origin) == (10_000, 20_000, 50_000, "own")


def test_three_numbers_stay_three_numbers_while_they_are_typed(app_at):
    """Three numbers typed one by one: 0 / 10% / 20% on the way is also "10%, about" (one number), and
    the row used to jump to one number under the director's hands, taking the third field away."""
    at = app_at(PAGE, EXAMPLE)
    key = "asm.current.dysfunction_growth_per_year"
    at.segmented_control(key=f"{key}.entry_en").set_value("three").run()
    for part, typed in (("low", "0"), ("mode", "0"), ("high", "20")):
        type_into(at, f"{key}.{part}", typed)
    type_into(at, f"{key}.mode", "10")
    growth = at.session_state["case"].current.dysfunction_growth_per_year
    assert (growth.low, growth.mode, growth.high) == (0.0, 0.1, 0.2)
    assert at.segmented_control(key=f"{key}.entry_en").value == "three"
    type_into(at, f"{key}.low", "5")
    growth = at.session_state["case"].current.dysfunction_growth_per_year
    assert (growth.low, growth.mode, growth.high) == pytest.approx((0.05, 0.1, 0.2))


def test_an_amount_per_month_typed_per_year_is_stored_per_month(app_at):
    at = with_case(app_at, blank_case(), lang="nl")
    key = "asm.current.running_cost_per_month"
    at.segmented_control(key=f"{key}.period_nl").set_value("year").run()
    type_into(at, f"{key}.best", "1.200.000")
    running = at.session_state["case"].current.running_cost_per_month
    assert (running.low, running.mode, running.high) == (80_000, 100_000, 120_000)
    shown_captions = [c.replace("\xa0", " ") for c in captions(at)]
    assert "Opgeslagen als € 100.000 per maand (het jaarbedrag gedeeld door 12)." in shown_captions
    assert any(c.startswith("**Lopende kosten huidig systeem** · € per jaar") for c in (m.value for m in at.markdown))


# -- guidance -------------------------------------------------------------------------------


def test_the_next_step_is_the_comparison(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert at.button(key="asm.next").label == "Volgende stap: vergelijken →"
    at.button(key="asm.next").click().run()
    assert at.title[0].value == "Vergelijking"


@pytest.mark.parametrize(
    ("lang", "label", "line", "after"),
    [
        (
            "nl",
            "Huidige situatie · 3 van 5 ingevuld",
            "5 schattingen: 3 standaardwaarden, 2 nog leeg.",
            "5 schattingen: 1 van u, 3 standaardwaarden, 1 nog leeg.",
        ),
        (
            "en",
            "Current situation · 3 of 5 filled in",
            "5 estimates: 3 defaults, 2 still empty.",
            "5 estimates: 1 your own, 3 defaults, 1 still empty.",
        ),
    ],
)
def test_each_tab_says_how_complete_it_is(app_at, lang, label, line, after):
    at = with_case(app_at, blank_case(), lang=lang)
    assert at.tabs[0].label == label
    assert line in [m.value for m in at.tabs[0].markdown]
    # the contract's one estimate is a default: complete
    assert at.tabs[1].label == translate("inputs.group.contract", lang) + " ✓"

    type_into(at, "asm.current.dysfunction_cost_per_month.best", "400000")
    assert after in [m.value for m in at.tabs[0].markdown]
    type_into(at, "asm.current.running_cost_per_month.best", "5000")
    assert at.tabs[0].label == translate("inputs.group.current", lang) + " ✓"


def test_a_default_estimate_says_so_with_its_source_until_replaced(app_at):
    case = load_preset(EXAMPLE)
    data = case.model_dump(mode="json")
    data["stop"]["replacement_months"] = {
        "low": 12,
        "mode": 18,
        "high": 30,
        "source": "DOMAIN.md, Panorama 2013",
        "origin": "default",
    }
    at = with_case(app_at, type(case).model_validate(data), lang="nl")
    said = [c for c in captions(at) if c.startswith(":material/info: Standaardwaarde, bron: ")]
    assert len(said) == 1
    assert "Panorama 2013" in said[0] and said[0].endswith("Vervang die door uw eigen getal.")
    # typical values from DOMAIN.md, with their source
    assert any(c.startswith("Gangbare waarden: 12 / 18 / 30 maanden") and "Panorama 2013" in c for c in captions(at))

    type_into(at, "asm.stop.replacement_months.high", "36")
    months = at.session_state["case"].stop.replacement_months
    assert (months.high, months.origin) == (36, "own")
    assert not [c for c in captions(at) if "Standaardwaarde, bron" in c]
    # The default's source described 12 / 18 / 30 months, not the director's numbers: it goes with them,
    # from the case (and so the report) and from the field; the note is kept.
    assert months.source == ""
    assert at.text_area(key="asm.stop.replacement_months.source").value == ""


def test_an_empty_estimate_shows_empty_fields_and_says_it_needs_a_number(app_at):
    at = with_case(app_at, blank_case())
    assert at.text_input(key="asm.legal.p_win.best").value == ""  # not the placeholder 50%
    assert ":material/edit: Still empty: this number still needs to be filled in." in captions(at)
    assert at.session_state["case"].legal.p_win == Estimate.fixed(0.5, origin="empty")


@pytest.mark.parametrize(("asked", "opened"), [("partner", "partner"), ("nonsense", None), ("exit_deal", None)])
def test_a_link_to_a_tab_opens_it_once(asked, opened):
    """?tab=partner (the Case page's link under the switch) opens that tab; a tab the case does not have
    (no orderly exit in this preset) or no tab at all is ignored. The parameter is dropped either way."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "nl"
    at.session_state["case"] = load_preset("partner-takeover")
    at.run()
    at.query_params["tab"] = asked
    at.switch_page("app_pages/assumptions.py").run()
    assert not at.exception
    assert "tab" not in at.query_params
    assert at.session_state["asm.group"] == opened if opened else "asm.group" not in at.session_state
    if opened:
        assert at.session_state["asm.tabs"].startswith(translate("inputs.group.partner", "nl"))
