"""``python -m decision schema``: the JSON Schema of a case file."""

from __future__ import annotations

import argparse
import json

from decision.model.case import Case

HELP = "print the JSON Schema of a case file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments."""


def run(args: argparse.Namespace) -> int:
    print(json.dumps(Case.model_json_schema(), indent=2))
    return 0
