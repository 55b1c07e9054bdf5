"""What the open case still needs, said where advice is given (decision.analysis.completeness).

``no_advice_yet`` stands in for a recommendation the case cannot carry yet: a sentence, what to
fill in first, and the buttons that lead there. ``defaults_notice`` says when a recommendation
rests on defaults and which of them matter, and which risks it has not weighed yet.
``sidebar_count`` keeps the count of own numbers and defaults in view on every page.
"""

from __future__ import annotations

import streamlit as st

from decision.analysis.completeness import (  # noqa: F401 (defaults_of: for the pages)
    count,
    defaults_of,
    readiness,
    say_count,
    say_rests_on_defaults,
    say_risks_left_out,
    what_to_fill_in,
)
from decision.analysis.sensitivity import Sensitivity
from decision.model.case import Case
from ui import display

QUICK_START = "app_pages/quick_start.py"


def no_advice_yet(case: Case, key: str) -> bool:
    """When ``case`` is not ready for a recommendation: say so, list what to fill in first and offer
    the way there (``key`` tells the buttons of each page apart); True when it said so."""
    state = readiness(case)
    if state.ready:
        return False
    t = display.t()
    opening = "completeness.no_advice_untouched" if state.untouched else "completeness.no_advice"
    with st.container(border=True, key=f"{key}.no_advice"):
        st.warning(t(opening), icon=":material/pending_actions:")
        st.markdown("\n".join(f"- {line}" for line in what_to_fill_in(case, display.lang())))
        st.caption(say_count(case, display.lang()))
        columns = st.columns(3)
        if state.untouched:
            if columns[0].button(t("completeness.to_quick_start"), type="primary", key=f"{key}.to_quick_start"):
                st.switch_page(QUICK_START)
        if state.empty and columns[1].button(t("completeness.to_assumptions"), key=f"{key}.to_assumptions"):
            st.switch_page("app_pages/assumptions.py")
        if state.unanswered and columns[2].button(t("completeness.to_triage"), key=f"{key}.to_triage"):
            st.switch_page("app_pages/triage.py")
    return True


def defaults_notice(case: Case, analysis: Sensitivity) -> None:
    """When the recommendation rests on defaults: which of them move it most (by the tornado's swing)."""
    defaults = defaults_of(case)
    if not defaults:
        return
    t = display.t()
    rests = say_rests_on_defaults(case, ((bar.input, bar.swing) for bar in analysis.tornado), display.lang())
    if rests:
        st.warning(rests, icon=":material/rule:")
    else:
        st.caption(t("completeness.defaults_no_effect", defaults=len(defaults)))
    # A risk at the value that rules it out has no swing, so the ranking above cannot name it.
    left_out = say_risks_left_out(case, display.lang(), t.money)
    if left_out:
        st.warning(left_out, icon=":material/rule:")


def sidebar_count(case: Case) -> None:
    """The count of own numbers, defaults and empty estimates, under the open case's title."""
    numbers = count(case)
    if numbers.total:
        st.caption(say_count(case, display.lang()))
