"""The registry declares each input and each strategy once; everything else reads it.

The second half is the promise of docs/ARCHITECTURE.md: a strategy added to the registry
(with its formula and its catalogue name) appears in the results, the comparison table,
the charts and the memo without any further edit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import streamlit as st

from decision.analysis import sensitivity, variants
from decision.engine import simulation
from decision.engine.results import evaluate
from decision.model import registry
from decision.model.case import Case
from decision.model.presets import load_preset
from decision.report.board import board_report
from decision.text.catalogue import catalogue
from decision.text.i18n import Translator
from ui.charts import comparison as charts

# --- one declaration per input ------------------------------------------------------------------


def test_every_field_of_the_input_groups_is_in_the_registry_and_nothing_else():
    for group in ("sunk", "current", "stop", "legal", "solve", "supplier"):
        model = Case.model_fields[group].annotation
        assert list(model.model_fields) == [spec.field for spec in registry.fields_of(group)], group


def test_streams_are_unique_and_every_estimate_has_a_name_and_a_stream():
    streams = [spec.stream for spec in registry.INPUTS]
    assert None not in streams and len(set(streams)) == len(streams)
    assert all(spec.name for spec in registry.INPUTS)
    assert len({spec.name for spec in registry.INPUTS}) == len(registry.INPUTS)


def test_the_draws_sensitivity_and_variants_read_the_registry():
    assert list(simulation.INPUT_PATHS.values()) == [spec.path for spec in registry.INPUTS]
    assert set(sensitivity.CLIENT_INPUTS) == {spec.path for spec in registry.INPUTS if spec.group != "supplier"}
    assert sensitivity.BREAK_EVEN_INPUTS == registry.BREAK_EVEN_INPUTS
    in_variants = {s.path for s in registry.INPUTS if s.group in registry.GROUPS}
    assert set(variants.COMPARED) == in_variants | {s.path for s in registry.SINGLE_INPUTS}


@pytest.mark.parametrize("spec", registry.FIELDS, ids=lambda s: s.path)
def test_every_input_has_a_label_in_both_languages(spec):
    if spec.group in registry.GROUPS:
        for lang in ("nl", "en"):
            assert spec.label_key in catalogue(lang), (lang, spec.label_key)


def test_defaults_are_the_schemas_defaults():
    """A default declared in the registry is what the case gets when the file leaves the field out."""
    case = load_preset("erp-manufacturer")
    data = json.loads(case.to_json())
    for spec in registry.FIELDS:
        if spec.required or spec.group not in ("current", "legal", "solve", "supplier") or spec.optional:
            continue
        del data[spec.group][spec.field]
        value = getattr(getattr(Case.model_validate(data), spec.group), spec.field)
        expected = spec.default
        assert (value.low if spec.estimate else value) == expected, spec.path
        data = json.loads(case.to_json())


# --- a new strategy appears everywhere ---------------------------------------------------------

TWIN = registry.StrategySpec("twin", "#000000")


@pytest.fixture
def with_twin(monkeypatch):
    """The registry with a fifth strategy, 'twin', which costs what muddling on costs."""
    specs = (*registry.STRATEGY_SPECS, TWIN)
    monkeypatch.setattr(registry, "STRATEGY_SPECS", specs)
    monkeypatch.setattr(registry, "STRATEGIES", tuple(s.key for s in specs))
    monkeypatch.setattr(registry, "STRATEGY_BY_KEY", {s.key: s for s in specs})
    monkeypatch.setattr(registry, "NON_SOLVE", tuple(s.key for s in specs if not s.solves))
    monkeypatch.setitem(simulation.FORMULAS, "twin", simulation.FORMULAS["muddle"])
    for lang, name in (("en", "Twin option"), ("nl", "Tweelingoptie")):
        monkeypatch.setitem(catalogue(lang), "strategy.twin.name", name)
        monkeypatch.setitem(catalogue(lang), "strategy.twin.short", name)
    charts.template_spec.cache_clear()
    st.cache_data.clear()
    yield
    charts.template_spec.cache_clear()
    st.cache_data.clear()


def test_a_new_strategy_is_simulated_and_compared(with_twin):
    result = evaluate(load_preset("erp-manufacturer"), 2_000, 1)
    assert list(result.strategies) == ["muddle", "switch", "stop", "solve", "twin"]
    assert result.strategies["twin"].mean == pytest.approx(result.strategies["muddle"].mean)
    assert "twin" in result.recommendation.allowed
    assert sum(r.p_best for r in result.strategies.values()) == pytest.approx(1.0)


def test_a_new_strategy_is_in_every_comparison_chart(with_twin):
    result = evaluate(load_preset("erp-manufacturer"), 2_000, 1)
    t = Translator("en")
    for spec in (charts.distribution_spec(result, t), charts.p_best_spec(result, t), charts.breakdown_spec(result, t)):
        text = json.dumps(charts.records(spec))
        assert "Twin option" in text
        assert "#000000" in text  # its own colour in the fixed scale


def test_a_new_strategy_is_in_the_memo(with_twin):
    html = board_report(load_preset("erp-manufacturer"), "html", "en", 2_000, 1, today=dt.date(2026, 12, 4))
    assert "Twin option" in html.decode()


def test_a_new_strategy_is_in_the_comparison_table(with_twin, app_at):
    at = app_at("app_pages/comparison.py", "erp-manufacturer")
    assert not at.exception
    assert "Twin option" in list(at.table[0].value.index)


def test_strategy_specs_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        TWIN.key = "other"  # type: ignore[misc]
