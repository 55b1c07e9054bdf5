"""The board memo as one self-contained HTML page: inline CSS, inline SVG charts, user text escaped.

Three parts, each starting a printed page: the decision (page one), the reasoning (page two) and the
appendices (``<section class="details">``), the reproducibility appendix last.

The page is the Jinja2 template ``templates/memo.html.j2`` with its style sheet ``templates/memo.css``
inlined. Autoescaping is on for every value: only the style sheet and the chart's SVG (made here, not
by the user) are passed as ``Markup``. Values are escaped as ``html.escape`` does (quotes included), so
a title can never close an attribute or open a tag.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from decision.report.memo import Memo, Table

TEMPLATES = Path(__file__).parent / "templates"


def _escaped(value: Any) -> Markup:
    """Every value the template writes, escaped (``Markup`` is already safe and kept as it is)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


def _table_view(table: Table) -> dict[str, Any]:
    total = sum(table.widths)
    return {
        "shares": [f"{100 * w / total:.1f}" for w in table.widths],
        "header": table.header,
        "rows": table.rows,
        "numeric": table.numeric,
    }


@cache
def environment() -> jinja2.Environment:
    """The templates of the reports, with autoescaping on and undefined names an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_escaped,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["table_view"] = _table_view
    return env


@cache
def _css() -> Markup:
    return Markup((TEMPLATES / "memo.css").read_text(encoding="utf-8"))


def chart_svg(spec: dict[str, Any]) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)


def render_html(content: Memo) -> str:
    """One self-contained HTML document: inline CSS and SVG, no scripts, no external references."""
    template = environment().get_template("memo.html.j2")
    return template.render(memo=content, css=_css(), chart=Markup(chart_svg(content.chart)))
