"""The agreement document, read back with python-docx: the goal, every criterion, the agenda, the
supervisor and the zone, in both languages, in Word's own styles; user text stays literal text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest

from decision.analysis.agreement import agenda, draft
from decision.analysis.negotiation import analyse
from decision.model.presets import load_preset
from decision.report.docx import agreement_document
from decision.text.i18n import translate
from tests.decision.builders import make_case

ITERATIONS = 1_000
TODAY = dt.date(2026, 3, 2)
FIELD_CODES = '{ INCLUDETEXT "C:\\\\secret.txt" } { MERGEFIELD name } { DDEAUTO c:\\\\windows\\\\cmd.exe "/c calc" }'


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def cells(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def whole_text(document) -> str:
    return "\n".join(paragraphs(document) + [text for table in cells(document) for row in table for text in row])


@pytest.fixture(scope="module", params=["en", "nl"])
def example(request):
    case = load_preset("erp-manufacturer")
    lang = request.param
    analysis = analyse(case, ITERATIONS, 1)
    document = read(agreement_document(case, lang, ITERATIONS, 1, TODAY, analysis=analysis))
    return case, lang, document, draft(case, analysis, lang, TODAY)


def test_the_goal_in_three_parts(example):
    case, lang, document, data = example
    text = paragraphs(document)
    assert text[0] == f"{translate('agreement.md.title', lang)}: {case.title}"
    goal = data["goal"]
    assert translate("agreement.goal.statement", lang) in text
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == [goal["decent_system"], goal["client_value"], goal["supplier_margin"]]


def test_every_criterion_with_owner_baseline_target_deadline_and_who_measures(example):
    case, lang, document, data = example
    table = next(t for t in cells(document) if t[0][0] == translate("agreement.md.area", lang))
    header, rows = table[0], table[1:]
    assert header[:8] == [
        translate(f"agreement.md.{column}", lang)
        for column in ("area", "metric", "baseline", "target", "unit", "deadline", "owner", "measured_by")
    ]
    assert len(rows) == len(case.smart_goals)
    for row, goal in zip(rows, case.smart_goals):
        assert row[1] == goal.metric and row[7] == goal.measured_by
        assert row[6] == translate(f"agreement.owner.{goal.owner}", lang)
        assert row[5].endswith(str(goal.deadline.year))
        # Baseline 46 and target 5 of the first criterion, written as the language writes numbers.
    assert rows[0][2:4] == ["46", "5"]
    smart_column = [row[8] for row in rows]
    for row, item in zip(smart_column, data["smart_goals"]):
        assert (row == translate("export.value.yes", lang)) == all(item["checks"].values())


def test_the_agenda_the_supervisor_and_the_zone(example):
    case, lang, document, data = example
    text = whole_text(document)
    said = data["agenda"]
    assert said and len(said) == len(agenda(case))
    for point in said:
        assert point in paragraphs(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert translate("export.docx.supervisor_heading", lang) in headings
    assert translate("export.docx.zone", lang) in headings
    assert translate("export.docx.supervisor.2", lang) in paragraphs(document)
    assert translate("agreement.md.judge", lang) in paragraphs(document)
    zone = analyse(case, ITERATIONS, 1).zopa
    batna = translate("agreement.md.batna_client", lang, strategy=zone.client_batna, amount=zone.client_batna_cost)
    assert batna in text
    # The preset's programme is 60% repair: by the objective criterion the client pays 40%.
    assert case.solve.repair_share == 0.6
    criterion = translate("export.docx.criterion", lang, share_repair=0.6, share=zone.criterion_share)
    assert "40%" in criterion and criterion in paragraphs(document)


def test_word_styles_a_lawyer_can_restyle(example):
    _, lang, document, _ = example
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "List Number", "List Bullet"} <= styles
    assert {table.style.name for table in document.tables} == {"Table Grid"}
    assert document.core_properties.language == {"nl": "nl-NL", "en": "en-GB"}[lang]
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert len(landscape) == 1, "the criteria table has a landscape page of its own"


def test_script_and_field_codes_in_user_text_stay_literal_text():
    title = f"<script>alert(1)</script> {FIELD_CODES}"
    goal = {"area": "functionality", "metric": "=cmd|' /C calc'!A0 " + FIELD_CODES, "unit": "<b>%</b>"}
    case = make_case({"title": title, "profile.supplier": "<w:fldSimple w:instr='DATE'/>", "smart_goals": [goal]})
    data = agreement_document(case, "en", 200, 1, TODAY)
    document = read(data)
    assert paragraphs(document)[0] == f"Agreement draft: {title}"
    text = whole_text(document)
    assert goal["metric"] in text and "<b>%</b>" in text and "<w:fldSimple w:instr='DATE'/>" in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "fldSimple " not in xml.replace("&lt;w:fldSimple", "") and "instrText" not in xml and "fldChar" not in xml
    assert "<script>" not in xml and "&lt;script&gt;" in xml


def test_without_criteria_gap_or_split_the_document_says_so():
    case = make_case()
    document = read(agreement_document(case, "nl", 200, 1, TODAY))
    text = paragraphs(document)
    assert translate("agreement.md.no_criteria", "nl") in text
    assert translate("agreement.md.no_gap", "nl") in text
    assert translate("export.docx.criterion_none", "nl") in text
    assert not [s for s in document.sections if s.page_width > s.page_height]
