"""The Negotiation page with every preset: BATNAs, zone, margin, the four principles."""

from __future__ import annotations

import pytest

from decision.analysis.negotiation import analyse
from decision.model.presets import load_preset, preset_ids
from ui.cache import ITERATIONS, SEED

PAGE = "app_pages/negotiation.py"


def texts(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [w.value for w in at.warning]
        + [s.value for s in at.success]
        + [c.value for c in at.caption]
        + [i.value for i in at.info]
    )


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_renders(app_at, preset):
    at = app_at(PAGE, preset)
    assert not at.exception
    assert at.title[0].value == "Negotiation"
    zopa = analyse(load_preset(preset), ITERATIONS, SEED).zopa
    labels = [m.label for m in at.metric]
    assert any(label.startswith("Best alternative:") for label in labels)
    assert any("Normal margin" == label for label in labels)
    assert len(at.get("vega_lite_chart")) == 1
    if zopa.empty:
        assert at.warning[0].value.startswith("There is no zone of agreement")
        assert "What would open the zone" in texts(at)
    else:
        assert at.success[0].value.startswith("Both parties are better off")
    principles = [s.value.split(" ", 1)[1] for s in at.subheader if s.value.startswith(":material/")]
    assert [p[:2] for p in principles] == ["1.", "2.", "3.", "4."]


def test_principles_checklist_and_notes_are_stored_in_the_case(app_at):
    at = app_at(PAGE, "erp-manufacturer")
    at.text_area(key="negotiation_client_interests").input("Planning that works by summer").run()
    at.text_area(key="negotiation_supplier_interests").input("Keep the reference <customer>").run()
    case = at.session_state["case"]
    assert case.negotiation.client_interests == "Planning that works by summer"
    assert case.negotiation.supplier_interests == "Keep the reference <customer>"
    headings = [s.value for s in at.subheader]
    assert any(h.startswith(":material/check_circle: 2. Focus on interests") for h in headings)


def test_standard_options_are_added_and_evaluated(app_at):
    at = app_at(PAGE, "erp-manufacturer")
    at.button[0].click().run()
    assert not at.exception
    options = at.session_state["case"].negotiation.options
    assert [o.title for o in options] == [
        "Phased delivery",
        "Scope cut",
        "Price reduction by the supplier",
        "Independent supervisor",
    ]
    assert "What each option does to solving" in texts(at)
    effects = at.dataframe[-1].value  # after the BATNA parts and the options editor
    assert list(effects["Option"]) == [o.title for o in options]
    assert effects.shape == (4, 5)


def test_dutch(app_at):
    at = app_at(PAGE, "municipality-broken-relationship", lang="nl")
    assert not at.exception
    assert at.title[0].value == "Onderhandeling"
    assert at.warning[0].value.startswith("Er is geen onderhandelingsruimte")
