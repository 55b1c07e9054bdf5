"""Problems of a case file as message keys with values (CaseError.details), said in English and Dutch.

The English lines are the command line's, word for word as before the problems
had keys (the expected lines below were printed by that earlier version); the
app says them with ``problem_lines`` in the user's language.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from decision.model.loader import load_case_bytes, parse_case
from decision.model.problems import CaseError, Problem, problem_lines
from decision.text.i18n import catalogue
from tests.decision.builders import BASE, case_dict
from tests.decision.test_import_corpus import CORPUS

# What the command line printed for the import corpus before the messages moved to validation.toml.
CORPUS_LINES: dict[str, list[str]] = {
    "broken JSON": ["(file): not valid JSON (Unterminated string starting at: line 7 column 21 (char 154))"],
    "not a case but a list": ["(file): a case file must be a JSON object {...}"],
    "empty file": ["(file): not valid JSON (Expecting value: line 1 column 1 (char 0))"],
    "wrong type": ["horizon_months: must be a number, not text: write it without quotes"],
    "wrong type in an estimate": ["stop.replacement_cost: must be a number or an estimate {low, mode, high}"],
    "true is not a number": ["legal.claim: a number or an estimate {low, mode, high} is required, not true/false"],
    "missing group": ["current: is required but missing"],
    "missing field": ["stop.exit_cost: is required but missing"],
    "unknown field": ["legal.clam: is not a known field (check the spelling)"],
    "NaN": ["current.dysfunction_cost_per_month: the value must be a finite number"],
    "Infinity": ["discount_rate: must be a finite number (NaN and Infinity are not allowed)"],
    "-Infinity in an estimate": ["legal.p_win: high must be a finite number"],
    "negative amount": ["stop.exit_cost: the value must be at least 0, got -60000"],
    "negative sunk cost": ["sunk.book_value: must be at least 0, got -1"],
    "low above high": ["stop.replacement_cost: low <= most likely <= high is required, got 3 / 2 / 1"],
    "probability above 1": ["legal.p_win: the value must be at most 1, got 1.5"],
    "share above 1": ["solve.client_share: must be at most 1, got 2"],
    "newer schema": [
        "schema_version: this file was written by a newer version of Kruispunt (schema 99); "
        "this version reads schema 2 and older"
    ],
    "5 MB": ["(file): the file is 5.0 MB; a case file may be at most 1 MB"],
    "deep nesting": ["(file): the file is nested too deeply"],
    "deep nesting in a field": ["title: Input should be a valid string"],
    "not UTF-8": ["(file): the file is not UTF-8 text"],
    "title too long": ["title: String should have at most 200 characters"],
    "severity out of range": ["diagnosis.functionality.client: must be at most 4, got 9"],
}


def refused(changes: dict[str, Any]) -> CaseError:
    """The CaseError for the hand-worked base case with these changes (dotted paths)."""
    data = case_dict()
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    with pytest.raises(CaseError) as raised:
        parse_case(data)
    return raised.value


def variant(**changes: Any) -> dict[str, Any]:
    groups = {group: copy.deepcopy(BASE[group]) for group in ("current", "stop", "legal", "solve")}
    groups["solve"].update(changes)
    return {"name": "supplier's view", **groups}


# changes -> (message key, the command line's English line, the app's Dutch line)
CASES: list[tuple[dict[str, Any], str, str, str]] = [
    (
        {"legal.duration_months": 601},
        "validation.part_at_most",
        "legal.duration_months: the value must be at most 600 months, got 601",
        "Duur van de procedure (legal.duration_months): de waarde moet ten hoogste 600 maanden zijn, maar is 601",
    ),
    (
        {"legal.claim": -1234567.5},
        "validation.part_at_least",
        "legal.claim: the value must be at least 0, got -1234567.5",
        "Gevorderde schadevergoeding (legal.claim): de waarde moet ten minste 0 zijn, maar is -1.234.567,5",
    ),
    (
        {"legal.p_win": {"low": 0.3, "mode": 0.1, "high": 0.2}},
        "validation.order",
        "legal.p_win: low <= most likely <= high is required, got 0.3 / 0.1 / 0.2",
        "Kans om de rechtszaak te winnen (legal.p_win): laag ≤ meest waarschijnlijk ≤ hoog is vereist, "
        "maar de waarden zijn 0,3 / 0,1 / 0,2",
    ),
    (
        {"stop.exit_cost": {"low": 1, "high": 3}},
        "validation.required",
        "stop.exit_cost.mode: is required but missing",
        "Kosten van contractbeëindiging (stop.exit_cost.mode): is verplicht maar ontbreekt",
    ),
    (
        {"horizon_months": 60.5},
        "validation.whole_number",
        "horizon_months: must be a whole number",
        "horizon_months: moet een geheel getal zijn",
    ),
    (
        {"horizon_months": "60"},
        "validation.text_not_number",
        "horizon_months: must be a number, not text: write it without quotes",
        "horizon_months: moet een getal zijn, geen tekst: schrijf het zonder aanhalingstekens",
    ),
    (
        {"horizon_months": 5},
        "validation.at_least",
        "horizon_months: must be at least 12, got 5",
        "horizon_months: moet ten minste 12 zijn, maar is 5",
    ),
    (
        {"horizon_months": True},
        "validation.bool_not_number",
        "horizon_months: a number is required, not true/false",
        "horizon_months: hier hoort een getal, niet true/false",
    ),
    (
        {"schema_version": 0},
        "validation.schema_minimum",
        "schema_version: schema_version must be 1 or higher",
        "schema_version: schema_version moet 1 of hoger zijn",
    ),
    (
        {"solve.fallback": "sue"},
        "validation.choice",
        "solve.fallback: Input should be 'stop', 'switch' or 'muddle'",
        "Als oplossen mislukt (solve.fallback): moet 'stop', 'switch' of 'muddle' zijn",
    ),
    (
        {"current.incident_cost": {"low": 1, "mode": 2, "high": 3, "distribution": "normal"}},
        "validation.choice",
        "current.incident_cost.distribution: Input should be 'pert' or 'triangular'",
        "Kosten van één groot incident (current.incident_cost.distribution): moet 'pert' of 'triangular' zijn",
    ),
    (
        {"smart_goals": [{"metric": "uptime"}, {"deadline": "31-12-2025"}]},
        "validation.date",
        "smart_goals[1].deadline: Input should be a valid date or datetime, invalid character in year",
        "smart_goals[1].deadline: moet een datum zijn in de vorm JJJJ-MM-DD, zoals 2025-06-30 "
        "(het jaar bevat een ongeldig teken)",
    ),
    (
        {"smart_goals": [{"baseline": "high"}]},
        "validation.text_not_number",
        "smart_goals[0].baseline: must be a number, not text: write it without quotes",
        "smart_goals[0].baseline: moet een getal zijn, geen tekst: schrijf het zonder aanhalingstekens",
    ),
    (
        {"legal.p_win": {"low": 0.2, "mode": 0.5, "high": 1.0000001}},
        "validation.part_at_most",
        "legal.p_win: high must be at most 1, got 1.0000001",
        "Kans om de rechtszaak te winnen (legal.p_win): hoog moet ten hoogste 1 zijn, maar is 1,0000001",
    ),
    (
        {"legal.claim": 1e30},
        "validation.part_at_most",
        "legal.claim: the value must be at most 1,000,000,000,000, got 1e+30",
        "Gevorderde schadevergoeding (legal.claim): de waarde moet ten hoogste 1.000.000.000.000 zijn, maar is 1e+30",
    ),
    (
        {"negotiation": "be kind"},
        "validation.group",
        "negotiation: Input should be a valid dictionary or instance of Negotiation",
        "negotiation: moet een groep velden zijn, een JSON-object {...} (Negotiation)",
    ),
    (
        {"variants": [variant(p_success=2)]},
        "validation.part_at_most",
        "variants[0].solve.p_success: the value must be at most 1, got 2",
        "Kans dat oplossen slaagt (variants[0].solve.p_success): de waarde moet ten hoogste 1 zijn, maar is 2",
    ),
    (
        {"variants": [{**variant(), "name": ""}]},
        "validation.text_too_short",
        "variants[0].name: String should have at least 1 character",
        "variants[0].name: moet ten minste 1 teken lang zijn",
    ),
]


@pytest.mark.parametrize("name", list(CORPUS))
def test_the_import_corpus_keeps_its_english_lines_and_has_a_key_for_each(name):
    with pytest.raises(CaseError) as raised:
        load_case_bytes(CORPUS[name][0])
    error = raised.value
    assert error.problems == CORPUS_LINES[name]
    assert [f"{problem.path}: {problem.message('en')}" for problem in error.details] == error.problems
    for problem in error.details:
        assert problem.key != "validation.other", problem
        assert problem.key in catalogue("en") and problem.key in catalogue("nl")


@pytest.mark.parametrize("changes, key, english, dutch", CASES, ids=[case[1] for case in CASES])
def test_each_kind_of_problem_in_english_and_dutch(changes, key, english, dutch):
    error = refused(changes)
    [problem] = error.details
    assert problem.key == key
    assert error.problems == [english] == [problem.line()]
    assert problem_lines(error, "nl") == [dutch]


def test_english_lines_in_the_app_name_the_label_before_the_path():
    error = refused({"legal.p_win": 1.5, "horizon_months": 6})
    assert problem_lines(error, "en") == [
        "horizon_months: must be at least 12, got 6",
        "Chance of winning in court (legal.p_win): the value must be at most 1, got 1.5",
    ]
    assert problem_lines(error, "nl") == [
        "horizon_months: moet ten minste 12 zijn, maar is 6",
        "Kans om de rechtszaak te winnen (legal.p_win): de waarde moet ten hoogste 1 zijn, maar is 1,5",
    ]


@pytest.mark.parametrize(
    "raw, english, dutch",
    [
        (
            b"",
            "Not valid JSON (Expecting value: line 1 column 1 (char 0))",
            "Het bestand is geen geldige JSON: hier hoort een waarde (regel 1, kolom 1, teken 0)",
        ),
        (
            b'{"a": 1,}',
            "Not valid JSON (Expecting property name enclosed in double quotes: line 1 column 9 (char 8))",
            "Het bestand is geen geldige JSON: hier hoort een veldnaam tussen dubbele aanhalingstekens "
            "(regel 1, kolom 9, teken 8)",
        ),
        (b"[1, 2]", "A case file must be a JSON object {...}", "Een dossierbestand moet een JSON-object {...} zijn"),
        (b"\xff{}", "The file is not UTF-8 text", "Het bestand is geen UTF-8-tekst"),
        (
            b" " * 2_500_000,
            "The file is 2.5 MB; a case file may be at most 1 MB",
            "Het bestand is 2,5 MB; een dossierbestand mag ten hoogste 1 MB zijn",
        ),
    ],
)
def test_a_problem_of_the_whole_file_is_one_sentence(raw, english, dutch):
    with pytest.raises(CaseError) as raised:
        load_case_bytes(raw)
    error = raised.value
    assert [problem.path for problem in error.details] == ["(file)"]
    assert problem_lines(error, "en") == [english]
    assert problem_lines(error, "nl") == [dutch]


def test_a_pydantic_message_without_a_key_is_passed_on_as_it_is():
    """The known gap: a rare message that validation.toml does not word is shown in pydantic's English."""
    error = refused({"horizon_months": 1e20})
    assert error.details == [
        Problem(
            "horizon_months",
            "validation.other",
            {"message": "Unable to parse input string as an integer, exceeded maximum size"},
        )
    ]
    assert problem_lines(error, "nl") == error.problems


def test_an_error_raised_with_lines_only_shows_those_lines():
    error = CaseError(["variants: a case holds at most 20 variants; remove one first"])
    assert [problem.key for problem in error.details] == ["validation.other"]
    assert problem_lines(error, "nl") == problem_lines(error, "en") == error.problems
