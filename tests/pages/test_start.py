"""Start page: the four ways out, three ways to begin, the open case; the blank case; case files."""

from __future__ import annotations

import json

import pytest

from decision.engine.results import evaluate
from decision.model.blank import blank_case
from decision.model.loader import MAX_CASE_BYTES, load_case_bytes, parse_case
from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.model.problems import CaseError
from decision.text.i18n import translate
from tests.pages.markdown import plain
from ui import library_state

PAGE = "app_pages/start.py"


def texts(at) -> str:
    """Everything the page shows as text, in one string, as it reads."""
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "success", "error", "info")
        for e in at.get(kind)
    ]
    return plain("\n".join(str(p) for p in parts))


@pytest.mark.parametrize("preset", preset_ids())
def test_every_preset_renders_with_its_title_and_the_four_ways_out(app_at, preset):
    at = app_at(PAGE, preset)
    assert not at.exception
    shown = texts(at)
    assert load_preset(preset).title in shown
    for name in ("Muddle on", "Stop and sue", "Stop and take the loss", "Solve"):
        assert f"**{name}**" in shown
    assert [b.label for b in at.button] == [
        "Start quickly (about 10 minutes)",
        "Start a new case",
        "Open this example",
        "Next: describe the case →",
    ]


def test_first_start_opens_the_example(app_at):
    at = app_at(PAGE)
    assert at.session_state["case"] == load_preset(EXAMPLE)
    assert "ERP at a mid-size manufacturer" in [plain(h.value) for h in at.subheader]


def test_dutch(app_at):
    at = app_at(PAGE, lang="nl")
    shown = texts(at)
    assert "De vier uitwegen" in shown
    assert "**Doormodderen**" in shown and "**Stoppen en procederen**" in shown


@pytest.mark.parametrize(
    ("lang", "label", "title"),
    [
        ("nl", "Snel beginnen (ca. 10 minuten)", "Snel beginnen"),
        ("en", "Start quickly (about 10 minutes)", "Start quickly"),
    ],
)
def test_the_quick_start_comes_first_and_opens_its_page(app_at, lang, label, title):
    at = app_at(PAGE, EXAMPLE, lang=lang)
    quick = at.button(key="start.quick")
    assert quick.label == label and quick.proto.type == "primary"
    assert at.button[0].key == "start.quick"  # above the other ways to begin
    assert "14" in quick.help
    quick.click().run()
    assert not at.exception
    assert at.title[0].value == title
    assert at.session_state["case"] == load_preset(EXAMPLE)  # nothing is opened until the form is sent


def test_new_case_opens_the_blank_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.button(key="start.new").click().run()
    assert at.session_state["case"] == blank_case()
    assert "Opened: (untitled case)" in texts(at)


def test_open_a_preset_by_its_title(app_at):
    at = app_at(PAGE, EXAMPLE)
    box = at.radio(key="start.preset")
    assert box.options[0] == "ERP at a mid-size manufacturer"
    box.set_value("strong-claim-stop")
    at.button(key="start.open_preset").click().run()
    assert at.session_state["case"] == load_preset("strong-claim-stop")
    assert "Warehouse system at a fulfilment firm" in texts(at)


def test_an_unchanged_preset_already_in_the_library_is_opened_not_stored_twice(app_at):
    """A first visit opens the example (and stores it); opening the example on Start reopens that copy.
    Once the copy is changed, opening the example again stores a new one beside it."""
    at = app_at(PAGE)
    library = library_state.library()
    first = at.session_state["case_id"]
    assert [record.id for record in library.cases()] == [first]
    at.button(key="start.open_preset").click().run()
    assert not at.exception
    assert [record.id for record in library.cases()] == [first]
    assert at.session_state["case_id"] == first
    library.save(first, load_preset(EXAMPLE, "en").model_copy(update={"horizon_months": 48}), 1)
    at.button(key="start.open_preset").click().run()
    assert len(library.cases()) == 2 and at.session_state["case_id"] != first
    assert at.session_state["case"] == load_preset(EXAMPLE, "en")


def test_upload_a_valid_case_file_opens_it(app_at):
    at = app_at(PAGE, EXAMPLE)
    other = load_preset("muddle-defensible")
    at.file_uploader(key="start.file").set_value(("case.json", other.to_json().encode(), "application/json")).run()
    assert not at.exception
    assert at.session_state["case"] == other
    assert "Opened: Order portal at a small wholesaler" in texts(at)


def test_upload_an_invalid_case_file_names_the_fields_and_keeps_the_case(app_at):
    at = app_at(PAGE, EXAMPLE)
    data = json.loads(load_preset("muddle-defensible").to_json())
    data["horizon_months"] = 6
    data["legal"]["p_win"] = 1.5
    at.file_uploader(key="start.file").set_value(("bad.json", json.dumps(data).encode(), "application/json")).run()
    assert not at.exception
    assert at.session_state["case"] == load_preset(EXAMPLE)
    [error] = at.error
    lines = plain(error.value).splitlines()
    assert lines[0] == translate("start.file_problems", "en")
    assert len(lines) == 3
    assert lines[1].startswith("- horizon_months:") and "12" in lines[1]
    assert lines[2] == "- Chance of winning in court (legal.p_win): the value must be at most 1, got 1.5"


def test_an_invalid_case_file_is_explained_in_dutch(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    data = json.loads(load_preset("muddle-defensible").to_json())
    data["horizon_months"] = 6
    data["legal"]["p_win"] = 1.5
    del data["stop"]["exit_cost"]
    at.file_uploader(key="start.file").set_value(("fout.json", json.dumps(data).encode(), "application/json")).run()
    assert not at.exception
    assert at.session_state["case"] == load_preset(EXAMPLE)
    assert plain(at.error[0].value).splitlines() == [
        translate("start.file_problems", "nl"),
        "- horizon_months: moet ten minste 12 zijn, maar is 6",
        "- Kosten van contractbeëindiging (stop.exit_cost): is verplicht maar ontbreekt",
        "- Kans om de rechtszaak te winnen (legal.p_win): de waarde moet ten hoogste 1 zijn, maar is 1,5",
    ]


def test_upload_a_file_that_is_not_json(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.file_uploader(key="start.file").set_value(("notes.json", b"this is no case", "application/json")).run()
    assert at.session_state["case"] == load_preset(EXAMPLE)
    assert "- Not valid JSON (Expecting value" in plain(at.error[0].value)


def test_next_goes_to_the_case_page(app_at):
    at = app_at(PAGE, EXAMPLE)
    at.button(key="start.next").click().run()
    assert at.title[0].value == "The case"


# -- the decision level: case files and the blank case ---------------------------------


def test_a_saved_case_file_reads_back_as_the_same_case():
    case = load_preset(EXAMPLE)
    assert load_case_bytes(case.to_json().encode()) == case


def test_a_case_file_names_every_wrong_field():
    data = json.loads(load_preset(EXAMPLE).to_json())
    data["discount_rate"] = 0.5
    data["diagnosis"]["invoicing"]["client"] = 7
    data["colour"] = "blue"
    with pytest.raises(CaseError) as raised:
        load_case_bytes(json.dumps(data).encode())
    fields = sorted(line.split(":")[0] for line in raised.value.problems)
    assert fields == ["colour", "diagnosis.invoicing.client", "discount_rate"]


def test_a_case_file_over_one_megabyte_is_refused():
    with pytest.raises(CaseError, match="at most 1 MB"):
        load_case_bytes(b" " * (MAX_CASE_BYTES + 1))


def test_the_blank_case_is_valid_and_neutral():
    case = blank_case()
    assert parse_case(json.loads(case.to_json())) == case
    assert case.title == "" and case.horizon_months == 60 and case.discount_rate == 0.06
    assert case.legal.p_win.mode == 0.5 and case.solve.p_success.mode == 0.5
    assert case.triage.client_recognises_supplier is None
    assert all(getattr(case.diagnosis, area).client == 0 for area in type(case.diagnosis).model_fields)
    evaluation = evaluate(case, 500, 1, "decision", "mean")
    # Nothing costs anything, so nothing is favoured: every strategy 0, each cheapest in a quarter (ties shared).
    assert {s: r.mean for s, r in evaluation.strategies.items()} == {"muddle": 0, "switch": 0, "stop": 0, "solve": 0}
    assert {s: r.p_best for s, r in evaluation.strategies.items()} == pytest.approx(
        {"muddle": 0.25, "switch": 0.25, "stop": 0.25, "solve": 0.25}
    )


# --- Preset titles in the interface's language ---------------------------------------------------


def test_every_preset_has_a_title_in_both_languages_and_the_english_one_is_the_files():
    for preset in preset_ids():
        assert translate(f"start.preset_title.{preset}", "en") == load_preset(preset).title
        dutch = translate(f"start.preset_title.{preset}", "nl")
        assert dutch != f"start.preset_title.{preset}" and dutch != load_preset(preset).title


def test_the_examples_are_listed_in_dutch_and_one_opens_as_a_dutch_case(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    box = at.radio(key="start.preset")
    assert box.options == [translate(f"start.preset_title.{preset}", "nl") for preset in preset_ids()]
    assert box.options[0] == "ERP bij een middelgroot maakbedrijf"
    box.set_value("strong-claim-stop")
    at.button(key="start.open_preset").click().run()
    assert not at.exception
    opened = at.session_state["case"]
    assert opened.title == "Magazijnsysteem bij een fulfilmentbedrijf"
    # A Dutch case: the preset's Dutch texts (data/nl/), the same numbers, and a Dutch memo to come.
    assert opened == load_preset("strong-claim-stop", "nl")
    assert opened.profile.language == "nl" and "(fictief)" in opened.profile.organisation
    assert "Geopend: Magazijnsysteem bij een fulfilmentbedrijf" in texts(at)
    assert at.sidebar.markdown[-1].value == "**Magazijnsysteem bij een fulfilmentbedrijf**"


def test_the_file_field_says_its_english_words_come_from_streamlit_in_dutch(app_at):
    at = app_at(PAGE, EXAMPLE, lang="nl")
    field = at.get("file_uploader")[0]
    assert field.proto.label == translate("start.file_label", "nl")
    assert field.proto.help == translate("start.file_help", "nl")
    caption = translate("start.file_text", "nl")
    assert caption in [c.value for c in at.caption]
    assert "Drag and drop a file here" in caption and "Streamlit" in caption
