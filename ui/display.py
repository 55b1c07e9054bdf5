"""How this session shows things: its language, the workshop's way of showing amounts, the translator.

The settings themselves are chosen in the sidebar and kept in the URL (ui/settings.py,
ui/workshop.py); this module only reads them.
"""

from __future__ import annotations

import streamlit as st

from decision.text import fmt
from decision.text.i18n import LANGUAGES, Translator

LANG_KEY = "lang"
WORKSHOP_KEY = "workshop"
AMOUNTS_KEY = "amounts"
AMOUNTS = fmt.AMOUNTS


def lang() -> str:
    value = st.session_state.get(LANG_KEY)
    return value if value in LANGUAGES else "en"


def amounts() -> str:
    """How amounts are shown: "exact", or in workshop mode "rounded" (k€ / M€) or "hidden"."""
    chosen = st.session_state.get(AMOUNTS_KEY) if st.session_state.get(WORKSHOP_KEY) else None
    return chosen if chosen in AMOUNTS else "exact"


def t() -> Translator:
    """The translator in the session's language, writing amounts (and charts) as the workshop wants."""
    return Translator(lang(), amounts=amounts())


def money(amount: float | None) -> str:
    """An amount in the session's language, as the workshop setting wants it shown."""
    return fmt.money_as(amount, lang(), amounts())


def percent(share: float | None, digits: int = 0) -> str:
    return fmt.percent(share, lang(), digits)
