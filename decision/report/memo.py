"""The board pack: the decision on page one, the reasoning on page two, then the appendices.

Page one says what the board is asked to decide, the recommended path (its next steps, the
timeline and the budget of the first phase), the warnings (those of the recommendation, the
defaults it rests on, the downside and the triage's caveats) and the ways out side by side.
Amounts a board reads (page one, every sentence) are rounded to three significant digits
(``fmt.money_rounded``); the appendix tables keep exact euros, like the JSON.

``memo()`` gathers the content once, as translated text in the case's language;
``decision.report.html.render_html`` writes it as one self-contained HTML file (inline
CSS, charts as inline SVG, no external references; every piece of user text escaped)
and ``decision.report.pdf.render_pdf`` as an A4 PDF (fpdf2, charts as PNG);
``decision.report.board.board_report`` does both from a case. The last appendix says how
to reproduce the numbers: the date, the seed, the iteration count and the
SHA-256 of the canonical case JSON.

Any text the case allows renders: long words wrap in both (CSS ``overflow-wrap``;
fpdf2 breaks a word wider than its column), and a PDF table cell longer than
``pdf.PDF_CELL_LINES`` lines is cut with an ellipsis and a note mark, its full text
following the table as a numbered note, so that no row is ever taller than a page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import altair as alt

from decision.analysis.completeness import (
    origin_of,
    require_ready,
    say_count,
    say_rests_on_defaults,
    say_risks_left_out,
)
from decision.analysis.explain import fallback_of, warnings_of
from decision.analysis.inputs import format_value
from decision.analysis.last_attempt import last_attempt
from decision.analysis.sensitivity import Sensitivity, analyse, label_key
from decision.analysis.tree import decision_tree, tree_header, tree_rows
from decision.engine.results import Evaluation
from decision.engine.simulation import (
    Draws,
    Simulation,
    case_estimate,
    case_estimate_or_none,
    costs_until,
    draw,
    simulate,
)
from decision.model import registry
from decision.model.case import DIAGNOSIS_AREAS, Case
from decision.report.chart_style import euro_axis, strategy_scale
from decision.text import fmt
from decision.text.i18n import LANGUAGES, Translator, catalogue

TORNADO_ROWS = 8
SUMMARY_EVIDENCE_CHARS = 90  # the summary quotes the evidence's first sentences up to this; the details in full
BREAK_EVEN_SENTENCES = 3
STEPS = 4  # next steps per strategy: report.step.<strategy>.1 .. 4
FIRST_PHASE_MONTHS = 12  # the budget of the first phase: the expected cost of this many months
# The categories of a path's own one-off costs (the rest is the dysfunction and running costs it leaves).
PROGRAMME_CATEGORIES: tuple[str, ...] = ("improvement", "exit", "replacement", "legal_fees")
# Per strategy, the input whose most likely value its next steps name as {months}, and its fallback.
STEP_MONTHS: dict[str, str] = {
    "muddle": "",
    "switch": "stop.replacement_months",
    "stop": "stop.replacement_months",
    "solve": "solve.improvement_months",
    "partner": "partner.transition_months",
    "exit_deal": "exit_deal.negotiation_months",
}


@dataclass(frozen=True)
class Table:
    """Rows of text under a header; ``numeric`` columns are right-aligned."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Section:
    heading: str
    intro: str
    table: Table | None
    sentences: tuple[str, ...] = ()
    numbered: bool = False  # the sentences are steps, numbered
    notes: tuple[str, ...] = ()  # paragraphs after the sentences


@dataclass(frozen=True)
class Memo:
    """Everything the memo says, as text in one language; renderers only lay it out."""

    lang: str
    kicker: str
    title: str
    context: tuple[str, ...]
    verdict: str
    decision: str  # "The board is asked to decide to …"
    path: Section  # the next steps, the timeline and the budget of the first phase
    warnings: Section
    diagnosis: Section
    triage: Section
    reasons: Section
    strategies: Section
    chart: dict[str, Any]
    chart_caption: str
    details: tuple[Section, ...]
    footer: str


def canonical_json(case: Case) -> str:
    """The case as JSON with sorted keys and no spacing: the same inputs give the same text."""
    return json.dumps(case.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def case_hash(case: Case) -> str:
    """SHA-256 of the canonical case JSON, to tell whether a report was made from these inputs."""
    return hashlib.sha256(canonical_json(case).encode("utf-8")).hexdigest()


def report_language(case: Case, fallback: str = "en") -> str:
    """The case's own language, else ``fallback``."""
    lang = case.profile.language or fallback
    return lang if lang in LANGUAGES else "en"


# -- content -------------------------------------------------------------------------


def shorten(text: str, limit: int, sentences: bool = False) -> str:
    """``text`` cut before ``limit`` characters, with an ellipsis when cut.

    The cut is at a word boundary unless that would drop more than a third of what fits
    (one long word, a URL): then the word itself is cut. With ``sentences`` the cut is at the
    end of a sentence: the whole sentences that fit, else the first sentence whole (up to three
    times ``limit``; only a "sentence" longer than that, an unbroken string, is cut as above).
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if sentences:
        ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", text)]
        fits = [end for end in ends if end <= limit]
        if fits:
            return text[: fits[-1]] + " …"
        first = ends[0] if ends else len(text)
        if first <= 3 * limit:
            return text[:first] + (" …" if first < len(text) else "")
    head = text[: max(limit - 1, 0)]
    at_word = head.rsplit(" ", 1)[0] if " " in head else head
    if 3 * len(at_word) < 2 * len(head):
        at_word = head
    return at_word.rstrip(" ,;:-") + "…"


def _diagnosis(case: Case, t: Translator, evidence_chars: int | None = None) -> Section:
    rated = [
        (area, getattr(case.diagnosis, area))
        for area in DIAGNOSIS_AREAS
        if getattr(case.diagnosis, area).client > 0 or getattr(case.diagnosis, area).evidence
    ]
    rated.sort(key=lambda item: -item[1].client)

    def severity(score: int | None) -> str:
        return "–" if score is None else t("report.severity", score=score, word=t(f"diagnosis.severity.{score}"))

    rows = tuple(
        (
            t(f"diagnosis.area.{area}.name"),
            severity(rating.client),
            severity(rating.supplier),
            (shorten(rating.evidence, evidence_chars, sentences=True) if evidence_chars else rating.evidence) or "–",
        )
        for area, rating in rated
    )
    header = (t("report.col_area"), t("report.col_client"), t("report.col_supplier"), t("report.col_evidence"))
    return Section(
        t("report.diagnosis") if evidence_chars else t("report.diagnosis_full"),
        t("report.diagnosis_none") if not rows else "" if evidence_chars else t("report.diagnosis_intro"),
        Table(header, rows, (20, 15, 15, 50)) if rows else None,
    )


def _strategies(evaluation: Evaluation, t: Translator, exact: bool = False) -> Section:
    """The ways out side by side: amounts rounded for reading on page one, ``exact`` in the appendix."""
    lang = t.lang
    money = fmt.money if exact else fmt.money_rounded
    recommended = evaluation.recommendation.strategy
    rows = []
    for strategy, result in evaluation.strategies.items():
        name = t.strategy(strategy)
        if strategy == recommended:
            name = t("report.marker_recommended", name=name)
        elif strategy not in evaluation.recommendation.allowed:
            name = t("report.marker_excluded", name=name)
        months = (
            t("report.never")
            if result.months_to_decent is None
            else t(
                "report.months",
                months=fmt.number(result.months_to_decent, lang, 0),
                share=fmt.percent_as_needed(result.p_decent, lang),
            )
        )
        rows.append(
            (
                name,
                money(result.mean, lang),
                money(result.p10, lang),
                money(result.p90, lang),
                fmt.percent_as_needed(result.p_best, lang),
                months,
            )
        )
    header = (
        t("report.col_strategy"),
        t("report.col_mean"),
        t("report.col_p10"),
        t("report.col_p90"),
        t("report.col_p_best"),
        t("report.col_months"),
    )
    intro = t(
        "report.strategies_intro_exact" if exact else "report.strategies_intro",
        horizon=evaluation.case.horizon_months,
        rate=fmt.percent_as_needed(evaluation.case.discount_rate, lang, 2),
    )
    return Section(
        t("report.strategies_exact") if exact else t("report.strategies"),
        intro,
        Table(header, tuple(rows), (23, 13, 13, 13, 14, 24), frozenset({1, 2, 3, 4})),
    )


def cost_chart(evaluation: Evaluation, t: Translator) -> alt.Chart:
    """Per strategy: the P10-P90 range as a bar and the expected cost as a diamond, labelled."""
    names = [t.strategy(s) for s in evaluation.strategies]
    rows = [
        {
            "strategy": t.strategy(s),
            "mean": r.mean,
            "p10": r.p10,
            "p90": r.p90,
            "label": t("report.chart_label", amount=fmt.money_short(r.mean, t.lang)),
        }
        for s, r in evaluation.strategies.items()
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("strategy:N", sort=names, title=None, axis=alt.Axis(labelFontSize=12, labelLimit=220)),
        color=alt.Color("strategy:N", scale=strategy_scale(t, tuple(evaluation.strategies)), legend=None),
    )
    band = base.mark_bar(height=16, opacity=0.35).encode(
        x=alt.X("p10:Q", axis=euro_axis(t("report.chart_axis"), t.lang), scale=alt.Scale(zero=True)), x2="p90:Q"
    )
    point = base.mark_point(shape="diamond", filled=True, size=150, opacity=1).encode(x="mean:Q")
    label = base.mark_text(align="left", dx=6, fontSize=11, color="#1F2933").encode(x="p90:Q", text="label:N")
    return (band + point + label).properties(width=520, height=4 * 28).configure_view(stroke=None)


# The single values of the case (not estimates) entered on the Case page; the preferences are chosen on
# Why, every other one on its own tab of the Assumptions page (the liability cap is on both: Case).
CASE_PAGE_SETTINGS = frozenset(
    {"horizon_months", "discount_rate", "sunk.invested_to_date", "sunk.book_value", "legal.liability_cap"}
)


def setting_source(path: str, t: Translator) -> str:
    """Where a single value of the case is entered, as the source column says it: "A setting of the case
    (Case page)", "(Why page)" or "(Assumptions page, under Solve)"."""
    group = registry.BY_PATH[path].group
    if path in CASE_PAGE_SETTINGS:
        return t("report.setting_source")
    if group == "preferences":
        return t("report.setting_source_why")
    return t("report.setting_source_assumptions", group=t(f"inputs.group.{group}"))


def _assumptions(case: Case, t: Translator) -> Section:
    lang = t.lang
    rows: list[tuple[str, ...]] = []
    for spec in registry.own_inputs(case):  # one left empty uses its stand-in, listed on its own row
        estimate = case_estimate(case, spec.path)
        label = t("report.with_unit", label=t(spec.label_key), unit=t(f"inputs.unit.{spec.kind}"))
        source = " — ".join(part for part in (estimate.source, estimate.note) if part)
        if origin_of(case, spec) == "default":  # the ledger says which numbers are not the director's own
            source = t("report.default_source", source=source).rstrip(" —:")
        source = source or t("report.no_source")
        values: tuple[str, ...]
        if estimate.is_fixed:
            values = ("", format_value(spec.kind, estimate.low, lang), "")
        else:
            values = tuple(format_value(spec.kind, getattr(estimate, part), lang) for part in ("low", "mode", "high"))
        rows.append((label, *values, source))
    settings = (
        ("horizon_months", t("report.setting.horizon"), t("report.months_plain", months=case.horizon_months)),
        ("discount_rate", t("report.setting.discount_rate"), fmt.percent_as_needed(case.discount_rate, lang, 2)),
        (
            "solve.client_share",
            t("report.setting.client_share"),
            fmt.percent_as_needed(case.solve.client_share, lang, 2),
        ),
        ("legal.liability_cap", t("report.setting.liability_cap"), fmt.money(case.legal.liability_cap, lang)),
        ("solve.fallback", t("report.setting.fallback"), t.strategy(case.solve.fallback)),
        ("sunk.invested_to_date", t("report.setting.invested_to_date"), fmt.money(case.sunk.invested_to_date, lang)),
        ("sunk.book_value", t("report.setting.book_value"), fmt.money(case.sunk.book_value, lang)),
    )
    rows += [(label, "", value, "", setting_source(path, t)) for path, label, value in settings]
    header = (
        t("report.col_input"),
        t("report.col_low"),
        t("report.col_mode"),
        t("report.col_high"),
        t("report.col_source"),
    )
    return Section(
        t("report.assumptions"),
        t("report.assumptions_intro") + " " + say_count(case, lang),
        Table(header, tuple(rows), (30, 13, 13, 13, 31), frozenset({1, 2, 3})),
    )


def sensitivity_section(
    case: Case, evaluation: Evaluation, t: Translator, analysis: Sensitivity | None = None
) -> Section | None:
    """Hook for the sensitivity analysis (decision/sensitivity.py): the inputs that move the choice most."""
    from decision.analysis.explain import break_even_reason, say, say_value

    if analysis is None:
        analysis = analyse(case, evaluation.iterations, evaluation.seed, evaluation.view)
    moving = [bar for bar in analysis.tornado if round(bar.swing) != 0]  # a swing under half a euro: no effect
    still = len(analysis.tornado) - len(moving)
    bars = sorted(moving, key=lambda bar: -bar.swing)[:TORNADO_ROWS]
    lang = t.lang
    rows = tuple(
        (
            t(label_key(bar.input)),
            say_value(bar.input, bar.low_value, lang),
            fmt.money(bar.low_gap, lang),
            say_value(bar.input, bar.high_value, lang),
            fmt.money(bar.high_gap, lang),
            t("report.yes") if bar.can_flip else t("report.no"),
        )
        for bar in bars
    )
    header = (
        t("report.col_input"),
        t("report.col_at_low"),
        t("report.col_gap"),
        t("report.col_at_high"),
        t("report.col_gap"),
        t("report.col_flips"),
    )
    flips = tuple(say(break_even_reason(item), lang, t.money) for item in analysis.break_even if item.value is not None)
    intro = t("report.sensitivity_intro", strategy=analysis.recommended, runner_up=analysis.runner_up)
    if len(moving) > len(bars):  # the table has room for the largest: say how many more move the choice
        intro += " " + t("report.sensitivity_more", shown=len(bars), more=len(moving) - len(bars))
    if still:
        intro += " " + t("report.sensitivity_left_out", count=still)
    return Section(
        t("report.sensitivity"),
        intro,
        Table(header, rows, (28, 14, 15, 14, 15, 14), frozenset({1, 2, 3, 4})) if rows else None,
        flips[:BREAK_EVEN_SENTENCES] + (t("report.evpi", amount=analysis.evpi),),
    )


def agreement_section(
    case: Case,
    evaluation: Evaluation,
    t: Translator,
    today: dt.date,
    draws: Draws | None = None,
    simulation: Simulation | None = None,
) -> Section | None:
    """Hook for the agreement draft (decision/agreement.py): shown when the case has SMART goals.
    ``draws`` and ``simulation``: the evaluation's own, when at hand (else made again)."""
    if not case.smart_goals:
        return None
    from decision.analysis.agreement import advice_note, draft, say
    from decision.analysis.negotiation import analyse

    zone = analyse(
        case, evaluation.iterations, evaluation.seed, evaluation.book_view, draws=draws, simulation=simulation
    )
    data = draft(case, zone, t.lang, today)
    goal = data["goal"]
    lang = t.lang

    def number(value: float | None) -> str:
        return "–" if value is None else fmt.number(value, lang, 2)

    rows = tuple(
        (
            t(f"diagnosis.area.{item['area']}.name") if item["area"] else "–",
            item["metric"] or "–",
            number(item["baseline"]),
            number(item["target"]),
            item["unit"] or "–",
            fmt.date(dt.date.fromisoformat(item["deadline"]), lang) if item["deadline"] else "–",
            t(f"report.owner.{item['owner']}") if item["owner"] else "–",
        )
        for item in data["smart_goals"]
    )
    header = (
        t("report.col_area"),
        t("report.col_metric"),
        t("report.col_baseline"),
        t("report.col_target"),
        t("report.col_unit"),
        t("report.col_deadline"),
        t("report.col_owner"),
    )
    sentences = (
        goal["statement"],
        goal["decent_system"],
        goal["client_value"],
        goal["supplier_margin"],
        goal["judge"],  # who judges whether the goal is met: the independent supervisor
        *data["agenda"],
    )
    note = advice_note(evaluation.recommendation)
    intro = t("report.agreement_intro") + ("" if note is None else " " + say(note, lang))
    return Section(
        t("report.agreement"),
        intro,
        Table(header, rows, (16, 26, 11, 11, 9, 15, 12), frozenset({2, 3})),
        tuple(sentences),
    )


def _defaults_warning(case: Case, analysis: Sensitivity, t: Translator) -> tuple[str, ...]:
    """Page one says when the recommendation rests on defaults that move it (by the tornado's swing),
    and which risks it has not weighed (each at the one value that rules it out)."""
    said = (
        say_rests_on_defaults(case, ((bar.input, bar.swing) for bar in analysis.tornado), t.lang),
        say_risks_left_out(case, t.lang, t.money),
    )
    return tuple(sentence for sentence in said if sentence)


def _said(t: Translator, key: str, values: dict[str, Any]) -> str:
    """A message with its shares said with their decimals (4,5%, not 4%) and amounts as ``t`` writes them."""
    kept = {
        name: fmt.percent_as_needed(value, t.lang)
        if (name.startswith("share") or name.startswith("p_")) and isinstance(value, float)
        else value
        for name, value in values.items()
    }
    return t(key, **kept)


def _triage_caveats(evaluation: Evaluation, t: Translator) -> tuple[str, ...]:
    """The triage's caveats: an option it rules out although the numbers put it close to the advice."""
    from decision.analysis.triage_driver import triage_caveats

    return tuple(_said(t, reason.key, dict(reason.values)) for reason in triage_caveats(evaluation))


def _most_likely(case: Case, path: str) -> float | None:
    estimate = case_estimate_or_none(case, path) if path else None
    return None if estimate is None else estimate.mode


def first_phase_cost(
    evaluation: Evaluation, strategy: str, months: int = FIRST_PHASE_MONTHS, draws: Draws | None = None
) -> float:
    """The expected cost to the client of ``strategy``'s first ``months`` months (present value), on the
    evaluation's own draws (``draws`` when at hand, else drawn again): everything it pays in that time,
    the dysfunction that goes on included."""
    case = evaluation.case
    months = max(1, min(months, case.horizon_months))
    draws = draws if draws is not None else draw(case, evaluation.iterations, evaluation.seed)
    return float(costs_until(case, draws, months, evaluation.book_view)[strategy].mean())


def _part_name(strategy: str, category: str, t: Translator) -> str:
    """A cost category as a path's budget names it: the category's own name, or the path's where the
    category means something else there (another partner's transition is booked as improvement)."""
    own = f"report.budget_part.{strategy}.{category}"
    return t(own) if own in catalogue(t.lang) else t(f"comparison.category.{category}")


def _path(evaluation: Evaluation, t: Translator, draws: Draws | None = None) -> Section:
    """The recommended path: the next steps, the timeline and the budget of the first phase."""
    case = evaluation.case
    strategy = evaluation.recommendation.strategy
    result = evaluation.strategies[strategy]
    months = _most_likely(case, STEP_MONTHS.get(strategy, ""))
    values = {
        "months": fmt.number(months, t.lang, 0) if months is not None else "–",
        "fallback": t.strategy(fallback_of(case, strategy) or "switch"),
    }
    steps = tuple(t(f"report.step.{strategy}.{number}", **values) for number in range(1, STEPS + 1))
    if result.months_to_decent is None:
        timeline = t("report.timeline_never", strategy=strategy)
    else:
        timeline = t(
            "report.timeline",
            months=fmt.number(result.months_to_decent, t.lang, 0),
            share=fmt.percent_as_needed(result.p_decent, t.lang),
            horizon=case.horizon_months,
        )
    phase = max(1, min(FIRST_PHASE_MONTHS, case.horizon_months))
    budget = t("report.budget", amount=first_phase_cost(evaluation, strategy, phase, draws), months=phase)
    # Rounded for reading so that the parts as written add up to the total (rounded each alone, 256.000 +
    # 21.800 + 415.000 made 692.800 against a total of 692.000).
    raw = [(c, result.breakdown.get(c, 0.0)) for c in PROGRAMME_CATEGORIES]
    raw = [(c, amount) for c, amount in raw if round(amount) > 0]
    total, amounts = fmt.rounded_parts([amount for _, amount in raw])
    parts = [(c, amount) for (c, _), amount in zip(raw, amounts) if amount > 0]
    if parts:
        programme = t(
            "report.budget_programme",
            amount=total,
            horizon=case.horizon_months,
            parts=", ".join(f"{_part_name(strategy, c, t)} {t.money(amount, t.lang)}" for c, amount in parts),
        )
    else:
        programme = t("report.budget_no_programme")
    return Section(
        t("report.path", strategy=strategy), "", None, steps, numbered=True, notes=(timeline, budget, programme)
    )


def _warnings(evaluation: Evaluation, analysis: Sensitivity, t: Translator) -> Section:
    """What the board should know before it decides: the recommendation's warnings in plain words with
    their numbers (``explain.warnings_of``), the source text's last attempt when the advice is to stop
    (a caveat to that decision, not a step of its path), the defaults it rests on, the triage's caveats
    and the downside (the P90 of the recommended option)."""
    recommendation = evaluation.recommendation
    result = evaluation.strategies[recommendation.strategy]
    sentences = tuple(_said(t, reason.key, dict(reason.values)) for reason in warnings_of(evaluation))
    attempt = last_attempt(evaluation)
    if attempt is not None:
        reason = attempt.reason()
        sentences += (t(reason.key, **reason.values),)
    sentences += _defaults_warning(evaluation.case, analysis, t)
    sentences += _triage_caveats(evaluation, t)
    sentences += (
        t(
            "report.downside",
            strategy=recommendation.strategy,
            amount=result.p90,
            amount_extra=result.p90 - result.mean,
        ),
    )
    return Section(t("report.warnings"), "", None, sentences)


def _reproduce(evaluation: Evaluation, t: Translator, today: dt.date) -> Section:
    """The last appendix: how to make the same numbers again."""
    lang = t.lang
    rows = (
        (t("report.reproduce_date"), fmt.date(today, lang)),
        (t("report.reproduce_iterations"), fmt.number(evaluation.iterations, lang, 0)),
        (t("report.reproduce_seed"), str(evaluation.seed)),
        (t("report.reproduce_view"), t(f"report.view_{evaluation.view}")),
        (t("report.reproduce_hash"), case_hash(evaluation.case)),
        (
            t("report.reproduce_command"),
            f"python -m decision report <case.json> --iterations {evaluation.iterations} "
            f"--seed {evaluation.seed} --lang {lang} --format pdf --output <memo.pdf>",
        ),
    )
    return Section(
        t("report.reproduce"),
        t("report.reproduce_intro"),
        Table((t("report.col_what"), t("report.col_value")), rows, (30, 70)),
    )


def _tree(evaluation: Evaluation, t: Translator, simulation: Simulation | None = None) -> Section:
    """The decision tree of every way out as an indented table (analysis.tree): each chance node's
    branches with their probability and expected cost, and the fallbacks."""
    rows = tuple(
        (row.option, row.branch, row.probability, row.expected_cost)
        for row in tree_rows(decision_tree(evaluation, simulation), t.lang, fmt.money)
    )
    return Section(
        t("report.tree"),
        t("report.tree_intro"),
        Table(tree_header(t.lang), rows, (24, 46, 14, 16), frozenset({2, 3})),
    )


def memo(evaluation: Evaluation, lang: str, today: dt.date, analysis: Sensitivity | None = None) -> Memo:
    """The memo's content in ``lang``; ``today`` is the date it is dated.

    The evaluation's sample is drawn and simulated once here and shared by the sensitivity, the
    agreement's zone, the decision tree and the first phase's budget (the same case, iterations and
    seed as the evaluation: the same numbers as each making its own). ``analysis``: the sensitivity of
    the evaluation's case, iterations, seed and view on the case's own basis, when at hand (the app's
    cached one), else computed here. Raises ``NotReady`` (saying what to fill in first) for a case a
    recommendation cannot rest on yet.
    """
    case = evaluation.case
    require_ready(case, lang)
    t = Translator(lang, money=fmt.money_rounded)  # a sentence rounds its amounts; a table says how it writes them
    profile = case.profile
    context = tuple(
        t(f"report.context_{name}", value=value)
        for name, value in (
            ("organisation", profile.organisation),
            ("system", profile.system),
            ("supplier", profile.supplier),
        )
        if value
    )
    recommendation = evaluation.recommendation
    details = [_assumptions(case, t), _strategies(evaluation, t, exact=True)]
    full_diagnosis = _diagnosis(case, t)
    if full_diagnosis.table is not None:
        details.insert(0, full_diagnosis)
    draws = draw(case, evaluation.iterations, evaluation.seed)
    simulation = simulate(case, evaluation.iterations, evaluation.seed, draws=draws)
    if analysis is None:
        analysis = analyse(
            case, evaluation.iterations, evaluation.seed, evaluation.view, draws=draws, simulation=simulation
        )
    for section in (
        sensitivity_section(case, evaluation, t, analysis),
        agreement_section(case, evaluation, t, today, draws, simulation),
    ):
        if section is not None:
            details.append(section)
    details.append(_tree(evaluation, t, simulation))
    details.append(_reproduce(evaluation, t, today))
    return Memo(
        lang=t.lang,
        kicker=t("report.kicker", date=fmt.date(today, lang)),
        title=case.title or t("nav.untitled"),
        context=context,
        verdict=t("report.verdict", strategy=recommendation.strategy),
        decision=t(
            "report.asked", action=t(f"report.action.{recommendation.strategy}"), strategy=recommendation.strategy
        ),
        path=_path(evaluation, t, draws),
        warnings=_warnings(evaluation, analysis, t),
        diagnosis=_diagnosis(case, t, SUMMARY_EVIDENCE_CHARS),
        triage=Section(
            t("report.triage"), "", None, tuple(_said(t, r.key, dict(r.values)) for r in evaluation.triage.reasons)
        ),
        reasons=Section(
            t("report.reasons"),
            "",
            None,
            tuple(
                _said(t, r.key, dict(r.values)) for r in recommendation.reasons if r not in evaluation.triage.reasons
            ),
        ),
        strategies=_strategies(evaluation, t),
        chart=cost_chart(evaluation, t).to_dict(),
        chart_caption=t("report.chart_caption", horizon=case.horizon_months),
        details=tuple(details),
        footer=t("report.footer", date=fmt.date(today, lang)),
    )
