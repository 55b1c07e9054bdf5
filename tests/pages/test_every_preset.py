"""Every page with every preset, in both languages, at the desk and in a workshop with hidden
amounts: one AppTest session per preset and setting walks all registered pages (the simulation
is cached across the pages of a session, so the walk costs little more than its first page).

The per-page tests check each page's content (most with every preset, in English); this one
checks that no page raises with any preset in either language or mode, the two presets with an
optional way out (orderly-exit, partner-takeover) included.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from decision.model.presets import load_preset, preset_ids
from decision.text.i18n import LANGUAGES
from tests.conftest import REPO_ROOT

from .test_languages import PAGES

MODES = ("desk", "workshop")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("preset", preset_ids())
def test_every_page_draws_the_preset(preset: str, lang: str, mode: str) -> None:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = lang
    at.session_state["case"] = load_preset(preset, lang)
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
        assert at.session_state["lang"] == lang
    assert not failed, failed
