"""The catalogue of inputs: for every estimate of a case, its group, unit and bounds.

The Assumptions page draws one row per entry; the what-if controls of the
Comparison page are a few of them. Help texts and labels live in the message
catalogues (``inputs.<group>.<name>.label`` / ``.help``), units in
``inputs.unit.<kind>``. Shares and probabilities are stored as 0..1 and shown
as percentages; ``to_display`` and ``from_display`` convert between the two.
"""

from __future__ import annotations

import math
from typing import Any

from decision.engine.simulation import case_estimate
from decision.model import registry
from decision.model.case import Case, Estimate
from decision.model.loader import parse_case
from decision.model.registry import BY_PATH, GROUPS, INPUTS, PERCENT_KINDS, WHATIFS, InputSpec, inputs_of  # noqa: F401
from decision.model.triage import Reason
from decision.text import fmt
from decision.text.i18n import MoneyFormat, translate
from decision.text.say import say_in_kind

PARTS: tuple[str, ...] = ("low", "mode", "high")
# The groups of estimates the Assumptions page shows, in its order: v1's, the contract, and the optional
# groups (another partner, an exit by agreement) when the case has them.
PAGE_GROUPS: tuple[str, ...] = ("current", "contract", "stop", "legal", "solve", "supplier", "partner", "exit_deal")


def groups_of(case: Case) -> tuple[str, ...]:
    """The groups of estimates a case holds, as the Assumptions page shows them."""
    return tuple(g for g in PAGE_GROUPS if g not in registry.OPTIONAL_GROUPS or getattr(case, g) is not None)


def to_display(kind: str, value: float) -> float:
    """A stored value in the unit the director types: percentages for shares."""
    return round(value * 100.0, 6) if kind in PERCENT_KINDS else float(value)


def from_display(kind: str, value: float) -> float:
    return value / 100.0 if kind in PERCENT_KINDS else float(value)


def format_value(kind: str, value: float | None, lang: str, money: MoneyFormat = fmt.money) -> str:
    """A stored value as the director reads it: money (written with ``money``), a percentage or months."""
    return say_in_kind(kind, value, lang, money)


def format_estimate(spec: InputSpec, estimate: Estimate, lang: str, money: MoneyFormat = fmt.money) -> str:
    """ "€20,000 – €35,000 – €60,000, mean €36,667" (or one value when fixed)."""
    if estimate.is_fixed:
        return format_value(spec.kind, estimate.low, lang, money)
    points = " – ".join(format_value(spec.kind, getattr(estimate, part), lang, money) for part in PARTS)
    return translate("inputs.range", lang, points=points, mean=format_value(spec.kind, estimate.mean, lang, money))


def estimate_problems(spec: InputSpec, low: float | None, mode: float | None, high: float | None) -> list[Reason]:
    """What is wrong with a three-point estimate (stored units), as reasons naming the field."""
    values = {"low": low, "mode": mode, "high": high}
    missing = [part for part, value in values.items() if value is None or not math.isfinite(value)]
    if missing:
        return [Reason("inputs.error.missing", {"part": part}) for part in missing]
    assert low is not None and mode is not None and high is not None  # none is missing (checked above)
    problems: list[Reason] = []
    for part, value in {"low": low, "mode": mode, "high": high}.items():
        if spec.minimum is not None and value < spec.minimum:
            problems.append(Reason("inputs.error.below", {"part": part, "value": value, "limit": spec.minimum}))
        if spec.maximum is not None and value > spec.maximum:
            problems.append(Reason("inputs.error.above", {"part": part, "value": value, "limit": spec.maximum}))
    if not problems and not (low <= mode <= high):
        problems.append(Reason("inputs.error.order", {"low": low, "mode": mode, "high": high}))
    return problems


def bound_problems(
    key: str, kind: str, value: float | None, minimum: float | None, maximum: float | None
) -> list[Reason]:
    """What is wrong with a single value (client share, liability cap), as reasons naming the field."""
    if value is None or not math.isfinite(value):
        return [Reason("inputs.error.single_missing", {"field": key})]
    if minimum is not None and value < minimum:
        return [Reason("inputs.error.single_below", {"field": key, "kind": kind, "value": value, "limit": minimum})]
    if maximum is not None and value > maximum:
        return [Reason("inputs.error.single_above", {"field": key, "kind": kind, "value": value, "limit": maximum})]
    return []


def describe_problem(spec_or_kind: InputSpec | str, label: str, problem: Reason, lang: str) -> str:
    """One sentence a director understands: the field, what is wrong, what to do."""
    kind = spec_or_kind.kind if isinstance(spec_or_kind, InputSpec) else spec_or_kind
    return translate(problem.key, lang, **{**problem.values, "field": label, "kind": kind})


def estimate_change(case: Case, spec: InputSpec, new: dict[str, Any]) -> dict[str, Any] | None:
    """The estimate to write back (the director's own), or None when ``new`` says what the case already
    says. New numbers for a default drop the default's source, which described the default's numbers
    ("Standaardwaarde van het model: 0% per jaar"), unless the director rewrote the source too."""
    current = case_estimate(case, spec.path)
    same_numbers = all(math.isclose(getattr(current, part), new[part], rel_tol=1e-9, abs_tol=1e-12) for part in PARTS)
    if same_numbers and all(getattr(current, name) == new[name] for name in ("distribution", "source", "note")):
        return None
    if not same_numbers and current.origin == "default" and new["source"] == current.source:
        return {**new, "source": ""}
    return new


def whatif_default(case: Case, path: str) -> float:
    """Where a what-if control starts: the estimate's mean in display units. An amount (typed in a
    text field) to the euro; a slider's value on the control's step, moved into the control's range
    (replacement in 0 to 1 months has a mean of 0.2, below the control's first month; a slider given
    a start outside its range raises)."""
    spec = BY_PATH[path]
    mean = to_display(spec.kind, case_estimate(case, path).mean)
    if spec.kind in registry.MONEY_KINDS:  # typed in a text field: the mean to the euro, not on a step
        return float(round(mean))
    step = WHATIFS[path]
    low, high = whatif_range(case, path)
    return min(max(round(mean / step) * step, low), high)


def whatif_range(case: Case, path: str) -> tuple[float, float]:
    """The range of a what-if control in display units: the allowed range, or up to twice the high value,
    within what the input accepts, and at least one step wide (a slider needs its maximum above its minimum)."""
    spec = BY_PATH[path]
    step = WHATIFS[path]
    if spec.kind in PERCENT_KINDS:
        low, high = to_display(spec.kind, spec.minimum or 0.0), to_display(spec.kind, spec.maximum or 1.0)
    else:
        high = math.ceil(max(case_estimate(case, path).high * 2.0, step * 10) / step) * step
        low = 1.0 if spec.kind == "months" else 0.0
    if spec.minimum is not None:
        low = max(low, to_display(spec.kind, spec.minimum))
    if spec.maximum is not None:
        high = min(high, to_display(spec.kind, spec.maximum))
    return low, max(high, low + step)


def override_changes(case: Case, overrides: dict[str, float]) -> dict[str, dict[str, Any]]:
    """The what-if values (display units) as changes to the case: each input one fixed value.

    The source, note and distribution of the estimate are kept, so the ledger still says
    where the number came from.
    """
    changes: dict[str, dict[str, Any]] = {}
    for path, shown in overrides.items():
        spec = BY_PATH[path]
        value = from_display(spec.kind, shown)
        original = case_estimate(case, path)
        changes[path] = {
            "low": value,
            "mode": value,
            "high": value,
            "distribution": original.distribution,
            "source": original.source,
            "note": original.note,
        }
    return changes


def with_overrides(case: Case, overrides: dict[str, float]) -> Case:
    """A copy of the case with the what-if values applied; the case itself is not changed."""
    if not overrides:
        return case
    data = case.model_dump(mode="json")
    for path, estimate in override_changes(case, overrides).items():
        group, name = path.split(".")
        data[group][name] = estimate
    return parse_case(data)
