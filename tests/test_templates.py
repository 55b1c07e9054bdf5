"""Every message template, rendered with real values in both languages, reads as a whole sentence.

Issue 13 ("Good Dutch"): a template such as the break-even sentence can be correct on its own and
still produce a broken sentence once its values are filled in ("bij het aantal maanden tot oplossen
een werkend systeem geeft onder 33 maanden"). So every template is rendered here:

- the sentences the app builds from an evaluation, for every preset: the explanation
  (``decision.analysis.explain.narrative``), every break-even (``break_even_reason``), the triage
  and economics reasons of the recommendation and its warnings;
- every other catalogue value with ``{placeholders}``, by a generic renderer that gives each
  placeholder a typical value by its name (an amount, a share, a strategy, an input, a date ...).

Each rendering is checked for leftover placeholders and doubled words ("de de", "van van").
The Dutch sentences of the presets are written to tests/artifacts/templates-nl.txt, to be read.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from decision.analysis.explain import break_even_reason, narrative, warnings_of
from decision.analysis.sensitivity import analyse
from decision.engine.results import evaluate
from decision.model.presets import load_preset, preset_ids
from decision.model.triage import Reason, triage
from decision.text.i18n import LANGUAGES, catalogue, translate

ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "templates-nl.txt"
ITERATIONS = 1_000

LEFTOVER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.\[\]]*\}")
# "dat dat" and "die die" are good Dutch ("betekent dat dat gegeven ..."), "that that" good English.
DOUBLED_ALLOWED = frozenset({"dat", "die", "that", "had"})
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE | re.UNICODE)


def placeholders(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def problems(text: str) -> list[str]:
    """What is wrong with a rendered sentence: a leftover placeholder, a doubled word, a None."""
    found = [f"leftover {match}" for match in LEFTOVER.findall(text)]
    found += [
        f"doubled '{match.group(0)}'"
        for match in DOUBLED.finditer(text)
        if match.group(1).lower() not in DOUBLED_ALLOWED and not match.group(1).isdigit()
    ]
    found += ["None in the sentence"] if re.search(r"\bNone\b(?! of)", text) else []
    return found


# --- the sentences of a real evaluation -----------------------------------------------------------


@cache
def preset_reasons(preset: str) -> dict[str, list[Reason]]:
    """The reasons the app says for one preset, by where they come from."""
    case = load_preset(preset)
    evaluation = evaluate(case, ITERATIONS, 1)
    analysis = analyse(case, ITERATIONS, 1)
    recommendation = evaluation.recommendation
    triage_keys = {reason.key for reason in triage(case).reasons}
    return {
        "narrative": list(narrative(evaluation, analysis)),
        "break-even": [break_even_reason(item) for item in analysis.break_even],
        "triage": [r for r in recommendation.reasons if r.key in triage_keys],
        "economics": [r for r in recommendation.reasons if r.key not in triage_keys] + list(warnings_of(evaluation)),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("preset", preset_ids())
def test_the_sentences_of_every_preset_read_whole(preset: str, lang: str):
    said = {
        f"{part} {reason.key}: {reason.say(lang)}": problems(reason.say(lang))
        for part, reasons in preset_reasons(preset).items()
        for reason in reasons
    }
    assert {sentence: found for sentence, found in said.items() if found} == {}
    assert all(preset_reasons(preset)[part] for part in ("narrative", "break-even", "economics"))


def test_the_dutch_sentences_of_the_presets_are_written_out_to_be_read():
    lines: list[str] = []
    for preset in preset_ids():
        lines += [f"=== {preset}"]
        for part, reasons in preset_reasons(preset).items():
            lines += [f"--- {part}"] + [f"[{reason.key}] {reason.say('nl')}" for reason in reasons]
        lines += [""]
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert ARTIFACT.stat().st_size > 0


# --- every other template, with typical values per placeholder ----------------------------------


def _in(lang: str, key: str, **values: Any) -> str:
    return translate(key, lang, **values)


def typical_values(key: str, lang: str) -> dict[str, Any]:
    """A typical value for every placeholder name of the catalogues, said as the app would pass it."""
    label = _in(lang, "inputs.current.incident_cost.label")
    label_2 = _in(lang, "inputs.legal.p_win.label")
    listed = f"{label}, {label_2}"
    date = dt.date(2026, 6, 30)
    values: dict[str, Any] = {
        # strategies (said by name), inputs, research, areas
        "strategy": "solve",
        "runner_up": "switch",
        "other": "stop",
        "batna": "switch",
        "fallback": "switch",
        "choice": _in(lang, "strategy.solve.name"),
        "client_choice": _in(lang, "strategy.solve.name"),
        "supplier_choice": _in(lang, "strategy.switch.name"),
        "action": _in(lang, "report.action.solve"),
        "because": _in(lang, "triage.supplier_no_recognition", score=2),
        "input": "solve.p_success",
        "research": "code_audit",
        "area": "functionality",
        "areas": f"{_in(lang, 'agreement.area.functionality')}, {_in(lang, 'agreement.area.releases')}",
        # numbers by name
        "amount": 125_000.0,
        "months": 18,
        "horizon": 60,
        "iterations": 10_000,
        "seed": 1,
        "count": 3,
        "n": 3,
        "total": 24,
        "own": 12,
        "defaults": 9,
        "empty": 3,
        "filled": 5,
        "score": 2,
        "client": 4,
        "supplier": 2,
        "gap": 2,
        "number": 2,
        "smart": 1,
        "hours": 40,
        "remaining": 14,
        "notice": 3,
        "version": 7,
        "supported": 2,
        "minimum": 1,
        "limit": 200,
        "megabytes": 1.5,
        "line": 3,
        "column": 14,
        "position": 52,
        "points": 10,
        "value": 0.5,
        "low": 0.3,
        "mode": 0.5,
        "high": 0.7,
        "mean": _in(lang, "sensitivity.unit.months", months="14"),
        "threshold": 0.41,
        "threshold_low": 0.0,
        "threshold_high": 1.0,
        "target": "120%",
        # dates
        "date": date,
        "date_kept": date,
        "deadline": dt.date(2031, 1, 31),
        "start": dt.date(2025, 1, 1),
        "end": dt.date(2029, 12, 31),
        "first": dt.date(2020, 1, 1),
        "last": dt.date(2040, 12, 31),
        # words and sentences made elsewhere
        "title": "ERP bij een maakbedrijf" if lang == "nl" else "ERP at a mid-size manufacturer",
        "title_missing": "Orderportaal" if lang == "nl" else "Order portal",
        "name": "visie klant" if lang == "nl" else "client view",
        "label": label,
        "field": label,
        "fields": listed,
        "inputs": listed,
        "group": _in(lang, "inputs.group.legal"),
        "questions": _in(lang, "completeness.question.continuity_threat"),
        "metric": "open P1-fouten" if lang == "nl" else "open P1 defects",
        "party": _in(lang, "variants.party_client"),
        "part": "low",
        "parts": _in(lang, "assumptions.part_name.high"),
        "unit": "probability",
        "word": _in(lang, "diagnosis.severity.3"),
        "page": _in(lang, "nav.why"),
        "source": "offerte 2025-03" if lang == "nl" else "quote 2025-03",
        "estimate": "€ 40.000 / € 60.000 / € 90.000" if lang == "nl" else "€40,000 / €60,000 / €90,000",
        "changes": f"{label} = € 500.000" if lang == "nl" else f"{label} = €500,000",
        "spread": "±20%",
        "range": "€ 50.000 / € 120.000 / € 250.000" if lang == "nl" else "€50,000 / €120,000 / €250,000",
        "shares": "100% / 130% / 200%",
        "intake": "€ 30.000" if lang == "nl" else "€30,000",
        "audit": "€ 40.000" if lang == "nl" else "€40,000",
        "supervisor": "€ 120.000" if lang == "nl" else "€120,000",
        "fact": _in(lang, "quick_start.fact.improvement_months", range="3 / 6 / 12"),
        "answer": _in(lang, "quick_start.answer.running", amount_fee=96_000.0, amount_month=8_000.0),
        "contract_kind": _in(lang, "quick_start.kind.licence"),
        "model": "Estimate",
        "message": "…",
        "reason": "Expecting value",
        "choices": ["true", "false"],
        "code": "U+200B",
        "path": "/var/lib/kruispunt/library.sqlite",
        "case_id": "3f2a9c",
        "search": "ERP",
        "text": "4,5 mln" if lang == "nl" else "4.5m",
        "example": "4.500.000" if lang == "nl" else "4,500,000",
        "fixed": "4,5",
        "decimal": "1,5",
        "thousands": "1.500",
        "rate": 0.06,
    }
    wanted = placeholders(catalogue(lang)[key])
    found: dict[str, Any] = {}
    for name in wanted:
        if name in values:
            found[name] = values[name]
        elif name.startswith("amount") or name.endswith("_cost") or name.endswith("_value"):
            found[name] = 250_000.0
        elif name.startswith("share") or name.startswith("p_"):
            found[name] = 0.35
        elif name.startswith("input"):
            found[name] = _in(lang, "sensitivity.phrase.solve.p_success")
        else:  # a name new to this list: a plain number still shows a broken sentence around it
            found[name] = 3
    if key.startswith("inputs.error."):
        found["kind"] = "probability"
    return found


def template_keys(lang: str) -> list[str]:
    return sorted(key for key, text in catalogue(lang).items() if placeholders(text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_renders_as_a_whole_sentence(lang: str):
    rendered = {
        key: translate(key, lang, literal=key.startswith("validation."), **typical_values(key, lang))
        for key in template_keys(lang)
    }
    assert {key: (text, problems(text)) for key, text in rendered.items() if problems(text)} == {}
    assert len(rendered) > 300


def test_the_problem_finder_finds_problems():
    assert problems("bij de de horizon") == ["doubled 'de de'"]
    assert problems("de kosten van van het systeem") == ["doubled 'van van'"]
    assert problems("Advies: {strategy}.") == ["leftover {strategy}"]
    assert problems("betekent dat dat gegeven alleen al de keuze kan omdraaien") == []
