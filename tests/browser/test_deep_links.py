"""Every page's URL as the first request of a browser (a bookmark, a link in an e-mail): the page itself,
in Dutch, without Streamlit's "Page not found" over it.

Streamlit serves its default page at the root only, so a Start page with ``default=True`` made
``/start`` unknown; the root now goes on to ``/start`` (app.py, ``home``). The browser's locale is
nl-NL (tests/browser/conftest.py), so the app speaks Dutch without ``?lang=``.
"""

from __future__ import annotations

import pytest

from decision.text.i18n import translate

from .conftest import assert_no_exception, wait_for_app

# URL path, the page's name in the navigation, the page's heading.
PAGES = [
    ("start", "nav.start", "start.title"),
    ("quick-start", "nav.quick_start", "quick_start.title"),
    ("case", "nav.case", "case_page.title"),
    ("diagnosis", "nav.diagnosis", "diagnosis.title"),
    ("triage", "nav.triage", "triage_page.title"),
    ("assumptions", "nav.assumptions", "nav.assumptions"),
    ("comparison", "nav.comparison", "nav.comparison"),
    ("why", "nav.why", "why.title"),
    ("negotiation", "nav.negotiation", "negotiation.title"),
    ("agreement", "nav.agreement", "agreement.title"),
    ("variants", "nav.variants", "variants.title"),
    ("report", "nav.report", "nav.report"),
    ("library", "nav.library", "library.title"),
]


def assert_found(page) -> None:
    """No "Page not found" dialog or toast: Streamlit's own English, shown over a page it did not find."""
    page.wait_for_timeout(300)  # the dialog comes with the navigation message, right after the run starts
    assert page.get_by_text("Page not found").count() == 0, page.locator("body").inner_text()[:500]
    assert page.locator('[role="dialog"]').count() == 0
    assert page.locator('[data-testid="stToast"]').count() == 0


def current_page(page) -> str:
    """The page the navigation marks as the one shown (its name, after its icon's name).

    The navigation shows ten pages; the tools are behind Streamlit's "View 3 more" until it is pressed.
    """
    link = page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if link.count() == 0 and more.count() and more.inner_text().strip().endswith("more"):
        more.click()
    return link.inner_text(timeout=5_000).strip().splitlines()[-1]


def heading(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text()


@pytest.mark.parametrize(("path", "nav_key", "title_key"), PAGES, ids=[p for p, _, _ in PAGES])
def test_a_page_url_as_the_first_request_opens_that_page_in_dutch(app_server, page, path, nav_key, title_key):
    page.goto(f"{app_server.url}{path}")
    wait_for_app(page)
    assert_found(page)
    assert_no_exception(page)
    assert page.url.split("?")[0].endswith(f"/{path}")
    assert heading(page).strip() == translate(title_key, "nl")
    assert current_page(page) == translate(nav_key, "nl")
    assert "lang=nl" in page.url


def test_the_root_goes_on_to_the_start_page_and_keeps_the_settings(app_server, page):
    page.goto(f"{app_server.url}?lang=nl&workshop=1")
    wait_for_app(page)
    assert_found(page)
    page.wait_for_url("**/start?**")
    assert "workshop=1" in page.url and "lang=nl" in page.url and "case=" in page.url
    assert heading(page).strip() == translate("start.title", "nl")
    # The Start page is the first step of the workshop's walk: a next step, no previous one.
    assert page.locator(".st-key-workshop_steps button").count() == 1


def test_the_start_page_in_the_navigation_is_at_start(app_server, app_page):
    link = app_page.locator('[data-testid="stSidebarNav"] a', has_text=translate("nav.start", "nl")).first
    assert link.get_attribute("href").split("?")[0].endswith("/start")
    assert_found(app_page)
