"""Library page and the autosave behind it: list, open, rename, duplicate, delete and undo, history and
restore, import and export; the case in the URL; two tabs on one case."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from decision.model.loader import parse_case
from decision.model.presets import DATA_DIR, EXAMPLE, load_preset, preset_ids
from decision.store.library import Library
from decision.text.i18n import translate
from tests.conftest import REPO_ROOT
from tests.pages.markdown import plain
from ui.display import literal

PAGE = "app_pages/library.py"
SCRIPT = "<script>alert(1)</script>"


def library() -> Library:
    return Library()


def table(at, index: int = 0) -> list[dict]:
    return at.dataframe[index].value.to_dict("records")


def open_id(at) -> str:
    return at.session_state["case_id"]


def fresh_session(case_id: str | None = None, page: str | None = None) -> AppTest:
    """A new browser session (a refresh, a bookmark), optionally opened on ``?case=``."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    if case_id is not None:
        at.query_params["case"] = case_id
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("preset", preset_ids())
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_preset_is_listed_and_open(app_at, preset, lang):
    at = app_at(PAGE, preset, lang)
    assert not at.exception
    rows = table(at)
    assert len(rows) == 1
    row = list(rows[0].values())
    assert row[0] == "●" and row[1] == load_preset(preset).title
    assert row[4] != "–", "the recommendation is recorded with the save"
    assert at.query_params["case"] == open_id(at)
    assert library().get(open_id(at)).case == load_preset(preset)


def test_first_start_stores_the_example_and_puts_it_in_the_url():
    at = fresh_session()
    records = library().cases()
    assert [r.title for r in records] == [load_preset(EXAMPLE).title]
    assert at.query_params["case"] == records[0].id


def test_a_new_session_with_the_url_opens_the_same_case(app_at):
    at = app_at(PAGE, "strong-claim-stop")
    case_id = open_id(at)
    fresh_session()  # another session without ?case opens the last changed case, adding nothing
    assert len(library().cases()) == 1
    other = fresh_session(case_id, PAGE)
    assert open_id(other) == case_id
    assert other.sidebar.markdown[-1].value == f"**{load_preset('strong-claim-stop').title}**"


def test_rename_is_saved_and_survives_a_new_session(app_at):
    at = app_at(PAGE, EXAMPLE)
    case_id = open_id(at)
    at.text_input(key=f"library_rename_{case_id}").set_value("Renamed in the library")
    assert at.button[3].label == "Rename"
    at.button[3].click().run()
    assert not at.exception
    assert library().get(case_id).case.title == "Renamed in the library"
    assert library().record(case_id).version == 2
    assert fresh_session(case_id).session_state["case"].title == "Renamed in the library"


def test_duplicate_then_open_the_copy(app_at):
    at = app_at(PAGE, EXAMPLE)
    original = open_id(at)
    at.button(key="library_duplicate").click().run()
    assert len(library().cases()) == 2
    copy_id = at.session_state["library_selected"]
    assert copy_id != original
    assert library().get(copy_id).case.title == f"Copy of {load_preset(EXAMPLE).title}"
    at.button(key="library_open").click().run()
    assert open_id(at) == copy_id
    assert at.query_params["case"] == copy_id


def test_delete_asks_and_can_be_undone(app_at):
    at = app_at(PAGE, EXAMPLE)
    first = open_id(at)
    at.button(key="library_duplicate").click().run()
    copy_id = at.session_state["library_selected"]
    at.button(key="library_delete_yes").click().run()
    assert [r.id for r in library().cases()] == [first]
    assert any("Deleted" in m.value for m in at.markdown)
    at.button(key="library_undo").click().run()
    assert {r.id for r in library().cases()} == {first, copy_id}


def test_deleting_the_open_case_opens_another(app_at):
    at = app_at(PAGE, EXAMPLE)
    first = open_id(at)
    at.button(key="library_delete_yes").click().run()
    assert not at.exception
    assert open_id(at) != first
    assert [r.id for r in library().cases()] == [open_id(at)]


def test_restore_an_earlier_version(app_at):
    at = app_at(PAGE, EXAMPLE)
    case_id = open_id(at)
    at.text_input(key=f"library_rename_{case_id}").set_value("Second title")
    at.button[3].click().run()
    assert len(at.dataframe) == 1, "the history is read only when asked for"
    at.toggle(key="library_history_shown").set_value(True).run()
    at.selectbox(key=f"library_version_{case_id}_0").set_value(1).run()
    at.button(key="library_restore").click().run()
    assert not at.exception
    assert library().record(case_id).version == 3
    assert library().get(case_id).case == load_preset(EXAMPLE)
    assert at.session_state["case"] == load_preset(EXAMPLE)
    assert table(at, 1)[0][at.dataframe[1].value.columns[3]] == "restored from version 1"


def test_a_valid_upload_becomes_a_new_open_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    first = open_id(at)
    raw = (DATA_DIR / "municipality-broken-relationship.json").read_bytes()
    at.file_uploader(key="library_upload").set_value(("gemeente.json", raw, "application/json")).run()
    assert not at.exception
    assert len(library().cases()) == 2
    assert open_id(at) != first
    assert at.session_state["case"] == load_preset("municipality-broken-relationship")
    assert [plain(s.value) for s in at.success] == ["**gemeente.json** was added to the library and is now open."]
    at.run()
    assert len(library().cases()) == 2, "a rerun does not import the same upload again"


@pytest.mark.parametrize(
    "raw, line",
    [
        (b"{not json", "Not valid JSON"),
        (b'{"schema_version": 1, "title": 5}', "title: Input should be a valid string"),
        (
            json.dumps({**json.loads((DATA_DIR / f"{EXAMPLE}.json").read_bytes()), "schema_version": 7}).encode(),
            "schema_version: this file was written by a newer version of Kruispunt",
        ),
        (b"\xff\xfe{}", "The file is not UTF-8 text"),
    ],
)
def test_an_invalid_upload_is_refused_and_the_open_case_stays(app_at, raw, line):
    at = app_at(PAGE, EXAMPLE)
    before = (open_id(at), library().record(open_id(at)).version, len(library().cases()))
    at.file_uploader(key="library_upload").set_value(("bad.json", raw, "application/json")).run()
    assert not at.exception
    error = at.error[0].value
    assert plain(error).startswith("**bad.json** was not imported; the open case is unchanged.")
    assert any(item.startswith("- " + line) for item in plain(error).splitlines()), error
    assert (open_id(at), library().record(open_id(at)).version, len(library().cases())) == before
    assert at.session_state["case"] == load_preset(EXAMPLE)


def test_script_in_a_title_is_shown_as_text(app_at):
    at = app_at(PAGE, EXAMPLE)
    case_id = open_id(at)
    at.text_input(key=f"library_rename_{case_id}").set_value(SCRIPT)
    at.button[3].click().run()
    assert not at.exception
    assert table(at)[0][at.dataframe[0].value.columns[1]] == SCRIPT
    shown = (
        [m.value for m in at.markdown]
        + [m.value for m in at.sidebar.markdown]
        + [h.value for h in at.subheader]
        + [h.value for h in at.header]
    )
    assert literal(SCRIPT) in " ".join(shown)
    assert "<script>" not in " ".join(shown), "never passed to markdown unescaped"


TWO_TABS = """
import streamlit as st
from ui import case_state

case_state.case()
case_state.conflict_notice()
st.button("edit", key="edit", on_click=case_state.update_case, args=({"title": "mine"},))
"""


def two_tabs():
    at = AppTest.from_string(TWO_TABS, default_timeout=60)
    at.run()
    case_id = at.session_state["case_id"]
    other_tab = library()
    other_tab.rename(case_id, "theirs", 1)
    at.button(key="edit").click().run()
    return at, case_id


def test_a_save_over_another_tabs_newer_version_asks_first():
    at, case_id = two_tabs()
    assert not at.exception
    assert at.warning[0].value.startswith("This case was saved in another browser tab meanwhile (version 2)")
    assert library().get(case_id).case.title == "theirs", "nothing was overwritten"
    assert at.session_state["case"].title == "mine", "nothing typed was lost"


def test_keep_mine_saves_over_theirs():
    at, case_id = two_tabs()
    at.button(key="conflict_keep_mine").click().run()
    assert library().get(case_id).case.title == "mine"
    assert [v.title for v in library().history(case_id)][:2] == ["mine", "theirs"]
    assert len(at.warning) == 0


def test_load_theirs_drops_mine():
    at, case_id = two_tabs()
    at.button(key="conflict_load_theirs").click().run()
    assert at.session_state["case"].title == "theirs"
    assert library().record(case_id).version == 2
    assert len(at.warning) == 0


def titled(title: str):
    return parse_case({**load_preset(EXAMPLE).model_dump(mode="json"), "title": title})


def test_a_long_library_is_shown_a_page_at_a_time_and_can_be_searched(app_at):
    for number in range(60):
        library().create(titled(f"Case {number:02d}"))
    at = app_at(PAGE, EXAMPLE)  # the example is the last changed: first on the first page
    assert not at.exception
    assert len(table(at)) == 25
    assert "Cases 1–25 of 61" in [c.value for c in at.caption]
    assert table(at)[0][at.dataframe[0].value.columns[0]] == "●"
    at.button(key="library_page_next").click().run()
    assert "Cases 26–50 of 61" in [c.value for c in at.caption]
    assert table(at)[0][at.dataframe[0].value.columns[1]] == "Case 35"
    at.button(key="library_page_next").click().run()
    assert len(table(at)) == 11
    assert at.button(key="library_page_next").disabled
    at.text_input(key="library_search").set_value("case 07").run()
    assert [row[at.dataframe[0].value.columns[1]] for row in table(at)] == ["Case 07"]
    at.text_input(key="library_search").set_value("no such case").run()
    assert not at.exception
    assert plain(at.info[0].value) == "No case matches “no such case”."


def test_the_history_is_read_when_asked_and_shown_a_page_at_a_time():
    case_id = library().create(load_preset(EXAMPLE)).id
    for version in range(1, 45):
        library().save(case_id, titled(f"Title {version + 1}"), version)
    at = fresh_session(case_id, PAGE)
    assert len(at.dataframe) == 1 and not [s for s in at.selectbox if s.key and "version" in s.key]
    at.toggle(key="library_history_shown").set_value(True).run()
    assert [row[at.dataframe[1].value.columns[0]] for row in table(at, 1)] == list(range(45, 25, -1))
    assert "Versions 1–20 of 45" in [c.value for c in at.caption]
    at.button(key=f"library_history_page_{case_id}_next").click().run()
    at.button(key=f"library_history_page_{case_id}_next").click().run()
    assert [row[at.dataframe[1].value.columns[0]] for row in table(at, 1)] == [5, 4, 3, 2, 1]
    at.selectbox(key=f"library_version_{case_id}_40").set_value(1).run()
    at.button(key="library_restore").click().run()
    assert not at.exception
    assert library().get(case_id).case == load_preset(EXAMPLE)


# --- Preset titles in Dutch ----------------------------------------------------------------------


def test_an_example_opened_in_dutch_is_listed_with_its_dutch_title(app_at):
    at = app_at("app_pages/start.py", EXAMPLE, lang="nl")
    at.radio(key="start.preset").set_value("orderly-exit")
    at.button(key="start.open_preset").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    titles = [row[translate("library.col_title", "nl")] for row in table(at)]
    assert titles[0] == "Roosterpakket (SaaS) bij een thuiszorgorganisatie"
    assert library().get(open_id(at)).case.title == "Roosterpakket (SaaS) bij een thuiszorgorganisatie"


def test_deleting_the_last_case_in_dutch_opens_the_example_with_its_dutch_title(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    first = open_id(at)
    at.button(key="library_delete_yes").click().run()
    assert not at.exception
    assert open_id(at) != first
    assert at.session_state["case"].title == "ERP bij een middelgroot maakbedrijf"
    assert [row[translate("library.col_title", "nl")] for row in table(at)] == ["ERP bij een middelgroot maakbedrijf"]


def test_the_upload_says_in_dutch_that_its_english_words_come_from_streamlit(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    assert translate("library.upload_text", "nl") in [m.value for m in at.markdown]
    field = at.get("file_uploader")[0]
    assert field.proto.label == translate("library.upload", "nl")
    assert "Upload" in translate("library.upload_text", "nl") and "Streamlit" in translate("library.upload_text", "nl")
