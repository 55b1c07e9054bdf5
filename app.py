"""Kruispunt: the entry point. Sidebar (language, open case), navigation over app_pages/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import arrival, case_state, completeness, display, library_state, memory, settings, workshop

FAVICON = Path(__file__).parent / "assets" / "favicon.png"  # a local file: an icon name would be fetched from the web
st.set_page_config(page_title="Kruispunt", page_icon=str(FAVICON), layout="wide")


with st.sidebar:
    settings.language_selector()
    workshop.sidebar_controls(display.t())

t = display.t()
LIBRARY = st.Page("app_pages/library.py", title=t("nav.library"), icon=":material/library_books:", url_path="library")
START = st.Page("app_pages/start.py", title=t("nav.start"), icon=":material/explore:", url_path="start")


def home() -> None:
    """The root URL: on to the Start page at /start, with the settings and the case in the URL.

    Streamlit serves the default page at the root only (its url_path is then ""), so a
    Start page with default=True made /start, as a first request, a "Page not found".
    """
    st.switch_page(START, query_params=st.query_params.to_dict())


PAGES = {
    t("nav.section_walk"): [
        st.Page(home, title=t("nav.start"), icon=":material/explore:", default=True, visibility="hidden"),
        START,
        st.Page("app_pages/quick_start.py", title=t("nav.quick_start"), icon=":material/bolt:", url_path="quick-start"),
        st.Page("app_pages/case.py", title=t("nav.case"), icon=":material/folder_open:", url_path="case"),
        st.Page(
            "app_pages/diagnosis.py", title=t("nav.diagnosis"), icon=":material/stethoscope:", url_path="diagnosis"
        ),
        st.Page("app_pages/triage.py", title=t("nav.triage"), icon=":material/traffic:", url_path="triage"),
        st.Page("app_pages/assumptions.py", title=t("nav.assumptions"), icon=":material/tune:", url_path="assumptions"),
        st.Page("app_pages/comparison.py", title=t("nav.comparison"), icon=":material/balance:", url_path="comparison"),
        st.Page("app_pages/why.py", title=t("nav.why"), icon=":material/help:", url_path="why"),
    ],
    t("nav.section_agreement"): [
        st.Page(
            "app_pages/negotiation.py", title=t("nav.negotiation"), icon=":material/handshake:", url_path="negotiation"
        ),
        st.Page("app_pages/agreement.py", title=t("nav.agreement"), icon=":material/task_alt:", url_path="agreement"),
    ],
    t("nav.section_tools"): [
        st.Page("app_pages/variants.py", title=t("nav.variants"), icon=":material/science:", url_path="variants"),
        st.Page("app_pages/report.py", title=t("nav.report"), icon=":material/description:", url_path="report"),
        LIBRARY,
    ],
}
# The walk of the workshop's "previous / next step" buttons: every page but the library, the quick start and the
# hidden root.
WALK = [
    page
    for pages in PAGES.values()
    for page in pages
    if page.visibility == "visible" and page.url_path not in ("library", "quick-start")
]
# expanded: every page stays listed (with more than ten, Streamlit would fold the rest under "View more").
navigation = st.navigation(PAGES, position="top" if workshop.active() else "sidebar", expanded=True)
workshop.wrap_long_text()
if workshop.active():
    st.set_page_config(initial_sidebar_state="collapsed")
    workshop.style()
    workshop.show_key_message(navigation, t)

with st.sidebar:
    st.caption(t("nav.open_case"))
    st.markdown(f"**{display.literal(case_state.case().title) or t('nav.untitled')}**")
    completeness.sidebar_count(case_state.case())

# A link (?case=) to a case that cannot be opened: the session starts on the Case library, which says so.
if case_state.take_library_redirect() and navigation.url_path != LIBRARY.url_path:
    st.switch_page(LIBRARY)

library_state.library_notice()
case_state.missing_notice()
case_state.refused_notice()
case_state.conflict_notice()
navigation.run()
if workshop.active():
    workshop.step_buttons(navigation, WALK, t)
# After the page (an element at its end shifts nothing): a page opened from another starts at its top.
arrival.top_of_new_page(navigation.url_path)
# Last: a full garbage collection now, so that a what-if's collection is short (ui/memory.py).
memory.collect_and_freeze()
