"""How complete a case is: whose numbers it holds, and what a recommendation still needs.

Every estimate a case shows on the Assumptions page is one of three:

- ``own``: the director's number (entered, or in a file they wrote);
- ``default``: a number the director did not give: a quick-start estimate from
  docs/DOMAIN.md (marked ``origin="default"`` with its source), the model's own default of an
  input the case leaves out (growth of the dysfunction 0%), or an empty estimate that borrows
  another's draw (the supplier's revenue from the client's running cost);
- ``empty``: still the new case's neutral placeholder (``origin="empty"``).

A recommendation needs every estimate filled in (own or default) and the four triage questions
answered (``readiness``). One that rests on defaults says so, and names the defaults that move it
most (``defaults_that_matter``, by the tornado's swing). A risk left at the one value that rules it
out (no growth of the damage, no incident, no counterclaim, all damages recovered) has no range and
so no swing: ``risks_left_out`` names those apart, with the value the advice assumed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from decision.engine.simulation import case_estimate
from decision.model.case import Case, Estimate
from decision.model.registry import InputSpec, inputs_in, inputs_of, left_empty
from decision.text import fmt
from decision.text.i18n import MoneyFormat, translate
from decision.text.say import say_in_kind

Origin = Literal["own", "default", "empty"]
TRIAGE_QUESTIONS: tuple[str, ...] = (
    "weekly_board_agenda",
    "continuity_threat",
    "client_recognises_supplier",
    "supplier_values_client",
)


def shown_inputs(case: Case, group: str | None = None) -> tuple[InputSpec, ...]:
    """The estimates the case holds that the director is asked for (Assumptions' rows), in file order."""
    held = {spec.path for spec in inputs_in(case)}
    groups = (group,) if group else tuple(dict.fromkeys(spec.group for spec in inputs_in(case)))
    return tuple(spec for g in groups for spec in inputs_of(g) if spec.path in held)


def origin_of(case: Case, spec: InputSpec) -> Origin:
    """Whose number the case holds for ``spec`` (see the module docstring)."""
    if left_empty(case, spec):
        return "default"
    holder = getattr(case, spec.group) if spec.group else case
    estimate: Estimate = getattr(holder, spec.field)
    if estimate.origin != "own":
        return estimate.origin
    model_default = not spec.required and not spec.optional and spec.default is not None
    if model_default and estimate == Estimate.fixed(float(spec.default)):  # type: ignore[arg-type]
        return "default"
    return "own"


@dataclass(frozen=True)
class Count:
    """How many of a set of estimates are the director's own, defaults, or still empty."""

    own: int = 0
    default: int = 0
    empty: int = 0

    @property
    def total(self) -> int:
        return self.own + self.default + self.empty

    @property
    def complete(self) -> bool:
        return self.empty == 0


def count(case: Case, group: str | None = None) -> Count:
    """The estimates of the case (or of one group) by origin."""
    origins = [origin_of(case, spec) for spec in shown_inputs(case, group)]
    return Count(origins.count("own"), origins.count("default"), origins.count("empty"))


def unanswered(case: Case) -> tuple[str, ...]:
    """The triage questions the case has not answered yet, in the page's order."""
    return tuple(name for name in TRIAGE_QUESTIONS if getattr(case.triage, name) is None)


@dataclass(frozen=True)
class Readiness:
    """What a recommendation still needs: the empty estimates and the unanswered triage questions;
    ``untouched`` when nothing at all has been entered yet (every estimate empty, no answer given)."""

    empty: tuple[InputSpec, ...]
    unanswered: tuple[str, ...]
    untouched: bool = False

    @property
    def ready(self) -> bool:
        return not self.empty and not self.unanswered


def readiness(case: Case) -> Readiness:
    """What the case still needs before the app recommends on it."""
    shown = shown_inputs(case)
    empty = tuple(spec for spec in shown if origin_of(case, spec) == "empty")
    open_questions = unanswered(case)
    untouched = len(empty) == sum(1 for spec in shown if spec.required) and len(open_questions) == len(TRIAGE_QUESTIONS)
    return Readiness(empty, open_questions, untouched)


def defaults_of(case: Case) -> tuple[InputSpec, ...]:
    """The estimates of the case that are defaults, in file order."""
    return tuple(spec for spec in shown_inputs(case) if origin_of(case, spec) == "default")


def defaults_that_matter(case: Case, swings: Iterable[tuple[str, float]], top: int = 3) -> tuple[InputSpec, ...]:
    """The defaults that move the recommendation most: ``swings`` is the tornado's (input path, swing)
    per bar; the defaults among them with a swing above zero, largest first, at most ``top``."""
    defaults = {spec.path: spec for spec in defaults_of(case)}
    ranked = sorted(((swing, path) for path, swing in swings if path in defaults and swing > 0), reverse=True)
    return tuple(defaults[path] for _, path in ranked[:top])


def say_rests_on_defaults(case: Case, swings: Iterable[tuple[str, float]], lang: str) -> str | None:
    """ "This recommendation rests partly on defaults. Those that matter most: ...", naming
    ``defaults_that_matter`` (``swings``: the tornado's), or None when no default moves it."""
    matter = defaults_that_matter(case, swings)
    if not matter:
        return None
    names = ", ".join(translate(spec.label_key, lang) for spec in matter)
    return translate("completeness.rests_on_defaults", lang, inputs=names)


def risks_left_out(case: Case) -> tuple[InputSpec, ...]:
    """The risks (``InputSpec.risk``) the case holds at the default that rules them out, as that one
    value, in file order. The advice has not weighed them, and the tornado cannot rank them (a single
    value has no swing), so ``defaults_that_matter`` never names them. (An estimate left empty takes
    its stand-in's draw: no default value, so not named.)"""
    return tuple(
        spec
        for spec in shown_inputs(case)
        if spec.risk
        and not left_empty(case, spec)
        and origin_of(case, spec) == "default"
        and case_estimate(case, spec.path).is_fixed
        and case_estimate(case, spec.path).low == spec.default
    )


def say_risks_left_out(case: Case, lang: str, money: MoneyFormat = fmt.money) -> str | None:
    """ "The advice has not weighed these risks yet: ... Current situation: Growth of the dysfunction
    (0% per year); ... Legal procedure: ...", by the Assumptions tab each is entered on, or None
    when the case estimates every risk. Amounts are written with ``money`` (a workshop's own)."""
    by_tab: dict[str, list[str]] = {}
    for spec in risks_left_out(case):
        value = say_in_kind(spec.kind, case_estimate(case, spec.path).low, lang, money)
        said = translate("completeness.risk_at", lang, input=translate(spec.label_key, lang), value=value)
        by_tab.setdefault(spec.group, []).append(said)
    if not by_tab:
        return None
    groups = " ".join(
        translate(
            "completeness.risk_group", lang, group=translate(f"inputs.group.{group}", lang), risks="; ".join(said)
        )
        for group, said in by_tab.items()
    )
    return translate("completeness.risks_left_out", lang, groups=groups)


class NotReady(ValueError):
    """A recommendation was asked of a case that is not ready: ``lines`` say what to fill in first."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def what_to_fill_in(case: Case, lang: str) -> tuple[str, ...]:
    """What a recommendation still needs, one line per Assumptions tab with empty estimates and one
    for the triage, in ``lang`` ("Huidige situatie: disfunctie per maand, lopende kosten per maand")."""
    state = readiness(case)
    lines: list[str] = []
    groups = tuple(dict.fromkeys(spec.group for spec in state.empty))
    for group in groups:
        names = [translate(spec.label_key, lang) for spec in state.empty if spec.group == group]
        lines.append(
            translate(
                "completeness.missing_estimates",
                lang,
                group=translate(f"inputs.group.{group}", lang),
                inputs=", ".join(names),
                count=len(names),
            )
        )
    if state.unanswered:
        questions = [translate(f"completeness.question.{name}", lang) for name in state.unanswered]
        lines.append(translate("completeness.missing_triage", lang, questions="; ".join(questions)))
    return tuple(lines)


def require_ready(case: Case, lang: str) -> None:
    """Raise ``NotReady`` (with what to fill in) when the case is not ready for a recommendation."""
    if not readiness(case).ready:
        raise NotReady(
            (
                translate(
                    "completeness.no_advice_untouched" if readiness(case).untouched else "completeness.no_advice", lang
                ),
            )
            + what_to_fill_in(case, lang)
        )


def say_count(case: Case, lang: str, group: str | None = None) -> str:
    """ "21 of 26 estimates are yours, 5 are defaults" (and how many are still empty)."""
    numbers = count(case, group)
    key = "completeness.count_with_empty" if numbers.empty else "completeness.count"
    return translate(key, lang, own=numbers.own, total=numbers.total, defaults=numbers.default, empty=numbers.empty)
