"""Named variants of the assumptions, and both parties' estimates compared input by input.

A variant holds the groups ``current``, ``stop``, ``legal``, ``solve``,
``supplier`` and ``contract`` of a case under a name ("client view", "pessimistic"),
and the assumptions of the optional ways out (``partner``, ``exit_deal``) the case
considers. Applying it gives the case with those assumptions; everything else
(triage, diagnosis, horizon, which optional ways out are considered) stays the
case's own: a variant's partner or exit deal applies only while the case has that
way out switched on, and a variant saved without a contract (before v2) keeps the
case's. Evaluating is left to the caller (an
``evaluate`` function), so the app can use its cached evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from decision.analysis import inputs
from decision.engine.results import Evaluation
from decision.model import registry
from decision.model.case import Case, Estimate, Variant
from decision.model.problems import CaseError, describe
from decision.model.registry import GROUPS
from decision.model.triage import Reason

MAX_COMPARED = 4
MAX_STORED = Case.model_fields["variants"].metadata[0].max_length

Party = Literal["client", "supplier"]
PARTIES: tuple[Party, ...] = ("client", "supplier")

# The inputs that hold one value (or a choice) rather than an estimate, with their kind;
# the estimates are those of decision.analysis.inputs.
SINGLE_INPUTS: dict[str, str] = {spec.path: spec.kind for spec in registry.SINGLE_INPUTS}
# The estimates a variant holds (those of its groups), in registry order.
ESTIMATES: tuple[inputs.InputSpec, ...] = tuple(spec for spec in inputs.INPUTS if spec.group in GROUPS)
COMPARED: tuple[str, ...] = tuple(spec.path for spec in ESTIMATES) + tuple(SINGLE_INPUTS)

Value = Estimate | float | str | None
Evaluate = Callable[[Case], Evaluation]


def capture(case: Case, name: str, party: Party | None = None) -> Variant:
    """The case's current assumptions as a variant called ``name``."""
    return _validated(Variant, {"name": name.strip(), "party": party, **_groups(case)})


def find(case: Case, name: str) -> Variant | None:
    return next((variant for variant in case.variants if variant.name == name), None)


def of_party(case: Case, party: Party) -> Variant | None:
    """The variant marked as ``party``'s view (the first one, if several are)."""
    return next((variant for variant in case.variants if variant.party == party), None)


def save(case: Case, variant: Variant) -> Case:
    """The case with ``variant`` stored: it replaces one of the same name, or is added at the end.

    A party's view is unique: saving a new client view unmarks an older one.
    """
    kept = [
        old if variant.party is None or old.party != variant.party else old.model_copy(update={"party": None})
        for old in case.variants
    ]
    names = [old.name for old in kept]
    if variant.name in names:
        kept[names.index(variant.name)] = variant
    elif len(kept) >= MAX_STORED:
        raise CaseError([f"variants: a case holds at most {MAX_STORED} variants; remove one first"])
    else:
        kept.append(variant)
    return case.model_copy(update={"variants": tuple(kept)})


def remove(case: Case, name: str) -> Case:
    return case.model_copy(update={"variants": tuple(v for v in case.variants if v.name != name)})


def apply(case: Case, variant: Variant) -> Case:
    """The case with the variant's assumptions; its stored variants are kept."""
    update = {
        group: getattr(variant, group)
        for group in GROUPS
        if getattr(variant, group) is not None and getattr(case, group) is not None
    }
    return case.model_copy(update=update)


def scenario(case: Case, variant: Variant) -> Case:
    """The case as the variant sees it, without the stored variants.

    Its evaluation does not depend on which other variants exist, so a cached
    evaluation stays valid when a variant is added or removed.
    """
    return apply(case, variant).model_copy(update={"variants": ()})


def value(variant: Variant | Case, path: str) -> Value:
    """The input at ``path`` ("solve.p_success") of a variant or a case; None when it does not hold the group."""
    group, field = path.split(".")
    held = getattr(variant, group)
    return None if held is None else getattr(held, field)


def holds(variant: Variant | Case, path: str) -> bool:
    """Whether the variant (or case) holds the group of the input at ``path``."""
    return getattr(variant, path.split(".")[0]) is not None


def estimates_held(*views: Variant) -> tuple[inputs.InputSpec, ...]:
    """The estimates every one of ``views`` holds, in registry order (an optional way out only when all do)."""
    return tuple(spec for spec in ESTIMATES if all(holds(view, spec.path) for view in views))


def with_values(variant: Variant, changes: Mapping[str, Any]) -> Variant:
    """The variant with inputs replaced (an Estimate, a number, a dict or None); CaseError if invalid."""
    data = variant.model_dump(mode="json")
    for path, new in changes.items():
        group, field = path.split(".")
        data[group][field] = new.model_dump(mode="json") if isinstance(new, Estimate) else new
    return _validated(Variant, data)


Entry = tuple[float | None, float | None, float | None]


def kind(path: str) -> str:
    """The kind of an input (decision.analysis.inputs kinds, or "strategy" for the fallback)."""
    return SINGLE_INPUTS[path] if path in SINGLE_INPUTS else inputs.BY_PATH[path].kind


def entry_problems(entries: Mapping[str, Entry]) -> dict[str, list[Reason]]:
    """What is wrong with (low, most likely, high) entries in display units, per input path.

    Three empty entries for an input that may be empty (the supplier's revenue) mean "no value".
    """
    found: dict[str, list[Reason]] = {}
    for path, entry in entries.items():
        if all(number is None for number in entry) and _optional(path):
            continue
        spec = inputs.BY_PATH[path]
        stored = [None if number is None else inputs.from_display(spec.kind, number) for number in entry]
        problems = inputs.estimate_problems(spec, *stored)
        if problems:
            found[path] = problems
    return found


def with_estimates(variant: Variant, entries: Mapping[str, Entry]) -> Variant:
    """The variant with (low, most likely, high) entered in display units (percent for shares).

    The distribution, source and note of an estimate are kept. Raises CaseError
    (one line per input) when ``entry_problems`` finds anything.
    """
    problems = entry_problems(entries)
    if problems:
        raise CaseError([f"{path}: {', '.join(r.key for r in reasons)}" for path, reasons in problems.items()])
    changes: dict[str, Any] = {}
    for path, entry in entries.items():
        if all(number is None for number in entry):
            changes[path] = None
            continue
        spec = inputs.BY_PATH[path]
        low, mode, high = (inputs.from_display(spec.kind, number) for number in entry)  # type: ignore[arg-type]
        old = estimate(variant, path)
        kept = {"distribution": old.distribution, "source": old.source, "note": old.note} if old else {}
        changes[path] = {**kept, "low": low, "mode": mode, "high": high}
    return with_values(variant, changes)


def estimate(variant: Variant, path: str) -> Estimate | None:
    """The estimate at ``path``; None for an empty optional input."""
    found = value(variant, path)
    return found if isinstance(found, Estimate) else None


@dataclass(frozen=True)
class Difference:
    """One input on which two variants differ."""

    path: str
    kind: str
    first: Value
    second: Value


def _comparable(item: Value) -> Any:
    """What counts for a difference: the numbers and the distribution, not the source or note."""
    if isinstance(item, Estimate):
        return (item.low, item.mode, item.high, item.distribution)
    return item


def differences(first: Variant, second: Variant) -> list[Difference]:
    """The inputs on which two variants differ: the estimates in registry order, then the rest."""
    return [
        Difference(path, kind(path), value(first, path), value(second, path))
        for path in COMPARED
        if holds(first, path)
        and holds(second, path)
        and _comparable(value(first, path)) != _comparable(value(second, path))
    ]


@dataclass(frozen=True)
class InputEffect:
    """What the recommendation becomes when the client's view takes the supplier's estimate of one input."""

    difference: Difference
    strategy: str
    flips: bool


@dataclass(frozen=True)
class PartyGap:
    """Where the client's and the supplier's estimates differ and whether that changes the choice."""

    client_strategy: str
    supplier_strategy: str
    effects: tuple[InputEffect, ...]

    @property
    def changes_recommendation(self) -> bool:
        return self.client_strategy != self.supplier_strategy

    @property
    def decisive(self) -> tuple[InputEffect, ...]:
        """The inputs that flip the recommendation on their own."""
        return tuple(effect for effect in self.effects if effect.flips)


def party_gap(case: Case, client: Variant, supplier: Variant, evaluate: Evaluate) -> PartyGap:
    """Evaluate both views, and the client's view with each differing input swapped for the supplier's."""
    client_case = scenario(case, client)
    client_strategy = evaluate(client_case).recommendation.strategy
    supplier_strategy = evaluate(scenario(case, supplier)).recommendation.strategy
    effects = []
    for difference in differences(client, supplier):
        swapped = scenario(case, with_values(client, {difference.path: difference.second}))
        strategy = evaluate(swapped).recommendation.strategy
        effects.append(InputEffect(difference, strategy, strategy != client_strategy))
    return PartyGap(client_strategy, supplier_strategy, tuple(effects))


def evaluate_all(case: Case, names: Sequence[str], evaluate: Evaluate) -> dict[str, Evaluation]:
    """The evaluation of each named variant (at most ``MAX_COMPARED``), in the order given."""
    if len(names) > MAX_COMPARED:
        raise ValueError(f"at most {MAX_COMPARED} variants are compared side by side")
    found = {name: find(case, name) for name in names}
    return {name: evaluate(scenario(case, variant)) for name, variant in found.items() if variant is not None}


def _groups(case: Case) -> dict[str, Any]:
    return {group: None if (held := getattr(case, group)) is None else held.model_dump(mode="json") for group in GROUPS}


def _optional(path: str) -> bool:
    spec = registry.BY_PATH[path]
    return spec.optional


def _validated(model: type[Variant], data: dict[str, Any]) -> Variant:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise CaseError(describe(error)) from None
