"""Hostile and extreme input in a real browser (issue 15), in Dutch: 1e30 in euro fields is named next
to the field and every page still draws; a title that holds a link is shown as text, never as a link;
a link to a case that is not there says so; a stored case with 1e30 in it opens and says what is wrong.
"""

from __future__ import annotations

import json
import re
import sqlite3

from decision.model.presets import EXAMPLE, load_preset
from decision.store.library import FILE_NAME, Library
from decision.text.i18n import translate

from .conftest import assert_no_exception, commit, shot, wait_for_app

# Every page by its name in the Dutch navigation.
NAVIGATION = [
    "Start",
    "Dossier",
    "Diagnose",
    "Triage",
    "Aannames",
    "Vergelijking",
    "Waarom",
    "Onderhandeling",
    "SMART-afspraak",
    "Varianten",
    "Directierapport",
    "Dossierbibliotheek",
]
LIMIT = "€ 1.000.000.000.000"


def library(app_server) -> Library:
    return Library(app_server.data_dir / FILE_NAME)


def case_id_of(page) -> str:
    return re.search(r"case=([0-9a-f]{12})", page.url).group(1)


# The field's name as the Dutch catalogue has it (its wording may be mended; the test follows).
DYSFUNCTION = translate("inputs.current.dysfunction_cost_per_month.label", "nl")


def go_to(page, name: str) -> None:
    """Another page in the same session (a click in the sidebar, not a new page load)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name, exact=True).click()
    wait_for_app(page, timeout=60_000)


def errors(scope) -> str:
    return " | ".join(scope.locator('[data-testid="stAlertContentError"]').all_inner_texts()).replace("\xa0", " ")


def type_into(field, text: str, page) -> None:
    field.fill(text)
    commit(field, page)


def test_1e30_in_euro_fields_is_named_the_case_unchanged_and_every_page_draws(app_server, page):
    page.goto(app_server.url + "assumptions")
    wait_for_app(page)
    case_id = case_id_of(page)
    stored_before = library(app_server).get(case_id).case

    row = page.locator(".st-key-asm-row-current-dysfunction_cost_per_month")
    high = row.get_by_role("textbox", name=f"{DYSFUNCTION}, hoog", exact=True)
    type_into(high, "1e30", page)
    said = errors(row)
    assert f"{DYSFUNCTION}: de hoge waarde" in said, said
    assert f"ligt boven de hoogst mogelijke waarde, {LIMIT}" in said, said
    assert "Niet verwerkt" in row.inner_text()
    assert high.input_value() == "1e30", "what was typed stays in the field"
    assert_no_exception(page)
    shot(page, "hostile-assumptions-1e30")

    type_into(high, "-5", page)
    assert "ligt onder de laagst mogelijke waarde, € 0" in errors(row)

    for name in NAVIGATION:
        go_to(page, name)
        assert_no_exception(page)
        if name == "Dossier":
            value = page.get_by_role("textbox", name="Contractwaarde: prijs van de implementatie (€)")
            type_into(value, "1e30", page)
            assert f"De contractwaarde mag hoogstens {LIMIT} zijn" in errors(page), errors(page)
            assert value.input_value() == "1e30", "what was typed stays in the field"
            assert_no_exception(page)
            shot(page, "hostile-case-1e30")
        if name == "Vergelijking":
            whatif = page.get_by_role("textbox", name=f"{DYSFUNCTION} (€ per maand)")
            type_into(whatif, "1e300", page)
            assert f"ligt boven de hoogst mogelijke waarde, {LIMIT}" in errors(page), errors(page)
            assert_no_exception(page)
            shot(page, "hostile-comparison-1e300")
        else:
            shot(page, f"hostile-page-{name}")
    assert library(app_server).get(case_id).case == stored_before, "nothing of it reached the case"


HOSTILE = {
    "title": "https://evil.example/x",
    "organisation": '=HYPERLINK("http://evil.example/","c")',
    "metric": "[x](http://evil.example) mail@evil.example",
}


def test_a_title_holding_a_link_is_shown_as_text_never_as_a_link(app_server, page):
    data = load_preset(EXAMPLE).model_dump(mode="json")
    data["title"] = HOSTILE["title"]
    data["profile"]["organisation"] = HOSTILE["organisation"]
    data["smart_goals"][0]["metric"] = HOSTILE["metric"]
    data["smart_goals"][0]["unit"] = ""  # not SMART: its metric is named in the checks
    record = library(app_server).create(type(load_preset(EXAMPLE)).model_validate(data))
    for path, shown in (
        ("", (HOSTILE["title"], HOSTILE["organisation"])),
        ("agreement", (HOSTILE["metric"],)),
        ("library", (HOSTILE["title"],)),  # the organisation is in the table (a canvas)
        ("case", ()),
        ("variants", ()),
    ):
        page.goto(f"{app_server.url}{path}?case={record.id}")
        wait_for_app(page, timeout=60_000)
        assert_no_exception(page)
        links = page.locator("a")
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        assert not [h for h in hrefs if "evil" in h], hrefs
        assert page.locator("a", has_text="evil").count() == 0
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text(HOSTILE["title"], exact=True).wait_for()
        main = page.locator('[data-testid="stMain"]')
        text = main.inner_text()
        for expected in shown:
            assert expected in text, (path, expected)
        shot(page, f"hostile-link-title-{path or 'start'}")


def test_a_link_to_a_case_that_is_not_there_says_so_on_the_library(app_server, page):
    page.goto(app_server.url + "comparison?case=0123456789ab")
    wait_for_app(page, timeout=60_000)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "Dossierbibliotheek"
    notice = page.locator(".st-key-case_missing_notice")
    assert "Het dossier uit de link (0123456789ab) staat niet in deze dossierbibliotheek" in notice.inner_text()
    assert "case=0123456789ab" not in page.url
    shot(page, "hostile-unknown-case-link")


def test_a_stored_case_with_1e30_opens_and_says_what_is_wrong(app_server, page):
    record = library(app_server).create(load_preset(EXAMPLE))
    data = json.loads(load_preset(EXAMPLE).model_dump_json())
    data["current"]["running_cost_per_month"] = 1e30
    with sqlite3.connect(app_server.data_dir / FILE_NAME) as conn:
        conn.execute("UPDATE versions SET case_json = ? WHERE case_id = ?", (json.dumps(data), record.id))
    page.goto(f"{app_server.url}?case={record.id}")
    wait_for_app(page, timeout=60_000)
    warning = page.locator('[data-testid="stAlertContentWarning"]').first.inner_text().replace("\xa0", " ")
    assert "Versie 1 van dit dossier bevat" in warning
    assert "Lopende kosten huidig systeem (current.running_cost_per_month)" in warning
    shot(page, "hostile-stored-1e30")
    for name in NAVIGATION:
        go_to(page, name)
        assert_no_exception(page)
