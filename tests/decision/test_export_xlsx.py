"""The model workbook, read back with openpyxl: every input with its source, the results of ``evaluate``
to the cent, per-month SUM formulas that add up to them, the first 1,000 futures, user text as text."""

from __future__ import annotations

import io
import re
import zipfile

import numpy as np
import openpyxl
import pytest

from decision.analysis.completeness import NotReady
from decision.engine.results import evaluate
from decision.engine.simulation import case_estimate_or_none
from decision.engine.summary import family_breakdown
from decision.model import registry
from decision.model.blank import blank_case
from decision.model.loader import parse_case
from decision.model.presets import load_preset
from decision.report.memo import first_phase_cost
from decision.report.xlsx import FIRST_ROW, FUTURES, HEADER_ROW, model_numbers, model_workbook, write_workbook
from decision.text.i18n import translate
from tests.decision.builders import make_case

ITERATIONS = 2_000
CENT = 0.005
SHEETS = {
    "en": ["Assumptions", "Results", "By month", "Futures"],
    "nl": ["Aannames", "Resultaten", "Per maand", "Scenario's"],
}
SUM = re.compile(r"^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


def read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def columns(sheet) -> dict[str, int]:
    """The header row: its text -> its column number."""
    return {cell.value: cell.column for cell in sheet[HEADER_ROW] if cell.value is not None}


def rows_by_label(sheet) -> dict[str, int]:
    """Column A below the header: its text -> its row number."""
    return {
        sheet.cell(row, 1).value: row
        for row in range(FIRST_ROW, sheet.max_row + 1)
        if isinstance(sheet.cell(row, 1).value, str)
    }


@pytest.fixture(scope="module")
def partner_book():
    """A preset with an optional way out (partner) whose running cost is left empty (its stand-in is the
    current running cost), and no gate (left empty, no stand-in), in English."""
    data = load_preset("partner-takeover").model_dump(mode="json")
    data["partner"]["running_cost_per_month"] = None
    case = parse_case(data)
    assert registry.left_empty(case, registry.BY_PATH["partner.running_cost_per_month"])
    return case, read(model_workbook(case, "en", ITERATIONS, 1))


def test_the_sheets_are_named_in_the_language_and_hold_no_macros():
    case = load_preset("erp-manufacturer")
    numbers = model_numbers(case, 200, 1)
    for lang, names in SHEETS.items():
        data = write_workbook(numbers, lang)
        assert read(data).sheetnames == names
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = archive.namelist()
            types = archive.read("[Content_Types].xml").decode()
        assert not [name for name in files if "vba" in name.lower() or name.endswith(".bin")]
        assert "macroEnabled" not in types


def test_every_input_is_there_with_its_values_and_source(partner_book):
    case, book = partner_book
    sheet = book["Assumptions"]
    head = columns(sheet)
    field = head["Field in the case file"]
    by_field = {sheet.cell(row, field).value: row for row in range(FIRST_ROW, sheet.max_row + 1)}
    expected = [spec for spec in registry.FIELDS if spec.group not in ("exit_deal",)]  # the case has no exit deal
    assert list(by_field) == [spec.path for spec in expected]
    for spec in registry.inputs_in(case):
        row = by_field[spec.path]
        estimate = case_estimate_or_none(case, spec.path)
        if estimate is None:  # the gate, left empty
            assert sheet.cell(row, head["Distribution"]).value == "not used"
            continue
        values = [sheet.cell(row, head[name]).value for name in ("Low", "Most likely", "High")]
        assert values == [estimate.low, estimate.mode, estimate.high], spec.path
        assert (sheet.cell(row, head["Source"]).value or "") == estimate.source, spec.path
        assert sheet.cell(row, head["Default (not your own number)"]).value in ("yes", "no")
    # The running cost under the partner is left empty: it is the current running cost's estimate.
    row = by_field["partner.running_cost_per_month"]
    assert sheet.cell(row, head["Note"]).value.startswith("Left empty: the model uses the estimate of ")
    running = case.current.running_cost_per_month
    assert sheet.cell(row, head["Most likely"]).value == running.mode
    assert sheet.cell(row, head["Default (not your own number)"]).value == "yes"
    assert sheet.cell(by_field["horizon_months"], head["Most likely"]).value == case.horizon_months
    assert sheet.cell(by_field["partner.fallback"], head["Most likely"]).value == translate(
        f"strategy.{case.partner.fallback}.name", "en"
    )

    # A single value's source says the page it is entered on: the client's share on Assumptions, tab Solve.
    source = head["Source"]
    assert sheet.cell(by_field["solve.client_share"], source).value == (
        "A setting of the case (Assumptions page, under Solve)."
    )
    assert sheet.cell(by_field["solve.fallback"], source).value.endswith("(Assumptions page, under Solve).")
    assert sheet.cell(by_field["partner.fallback"], source).value.endswith(
        "(Assumptions page, under Another implementation partner)."
    )
    assert sheet.cell(by_field["horizon_months"], source).value == "A setting of the case (Case page)."
    assert sheet.cell(by_field["preferences.basis"], source).value == "A setting of the case (Why page)."


def test_the_results_are_evaluates_to_the_cent(partner_book):
    case, book = partner_book
    evaluation = evaluate(case, ITERATIONS, 1)
    sheet = book["Results"]
    head = columns(sheet)
    rows = rows_by_label(sheet)
    for strategy, result in evaluation.strategies.items():
        column = head[translate(f"strategy.{strategy}.name", "en")]

        def cell(label: str, column: int = column):
            return sheet.cell(rows[label], column).value

        assert abs(cell("Expected cost (mean)") - result.mean) < CENT
        assert abs(cell("P10 (1 in 10 futures is cheaper)") - result.p10) < CENT
        assert abs(cell("P50 (median)") - result.p50) < CENT
        assert abs(cell("P90 (1 in 10 futures is dearer)") - result.p90) < CENT
        assert cell("Chance of being the cheapest") == pytest.approx(result.p_best, abs=1e-12)
        months = cell("Months to a decently working system (mean of the futures that reach it)")
        assert months == ("never" if result.months_to_decent is None else pytest.approx(result.months_to_decent))
        for category, amount in result.breakdown.items():
            assert abs(cell(translate(f"comparison.category.{category}", "en")) - amount) < CENT
        for family, amount in family_breakdown(result.breakdown).items():
            assert abs(cell(translate(f"comparison.family.{family}", "en")) - amount) < CENT
        assert cell("Recommended") == ("yes" if strategy == evaluation.recommendation.strategy else "no")


def month_sheet_sums(sheet, results_sheet) -> dict[str, tuple[float, float]]:
    """Per way out: the cells its SUM formula names, added up here, and the Results sheet's mean."""
    rows = rows_by_label(sheet)
    total_row = rows["Total (formula: the months and after the horizon)"]
    mean_row = rows_by_label(results_sheet)["Expected cost (mean)"]
    found = {}
    for column in range(2, sheet.max_column + 1):
        match = SUM.match(sheet.cell(total_row, column).value)
        assert match, sheet.cell(total_row, column).value
        first, last = int(match.group(2)), int(match.group(4))
        assert match.group(1) == match.group(3) == openpyxl.utils.get_column_letter(column)
        assert (first, last) == (FIRST_ROW, rows["Legal flows after the horizon"])
        added = sum(sheet.cell(row, column).value for row in range(first, last + 1))
        link = sheet.cell(rows["Expected cost on the Results sheet"], column).value
        assert link == f"='Results'!{openpyxl.utils.get_column_letter(column)}{mean_row}"
        found[sheet.cell(HEADER_ROW, column).value] = (added, results_sheet.cell(mean_row, column).value)
    return found


def test_the_months_add_up_to_the_results_with_formulas_the_workbook_holds(partner_book):
    case, book = partner_book
    sums = month_sheet_sums(book["By month"], book["Results"])
    assert len(sums) == len(registry.strategies_of(case))
    for added, mean in sums.values():
        assert abs(added - mean) < CENT
    assert book["By month"].max_row >= FIRST_ROW + case.horizon_months


def test_the_first_twelve_months_are_the_memos_first_phase_budget():
    """The chunked per-month costs agree with the memo's own sum of the first twelve months."""
    case = load_preset("erp-manufacturer")
    numbers = model_numbers(case, 3_000, 2)  # more than one chunk of 2,500 iterations
    for strategy in numbers.monthly:
        expected = first_phase_cost(numbers.evaluation, strategy, 12)
        assert abs(float(numbers.monthly[strategy][:12].sum()) - expected) < CENT


def test_hand_worked_months_and_the_legal_flows_after_the_horizon():
    # H = 24, r = 0, fixed values (tests/decision/builders.py). Muddling on costs D + R = 10,000 + 2,000
    # = 12,000 in every month, 288,000 in all. The lawsuit runs T_l = 30 months, 6 past the horizon:
    # fees of 60,000 / 12 = 5,000 a month for those 6 months (30,000) and the counterclaim Q = 80,000
    # at its end (p_win 0, no settlement): 110,000 after the horizon.
    case = make_case({"legal.duration_months": 30})
    book = read(model_workbook(case, "en", 50, 1))
    sheet = book["By month"]
    head = columns(sheet)
    rows = rows_by_label(sheet)
    muddle, stop = head["Muddle on"], head["Stop and sue"]
    assert [sheet.cell(FIRST_ROW + m, muddle).value for m in range(24)] == pytest.approx([12_000.0] * 24)
    assert sheet.cell(rows["Legal flows after the horizon"], muddle).value == 0
    assert sheet.cell(rows["Legal flows after the horizon"], stop).value == pytest.approx(110_000.0)
    sums = month_sheet_sums(sheet, book["Results"])
    assert sums["Muddle on"][0] == pytest.approx(288_000.0)
    assert sums["Stop and sue"][0] == pytest.approx(sums["Stop and sue"][1])


def test_the_first_thousand_futures_with_the_seed_and_iterations(partner_book):
    case, book = partner_book
    sheet = book["Futures"]
    head = columns(sheet)
    numbers = [sheet.cell(row, 1).value for row in range(FIRST_ROW, sheet.max_row + 1)]
    assert numbers[:FUTURES] == list(range(1, FUTURES + 1)) and len([n for n in numbers if n]) == FUTURES
    assert head["Seed"] and sheet.cell(HEADER_ROW, head["Seed"] + 1).value == 1
    assert sheet.cell(HEADER_ROW + 1, head["Seed"] + 1).value == ITERATIONS


def test_with_a_thousand_iterations_the_futures_rebuild_the_percentiles():
    case = load_preset("strong-claim-stop")
    evaluation = evaluate(case, FUTURES, 5)
    book = read(model_workbook(case, "nl", FUTURES, 5))
    sheet = book["Scenario's"]
    head = columns(sheet)
    for strategy, result in evaluation.strategies.items():
        column = head[translate(f"strategy.{strategy}.name", "nl")]
        totals = np.array([sheet.cell(row, column).value for row in range(FIRST_ROW, FIRST_ROW + FUTURES)])
        assert abs(totals.mean() - result.mean) < CENT
        for level, value in ((10, result.p10), (50, result.p50), (90, result.p90)):
            assert abs(np.percentile(totals, level) - value) < CENT
    formulas = [cell.value for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert f"=_xlfn.PERCENTILE.INC(B{FIRST_ROW}:B{FIRST_ROW + FUTURES - 1},0.9)" in formulas


def test_number_formats_panes_and_widths_in_the_language():
    case = load_preset("erp-manufacturer")
    numbers = model_numbers(case, 200, 1)
    for lang, euro, months in (("nl", "[$€-413] #,##0", '"maanden"'), ("en", "[$€-809]#,##0", '"months"')):
        book = read(write_workbook(numbers, lang))
        results = book[SHEETS[lang][1]]
        assert results.cell(FIRST_ROW, 2).number_format.startswith(euro)
        formats = {cell.number_format for row in results.iter_rows(min_row=FIRST_ROW) for cell in row}
        assert "0.0%" in formats and any(months in f for f in formats)
        for sheet in book:
            assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith(str(FIRST_ROW))
            assert sheet.column_dimensions["A"].width >= 10


def test_user_text_is_written_as_text_never_as_a_formula():
    hostile = {
        "title": '=HYPERLINK("http://evil.example","click") <script>alert(1)</script>',
        "current.dysfunction_cost_per_month": {"low": 5, "mode": 10, "high": 20, "source": "=1+1", "note": "@SUM(A1)"},
        "stop.exit_cost": {"low": 1, "mode": 2, "high": 3, "source": "+cmd|' /C calc'!A0", "note": "-2+3"},
    }
    case = make_case(hostile)
    data = model_workbook(case, "en", 50, 1)
    sheet = read(data)["Assumptions"]
    texts = {
        cell.value: cell
        for row in sheet.iter_rows(min_row=FIRST_ROW)
        for cell in row
        if isinstance(cell.value, str) and cell.value[:1] in "=+-@"
    }
    for text in ("=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3"):
        assert texts[text].data_type == "s" and texts[text].quotePrefix, text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # the Assumptions sheet holds no formula at all


def test_a_case_not_ready_is_refused_as_the_memo_is():
    with pytest.raises(NotReady):
        model_workbook(blank_case(), "en", 50, 1)
