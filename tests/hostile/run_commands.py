"""Run ``python -m decision`` commands one after another in this one process, as the command line
would run each: the hostile corpus's driver (``test_corpus.py``).

A fresh interpreter per command spent most of the corpus's time importing numpy, pandas and the
report libraries (about 0.8 s a command, over 200 commands). Here a process imports them once and
calls ``decision.cli.main.main`` per command, exactly what ``python -m decision`` calls, with its
own stdout and stderr, its own exit code (an uncaught exception is exit 1 with its traceback on
stderr, as the interpreter would print it) and the warnings shown afresh for every command.

Protocol: the jobs come on stdin as a JSON list of argument lists; for every job, in order, one
JSON line on stdout: ``{"returncode": int, "stdout": str, "stderr": str, "seconds": float}``.
A command that hangs is not interrupted here: the parent reads each line with a time limit and
kills this process when a line does not come (``test_corpus.run_jobs``).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
import traceback
import warnings


def run(argv: list[str]) -> dict[str, object]:
    from decision.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
        warnings.simplefilter("default")  # as a fresh interpreter: each warning once per command
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's refusals
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:  # what the interpreter would print before exiting with 1
            traceback.print_exc()
            code = 1
    return {"returncode": code, "stdout": out.getvalue(), "stderr": err.getvalue(), "seconds": time.monotonic() - start}


def serve() -> None:
    jobs = json.loads(sys.stdin.read())
    answer = sys.stdout
    for argv in jobs:
        answer.write(json.dumps(run(argv)) + "\n")
        answer.flush()


if __name__ == "__main__":
    serve()
