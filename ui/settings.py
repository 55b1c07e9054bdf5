"""Settings kept in the URL, so a link opens the app the same way: ``?lang=nl|en``,
``?workshop=1`` and ``?amounts=rounded|hidden``.

They are synchronised by hand rather than with ``bind="query-params"``, for two
reasons found in Streamlit 1.67: a bound selectbox writes its *formatted*
label into the URL ("?lang=Nederlands"), so ``?lang=nl`` would be ignored; and
``st.switch_page`` raises while any bound parameter is in the URL, which would
break every "next" button of the walk.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from decision.text.i18n import LANGUAGES
from ui.display import LANG_KEY

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
TRUE_WORDS = ("1", "true", "yes", "ja")


def browser_language() -> str:
    locale = (st.context.locale or "").lower()
    return "nl" if locale.startswith("nl") else "en"


def seed(key: str, allowed: Sequence[str], fallback: str) -> None:
    """On a session's first run, start the setting ``key`` from the URL (or ``fallback``)."""
    if key not in st.session_state:
        value = (st.query_params.get(key) or "").lower()
        st.session_state[key] = value if value in allowed else fallback


def seed_flag(key: str) -> None:
    """On a session's first run, switch the setting ``key`` on when the URL says ``?key=1``."""
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(key) or "").lower() in TRUE_WORDS


def publish(key: str, value: str | None) -> None:
    """Show a setting in the URL; None leaves it out."""
    if value is None:
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def language_selector() -> None:
    """The language switch: from ``?lang=``, else the browser's language; always shown in the URL."""
    seed(LANG_KEY, LANGUAGES, browser_language())
    st.selectbox(
        "Taal / Language", LANGUAGES, format_func=LANGUAGE_NAMES.__getitem__, key=LANG_KEY, persist_state="session"
    )
    publish(LANG_KEY, st.session_state[LANG_KEY])


TAB_PARAM = "tab"  # a link to one of a page's tabs: ?tab=<name> (Case's link to an option's estimates)


def tab_from_url(allowed: Sequence[str]) -> str | None:
    """The tab a link asks for (``?tab=``), if the page has it; the parameter is dropped once read, so
    that the tab the user opens next is not overruled on the next run."""
    wanted = st.query_params.get(TAB_PARAM)
    if wanted is None:
        return None
    st.query_params.pop(TAB_PARAM, None)
    return wanted if wanted in allowed else None
