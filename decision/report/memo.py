"""The board memo: one page of summary, then the assumptions, the sensitivity and the agreement draft.

``memo()`` gathers the content once, as translated text in the case's language;
``render_html`` writes it as one self-contained HTML file (inline CSS, charts as
inline SVG, no external references; every piece of user text escaped) and
``render_pdf`` as an A4 PDF (fpdf2, charts as PNG). The footer on both says how
to reproduce the numbers: the date, the seed, the iteration count and the
SHA-256 of the canonical case JSON.

Any text the case allows renders: long words wrap in both (CSS ``overflow-wrap``;
fpdf2 breaks a word wider than its column), and a PDF table cell longer than
``PDF_CELL_LINES`` lines is cut with an ellipsis and a note mark, its full text
following the table as a numbered note, so that no row is ever taller than a page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import altair as alt

from decision.analysis.inputs import format_value
from decision.engine.results import Evaluation, evaluate
from decision.engine.simulation import case_estimate
from decision.model import registry
from decision.model.case import DIAGNOSIS_AREAS, Case
from decision.report.chart_style import euro_axis, strategy_scale
from decision.text import fmt
from decision.text.i18n import LANGUAGES, Translator

FORMATS: tuple[str, ...] = ("html", "pdf")
TORNADO_ROWS = 8
SUMMARY_EVIDENCE_CHARS = 55  # the summary page quotes the evidence this short; the details in full
BREAK_EVEN_SENTENCES = 3
# A cell of a PDF table shows at most this many lines (a row must fit on one page); the rest follows as a note.
PDF_CELL_LINES = 12
# Fonts with the euro sign and every Latin letter; the PDF falls back to Helvetica without them.
PDF_FONTS: tuple[tuple[Path, Path], ...] = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ),
)


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


@dataclass(frozen=True)
class Memo:
    """Everything the memo says, as text in one language; renderers only lay it out."""

    lang: str
    kicker: str
    title: str
    context: tuple[str, ...]
    verdict: str
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


def shorten(text: str, limit: int) -> str:
    """``text`` cut before ``limit`` characters, with an ellipsis when cut.

    The cut is at a word boundary unless that would drop more than a third of what fits
    (one long word, a URL): then the word itself is cut.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
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
            (shorten(rating.evidence, evidence_chars) if evidence_chars else rating.evidence) or "–",
        )
        for area, rating in rated
    )
    header = (t("report.col_area"), t("report.col_client"), t("report.col_supplier"), t("report.col_evidence"))
    return Section(
        t("report.diagnosis") if evidence_chars else t("report.diagnosis_full"),
        t("report.diagnosis_none") if not rows else "" if evidence_chars else t("report.diagnosis_intro"),
        Table(header, rows, (20, 15, 15, 50)) if rows else None,
    )


def _strategies(evaluation: Evaluation, t: Translator) -> Section:
    lang = t.lang
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
            else t("report.months", months=fmt.number(result.months_to_decent, lang, 0), share=result.p_decent)
        )
        rows.append(
            (
                name,
                fmt.money(result.mean, lang),
                fmt.money(result.p10, lang),
                fmt.money(result.p90, lang),
                fmt.percent(result.p_best, lang),
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
        "report.strategies_intro",
        horizon=evaluation.case.horizon_months,
        share=evaluation.case.discount_rate,
    )
    return Section(
        t("report.strategies"), intro, Table(header, tuple(rows), (24, 14, 14, 14, 14, 20), frozenset({1, 2, 3, 4}))
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


def _assumptions(case: Case, t: Translator) -> Section:
    lang = t.lang
    rows: list[tuple[str, ...]] = []
    for spec in registry.inputs_in(case):
        estimate = getattr(getattr(case, spec.group), spec.field)
        if spec.path == "supplier.revenue_per_month":
            estimate = case_estimate(case, spec.path)
        if estimate is None:  # left empty: the model uses its stand-in, listed on its own row
            continue
        label = t("report.with_unit", label=t(spec.label_key), unit=t(f"inputs.unit.{spec.kind}"))
        source = " — ".join(part for part in (estimate.source, estimate.note) if part) or "–"
        values: tuple[str, ...]
        if estimate.is_fixed:
            values = ("", format_value(spec.kind, estimate.low, lang), "")
        else:
            values = tuple(format_value(spec.kind, getattr(estimate, part), lang) for part in ("low", "mode", "high"))
        rows.append((label, *values, source))
    settings = (
        (t("report.setting.horizon"), t("report.months_plain", months=case.horizon_months)),
        (t("report.setting.discount_rate"), fmt.percent(case.discount_rate, lang, 1)),
        (t("report.setting.client_share"), fmt.percent(case.solve.client_share, lang)),
        (t("report.setting.liability_cap"), fmt.money(case.legal.liability_cap, lang)),
        (t("report.setting.fallback"), t.strategy(case.solve.fallback)),
        (t("report.setting.invested_to_date"), fmt.money(case.sunk.invested_to_date, lang)),
        (t("report.setting.book_value"), fmt.money(case.sunk.book_value, lang)),
    )
    rows += [(label, "", value, "", "–") for label, value in settings]
    header = (
        t("report.col_input"),
        t("report.col_low"),
        t("report.col_mode"),
        t("report.col_high"),
        t("report.col_source"),
    )
    return Section(
        t("report.assumptions"),
        t("report.assumptions_intro"),
        Table(header, tuple(rows), (30, 13, 13, 13, 31), frozenset({1, 2, 3})),
    )


def sensitivity_section(case: Case, evaluation: Evaluation, t: Translator) -> Section | None:
    """Hook for the sensitivity analysis (decision/sensitivity.py): the inputs that move the choice most."""
    from decision.analysis.explain import break_even_reason, say, say_value
    from decision.analysis.sensitivity import analyse

    analysis = analyse(case, evaluation.iterations, evaluation.seed, evaluation.view)
    bars = sorted(analysis.tornado, key=lambda bar: -bar.swing)[:TORNADO_ROWS]
    lang = t.lang
    rows = tuple(
        (
            t(f"inputs.{bar.input}.label"),
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
    flips = tuple(say(break_even_reason(item), lang) for item in analysis.break_even if item.value is not None)
    intro = t("report.sensitivity_intro", strategy=analysis.recommended, runner_up=analysis.runner_up)
    return Section(
        t("report.sensitivity"),
        intro,
        Table(header, rows, (28, 14, 15, 14, 15, 14), frozenset({1, 2, 3, 4})),
        flips[:BREAK_EVEN_SENTENCES] + (t("report.evpi", amount=analysis.evpi),),
    )


def agreement_section(case: Case, evaluation: Evaluation, t: Translator, today: dt.date) -> Section | None:
    """Hook for the agreement draft (decision/agreement.py): shown when the case has SMART goals."""
    if not case.smart_goals:
        return None
    from decision.analysis.agreement import draft
    from decision.analysis.negotiation import analyse

    data = draft(case, analyse(case, evaluation.iterations, evaluation.seed, evaluation.book_view), t.lang, today)
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
        *data["agenda"],
    )
    return Section(
        t("report.agreement"),
        t("report.agreement_intro"),
        Table(header, rows, (16, 26, 11, 11, 9, 15, 12), frozenset({2, 3})),
        tuple(sentences),
    )


def memo(evaluation: Evaluation, lang: str, today: dt.date) -> Memo:
    """The memo's content in ``lang``; ``today`` is the date it is dated."""
    case = evaluation.case
    t = Translator(lang)
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
    details = [_assumptions(case, t)]
    full_diagnosis = _diagnosis(case, t)
    if full_diagnosis.table is not None:
        details.insert(0, full_diagnosis)
    for section in (sensitivity_section(case, evaluation, t), agreement_section(case, evaluation, t, today)):
        if section is not None:
            details.append(section)
    footer = t(
        "report.footer",
        date=fmt.date(today, lang),
        seed=str(evaluation.seed),
        iterations=fmt.number(evaluation.iterations, lang, 0),
        view=t(f"report.view_{evaluation.view}"),
        hash=case_hash(case),
    )
    return Memo(
        lang=t.lang,
        kicker=t("report.kicker", date=fmt.date(today, lang)),
        title=case.title or t("nav.untitled"),
        context=context,
        verdict=t("report.verdict", strategy=recommendation.strategy),
        diagnosis=_diagnosis(case, t, SUMMARY_EVIDENCE_CHARS),
        triage=Section(t("report.triage"), "", None, tuple(t(r.key, **r.values) for r in evaluation.triage.reasons)),
        reasons=Section(
            t("report.reasons"),
            "",
            None,
            tuple(t(r.key, **r.values) for r in recommendation.reasons if r not in evaluation.triage.reasons),
        ),
        strategies=_strategies(evaluation, t),
        chart=cost_chart(evaluation, t).to_dict(),
        chart_caption=t("report.chart_caption", horizon=case.horizon_months),
        details=tuple(details),
        footer=footer,
    )


# -- HTML ------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1F2933;
       font-size: 10pt; line-height: 1.35; max-width: 190mm; margin: 0 auto; padding: 8mm 0;
       overflow-wrap: anywhere; }
h1 { font-size: 18pt; margin: 0 0 2mm 0; color: #2F4A6D; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm 0; color: #2F4A6D; border-bottom: 1px solid #D5DAE1; }
p, ul { margin: 0 0 2mm 0; }
ul { padding-left: 5mm; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 8.5pt; color: #52606D; margin: 0; }
.context { color: #52606D; margin: 0 0 3mm 0; }
.verdict { background: #F2F4F7; border-left: 4px solid #2F4A6D; padding: 2.5mm 4mm; font-size: 12pt;
           font-weight: bold; margin: 2mm 0 3mm 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8.5pt; margin-bottom: 2mm; }
th { text-align: left; background: #F2F4F7; border-bottom: 1px solid #9AA5B1; padding: 1.2mm 1.5mm; }
td { border-bottom: 1px solid #E4E7EB; padding: 1mm 1.5mm; vertical-align: top; overflow-wrap: anywhere;
     word-break: break-word; }
.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
figure { margin: 1mm 0 0 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #52606D; }
.summary { break-after: page; }
.intro { color: #3E4C59; }
footer { margin-top: 6mm; border-top: 1px solid #D5DAE1; padding-top: 2mm; font-size: 7.5pt; color: #52606D;
         word-break: break-all; }
@media print { body { padding: 0; max-width: none; font-size: 9pt; } h1 { font-size: 16pt; }
               .verdict { font-size: 11pt; } table { font-size: 8pt; } h2 { margin-top: 3mm; } }
"""


def _html_table(table: Table) -> str:
    def cell(tag: str, index: int, text: str) -> str:
        cls = ' class="num"' if index in table.numeric else ""
        return f"<{tag}{cls}>{html.escape(text)}</{tag}>"

    total = sum(table.widths)
    columns = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)
    head = "".join(cell("th", i, text) for i, text in enumerate(table.header))
    body = "".join("<tr>" + "".join(cell("td", i, text) for i, text in enumerate(row)) + "</tr>" for row in table.rows)
    return f"<table><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_section(section: Section) -> str:
    parts = [f"<h2>{html.escape(section.heading)}</h2>"]
    if section.intro:
        parts.append(f'<p class="intro">{html.escape(section.intro)}</p>')
    if section.table is not None:
        parts.append(_html_table(section.table))
    if section.sentences:
        parts.append("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in section.sentences) + "</ul>")
    return "\n".join(parts)


def chart_svg(spec: dict[str, Any]) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)


def render_html(content: Memo) -> str:
    """One self-contained HTML document: inline CSS and SVG, no scripts, no external references."""
    e = html.escape
    context = "".join(f"<span>{e(line)}</span><br>" for line in content.context)
    summary = "\n".join(
        [
            f'<p class="kicker">{e(content.kicker)}</p>',
            f"<h1>{e(content.title)}</h1>",
            f'<p class="context">{context}</p>' if context else "",
            f'<p class="verdict">{e(content.verdict)}</p>',
            _html_section(content.diagnosis),
            _html_section(content.triage),
            _html_section(content.reasons),
            _html_section(content.strategies),
            f"<figure>{chart_svg(content.chart)}<figcaption>{e(content.chart_caption)}</figcaption></figure>",
        ]
    )
    details = "\n".join(_html_section(section) for section in content.details)
    return (
        f'<!DOCTYPE html>\n<html lang="{e(content.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(content.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<section class="summary">\n{summary}\n</section>\n<section class="details">\n{details}\n</section>\n'
        f"<footer>{e(content.footer)}</footer>\n</body>\n</html>\n"
    )


# -- PDF -------------------------------------------------------------------------------

NAVY = (47, 74, 109)
GREY = (82, 96, 109)
LIGHT = (242, 244, 247)
CELL_LINE = 3.4  # mm, the line height in PDF tables
CELL_PADDING = 0.8  # mm
REPLACEMENT = "\ufffd"  # shown for a character the PDF's fonts cannot draw


def render_pdf(content: Memo) -> bytes:
    """An A4 PDF: the summary on page one, then the details; the footer on every page."""
    import vl_convert
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue, TableBordersLayout
    from fpdf.fonts import FontFace, TTFFont

    fonts = next(((regular, bold) for regular, bold in PDF_FONTS if regular.exists() and bold.exists()), None)
    glyphs: frozenset[int] = frozenset()  # the characters both fonts can draw

    def text(value: str) -> str:
        """``value`` as the fonts can draw it: fpdf2 would leave out a character without a glyph (an emoji,
        a CJK letter), so that it shows as U+FFFD; an invisible format character is left out. Without a
        Unicode font only Latin-1 can be written (the euro sign as EUR)."""
        if not fonts:
            return value.replace("€", "EUR").encode("latin-1", "replace").decode("latin-1")
        if all(ord(char) in glyphs or char < " " for char in value):
            return value
        return "".join(shown(char) for char in value)

    def shown(char: str) -> str:
        if ord(char) in glyphs or char < " ":
            return char
        return "" if unicodedata.category(char) == "Cf" else REPLACEMENT

    class MemoPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-13)
            self.set_font(family, size=6.5)
            self.set_text_color(*GREY)
            self.multi_cell(0, 3, text(f"{content.footer}  ·  {self.page_no()}/{{nb}}"), align="C")

    pdf = MemoPDF(format="A4")
    if fonts:
        family = "memo"
        pdf.add_font(family, "", str(fonts[0]))
        pdf.add_font(family, "B", str(fonts[1]))
        glyphs = frozenset.intersection(
            *(frozenset(font.cmap) for font in pdf.fonts.values() if isinstance(font, TTFFont))
        )
    else:
        family = "helvetica"
    pdf.set_title(text(content.title))
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    width = pdf.epw

    def paragraph(value: str, size: float = 9, bold: bool = False, colour: tuple[int, int, int] = (31, 41, 51)) -> None:
        pdf.set_font(family, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, size * 0.45, text(value), new_x="LMARGIN", new_y="NEXT")

    def heading(value: str) -> None:
        pdf.ln(1.5)
        paragraph(value, 11, True, NAVY)
        pdf.set_draw_color(213, 218, 225)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.ln(1)

    def lines(value: str, column: float) -> int:
        """How many lines ``value`` takes in a table column ``column`` mm wide, in the current font."""
        inner = max(column - 2 * CELL_PADDING - 0.5, 1.0)
        found = pdf.multi_cell(inner, CELL_LINE, value, dry_run=True, output=MethodReturnValue.LINES)
        return len(cast(list[str], found))

    def fitted(value: str, column: float, mark: str) -> str | None:
        """``value`` cut with an ellipsis and ``mark`` to fit ``PDF_CELL_LINES`` lines, or None when it fits."""
        if lines(value, column) <= PDF_CELL_LINES:
            return None
        low, high = 0, len(value)  # the longest cut that fits lies in [low, high)
        while high - low > 1:
            middle = (low + high) // 2
            if lines(f"{shorten(value, middle)} {mark}", column) <= PDF_CELL_LINES:
                low = middle
            else:
                high = middle
        return f"{shorten(value, low)} {mark}" if low else mark

    def table(data: Table) -> None:
        pdf.set_font(family, "", 7.5)
        pdf.set_text_color(31, 41, 51)
        total = sum(data.widths)
        columns = tuple(width * w / total for w in data.widths)
        align = tuple("RIGHT" if i in data.numeric else "LEFT" for i in range(len(data.header)))
        notes: list[str] = []
        rows: list[list[str]] = []
        for row in (data.header, *data.rows):
            cells = []
            for index, value in enumerate(row):
                value = text(value)
                cut = fitted(value, columns[index], f"[{len(notes) + 1}]")
                if cut is not None:
                    named = f"{text(row[0])}: " if index > 0 and row[0] else ""
                    notes.append(f"[{len(notes) + 1}] {named}{value}")
                    value = cut
                cells.append(value)
            rows.append(cells)
        with pdf.table(
            col_widths=columns,
            text_align=align,
            headings_style=FontFace(emphasis="BOLD", fill_color=LIGHT),
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            line_height=CELL_LINE,
            padding=CELL_PADDING,
            width=width,
        ) as grid:
            for cells in rows:
                grid_row = grid.row()
                for value in cells:
                    grid_row.cell(value)
        pdf.ln(1)
        for note in notes:
            paragraph(note, 7, colour=GREY)
        if notes:
            pdf.ln(1)

    def section(data: Section) -> None:
        heading(data.heading)
        if data.intro:
            paragraph(data.intro, 8.5, colour=GREY)
            pdf.ln(0.5)
        if data.table is not None:
            table(data.table)
        for sentence in data.sentences:
            paragraph("•  " + sentence, 8.5)

    paragraph(content.kicker, 7.5, colour=GREY)
    paragraph(content.title, 16, True, NAVY)
    for line in content.context:
        paragraph(line, 8.5, colour=GREY)
    pdf.ln(1.5)
    pdf.set_fill_color(*LIGHT)
    pdf.set_font(family, "B", 11.5)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(width, 7, text(content.verdict), fill=True, new_x="LMARGIN", new_y="NEXT", padding=(1, 3))
    for part in (content.diagnosis, content.triage, content.reasons, content.strategies):
        section(part)
    png = vl_convert.vegalite_to_png(content.chart, scale=3)
    pdf.image(io.BytesIO(png), w=min(width, 150))
    paragraph(content.chart_caption, 7.5, colour=GREY)
    for part in content.details:
        pdf.add_page()
        section(part)
    return bytes(pdf.output())


def board_report(
    case: Case,
    form: str,
    lang: str | None = None,
    iterations: int = 10_000,
    seed: int = 1,
    today: dt.date | None = None,
    evaluation: Evaluation | None = None,
) -> bytes:
    """The memo as ``form`` ("html" or "pdf"), in ``lang`` (else the case's language)."""
    if form not in FORMATS:
        raise ValueError(f"unknown report format {form!r}")
    evaluation = evaluation if evaluation is not None else evaluate(case, iterations, seed)
    content = memo(evaluation, lang or report_language(case), today or dt.date.today())
    return render_html(content).encode("utf-8") if form == "html" else render_pdf(content)
