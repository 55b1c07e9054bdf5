"""The first four pages of the walk in a real browser: each renders without an exception box.

Start is the default page, served at the app root ("/"); Streamlit serves a
default page only there, so "/start" would show "Page not found".
"""

from __future__ import annotations

import pytest

from .conftest import VIEWPORT, assert_no_exception, commit, shot, wait_for_app

PATHS = {"start": "", "case": "case", "diagnosis": "diagnosis", "triage": "triage"}
HEADINGS = {
    "nl": {
        "start": "Kruispunt: uw bedrijfssoftware hapert, en nu?",
        "case": "Het dossier",
        "diagnosis": "Diagnose: waar wringt de schoen",
        "triage": "Triage",
    },
    "en": {
        "start": "Kruispunt: your failing business software, what now?",
        "case": "The case",
        "diagnosis": "Diagnosis: where it pinches",
        "triage": "Triage",
    },
}


def open_page(page, url: str, name: str, lang: str) -> None:
    page.goto(url + PATHS[name])
    wait_for_app(page)
    if name == "diagnosis":
        page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for()
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == HEADINGS[lang][name]


@pytest.mark.parametrize("name", list(PATHS))
def test_page_renders_in_dutch(app_server, page, name):
    # The browser's locale is nl-NL, so the app opens in Dutch.
    open_page(page, app_server.url, name, "nl")
    shot(page, f"walk-{name}")


@pytest.mark.parametrize("name", list(PATHS))
def test_page_renders_in_english(app_server, browser, name):
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        page = context.new_page()
        open_page(page, app_server.url, name, "en")
        shot(page, f"walk-{name}-en")
    finally:
        context.close()


def test_an_invalid_horizon_is_reported_next_to_the_field(app_server, page):
    open_page(page, app_server.url, "case", "nl")
    field = page.get_by_role("textbox", name="Horizon (maanden)")
    field.fill("200")
    commit(field, page)
    message = page.locator('[data-testid="stAlertContentError"]')
    assert "De horizon moet een geheel aantal maanden zijn, van 12 tot en met 120." in message.inner_text()
    assert field.input_value() == "200"
    shot(page, "walk-case-invalid")
