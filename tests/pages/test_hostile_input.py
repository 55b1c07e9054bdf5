"""Issue 15 in the app: nothing hangs, crashes or lies on hostile, huge or extreme input.

Euro fields refuse 1e30, 1e300 and -5 (typed as text on the Case page) with a sentence naming the
field and the case stays as it was; a stored case that today's checks refuse still opens (set back,
said by field) and every page draws; widgets start inside their range; a ``?case=`` that names no
case says so; user text is shown as typed; every text widget of the case carries the schema's limit.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from decision.analysis.inputs import INPUTS
from decision.model.blank import blank_case
from decision.model.case import (
    MAX_NOTE,
    MAX_SOURCE,
    AreaRating,
    Case,
    Negotiation,
    Profile,
    Variant,
)
from decision.model.presets import EXAMPLE, load_preset
from decision.model.registry import MAX_EURO
from decision.store.library import Library
from tests.conftest import PAGE_NAMES, REPO_ROOT
from tests.pages.markdown import plain
from ui.display import literal
from ui.repair import repaired

PAGES = [f"app_pages/{name}.py" for name in PAGE_NAMES]
LIBRARY_PAGE = "app_pages/library.py"


def every_page_draws(at: AppTest) -> None:
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def session(case_id: str | None = None, lang: str = "en") -> AppTest:
    """A new browser session, optionally opened on ``?case=``."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    if case_id is not None:
        at.query_params["case"] = case_id
    at.run()
    return at


def messages(at: AppTest) -> list[str]:
    return [plain(e.value) for e in at.error]


def enter(at: AppTest, key: str, value: float) -> None:
    """Type ``value`` into the field ``key``: a number field, or a text field read the language's way."""
    if key in {w.key for w in at.text_input}:
        at.text_input(key=key).input(repr(value)).run()
    else:
        at.number_input(key=key).set_value(value).run()


def open_version(at: AppTest) -> int:
    return Library().record(at.session_state["case_id"]).version


# -- 1. euro fields ---------------------------------------------------------------------------

EURO_FIELDS = [
    ("app_pages/assumptions.py", "asm.current.running_cost_per_month.high", "Running cost of the current system"),
    ("app_pages/assumptions.py", "asm.stop.exit_cost.low", "Cost of leaving the contract"),
    ("app_pages/assumptions.py", "asm.legal.liability_cap", "Cap on the supplier's liability"),
    ("app_pages/comparison.py", "whatif.current.dysfunction_cost_per_month", "Cost of the dysfunction"),
]
# The Case page's euro fields are text fields read the language's way (ui/typed.py): 1e30 is typed as text.
CASE_EURO_FIELDS = [
    ("case_page.profile.contract_value", "contract value"),
    ("case_page.sunk.invested_to_date", "amount invested"),
    ("case_page.sunk.book_value", "book value"),
    ("case_page.legal.liability_cap", "liability cap"),
]


# A what-if control has a minimum of €0 that the browser enforces, so -5 cannot be typed there.
IMPOSSIBLE = [
    (page, key, field, typed)
    for page, key, field in EURO_FIELDS
    for typed in (1e30, 1e300, -5.0)
    if not (key.startswith("whatif.") and typed < 0)
]


@pytest.mark.parametrize(("page", "key", "field", "typed"), IMPOSSIBLE)
def test_an_impossible_amount_is_named_and_changes_nothing(app_at, page, key, field, typed):
    at = app_at(page, "erp-manufacturer")
    before = (at.session_state["case"], open_version(at))
    enter(at, key, typed)
    assert not at.exception
    said = [m for m in messages(at) if field.lower() in m.lower()]
    assert said, messages(at)
    if typed > 0:
        assert any("1,000,000,000,000" in m for m in said), said
    assert (at.session_state["case"], open_version(at)) == before, "the case is unchanged"
    every_page_draws(at)
    assert (at.session_state["case"], open_version(at)) == before


@pytest.mark.parametrize(("key", "field"), CASE_EURO_FIELDS)
@pytest.mark.parametrize("typed", ["1e30", "1e300", "-5", "1" + "0" * 30])
def test_an_impossible_amount_on_the_case_page_is_named_and_changes_nothing(app_at, key, field, typed):
    at = app_at("app_pages/case.py", "erp-manufacturer")
    before = (at.session_state["case"], open_version(at))
    at.text_input(key=key).input(typed).run()
    assert not at.exception
    said = [m for m in messages(at) if field.lower() in m.lower()]
    assert said, messages(at)
    if not typed.startswith("-"):
        assert any("1,000,000,000,000" in m for m in said), said
    assert at.text_input(key=key).value == typed, "what was typed stays in the field"
    assert (at.session_state["case"], open_version(at)) == before, "the case is unchanged"
    every_page_draws(at)
    assert (at.session_state["case"], open_version(at)) == before


def test_a_what_if_above_the_limit_leaves_the_numbers_of_the_case(app_at):
    at = app_at("app_pages/comparison.py", "erp-manufacturer")
    table = at.table[0].value.copy()
    enter(at, "whatif.current.dysfunction_cost_per_month", 1e30)
    assert not at.exception
    assert at.table[0].value.equals(table), "no what-if is applied"
    assert not [w for w in at.warning if "What-if" in w.value], "and none is announced"


# -- 1. a stored case that today's checks refuse ---------------------------------------------


def store_refused(change) -> str:
    """A case in the library whose stored JSON was changed afterwards (as an older version could have saved it)."""
    library = Library()
    record = library.create(load_preset(EXAMPLE))
    data = json.loads(load_preset(EXAMPLE).model_dump_json())
    change(data)
    with sqlite3.connect(library.path) as conn:
        conn.execute("UPDATE versions SET case_json = ? WHERE case_id = ?", (json.dumps(data), record.id))
    return record.id


def huge_running_cost(data: dict) -> None:
    data["current"]["running_cost_per_month"] = 1e30
    data["profile"]["contract_value"] = 1e30


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_stored_case_with_1e30_opens_says_what_is_wrong_and_every_page_draws(lang):
    case_id = store_refused(huge_running_cost)
    at = session(case_id, lang)
    assert not at.exception
    assert at.session_state["case_id"] == case_id, "the case of the link is the one open"
    [notice] = [plain(w.value) for w in at.warning]
    label = "Running cost of the current system" if lang == "en" else "Lopende kosten huidig systeem"
    assert f"{label} (current.running_cost_per_month)" in notice
    assert "profile.contract_value" in notice
    assert "1e+30" in notice
    case = at.session_state["case"]
    assert case.current.running_cost_per_month.high <= MAX_EURO and case.profile.contract_value is None
    every_page_draws(at)
    assert Library().record(case_id).version == 1, "nothing is saved until the user changes something"


def test_the_refused_case_can_be_corrected_and_is_then_saved():
    case_id = store_refused(huge_running_cost)
    at = session(case_id)
    at.switch_page("app_pages/assumptions.py").run()
    # The refused estimate was set back to an empty one, which opens as one number: ask for three.
    at.segmented_control(key="asm.current.running_cost_per_month.entry_en").set_value("three").run()
    for part, value in (("high", 15000.0), ("mode", 12000.0), ("low", 10000.0)):
        enter(at, f"asm.current.running_cost_per_month.{part}", value)
    assert not at.exception
    stored = Library().get(case_id)  # valid again: no CaseError
    assert stored.record.version == 2, "the estimate was saved once all three values were there"
    assert stored.case.current.running_cost_per_month.mode == 12000.0
    assert not [w for w in at.warning if "current.running_cost_per_month" in w.value], "the notice is gone"
    assert Library().history(case_id)[-1].version == 1, "the refused version stays in the history"


def test_another_case_can_be_opened_instead():
    other = Library().create(load_preset("muddle-defensible")).id
    case_id = store_refused(huge_running_cost)
    at = session(case_id)
    at.switch_page(LIBRARY_PAGE).run()
    select = next(s for s in at.selectbox if s.key and s.key.startswith("library_select"))
    select.set_value(other).run()
    at.button(key="library_open").click().run()
    assert not at.exception
    assert at.session_state["case_id"] == other
    assert not at.warning, "the notice belonged to the other case"


def test_a_refused_case_opened_from_the_library_and_its_copy_and_restore():
    case_id = store_refused(huge_running_cost)
    at = session()  # the last changed case: the refused one
    at.switch_page(LIBRARY_PAGE).run()
    assert not at.exception
    at.button(key="library_duplicate").click().run()
    assert not at.exception
    assert any("cannot be copied" in e for e in messages(at))
    assert len(Library().cases()) == 1
    # A version saved after it (corrected), then the refused one restored: refused with a sentence.
    at.switch_page("app_pages/case.py").run()
    at.text_input(key="case_page.profile.contract_value").input("100,000").run()
    at.switch_page(LIBRARY_PAGE).run()
    at.toggle(key="library_history_shown").set_value(True).run()
    at.selectbox(key=f"library_version_{case_id}_0").set_value(1).run()
    at.button(key="library_restore").click().run()
    assert not at.exception
    assert any("Version 1 cannot be restored" in e for e in messages(at)), messages(at)
    assert Library().record(case_id).version == 2


def test_a_case_no_version_of_kruispunt_can_open_is_named_and_another_opens():
    other = Library().create(load_preset("muddle-defensible")).id
    case_id = store_refused(lambda data: data.update(schema_version=99))
    at = session(case_id)
    assert not at.exception
    assert at.session_state["case_id"] != case_id
    [notice] = [plain(w.value) for w in at.warning]
    assert f"The case {case_id} cannot be opened by this version of Kruispunt" in notice
    assert "newer version of Kruispunt" in notice
    assert at.title[0].value == "Case library"
    assert at.session_state["case_id"] in (other, Library().latest().id)


# -- 2. widgets start inside their range -------------------------------------------------------


def with_replacement_months(low: float, mode: float, high: float) -> Case:
    data = load_preset("erp-manufacturer").model_dump(mode="json")
    data["stop"]["replacement_months"] = {"low": low, "mode": mode, "high": high}
    return Case.model_validate(data)


def test_replacement_in_zero_to_one_month_draws_the_comparison(app_at):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.session_state["case"] = with_replacement_months(0, 0, 1)
    at.run()
    at.switch_page("app_pages/comparison.py").run()
    assert not at.exception
    slider = at.slider(key="whatif.stop.replacement_months")
    assert slider.min <= slider.value <= slider.max
    assert not [w for w in at.warning if "What-if" in w.value], "the control starting at its minimum is no what-if"


def all_zero() -> bytes:
    """The blank case with every estimate at zero (where zero is allowed), as a case file."""
    data = blank_case().model_dump(mode="json")
    for spec in INPUTS:
        if spec.estimate and (spec.minimum is None or spec.minimum <= 0) and spec.group in data:
            if isinstance(data[spec.group], dict):
                data[spec.group][spec.field] = 0
    return json.dumps(data).encode()


def test_an_all_zero_case_file_draws_every_page(app_at):
    at = app_at("app_pages/start.py", EXAMPLE)
    at.file_uploader(key="start.file").set_value(("zero.json", all_zero(), "application/json")).run()
    assert not at.exception
    assert at.session_state["case"].stop.replacement_months.high == 0
    every_page_draws(at)


# -- 3. user text is shown as typed, never as a link -------------------------------------------

HOSTILE_TITLES = [
    "https://evil.example/x",
    '=HYPERLINK("http://evil.example/","c")',
    "[x](http://evil.example)",
    "www.evil.example",
    "mail@evil.example",
    "A -- B -> C <= D ~= E <-> F",
    ":material/home: :smile: :streamlit: :color[x] :red[y]",
    "# heading *em* $x$ <b>bold</b> &amp; \\ | ` ~~s~~",
]
# Within one text of the Markdown (between two spans), Streamlit would make something of these.
MADE_INTO_SOMETHING = re.compile(r"(?i)://|www\.|@|:|--|->|<-|>=|<=|~=")


@pytest.mark.parametrize("text", HOSTILE_TITLES)
def test_literal_reads_as_typed_and_leaves_nothing_to_link(text):
    shown = literal(text)
    assert plain(shown) == text
    for piece in re.split(r":color\[\\.\]", shown):
        assert not MADE_INTO_SOMETHING.search(piece.replace("\\", "")), (piece, shown)


def test_literal_keeps_empty_text_empty_and_drops_indentation():
    assert literal("") == ""
    assert plain(literal("    code?")) == "code?"


@pytest.mark.parametrize("title", HOSTILE_TITLES[:3])
def test_a_title_with_a_link_is_shown_literally_wherever_titles_are(app_at, title):
    case = load_preset(EXAMPLE).model_copy(
        update={"title": title, "profile": Profile(organisation="https://evil.example/org")}
    )
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.session_state["case"] = case
    at.run()
    assert at.sidebar.markdown[-1].value == f"**{literal(title)}**"
    assert literal(title) in [h.value for h in at.subheader]
    assert "https://evil.example/org" in [t.value for t in at.text], "the organisation as plain text"
    at.switch_page(LIBRARY_PAGE).run()
    assert literal(title) in [h.value for h in at.header]
    at.switch_page("app_pages/agreement.py").run()
    assert not at.exception


# -- 4. ?case= with a case that is not there ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The case in the link (0123456789ab) is not in this case library"),
        ("nl", "Het dossier uit de link (0123456789ab) staat niet in deze dossierbibliotheek"),
    ],
)
def test_an_unknown_case_in_the_link_is_said_and_the_library_is_shown(lang, sentence):
    existing = Library().create(load_preset("muddle-defensible"))
    at = session("0123456789ab", lang)
    assert not at.exception
    [notice] = [plain(w.value) for w in at.warning]
    assert notice.startswith(sentence)
    assert load_preset("muddle-defensible").title in notice, "what is open instead is named"
    assert at.title[0].value == ("Case library" if lang == "en" else "Dossierbibliotheek")
    assert at.session_state["case_id"] == existing.id
    assert Library().record(existing.id).version == 1, "nothing was saved to the other case"
    at.switch_page("app_pages/case.py").run()
    assert [plain(w.value) for w in at.warning] == [notice], "the notice stays until the user acts on it"
    at.button(key="case_missing_dismiss").click().run()
    assert not at.warning


def test_a_deleted_case_in_the_link_can_be_brought_back():
    library = Library()
    kept = library.create(load_preset("muddle-defensible"))
    deleted = library.create(load_preset("strong-claim-stop"))
    library.delete(deleted.id)
    at = session(deleted.id)
    [notice] = [plain(w.value) for w in at.warning]
    assert "was deleted from the case library" in notice
    assert load_preset("strong-claim-stop").title in notice
    assert at.session_state["case_id"] == kept.id
    at.button(key="case_missing_restore").click().run()
    assert not at.exception
    assert at.session_state["case_id"] == deleted.id
    assert library.record(deleted.id).deleted is None
    assert at.query_params["case"] == deleted.id
    assert not at.warning


def test_an_unknown_case_in_an_empty_library_opens_the_example():
    at = session("0123456789ab")
    assert not at.exception
    assert at.session_state["case"] == load_preset(EXAMPLE)
    assert "is not in this case library" in plain(at.warning[0].value)


# -- 7. every text of the case carries its limit -----------------------------------------------

LIMITS = {
    "app_pages/case.py": {
        "case_page.title": Case.model_fields["title"].metadata[0].max_length,
        **{
            f"case_page.profile.{f}": Profile.model_fields[f].metadata[0].max_length
            for f in ("organisation", "system", "supplier", "contract")
        },
    },
    "app_pages/diagnosis.py": {
        "diagnosis.functionality.evidence": AreaRating.model_fields["evidence"].metadata[0].max_length
    },
    "app_pages/negotiation.py": {
        f"negotiation_{f}": Negotiation.model_fields[f].metadata[0].max_length
        for f in ("people", "client_interests", "supplier_interests", "criteria")
    },
    "app_pages/assumptions.py": {
        "asm.current.running_cost_per_month.source": MAX_SOURCE,
        "asm.current.running_cost_per_month.note": MAX_NOTE,
    },
    "app_pages/variants.py": {"variants_name": Variant.model_fields["name"].metadata[-1].max_length},
}


@pytest.mark.parametrize("page", list(LIMITS))
def test_every_text_widget_of_the_case_shows_the_schemas_limit(app_at, page):
    at = app_at(page, "erp-manufacturer")
    widgets = {w.key: w for w in [*at.text_input, *at.text_area] if w.key}
    for key, limit in LIMITS[page].items():
        assert widgets[key].max_chars == limit, key
    for key, widget in widgets.items():
        assert widget.max_chars, f"{key} has no limit"
    assert LIMITS["app_pages/assumptions.py"]["asm.current.running_cost_per_month.source"] == 1000
    assert math.isclose(LIMITS["app_pages/diagnosis.py"]["diagnosis.functionality.evidence"], 5000)


def test_the_library_rename_field_has_the_titles_limit(app_at):
    at = app_at(LIBRARY_PAGE, EXAMPLE)
    rename = next(w for w in at.text_input if w.key and w.key.startswith("library_rename_"))
    assert rename.max_chars == Case.model_fields["title"].metadata[0].max_length == 200


# -- the repair of a refused stored case (ui/repair.py) -------------------------------------------


def example_data() -> dict:
    return json.loads(load_preset(EXAMPLE).model_dump_json())


def test_repair_sets_back_only_what_is_refused():
    data = example_data()
    data["current"]["running_cost_per_month"] = {"low": 1, "mode": 2, "high": 1e30}
    data["title"] = "t" * 500
    data["smart_goals"] = data["smart_goals"] * 10  # 40 criteria, 30 allowed
    data["smart_goals"][1] = {**data["smart_goals"][1], "deadline": "1900-01-01"}
    data["from_an_older_version"] = True
    del data["stop"]
    case, refused = repaired(data)
    example = load_preset(EXAMPLE)
    assert case.current.running_cost_per_month == blank_case().current.running_cost_per_month
    assert case.current.dysfunction_cost_per_month == example.current.dysfunction_cost_per_month, "the rest is kept"
    assert case.title == "t" * 200, "a text over its limit is cut to it"
    assert len(case.smart_goals) == 30 and case.smart_goals[1].deadline is None
    assert case.stop == blank_case().stop
    assert {p.path for p in refused.details} >= {"current.running_cost_per_month", "title", "stop"}


def test_repair_gives_up_on_what_is_no_case_of_this_version():
    assert repaired([1, 2]) is None
    assert repaired({**example_data(), "schema_version": 99}) is None
