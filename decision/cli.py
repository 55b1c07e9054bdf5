"""The command line: ``python -m decision evaluate|validate|schema|bench ...``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable

from decision.case import Case, CaseError, load_case
from decision.i18n import translate
from decision.results import Evaluation, evaluate

EXIT_INVALID = 2


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
        },
        "zopa": result.zopa.contract(),
    }


def _evaluation_text(result: Evaluation, lang: str) -> str:
    from decision import fmt

    lines = [result.case.title or "(untitled case)", ""]
    header = f"{'strategy':<24}{'mean':>14}{'P10':>14}{'P90':>14}{'cheapest':>10}{'months':>8}"
    lines.append(header)
    for strategy, r in result.strategies.items():
        name = translate(f"strategy.{strategy}.name", lang)
        lines.append(
            f"{name:<24}{fmt.money(r.mean, lang):>14}{fmt.money(r.p10, lang):>14}{fmt.money(r.p90, lang):>14}"
            f"{fmt.percent(r.p_best, lang):>10}{fmt.number(r.months_to_decent, lang):>8}"
        )
    lines += ["", "Recommendation: " + translate(f"strategy.{result.recommendation.strategy}.name", lang)]
    lines += ["- " + translate(r.key, lang, **r.values) for r in result.recommendation.reasons]
    return "\n".join(lines)


def load_case_file(path: str) -> Case:
    try:
        return load_case(path)
    except OSError as error:
        raise CaseError([f"(file): cannot read {path}: {error.strerror}"]) from None


def cmd_evaluate(args: argparse.Namespace) -> int:
    case = load_case_file(args.case)
    result = evaluate(case, args.iterations, args.seed, args.view)
    if args.format == "json":
        print(json.dumps(evaluation_contract(result, args.lang), indent=2))
    else:
        print(_evaluation_text(result, args.lang))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    load_case_file(args.case)
    print(f"{args.case}: valid")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(Case.model_json_schema(), indent=2))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from decision.bench import run

    run(args.repeat)
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError("must be between 1 and 1,000,000")
    return value


def _seed(text: str) -> int:
    """A random seed: numpy's SeedSequence takes only whole numbers >= 0."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be a whole number, 0 or more")
    return value


def add_case_arguments(parser: argparse.ArgumentParser, lang_default: str | None = "en") -> None:
    """The arguments every command that simulates a case file takes."""
    parser.add_argument("case")
    parser.add_argument("--iterations", type=_positive, default=10_000)
    parser.add_argument("--seed", type=_seed, default=1)
    parser.add_argument("--lang", choices=("en", "nl"), default=lang_default)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m decision", description="Kruispunt decision model")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(handler=handler)
        return p

    p = command("evaluate", cmd_evaluate, "simulate a case file and print the results")
    add_case_arguments(p)
    p.add_argument("--view", choices=("decision", "book"), default="decision")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p = command("validate", cmd_validate, "check a case file (exit 0 valid, 2 invalid)")
    p.add_argument("case")
    command("schema", cmd_schema, "print the JSON Schema of a case file")
    p = command("bench", cmd_bench, "time the simulation against a floor of random draws")
    p.add_argument("--repeat", type=int, default=7)
    import decision.agreement  # noqa: F401  (registers the agreement sub-command)
    import decision.sensitivity_cli  # noqa: F401  (registers the sensitivity sub-command)
    import decision.report  # noqa: F401  (registers the report sub-command)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


# Modules that add sub-commands (sensitivity, agreement, report) register here.
EXTRA_COMMANDS: list[Callable[[Any], None]] = []


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CaseError as error:
        for problem in error.problems:
            print(f"{getattr(args, 'case', '')}: {problem}", file=sys.stderr)
        return EXIT_INVALID
