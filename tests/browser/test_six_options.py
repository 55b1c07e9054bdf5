"""Six ways out on a shared screen: a case that considers another implementation partner and an
orderly exit besides the four of the source text, at 1280x720 in Dutch, at the desk and in a
workshop. Every option is named on Comparison, Why and Negotiation, its colour is one of the six
fixed Okabe-Ito colours, and no legend, label or button is cut short.

Screenshots: tests/artifacts/six-options-<mode>-<page>.png, looked at.
"""

from __future__ import annotations

import pytest

from decision.model.presets import EXAMPLE, load_preset
from decision.model.registry import STRATEGY_SPECS
from decision.store.library import FILE_NAME, Library
from decision.text.i18n import catalogue, translate

from .conftest import assert_no_exception, shot, wait_for_app
from .test_workshop_screen import CLIPPED_JS, charts_drawn

PAGES = ("comparison", "why", "negotiation")
MODES = {"desk": "", "workshop": "&workshop=1"}
# The fill and stroke colours drawn in the page's charts.
COLOURS_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg *')]
  .flatMap(e => [e.getAttribute('fill'), e.getAttribute('stroke')]).filter(Boolean).map(c => c.toUpperCase())"""


def six_options():
    """partner-takeover (five ways out) with the orderly exit of the orderly-exit preset added."""
    case = load_preset("partner-takeover", "nl")
    return case.model_copy(update={"exit_deal": load_preset("orderly-exit").exit_deal})


@pytest.fixture(scope="module")
def case_id(app_server) -> str:
    return Library(app_server.data_dir / FILE_NAME).create(six_options()).id


def assert_fits(page, url: str, name: str) -> None:
    """``url`` at 1280x720 in Dutch, drawn whole: no exception, its screenshot ``name``, nothing cut short."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url)
    wait_for_app(page, timeout=60_000)
    assert_no_exception(page)
    charts_drawn(page)
    described = [value for key, value in catalogue("nl").items() if key.startswith("chart.description.")]
    shot(page, name)
    cut = page.evaluate(CLIPPED_JS, described)
    assert not cut, cut


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES)
def test_six_options_fit_a_shared_screen(app_server, page, case_id: str, path: str, mode: str) -> None:
    assert_fits(page, f"{app_server.url}{path}?case={case_id}&lang=nl{MODES[mode]}", f"six-options-{mode}-{path}")
    text = page.locator('[data-testid="stMain"]').inner_text()
    names = [translate(spec.label_key, "nl") for spec in STRATEGY_SPECS]
    if path != "negotiation":  # Negotiation weighs the agreement against the alternative, not every option
        assert not [name for name in names if name not in text], names
        drawn = set(page.evaluate(COLOURS_JS))
        assert {spec.colour.upper() for spec in STRATEGY_SPECS} <= drawn


@pytest.mark.parametrize("path", ("comparison", "why"))
def test_the_four_options_of_the_example_fit_the_desk(app_server, page, path: str) -> None:
    """At the desk the legend has the room of half a page: four Dutch names in two columns ran out of it
    ("Stoppen en verli…")."""
    example = Library(app_server.data_dir / FILE_NAME).create(load_preset(EXAMPLE, "nl")).id
    assert_fits(page, f"{app_server.url}{path}?case={example}&lang=nl", f"example-desk-{path}")
