"""The Comparison page on a shared screen with hidden amounts: no figure in euros in text, tables, tooltips
or behind the charts' toolbar.

Screenshot: tests/artifacts/workshop-hidden-comparison.png (the charts are drawn on a
canvas, so their axes are checked by looking at it and in tests/ui/test_chart_amounts.py).
"""

from __future__ import annotations

import re

from decision.text.i18n import translate

from .conftest import ARTIFACTS_DIR, assert_no_exception, shot, wait_for_app

EURO_FIGURE = re.compile(r"[kM]?€\s?[-−]?\d")


def test_the_comparison_with_hidden_amounts(app_server, page):
    page.goto(f"{app_server.url}comparison?lang=en&workshop=1&amounts=hidden")
    wait_for_app(page)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(3).wait_for()
    assert_no_exception(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert translate("comparison.metric_mean", "en") in text
    assert "•••" in text
    assert not EURO_FIGURE.findall(text)
    shot(page, "workshop-hidden-comparison")
    # The tooltip of a dot of the cost distribution (the first chart): sweep the mouse along its rows.
    marks = charts.first.locator(".marks").first
    marks.scroll_into_view_if_needed()
    box = marks.bounding_box()
    tooltip = page.locator("#vg-tooltip-element.visible")
    for row in (0.125, 0.375, 0.625, 0.875, 0.3, 0.45, 0.6):  # four rows' centres first
        for step in range(1, 60):
            page.mouse.move(box["x"] + box["width"] * step / 60, box["y"] + box["height"] * row)
            page.wait_for_timeout(20)
            if tooltip.count():
                break
        if tooltip.count():
            break
    assert tooltip.count(), "no tooltip found over the distribution"
    shown = tooltip.inner_text()
    assert translate("comparison.tooltip_value", "en") in shown
    assert "•••" in shown and not EURO_FIGURE.findall(shown)
    # The chart's toolbar offers no way to the exact amounts (its data, its spec).
    toolbar = charts.first.locator("xpath=ancestor::*[@data-testid='stFullScreenFrame']").first
    assert toolbar.get_by_role("button", name="Fullscreen").is_visible()
    assert not toolbar.get_by_role("button", name="Show data").is_visible()
    assert not toolbar.get_by_role("button", name="Copy Vega-Lite spec").is_visible()
    page.screenshot(path=str(ARTIFACTS_DIR / "workshop-hidden-comparison-tooltip.png"))
