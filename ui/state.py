"""The one case in ``st.session_state`` and everything derived from it.

Pages read the case with ``case()`` and replace it with ``set_case()``; they
never keep a copy. Results are cached on the case's JSON, so a rerun with an
unchanged case does no simulation work.
"""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from decision import fmt
from decision.case import Case, CaseError, parse_case
from decision.i18n import LANGUAGES, Translator
from decision.negotiation import NegotiationAnalysis, analyse
from decision.presets import EXAMPLE, load_preset
from decision.results import Evaluation, Timeline, evaluate, timeline

CASE_KEY = "case"
ITERATIONS = 10_000
SEED = 1


def case() -> Case:
    """The open case; the example preset on first start."""
    if CASE_KEY not in st.session_state:
        st.session_state[CASE_KEY] = load_preset(EXAMPLE)
    return st.session_state[CASE_KEY]


def set_case(new_case: Case) -> None:
    st.session_state[CASE_KEY] = new_case


def update_case(changes: dict[str, Any]) -> Case:
    """Apply changes given as dotted paths (``{"solve.p_success": {...}}``) and validate.

    Raises CaseError (and leaves the case as it was) when the result is not valid.
    """
    data = case().model_dump(mode="json")
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    new_case = parse_case(data)
    set_case(new_case)
    return new_case


def try_update(changes: dict[str, Any]) -> list[str]:
    """Like ``update_case`` but returns the problems (empty when applied)."""
    try:
        update_case(changes)
    except CaseError as error:
        return error.problems
    return []


SHOWN_KEY = "_case_values_shown"


def open_case(new_case: Case) -> None:
    """Replace the case (new, preset, file): every bound widget shows the new case."""
    set_case(new_case)
    st.session_state[SHOWN_KEY] = {}


def _apply_widget(key: str, path: str, to_case: Callable[[Any], Any] | None) -> None:
    value = st.session_state[key]
    try_update({path: to_case(value) if to_case and value is not None else value})


def bound(key: str, path: str, value: Any, to_case: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Widget keyword arguments that bind a keyed widget to the case field ``path``.

    ``value`` is the case's value in the widget's units; ``to_case`` converts a
    widget value back (e.g. percent to share). A change is applied with
    ``try_update``; a rejected entry stays in the widget (nothing typed is lost,
    see ``rejected``) until the case's value changes elsewhere.
    """
    shown = st.session_state.setdefault(SHOWN_KEY, {})
    if key not in st.session_state or key not in shown or shown[key] != value:
        st.session_state[key] = value
        shown[key] = value
    return {"key": key, "on_change": _apply_widget, "args": (key, path, to_case), "persist_state": "session"}


def rejected(key: str) -> bool:
    """True when the bound widget holds an entry the case did not accept."""
    shown = st.session_state.get(SHOWN_KEY, {})
    return key in shown and st.session_state.get(key) != shown[key]


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGUAGES else "en"


WORKSHOP_KEY = "workshop"
AMOUNTS_KEY = "amounts"
AMOUNTS: tuple[str, ...] = ("exact", "rounded", "hidden")
HIDDEN_AMOUNT = "•••"


def amounts() -> str:
    """How amounts are shown: "exact", or in workshop mode "rounded" (k€ / M€) or "hidden"."""
    chosen = st.session_state.get(AMOUNTS_KEY) if st.session_state.get(WORKSHOP_KEY) else None
    return chosen if chosen in AMOUNTS else "exact"


def money_in(amount: float | None, language: str) -> str:
    """An amount as the workshop setting wants it shown (also the translator's money format)."""
    shown = amounts()
    if amount is None or shown == "exact":
        return fmt.money(amount, language)
    return HIDDEN_AMOUNT if shown == "hidden" else fmt.money_short(amount, language)


def t() -> Translator:
    return Translator(lang(), money=money_in)


def money(amount: float | None) -> str:
    return money_in(amount, lang())


def percent(share: float | None, digits: int = 0) -> str:
    return fmt.percent(share, lang(), digits)


@st.cache_data(max_entries=64, show_spinner=False)
def _evaluation(case_json: str, iterations: int, seed: int, view: str, basis: str) -> Evaluation:
    return evaluate(Case.model_validate_json(case_json), iterations, seed, view, basis)


@st.cache_data(max_entries=64, show_spinner=False)
def _timeline(case_json: str, seed: int, book_view: bool) -> Timeline:
    return timeline(Case.model_validate_json(case_json), seed=seed, book_view=book_view)


def evaluation(of: Case | None = None, view: str = "decision", basis: str = "mean") -> Evaluation:
    """The cached evaluation of a case (the open one by default)."""
    return _evaluation((of or case()).model_dump_json(), ITERATIONS, SEED, view, basis)


def cost_timeline(of: Case | None = None, book_view: bool = False) -> Timeline:
    return _timeline((of or case()).model_dump_json(), SEED, book_view)


@st.cache_data(max_entries=32, show_spinner=False)
def _negotiation(case_json: str, iterations: int, seed: int) -> NegotiationAnalysis:
    return analyse(Case.model_validate_json(case_json), iterations, seed)


def negotiation(of: Case | None = None) -> NegotiationAnalysis:
    """The cached zone of agreement, BATNA parts, openers and margins (same draws as ``evaluation``)."""
    return _negotiation((of or case()).model_dump_json(), ITERATIONS, SEED)
