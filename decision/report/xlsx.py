"""The model as an Excel workbook a controller can audit without the app (openpyxl, no macros).

Four sheets, named and written in the case's language:

- Assumptions: every field of the case the model reads, in file order: the three-point estimates
  (low, most likely, high, distribution, unit, source, note, and whether the number is a default
  rather than the director's own), then the single values (horizon, discount rate, shares, choices);
- Results: per way out (one column each) the mean, P10, P50, P90, the chance of being the cheapest,
  the months to a decently working system, and the expected cost per category and per cost family:
  the numbers of ``evaluate`` with the same iterations, seed and view, unrounded;
- By month: the expected discounted cost in each month of the horizon per way out, then one row for
  the legal flows that fall after the horizon (MODEL.md counts them in the totals). A total row adds
  them up with a SUM formula, and a row beside it takes the mean from the Results sheet, so the
  workbook itself shows that the months add up to the results;
- Futures: the totals of the first ``FUTURES`` simulated futures per way out, with the seed and the
  iteration count, and formulas for their mean and percentiles (PERCENTILE.INC is numpy's default).

Every sheet has its title and a note above a frozen header row. User text (titles, sources, notes)
is written as text: a value that starts with ``=``, ``+``, ``-`` or ``@`` is stored as a string with
Excel's quote prefix, so the spreadsheet never reads it as a formula.

The per-month costs are the evaluation's own draws, cut at every month (``cumulative_costs``), in
chunks of iterations so that a million iterations do not need a million-by-horizon array per category.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from decision.analysis.completeness import origin_of, require_ready
from decision.engine.results import Evaluation, evaluate
from decision.engine.simulation import Draws, case_estimate_or_none, cumulative_costs, draw, simulate
from decision.engine.summary import COST_FAMILIES, family_breakdown
from decision.model import registry
from decision.model.case import Case
from decision.model.registry import InputSpec
from decision.report.memo import report_language, setting_source
from decision.text.i18n import Translator

FUTURES = 1_000  # the simulated futures the Futures sheet lists
CHUNK = 2_500  # iterations per pass of the per-month costs
NOISE = 1e-6  # euros: a remainder this small after the horizon is the rounding of the sums
TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
SHEETS: tuple[str, ...] = ("assumptions", "results", "by_month", "futures")
# Excel's number formats; the locale tag gives the euro sign its place (Dutch "€ 1.250", English "€1,250").
EURO = {"nl": "[$€-413] #,##0;[$€-413] -#,##0", "en": "[$€-809]#,##0;-[$€-809]#,##0"}
PERCENT = "0.0%"
MONTHS = {"nl": '0.0 "maanden"', "en": '0.0 "months"'}
WHOLE = "#,##0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as the start of a formula
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # what XML cannot hold

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2F4F7")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="9AA5B1"))
_TITLE_FONT = Font(bold=True, size=13, color="2F4A6D")
_NOTE_FONT = Font(italic=True, color="52606D")
_SUBHEAD_FONT = Font(bold=True, color="2F4A6D")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class ModelNumbers:
    """What the workbook shows: the evaluation, the cost per month and the first futures."""

    evaluation: Evaluation
    monthly: dict[str, np.ndarray]  # per way out, the expected discounted cost in months 1..H
    after_horizon: dict[str, float]  # per way out, the expected discounted legal flows after the horizon
    futures: dict[str, np.ndarray]  # per way out, the totals of the first FUTURES futures


def _chunk(draws: Draws, start: int, stop: int) -> Draws:
    """Iterations ``start`` to ``stop`` of the draws."""
    return replace(
        draws,
        values={k: v[start:stop] for k, v in draws.values.items()},
        incident_months=draws.incident_months[start:stop],
        win_uniforms=draws.win_uniforms[start:stop],
        success_uniforms=draws.success_uniforms[start:stop],
        events={k: v[start:stop] for k, v in draws.events.items()},
    )


def model_numbers(case: Case, iterations: int = 10_000, seed: int = 1, view: str = "decision") -> ModelNumbers:
    """The numbers of the workbook: ``evaluate``'s with the same arguments, and from the same draws the
    expected cost per month and the totals of the first futures."""
    draws = draw(case, iterations, seed)
    simulation = simulate(case, iterations, seed, draws=draws)
    evaluation = evaluate(case, iterations, seed, view, simulation=simulation)
    book_view = view == "book"
    sums: dict[str, np.ndarray] = {}
    for start in range(0, draws.n, CHUNK):
        curves = cumulative_costs(case, _chunk(draws, start, min(start + CHUNK, draws.n)), book_view)
        for strategy, curve in curves.items():
            sums[strategy] = sums.get(strategy, 0.0) + curve.sum(axis=0)
    monthly: dict[str, np.ndarray] = {}
    after: dict[str, float] = {}
    for strategy, total in sums.items():
        cumulative = total / draws.n  # the expected cost up to and including each month
        monthly[strategy] = np.diff(cumulative, prepend=0.0)
        rest = evaluation.strategies[strategy].mean - float(cumulative[-1])
        after[strategy] = rest if abs(rest) > NOISE else 0.0  # a difference of rounding, not a flow
    totals = simulation.totals(book_view)
    futures = {strategy: totals[strategy][:FUTURES] for strategy in evaluation.strategies}
    return ModelNumbers(evaluation, monthly, after, futures)


# --- cells -----------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """User text as a cell or a document can hold it: characters XML cannot hold become U+FFFD."""
    return ILLEGAL.sub("\ufffd", text)


def put(sheet: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> Cell:
    """Write one value; text is always text (never a formula), numbers keep every digit."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        if text.startswith(FORMULA_START):
            cell.data_type = "s"  # openpyxl takes a string starting with "=" for a formula
            cell.quotePrefix = True  # and Excel keeps it text when it is edited
    elif isinstance(value, float) and not math.isfinite(value):
        cell.value = None
    else:
        cell.value = value
    if number_format is not None and not isinstance(value, str):
        cell.number_format = number_format
    return cell


def formula(sheet: Worksheet, row: int, column: int, text: str, number_format: str) -> Cell:
    """A formula cell (``text`` starts with "=" and is made here, never from user text)."""
    cell = sheet.cell(row=row, column=column, value=text)
    cell.number_format = number_format
    return cell


def _preamble(sheet: Worksheet, title: str, note: str, header: list[str], freeze_columns: int = 1) -> None:
    put(sheet, TITLE_ROW, 1, title).font = _TITLE_FONT
    put(sheet, NOTE_ROW, 1, note).font = _NOTE_FONT
    for column, text in enumerate(header, start=1):
        cell = put(sheet, HEADER_ROW, column, text)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=freeze_columns + 1)


def _fit_columns(sheet: Worksheet, widths: dict[int, float] | None = None) -> None:
    """Column widths that fit what the rows below the note hold (text capped, long text wrapped)."""
    widths = widths or {}
    longest: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW):
        for cell in row:
            if cell.value is None:
                continue
            if isinstance(cell.value, str) and not cell.value.startswith("="):
                length = max((len(line) for line in cell.value.splitlines()), default=0)
            else:
                length = 14  # a number in its format: "€ 12.345.678" fits in 14
            if cell.row == HEADER_ROW:
                length = min(length, 28)  # a long heading wraps
            longest[cell.column] = max(longest.get(cell.column, 0), length)
    for column, length in longest.items():
        width = widths.get(column, min(max(length + 2, 10), 60))
        sheet.column_dimensions[get_column_letter(column)].width = width


# --- the sheets ------------------------------------------------------------------------------------


def _kind_format(kind: str, lang: str) -> str | None:
    if kind in registry.MONEY_KINDS:
        return EURO[lang]
    if kind in ("months", "horizon"):
        return MONTHS[lang]
    if kind in registry.PERCENT_KINDS:
        return PERCENT
    return None


def _unit(spec: InputSpec, t: Translator) -> str:
    if spec.kind in ("euro", "euro_month", "euro_year", "months", "probability", "share", "share_year", "rate"):
        return t(f"inputs.unit.{spec.kind}")
    if spec.kind == "horizon":
        return t("inputs.unit.months")
    return ""


# The fields without an ``inputs.<path>.label`` of their own: the memo's names for them.
_SETTING_LABELS = {
    "horizon_months": "report.setting.horizon",
    "discount_rate": "report.setting.discount_rate",
    "sunk.invested_to_date": "report.setting.invested_to_date",
    "sunk.book_value": "report.setting.book_value",
}


# The groups without an ``inputs.group.<group>`` of their own.
_GROUP_LABELS = {"": "export.value.case", "sunk": "export.value.sunk"}


def _label(spec: InputSpec, t: Translator) -> str:
    return t(_SETTING_LABELS.get(spec.path, spec.label_key))


def _held(case: Case, spec: InputSpec) -> bool:
    """Whether the case holds the field (an optional way out's fields only when the case has it)."""
    return spec.group not in registry.OPTIONAL_GROUPS or getattr(case, spec.group, None) is not None


def _single_value(case: Case, spec: InputSpec, t: Translator) -> Any:
    holder = getattr(case, spec.group) if spec.group else case
    value = getattr(holder, spec.field)
    if value is None:
        return t("export.value.none")
    if spec.kind == "strategy":
        return t.strategy(str(value))
    if spec.kind == "choice":
        return t(f"export.basis.{value}")
    if spec.kind == "flag":
        return t("export.value.yes") if value else t("export.value.no")
    return float(value)


def _assumptions(sheet: Worksheet, case: Case, t: Translator) -> None:
    lang = t.lang
    header = [t(f"export.column.{name}") for name in ASSUMPTION_COLUMNS]
    _preamble(sheet, t("export.sheet.assumptions"), t("export.note.assumptions"), header, freeze_columns=2)
    row = FIRST_ROW
    for spec in registry.FIELDS:
        if not _held(case, spec):
            continue
        group = t(_GROUP_LABELS.get(spec.group, f"inputs.group.{spec.group}"))
        values: list[Any] = [group, _label(spec, t), spec.path, _unit(spec, t)]
        number_format = _kind_format(spec.kind, lang)
        if spec.estimate:
            estimate = case_estimate_or_none(case, spec.path)
            default = origin_of(case, spec) == "default"
            if estimate is None:  # a gate left empty: the attempt has no go/no-go moment
                values += [None, None, None, t("export.value.not_used"), "", t("export.value.left_empty"), ""]
            else:
                note = estimate.note
                if registry.left_empty(case, spec) and spec.stand_in is not None:
                    stand_in = t(registry.BY_PATH[spec.stand_in].label_key)
                    note = " ".join(part for part in (t("export.value.stand_in", label=stand_in), note) if part)
                distribution = "fixed" if estimate.is_fixed else estimate.distribution
                values += [
                    estimate.low,
                    estimate.mode,
                    estimate.high,
                    t(f"export.distribution.{distribution}"),
                    estimate.source,
                    note,
                ]
            values.append(t("export.value.yes") if default else t("export.value.no"))
        else:
            single = _single_value(case, spec, t)
            values += [None, single, None, t("export.distribution.single"), setting_source(spec.path, t), "", ""]
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row, column, value, number_format if 5 <= column <= 7 else None)
            if column in (9, 10):
                cell.alignment = _WRAP
        row += 1
    _fit_columns(sheet, {3: 34, 9: 50, 10: 50})


ASSUMPTION_COLUMNS: tuple[str, ...] = (
    "group",
    "input",
    "field",
    "unit",
    "low",
    "mode",
    "high",
    "distribution",
    "source",
    "note",
    "default",
)
# The rows of the Results sheet, in order: (message, attribute of StrategyResult, format).
RESULT_ROWS: tuple[tuple[str, str, str], ...] = (
    ("mean", "mean", "euro"),
    ("p10", "p10", "euro"),
    ("p50", "p50", "euro"),
    ("p90", "p90", "euro"),
    ("se", "se", "euro"),
    ("p_best", "p_best", "percent"),
    ("p_best_allowed", "p_best_allowed", "percent"),
    ("months_to_decent", "months_to_decent", "months"),
    ("p_decent", "p_decent", "percent"),
)


def _results(sheet: Worksheet, numbers: ModelNumbers, t: Translator) -> dict[str, int]:
    """The Results sheet; returns the row of each named figure (``mean`` for the By month check)."""
    evaluation = numbers.evaluation
    lang = t.lang
    strategies = list(evaluation.strategies)
    formats = {"euro": EURO[lang], "percent": PERCENT, "months": MONTHS[lang]}
    note = t(
        "export.note.results",
        iterations=evaluation.iterations,
        seed=evaluation.seed,
        view=t(f"report.view_{evaluation.view}"),
        horizon=evaluation.case.horizon_months,
    )
    header = [t("export.column.measure"), *(t.strategy(s) for s in strategies)]
    _preamble(sheet, t("export.sheet.results"), note, header)
    rows: dict[str, int] = {}
    row = FIRST_ROW
    for key, attribute, form in RESULT_ROWS:
        put(sheet, row, 1, t(f"export.row.{key}")).alignment = _WRAP
        for column, strategy in enumerate(strategies, start=2):
            value = getattr(evaluation.strategies[strategy], attribute)
            put(sheet, row, column, t("export.value.never") if value is None else value, formats[form])
        rows[key] = row
        row += 1
    recommendation = evaluation.recommendation
    for key, holds in (
        ("allowed", lambda s: s in recommendation.allowed),
        ("recommended", lambda s: s == recommendation.strategy),
    ):
        put(sheet, row, 1, t(f"export.row.{key}"))
        for column, strategy in enumerate(strategies, start=2):
            put(sheet, row, column, t("export.value.yes") if holds(strategy) else t("export.value.no"))
        rows[key] = row
        row += 1
    row += 1
    put(sheet, row, 1, t("export.row.categories")).font = _SUBHEAD_FONT
    row += 1
    for category in registry.CATEGORIES:
        put(sheet, row, 1, t(f"comparison.category.{category}"))
        for column, strategy in enumerate(strategies, start=2):
            put(sheet, row, column, evaluation.strategies[strategy].breakdown.get(category, 0.0), EURO[lang])
        rows[f"category.{category}"] = row
        row += 1
    row += 1
    put(sheet, row, 1, t("export.row.families")).font = _SUBHEAD_FONT
    row += 1
    families = {s: family_breakdown(evaluation.strategies[s].breakdown) for s in strategies}
    for family in COST_FAMILIES:
        put(sheet, row, 1, t(f"comparison.family.{family}"))
        for column, strategy in enumerate(strategies, start=2):
            put(sheet, row, column, families[strategy][family], EURO[lang])
        rows[f"family.{family}"] = row
        row += 1
    row += 1
    put(sheet, row, 1, t("export.row.basis"))
    put(sheet, row, 2, t(f"export.basis.{recommendation.basis}"))
    _fit_columns(sheet, {1: 44})
    return rows


def _by_month(sheet: Worksheet, numbers: ModelNumbers, t: Translator, mean_row: int, results_title: str) -> None:
    evaluation = numbers.evaluation
    lang = t.lang
    strategies = list(evaluation.strategies)
    horizon = evaluation.case.horizon_months
    header = [t("export.column.month"), *(t.strategy(s) for s in strategies)]
    _preamble(sheet, t("export.sheet.by_month"), t("export.note.by_month"), header)
    for month in range(1, horizon + 1):
        put(sheet, FIRST_ROW + month - 1, 1, month, "0")
        for column, strategy in enumerate(strategies, start=2):
            put(sheet, FIRST_ROW + month - 1, column, float(numbers.monthly[strategy][month - 1]), EURO[lang])
    after_row = FIRST_ROW + horizon
    total_row, results_row, difference_row = after_row + 1, after_row + 2, after_row + 3
    put(sheet, after_row, 1, t("export.row.after_horizon"))
    put(sheet, total_row, 1, t("export.row.total")).font = _HEADER_FONT
    put(sheet, results_row, 1, t("export.row.results_mean"))
    put(sheet, difference_row, 1, t("export.row.difference"))
    results = quote_sheetname(results_title)
    for column, strategy in enumerate(strategies, start=2):
        letter = get_column_letter(column)
        put(sheet, after_row, column, numbers.after_horizon[strategy], EURO[lang])
        formula(
            sheet, total_row, column, f"=SUM({letter}{FIRST_ROW}:{letter}{after_row})", EURO[lang]
        ).font = _HEADER_FONT
        formula(sheet, results_row, column, f"={results}!{letter}{mean_row}", EURO[lang])
        formula(sheet, difference_row, column, f"={letter}{total_row}-{letter}{results_row}", "#,##0.00")
    _fit_columns(sheet, {1: 44})


def _futures(sheet: Worksheet, numbers: ModelNumbers, t: Translator) -> None:
    evaluation = numbers.evaluation
    lang = t.lang
    strategies = list(evaluation.strategies)
    count = len(next(iter(numbers.futures.values())))
    note = t("export.note.futures", count=count, iterations=evaluation.iterations, seed=evaluation.seed)
    header = [t("export.column.future"), *(t.strategy(s) for s in strategies)]
    _preamble(sheet, t("export.sheet.futures"), note, header)
    for index in range(count):
        put(sheet, FIRST_ROW + index, 1, index + 1, "0")
        for column, strategy in enumerate(strategies, start=2):
            put(sheet, FIRST_ROW + index, column, float(numbers.futures[strategy][index]), EURO[lang])
    last = FIRST_ROW + count - 1
    # Beside the futures: the seed, the iterations and the statistics of the futures listed.
    label, value = len(strategies) + 3, len(strategies) + 4
    for offset, (key, number) in enumerate(
        (("seed", evaluation.seed), ("iterations", evaluation.iterations), ("futures", count))
    ):
        put(sheet, HEADER_ROW + offset, label, t(f"export.row.{key}")).font = _HEADER_FONT
        put(sheet, HEADER_ROW + offset, value, number, WHOLE if key != "seed" else "0")
    statistics = (
        ("mean", "AVERAGE({range})"),
        ("p10", "_xlfn.PERCENTILE.INC({range},0.1)"),
        ("p50", "_xlfn.PERCENTILE.INC({range},0.5)"),
        ("p90", "_xlfn.PERCENTILE.INC({range},0.9)"),
    )
    top = HEADER_ROW + 4
    put(sheet, top, label, t("export.row.statistics")).font = _SUBHEAD_FONT
    for column, strategy in enumerate(strategies, start=value):
        put(sheet, top, column, t.strategy(strategy)).font = _HEADER_FONT
    for offset, (key, template) in enumerate(statistics, start=1):
        put(sheet, top + offset, label, t(f"export.row.{key}"))
        for column, source in zip(range(value, value + len(strategies)), range(2, 2 + len(strategies))):
            letter = get_column_letter(source)
            text = "=" + template.format(range=f"{letter}{FIRST_ROW}:{letter}{last}")
            formula(sheet, top + offset, column, text, EURO[lang])
    _fit_columns(sheet, {label: 34})


def write_workbook(numbers: ModelNumbers, lang: str) -> bytes:
    """The workbook as .xlsx bytes, in ``lang``."""
    t = Translator(lang)
    book = Workbook()
    titles = {name: t(f"export.sheet.{name}") for name in SHEETS}
    sheets = {name: book.active if i == 0 else book.create_sheet() for i, name in enumerate(SHEETS)}
    for name, sheet in sheets.items():
        assert sheet is not None
        sheet.title = titles[name]
    case = numbers.evaluation.case
    book.properties.title = clean_text(case.title or t("nav.untitled"))
    book.properties.creator = "Kruispunt"
    book.properties.language = lang
    _assumptions(sheets["assumptions"], case, t)
    rows = _results(sheets["results"], numbers, t)
    _by_month(sheets["by_month"], numbers, t, rows["mean"], titles["results"])
    _futures(sheets["futures"], numbers, t)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def model_workbook(
    case: Case, lang: str | None = None, iterations: int = 10_000, seed: int = 1, view: str = "decision"
) -> bytes:
    """The workbook of a case, in ``lang`` (else the case's language); raises ``NotReady`` for a case a
    recommendation cannot rest on yet, as the memo does."""
    lang = lang or report_language(case)
    require_ready(case, lang)
    return write_workbook(model_numbers(case, iterations, seed, view), lang)
