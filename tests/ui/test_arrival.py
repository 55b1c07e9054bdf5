"""A page opened from another starts at its top (ui/arrival.py); a rerun of the same page stays put."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from ui.arrival import SCROLL_TO_TOP


def scripts(at: AppTest) -> int:
    return sum(1 for element in at.get("html") if "scrollTo" in element.proto.body)


def test_the_first_run_of_another_page_scrolls_to_the_top_and_its_reruns_do_not():
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "nl"
    at.run()
    assert scripts(at) == 0  # the session's first page: the browser opened it at its top
    at.switch_page("app_pages/assumptions.py").run()
    assert scripts(at) == 1  # arrived from Start: Streamlit would keep Start's scroll position
    at.run()
    assert scripts(at) == 0  # a rerun of the same page (a widget's change) stays where the user is
    at.switch_page("app_pages/comparison.py").run()
    assert scripts(at) == 1


def test_the_script_is_a_constant_that_only_scrolls():
    assert SCROLL_TO_TOP.startswith("<script>") and SCROLL_TO_TOP.count("<script>") == 1
    assert "scrollTo({top: 0" in SCROLL_TO_TOP and "stMain" in SCROLL_TO_TOP
