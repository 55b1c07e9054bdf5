"""Two browser tabs on one case: edits to different fields are merged, only the same field is asked about.

The merge itself (ui/merge.py) on case data, then through the app: a tab whose save meets a
newer version saved by another tab (the library's ``Conflict``).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from decision.model.presets import EXAMPLE, load_preset
from decision.store.library import Library
from tests.pages.markdown import plain
from ui.merge import merge

BASE = load_preset(EXAMPLE).model_dump(mode="json")


def edited(**changes: object) -> dict:
    """BASE with dotted paths changed: edited(**{"profile.system": "x"})."""
    data = load_preset(EXAMPLE).model_dump(mode="json")
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    return data


# -- the merge ----------------------------------------------------------------------------------


def test_different_fields_are_both_kept():
    result = merge(BASE, edited(title="mine"), edited(**{"profile.system": "theirs"}))
    assert result.conflicts == ()
    assert result.data == edited(title="mine", **{"profile.system": "theirs"})


def test_the_same_change_on_both_sides_is_no_conflict():
    result = merge(BASE, edited(title="same"), edited(title="same"))
    assert result.conflicts == ()
    assert result.data["title"] == "same"


def test_the_same_field_changed_differently_is_a_conflict_decided_by_prefer():
    mine, theirs = edited(title="mine", horizon_months=48), edited(title="theirs", discount_rate=0.08)
    kept = merge(BASE, mine, theirs, prefer="mine")
    assert kept.conflicts == ("title",)
    assert kept.data == edited(title="mine", horizon_months=48, discount_rate=0.08)
    assert merge(BASE, mine, theirs, prefer="theirs").data["title"] == "theirs"


def test_an_estimate_is_one_field():
    low_changed = {**BASE["solve"]["p_success"], "low": 0.1} if isinstance(BASE["solve"]["p_success"], dict) else 0.1
    high_changed = (
        {**BASE["solve"]["p_success"], "high": 0.95} if isinstance(BASE["solve"]["p_success"], dict) else 0.95
    )
    result = merge(BASE, edited(**{"solve.p_success": low_changed}), edited(**{"solve.p_success": high_changed}))
    assert result.conflicts == ("solve.p_success",), "a low from one tab and a high from the other is no estimate"


def test_a_list_is_one_field():
    goals = BASE["smart_goals"]
    result = merge(BASE, edited(smart_goals=goals[:1]), edited(smart_goals=goals[1:]))
    assert result.conflicts == ("smart_goals",)
    assert merge(BASE, edited(smart_goals=goals[:1]), edited(title="t")).data["smart_goals"] == goals[:1]


def test_nested_fields_merge_per_field():
    mine = edited(**{"diagnosis.invoicing.client": 4})
    theirs = edited(**{"diagnosis.invoicing.evidence": "Twelve credit notes in March"})
    result = merge(BASE, mine, theirs)
    assert result.conflicts == ()
    assert result.data["diagnosis"]["invoicing"]["client"] == 4
    assert result.data["diagnosis"]["invoicing"]["evidence"] == "Twelve credit notes in March"


def test_without_a_base_every_difference_is_a_conflict():
    result = merge(None, edited(title="mine"), edited(**{"profile.system": "theirs"}))
    assert set(result.conflicts) == {"title", "profile.system"}
    assert result.data["title"] == "mine" and result.data["profile"]["system"] == BASE["profile"]["system"]


def test_a_group_added_on_one_side_is_kept():
    theirs = {**BASE, "partner": {"name": "x"}}
    assert merge(BASE, edited(title="mine"), theirs).data["partner"] == {"name": "x"}


# -- two tabs in the app --------------------------------------------------------------------------

TAB = """
import streamlit as st
from ui import case_state

case_state.case()
case_state.conflict_notice()
for name, changes in st.session_state.get("edits", {}).items():
    st.button(name, key=name, on_click=case_state.update_case, args=(changes,))
"""


def tab(edits: dict[str, dict]) -> tuple[AppTest, str]:
    """A tab with the example open and a button per edit; the case's id."""
    at = AppTest.from_string(TAB, default_timeout=60)
    at.session_state["lang"] = "en"
    at.session_state["edits"] = edits
    at.run()
    return at, at.session_state["case_id"]


def other_tab_saves(case_id: str, **changes: object) -> None:
    library = Library()
    stored = library.get(case_id)
    data = stored.case.model_dump(mode="json")
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    library.save(case_id, type(stored.case).model_validate(data), stored.record.version)


def test_edits_to_different_fields_in_two_tabs_are_both_saved_without_asking():
    at, case_id = tab({"organisation": {"profile.organisation": "Mine B.V."}})
    other_tab_saves(case_id, **{"profile.system": "Theirs ERP"})
    at.button(key="organisation").click().run()
    assert not at.exception
    assert not at.warning, "nothing to ask"
    stored = Library().get(case_id)
    assert stored.record.version == 3
    assert stored.case.profile.organisation == "Mine B.V." and stored.case.profile.system == "Theirs ERP"
    assert at.session_state["case"] == stored.case, "this tab now shows both"
    assert at.session_state["case_version"] == 3
    assert [plain(t.value) for t in at.toast] == [
        "This case was also saved in another browser tab (version 2). "
        "Both changes are kept: the two tabs changed different fields."
    ]


def test_the_same_field_in_two_tabs_is_asked_about_by_name():
    at, case_id = tab({"system": {"profile.system": "Mine ERP", "profile.organisation": "Mine B.V."}})
    other_tab_saves(case_id, **{"profile.system": "Theirs ERP", "profile.supplier": "Theirs Ltd"})
    at.button(key="system").click().run()
    assert not at.exception
    [warning] = [plain(w.value) for w in at.warning]
    assert warning.startswith("This case was saved in another browser tab meanwhile (version 2)")
    assert warning.endswith("Both tabs changed: System.")
    assert Library().record(case_id).version == 2, "nothing is saved before the user chooses"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_keep_mine_keeps_my_field_and_their_other_fields(lang):
    at, case_id = tab({"system": {"profile.system": "Mine ERP", "profile.organisation": "Mine B.V."}})
    at.session_state["lang"] = lang
    other_tab_saves(case_id, **{"profile.system": "Theirs ERP", "profile.supplier": "Theirs Ltd"})
    at.button(key="system").click().run()
    at.button(key="conflict_keep_mine").click().run()
    assert not at.exception
    stored = Library().get(case_id)
    assert stored.case.profile.system == "Mine ERP", "the field both changed: mine"
    assert stored.case.profile.organisation == "Mine B.V.", "my other change"
    assert stored.case.profile.supplier == "Theirs Ltd", "their other change is not overwritten"
    assert at.session_state["case"] == stored.case
    assert [v.event for v in Library().history(case_id)][:2] == ["kept", "edited"]
    assert not at.warning


def test_load_theirs_after_a_conflict_shows_theirs():
    at, case_id = tab({"system": {"profile.system": "Mine ERP"}})
    other_tab_saves(case_id, **{"profile.system": "Theirs ERP"})
    at.button(key="system").click().run()
    at.button(key="conflict_load_theirs").click().run()
    assert at.session_state["case"].profile.system == "Theirs ERP"
    assert Library().record(case_id).version == 2
