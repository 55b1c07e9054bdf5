"""The SMART agreement as a Word document for both parties' lawyers (python-docx).

The content is the agreement draft of ``decision.analysis.agreement.draft`` (the same as the
Markdown draft and ``python -m decision agreement``), laid out in the case's language:

1. the title and a line that says it is a draft, from which numbers;
2. the parties (client, supplier, system, contract);
3. the goal in three parts of the source text: a decently working system, added value for the
   client, a normal margin for the supplier;
4. the criteria: area, metric, baseline, target, unit, deadline, owner and who measures, whether
   the row is SMART, and what each criterion still needs;
5. the perception gap and the agenda for the intake;
6. the independent supervisor's role;
7. the zone of agreement and the objective criterion for the split of the programme cost.

Headings use Word's own "Title" and "Heading 1/2" styles, lists "List Number" and "List Bullet",
tables "Table Grid", so a lawyer can restyle the whole document with a style set. Every piece of
user text goes into a run as text (python-docx escapes it): "<script>" or a Word field code such as
"{ INCLUDETEXT ... }" stays literal text, never markup or a field.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table

from decision.analysis.agreement import draft, zone_sentence
from decision.analysis.negotiation import NegotiationAnalysis, analyse
from decision.model.case import Case
from decision.report.memo import report_language
from decision.text import fmt
from decision.text.i18n import Translator

ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # what XML cannot hold
WORD_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}
TABLE_STYLE = "Table Grid"
# The criteria table: its columns, each headed by agreement.md.<column>, then the SMART column.
CRITERIA_COLUMNS: tuple[str, ...] = (
    "area",
    "metric",
    "baseline",
    "target",
    "unit",
    "deadline",
    "owner",
    "measured_by",
)
# Their widths in cm on a landscape A4 page (24.7 cm between the margins): the texts wide, the numbers narrow.
CRITERIA_WIDTHS: tuple[float, ...] = (3.0, 4.3, 1.7, 1.7, 1.9, 2.5, 2.3, 4.4, 2.9)
SUPERVISOR_POINTS = 4  # export.docx.supervisor.1 .. 4
A4 = (Cm(21.0), Cm(29.7))


def clean_text(text: object) -> str:
    """User text as Word can hold it: characters XML cannot hold become U+FFFD."""
    return ILLEGAL.sub("\ufffd", str(text))


def _table(
    doc: DocumentObject, header: list[str], rows: list[list[str]], widths: tuple[float, ...] | None = None
) -> Table:
    """A table in Word's "Table Grid" style; the header row is bold and repeats on every page."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles[TABLE_STYLE]
    table.autofit = widths is None
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(clean_text(text)).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = clean_text(text)
    if widths is not None:
        for column, width in zip(table.columns, widths):
            column.width = Cm(width)  # the grid (LibreOffice reads this) and every cell (Word reads those)
            for cell in column.cells:
                cell.width = Cm(width)
    return table


def _page(doc: DocumentObject, landscape: bool) -> None:
    """A new section on a new A4 page, landscape for the wide criteria table, else portrait."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)


def _paragraph(doc: DocumentObject, text: str, style: str | None = None, italic: bool = False) -> None:
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(clean_text(text)).italic = italic


def _number(value: float | None, lang: str) -> str:
    return "–" if value is None else fmt.number(value, lang, 2)


def _said(value: object) -> str:
    return "–" if value in (None, "") else str(value)


def _set_language(doc: DocumentObject, lang: str) -> None:
    """The document's language (Word's spelling check), on the Normal style every other style is based on."""
    doc.core_properties.language = WORD_LANGUAGES[lang]
    properties = doc.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), WORD_LANGUAGES[lang])
    properties.append(language)


def _parties(doc: DocumentObject, case: Case, t: Translator) -> None:
    doc.add_heading(t("export.docx.parties"), level=1)
    profile = case.profile
    rows = [
        [t("export.docx.client"), profile.organisation or t("export.docx.not_named")],
        [t("export.docx.supplier"), profile.supplier or t("export.docx.not_named")],
        [t("export.docx.system"), profile.system or t("export.docx.not_named")],
    ]
    if profile.contract.strip():
        rows.append([t("export.docx.contract"), profile.contract])
    _table(doc, [t("export.docx.role"), t("export.docx.name")], rows)


def _criteria(doc: DocumentObject, data: dict[str, Any], t: Translator) -> None:
    """The criteria table on landscape pages of their own (nine columns), and what each still needs."""
    lang = t.lang
    goals = data["smart_goals"]
    if not goals:
        doc.add_heading(t("export.docx.criteria"), level=1)
        _paragraph(doc, t("agreement.md.no_criteria"))
        return
    _page(doc, landscape=True)
    doc.add_heading(t("export.docx.criteria"), level=1)
    _paragraph(doc, t("export.docx.criteria_intro"))
    header = [t(f"agreement.md.{column}") for column in CRITERIA_COLUMNS] + [t("export.docx.smart")]
    rows = []
    for goal in goals:
        failed = [t(f"agreement.smart.{check}") for check, holds in goal["checks"].items() if not holds]
        smart = t("export.value.yes") if not failed else t("export.docx.smart_missing", checks=", ".join(failed))
        rows.append(
            [
                t(f"agreement.area.{goal['area']}") if goal["area"] else "–",
                _said(goal["metric"]),
                _number(goal["baseline"], lang),
                _number(goal["target"], lang),
                _said(goal["unit"]),
                fmt.date(dt.date.fromisoformat(goal["deadline"]), lang) if goal["deadline"] else "–",
                t(f"agreement.owner.{goal['owner']}") if goal["owner"] else "–",
                _said(goal["measured_by"]),
                smart,
            ]
        )
    _table(doc, header, rows, CRITERIA_WIDTHS)
    open_points = [(number, goal) for number, goal in enumerate(goals, start=1) if goal["problems"]]
    if open_points:
        doc.add_heading(t("export.docx.still_open"), level=2)
        for number, goal in open_points:
            criterion = t("agreement.md.criterion", number=number)
            metric = " ".join(str(goal["metric"]).split()) or "–"
            for problem in goal["problems"]:
                _paragraph(doc, f"{criterion} ({metric}): {problem}", "List Bullet")
    _page(doc, landscape=False)


def _gap(doc: DocumentObject, data: dict[str, Any], t: Translator) -> None:
    doc.add_heading(t("agreement.md.gap"), level=1)
    gaps = data["perception_gap"]
    if gaps:
        header = [t(f"agreement.md.{name}") for name in ("area", "client", "supplier", "difference")]
        rows = [
            [t(f"agreement.area.{g['area']}"), str(g["client"]), str(g["supplier"]), f"{g['gap']:+d}"] for g in gaps
        ]
        _table(doc, header, rows)
    else:
        _paragraph(doc, t("agreement.md.no_gap"))
    doc.add_heading(t("export.docx.agenda"), level=2)
    for point in data["agenda"] or [t("agreement.md.no_agenda")]:
        _paragraph(doc, point, "List Bullet")


def _supervisor(doc: DocumentObject, case: Case, t: Translator) -> None:
    doc.add_heading(t("export.docx.supervisor_heading"), level=1)
    _paragraph(doc, t("agreement.md.judge"))  # the draft's own sentence: who judges whether the goal is met
    _paragraph(doc, t("export.docx.supervisor_intro"))
    points = [t(f"export.docx.supervisor.{number}") for number in range(1, SUPERVISOR_POINTS + 1)]
    gate = case.solve.gate_months
    if gate is not None:
        points.append(t("export.docx.supervisor_gate", months=fmt.number(gate.mode, t.lang, 0)))
    for point in points:
        _paragraph(doc, point, "List Bullet")


def _zone(doc: DocumentObject, case: Case, analysis: NegotiationAnalysis, t: Translator) -> None:
    doc.add_heading(t("export.docx.zone"), level=1)
    zopa = analysis.zopa
    lines = [
        t("agreement.md.batna_client", strategy=zopa.client_batna, amount=zopa.client_batna_cost),
        t("agreement.md.batna_supplier", amount=zopa.supplier_batna_value),
    ]
    lines.append(zone_sentence(zopa, t.lang))  # the draft's own: a clamped equal split is not called equal
    lines.append(t("export.docx.case_share", share=zopa.case_share))
    for line in lines:
        _paragraph(doc, line, "List Bullet")
    doc.add_heading(t("export.docx.criterion_heading"), level=2)
    repair = case.solve.repair_share
    if zopa.criterion_share is None or repair is None:
        _paragraph(doc, t("export.docx.criterion_none"))
    else:
        _paragraph(doc, t("export.docx.criterion", share_repair=repair, share=zopa.criterion_share))
        _paragraph(
            doc, t("export.docx.criterion_in_zone" if zopa.criterion_in_zone else "export.docx.criterion_outside")
        )
    deal = zopa.exit_deal
    if deal is not None:
        doc.add_heading(t("export.docx.exit_heading"), level=2)
        if deal.settlement_min is None:
            _paragraph(doc, t("export.docx.exit_none"))
        elif deal.settlement_max is None:
            _paragraph(doc, t("export.docx.exit_from", amount_min=deal.settlement_min))
        else:
            _paragraph(doc, t("export.docx.exit_range", amount_min=deal.settlement_min, amount_max=deal.settlement_max))


def write_agreement(
    case: Case,
    analysis: NegotiationAnalysis,
    lang: str,
    today: dt.date,
    iterations: int,
    seed: int,
) -> bytes:
    """The agreement document as .docx bytes, in ``lang``."""
    t = Translator(lang)
    data = draft(case, analysis, lang, today)
    doc = Document()
    doc.sections[0].page_width, doc.sections[0].page_height = A4
    _set_language(doc, lang)
    title = case.title.strip() or t("nav.untitled")
    doc.core_properties.title = clean_text(t("agreement.md.title") + ": " + title)
    doc.core_properties.author = "Kruispunt"
    heading = doc.add_heading(level=0)
    heading.add_run(clean_text(t("agreement.md.title") + ": " + title))
    _paragraph(doc, t("export.docx.draft_note", date=today, iterations=iterations, seed=seed), italic=True)
    _parties(doc, case, t)
    goal = data["goal"]
    doc.add_heading(t("export.docx.goal"), level=1)
    _paragraph(doc, goal["statement"], italic=True)
    for part in ("decent_system", "client_value", "supplier_margin"):
        _paragraph(doc, goal[part], "List Number")
    _criteria(doc, data, t)
    _gap(doc, data, t)
    _supervisor(doc, case, t)
    _zone(doc, case, analysis, t)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def agreement_document(
    case: Case,
    lang: str | None = None,
    iterations: int = 10_000,
    seed: int = 1,
    today: dt.date | None = None,
    analysis: NegotiationAnalysis | None = None,
) -> bytes:
    """The agreement document of a case, in ``lang`` (else the case's language)."""
    analysis = analysis if analysis is not None else analyse(case, iterations, seed)
    return write_agreement(case, analysis, lang or report_language(case), today or dt.date.today(), iterations, seed)
