"""``python -m decision validate CASE.json``: exit 0 when valid, 2 with one line per problem."""

from __future__ import annotations

import argparse

from decision.cli.common import load_case_file

HELP = "check a case file (exit 0 valid, 2 invalid)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("case")


def run(args: argparse.Namespace) -> int:
    load_case_file(args.case)
    print(f"{args.case}: valid")
    return 0
