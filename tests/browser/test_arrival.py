"""A "next step" button at the bottom of a page opens the next page at its top, in Chromium.

Streamlit kept the scroll position: Assumptions' button opened Comparison about 1,500 px down, with the
advice and the title out of sight (a workshop rehearsal saw it on five pages). ui/arrival.py scrolls to the
top on a page's first run after another page.
"""

from __future__ import annotations

from decision.text.i18n import translate

from .conftest import assert_no_exception, wait_for_app

MAIN = "document.querySelector('[data-testid=\"stMain\"]').scrollTop"


def test_the_next_step_from_the_bottom_of_assumptions_opens_comparison_at_its_top(app_server, page) -> None:
    page.goto(f"{app_server.url}assumptions?lang=nl")
    wait_for_app(page, timeout=60_000)
    page.mouse.move(700, 500)
    for _ in range(60):
        page.mouse.wheel(0, 800)
    page.wait_for_timeout(500)
    assert page.evaluate(MAIN) > 1_000  # at the bottom of a long page
    page.get_by_role("button", name=translate("assumptions.next", "nl")).click()
    page.wait_for_url("**/comparison?**")
    wait_for_app(page, timeout=60_000)
    assert_no_exception(page)
    page.wait_for_timeout(300)
    assert page.evaluate(MAIN) == 0
