"""What every command shares: reading a case file and the arguments of a simulated case."""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from decision.model.case import Case
from decision.model.loader import load_case
from decision.model.problems import CaseError

EXIT_INVALID = 2


def basis_of(args: argparse.Namespace, case: Case) -> tuple[str, float | None] | None:
    """The basis and risk tolerance to use: the command line's (``--basis``, ``--risk-tolerance``) over
    the case's preferences; None (after saying why on stderr) when the certainty equivalent has no
    tolerance."""
    basis = args.basis or case.preferences.basis
    tolerance = args.risk_tolerance if args.risk_tolerance is not None else case.preferences.risk_tolerance
    if basis == "certainty_equivalent" and tolerance is None:
        print(f"{args.case}: --basis certainty_equivalent needs --risk-tolerance (euros above 0)", file=sys.stderr)
        return None
    return basis, tolerance


def load_case_file(path: str) -> Case:
    """The case at ``path``, or a CaseError with one line per problem (a file that cannot be read is one)."""
    try:
        return load_case(path)
    except OSError as error:
        raise CaseError([f"(file): cannot read {path}: {error.strerror}"]) from None


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


def finite_or_null(value: Any) -> Any:
    """``value`` with every non-finite float (Infinity, -Infinity, NaN) replaced by None, at any depth.

    JSON has no Infinity or NaN; ``json.dumps`` would write them anyway, and strict
    readers refuse the output. Tuples become lists, as ``json.dumps`` writes them.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite_or_null(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_null(item) for item in value]
    return value
