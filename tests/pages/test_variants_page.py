"""Variants page: save, apply, remove, compare side by side, and both parties' estimates."""

from __future__ import annotations

import pytest

from decision.analysis import variants
from decision.engine.results import evaluate
from decision.model.case import Case
from decision.model.presets import load_preset, preset_ids
from decision.text.i18n import translate
from ui.cache import ITERATIONS, SEED

PAGE = "app_pages/variants.py"
PROGRAMME = translate("inputs.solve.programme_cost.label", "en") + " (€)"
SHARE = translate("inputs.solve.client_share.label", "en") + " (%)"


def texts(at) -> str:
    kinds = ("title", "subheader", "markdown", "caption", "success", "error", "info", "warning")
    return "\n".join(str(element.value) for kind in kinds for element in at.get(kind))


def case_of(at) -> Case:
    return at.session_state["case"]


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def save_variant(at, name: str, party: str = "none"):
    at.text_input(key="variants_name").input(name)
    at.radio(key="variants_party").set_value(party)
    return button(at, "Save as a variant").click().run()


def with_views(preset: str, supplier_changes: dict) -> Case:
    case = load_preset(preset)
    client = variants.capture(case, "client view", "client")
    supplier = variants.with_values(variants.capture(case, "supplier view", "supplier"), supplier_changes)
    return variants.save(variants.save(case, client), supplier)


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_saves_compares_and_starts_both_views(app_at, preset):
    at = app_at(PAGE, preset)
    assert not at.exception
    assert translate("variants.none_yet", "en") in texts(at)

    at = save_variant(at, "pessimistic")
    assert not at.exception
    assert [v.name for v in case_of(at).variants] == ["pessimistic"]
    assert "Saved the current assumptions as “pessimistic”." in texts(at)
    expected = evaluate(load_preset(preset), ITERATIONS, SEED).recommendation.strategy
    recommended = [m for m in at.metric if m.label == "Recommended"]
    assert [m.value for m in recommended] == [translate(f"strategy.{expected}.name", "en")]

    at = button(at, "Start the client's view from the current assumptions").click().run()
    at = button(at, "Start the supplier's view from the current assumptions").click().run()
    assert not at.exception
    case = case_of(at)
    assert [(v.name, v.party) for v in case.variants] == [
        ("pessimistic", None),
        ("client view", "client"),
        ("supplier view", "supplier"),
    ]
    assert translate("variants.no_differences", "en") in texts(at)
    assert len(at.metric) == 3  # three variants side by side


def test_a_difference_that_flips_the_choice_is_named(app_at):
    # erp-manufacturer recommends solve; a programme of 3 million makes stopping and suing cheaper (with a 40%
    # chance of a settlement, suing is the ERP case's cheapest alternative since model v2).
    at = app_at(PAGE)
    at.session_state["case"] = with_views(
        "erp-manufacturer", {"solve.programme_cost": 3_000_000, "solve.client_share": 0.6}
    )
    at.run()
    assert not at.exception
    shown = texts(at)
    assert (
        "The difference changes the choice: with the client's estimates the best way out is **Solve**, "
        "with the supplier's it is **Stop and sue**."
    ) in shown
    assert f"changes the client's choice: {PROGRAMME}." in shown
    differences = at.dataframe[-1].value
    assert list(differences["Input"]) == [PROGRAMME, SHARE]
    assert list(differences["Supplier's estimate"]) == ["€3,000,000", "60%"]
    assert list(differences["On its own, changes the choice to"]) == ["Stop and sue", "no change"]


def test_a_small_difference_keeps_the_choice(app_at):
    at = app_at(PAGE)
    at.session_state["case"] = with_views("erp-manufacturer", {"solve.client_share": 0.6})
    at.run()
    shown = texts(at)
    assert (
        "The difference does not change the choice: with both parties' estimates the best way out is **Solve**."
        in shown
    )
    assert translate("variants.not_decisive", "en") in shown


def test_apply_and_remove(app_at):
    at = app_at(PAGE)
    at.session_state["case"] = with_views("erp-manufacturer", {"solve.programme_cost": 3_000_000})
    at.run()
    at.button(key="variants_apply_1").click().run()
    assert not at.exception
    assert case_of(at).solve.programme_cost.mode == 3_000_000
    assert "The case now uses the assumptions of “supplier view”." in texts(at)
    assert "**supplier view** · Supplier · *the assumptions of the case now*" in texts(at)
    at.button(key="variants_remove_0").click().run()
    assert [v.name for v in case_of(at).variants] == ["supplier view"]


def test_an_empty_name_is_refused(app_at):
    at = save_variant(app_at(PAGE), "   ")
    assert case_of(at).variants == ()
    assert [e.value for e in at.error] == ["Give the variant a name."]


def test_a_party_view_saved_again_replaces_the_mark(app_at):
    at = save_variant(app_at(PAGE), "my view", "client")
    at = save_variant(at, "second view", "client")
    assert [(v.name, v.party) for v in case_of(at).variants] == [("my view", None), ("second view", "client")]


def test_at_most_four_are_compared(app_at):
    at = app_at(PAGE)
    case = load_preset("erp-manufacturer")
    for name in ("a", "b", "c", "d", "e"):
        case = variants.save(case, variants.capture(case, name))
    at.session_state["case"] = case
    at.run()
    chosen = at.multiselect[0]
    assert chosen.value == ["a", "b", "c", "d"]
    assert len(at.metric) == 4


def test_in_dutch_with_hidden_amounts_in_a_workshop(app_at):
    at = app_at(PAGE, lang="nl")
    at.session_state["case"] = with_views("erp-manufacturer", {"solve.programme_cost": 3_000_000})
    at.session_state["workshop"] = True
    at.session_state["amounts"] = "hidden"
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "Het verschil verandert de keuze" in shown
    assert "verwacht •••" in [c.value for c in at.caption]
    side_by_side = at.dataframe[0].value
    assert set(side_by_side["Oplossen: verwacht"]) == {"•••"}


def test_both_views_hold_the_partner_and_compare_its_estimates(app_at):
    # partner-takeover considers another implementation partner: both views hold its estimates, the editor
    # has its rows, and a different estimate of its chance of success is listed as a difference.
    at = app_at(PAGE)
    at.session_state["case"] = with_views(
        "partner-takeover", {"partner.p_success": {"low": 0.1, "mode": 0.2, "high": 0.3}}
    )
    at.run()
    assert not at.exception
    label = translate("inputs.partner.p_success.label", "en")
    differences = at.dataframe[-1].value
    assert [row for row in differences["Input"] if str(row).startswith(label)], list(differences["Input"])
