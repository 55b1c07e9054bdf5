"""Numbers typed the Dutch way into the app's tables, in Chromium with a Dutch locale.

A number column of st.data_editor read "25.000" as 25 and "1.200" as 1,2, without a word: a consultant typing
the supplier's figures on Variants in front of both parties saw "€ 25" stored. The tables' number columns are
text now, read by the app's one number reader (``typed.NumberCells`` and Variants' own editor); what cannot
be read is refused with a sentence naming the field, and the case keeps its value.

Screenshots: tests/artifacts/table-typing-<step>.png, looked at.
"""

from __future__ import annotations

import re

from decision.store.library import FILE_NAME, Library
from decision.text.i18n import translate

from .conftest import assert_no_exception, shot, wait_for_app


def case_of(app_server, page):
    case_id = re.search(r"case=([0-9a-f]{12})", page.url).group(1)
    return Library(app_server.data_dir / FILE_NAME).get(case_id).case


def edit_cell(page, grid, row: int, column: int, text: str) -> None:
    """Type ``text`` into the cell ``column`` (counted from the first, 0) of data row ``row`` (0)."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 100, box["y"] + 35 * (row + 1) + 17)  # the first column of the row
    page.wait_for_timeout(200)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")  # opens the cell's editor (the grid takes keys only once it has settled)
    page.wait_for_timeout(300)
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)


def open_both_views(app_server, page) -> None:
    page.goto(f"{app_server.url}variants?lang=nl")
    wait_for_app(page, timeout=60_000)
    for button in ("variants.start_client", "variants.start_supplier"):
        page.get_by_role("button", name=translate(button, "nl")).click()
        wait_for_app(page)


def test_a_supplier_estimate_is_read_as_typed_the_dutch_way_or_refused_with_its_field(app_server, page) -> None:
    open_both_views(app_server, page)
    supplier = next(v for v in case_of(app_server, page).variants if v.party == "supplier")
    grid = page.locator('[data-testid="stForm"] [data-testid="stDataFrame"]').first
    # Row 0 is the dysfunction (€ per month); column 4 the supplier's low (input, client low/likely/high).
    edit_cell(page, grid, 0, 4, "veertig")
    page.get_by_role("button", name=translate("variants.save_estimates", "nl")).click()
    wait_for_app(page)
    assert_no_exception(page)
    error = page.locator('[data-testid="stAlert"]').filter(has_text="veertig").first
    error.wait_for()
    text = error.inner_text()
    said = translate("typed.not_a_number", "nl", text="veertig").split("”", 1)[1].strip()  # "is geen getal. ..."
    assert "Leverancier" in text and translate("inputs.current.dysfunction_cost_per_month.label", "nl") in text
    assert said in text
    shot(page, "table-typing-variants-refused")
    assert next(v for v in case_of(app_server, page).variants if v.party == "supplier") == supplier

    grid = page.locator('[data-testid="stForm"] [data-testid="stDataFrame"]').first
    edit_cell(page, grid, 0, 4, "25.000")
    page.get_by_role("button", name=translate("variants.save_estimates", "nl")).click()
    wait_for_app(page)
    assert_no_exception(page)
    shot(page, "table-typing-variants")
    supplier = next(v for v in case_of(app_server, page).variants if v.party == "supplier")
    assert supplier.current.dysfunction_cost_per_month.low == 25_000  # a number column stored 25


def test_a_criterion_measure_typed_the_dutch_way_is_stored_as_typed(app_server, page) -> None:
    page.goto(f"{app_server.url}agreement?lang=nl")
    wait_for_app(page, timeout=60_000)
    grid = page.locator('[class*="st-key-agreement_goals"] [data-testid="stDataFrame"]').first
    # Column 3 is the baseline (area, metric, unit, baseline).
    edit_cell(page, grid, 0, 3, "1.200")
    wait_for_app(page)
    assert_no_exception(page)
    shot(page, "table-typing-agreement")
    assert case_of(app_server, page).smart_goals[0].baseline == 1_200  # a number column stored 1,2
