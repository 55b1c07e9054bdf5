"""``python -m decision export``: the workbook's results are ``evaluate``'s, the document is written,
an invalid case exits 2 and an unwritable path 1 with one line."""

from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest

from decision.cli.main import build_parser, main
from decision.model.presets import DATA_DIR
from decision.report.xlsx import FIRST_ROW, HEADER_ROW
from decision.text.i18n import translate

CASE = str(DATA_DIR / "orderly-exit.json")
CENT = 0.005


def test_the_same_defaults_as_evaluate():
    parser = build_parser()
    export = parser.parse_args(["export", CASE, "--format", "xlsx", "--output", "x.xlsx"])
    evaluate = parser.parse_args(["evaluate", CASE])
    assert (export.iterations, export.seed, export.view) == (evaluate.iterations, evaluate.seed, evaluate.view)
    assert export.lang is None  # the case's own language, as the memo


def test_the_workbook_holds_what_evaluate_prints(tmp_path, capsys):
    output = tmp_path / "model.xlsx"
    arguments = [CASE, "--iterations", "1500", "--seed", "7"]
    assert main(["evaluate", *arguments]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert main(["export", *arguments, "--format", "xlsx", "--output", str(output), "--lang", "nl"]) == 0
    assert capsys.readouterr().out.strip() == f"{output}: xlsx written"
    sheet = openpyxl.load_workbook(output)["Resultaten"]
    names = {cell.value: cell.column for cell in sheet[HEADER_ROW]}
    rows = {sheet.cell(row, 1).value: row for row in range(FIRST_ROW, sheet.max_row + 1)}
    for strategy, result in printed["strategies"].items():
        column = names[translate(f"strategy.{strategy}.name", "nl")]
        for label, key in (
            ("Verwachte kosten (gemiddelde)", "mean"),
            ("P10 (1 op de 10 scenario's is goedkoper)", "p10"),
            ("P90 (1 op de 10 scenario's is duurder)", "p90"),
        ):
            assert abs(sheet.cell(rows[label], column).value - result[key]) < CENT, (strategy, key)
        for category, amount in result["breakdown"].items():
            cell = sheet.cell(rows[translate(f"comparison.category.{category}", "nl")], column).value
            assert abs(cell - amount) < CENT


def test_the_document_is_written_in_the_language_asked(tmp_path):
    output = tmp_path / "agreement.docx"
    assert main(["export", CASE, "--format", "docx", "--output", str(output), "--iterations", "200"]) == 0
    document = docx.Document(io.BytesIO(output.read_bytes()))
    assert document.paragraphs[0].text.startswith("Agreement draft: ")  # the preset's language is English
    output_nl = tmp_path / "afspraak.docx"
    arguments = ["--output", str(output_nl), "--lang", "nl", "--iterations", "200"]
    assert main(["export", CASE, "--format", "docx", *arguments]) == 0
    assert docx.Document(str(output_nl)).paragraphs[0].text.startswith("Conceptafspraak: ")


@pytest.mark.parametrize("form", ["xlsx", "docx"])
def test_an_invalid_case_exits_2_and_writes_nothing(tmp_path, capsys, form):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 1}')
    output = tmp_path / f"out.{form}"
    assert main(["export", str(bad), "--format", form, "--output", str(output)]) == 2
    assert "title" in capsys.readouterr().err
    assert not output.exists()


def test_a_case_not_ready_for_the_workbook_exits_2_with_what_to_fill_in(tmp_path, capsys):
    from decision.model.blank import blank_case

    blank = tmp_path / "blank.json"
    blank.write_text(blank_case().model_dump_json())
    assert main(["export", str(blank), "--format", "xlsx", "--output", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{blank}: ") and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("form", ["xlsx", "docx"])
def test_a_path_that_cannot_be_written_exits_1_with_one_line(tmp_path, capsys, form):
    output = tmp_path / "no-such-folder" / f"out.{form}"
    assert main(["export", CASE, "--format", form, "--output", str(output), "--iterations", "50"]) == 1
    err = capsys.readouterr().err
    assert err == f"{output}: cannot write: No such file or directory\n"
