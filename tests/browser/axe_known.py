"""Accessibility violations that come from Streamlit's own components, not from Kruispunt's markup.

``tests/browser/test_accessibility.py`` fails on every serious or critical axe violation
except these; it prints each one it meets (rule, page, element), so they stay in sight.
A rule is listed with the ``data-testid`` of the Streamlit component whose markup causes it
(the element itself or an ancestor carries it) and the reason it is not ours to fix.
"""

from __future__ import annotations

# rule id -> {data-testid of the Streamlit component: why it is Streamlit's}
KNOWN: dict[str, dict[str, str]] = {
    "list": {
        "stSidebarNavItems": (
            "Streamlit 1.67's sidebar navigation with sections (st.navigation with a dict): its <ul> holds "
            "one <div> per section around the <li> items, which a list may not hold directly. Not in "
            "workshop mode, where the navigation is in the top bar."
        ),
    },
    "listitem": {
        "stSidebarNavItems": (
            "The same navigation: its <li> items sit in a section's <div>, not directly in the <ul>."
        ),
    },
    "presentation-role-conflict": {
        "stFileUploaderDropzone": (
            "Streamlit's file uploader: its drop zone is a <section role=presentation> with an aria-label "
            "(minor; the uploader's button is labelled and reachable by keyboard)."
        ),
    },
}

# What an ancestor chain is tested against: a node is Streamlit's when it or one of its ancestors
# has one of the rule's data-testids.
ANCESTOR_TESTIDS_JS = """(selector) => {
  const found = document.querySelector(selector);
  const ids = [];
  for (let e = found; e; e = e.parentElement) {
    const id = e.getAttribute && e.getAttribute('data-testid');
    if (id) ids.push(id);
  }
  return ids;
}"""


def known_reason(rule: str, testids: list[str]) -> str | None:
    """Why a violation of ``rule`` on an element with these (own and ancestor) testids is Streamlit's; None if ours."""
    for testid, reason in KNOWN.get(rule, {}).items():
        if testid in testids:
            return reason
    return None
