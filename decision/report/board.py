"""The board memo in a format: HTML or PDF, from a case or an evaluation already made."""

from __future__ import annotations

import datetime as dt

from decision.engine.results import Evaluation, evaluate
from decision.model.case import Case
from decision.report.html import render_html
from decision.report.memo import memo, report_language
from decision.report.pdf import render_pdf

FORMATS: tuple[str, ...] = ("html", "pdf")


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
