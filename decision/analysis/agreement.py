"""The SMART agreement: the checks per criterion, the perception gap, the principles, the draft.

The goal of a principled solution (source text, MODEL.md section 4) has three parts:
a decently functioning system (the criteria below), added value for the client (its
gain over its BATNA) and a normal margin for the supplier.

SMART as Dutch boards read it (Specifiek, Meetbaar, Acceptabel, Realistisch, Tijdgebonden);
the rules for one criterion (``SmartGoal``), under the machine keys of ``SMART``:

- specific: it names an area, a metric and a target value;
- measurable: it has a unit;
- agreed (Acceptabel): both parties have agreed the criterion (its ``agreed`` box);
- realistic (Realistisch): the target lies within what the parties judge feasible. With a
  ``feasible_value`` (the best value seen or agreed) the target must not go beyond it; without
  one, ``realistic_confirmed`` must be ticked. "Beyond" follows the criterion's direction, which
  is the direction of its target from its baseline: a target above the baseline means higher is
  better (the target may not be above the best value), below the baseline lower is better (the
  target may not be below it); a target equal to the baseline keeps today's level, which is
  realistic. Without a baseline the direction is unknown, so the row asks for it. A given best
  value rules: a confirmation does not override it;
- time_bound: it has a deadline within the horizon, from ``start_date`` (or today when
  the case has none) to ``start_date`` + ``horizon_months``.

The check no longer compares a target with the model's residual dysfunction (a KPI target is
not a fraction of the problem), and no longer asks whether the area is relevant (the R of the
Dutch reading is Realistisch); the agenda still lists the areas the client rates 2 or higher.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from decision.analysis.negotiation import NegotiationAnalysis, equal_gain
from decision.engine.results import Recommendation
from decision.engine.zopa import Zopa
from decision.model.case import DIAGNOSIS_AREAS, Case, SmartGoal
from decision.model.triage import Reason, triage
from decision.text import fmt
from decision.text.i18n import MoneyFormat, translate
from decision.text.markdown import escape_markdown

# The five checks as stable machine keys (the JSON's), in the order of the letters; their names in a
# language are the catalogue's agreement.smart.<key> (Specifiek ... / Specific, Measurable, Agreed, ...).
SMART = ("specific", "measurable", "agreed", "realistic", "time_bound")
RELEVANT_SEVERITY = 2  # an area the client rates this high or higher is a problem to put on the agenda
MEASURES = frozenset({"target", "best", "baseline"})  # the values of the problems said with two decimals
AGENDA_GAP = 1  # a difference of one point or more between the parties is an agenda point


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the last day of the month when that day does not exist)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def horizon(case: Case, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of the horizon: the case's start date (or today) plus its months."""
    start = case.start_date or today or dt.date.today()
    return start, add_months(start, case.horizon_months)


@dataclass(frozen=True)
class GoalCheck:
    goal: SmartGoal
    checks: dict[str, bool]
    problems: tuple[Reason, ...]

    @property
    def smart(self) -> bool:
        return all(self.checks.values())


def direction(goal: SmartGoal) -> int | None:
    """Which way is better for the criterion: 1 higher (target above baseline), -1 lower (target below
    baseline), 0 when the target keeps the baseline; None without both a baseline and a target."""
    if goal.baseline is None or goal.target is None:
        return None
    return (goal.target > goal.baseline) - (goal.target < goal.baseline)


def _realistic(goal: SmartGoal) -> Reason | None:
    """What to fill in for the realistic rule of the module docstring, or None when the target is realistic."""
    best, target = goal.feasible_value, goal.target
    if best is None:
        return None if goal.realistic_confirmed else Reason("agreement.problem.realistic_unknown")
    if target is None:
        return Reason("agreement.problem.realistic_no_target", {"best": best})
    way = direction(goal)
    if way is None:
        return Reason("agreement.problem.realistic_no_direction", {"target": target, "best": best})
    if way > 0 and target > best:
        return Reason("agreement.problem.above_best", {"target": target, "best": best})
    if way < 0 and target < best:
        return Reason("agreement.problem.below_best", {"target": target, "best": best})
    return None


def check_goal(goal: SmartGoal, case: Case, today: dt.date | None = None) -> GoalCheck:
    """One criterion against the SMART rules of the module docstring, with what is missing."""
    problems: list[Reason] = []
    missing = [
        name
        for name, value in (("area", goal.area), ("metric", goal.metric.strip()), ("target", goal.target))
        if value is None or value == ""
    ]
    problems += [Reason(f"agreement.problem.no_{name}") for name in missing]
    measurable = bool(goal.unit.strip())
    if not measurable:
        problems.append(Reason("agreement.problem.no_unit"))
    if not goal.agreed:
        problems.append(Reason("agreement.problem.not_agreed"))
    realistic = _realistic(goal)
    if realistic is not None:
        problems.append(realistic)
    start, end = horizon(case, today)
    if goal.deadline is None:
        problems.append(Reason("agreement.problem.no_deadline"))
    elif goal.deadline > end:
        problems.append(Reason("agreement.problem.after_horizon", {"deadline": goal.deadline, "end": end}))
    elif goal.deadline < start:
        problems.append(Reason("agreement.problem.before_start", {"deadline": goal.deadline, "start": start}))
    checks = {
        "specific": not missing,
        "measurable": measurable,
        "agreed": goal.agreed,
        "realistic": realistic is None,
        "time_bound": goal.deadline is not None and start <= goal.deadline <= end,
    }
    return GoalCheck(goal, checks, tuple(problems))


def check_goals(case: Case, today: dt.date | None = None) -> tuple[GoalCheck, ...]:
    return tuple(check_goal(goal, case, today) for goal in case.smart_goals)


@dataclass(frozen=True)
class AreaGap:
    """How the client and the supplier rate one area (0-4); ``gap`` = client - supplier."""

    area: str
    client: int
    supplier: int

    @property
    def gap(self) -> int:
        return self.client - self.supplier


def perception_gap(case: Case) -> tuple[AreaGap, ...]:
    """The areas both parties rated, the largest absolute gap first (ties in the areas' order)."""
    rated = [
        AreaGap(area, rating.client, rating.supplier)
        for area in DIAGNOSIS_AREAS
        if (rating := getattr(case.diagnosis, area)).supplier is not None
    ]
    return tuple(sorted(rated, key=lambda g: (-abs(g.gap), DIAGNOSIS_AREAS.index(g.area))))


def agenda(case: Case) -> tuple[Reason, ...]:
    """The agenda for the intake: every area the parties rate differently, largest gap first,
    then the areas the client finds a problem and the supplier has not rated."""
    points = [
        Reason(
            "agreement.agenda.client_worse" if g.gap > 0 else "agreement.agenda.supplier_worse",
            {"area": g.area, "client": g.client, "supplier": g.supplier, "gap": abs(g.gap)},
        )
        for g in perception_gap(case)
        if abs(g.gap) >= AGENDA_GAP
    ]
    for area in DIAGNOSIS_AREAS:
        rating = getattr(case.diagnosis, area)
        if rating.supplier is None and rating.client >= RELEVANT_SEVERITY:
            points.append(Reason("agreement.agenda.unrated", {"area": area, "client": rating.client}))
    return tuple(points)


@dataclass(frozen=True)
class Principle:
    """One principle of Getting to Yes with the case's own content so far."""

    key: str  # people, interests, options, criteria
    done: bool
    points: tuple[Reason, ...]


def plural(prefix: str, count: int) -> str:
    """The message for ``count`` things: ``<prefix>one`` for one, ``<prefix>many`` for any other number
    (Dutch and English both have these two forms: "1 criterium", "3 criteria")."""
    return prefix + ("one" if count == 1 else "many")


def normal_margin(analysis: NegotiationAnalysis) -> float:
    """The supplier's normal margin as 7.8 reports it (``zopa.normal_margin``, the mean of the sampled
    margin; the Negotiation page's and the warnings' figure), else its revenue-weighted mean."""
    normal = analysis.zopa.normal_margin
    return analysis.margin.normal if normal is None else normal


def principles(case: Case, analysis: NegotiationAnalysis) -> tuple[Principle, ...]:
    """The four principles as a checklist; ``done`` says the case has what the principle needs."""
    talk = case.negotiation
    recognition = tuple(r for r in triage(case).reasons if "recognition" in r.key)
    scores = (case.triage.client_recognises_supplier, case.triage.supplier_values_client)
    rated = perception_gap(case)
    gaps = sum(1 for g in rated if abs(g.gap) >= AGENDA_GAP)
    # Without the supplier's view there is no difference to count: say what is missing, not "0 areas differ".
    facts = (
        Reason("agreement.principle.gaps_unrated")
        if not rated
        else Reason("agreement.principle.gaps_none")
        if not gaps
        else Reason(plural("agreement.principle.gaps_", gaps), {"count": gaps})
    )
    people = Principle("people", all(score is not None and score > 2 for score in scores), (*recognition, facts))
    missing = [
        side
        for side, text in (("client", talk.client_interests), ("supplier", talk.supplier_interests))
        if not text.strip()
    ]
    interests = Principle(
        "interests", not missing, tuple(Reason(f"agreement.principle.no_interests_{side}") for side in missing)
    )
    options = Principle(
        "options",
        bool(talk.options),
        (Reason(plural("agreement.principle.options_", len(talk.options)), {"count": len(talk.options)}),),
    )
    zopa = analysis.zopa
    goals = len(case.smart_goals)
    # The equal-gain split as negotiation.equal_gain reads it: a split clamped to the zone's edge is not
    # called equal; the principle says which party gains more at every split and names the nearest split.
    equal = equal_gain(zopa)
    split = "no_zone" if equal.kind == "none" else equal.kind
    points = [
        Reason(f"agreement.principle.criteria_{split}", {} if equal.share is None else {"share": equal.share}),
        Reason(plural("agreement.principle.criteria_goals_", goals), {"count": goals}),
        Reason("agreement.principle.criteria_margin", {"share": normal_margin(analysis)}),
    ]
    criteria = Principle("criteria", zopa.equal_gain_share is not None and bool(case.smart_goals), tuple(points))
    return people, interests, options, criteria


def apply_table_edits(
    rows: list[dict[str, Any]], edits: dict[str, Any], fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The rows after the changes a table editor reports (``edited_rows`` by position,
    ``added_rows``, ``deleted_rows``); only ``fields`` are kept, and empty cells are
    left out so that the case model's defaults apply."""
    changed = [dict(row) for row in rows]
    for index, values in edits.get("edited_rows", {}).items():
        changed[int(index)].update(values)
    deleted = {int(index) for index in edits.get("deleted_rows", [])}
    changed = [row for index, row in enumerate(changed) if index not in deleted]
    changed += [dict(row) for row in edits.get("added_rows", [])]
    return [{k: v for k, v in row.items() if k in fields and v is not None and v != ""} for row in changed]


# --- Saying it --------------------------------------------------------------------------------


def advice_note(recommendation: Recommendation) -> Reason | None:
    """What the agreement draft is when the advice is not to solve: a deal the triage rules out, or one the
    advice does not choose. A draft that stood without it read as the advice (a new user's walk, the memo)."""
    if recommendation.strategy == "solve":
        return None
    key = "agreement.not_advised" if "solve" in recommendation.allowed else "agreement.not_advised_excluded"
    return Reason(key, {"strategy": recommendation.strategy})


def say(reason: Reason, lang: str) -> str:
    """A reason as a sentence (area names and dates said in the language; a criterion's measures
    with up to two decimals, as the table shows them)."""
    values = {k: fmt.number(v, lang, 2) if k in MEASURES else v for k, v in reason.values.items()}
    return Reason(reason.key, values).say(lang)


def check_names(lang: str) -> dict[str, str]:
    """The five checks' machine keys with their names in ``lang`` (Specifiek ... / Specific ...)."""
    return {key: translate(f"agreement.smart.{key}", lang) for key in SMART}


def _goal_part(
    case: Case, analysis: NegotiationAnalysis, checked: tuple[GoalCheck, ...], lang: str, money: MoneyFormat
) -> dict[str, Any]:
    zopa, margin = analysis.zopa, analysis.margin
    smart = sum(1 for c in checked if c.smart)
    if checked:
        system = translate(plural("agreement.goal.system_", len(checked)), lang, count=len(checked), smart=smart)
    else:
        system = translate("agreement.goal.system_none", lang)
    gain = zopa.client_gain_at_case_share
    client = translate(
        "agreement.goal.client_better" if gain >= 0 else "agreement.goal.client_worse",
        lang,
        money_format=money,
        share=zopa.case_share,
        amount=abs(gain),
        strategy=zopa.client_batna,
    )
    expected = zopa.supplier_margin_at_case_share  # MODEL.md 7.8: the risk that solving fails included
    values: dict[str, Any] = {
        "share": zopa.case_share,
        "share_normal": fmt.percent(normal_margin(analysis), lang, 1),
        "share_success": fmt.percent(margin.at(zopa.case_share), lang, 1),
    }
    if expected is None:  # the client pays the supplier nothing under solve: no margin to state, say its value
        key = "agreement.goal.supplier_unpaid"
        values["amount"] = zopa.supplier_solve_value
    else:
        key = "agreement.goal.supplier_margin" if expected >= 0 else "agreement.goal.supplier_loss"
        # A loss stays a loss when written to one decimal (at most -0.1%), never "-0.0%".
        values["share_agreement"] = fmt.percent(expected if expected >= 0 else min(expected, -0.001), lang, 1)
    return {
        "statement": translate("agreement.goal.statement", lang),
        "decent_system": system,
        "client_value": client,
        "supplier_margin": translate(key, lang, money_format=money, **values),
        "judge": translate("agreement.md.judge", lang),
    }


def draft(
    case: Case,
    analysis: NegotiationAnalysis,
    lang: str = "en",
    today: dt.date | None = None,
    money: MoneyFormat = fmt.money,
) -> dict[str, Any]:
    """The agreement draft as plain data (the JSON of ``python -m decision agreement``).

    ``smart_checks`` names the five checks in ``lang`` under their machine keys; each criterion's
    ``checks`` holds the same keys with true or false, and ``smart`` says all five hold.
    ``money`` writes the amounts in its sentences (a workshop page may round or hide them).

    The supplier's margin at the case's split is MODEL.md 7.8's expected margin (the risk that solving
    fails included): ``zopa.supplier_margin_at_case_share`` as in ``evaluate``, and the goal's
    ``supplier_margin`` sentence. ``zopa.supplier_margin_if_success`` is the secondary figure the
    Negotiation page shows beside it: ``supplier_normal_margin`` (revenue-weighted) less the supplier's
    share of the programme over its revenue over the horizon. ``goal.judge`` says who judges whether
    the goal is met: the independent supervisor.
    """
    checked = check_goals(case, today)
    zopa, margin = analysis.zopa, analysis.margin
    return {
        "title": case.title,
        "goal": _goal_part(case, analysis, checked, lang, money),
        "smart_checks": check_names(lang),
        "smart_goals": [
            {
                **c.goal.model_dump(mode="json"),
                "checks": dict(c.checks),
                "smart": c.smart,
                "problems": [say(p, lang) for p in c.problems],
            }
            for c in checked
        ],
        "perception_gap": [
            {"area": g.area, "client": g.client, "supplier": g.supplier, "gap": g.gap} for g in perception_gap(case)
        ],
        "agenda": [say(point, lang) for point in agenda(case)],
        "zopa": {
            **zopa.contract(),
            "case_share": zopa.case_share,
            "client_batna_cost": zopa.client_batna_cost,
            "supplier_batna_value": zopa.supplier_batna_value,
            "supplier_normal_margin": margin.normal,
            "supplier_margin_if_success": margin.at(zopa.case_share),
            "openers": [
                {"lever": o.lever, "current": o.current, "required": o.required, "status": o.status}
                for o in analysis.openers
            ],
        },
    }


def _cell(text: object) -> str:
    """User text for a Markdown table cell: escaped, on one line."""
    return escape_markdown(" ".join(str(text).split())) if text not in (None, "") else "–"


def _number(value: float | None, lang: str) -> str:
    return fmt.number(value, lang, 2) if value is not None else "–"


def draft_markdown(case: Case, analysis: NegotiationAnalysis, lang: str = "en", today: dt.date | None = None) -> str:
    """The draft as a Markdown document; every piece of user text is escaped."""
    data = draft(case, analysis, lang, today)

    def t(key: str, **values: Any) -> str:
        return translate(f"agreement.md.{key}", lang, **values)

    title = escape_markdown(case.title) if case.title.strip() else translate("nav.untitled", lang)
    goal = data["goal"]
    lines = [f"# {t('title')}: {title}", "", f"## {t('goal')}", "", f"*{goal['statement']}*", ""]
    lines += [f"1. {goal['decent_system']}", f"2. {goal['client_value']}", f"3. {goal['supplier_margin']}", ""]
    lines += [goal["judge"], ""]  # who judges whether the goal is met: the independent supervisor (source text)
    lines += [f"## {t('criteria')}", ""]
    checked = check_goals(case, today)
    if not checked:
        lines += [t("no_criteria"), ""]
    else:
        columns = ("area", "metric", "baseline", "target", "feasible_value", "unit", "deadline", "owner", "measured_by")
        header = [t(k) for k in columns]
        header += list(check_names(lang).values())
        lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for c in checked:
            g = c.goal
            row = [
                translate(f"agreement.area.{g.area}", lang) if g.area else "–",
                _cell(g.metric),
                _number(g.baseline, lang),
                _number(g.target, lang),
                _number(g.feasible_value, lang),
                _cell(g.unit),
                fmt.date(g.deadline, lang),
                translate(f"agreement.owner.{g.owner}", lang) if g.owner else "–",
                _cell(g.measured_by),
            ]
            row += ["✓" if c.checks[k] else "✗" for k in SMART]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
        for number, c in enumerate(checked, start=1):
            if c.problems:
                lines.append(f"**{t('criterion', number=number)}** ({_cell(c.goal.metric)}):")
                lines += [f"- {say(p, lang)}" for p in c.problems]
                lines.append("")
    lines += [f"## {t('gap')}", ""]
    gaps = perception_gap(case)
    if gaps:
        lines += [f"| {t('area')} | {t('client')} | {t('supplier')} | {t('difference')} |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {translate(f'agreement.area.{g.area}', lang)} | {g.client} | {g.supplier} | {g.gap:+d} |" for g in gaps
        ]
        lines.append("")
    else:
        lines += [t("no_gap"), ""]
    lines += [f"- {point}" for point in data["agenda"]] or [t("no_agenda")]
    lines += ["", f"## {t('zone')}", ""]
    zopa = analysis.zopa
    lines.append(
        f"- {translate('agreement.md.batna_client', lang, strategy=zopa.client_batna, amount=zopa.client_batna_cost)}"
    )
    lines.append(f"- {translate('agreement.md.batna_supplier', lang, amount=zopa.supplier_batna_value)}")
    lines.append(f"- {zone_sentence(zopa, lang)}")
    return "\n".join(lines) + "\n"


def zone_sentence(zopa: Zopa, lang: str) -> str:
    """The zone of agreement in words: the range of the client's share, then its equal-gain split as the
    Negotiation page says it (``negotiation.equal_gain``: a split clamped to the zone's edge is the
    split nearest to equal, at which one party still gains more); or that the zone is empty."""
    if zopa.empty:
        return translate("agreement.md.zone_empty", lang)
    equal = equal_gain(zopa)
    zone = translate("agreement.md.zone_range", lang, share_min=zopa.client_share_min, share_max=zopa.client_share_max)
    return zone + " " + translate(f"negotiation.equal.{equal.kind}", lang, share=equal.share)
