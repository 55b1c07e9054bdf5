"""What a case file may hold: limits per kind of input, caps on lists and texts, null for empty texts,
numbers written as numbers. Each refusal names the field; nothing is reinterpreted."""

from __future__ import annotations

import json
import time

import pytest

from decision.model import registry
from decision.model.case import MAX_NOTE, MAX_OPTIONS, MAX_SMART_GOALS, MAX_SOURCE, MAX_VARIANTS
from decision.model.loader import load_case_bytes, parse_case
from decision.model.problems import CaseError
from tests.decision.builders import case_dict, make_case


def problems(data: dict) -> list[str]:
    with pytest.raises(CaseError) as raised:
        parse_case(data)
    return raised.value.problems


# --- limits per kind, from the registry ------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [s for s in registry.INPUTS if s.kind in registry.MONEY_KINDS and s.group not in registry.OPTIONAL_GROUPS],
    ids=lambda s: s.path,
)
def test_every_euro_estimate_accepts_at_most_a_thousand_billion(spec):
    assert registry.MAX_EURO == 1e12
    assert make_case({spec.path: 1e12})  # the limit itself is allowed
    assert problems(case_dict({spec.path: 1e30})) == [
        f"{spec.path}: the value must be at most 1,000,000,000,000, got 1e+30"
    ]


@pytest.mark.parametrize("path", ["legal.liability_cap", "sunk.invested_to_date", "sunk.book_value"])
def test_every_single_euro_field_accepts_at_most_a_thousand_billion(path):
    assert problems(case_dict({path: 1e30})) == [f"{path}: must be at most 1,000,000,000,000, got 1e+30"]


def test_the_schema_takes_its_limits_from_the_registry():
    from decision.model.case import Case

    schema = Case.model_json_schema()
    legal = schema["$defs"]["Legal"]["properties"]
    assert legal["liability_cap"]["anyOf"][0]["maximum"] == registry.MAX_EURO
    assert schema["properties"]["horizon_months"]["minimum"] == 12
    assert schema["properties"]["horizon_months"]["maximum"] == 120


def test_a_probability_just_above_one_is_quoted_as_typed():
    lines = problems(case_dict({"legal.p_win": {"low": 0.2, "mode": 0.5, "high": 1.0000001}}))
    assert lines == ["legal.p_win: high must be at most 1, got 1.0000001"]


# --- caps on every list and text --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "item", "limit"),
    [
        ("smart_goals", {}, MAX_SMART_GOALS),
        ("variants", None, MAX_VARIANTS),
    ],
)
def test_lists_are_capped_and_the_cap_is_named(field, item, limit):
    data = case_dict()
    if item is None:  # a variant: the case's own groups under a name
        item = {"name": "v", **{g: data[g] for g in ("current", "stop", "legal", "solve")}}
    data[field] = [dict(item, name=f"v{i}") if "name" in item else item for i in range(limit)]
    assert parse_case(data)  # the cap itself is allowed
    data[field] = data[field] + [data[field][0]]
    assert problems(data) == [f"{field}: Tuple should have at most {limit} items after validation, not {limit + 1}"]


def test_negotiation_options_are_capped():
    data = case_dict()
    data["negotiation"] = {"options": [{"title": "x"}] * (MAX_OPTIONS + 1)}
    assert problems(data) == [
        f"negotiation.options: Tuple should have at most {MAX_OPTIONS} items after validation, not {MAX_OPTIONS + 1}"
    ]


@pytest.mark.parametrize(("part", "limit"), [("source", MAX_SOURCE), ("note", MAX_NOTE)])
def test_the_source_and_note_of_an_estimate_are_capped(part, limit):
    estimate = {"low": 1, "mode": 2, "high": 3, part: "x" * limit}
    assert make_case({"stop.exit_cost": estimate})
    estimate[part] = "x" * (limit + 1)
    assert problems(case_dict({"stop.exit_cost": estimate})) == [
        f"stop.exit_cost.{part}: String should have at most {limit} characters"
    ]


def test_a_megabyte_of_empty_smart_goals_is_refused_at_once():
    """The attack of issue 15: 235,000 empty goals in a valid 0.95 MB file took memory and minutes."""
    data = case_dict()
    data["smart_goals"] = [{}] * 235_000
    raw = json.dumps(data, separators=(",", ":")).encode()
    assert len(raw) < 1_000_000
    start = time.perf_counter()
    with pytest.raises(CaseError) as raised:
        load_case_bytes(raw)
    assert time.perf_counter() - start < 10  # generous: a bound, not a benchmark
    assert raised.value.problems == [
        f"smart_goals: Tuple should have at most {MAX_SMART_GOALS} items after validation, not 235000"
    ]


# --- null is empty; numbers are numbers ------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "texts"),
    [
        ("title", None, lambda c: [c.title]),
        (
            "profile",
            {"organisation": None, "system": None, "supplier": None, "contract": None},
            lambda c: [c.profile.organisation, c.profile.system, c.profile.supplier, c.profile.contract],
        ),
        (
            "negotiation",
            {"people": None, "client_interests": None, "supplier_interests": None, "criteria": None},
            lambda c: [
                c.negotiation.people,
                c.negotiation.client_interests,
                c.negotiation.supplier_interests,
                c.negotiation.criteria,
            ],
        ),
        (
            "smart_goals",
            [{"metric": None, "unit": None, "measured_by": None}],
            lambda c: [c.smart_goals[0].metric, c.smart_goals[0].unit, c.smart_goals[0].measured_by],
        ),
        (
            "diagnosis",
            {"functionality": {"client": 2, "evidence": None}},
            lambda c: [c.diagnosis.functionality.evidence],
        ),
        (
            "stop.exit_cost",
            {"low": 1, "mode": 2, "high": 3, "source": None, "note": None},
            lambda c: [c.stop.exit_cost.source, c.stop.exit_cost.note],
        ),
    ],
)
def test_null_for_an_optional_text_is_stored_as_empty(path, value, texts):
    case = make_case({path: value})
    assert texts(case) == [""] * len(texts(case))
    again = parse_case(json.loads(case.to_json()))  # written back as "", read back the same
    assert texts(again) == texts(case)


def test_null_for_a_required_text_stays_an_error():
    data = case_dict()
    data["variants"] = [{"name": None, **{g: data[g] for g in ("current", "stop", "legal", "solve")}}]
    assert problems(data) == ["variants[0].name: Input should be a valid string"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("horizon_months", "60"),
        ("schema_version", "1"),
        ("discount_rate", "0.05"),
        ("triage.supplier_values_client", "3"),
    ],
)
def test_a_number_written_as_text_is_refused(path, value):
    assert problems(case_dict({path: value})) == [f"{path}: must be a number, not text: write it without quotes"]


# --- dates and measures within sensible ranges (issue 15) ----------------------------------------


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"start_date": "9999-12-01"}, "start_date: must be at most 31 December 2100, got 1 December 9999"),
        (
            {"smart_goals": [{"deadline": "1900-01-01"}]},
            "smart_goals[0].deadline: must be at least 1 January 1990, got 1 January 1900",
        ),
        (
            {"smart_goals": [{"baseline": 1e26}]},
            "smart_goals[0].baseline: must be at most 1,000,000,000,000, got 1e+26",
        ),
        (
            {"smart_goals": [{"target": -1e26}]},
            "smart_goals[0].target: must be at least -1,000,000,000,000, got -1e+26",
        ),
        ({"profile": {"contract_value": 1e30}}, "profile.contract_value: must be at most 1,000,000,000,000, got 1e+30"),
    ],
)
def test_dates_and_measures_outside_their_range_are_refused(changes, line):
    data = case_dict()
    data.update(changes)
    assert problems(data) == [line]


def test_a_date_limit_is_said_as_a_date_in_dutch():
    from decision.model.problems import problem_lines

    data = case_dict()
    data["start_date"] = "9999-12-01"
    with pytest.raises(CaseError) as raised:
        parse_case(data)
    assert problem_lines(raised.value, "nl") == [
        "start_date: moet ten hoogste 31 december 2100 zijn, maar is 1 december 9999"
    ]


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("Title\x1b]0;pwned\x07", "U+001B", 6),  # a terminal escape: sets the window title
        ("\x1b]52;c;ZXZpbA==\x07", "U+001B", 1),  # writes the clipboard
        ("invoice\u202egnp.exe", "U+202E", 8),  # right-to-left override
        ("a\u2066b", "U+2066", 2),  # isolate
        ("nul\x00", "U+0000", 4),
        ("c1\x85", "U+0085", 3),
    ],
)
def test_hidden_control_characters_are_refused_with_where_they_are(text, code, position):
    assert problems(case_dict({"title": text})) == [
        f"title: holds an invisible control character ({code}) at character {position}; remove it"
    ]


def test_tabs_line_breaks_and_ordinary_unicode_are_text():
    case = make_case({"negotiation": {"people": "Eerst:\n\t- het gesprek\r\n’s-Hertogenbosch — café ✓ 中文 עברית"}})
    assert case.negotiation.people.startswith("Eerst:\n\t- het")


def test_hidden_characters_are_refused_in_nested_texts_too():
    estimate = {"low": 1, "mode": 2, "high": 3, "source": "quote\x1b[2J"}
    assert problems(case_dict({"stop.exit_cost": estimate})) == [
        "stop.exit_cost.source: holds an invisible control character (U+001B) at character 6; remove it"
    ]
