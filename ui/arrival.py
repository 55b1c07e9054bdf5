"""A page opened from another starts at its top.

Streamlit keeps the main container's scroll position when the page changes (a "next step" button at
the bottom of Assumptions opened Comparison 1,500 px down, its advice and title out of sight; seen in
a workshop rehearsal). On the first run of a page after another one, ``top_of_new_page`` adds a
one-line script that scrolls the container to the top; on the page's later runs (a widget's change)
it adds nothing, so the page stays where the user is. The script is a constant of this module: no
user text goes into it.
"""

from __future__ import annotations

import streamlit as st

LAST_PAGE = "_arrival_last_page"
SCROLL_TO_TOP = (
    "<script>document.querySelector('[data-testid=\"stMain\"]')?.scrollTo({top: 0, behavior: 'instant'});</script>"
)


def top_of_new_page(page: str) -> bool:
    """Scroll to the top when ``page`` (its url path) is not the page of the session's last run; whether it did."""
    arrived = st.session_state.get(LAST_PAGE) not in (None, page)
    st.session_state[LAST_PAGE] = page
    if arrived:
        st.html(SCROLL_TO_TOP, unsafe_allow_javascript=True, width="content")
    return arrived
