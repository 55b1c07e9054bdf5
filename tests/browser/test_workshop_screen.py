"""The workshop on a shared screen: the walk at 1280x720 and 1024x768, nothing cut off, and with
hidden amounts no figure in any money field.

Screenshots: tests/artifacts/workshop-<width>x<height>-<lang>-<page>.png (the whole page) and
workshop-hidden-inputs-<page>.png.
"""

from __future__ import annotations

import re

import pytest

from decision.text.i18n import catalogue, translate
from ui.typed import MASK

from .conftest import assert_no_exception, shot, wait_for_app

# The walk of the workshop's step buttons (app.py WALK), by URL path ("" is the start page).
WALK = ("", "case", "diagnosis", "triage", "assumptions", "comparison", "why", "negotiation", "agreement")
WALK += ("variants", "report")
SCREENS = [(1280, 720, "nl"), (1024, 768, "nl"), (1024, 768, "en")]

# Every button, page link, metric label and value of the main area, and their inner elements, whose text
# is wider than its box (Streamlit cuts such text with an ellipsis); and every text of a chart
# (axis titles and labels, legends, names at the end of lines) that Vega cut short with "…" or
# that runs out of the chart's box (and is cut off there). Charts are checked when they are the
# ones of ui/charts described in chart.toml (``chart.description.*``).
CLIPPED_JS = r"""(described) => {
  const SLACK = 4;  // px: a rotated title's box reaches a little past its glyphs
  const main = document.querySelector('[data-testid="stMain"]');
  const selector = 'button, button *, [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,'
    + ' [data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stPageLink"] a,'
    + ' [data-testid="stPageLink"] a *';
  const cut = [];
  for (const e of main.querySelectorAll(selector)) {
    if (e.closest('svg') || e.clientWidth === 0) continue;
    if (e.scrollWidth > e.clientWidth + 1) {
      cut.push(`${e.tagName} ${e.getAttribute('data-testid') || ''} "${e.innerText.slice(0, 60)}" `
        + `(${e.scrollWidth} px in ${e.clientWidth} px)`);
    }
  }
  for (const chart of main.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (!described.includes(chart.getAttribute('aria-label'))) continue;
    const box = chart.getBoundingClientRect();
    for (const text of chart.querySelectorAll('svg text')) {
      const drawn = text.getBoundingClientRect();
      if (text.textContent.includes('…')) cut.push(`chart text "${text.textContent}" cut short`);
      else if (drawn.width && (drawn.left < box.left - SLACK || drawn.right > box.right + SLACK
          || drawn.top < box.top - SLACK || drawn.bottom > box.bottom + SLACK)) {
        cut.push(`chart text "${text.textContent}" out of its chart`);
      }
    }
  }
  return cut;
}"""


def charts_drawn(page) -> None:
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for index in range(charts.count()):
        charts.nth(index).locator("svg").first.wait_for()


@pytest.mark.parametrize(("width", "height", "lang"), SCREENS, ids=[f"{w}x{h}-{lang}" for w, h, lang in SCREENS])
def test_the_workshop_walk_fits_the_screen(app_server, page, width: int, height: int, lang: str) -> None:
    page.set_viewport_size({"width": width, "height": height})
    clipped: dict[str, list[str]] = {}
    described = [value for key, value in catalogue(lang).items() if key.startswith("chart.description.")]
    for path in WALK:
        page.goto(f"{app_server.url}{path}?lang={lang}&workshop=1")
        wait_for_app(page)
        assert_no_exception(page)
        charts_drawn(page)
        page.locator(".st-key-workshop_steps").wait_for()  # the step buttons, at the bottom of every walk page
        cut = page.evaluate(CLIPPED_JS, described)
        if cut:
            clipped[path or "start"] = cut
        shot(page, f"workshop-{width}x{height}-{lang}-{path or 'start'}")
    assert not clipped, clipped


# Money fields by their label: the case page's amounts and the quick start's.
MONEY_LABELS = {
    "case": ("case_page.contract_value", "case_page.liability_cap", "case_page.invested", "case_page.book_value"),
    "quick-start": ("quick_start.rate_label", "quick_start.value_label", "quick_start.fee_label"),
    "assumptions": (),
    "comparison": (),  # the what-if amount (its label holds the unit)
    "why": ("why.threshold",),
}
# An amount as a field writes it: thousands grouped ("925.000", "925,000") or after a euro sign.
FIGURE = re.compile(r"\d{1,3}(?:[.,]\d{3})+|€\s?\d")
INPUTS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] input')]
  .map(e => ({label: e.getAttribute('aria-label') || '', value: e.value, disabled: e.disabled}))"""


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", list(MONEY_LABELS))
def test_hidden_amounts_leave_no_figure_in_an_input(app_server, page, path: str, lang: str) -> None:
    page.goto(f"{app_server.url}{path}?lang={lang}")
    wait_for_app(page)
    exact = {field["label"]: field["value"] for field in page.evaluate(INPUTS_JS)}
    labels = [translate(key, lang) for key in MONEY_LABELS[path]]
    for label in labels:  # the control: outside a workshop the field shows its amount
        assert label in exact and re.search(r"\d", exact[label]), (label, exact)
    page.goto(f"{app_server.url}{path}?lang={lang}&workshop=1&amounts=hidden")
    wait_for_app(page)
    assert_no_exception(page)
    fields = page.evaluate(INPUTS_JS)
    masked = [field for field in fields if field["value"] == MASK]
    assert masked and all(field["disabled"] for field in masked)
    shown = {field["label"]: field["value"] for field in fields}
    for label in labels:
        assert shown.get(label) == MASK, (label, shown.get(label))
    assert not [field for field in fields if FIGURE.search(field["value"])], fields
    shot(page, f"workshop-hidden-inputs-{lang}-{path}")


def test_fields_and_tables_are_larger_on_a_shared_screen(app_server, page) -> None:
    """Text fields and tables kept the desk's 14 px in a workshop while the body grew to 19 px: too small at
    projector distance (a workshop rehearsal)."""
    size = "sel => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)"
    sizes = {}
    for mode, query in (("desk", "lang=nl"), ("workshop", "lang=nl&workshop=1")):
        page.goto(f"{app_server.url}case?{query}")
        wait_for_app(page, timeout=60_000)
        sizes[mode] = page.evaluate(size, '[data-testid="stMain"] input')
        page.goto(f"{app_server.url}comparison?{query}")
        wait_for_app(page, timeout=60_000)
        page.locator('[data-testid="stTable"] td').first.wait_for()
        sizes[f"{mode} table"] = page.evaluate(size, '[data-testid="stMain"] [data-testid="stTable"] td')
    assert sizes["workshop"] >= 18 > sizes["desk"], sizes
    assert sizes["workshop table"] >= 17 > sizes["desk table"], sizes
