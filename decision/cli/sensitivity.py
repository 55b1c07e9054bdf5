"""``python -m decision sensitivity CASE.json``: tornado, break-even and value of information."""

from __future__ import annotations

import argparse
import json
import math

from decision.analysis.explain import break_even_reason, say, say_value
from decision.analysis.sensitivity import Sensitivity, analyse, say_no_influence
from decision.cli.common import EXIT_INVALID, add_case_arguments, basis_of, finite_or_null, load_case_file
from decision.model import registry
from decision.text import fmt
from decision.text.i18n import translate

HELP = "tornado, break-even points and value of information of a case file"
TORNADO_LINES = 10


def sensitivity_text(analysis: Sensitivity, lang: str = "en") -> str:
    """The analysis as plain text: tornado (the inputs without influence in one line below it),
    break-even sentences, value of information."""

    def name(path: str) -> str:
        return translate(f"sensitivity.input.{path}", lang)

    rec, runner_up = analysis.recommended, analysis.runner_up
    lines = [
        translate("why.cli_tornado", lang, strategy=rec, runner_up=runner_up, amount=analysis.gap),
        f"{'':<46}{translate('why.cli_low', lang):>16}{translate('why.cli_high', lang):>16}"
        f"{translate('why.cli_gap_low', lang):>18}{translate('why.cli_gap_high', lang):>18}",
    ]
    for bar in analysis.drawn_bars[:TORNADO_LINES]:
        lines.append(
            f"{name(bar.input):<46}{say_value(bar.input, bar.low_value, lang):>16}"
            f"{say_value(bar.input, bar.high_value, lang):>16}"
            f"{fmt.money_short(bar.low_gap, lang):>18}{fmt.money_short(bar.high_gap, lang):>18}"
        )
    still = say_no_influence(analysis.no_influence, lang)
    if still is not None:
        lines.append(still)
    lines += ["", translate("why.break_even_title", lang)]
    lines += ["- " + say(break_even_reason(item), lang) for item in analysis.break_even]
    lines += ["", translate("why.evpi_line", lang, amount=analysis.evpi)]
    lines += [f"- {name(item.input)}: {fmt.money(item.amount, lang)}" for item in analysis.notable_information()]
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
    analysis = analyse(case, args.iterations, args.seed, args.view, basis, risk_tolerance=tolerance)
    if args.format == "json":
        print(json.dumps(finite_or_null(analysis.contract()), indent=2, allow_nan=False))
    else:
        print(sensitivity_text(analysis, args.lang))
    return 0
