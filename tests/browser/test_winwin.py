"""Browser walk over the win-win pages: negotiation and SMART agreement, with screenshots."""

from __future__ import annotations

from .conftest import shot, wait_for_app

TALL = {"width": 1400, "height": 4200}  # Streamlit scrolls inside the app, so a tall window shows the whole page


def _no_exceptions(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, "\n---\n".join(exceptions.all_inner_texts())


def test_negotiation_page_shows_zone_and_principles(app_server, page):
    page.set_viewport_size(TALL)
    page.goto(app_server.url + "negotiation?lang=en")
    wait_for_app(page)
    page.get_by_role("heading", name="The zone of possible agreement").wait_for()
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    assert page.get_by_text("Both parties are better off than with their alternative").count() == 1
    assert page.get_by_text("Focus on interests, not positions").count() == 1
    _no_exceptions(page)
    shot(page, "winwin-negotiation-en")


def test_negotiation_standard_options_are_evaluated(app_server, page):
    page.set_viewport_size(TALL)
    page.goto(app_server.url + "negotiation?lang=en")
    wait_for_app(page)
    page.get_by_role("button", name="Add four standard packages").click()
    wait_for_app(page)
    page.get_by_text("What each option does to solving").wait_for()
    _no_exceptions(page)
    shot(page, "winwin-negotiation-options-en")


def test_agreement_page_in_dutch(app_server, page):
    page.set_viewport_size(TALL)
    page.goto(app_server.url + "agreement")
    wait_for_app(page)
    page.get_by_role("heading", name="SMART-afspraak").first.wait_for()
    assert page.get_by_text("Perceptieverschil: de agenda voor de intake").count() == 1
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1
    assert page.get_by_role("button", name="Concept downloaden (Markdown)").count() == 1
    _no_exceptions(page)
    shot(page, "winwin-agreement-nl")
