"""``python -m decision agreement CASE.json``: the SMART agreement draft as Markdown or JSON."""

from __future__ import annotations

import argparse
import json

from decision.analysis.agreement import draft, draft_markdown
from decision.analysis.negotiation import analyse
from decision.cli.common import add_case_arguments, load_case_file

HELP = "print the agreement draft: SMART criteria, perception gap, zone"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_case_arguments(parser)
    parser.add_argument("--format", choices=("md", "json"), default="md")


def run(args: argparse.Namespace) -> int:
    case = load_case_file(args.case)
    analysis = analyse(case, args.iterations, args.seed)
    if args.format == "json":
        print(json.dumps(draft(case, analysis, args.lang), indent=2, ensure_ascii=False))
    else:
        print(draft_markdown(case, analysis, args.lang), end="")
    return 0
