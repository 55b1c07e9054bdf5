"""``python -m decision evaluate CASE.json``: the JSON of MODEL.md section 6, or a text table."""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from decision.analysis.explain import warnings_of
from decision.cli.common import EXIT_INVALID, add_case_arguments, basis_of, finite_or_null, load_case_file
from decision.engine.results import Evaluation, evaluate
from decision.model import registry
from decision.text import fmt
from decision.text.i18n import translate

HELP = "simulate a case file and print the results"
# The columns of the text table, each headed by evaluate.col_<column> in the language asked for.
TABLE_COLUMNS = ("strategy", "mean", "p10", "p90", "p_best", "months")


def evaluation_contract(result: Evaluation, lang: str = "en") -> dict[str, Any]:
    """The JSON object of MODEL.md section 6."""
    recommendation = result.recommendation
    return {
        "iterations": result.iterations,
        "seed": result.seed,
        "view": result.view,
        "strategies": {s: r.contract() for s, r in result.strategies.items()},
        "recommendation": {
            "strategy": recommendation.strategy,
            "allowed": list(recommendation.allowed),
            "reasons": [translate(r.key, lang, **r.values) for r in recommendation.reasons],
            **recommendation.contract_additions(),
        },
        "zopa": result.zopa.contract(),
    }


def evaluation_text(result: Evaluation, lang: str) -> str:
    lines = [result.case.title or translate("nav.untitled", lang), ""]
    rows = [
        (
            translate(f"strategy.{strategy}.name", lang),
            fmt.money(r.mean, lang),
            fmt.money(r.p10, lang),
            fmt.money(r.p90, lang),
            fmt.percent(r.p_best, lang),
            fmt.number(r.months_to_decent, lang),
        )
        for strategy, r in result.strategies.items()
    ]
    header = tuple(translate(f"evaluate.col_{column}", lang) for column in TABLE_COLUMNS)
    # The usual widths, wider where a cell needs it (amounts of a thousand billion must not run together).
    widths = [
        max(usual, *(len(row[i]) + (i > 0) for row in (header, *rows)))
        for i, usual in enumerate((24, 14, 14, 14, 10, 8))
    ]
    lines.append(f"{header[0]:<{widths[0]}}" + "".join(f"{h:>{w}}" for h, w in zip(header[1:], widths[1:])))
    for row in rows:
        lines.append(f"{row[0]:<{widths[0]}}" + "".join(f"{cell:>{w}}" for cell, w in zip(row[1:], widths[1:])))
    lines += ["", translate("evaluate.recommendation", lang, strategy=result.recommendation.strategy)]
    lines += ["- " + translate(r.key, lang, **r.values) for r in result.recommendation.reasons]
    warnings = warnings_of(result)
    if warnings:
        lines += ["", translate("economics.warnings_title", lang)]
        lines += ["! " + warning.say(lang, fmt.money_rounded) for warning in warnings]
    return "\n".join(lines)


def _tolerance(text: str) -> float:
    value = float(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError("must be an amount in euros above 0")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_case_arguments(parser)
    parser.add_argument("--view", choices=("decision", "book"), default="decision")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.add_argument("--basis", choices=registry.BASES, default=None, help="overrides the case's preferences.basis")
    parser.add_argument("--risk-tolerance", type=_tolerance, default=None, help="euros; for certainty_equivalent")


def run(args: argparse.Namespace) -> int:
    case = load_case_file(args.case)
    chosen = basis_of(args, case)
    if chosen is None:
        return EXIT_INVALID
    basis, tolerance = chosen
    result = evaluate(case, args.iterations, args.seed, args.view, basis=basis, risk_tolerance=tolerance)
    if args.format == "json":
        print(json.dumps(finite_or_null(evaluation_contract(result, args.lang)), indent=2, allow_nan=False))
    else:
        print(evaluation_text(result, args.lang))
    return 0
