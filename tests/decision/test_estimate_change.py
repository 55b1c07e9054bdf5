"""What an edit on the Assumptions page writes back (decision.analysis.inputs.estimate_change)."""

from __future__ import annotations

from decision.analysis.inputs import estimate_change
from decision.model.case import Case
from decision.model.presets import EXAMPLE, load_preset
from decision.model.registry import BY_PATH

PATH = "stop.replacement_months"
DEFAULT_SOURCE = "Standaardwaarde (Kruispunt): 12 / 18 / 30 maanden"


def case_with(origin: str) -> Case:
    data = load_preset(EXAMPLE).model_dump(mode="json")
    data["stop"]["replacement_months"] = {
        "low": 12,
        "mode": 18,
        "high": 30,
        "source": DEFAULT_SOURCE,
        "note": "checked with IT",
        "origin": origin,
    }
    return Case.model_validate(data)


def edit(**changes) -> dict:
    entry = {"low": 12.0, "mode": 18.0, "high": 30.0, "distribution": "pert", "source": DEFAULT_SOURCE}
    return {**entry, "note": "checked with IT", **changes}


def test_new_numbers_for_a_default_drop_its_source_and_keep_the_note():
    change = estimate_change(case_with("default"), BY_PATH[PATH], edit(high=36.0))
    assert change is not None
    assert (change["high"], change["source"], change["note"]) == (36.0, "", "checked with IT")


def test_a_source_rewritten_with_the_numbers_is_kept():
    change = estimate_change(case_with("default"), BY_PATH[PATH], edit(high=36.0, source="Offer of Acme, 2026"))
    assert change is not None and change["source"] == "Offer of Acme, 2026"


def test_the_directors_own_source_stays_with_new_numbers():
    change = estimate_change(case_with("own"), BY_PATH[PATH], edit(high=36.0))
    assert change is not None and change["source"] == DEFAULT_SOURCE


def test_a_default_with_only_its_note_changed_keeps_its_source():
    change = estimate_change(case_with("default"), BY_PATH[PATH], edit(note="asked the supplier"))
    assert change is not None and change["source"] == DEFAULT_SOURCE


def test_nothing_changed_writes_nothing():
    assert estimate_change(case_with("default"), BY_PATH[PATH], edit()) is None
