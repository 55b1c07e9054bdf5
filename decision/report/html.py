"""The board memo as one self-contained HTML page: inline CSS, inline SVG charts, user text escaped.

Three parts, each starting a printed page: the decision (page one), the reasoning (page two) and the
appendices (``<section class="details">``), the reproducibility appendix last.
"""

from __future__ import annotations

import html
from typing import Any

from decision.report.memo import Memo, Section, Table

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
           font-weight: bold; margin: 2mm 0 1mm 0; }
.decision { background: #F2F4F7; border-left: 4px solid #2F4A6D; padding: 0 4mm 2.5mm 4mm; margin: 0 0 3mm 0;
            font-size: 10.5pt; }
ol { margin: 0 0 2mm 0; padding-left: 6mm; }
.note { margin: 0 0 1.2mm 0; }
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
.summary, .reasoning { break-after: page; }
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
        tag = "ol" if section.numbered else "ul"
        parts.append(f"<{tag}>" + "".join(f"<li>{html.escape(s)}</li>" for s in section.sentences) + f"</{tag}>")
    parts += [f'<p class="note">{html.escape(note)}</p>' for note in section.notes]
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
            f'<p class="decision">{e(content.decision)}</p>',
            _html_section(content.path),
            _html_section(content.warnings),
            _html_section(content.strategies),
        ]
    )
    reasoning = "\n".join(
        [
            _html_section(content.diagnosis),
            _html_section(content.triage),
            _html_section(content.reasons),
            f"<figure>{chart_svg(content.chart)}<figcaption>{e(content.chart_caption)}</figcaption></figure>",
        ]
    )
    details = "\n".join(_html_section(section) for section in content.details)
    return (
        f'<!DOCTYPE html>\n<html lang="{e(content.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(content.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<section class="summary">\n{summary}\n</section>\n<section class="reasoning">\n{reasoning}\n</section>\n'
        f'<section class="details">\n{details}\n</section>\n'
        f"<footer>{e(content.footer)}</footer>\n</body>\n</html>\n"
    )
