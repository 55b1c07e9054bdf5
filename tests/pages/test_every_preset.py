"""Every page with every preset, in both languages, at the desk and in a workshop with hidden
amounts: one AppTest session per preset and setting walks all registered pages (the simulation
is cached across the pages of a session, so the walk costs little more than its first page).
Besides the six presets, a case with both optional ways out switched on (orderly-exit with
another implementation partner added, as the Case page's switch adds it).

The per-page tests check each page's content (most with every preset, in English); this one
checks that no page raises with any preset in either language or mode, that the language stays
in the URL, that a workshop's step buttons lead through the walk, and that with both optional
ways out on, Comparison lists them.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from decision.model import options
from decision.model.case import Case
from decision.model.presets import load_preset, preset_ids
from decision.text.i18n import LANGUAGES, translate
from tests.conftest import REPO_ROOT

from .test_languages import PAGES

MODES = ("desk", "workshop")
BOTH_WAYS_OUT = "both-optional-ways-out"
# The walk of the workshop's step buttons: every page but the library and the quick start.
WALK = [p for p in PAGES if p not in ("app_pages/library.py", "app_pages/quick_start.py")]


def case_of(preset: str, lang: str) -> Case:
    if preset != BOTH_WAYS_OUT:
        return load_preset(preset, lang)
    case = load_preset("orderly-exit", lang)
    return options.with_option(case, "partner", options.switched_on(case, "partner", lang))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("preset", [*preset_ids(), BOTH_WAYS_OUT])
def test_every_page_draws_the_preset(preset: str, lang: str, mode: str) -> None:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = lang
    at.session_state["case"] = case_of(preset, lang)
    if mode == "workshop":
        at.query_params["workshop"] = "1"
        at.query_params["amounts"] = "hidden"
    at.run()
    failed = {}
    for page in PAGES:
        at.switch_page(page).run()
        if at.exception:
            failed[page] = [e.value for e in at.exception]
        elif not at.title:  # every page opens with its title: the page ran to the end of its first lines
            failed[page] = ["no title"]
        assert at.session_state["lang"] == lang and at.query_params["lang"] == lang
        if mode == "workshop" and page in WALK:  # the step buttons: back (but on the first), on (but on the last)
            expected = (["workshop_previous"] if page != WALK[0] else []) + (
                ["workshop_next"] if page != WALK[-1] else []
            )
            assert [b.key for b in at.button if b.key in ("workshop_previous", "workshop_next")] == expected
        if page == "app_pages/comparison.py":
            if mode == "workshop":  # the key message with its amounts hidden
                assert "•••" in at.markdown[0].value and "€" not in at.markdown[0].value
            if preset == BOTH_WAYS_OUT:
                rows = set(at.table[0].value.index)
                assert {translate(f"strategy.{key}.name", lang) for key in ("partner", "exit_deal")} <= rows
    assert not failed, failed
