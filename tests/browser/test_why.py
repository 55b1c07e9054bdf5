"""The Why page in a real browser: the advice, the tornado, the tables and the S-curves render."""

from __future__ import annotations

import pytest

from .conftest import shot, wait_for_app


@pytest.mark.parametrize(("lang", "advice"), [("en", "Advice: Solve."), ("nl", "Advies: Oplossen.")])
def test_why_page_renders_the_explanation_and_charts(app_server, page, lang, advice):
    page.goto(f"{app_server.url}why")  # the browser's locale is Dutch
    wait_for_app(page, timeout=60_000)
    if lang == "en":
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="English").click()
        wait_for_app(page, timeout=60_000)

    assert page.get_by_text(advice, exact=True).is_visible()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    assert charts.count() == 3, "the tornado, the strategy map and the S-curves"
    for index in range(2):
        charts.nth(index).locator("canvas, svg").first.wait_for(state="visible")
    assert page.locator('[data-testid="stTable"]').count() == 3, "break-even, value of information, risk"

    # Streamlit scrolls inside its own container: a tall viewport shows the whole page in one shot.
    page.set_viewport_size({"width": 1400, "height": 4600})
    wait_for_app(page)
    shot(page, f"why-{lang}")
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, "\n---\n".join(exceptions.all_inner_texts())
