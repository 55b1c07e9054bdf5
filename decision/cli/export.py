"""``python -m decision export CASE.json --format xlsx|docx --output PATH``: the files the work goes on in.

``xlsx`` is the model workbook for the controller (decision.report.xlsx): its results are those of
``evaluate`` with the same ``--iterations``, ``--seed`` and ``--view`` (the same defaults). ``docx`` is
the SMART agreement draft for both parties' lawyers (decision.report.docx). Both are written in
``--lang``, else the case's language.

Exit 0 written; 2 for an invalid case (one line per problem) or one a recommendation cannot rest on
yet (the workbook, like the memo); 1 with one line when the output cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from decision.analysis.completeness import NotReady
from decision.cli.common import EXIT_INVALID, add_case_arguments, load_case_file
from decision.report.docx import agreement_document
from decision.report.xlsx import model_workbook

HELP = "write the model as an Excel workbook (xlsx) or the agreement draft as a Word document (docx)"
FORMATS: tuple[str, ...] = ("xlsx", "docx")
EXIT_UNWRITABLE = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_case_arguments(parser, lang_default=None)
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--view", choices=("decision", "book"), default="decision", help="for xlsx")


def run(args: argparse.Namespace) -> int:
    case = load_case_file(args.case)
    try:
        if args.format == "xlsx":
            data = model_workbook(case, args.lang, args.iterations, args.seed, args.view)
        else:
            data = agreement_document(case, args.lang, args.iterations, args.seed)
    except NotReady as refused:
        print("\n".join(f"{args.case}: {line}" for line in refused.lines), file=sys.stderr)
        return EXIT_INVALID
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"{args.output}: cannot write: {reason}", file=sys.stderr)
        return EXIT_UNWRITABLE
    print(f"{args.output}: {args.format} written")
    return 0
