"""Every cached result of the app, in one place.

Results are cached on the case's JSON, so a rerun with an unchanged case does no
simulation work, and every page that shows the same result shares one entry.
Callers pass the case (pages: ``case_state.case()``); nothing here reads the session.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from decision.analysis.explain import narrative
from decision.analysis.last_attempt import LastAttempt, last_attempt
from decision.analysis.negotiation import NegotiationAnalysis, OptionEffect, option_effects
from decision.analysis.negotiation import analyse as analyse_negotiation
from decision.analysis.sensitivity import Sensitivity
from decision.analysis.sensitivity import analyse as analyse_sensitivity
from decision.analysis.strategy_map import StrategyMap, strategy_map
from decision.analysis.tree import Tree, decision_tree
from decision.engine.results import Evaluation, Timeline, evaluate, timeline
from decision.model.case import Case
from decision.model.triage import Reason
from decision.report.html import render_html
from decision.report.memo import Memo, memo
from decision.report.pdf import render_pdf
from decision.store.library import Library

ITERATIONS = 10_000
SEED = 1


@st.cache_data(max_entries=64, show_spinner=False)
def _evaluation(case_json: str, iterations: int, seed: int, view: str, basis: str) -> Evaluation:
    return evaluate(Case.model_validate_json(case_json), iterations, seed, view, basis)


def evaluation(case: Case, view: str = "decision", basis: str | None = None) -> Evaluation:
    """The evaluation of ``case``: the four strategies, the triage and the recommendation, on the case's
    own basis (``preferences.basis``, MODEL.md 7.7) unless ``basis`` is given."""
    return _evaluation(case.model_dump_json(), ITERATIONS, SEED, view, basis or case.preferences.basis)


@st.cache_data(max_entries=64, show_spinner=False)
def _timeline(case_json: str, seed: int, book_view: bool) -> Timeline:
    return timeline(Case.model_validate_json(case_json), seed=seed, book_view=book_view)


def cost_timeline(case: Case, book_view: bool = False) -> Timeline:
    return _timeline(case.model_dump_json(), SEED, book_view)


@st.cache_data(max_entries=32, show_spinner=False)
def _negotiation(case_json: str, iterations: int, seed: int) -> NegotiationAnalysis:
    return analyse_negotiation(Case.model_validate_json(case_json), iterations, seed)


def negotiation(case: Case) -> NegotiationAnalysis:
    """The zone of agreement, BATNA parts, openers and margins (same draws as ``evaluation``)."""
    return _negotiation(case.model_dump_json(), ITERATIONS, SEED)


@st.cache_data(max_entries=32, show_spinner=False)
def _option_effects(case_json: str, iterations: int, seed: int) -> tuple[OptionEffect, ...]:
    return option_effects(Case.model_validate_json(case_json), iterations, seed)


def negotiation_option_effects(case: Case) -> tuple[OptionEffect, ...]:
    """What each of the case's negotiation options does to solving and to the zone."""
    return _option_effects(case.model_dump_json(), ITERATIONS, SEED)


@st.cache_data(max_entries=32, show_spinner=False)
def _sensitivity(case_json: str, basis: str) -> Sensitivity:
    return analyse_sensitivity(Case.model_validate_json(case_json), ITERATIONS, SEED, "decision", basis)


@st.cache_data(max_entries=32, show_spinner=False)
def _tree(case_json: str, view: str) -> Tree:
    return decision_tree(_evaluation(case_json, ITERATIONS, SEED, view, "mean"))


def decision_tree_of(case: Case, view: str = "decision") -> Tree:
    """The decision tree of every way out (it runs the simulation again for the branches): once per case
    and view, not on every rerun of the Comparison page."""
    return _tree(case.model_dump_json(), view)


@st.cache_data(max_entries=32, show_spinner=False)
def _strategy_map(case_json: str, x: str, y: str, basis: str) -> StrategyMap:
    return strategy_map(Case.model_validate_json(case_json), x, y, iterations=ITERATIONS, seed=SEED, basis=basis)


def strategy_map_of(case: Case, x: str, y: str, basis: str) -> StrategyMap:
    """Which option is the advice over a grid of two inputs, on the evaluation's draws."""
    return _strategy_map(case.model_dump_json(), x, y, basis)


def sensitivity(case: Case, basis: str | None = None) -> Sensitivity:
    """Tornado, break-even, value of information and risk of ``case``, once per case and basis (the
    case's own unless given; its risk tolerance is in the case)."""
    return _sensitivity(case.model_dump_json(), basis or case.preferences.basis)


@st.cache_data(max_entries=32, show_spinner=False)
def _last_attempt(case_json: str, view: str, basis: str) -> LastAttempt | None:
    return last_attempt(_evaluation(case_json, ITERATIONS, SEED, view, basis))


def last_attempt_of(case: Case, view: str = "decision", basis: str = "mean") -> LastAttempt | None:
    """The source text's last attempt next to an advice to stop (it evaluates a gated copy of the case):
    once per case, view and basis."""
    return _last_attempt(case.model_dump_json(), view, basis)


@st.cache_data(max_entries=32, show_spinner=False)
def _narrative(case_json: str, basis: str) -> list[Reason]:
    evaluated = _evaluation(case_json, ITERATIONS, SEED, "decision", basis)
    return narrative(evaluated, _sensitivity(case_json, basis), _last_attempt(case_json, "decision", basis))


def narrative_of(case: Case, basis: str) -> list[Reason]:
    """The story of the advice (Why), with its warnings and the last attempt: once per case and basis."""
    return _narrative(case.model_dump_json(), basis)


@st.cache_data(max_entries=16, show_spinner=False)
def _memo_of(case_json: str, lang: str, today: dt.date) -> Memo:
    """The memo's content, once for its HTML preview and its PDF (which is made later, on request)."""
    case = Case.model_validate_json(case_json)
    # The sensitivity Why shows (the same case, draws and basis): the memo does not compute it again.
    return memo(evaluation(case), lang, today, _sensitivity(case_json, case.preferences.basis))


@st.cache_data(max_entries=16, show_spinner=False)
def _memo_html(case_json: str, lang: str, today: dt.date) -> str:
    return render_html(_memo_of(case_json, lang, today))


@st.cache_data(max_entries=16, show_spinner=False)
def _memo_pdf(case_json: str, lang: str, today: dt.date) -> bytes:
    return render_pdf(_memo_of(case_json, lang, today))


def memo_html(case: Case, lang: str, today: dt.date) -> str:
    """The board memo as HTML (the Report page's preview), made once per case, language and day."""
    return _memo_html(case.model_dump_json(), lang, today)


def memo_pdf(case: Case, lang: str, today: dt.date) -> bytes:
    """The board memo as PDF, made once per case, language and day. The Report page asks for it only when
    its button is pressed (a deferred download): setting the PDF takes a second the page need not wait for."""
    return _memo_pdf(case.model_dump_json(), lang, today)


@st.cache_resource(show_spinner=False)
def library_at(path: str) -> Library:
    """The case library in the file ``path``, one per file for every session (raises when it cannot be used)."""
    return Library(Path(path))
