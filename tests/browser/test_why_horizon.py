"""A change of horizon on Why moves the strategy map (Chromium, nl): the map is re-simulated for
the new horizon and its regions, described in words under the chart, change with it.

Screenshots: tests/artifacts/why-horizon-<months>.png, looked at.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from decision.store.library import FILE_NAME, Library
from decision.text.i18n import translate

from .conftest import assert_no_exception, commit, shot, wait_for_app
from .test_workshop_screen import charts_drawn


def map_section(page) -> str:
    """The page's text from the map's heading to the next heading: its choices and its sentences."""
    text = page.locator('[data-testid="stMain"]').inner_text()
    start = text.index(translate("why.map_title", "nl"))
    return text[start : text.index(translate("why.information_title", "nl"), start)]


def test_a_change_of_horizon_on_why_moves_the_strategy_map(app_server, page) -> None:
    page.goto(f"{app_server.url}why?lang=nl")
    wait_for_app(page, timeout=90_000)
    assert_no_exception(page)
    case_id = re.search(r"case=([0-9a-f]{12})", page.url).group(1)
    library = Library(app_server.data_dir / FILE_NAME)
    assert library.get(case_id).case.horizon_months == 60
    charts_drawn(page)
    before = map_section(page)
    shot(page, "why-horizon-60")

    field = page.locator(".st-key-why-horizon_months input")
    field.fill("120")
    commit(field, page, app_timeout=90_000)
    assert_no_exception(page)
    assert library.get(case_id).case.horizon_months == 120  # stored in the case like any edit
    expect(field).to_have_value("120")
    charts_drawn(page)
    after = map_section(page)
    assert after != before, after  # the regions of the map moved with the horizon
    shot(page, "why-horizon-120")
