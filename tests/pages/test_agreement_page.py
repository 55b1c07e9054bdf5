"""The SMART agreement page with every preset: goal, criteria checks, perception gap, download."""

from __future__ import annotations

import pytest

from decision.model.presets import load_preset, preset_ids
from tests.pages.markdown import plain

PAGE = "app_pages/agreement.py"


def markdown(at) -> str:
    return plain("\n".join(m.value for m in at.markdown))


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_renders(app_at, preset):
    at = app_at(PAGE, preset)
    assert not at.exception
    assert at.title[0].value == "SMART agreement"
    case = load_preset(preset)
    assert len(at.dataframe) >= 1
    assert len(at.get("download_button")) == 1
    has_gap = any(getattr(case.diagnosis, a).supplier is not None for a in type(case.diagnosis).model_fields)
    assert len(at.get("vega_lite_chart")) == (1 if has_gap else 0)
    if case.smart_goals:
        assert "Criterion 1" in markdown(at)
    else:
        assert at.info[0].value.startswith("There are no criteria yet")


def test_checks_explain_what_is_missing(app_at):
    at = app_at(PAGE, "erp-manufacturer")
    case = at.session_state["case"]
    goals = [goal.model_dump(mode="json") for goal in case.smart_goals]
    goals[0]["unit"] = ""
    goals[0]["deadline"] = "2040-01-01"
    at.session_state["case"] = case.model_copy(
        update={"smart_goals": tuple(type(case.smart_goals[0])(**g) for g in goals)}
    )
    at.run()
    text = markdown(at)
    assert "Criterion 1 (Open priority-1/2 defects) is not SMART yet" in text
    assert "Not measurable: without a unit" in text
    assert "Not time-bound: the deadline 1 January 2040 lies after the end of the horizon, 1 December 2031." in text
    assert "Proceskennis" not in text and "Process knowledge: the client rates it 4, the supplier 1" in text


def test_dutch(app_at):
    at = app_at(PAGE, "erp-manufacturer", lang="nl")
    assert not at.exception
    assert at.title[0].value == "SMART-afspraak"
    assert "Proceskennis: de klant geeft 4, de leverancier 1" in markdown(at)
