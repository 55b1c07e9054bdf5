"""The board memo as an A4 PDF (fpdf2), the chart as a PNG via vl-convert."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import cast

from decision.report.memo import Memo, Section, Table, shorten

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


NAVY = (47, 74, 109)
GREY = (82, 96, 109)
LIGHT = (242, 244, 247)
CELL_LINE = 3.4  # mm, the line height in PDF tables
CELL_PADDING = 0.8  # mm
REPLACEMENT = "\ufffd"  # shown for a character the PDF's fonts cannot draw


def render_pdf(content: Memo) -> bytes:
    """An A4 PDF: the decision on page one, the reasoning on page two, then the appendices, each on a
    new page; the footer (without the seed and the hash: they are in the last appendix) on every page."""
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
        # Left-aligned (fpdf2 justifies by default): a justified title or numbered step at this width
        # opened wide gaps between its words ("Snel   beginnen:   projectcontract").
        pdf.multi_cell(width, size * 0.45, text(value), new_x="LMARGIN", new_y="NEXT", align="L")

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
        for number, sentence in enumerate(data.sentences, 1):
            paragraph((f"{number}.  " if data.numbered else "•  ") + sentence, 8.5)
        if data.notes:
            pdf.ln(0.8)
        for note in data.notes:
            paragraph(note, 8.5)
            pdf.ln(0.6)

    paragraph(content.kicker, 7.5, colour=GREY)
    paragraph(content.title, 16, True, NAVY)
    for line in content.context:
        paragraph(line, 8.5, colour=GREY)
    pdf.ln(1.5)
    pdf.set_fill_color(*LIGHT)
    pdf.set_font(family, "B", 11.5)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(
        width, 7, text(content.verdict), fill=True, new_x="LMARGIN", new_y="NEXT", padding=(1, 3, 0, 3), align="L"
    )
    pdf.set_font(family, "", 10)
    pdf.set_text_color(31, 41, 51)
    pdf.multi_cell(
        width, 4.8, text(content.decision), fill=True, new_x="LMARGIN", new_y="NEXT", padding=(1, 3, 2, 3), align="L"
    )
    for part in (content.path, content.warnings, content.strategies):
        section(part)
    pdf.add_page()
    for part in (content.diagnosis, content.triage, content.reasons):
        section(part)
    pdf.ln(1)
    png = vl_convert.vegalite_to_png(content.chart, scale=3)
    pdf.image(io.BytesIO(png), w=min(width, 150))
    paragraph(content.chart_caption, 7.5, colour=GREY)
    for part in content.details:
        pdf.add_page()
        section(part)
    return bytes(pdf.output())
