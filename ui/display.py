"""How this session shows things: its language, the workshop's way of showing amounts, the translator.

The settings themselves are chosen in the sidebar and kept in the URL (ui/settings.py,
ui/workshop.py); this module only reads them.
"""

from __future__ import annotations

import re
import string

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


def amounts_hidden() -> bool:
    """A workshop hides the amounts: what cannot write them as dots (a table of typed numbers, the
    memo's preview, a masked field) is not shown."""
    return amounts() == "hidden"


def t() -> Translator:
    """The translator in the session's language, writing amounts (and charts) as the workshop wants."""
    return Translator(lang(), amounts=amounts())


def money(amount: float | None) -> str:
    """An amount in the session's language, as the workshop setting wants it shown."""
    return fmt.money_as(amount, lang(), amounts())


def percent(share: float | None, digits: int = 0) -> str:
    return fmt.percent(share, lang(), digits)


# -- user text in Markdown ------------------------------------------------------------------------

# Streamlit's Markdown makes more of plain text than Markdown does: a link of ``https://...``,
# ``www.x.y`` and ``name@host`` even when every special character is escaped (GFM's literal
# autolinks work on the text after escapes are read), an icon of ``:material/home:``, an emoji of
# ``:smile:``, an arrow of ``->`` and a dash of ``--``. Each of those needs one text to hold the
# whole pattern; a character put in a span of its own (``:color[...]`` without a colour: a
# ``<span>`` without style) splits the text, so nothing of it is read, and the text reads and
# copies exactly as typed.
_OWN_SPAN = ":color[\\{}]"
_WWW_DOT = re.compile(r"(?<=www)\.", re.IGNORECASE)
_SYMBOL_RUN = re.compile(r"[-<>=~]{2,}")


def literal(text: str) -> str:
    """User text (a title, a name, a source) for anything Streamlit renders as Markdown: shown as
    typed, never as markup, a link, an icon or a symbol. "" stays "" (so ``literal(x) or fallback``)."""
    split = {match.start() for match in _WWW_DOT.finditer(text)}
    for run in _SYMBOL_RUN.finditer(text):
        split.update(range(run.start(), run.end()))
    shown: list[str] = []
    for line_start, line in _lines(text):
        for offset, character in enumerate(line):
            if character in ":@" or line_start + offset in split:
                shown.append(_OWN_SPAN.format(character))
            elif character in string.punctuation:
                shown.append("\\" + character)
            else:
                shown.append(character)
    return "".join(shown)


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line of ``text`` with where it starts; indentation dropped (Markdown would make a code block of it)."""
    found: list[tuple[int, str]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" \t")
        found.append((start + len(line) - len(stripped), stripped))
        start += len(line)
    return found
