"""``python -m decision report CASE.json --format html|pdf --output PATH``: the board memo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from decision.analysis.completeness import NotReady
from decision.cli.common import add_case_arguments, load_case_file
from decision.report.board import FORMATS, board_report

HELP = "write the board memo of a case file as HTML or PDF"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_case_arguments(parser, lang_default=None)
    parser.add_argument("--format", choices=FORMATS, default="html")
    parser.add_argument("--output", required=True)


def run(args: argparse.Namespace) -> int:
    case = load_case_file(args.case)
    try:
        data = board_report(case, args.format, args.lang, args.iterations, args.seed)
    except NotReady as refused:
        print("\n".join(refused.lines), file=sys.stderr)
        return 2
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        print(f"{args.output}: cannot write: {error.strerror}", file=sys.stderr)
        return 1
    print(f"{args.output}: {args.format} report written")
    return 0
