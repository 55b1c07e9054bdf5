"""The command line: ``python -m decision COMMAND ...``.

Each command is a module of this package with ``HELP``, ``add_arguments(parser)``
and ``run(args) -> exit code``. They are listed here, explicitly: a new command is
one new module and one line in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import os
import sys
from types import ModuleType

from decision.cli import agreement, bench, evaluate, export, report, schema, sensitivity, validate
from decision.cli.common import EXIT_INVALID
from decision.model.problems import CaseError

COMMANDS: dict[str, ModuleType] = {
    "evaluate": evaluate,
    "validate": validate,
    "schema": schema,
    "bench": bench,
    "sensitivity": sensitivity,
    "agreement": agreement,
    "report": report,
    "export": export,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m decision", description="Kruispunt decision model")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        command = sub.add_parser(name, help=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except CaseError as error:
        for problem in error.problems:
            print(f"{getattr(args, 'case', '')}: {problem}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader went away (``... | head``): stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
